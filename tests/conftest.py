"""Shared fixtures: real indexes built under tmp paths, the shared corpora when present."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from archive import Archive

FIXTURES = Path(__file__).parent / "fixtures"
SHARED = Path(__file__).resolve().parents[1].parent / "shared"
SEEDS = ["000_22084bbc24ccd4f7.txt", "001_e5559c25d7e2ccce.txt"]


def shared_path(*parts: str) -> Path:
    """A path under ../shared, or skip the test with the reason."""
    path = SHARED.joinpath(*parts)
    if not path.exists():
        pytest.skip(f"needs {path} (the shared corpora are not beside this checkout)")
    return path


@pytest.fixture(scope="session")
def seeds_dir(tmp_path_factory) -> Path:
    """The two seed articles plus an empty .txt and a .txt of random bytes."""
    folder = tmp_path_factory.mktemp("seeds")
    for name in SEEDS:
        shutil.copy(FIXTURES / name, folder / name)
    (folder / "empty.txt").write_bytes(b"")
    (folder / "random.txt").write_bytes(bytes(range(256)) * 8 + b"\x00\xff\xfe" * 100)
    return folder


@pytest.fixture(scope="session")
def seeds_archive(seeds_dir, tmp_path_factory) -> Archive:
    """A real index of the seeds, built once for the session (read-only for tests)."""
    arc = Archive(tmp_path_factory.mktemp("index") / "index")
    arc.rebuild([seeds_dir])
    yield arc
    arc.close()


@pytest.fixture(scope="session")
def mixed_dir(tmp_path_factory) -> Path:
    """Seeds, a Wikinews article, Reuters SGML and HuffPost JSONL: every reader at once."""
    folder = tmp_path_factory.mktemp("mixed")
    for name in [*SEEDS, "wikinews-iodine.txt", "reuters-sample.sgm", "huffpost-sample.jsonl"]:
        shutil.copy(FIXTURES / name, folder / name)
    return folder


@pytest.fixture(scope="session")
def mixed_archive(mixed_dir, tmp_path_factory) -> Archive:
    arc = Archive(tmp_path_factory.mktemp("mixed-index") / "index")
    arc.rebuild([mixed_dir])
    yield arc
    arc.close()
