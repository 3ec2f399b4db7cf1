"""Bytes to text: plain files that do not declare their encoding, and web pages that may."""

from __future__ import annotations

import codecs
import re

from ..errors import BadDocument


def decode_text(raw: bytes) -> str:
    """Text of a file that does not declare its encoding, without control characters.

    A byte-order mark wins (UTF-8, UTF-16, UTF-32); then UTF-16 recognised by its zero bytes;
    then UTF-8; then UTF-8 with a few stray bytes dropped, when it has more valid multi-byte
    characters than invalid bytes; else Windows-1252 (its five unassigned bytes dropped). Raises
    :class:`BadDocument` for empty files and for binary data: more than a few control characters
    (a text with one stray NUL or 0x81 byte is text; random bytes, images and archives are not).
    Tables of figures are text too: digits and punctuation do not make a file binary.
    """
    if not raw.strip():
        raise BadDocument("empty file")
    text = _unicode(raw)
    sample = text[:_SAMPLE]
    if len(_BINARY.findall(sample)) + sample.count("\ufffd") > max(2, len(sample) // 200):
        raise BadDocument("cannot be decoded as text: binary data")
    text = _CONTROLS.sub("", _PAGE_BREAKS.sub("\n", text))
    if not text.strip():
        raise BadDocument("empty file")
    return text


def _unicode(raw: bytes) -> str:
    for bom, codec in _BOMS:
        if raw.startswith(bom):
            return raw[len(bom):].decode(codec, errors="replace")
    codec = _utf16_without_bom(raw[:4096])
    if codec:
        return raw.decode(codec, errors="replace")
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError:
        pass
    mostly = raw.decode("utf-8", errors="replace")
    bad = mostly.count("\ufffd")
    if len(mostly) - len(mostly.encode("ascii", errors="ignore")) - bad > bad:  # valid non-ASCII > invalid
        return mostly.replace("\ufffd", "")
    return raw.decode("cp1252", errors="ignore")


def _utf16_without_bom(head: bytes) -> str | None:
    """UTF-16 of mostly Latin text: every other byte zero."""
    half = len(head) // 2
    if half < 8:
        return None
    even, odd = head[0::2].count(0), head[1::2].count(0)
    if odd > 0.4 * half and even < 0.05 * half:
        return "utf-16-le"
    if even > 0.4 * half and odd < 0.05 * half:
        return "utf-16-be"
    return None


# UTF-32 first: its little-endian mark begins like UTF-16's
_BOMS = ((b"\x00\x00\xfe\xff", "utf-32-be"), (b"\xff\xfe\x00\x00", "utf-32-le"), (b"\xef\xbb\xbf", "utf-8"),
         (b"\xff\xfe", "utf-16-le"), (b"\xfe\xff", "utf-16-be"))
_SAMPLE = 65536
_BINARY = re.compile(r"[\x00-\x08\x0e-\x1f]")  # no text has more than a stray one of these
_PAGE_BREAKS = re.compile(r"[\x0b\x0c]")
_DECLARED = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([a-zA-Z0-9_.:-]+)""", re.I)
# What browsers actually use for these labels (WHATWG Encoding Standard).
_WHATWG = {"iso-8859-1": "cp1252", "latin1": "cp1252", "latin-1": "cp1252", "us-ascii": "cp1252",
           "ascii": "cp1252", "gb2312": "gb18030", "gbk": "gb18030", "shift_jis": "cp932",
           "shift-jis": "cp932", "sjis": "cp932", "x-sjis": "cp932", "euc-kr": "cp949",
           "tis-620": "cp874", "iso-8859-9": "cp1254"}


# Control characters no page shows (NUL included; tab and line breaks kept): lxml cannot hold them
# in a tree, and a browser does not display them either.
_CONTROLS = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f]")


def decode_html(raw: bytes) -> str:
    """A web page's bytes as text, without control characters (see :func:`_decode_html`)."""
    return _CONTROLS.sub("", _decode_html(raw))


def _decode_html(raw: bytes) -> str:
    """A web page's bytes as text.

    A byte-order mark wins; then UTF-8 if the bytes are valid UTF-8 — pages saved from a browser
    are often re-encoded to UTF-8 while still declaring their original charset (a Japanese page
    declaring Shift_JIS, a Chinese one GB2312), and text in any other encoding is practically never
    valid UTF-8; then the ``<meta charset>`` declared in the first 4 KB (with the labels mapped as
    browsers map them: ISO-8859-1 is Windows-1252, GB2312 is GB18030); then Windows-1252.
    """
    if not raw.strip():
        raise BadDocument("empty file")
    for bom, codec in _BOMS:
        if raw.startswith(bom):
            return raw[len(bom):].decode(codec, errors="replace")
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError:
        pass
    codec = _declared(raw[:4096]) or "cp1252"
    try:
        return raw.decode(codec)
    except UnicodeDecodeError:
        return raw.decode(codec, errors="replace")


def _declared(head: bytes) -> str | None:
    match = _DECLARED.search(head)
    if not match:
        return None
    label = match.group(1).decode("ascii").lower()
    label = _WHATWG.get(label, label)
    try:
        return codecs.lookup(label).name
    except LookupError:
        return None
