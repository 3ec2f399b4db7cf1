"""Publication dates from the text people actually write: ISO stamps, "Jun 17th, 2021 at 12:01 pm",
"Thursday, February 23, 2006", "19. Oktober 2019", "26-FEB-1987 15:01:01.79", "23/02/2006".

A date is never invented: anything that does not parse is ``None``, and a date keeps the precision
it was given with (:class:`Dated`: a time, a day, a month or a year) rather than a made-up midnight
or first of the month. Times without a zone are taken as UTC (the archive stores timezone-aware
datetimes only); a given offset is kept.

Numeric dates with the year last ("23/02/2006", "02/23/2006", "23.02.2006") are read **day first**
unless that is impossible: when the first number is over 12 it is the day, when the second is
over 12 the first is the month ("02/23/2006" is February 23rd); when both could be a month
("03/04/2006") the day comes first, as in most of the world and in every language but American
English. Two-digit years are not read (too ambiguous).
"""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta, timezone
from pathlib import Path

with (Path(__file__).parent / "data" / "dates.toml").open("rb") as _fh:
    WORDS = tomllib.load(_fh)
MONTHS = {name: int(number) for number, names in WORDS["months"].items() for name in names}
PRECISIONS = ("time", "day", "month", "year")  # finest first



def _trie(words: list[str]) -> str:
    """A regex alternation of ``words`` factored by common prefixes (a plain alternation of ~90
    month names made every date search three times slower)."""
    heads: dict[str, list[str]] = {}
    for word in words:
        heads.setdefault(word[:1], []).append(word[1:])
    parts = []
    for head, tails in sorted(heads.items()):
        if head == "":
            continue
        rest = _trie(tails) if any(tails) else ""
        optional = "" in tails
        parts.append(re.escape(head) + (f"(?:{rest}){'?' if optional else ''}" if rest else ""))
    return "|".join(parts)


_MONTH = r"(?P<month>" + _trie(sorted(MONTHS)) + r")\b\.?"
_DAY = r"(?P<day>\d{1,2})(?:st|nd|rd|th|er|º|°)?"
_YEAR = r"(?P<year>(?:19|20)\d\d)(?!\d)"
_ZONES = {
    "utc": 0, "gmt": 0, "z": 0, "bst": 60, "cet": 60, "cest": 120, "mez": 60, "mesz": 120,
    "eet": 120, "eest": 180, "est": -300, "edt": -240, "et": -300, "cst": -360, "cdt": -300,
    "mst": -420, "mdt": -360, "pst": -480, "pdt": -420, "jst": 540, "kst": 540, "ist": 330,
    "aest": 600, "aedt": 660,
}
_TZ = r"(?P<tz>[+-]\d\d:?\d\d|(?:" + "|".join(sorted(_ZONES, key=len, reverse=True)) + r")\b)"
_TIME = (
    r"(?:(?:\s*(?:at|um|à|a las|alle|às|om|,|-|–|@|\|)?\s*)(?P<hour>\d{1,2})[:.h](?P<minute>\d\d)"
    r"(?::(?P<second>\d\d)(?:\.\d+)?)?\s*(?:uhr\b)?\s*(?P<ampm>[ap]\.?m\.?)?(?:\s*" + _TZ + r")?)?"
)
_WEEKDAY = r"(?:(?:mon|tues?|wed(?:nes)?|thu(?:rs)?|fri|sat(?:ur)?|sun)(?:day)?\.?,?\s+)?"

_ISO = re.compile(
    r"(?P<year>(?:19|20)\d\d)-(?P<month>\d\d)-(?P<day>\d\d)"
    r"(?:[T ](?P<hour>\d\d):(?P<minute>\d\d)(?::(?P<second>\d\d)(?:[.,]\d+)?)?"
    r"\s*(?P<tz>Z|[+-]\d\d:?\d\d)?)?",
    re.I,
)
_NUMERIC = [
    # 2015/03/11 (Japanese and Chinese sites) and 2015年3月11日 12時30分
    re.compile(r"(?<!\d)(?P<year>(?:19|20)\d\d)/(?P<month>\d\d?)/(?P<day>\d\d?)(?!\d)" + _TIME),
    re.compile(r"(?P<year>(?:19|20)\d\d)\s*年\s*(?P<month>\d\d?)\s*月\s*(?P<day>\d\d?)\s*日"
               r"(?:[^\d]{0,6}(?P<hour>\d\d?)\s*[:時]\s*(?P<minute>\d\d)分?)?"),
]
# 30.04.2015 10:52, 23/02/2006, 02-23-2006: which number is the day, see the module docstring
_YEAR_LAST = re.compile(
    r"(?<![\d./-])(?P<a>\d\d?)(?P<sep>[./-])\s?(?P<b>\d\d?)(?P=sep)\s?(?P<year>(?:19|20)\d\d)(?![\d])"
    + _TIME
)
_PATTERNS = [
    # Jun 17th, 2021 at 12:01 pm / Thursday, February 23, 2006
    re.compile(_WEEKDAY + _MONTH + r"\s*" + _DAY + r",?\s+" + _YEAR + _TIME, re.I),
    # 17 June 2021 / Thursday 17th June, 2021 12:01 / 19. Oktober 2019, 19:08 Uhr / 19 de febrero de 2020
    re.compile(r"(?<![\d.])" + _DAY + r"\.?\s*(?:of\s+|de\s+)?" + _MONTH + r",?\s*(?:de\s+)?" + _YEAR + _TIME,
               re.I),
    # 26-FEB-1987 15:01:01.79 (Reuters)
    re.compile(r"(?P<day>\d{1,2})-" + _MONTH + r"-" + _YEAR + _TIME, re.I),
    # Fri Mar 13 21:30:09 EST 2015 (Unix date)
    re.compile(_WEEKDAY + _MONTH + r"\s+" + _DAY + r"\s+(?P<hour>\d\d):(?P<minute>\d\d):(?P<second>\d\d)"
               r"(?:\s+" + _TZ + r")?\s+" + _YEAR, re.I),
]
# what a whole export field may hold beyond a full date: a month ("2006-02", "February 2006"),
# a year, a Unix timestamp in seconds or milliseconds
_MONTH_ONLY = re.compile(r"^\s*(?:((?:19|20)\d\d)[-/.](\d\d?)|" + _MONTH + r",?\s+"
                         + _YEAR + r")\s*$", re.I)
