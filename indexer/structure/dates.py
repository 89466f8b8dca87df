"""Dates as committee papers write them: "Wednesday, 18th April, 2018", "5 December 2016",
"11th December 2014", "13.02.25", "2025-01-30"."""
from __future__ import annotations

import re
from datetime import date

MONTHS = {
    m: i + 1
    for i, m in enumerate(
        ["january", "february", "march", "april", "may", "june", "july", "august",
         "september", "october", "november", "december"]
    )
}
MONTHS.update({m[:3]: i for m, i in list(MONTHS.items())})
MONTHS["sept"] = 9

_MONTH_ALT = "|".join(sorted(MONTHS, key=len, reverse=True))
# "18th April, 2018", "5 December 2016", "1st October 2014"
_DMY = re.compile(
    rf"\b(\d{{1,2}})(?:st|nd|rd|th)?\s+(?:of\s+)?({_MONTH_ALT})\.?,?\s+(\d{{4}})\b", re.I
)
# "April 18, 2018"
_MDY = re.compile(rf"\b({_MONTH_ALT})\.?\s+(\d{{1,2}})(?:st|nd|rd|th)?,?\s+(\d{{4}})\b", re.I)
_ISO = re.compile(r"\b(\d{4})-(\d{2})-(\d{2})\b")


def _safe_date(y: int, m: int, d: int) -> date | None:
    try:
        return date(y, m, d)
    except ValueError:
        return None


def find_dates(text: str) -> list[tuple[int, date]]:
    """Every date written out in `text`, as (character offset, date), in order of offset."""
    found: list[tuple[int, date]] = []
    for m in _DMY.finditer(text):
        d = _safe_date(int(m.group(3)), MONTHS[m.group(2).lower()], int(m.group(1)))
        if d:
            found.append((m.start(), d))
    for m in _MDY.finditer(text):
        d = _safe_date(int(m.group(3)), MONTHS[m.group(1).lower()], int(m.group(2)))
        if d:
            found.append((m.start(), d))
    for m in _ISO.finditer(text):
        d = _safe_date(int(m.group(1)), int(m.group(2)), int(m.group(3)))
        if d:
            found.append((m.start(), d))
    return sorted(found)


# "THURSDAY 28th FEBRUARY AT 3.00PM": minutes that leave the year out
_DM = re.compile(rf"\b(\d{{1,2}})(?:st|nd|rd|th)?\s+(?:of\s+)?({_MONTH_ALT})\b\.?(?!,?\s+\d{{4}})", re.I)


def yearless_date(text: str, before: date) -> date | None:
    """A day and month written without a year, read as the last such day on or before
    `before` (the meeting the minutes were filed with took place after the one they record)."""
    m = _DM.search(text)
    if not m:
        return None
    day, month = int(m.group(1)), MONTHS[m.group(2).lower()]
    for year in (before.year, before.year - 1):
        d = _safe_date(year, month, day)
        if d and d <= before:
            return d
    return None


def first_date(text: str) -> date | None:
    """The first date written out in `text`, or None."""
    found = find_dates(text)
    return found[0][1] if found else None


def parse_iso(value: str) -> date:
    """A YYYY-MM-DD string as a date; raises ValueError with the offending text."""
    try:
        return date.fromisoformat(value.strip())
    except ValueError as exc:
        raise ValueError(f"not a YYYY-MM-DD date: {value!r}") from exc


def long_date(d: date) -> str:
    """18 April 2018 — the way the page and citations print a meeting date."""
    return f"{d.day} {d.strftime('%B %Y')}"
