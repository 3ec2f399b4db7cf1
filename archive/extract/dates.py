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
_YEAR = r"(?P<year>(?:19|20)\d\d)(?!\d)"
_ZONES = {
    "utc": 0, "gmt": 0, "z": 0, "bst": 60, "cet": 60, "cest": 120, "eet": 120, "eest": 180,
    "est": -300, "edt": -240, "cst": -360, "cdt": -300, "mst": -420, "mdt": -360,
    "pst": -480, "pdt": -420, "jst": 540, "kst": 540, "aest": 600, "aedt": 660,
}
_TZ = r"(?P<tz>[+-]\d\d:?\d\d|(?:" + "|".join(sorted(_ZONES, key=len, reverse=True)) + r")\b)"
_TIME = (
    r"(?:(?:\s*(?:at|,|-|–|@|\|)?\s*)(?P<hour>\d{1,2})[:.](?P<minute>\d\d)(?::(?P<second>\d\d)(?:\.\d+)?)?"
    r"\s*(?P<ampm>[ap]\.?m\.?)?(?:\s*" + _TZ + r")?)?"
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
    # 30.04.2015 10:52 (day first, as written in Europe)
    re.compile(r"(?<![\d.])(?P<day>\d\d?)\.\s?(?P<month>\d\d?)\.\s?(?P<year>(?:19|20)\d\d)(?![\d.])" + _TIME),
]
_PATTERNS = [
    # Jun 17th, 2021 at 12:01 pm / Thursday, February 23, 2006
    re.compile(_WEEKDAY + _MONTH + r"\s+" + _DAY + r",?\s+" + _YEAR + _TIME, re.I),
    # 17 June 2021 / Thursday 17th June, 2021 12:01 / Thu, 23 Feb 2006 10:00:00 +0000
    re.compile(_WEEKDAY + _DAY + r"(?:\s+of)?\s+" + _MONTH + r",?\s+" + _YEAR + _TIME, re.I),
    # 26-FEB-1987 15:01:01.79 (Reuters)
    re.compile(r"(?P<day>\d{1,2})-" + _MONTH + r"-" + _YEAR + _TIME, re.I),
    # Fri Mar 13 21:30:09 EST 2015 (Unix date)
    re.compile(_WEEKDAY + _MONTH + r"\s+" + _DAY + r"\s+(?P<hour>\d\d):(?P<minute>\d\d):(?P<second>\d\d)"
               r"(?:\s+" + _TZ + r")?\s+" + _YEAR, re.I),
]


def parse_date(text: str | None) -> datetime | None:
    """The first date in ``text`` as an aware datetime, or ``None`` if there is none."""
    if not text:
        return None
    text = text.strip()
    match = _ISO.search(text)
    if match and match.start() < 3:
        return _build(match, numeric_month=True)
    found = [(m.start(), 0, m) for p in _PATTERNS if (m := p.search(text))]
    found += [(m.start(), 1, m) for p in [_ISO, *_NUMERIC] if (m := p.search(text))]
    for _, numeric, match in sorted(found, key=lambda item: (item[0], item[1])):
        date = _build(match, numeric_month=bool(numeric))
        if date is not None:
            return date
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
    if not text:
        return UTC
    if text.lower() in _ZONES:
        minutes = _ZONES[text.lower()]
        return timezone(timedelta(minutes=minutes)) if minutes else UTC
    sign = -1 if text[0] == "-" else 1
    digits = text[1:].replace(":", "")
    return timezone(sign * timedelta(hours=int(digits[:2]), minutes=int(digits[2:4])))
