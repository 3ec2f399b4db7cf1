"""A source tree with every hostile entry of issue 14 beside real articles, and what a rebuild
must make of each: the ids it must index, and the entries it must name with (part of) a reason.

Used by tests/test_hostile.py and ``python -m benchmarks.hostile``. The articles are real text:
the fixtures (seeds, Wikinews, Reuters, HuffPost) and Wikinews articles of ``data/wikinews``
(CC BY 2.5), each used once so that no two are duplicates of each other.
"""

from __future__ import annotations

import ctypes
import json
import os
import re
import socket
import subprocess
import sys
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
FIXTURES = ROOT / "tests" / "fixtures"
WIKINEWS = ROOT / "data" / "wikinews"
DEPTH = 254  # nested elements around the story of deep.html
CSV_RECORDS = 100
CSV_BIG_RECORD = 50
CSV_BIG_FIELD = 150_000


@dataclass
class Hostile:
    sources: list[Path]
    articles: set[str] = field(default_factory=set)  # ids a rebuild must index
    named: dict[str, str] = field(default_factory=dict)  # entry → fragment of its skip reason
    notes: dict[str, str] = field(default_factory=dict)  # entry → fragment of its note
    locked: Path | None = None  # a folder without permissions (unreadable unless DAC is overridden)


def wikinews(name: str) -> str:
    return (WIKINEWS / f"GUM_news_{name}.txt").read_text(encoding="utf-8")


def build(root: Path) -> Hostile:
    """Two source folders under ``root`` (``desk/`` and ``wire/``), and what must become of them."""
    desk, wire, outside = root / "desk", root / "wire", root / "elsewhere"
    for folder in (desk, wire, outside):
        folder.mkdir(parents=True)
    tree = Hostile([desk, wire])
    _texts(desk, tree)
    _records(desk, wire, tree)
    _special(desk, outside, tree)
    return tree


def _write(tree: Hostile, path: Path, data: bytes, article_id: str | None) -> None:
    path.write_bytes(data)
    if article_id:
        tree.articles.add(article_id)


def _texts(desk: Path, tree: Hostile) -> None:
    """Texts the old decoder refused: byte-order marks, one stray NUL or 0x81 byte, a table."""
    _write(tree, desk / "story.txt", (FIXTURES / "000_22084bbc24ccd4f7.txt").read_bytes(), "desk/story.txt")
    _write(tree, desk / "utf16.txt", "\ufeff".encode("utf-16-le") + wikinews("afghan").encode("utf-16-le"),
           "desk/utf16.txt")
    _write(tree, desk / "utf32.txt", "\ufeff".encode("utf-32-be") + wikinews("asylum").encode("utf-32-be"),
           "desk/utf32.txt")
    _write(tree, desk / "utf8-bom.txt", b"\xef\xbb\xbf" + wikinews("clock").encode(), "desk/utf8-bom.txt")
    crane = wikinews("crane").encode()
    _write(tree, desk / "nul.txt", crane[:900] + b"\x00" + crane[900:], "desk/nul.txt")
    defector = wikinews("defector").encode()
    _write(tree, desk / "stray-byte.txt", defector[:700] + b"\x81" + defector[700:], "desk/stray-byte.txt")
    _write(tree, desk / "table.txt", (FIXTURES / "reuters-table.txt").read_bytes(), "desk/table.txt")
    title, _, body = wikinews("election").partition("\n")
    paragraphs = "".join(f"<p>{p}</p>" for p in body.split("\n") if p.strip())
    page = (f"<!doctype html><html><head><title>{title}</title></head><body>" + "<div>" * DEPTH
            + f"<article><h1>{title}</h1>{paragraphs}</article>" + "</div>" * DEPTH + "</body></html>")
    _write(tree, desk / "deep.html", page.encode(), "desk/deep.html")
    # a file name that is not UTF-8 (Latin-1 'é'): its id percent-encodes the byte
    latin1 = Path(os.fsdecode(bytes(desk) + b"/caf\xe9.txt"))
    _write(tree, latin1, wikinews("expo").encode(), "desk/caf%E9.txt")
    (desk / "README.md").write_text("Notes about this folder.\n")
    tree.named["desk/README.md"] = "not a supported article format"


def _records(desk: Path, wire: Path, tree: Hostile) -> None:
    """A CSV with a 150 KB field at record 50, a metadata file, and a second source whose
    story.txt shares its name with the first's."""
    paragraphs = [p for f in sorted(WIKINEWS.glob("*.txt"))
                  for p in f.read_text(encoding="utf-8").split("\n")[2:] if len(p) > 200]
    big = " ".join(paragraphs)[:CSV_BIG_FIELD]
    rows = ["title,body"]
    for number in range(1, CSV_RECORDS + 1):
        body = big if number == CSV_BIG_RECORD else paragraphs[number]
        rows.append(f'"Wikinews paragraph {number}","{body.replace(chr(34), chr(34) * 2)}"')
        tree.articles.add(f"desk/export.csv#{number}")
    (desk / "export.csv").write_text("\n".join(rows) + "\n", encoding="utf-8")
    metadata = [{"id": f.stem, "file": f"txt/{f.name}", "genre": "news",
                 "title": f.read_text(encoding="utf-8").split("\n", 1)[0], "author": "Wikinews",
                 "n_words": len(f.read_text(encoding="utf-8").split())}
                for f in sorted(WIKINEWS.glob("*.txt"))]
    (desk / "metadata.jsonl").write_text("".join(json.dumps(m) + "\n" for m in metadata), encoding="utf-8")
    tree.named["desk/metadata.jsonl"] = "not articles"
    _write(tree, wire / "story.txt", (FIXTURES / "001_e5559c25d7e2ccce.txt").read_bytes(), "wire/story.txt")
    _write(tree, wire / "iodine.txt", (FIXTURES / "wikinews-iodine.txt").read_bytes(), "wire/iodine.txt")
    _write(tree, wire / "huffpost.jsonl", (FIXTURES / "huffpost-sample.jsonl").read_bytes(), None)
    tree.articles |= {f"wire/huffpost.jsonl#{n}" for n in range(1, 6)}
    _write(tree, wire / "reuters.sgm", (FIXTURES / "reuters-sample.sgm").read_bytes(), None)
    keys = re.findall(r'NEWID="(\d+)"', (wire / "reuters.sgm").read_text())
    tree.articles |= {f"wire/reuters.sgm#{key}" for key in keys}


