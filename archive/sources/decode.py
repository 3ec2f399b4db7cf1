"""Bytes to text: plain files that do not declare their encoding, and web pages that may."""

from __future__ import annotations

import codecs
import re

from ..errors import BadDocument


def decode_text(raw: bytes, *, prose: bool = True) -> str:
    """UTF-8 (with or without BOM), else Windows-1252 if the result reads as text.

    Raises :class:`BadDocument` for binary data (e.g. random bytes, images) and for empty files.
    Prose must be mostly letters; structured data (``prose=False``: JSON, CSV) is mostly quotes,
    commas and digits when its records are short, so only control characters mark it as binary.
    """
    if not raw.strip():
        raise BadDocument("empty file")
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        try:
            text = raw.decode("cp1252")
        except UnicodeDecodeError:
            raise BadDocument("cannot be decoded as text (not UTF-8 or Windows-1252)") from None
        if not _reads_as_text(text, prose):
            raise BadDocument("cannot be decoded as text: binary data, not UTF-8") from None
    if "\x00" in text or not _reads_as_text(text, prose):
        raise BadDocument("cannot be decoded as text: binary data")
    return text


def _reads_as_text(text: str, prose: bool) -> bool:
    sample = text[:20000]
    if any(ord(ch) < 32 and ch not in "\t\n\r\f" for ch in sample):
        return False
    return not prose or sum(1 for ch in sample if ch.isalpha() or ch.isspace()) >= 0.6 * len(sample)


_BOMS = ((b"\xef\xbb\xbf", "utf-8-sig"), (b"\xff\xfe", "utf-16"), (b"\xfe\xff", "utf-16"))
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
            return raw.decode(codec, errors="replace")
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
