"""Ages and dates shown next to sidebar headlines ("5 hours ago", "yesterday", "Nov 3").

Pure parsing: `is_age` tells an age line, `split_trailing_age` finds one at the end of a
headline, `resolve_age` turns it into a datetime against the moment the page was fetched.
Relative ages are approximations (a month is 30 days): the page only shows a rounded figure.
"""

from __future__ import annotations

import re
from datetime import datetime, timedelta

_NUMBER_WORDS = {"a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "few": 3}

# Units as pages abbreviate them, mapped to a length in seconds.
_UNIT_SECONDS = {
    "s": 1,
    "sec": 1,
    "second": 1,
    "m": 60,
    "min": 60,
    "mins": 60,
    "minute": 60,
    "h": 3600,
    "hr": 3600,
    "hrs": 3600,
    "hour": 3600,
    "d": 86400,
    "day": 86400,
    "w": 7 * 86400,
    "wk": 7 * 86400,
    "week": 7 * 86400,
    "month": 30 * 86400,  # a displayed "2 months ago" is already rounded
    "mo": 30 * 86400,
    "year": 365 * 86400,
    "yr": 365 * 86400,
}

_MONTHS = {
    "jan": 1,
    "feb": 2,
    "mar": 3,
    "apr": 4,
    "may": 5,
    "jun": 6,
    "jul": 7,
    "aug": 8,
    "sep": 9,
    "oct": 10,
    "nov": 11,
    "dec": 12,
}

_MONTH_RE = (
    r"(?P<mon>jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?"
    r"|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\.?"
)

_RELATIVE = re.compile(
    r"(?P<num>\d{1,3}|an?|one|two|three|few)\s+"
    r"(?P<unit>seconds?|secs?|minutes?|mins?|hours?|hrs?|days?|weeks?|wks?|months?|years?|yrs?"
    r"|[smhdw])\s+ago",
    re.IGNORECASE,
)
_COMPACT = re.compile(r"(?P<num>\d{1,3})\s?(?P<unit>[smhdw]|min|hr|mo)\b(?:\s+ago)?", re.IGNORECASE)
_WORDS = re.compile(r"just now|yesterday|today", re.IGNORECASE)
_MONTH_DAY = re.compile(
    _MONTH_RE + r"\s+(?P<day>\d{1,2})(?:st|nd|rd|th)?(?:,?\s+(?P<year>\d{4}))?", re.IGNORECASE
)
_DAY_MONTH = re.compile(
    r"(?P<day>\d{1,2})(?:st|nd|rd|th)?\s+" + _MONTH_RE + r"(?:,?\s+(?P<year>\d{4}))?",
    re.IGNORECASE,
)
_ISO_DATE = re.compile(r"(?P<year>\d{4})-(?P<month>\d{2})-(?P<day>\d{2})")
_DIGIT = re.compile(r"\d")

# Characters pages put between a headline and its age ("Headline - 5 hours ago").
_SEPARATORS = " \t-–—·•|,"

# An age line is short: longer lines mentioning "3 days ago" are sentences, not ages.
MAX_AGE_LINE_CHARS = 40


def clean_age(text: str) -> str:
    """The age as shown, without the leading separator ("- 5 hours ago" -> "5 hours ago")."""
    return text.strip().lstrip(_SEPARATORS).rstrip(" \t-–—·•|,").strip()


def is_age(text: str) -> bool:
    """True when the whole of `text` (after separators) is an age or a date."""
    if len(text) > 2 * MAX_AGE_LINE_CHARS:  # cheap test first: most lines are longer
        return False
    # Each pattern needs a digit or one of the words of "an hour ago", "just now", "yesterday",
    # "today": most lines have none and are settled without the six patterns. (These ASCII
    # words match case-insensitively exactly where the lowercased text holds them.) Asked of
    # the text, not of the cleaned age (a part of it), this spares most lines the cleaning.
    lowered = text.lower()
    if (
        "ago" not in lowered
        and "now" not in lowered
        and "day" not in lowered
        and _DIGIT.search(text) is None
    ):
        return False
    cleaned = clean_age(text)
    if not cleaned or len(cleaned) > MAX_AGE_LINE_CHARS:
        return False
    for pattern in (_RELATIVE, _WORDS, _MONTH_DAY, _DAY_MONTH, _ISO_DATE, _COMPACT):
        if pattern.fullmatch(cleaned):
            return True
    return False


def split_trailing_age(line: str) -> tuple[str, str] | None:
    """Split "Headline - 5 hours ago" into ("Headline", "5 hours ago"), else None.

    Only relative ages are accepted at the end of a line: a trailing date is too often part of
    the sentence itself.
    """
    if not line.rstrip().endswith(("ago", "AGO", "Ago")):
        return None  # the common case, settled without a regex
    # Only the end of the line can hold the age; looking there keeps huge lines cheap.
    matches = list(_RELATIVE.finditer(line, max(0, len(line) - 2 * MAX_AGE_LINE_CHARS)))
    match = matches[-1] if matches else None
    if match is None or match.end() != len(line.rstrip()):
        return None
    before = line[: match.start()].rstrip()
    if not before.endswith(tuple(_SEPARATORS.strip())):
        return None  # no separator: "... two days ago" is the end of a sentence
    head = before.rstrip(_SEPARATORS)
    return (head, match.group(0)) if head else None


def resolve_age(age: str, fetched_at: datetime | None) -> datetime | None:
    """`fetched_at` minus the age, or the shown date in `fetched_at`'s year (never later than
    `fetched_at`); None when either is unknown."""
    if fetched_at is None:
        return None
    cleaned = clean_age(age)
    if (match := _RELATIVE.fullmatch(cleaned) or _COMPACT.fullmatch(cleaned)) is not None:
        num = match.group("num").lower()
        count = _NUMBER_WORDS.get(num) or int(num)
        unit = match.group("unit").lower()
        seconds = _UNIT_SECONDS.get(unit) or _UNIT_SECONDS.get(unit.rstrip("s"))
        if seconds is None:
            return None
        return _before(fetched_at, count * seconds)
    lowered = cleaned.lower()
    if lowered in ("just now", "today"):
        return fetched_at
    if lowered == "yesterday":
        return _before(fetched_at, 86400)
    return _resolve_date(cleaned, fetched_at)


def _before(fetched_at: datetime, seconds: int) -> datetime | None:
    """`seconds` before `fetched_at`; None before year 1 (a producer's odd fetched_at)."""
    try:
        return fetched_at - timedelta(seconds=seconds)
    except OverflowError:
        return None


def _resolve_date(text: str, fetched_at: datetime) -> datetime | None:
    if (iso := _ISO_DATE.fullmatch(text)) is not None:
        year, month, day = int(iso["year"]), int(iso["month"]), int(iso["day"])
        return _make_date(year, month, day, fetched_at)
    match = _MONTH_DAY.fullmatch(text) or _DAY_MONTH.fullmatch(text)
    if match is None:
        return None
    month = _MONTHS[match["mon"].lower()[:3]]
    day = int(match["day"])
    if match["year"]:
        return _make_date(int(match["year"]), month, day, fetched_at)
    resolved = _make_date(fetched_at.year, month, day, fetched_at)
    if resolved is not None and resolved > fetched_at:
        resolved = _make_date(fetched_at.year - 1, month, day, fetched_at)
    return resolved


def _make_date(year: int, month: int, day: int, fetched_at: datetime) -> datetime | None:
    try:
        return datetime(year, month, day, tzinfo=fetched_at.tzinfo)
    except ValueError:
        return None