def _special(desk: Path, outside: Path, tree: Hostile) -> None:
    """Links, loops, a pipe, a socket, a device, hidden and unreadable entries."""
    (desk / "loop").symlink_to(".")
    tree.named["desk/loop"] = "symlinked folder loop"
    (desk / "self.txt").symlink_to("self.txt")
    tree.named["desk/self.txt"] = "symlink loop"
    (desk / "broken.txt").symlink_to("no-such-file.txt")
    tree.named["desk/broken.txt"] = "broken symlink"
    (desk / "alias.txt").symlink_to("story.txt")
    tree.named["desk/alias.txt"] = "symlink to a file read already (as desk/story.txt)"
    loose = outside.parent / "loose"
    loose.mkdir()
    (loose / "imprisoned.txt").write_text(wikinews("imprisoned"), encoding="utf-8")
    (desk / "imprisoned.txt").symlink_to(loose / "imprisoned.txt")
    tree.notes["desk/imprisoned.txt"] = "symlink to a file"
    tree.articles.add("desk/imprisoned.txt")
    (desk / "null.txt").symlink_to(os.devnull)
    tree.named["desk/null.txt"] = "device"
    os.mkfifo(desk / "pipe.txt")
    tree.named["desk/pipe.txt"] = "named pipe"
    with socket.socket(socket.AF_UNIX) as sock:
        sock.bind(str(desk / "sock.txt"))
    tree.named["desk/sock.txt"] = "socket"
    (desk / ".hidden.txt").write_text(wikinews("flag"), encoding="utf-8")
    tree.named["desk/.hidden.txt"] = "hidden"
    (desk / ".cache").mkdir()
    (desk / ".cache" / "story.txt").write_text(wikinews("hackers"), encoding="utf-8")
    tree.named["desk/.cache"] = "hidden"
    (outside / "homeopathic.txt").write_text(wikinews("homeopathic"), encoding="utf-8")
    (desk / "linked").symlink_to(outside)
    tree.notes["desk/linked"] = "symlinked folder"
    tree.articles.add("desk/linked/homeopathic.txt")
    tree.locked = desk / "locked"
    tree.locked.mkdir()
    (tree.locked / "korea.txt").write_text(wikinews("korea"), encoding="utf-8")
    tree.locked.chmod(0)


_PR_CAPBSET_DROP = 24
_DAC_CAPABILITIES = (1, 2)  # CAP_DAC_OVERRIDE, CAP_DAC_READ_SEARCH


def without_root_reading() -> None:
    """For a child process of root, before it starts: no capability to read any file, so that
    the kernel refuses it a folder without permissions as it refuses any user (Linux)."""
    libc = ctypes.CDLL(None, use_errno=True)
    for capability in _DAC_CAPABILITIES:
        if libc.prctl(_PR_CAPBSET_DROP, capability, 0, 0, 0) != 0:
            raise OSError(ctypes.get_errno(), "cannot drop CAP_DAC_OVERRIDE")


def reading_limits():
    """What a child needs so that the locked folder is unreadable (None: nothing, not root); raises
    OSError when it cannot be made unreadable here."""
    if os.geteuid() != 0:
        return None
    if not sys.platform.startswith("linux") or subprocess.run(
            [sys.executable, "-c", "pass"], preexec_fn=without_root_reading, check=False).returncode:
        raise OSError("running as root without the right to drop CAP_DAC_OVERRIDE")
    return without_root_reading


def children(pid: int) -> list[int]:
    """The live child processes of ``pid`` (from /proc)."""
    return [child for child, parent, state in _processes() if parent == pid and state != "Z"]


def alive(pids: list[int]) -> list[int]:
    """Those of ``pids`` that still run (zombies are dead)."""
    wanted = set(pids)
    return [pid for pid, _parent, state in _processes() if pid in wanted and state != "Z"]


def _processes():
    for entry in os.listdir("/proc"):
        if entry.isdigit():
            try:
                fields = Path(f"/proc/{entry}/stat").read_text().rsplit(")", 1)[1].split()
            except OSError:
                continue
            yield int(entry), int(fields[1]), fields[0]


def unlock(tree: Hostile) -> None:
    """Give the locked folder its permissions back (so that it can be removed)."""
    if tree.locked is not None and tree.locked.exists():
        tree.locked.chmod(0o755)
