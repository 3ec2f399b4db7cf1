"""Shared fixtures: real indexes built under tmp paths, the shared corpora when present."""

from __future__ import annotations

import gzip
import json
import shutil
from contextlib import contextmanager
from pathlib import Path

import pytest

import archive
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


@contextmanager
def built(tmp_path_factory, name: str, sources: list[Path]):
    """A real archive of ``sources``, rebuilt under a new tmp folder ``name``: (archive, its
    rebuild report), closed when the block ends."""
    arc = Archive(tmp_path_factory.mktemp(name) / "index")
    try:
        yield arc, arc.rebuild(sources)
    finally:
        arc.close()


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
    with built(tmp_path_factory, "index", [seeds_dir]) as (arc, _):
        yield arc


@pytest.fixture(scope="session")
def mixed_dir(tmp_path_factory) -> Path:
    """Seeds, a Wikinews article, Reuters SGML and HuffPost JSONL: every reader at once."""
    folder = tmp_path_factory.mktemp("mixed")
    for name in [*SEEDS, "wikinews-iodine.txt", "reuters-sample.sgm", "huffpost-sample.jsonl"]:
        shutil.copy(FIXTURES / name, folder / name)
    return folder


@pytest.fixture(scope="session")
def mixed_archive(mixed_dir, tmp_path_factory) -> Archive:
    with built(tmp_path_factory, "mixed-index", [mixed_dir]) as (arc, _):
        yield arc


HOSTILE_TXT = """<script>alert("title")</script> Hostile <b>headline</b> about Kate Beckinsale & co
Last updated on Jun 18th, 2021 at 9:00 am
By <img src=x onerror=alert(1)> Mallory

Kate Beckinsale was quoted <script>alert('body')</script> next to <a href="javascript:alert(1)">a link</a>.

A second paragraph about baby loss with <iframe src="https://evil.example"></iframe> inside it.
"""

HOSTILE_HTML = """<!doctype html><html><head>
<title>&lt;script&gt;alert(1)&lt;/script&gt; Markup &amp; mischief in the newsroom</title>
<meta property="og:url" content="javascript:alert('url')">
<meta property="article:published_time" content="2021-06-19T10:00:00Z">
</head><body><article><h1>&lt;script&gt;alert(1)&lt;/script&gt; Markup &amp; mischief in the newsroom</h1>
<p>By Eve Hacker</p>
<p>Chrissy Teigen spoke to reporters. The text shows &lt;b&gt;tags&lt;/b&gt; and
&lt;script&gt;document.cookie&lt;/script&gt; as plain words, and mentions baby loss once.</p>
<p>Chrissy Teigen said the archive must escape everything it shows to its readers.</p>
</article></body></html>
"""


@pytest.fixture(scope="session")
def web_dir(mixed_dir, tmp_path_factory) -> Path:
    """Every fixture article plus two hostile ones (markup and script in title and body)."""
    folder = tmp_path_factory.mktemp("web")
    for path in mixed_dir.iterdir():
        shutil.copy(path, folder / path.name)
    (folder / "hostile.txt").write_text(HOSTILE_TXT, encoding="utf-8")
    (folder / "hostile.html").write_text(HOSTILE_HTML, encoding="utf-8")
    return folder


@pytest.fixture(scope="session")
def web_archive(web_dir, tmp_path_factory) -> Archive:
    """A real index of ``web_dir`` for the web tests (read-only)."""
    with built(tmp_path_factory, "web-index", [web_dir]) as (arc, _):
        yield arc


# -- hostile names, odd record keys, a long article and many words (tests/test_robust.py) -----

WORDS = Path(archive.__file__).parent / "extract" / "data" / "common_words.txt.gz"
# Record keys (the JSON Lines "id" field) that a browser or a router would rewrite.
ODD_KEYS = ["a/../b", "x//y", "ends/", "q?#%&+ z", "tab\there", "./dot"]


def glossary(words: list[str]) -> str:
    """A real-word text with thousands of distinct words: what makes two-letter prefixes costly."""
    lines = [" ".join(words[i:i + 12]) + "." for i in range(0, len(words), 12)]
    return "A glossary of common English words\n\nAuthor: Archive Tests\n\n" + "\n\n".join(lines) + "\n"


@pytest.fixture(scope="session")
def robust_dir(tmp_path_factory) -> Path:
    """Seeds and Wikinews under file names with a tab and a newline, HuffPost records whose keys
    hold slashes, dots and URL syntax, a 300,000-character article and a glossary."""
    folder = tmp_path_factory.mktemp("robust")
    shutil.copy(FIXTURES / SEEDS[0], folder / SEEDS[0])
    shutil.copy(FIXTURES / SEEDS[1], folder / "new\nline.txt")
    shutil.copy(FIXTURES / "wikinews-iodine.txt", folder / "tab\tstory.txt")
    records = [json.loads(line) for line in (FIXTURES / "huffpost-sample.jsonl").read_text().splitlines()]
    with (folder / "odd-keys.jsonl").open("w", encoding="utf-8") as out:
        for number, key in enumerate(ODD_KEYS):  # five records: the sixth is the first again, retitled
            record = records[number % len(records)]
            title = record["headline"] + (" (again)" if number >= len(records) else "")
            out.write(json.dumps({**record, "headline": title, "id": key}) + "\n")
    iodine = (FIXTURES / "wikinews-iodine.txt").read_text(encoding="utf-8").split("\n\n")
    paragraphs = [f"Part {n}. {iodine[n % (len(iodine) - 2) + 2]}" for n in range(1, 1000)]
    body = "\n\n".join(paragraphs)[:300_000]
    (folder / "long.txt").write_text(f"A very long report on iodine in schools\n\n{body}\n", encoding="utf-8")
    words = [w for w in gzip.decompress(WORDS.read_bytes()).decode().split() if w.isalpha()]
    (folder / "glossary.txt").write_text(glossary(words[::6]), encoding="utf-8")
    return folder


@pytest.fixture(scope="session")
def robust(robust_dir, tmp_path_factory) -> Archive:
    with built(tmp_path_factory, "robust-index", [robust_dir]) as (arc, report):
        assert report.indexed == 1 + 2 + len(ODD_KEYS) + 2, report.skipped
        yield arc


@pytest.fixture(scope="session")
def reuters_built(tmp_path_factory):
    """Reuters-21578 indexed once for the session: (archive, rebuild report). Read-only."""
    corpus = shared_path("corpora", "reuters21578")
    with built(tmp_path_factory, "reuters", sorted(corpus.glob("*.sgm.gz"))) as found:
        yield found


@pytest.fixture(scope="module")
def reuters_client(reuters_built):
    """Reuters-21578's archive and a Flask test client of the web interface on it."""
    from web import create_app

    arc, _ = reuters_built
    app = create_app({"INDEX": str(arc.index_dir), "TESTING": True})
    yield arc, app.test_client()
    app.extensions["archive"].close()
