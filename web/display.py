"""Template filters: dates and counts as a newsroom writes them."""

from __future__ import annotations

from datetime import datetime

from flask import Flask


def register(app: Flask) -> None:
    app.add_template_filter(long_date)
    app.add_template_filter(plural)
    app.add_template_filter(web_link)
    app.add_template_filter(short_date)


def long_date(value: datetime | None, with_time: bool = False, precision: str | None = None) -> str:
    """"17 June 2021" (and ", 12:01" when the time is known and asked for); "February 2006" or
    "2006" for a date known only to the month or the year."""
    if value is None:
        return ""
    if precision in ("month", "year"):
        return value.strftime("%B %Y" if precision == "month" else "%Y")
    text = f"{value.day} {value.strftime('%B %Y')}"
    if with_time and precision != "day" and (value.hour or value.minute):
        text += value.strftime(", %H:%M")
    return text


def short_date(value: datetime | None, precision: str | None = None) -> str:
    """"12 Mar 1987, 14:05" (the time when known), "Mar 1987", "1987"; "undated" without a date:
    for lists of copies, where copies of a day differ by their hours."""
    if value is None:
        return "undated"
    if precision in ("month", "year"):
        return value.strftime("%b %Y" if precision == "month" else "%Y")
    text = f"{value.day} {value.strftime('%b %Y')}"
    if precision != "day" and (value.hour or value.minute):
        text += value.strftime(", %H:%M")
    return text


def plural(count: int, singular: str, many: str | None = None) -> str:
    """``3|plural("article")`` → "3 articles"."""
    word = singular if count == 1 else (many or singular + "s")
    return f"{count:,} {word}"


def web_link(url: str | None) -> str | None:
    """The URL if it is safe to link to (http/https only: no javascript: from a hostile page)."""
    if url and url.strip().lower().startswith(("http://", "https://")):
        return url.strip()
    return None
