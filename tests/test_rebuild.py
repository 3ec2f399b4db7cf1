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

    def interrupt(done, total, articles):
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
    assert report.indexed == arc.search("").total
    assert any(s.source == "empty.txt" for s in report.skipped)
    assert report.files == 5
