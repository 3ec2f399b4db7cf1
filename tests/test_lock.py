"""One writer at a time per index: while another process holds the writer lock, a rebuild or an
update fails at once with a message naming the holder, and the live index stays as it was;
searches are not affected. The holder is a real second Python process."""

from __future__ import annotations

import re
import shutil
import signal
import subprocess
import sys
from contextlib import contextmanager
from pathlib import Path

import pytest
from click.testing import CliRunner

from archive import Archive, ArchiveError, IndexBusy
from archive.cli import cli
from archive.index import store
from tests.conftest import FIXTURES, SEEDS

ROOT = Path(__file__).resolve().parents[1]
HOLDER = """
import sys
from pathlib import Path
from archive.index import store

with store.writing(Path(sys.argv[1]), sys.argv[2]):
    print("holding", flush=True)
    sys.stdin.readline()  # until the test closes the pipe
"""


def holder(index: Path, command: str) -> subprocess.Popen:
    """A second process that holds ``index``'s writer lock (taken by the time this returns)
    until its stdin is closed."""
    proc = subprocess.Popen(
        [sys.executable, "-c", HOLDER, str(index), command],
        cwd=ROOT,
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
    )
    assert proc.stdout.readline() == "holding\n"
    return proc


@contextmanager
def held(index: Path, command: str = "rebuild"):
    """The writer lock of ``index`` held by a second process until the block ends."""
    proc = holder(index, command)
    try:
        yield proc
    finally:
        proc.stdin.close()
        proc.wait(timeout=30)
        proc.stdout.close()


@pytest.fixture()
def built(tmp_path):
    """A source folder with the seeds, indexed into ``index/``."""
    src = tmp_path / "src"
    src.mkdir()
    for name in SEEDS:
        shutil.copy(FIXTURES / name, src / name)
    Archive(tmp_path / "index").rebuild([src])
    return src, tmp_path / "index"


def snapshot(index: Path) -> tuple[str, list[str]]:
    """CURRENT and the folders of the index (a rebuild or update would change one of them)."""
    return (index / "CURRENT").read_text(), sorted(p.name for p in index.iterdir() if p.is_dir())


def test_a_second_rebuild_fails_at_once_naming_the_first(built):
    src, index = built
    before = snapshot(index)
    with held(index) as holder:
        with pytest.raises(IndexBusy) as info:
            Archive(index).rebuild([src])
        message = str(info.value)
        assert message.startswith(f"The index in {index}/ is being written by another archive rebuild ")
        assert re.search(rf"\(pid {holder.pid}, started at \d\d:\d\d\)\.$", message)
        assert "Wait for it to finish" in info.value.hint
        assert snapshot(index) == before
    assert Archive(index).rebuild([src]).indexed == 2  # released with the holder
    assert snapshot(index) != before


def test_an_update_waits_its_turn_and_changes_nothing_meanwhile(built):
    src, index = built
    shutil.copy(FIXTURES / "wikinews-iodine.txt", src / "iodine.txt")
    before = snapshot(index)
    with held(index, "update") as holder, Archive(index) as reader:
        with pytest.raises(IndexBusy, match=rf"another archive update \(pid {holder.pid}, "):
            Archive(index).update()
        assert snapshot(index) == before
        assert reader.search("iodine").total == 0 and reader.stats()["articles"] == 2
    report = Archive(index).update()
    assert report.added == 1
    assert Archive(index).search("iodine").total == 1


def test_cli_says_it_in_one_message_and_searches_keep_working(built):
    src, index = built
    runner = CliRunner()
    with held(index) as holder:
        for command in (["rebuild", str(src)], ["update"]):
            result = runner.invoke(cli, [*command, "--index", str(index)])
            assert result.exit_code == 1 and "Traceback" not in result.output
            first, hint = result.output.splitlines()
            assert first.startswith("Error: The index in ") and f"(pid {holder.pid}, started at " in first
            assert hint.startswith("Hint: Wait for it to finish, then run this again.")
        assert runner.invoke(cli, ["search", "baby", "--index", str(index)]).exit_code == 0
        stats = runner.invoke(cli, ["stats", "--index", str(index)])
        assert stats.exit_code == 0 and "articles: 2" in stats.output


def test_the_lock_goes_with_a_killed_writer(built):
    src, index = built
    proc = holder(index, "rebuild")
    proc.send_signal(signal.SIGKILL)
    proc.wait(timeout=30)
    proc.stdin.close()
    proc.stdout.close()
    assert Archive(index).rebuild([src]).indexed == 2


def test_the_lock_file_stays_out_of_generations(built):
    src, index = built
    Archive(index).update()  # nothing changed: a linked copy of the live generation
    (src / SEEDS[0]).write_text((src / SEEDS[0]).read_text() + "\nOne more line.\n")
    Archive(index).update()
    Archive(index).rebuild([src])
    assert (index / store.WRITER_LOCK).read_text() == ""  # no holder now
    generations = [p for p in index.iterdir() if p.is_dir()]
    assert len(generations) == 2 and all(p.name.startswith("gen-") for p in generations)
    assert not [p for g in generations for p in g.iterdir() if p.name == store.WRITER_LOCK]


def test_an_update_with_nothing_to_update_creates_no_folder(tmp_path):
    with pytest.raises(ArchiveError, match="No index in"):
        Archive(tmp_path / "none").update()
    assert not (tmp_path / "none").exists()


def test_a_killed_writers_lock_is_taken_over_and_said_so(built):
    src, index = built
    proc = holder(index, "rebuild")
    (index / ".building-20260101-000000-abcd").mkdir()  # what a killed rebuild leaves
    (index / ".building-20260101-000000-abcd" / "seg").write_bytes(b"x" * 4096)
    (index / f".CURRENT.{proc.pid}").write_text("gen-x\n")
    proc.send_signal(signal.SIGKILL)
    proc.wait(timeout=30)
    proc.stdin.close()
    proc.stdout.close()
    report = Archive(index).rebuild([src])
    assert re.match(rf"An earlier archive rebuild \(pid {proc.pid}, started at \d\d:\d\d\) was interrupted "
                    r"before it finished: took over its lock and removed what it left \(\d+ KB\); the live "
                    r"index is as that one left it\.$", report.took_over)
    assert not [p for p in index.iterdir() if p.name.startswith((".building-", ".CURRENT."))]
    assert Archive(index).rebuild([src]).took_over is None  # that one finished


def test_the_lock_is_not_held_by_a_child_that_outlives_its_writer(built):
    # A record lock belongs to the process: a child forked while the lock was held (and still
    # holding the open file) does not keep the index locked once the writer is gone.
    src, index = built
    script = HOLDER.replace('    print("holding", flush=True)',
                            '    import os, time\n    if os.fork() == 0:\n        time.sleep(60)\n'
                            '        os._exit(0)\n    print("holding", flush=True)')
    proc = subprocess.Popen([sys.executable, "-c", script, str(index), "rebuild"], cwd=ROOT,
                            stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True)
    assert proc.stdout.readline() == "holding\n"
    proc.send_signal(signal.SIGKILL)
    proc.wait(timeout=30)
    proc.stdin.close()
    proc.stdout.close()
    assert Archive(index).rebuild([src]).indexed == 2  # the orphan child still runs meanwhile


def test_a_second_writer_in_the_same_process_is_refused(built):
    src, index = built
    with store.writing(index, "rebuild"):
        with pytest.raises(IndexBusy, match=r"by another archive rebuild or update in this process"):
            Archive(index).update()
    assert Archive(index).update().added == 0
