"""Publication dates from the text people actually write: ISO stamps, "Jun 17th, 2021 at 12:01 pm",
"Thursday, February 23, 2006", "26-FEB-1987 15:01:01.79".

A date is never invented: anything that does not parse is ``None``. Times without a zone are
taken as UTC (the archive stores timezone-aware datetimes only); a given offset is kept.
"""

from __future__ import annotations

import re
from datetime import UTC, datetime, timedelta, timezone

MONTHS = {
    name: number
    for number, names in enumerate(
        [
            ("jan", "january"), ("feb", "february"), ("mar", "march"), ("apr", "april"),
            ("may",), ("jun", "june"), ("jul", "july"), ("aug", "august"),
            ("sep", "sept", "september"), ("oct", "october"), ("nov", "november"),
            ("dec", "december"),
        ],
        start=1,
    )
    for name in names
}
_MONTH = (
    r"(?P<month>jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?"
    r"|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\.?"
)
_DAY = r"(?P<day>\d{1,2})(?:st|nd|rd|th)?"
_YEAR = r"(?P<year>(?:19|20)\d\d)"
_TIME = (
    r"(?:(?:\s*(?:at|,|-|–|@)?\s*)(?P<hour>\d{1,2})[:.](?P<minute>\d\d)(?::(?P<second>\d\d)(?:\.\d+)?)?"
    r"\s*(?P<ampm>[ap]\.?m\.?)?(?:\s*(?P<tz>utc|gmt|z|[+-]\d\d:?\d\d))?)?"
)
_WEEKDAY = r"(?:(?:mon|tues?|wed(?:nes)?|thu(?:rs)?|fri|sat(?:ur)?|sun)(?:day)?\.?,?\s+)?"

_ISO = re.compile(
    r"(?P<year>\d{4})-(?P<month>\d\d)-(?P<day>\d\d)"
    r"(?:[T ](?P<hour>\d\d):(?P<minute>\d\d)(?::(?P<second>\d\d)(?:\.\d+)?)?"
    r"\s*(?P<tz>Z|[+-]\d\d:?\d\d)?)?",
    re.I,
)
_PATTERNS = [
    # Jun 17th, 2021 at 12:01 pm / Thursday, February 23, 2006
    re.compile(_WEEKDAY + _MONTH + r"\s+" + _DAY + r",?\s+" + _YEAR + _TIME, re.I),
    # 17 June 2021 / Thursday 17th June, 2021 12:01
    re.compile(_WEEKDAY + _DAY + r"(?:\s+of)?\s+" + _MONTH + r",?\s+" + _YEAR + _TIME, re.I),
    # 26-FEB-1987 15:01:01.79 (Reuters)
    re.compile(r"(?P<day>\d{1,2})-" + _MONTH + r"-" + _YEAR + _TIME, re.I),
]


def parse_date(text: str | None) -> datetime | None:
    """The first date in ``text`` as an aware datetime, or ``None`` if there is none."""
    if not text:
        return None
    text = text.strip()
    match = _ISO.search(text)
    if match and match.start() < 3:
        return _build(match, numeric_month=True)
    for pattern in _PATTERNS:
        match = pattern.search(text)
        if match:
            return _build(match, numeric_month=False)
    if match := _ISO.search(text):
        return _build(match, numeric_month=True)
    return None


def _build(match: re.Match, *, numeric_month: bool) -> datetime | None:
    parts = match.groupdict()
    month = int(parts["month"]) if numeric_month else MONTHS.get(parts["month"].lower().rstrip("."))
    hour = int(parts.get("hour") or 0)
    minute = int(parts.get("minute") or 0)
    second = int(parts.get("second") or 0)
    ampm = (parts.get("ampm") or "").replace(".", "").lower()
    if ampm == "pm" and hour < 12:
        hour += 12
    elif ampm == "am" and hour == 12:
        hour = 0
    try:
        return datetime(
            int(parts["year"]), month or 0, int(parts["day"]), hour, minute, second,
            tzinfo=_zone(parts.get("tz")),
        )
    except ValueError:
        return None


def _zone(text: str | None) -> timezone:
    if not text or text.upper() in {"Z", "UTC", "GMT"}:
        return UTC
    sign = -1 if text[0] == "-" else 1
    digits = text[1:].replace(":", "")
    return timezone(sign * timedelta(hours=int(digits[:2]), minutes=int(digits[2:4])))
