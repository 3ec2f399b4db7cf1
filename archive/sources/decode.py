"""Bytes to text for files that do not declare their encoding."""

from __future__ import annotations

from ..errors import BadDocument


def decode_text(raw: bytes) -> str:
    """UTF-8 (with or without BOM), else Windows-1252 if the result reads as text.

    Raises :class:`BadDocument` for binary data (e.g. random bytes, images) and for empty files.
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
        if not _reads_as_text(text):
            raise BadDocument("cannot be decoded as text: binary data, not UTF-8") from None
    if "\x00" in text or not _reads_as_text(text):
        raise BadDocument("cannot be decoded as text: binary data")
    return text


def _reads_as_text(text: str) -> bool:
    sample = text[:20000]
    controls = sum(1 for ch in sample if ord(ch) < 32 and ch not in "\t\n\r\f")
    letters = sum(1 for ch in sample if ch.isalpha() or ch.isspace())
    return controls == 0 and letters >= 0.6 * len(sample)
