"""A source tree with every hostile entry (symlink loops, a pipe, a socket, a device, a non-UTF-8
file name, hidden, symlinked and unreadable entries, duplicate names in two sources, BOMs, a stray
NUL and 0x81 byte, a table of figures, 254-deep HTML, a CSV with a 150 KB field, a metadata file)
beside real articles: the real CLI, in its own process and with a time limit (a pipe once made a
rebuild wait forever), indexes every real article and names every other entry with its reason;
``archive update`` too.

The folder without permissions is unreadable for real: run as root, the CLI runs without the
capabilities that let root read anything (CAP_DAC_OVERRIDE, CAP_DAC_READ_SEARCH, dropped from its
bounding set before it starts: :func:`tests.hostile.without_root_reading`), so the kernel refuses
it the folder as it would refuse a user.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from archive import Archive
from tests import hostile

ROOT = Path(__file__).resolve().parents[1]
TIME_LIMIT = 300  # seconds: bounded, however loaded the machine (a blocked rebuild never ends)


def archive_cli(*args) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "archive", *map(str, args)], cwd=ROOT, capture_output=True,
                          text=True, timeout=TIME_LIMIT, preexec_fn=hostile.reading_limits())


@pytest.fixture(scope="module")
def tree(tmp_path_factory):
    try:
        hostile.reading_limits()
    except (OSError, subprocess.SubprocessError) as exc:
        pytest.skip(f"a folder cannot be made unreadable here ({exc})")
    tree = hostile.build(tmp_path_factory.mktemp("hostile"))
    yield tree
    hostile.unlock(tree)


@pytest.fixture(scope="module")
def rebuilt(tree, tmp_path_factory):
    index = tmp_path_factory.mktemp("hostile-index") / "index"
    result = archive_cli("rebuild", *tree.sources, "--index", index, "--json")
    assert result.returncode == 0, result.stderr
    return index, json.loads(result.stdout)


def expected_skips(tree) -> dict[str, str]:
    return {**tree.named, "desk/locked": "unreadable folder: Permission denied"}


def check_report(tree, index: Path, report: dict) -> None:
    with Archive(index) as archive:
        indexed = {row["id"] for row in archive.export("", all_copies=True)}
    assert indexed == tree.articles
    assert report["indexed"] == len(tree.articles)
    skipped = {s["source"]: s["reason"] for s in report["skipped"]}
    assert skipped.keys() == expected_skips(tree).keys()
    for source, reason in expected_skips(tree).items():
        assert reason in skipped[source], source
    notes = {n["source"]: n["note"] for n in report["notes"]}
    assert notes.keys() == tree.notes.keys()
    for source, note in tree.notes.items():
        assert notes[source].startswith(note), source


def test_rebuild_indexes_every_real_article_and_names_every_other_entry(tree, rebuilt):
    index, report = rebuilt
    check_report(tree, index, report)
    listed = Path(report["report_file"]).read_text(encoding="utf-8").splitlines()
    assert sum(line.startswith("skipped\t") for line in listed) == len(report["skipped"])
    assert sum(line.startswith("note\t") for line in listed) == len(report["notes"])


def test_the_text_report_counts_skips_by_reason_and_names_the_full_list(tree, rebuilt, tmp_path):
    result = archive_cli("rebuild", *tree.sources, "--index", tmp_path / "index")
    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    assert lines[0].startswith(f"Indexed {len(tree.articles)} articles from ")
    assert lines[1] == f"Skipped {len(expected_skips(tree))}, by reason:"
    assert "  1 file: named pipe (e.g. desk/pipe.txt)" in lines
    assert "  1 folder: unreadable folder (e.g. desk/locked)" in lines
    assert "  1 file: not articles (e.g. desk/metadata.jsonl)" in lines
    assert lines[-1] == f"Every one is listed in {tmp_path / 'index' / 'report.txt'} (and by --json)."
    assert len(lines) < 25


def test_update_reads_nothing_again_and_reports_the_same(tree, rebuilt):
    index, report = rebuilt
    result = archive_cli("update", "--index", index, "--json")
    assert result.returncode == 0, result.stderr
    again = json.loads(result.stdout)
    assert (again["added"], again["changed"], again["removed"], again["reread"]) == (0, 0, 0, 0)
    check_report(tree, index, again)


def test_update_takes_in_new_articles_and_names_new_hostile_entries(tree, rebuilt, tmp_path):
    index, _ = rebuilt
    work = tmp_path / "index"
    subprocess.run(["cp", "-a", str(index), str(work)], check=True)
    desk = tree.sources[0]
    os.mkfifo(desk / "second-pipe.txt")
    (desk / "warming.txt").write_text(hostile.wikinews("warming"), encoding="utf-8")
    try:
        result = archive_cli("update", "--index", work, "--json")
        assert result.returncode == 0, result.stderr
        report = json.loads(result.stdout)
        assert (report["added"], report["changed"], report["removed"], report["reread"]) == (1, 0, 0, 1)
        skipped = {s["source"]: s["reason"] for s in report["skipped"]}
        assert skipped["desk/second-pipe.txt"].startswith("named pipe (FIFO): not opened")
        with Archive(work) as archive:
            assert archive.get("desk/warming.txt").title
    finally:
        (desk / "second-pipe.txt").unlink()
        (desk / "warming.txt").unlink()
