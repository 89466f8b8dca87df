"""When a promise is due, as stated and as a date range.

"at the next meeting" → that committee's next meeting, when the corpus knows it (else the
date the sentence gives for it); "on 3 April 2017" → that day; "after Easter (potentially
27 June meeting)" → 27 June of the next such date; "in 6 months time" → six months on;
"in September/October" → 1 September to 31 October; "at the end of January" → the last week
of January; "quarterly" → three months on. Dates without a year fall after the meeting.
"""
from __future__ import annotations

import calendar
import re
from dataclasses import dataclass
from datetime import date, timedelta

from indexer.structure.dates import MONTHS, find_dates

_NUMBERS = {"one": 1, "two": 2, "three": 3, "four": 4, "six": 6, "nine": 9, "twelve": 12}
_MONTH_NAMES = "january|february|march|april|may|june|july|august|september|october|november|december"
_DAY_MONTH = re.compile(rf"\b(\d{{1,2}})(?:st|nd|rd|th)?\s+({_MONTH_NAMES})\b(?!,?\s+\d{{4}})", re.I)
_IN_MONTHS = re.compile(r"\bin\s+(\d{1,2}|one|two|three|four|six|nine|twelve)\s+months?", re.I)
_MONTH_SPAN = re.compile(rf"\b(?:in\s+|by\s+|during\s+)?(?:the\s+)?(end\s+of\s+|early\s+|late\s+)?({_MONTH_NAMES})(?:\s*(?:/|-|–|or|to)\s*({_MONTH_NAMES}))?\b", re.I)


@dataclass
class Due:
    text: str = ""
    start: date | None = None
    end: date | None = None


def _after(meeting: date, month: int, day: int) -> date:
    year = meeting.year if (month, day) > (meeting.month, meeting.day) else meeting.year + 1
    return date(year, month, min(day, calendar.monthrange(year, month)[1]))


def _add_months(d: date, n: int) -> date:
    month = d.month - 1 + n
    year = d.year + month // 12
    month = month % 12 + 1
    return date(year, month, min(d.day, calendar.monthrange(year, month)[1]))


def yearless(sentence: str, meeting: date) -> date | None:
    """A day and month the sentence gives without a year, in the meeting's year."""
    m = _DAY_MONTH.search(sentence)
    if not m:
        return None
    month, day = MONTHS[m.group(2).lower()], int(m.group(1))
    return date(meeting.year, month, min(day, calendar.monthrange(meeting.year, month)[1]))


def normalise_due(sentence: str, meeting: date | None, next_meeting: date | None) -> Due:
    if meeting is None:
        return Due()
    low = sentence.lower()
    dated = [d for _, d in find_dates(sentence) if d > meeting]
    if dated:
        return Due(dated[0].isoformat(), dated[0], dated[0])
    day_month = _DAY_MONTH.search(sentence)
    if day_month:
        d = _after(meeting, MONTHS[day_month.group(2).lower()], int(day_month.group(1)))
        return Due(day_month.group(0), d, d)
    if "next meeting" in low or "next cabinet committee meeting" in low or re.search(r"\bnext\s+\w+\s+meeting", low):
        return Due("next meeting", next_meeting, next_meeting) if next_meeting else Due("next meeting")
    months = _IN_MONTHS.search(sentence)
    if months:
        n = _NUMBERS.get(months.group(1).lower()) or int(months.group(1))
        d = _add_months(meeting, n)
        return Due(months.group(0), d, d)
    if "quarterly" in low or "each quarter" in low:
        return Due("quarterly", meeting, _add_months(meeting, 3))
    span = _MONTH_SPAN.search(sentence)
    if span and re.search(rf"\b(in|by|during|end of|early|late)\s+(the\s+)?(end\s+of\s+)?({_MONTH_NAMES})", low):
        first = MONTHS[span.group(2).lower()]
        last = MONTHS[(span.group(3) or span.group(2)).lower()]
        start = _after(meeting, first, 1)
        end_year = start.year if last >= first else start.year + 1
        end = date(end_year, last, calendar.monthrange(end_year, last)[1])
        if span.group(1) and span.group(1).lower().startswith("end"):
            start = end - timedelta(days=7)
        return Due(span.group(0).strip(), start, end)
    if "future meeting" in low:
        return Due("a future meeting")
    return Due()
