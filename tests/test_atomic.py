"""Rebuilds are atomic: an interrupted rebuild changes nothing, a finished one is seen by open
searchers at their next request, and the report accounts for every input."""

from __future__ import annotations

import shutil

import pytest

from archive import Archive
from tests.conftest import FIXTURES, SEEDS


@pytest.fixture()
def two_sources(tmp_path):
    old, new = tmp_path / "old", tmp_path / "new"
    old.mkdir()
    new.mkdir()
    shutil.copy(FIXTURES / SEEDS[0], old / SEEDS[0])
    shutil.copy(FIXTURES / "wikinews-iodine.txt", new / "iodine.txt")
    shutil.copy(FIXTURES / "reuters-sample.sgm", new / "reuters.sgm")
    return old, new


def interrupt_after_first_file(step):
    if step.phase == "reading" and step.done >= 1:
        raise KeyboardInterrupt("user pressed Ctrl-C")


def test_interrupted_rebuild_leaves_the_old_index_answering(tmp_path, two_sources):
    old, new = two_sources
    arc = Archive(tmp_path / "index")
    arc.rebuild([old])
    before = arc.search("baby").to_dict()
    pointer = (tmp_path / "index" / "CURRENT").read_text()
    with pytest.raises(KeyboardInterrupt):
        Archive(tmp_path / "index").rebuild([new], progress=interrupt_after_first_file)
    assert (tmp_path / "index" / "CURRENT").read_text() == pointer
    assert arc.search("baby").to_dict() == before
    assert Archive(tmp_path / "index").search("iodine").total == 0
    leftovers = [p.name for p in (tmp_path / "index").iterdir() if p.name.startswith(".building")]
    assert leftovers == []
    arc.close()


def test_open_searcher_sees_the_new_index_after_the_swap(tmp_path, two_sources):
    old, new = two_sources
    reader = Archive(tmp_path / "index")
    Archive(tmp_path / "index").rebuild([old])
    assert reader.search("baby").total == 1
    Archive(tmp_path / "index").rebuild([new])
    assert reader.search("baby").total == 0
    assert reader.search("iodine").total == 1
    reader.close()


def test_report_accounts_for_every_input(tmp_path, two_sources):
    _, new = two_sources
    (new / "copy-of-iodine.txt").write_bytes((new / "iodine.txt").read_bytes())
    (new / "notes.md").write_text("not an article")
    (new / "empty.txt").write_text("")
    report = Archive(tmp_path / "index").rebuild([new])
    assert report.files == 5
    assert report.indexed == 1 + 7
    reasons = {s.source: s.reason for s in report.skipped}
    assert reasons["iodine.txt"] == "duplicate of copy-of-iodine.txt"
    assert reasons["empty.txt"] == "empty file"
    assert reasons["notes.md"].startswith("not a supported article format")
    assert report.to_dict()["indexed"] == 8


def test_many_files_are_read_in_parallel_with_the_same_result(tmp_path):
    source = tmp_path / "many"
    source.mkdir()
    text = (FIXTURES / "wikinews-iodine.txt").read_text()
    for number in range(80):
        (source / f"story-{number:03}.txt").write_text(text.replace("Almost half", f"Story {number}:"))
    serial = Archive(tmp_path / "a").rebuild([source], workers=1)
    parallel = Archive(tmp_path / "b").rebuild([source], workers=2)
    assert serial.indexed == parallel.indexed == 80
    ids = lambda p: [h.id for h in Archive(p).search("iodine", per_page=100, sort="oldest").hits]  # noqa: E731
    assert ids(tmp_path / "a") == ids(tmp_path / "b")


def test_a_reading_worker_killed_costs_its_file_alone(tmp_path, monkeypatch):
    # The OOM killer takes a reading worker: that file is reported, another worker reads the rest.
    import os
    import signal

    from archive import reading

    source = tmp_path / "many"
    source.mkdir()
    text = (FIXTURES / "wikinews-iodine.txt").read_text()
    for number in range(70):
        (source / f"story-{number:03}.txt").write_text(text.replace("Almost half", f"Story {number}:"))
    real = reading._read_one

    def dies_on_story_7(job):
        if job[0].id == "story-007.txt":
            os.kill(os.getpid(), signal.SIGKILL)
        return real(job)

    monkeypatch.setattr(reading, "_read_one", dies_on_story_7)
    report = Archive(tmp_path / "index").rebuild([source], workers=2)
    assert report.indexed == 69
    assert [(s.source, s.reason) for s in report.skipped] == [
        ("story-007.txt", "unreadable: its reading process died (killed by SIGKILL; out of memory?)")]
