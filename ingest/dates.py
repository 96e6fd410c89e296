"""Publication dates as day numbers (20220127), the form Chroma can range-filter.

Chroma's `$gte`/`$lte` compare numbers only, and articles give dates in many forms
("2022-01-27", "2022-01-27T10:00:00+00:00", "Thu, 27 Jan 2022 10:00:00 GMT", "27 January 2022"),
so ingest stores one integer per chunk and quote, and the date filter is parsed the same way.
"""

from __future__ import annotations

import re
from datetime import date, datetime
from email.utils import parsedate_to_datetime

_ISO_DAY = re.compile(r"^\s*(\d{4})-(\d{1,2})-(\d{1,2})")
_WRITTEN_FORMATS = ("%d %B %Y", "%d %b %Y", "%B %d, %Y", "%b %d, %Y", "%B %d %Y", "%Y/%m/%d")


def day_number(value: str | None) -> int | None:
    """YYYYMMDD of a date string, or None when it is missing or not a date we can read."""
    if not value or not value.strip():
        return None
    day = _parse(value.strip())
    return day.year * 10000 + day.month * 100 + day.day if day else None


def _parse(value: str) -> date | None:
    if match := _ISO_DAY.match(value):
        try:
            return date(*(int(part) for part in match.groups()))
        except ValueError:
            return None
    for fmt in _WRITTEN_FORMATS:
        try:
            return datetime.strptime(value, fmt).date()
        except ValueError:
            continue
    try:
        return parsedate_to_datetime(value).date()
    except (TypeError, ValueError, IndexError):
        return None
