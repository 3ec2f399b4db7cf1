"""Rebuilds and updates from the command line, their reports, and an interrupted update."""

from __future__ import annotations

import json
import shutil

import pytest
from click.testing import CliRunner

from archive import Archive
from archive.cli import cli
from archive.index import store
from tests.conftest import FIXTURES, SEEDS


@pytest.fixture()
def sources(tmp_path):
    folder = tmp_path / "src"
    folder.mkdir()
    for name in [*SEEDS, "wikinews-iodine.txt", "reuters-sample.sgm"]:
        shutil.copy(FIXTURES / name, folder / name)
    return folder


def run(*args):
    return CliRunner().invoke(cli, [str(a) for a in args], catch_exceptions=False)


def test_cli_update_reports_what_changed(sources, tmp_path):
    index = tmp_path / "index"
    assert run("rebuild", sources, "--index", index, "--quiet").exit_code == 0
    (sources / "wikinews-iodine.txt").unlink()
    result = run("update", "--index", index, "--json")
    assert result.exit_code == 0
    report = json.loads(result.output)
    assert (report["added"], report["changed"], report["removed"]) == (0, 0, 1)
    assert report["sources"] == [str(sources)]
    text = run("update", "--index", index)
    assert text.exit_code == 0
    assert "0 added, 0 changed, 0 removed." in text.output


def test_cli_update_without_an_index_rebuilds(sources, tmp_path):
    result = run("update", sources, "--index", tmp_path / "index")
    assert result.exit_code == 0
    assert result.output.startswith("No earlier index to update: rebuilt it.")


def test_cli_update_without_an_index_or_sources_says_what_to_do(tmp_path):
    result = CliRunner().invoke(cli, ["update", "--index", str(tmp_path / "index")])
    assert result.exit_code == 1
    assert "No index in" in result.output and "archive rebuild SOURCE" in result.output
    assert not (tmp_path / "index").exists()


def test_interrupted_update_leaves_the_live_index_untouched(sources, tmp_path):
    arc = Archive(tmp_path / "index")
    arc.rebuild([sources])
    pointer = (tmp_path / "index" / "CURRENT").read_text()
    live = store.live_generation(tmp_path / "index")
    files = sorted(p.name for p in live.iterdir())
    shutil.copy(FIXTURES / "huffpost-sample.jsonl", sources / "huffpost.jsonl")

    def interrupt(step):
        if step.phase == "reading" and step.done >= 1:
            raise KeyboardInterrupt

    with pytest.raises(KeyboardInterrupt):
        arc.update(progress=interrupt)
    assert (tmp_path / "index" / "CURRENT").read_text() == pointer
    assert sorted(p.name for p in live.iterdir()) == files
    assert not [p for p in (tmp_path / "index").iterdir() if p.name.startswith(".building")]
    assert arc.update().added >= 1


def test_report_counts_add_up_after_an_update(sources, tmp_path):
    arc = Archive(tmp_path / "index")
    arc.rebuild([sources])
    (sources / "empty.txt").write_bytes(b"")
    report = arc.update()
    assert report.indexed == arc.search("").articles
    assert any(s.source == "empty.txt" for s in report.skipped)
    assert report.files == 5


def test_update_after_a_rebuild_from_a_relative_path_reads_nothing_again(sources, tmp_path, monkeypatch):
    # The files were keyed as given ("src/…") and the sources stored absolute: every file was
    # read again (22.8 s on a corpus where nothing had changed).
    monkeypatch.chdir(tmp_path)
    assert run("rebuild", "src", "--index", "index", "--quiet").exit_code == 0
    report = json.loads(run("update", "--index", "index", "--json").output)
    assert (report["reread"], report["added"], report["changed"], report["removed"]) == (0, 0, 0, 0)
    assert report["sources"] == [str(sources)]
    (sources / "wikinews-iodine.txt").write_text((sources / "wikinews-iodine.txt").read_text() + "\nMore.\n")
    again = json.loads(run("update", "src", "--index", "index", "--json").output)
    assert (again["reread"], again["changed"]) == (1, 1)


def test_max_article_size_option(sources, tmp_path):
    args = ["rebuild", str(sources), "--index", str(tmp_path / "i"), "--max-article-size"]
    bad = CliRunner().invoke(cli, [*args, "huge"])
    assert bad.exit_code == 2 and "'huge' is not a size (e.g. 5MB, 500k, 1048576)" in bad.output
    report = json.loads(run("rebuild", sources, "--index", tmp_path / "i", "--max-article-size", "1k",
                            "--json").output)
    cut = {n["source"]: n["note"] for n in report["notes"]}
    assert cut["wikinews-iodine.txt"].startswith("cut at the maximum article size: only the first 1 KB of ")
    with Archive(tmp_path / "i") as archive:
        assert len(archive.get("wikinews-iodine.txt").body) <= 1024