_YEAR_ONLY = re.compile(r"^\s*" + _YEAR + r"\s*$")
_EPOCH = re.compile(r"^\s*(?P<seconds>\d{9,10}|\d{12,13})(?:\.\d+)?\s*$")


@dataclass(frozen=True)
class Dated:
    """A date as precisely as it was given: ``precision`` is "time", "day", "month" or "year"
    (``value`` then holds midnight, the 1st of the month or January 1st, never shown as such)."""

    value: datetime
    precision: str


def parse_date(text: str | None) -> datetime | None:
    """The first date in ``text`` as an aware datetime, or ``None`` if there is none."""
    dated = parse_dated(text)
    return dated.value if dated else None


def parse_dated(text: str | None) -> Dated | None:
    """The first full date (a day, perhaps with its time) in ``text``, with its precision."""
    found = find_date(text)
    return found[0] if found else None


def find_date(text: str | None) -> tuple[Dated, int, int] | None:
    """The first full date in ``text`` and where it stands (start and end offsets)."""
    if not text:
        return None
    match = _ISO.match(text.lstrip())
    if match:
        lead = len(text) - len(text.lstrip())
        dated = _build(match, numeric_month=True)
        if dated is not None:
            return dated, match.start() + lead, match.end() + lead
    found = [(m.start(), 0, m) for p in _PATTERNS if (m := p.search(text))]
    found += [(m.start(), 1, m) for p in [_ISO, *_NUMERIC] if (m := p.search(text))]
    if match := _YEAR_LAST.search(text):
        found.append((match.start(), 2, match))
    for _, kind, match in sorted(found, key=lambda item: (item[0], item[1])):
        dated = _year_last(match) if kind == 2 else _build(match, numeric_month=bool(kind))
        if dated is not None:
            return dated, match.start(), match.end()
    return None


def parse_field(value) -> Dated | None:
    """A date field of an export: any date :func:`parse_dated` reads, a month ("2006-02",
    "February 2006"), a year ("2006"), or a Unix timestamp (seconds or milliseconds, as a number
    or digits)."""
    if isinstance(value, bool) or value is None:
        return None
    text = str(value)
    if match := _EPOCH.match(text):
        digits = match.group("seconds")
        seconds = int(digits) / (1000 if len(digits) > 10 else 1)
        stamp = datetime.fromtimestamp(seconds, UTC)
        return Dated(stamp, "time") if 1980 <= stamp.year <= 2100 else None
    if match := _MONTH_ONLY.match(text):
        month = int(match.group(2)) if match.group(2) else MONTHS[match.group("month").lower().rstrip(".")]
        year = int(match.group(1) or match.group("year"))
        return Dated(datetime(year, month, 1, tzinfo=UTC), "month") if 1 <= month <= 12 else None
    if match := _YEAR_ONLY.match(text):
        return Dated(datetime(int(match.group("year")), 1, 1, tzinfo=UTC), "year")
    return parse_dated(text)


def _year_last(match: re.Match) -> Dated | None:
    first, second = int(match.group("a")), int(match.group("b"))
    day, month = (second, first) if first <= 12 < second else (first, second)
    return _dated(match, int(match.group("year")), month, day)


def _build(match: re.Match, *, numeric_month: bool) -> Dated | None:
    parts = match.groupdict()
    month = int(parts["month"]) if numeric_month else MONTHS.get(parts["month"].lower().rstrip("."))
    return _dated(match, int(parts["year"]), month or 0, int(parts["day"]))


def _dated(match: re.Match, year: int, month: int, day: int) -> Dated | None:
    parts = match.groupdict()
    timed = parts.get("hour") is not None
    hour = int(parts.get("hour") or 0)
    minute = int(parts.get("minute") or 0)
    second = int(parts.get("second") or 0)
    ampm = (parts.get("ampm") or "").replace(".", "").lower()
    if ampm == "pm" and hour < 12:
        hour += 12
    elif ampm == "am" and hour == 12:
        hour = 0
    try:
        value = datetime(year, month, day, hour, minute, second, tzinfo=_zone(parts.get("tz")))
    except ValueError:
        return None
    return Dated(value, "time" if timed else "day")


def _zone(text: str | None) -> timezone:
    if not text:
        return UTC
    if text.lower() in _ZONES:
        minutes = _ZONES[text.lower()]
        return timezone(timedelta(minutes=minutes)) if minutes else UTC
    sign = -1 if text[0] == "-" else 1
    digits = text[1:].replace(":", "")
    return timezone(sign * timedelta(hours=int(digits[:2]), minutes=int(digits[2:4])))
