"""An agenda item's heading, as councils print them, → (number, title).

The forms seen across ModernGov councils and others (Kent, Lancashire, WECA, Limerick):
"4. Annual Report", "4.Annual Report" (Markdown converted from PDF loses the space),
"4 Welcome, Introductions and Safety Information" (ModernGov printed minutes: no stop),
"Item 4: Minutes", "Agenda Item 4 - Minutes", and prefixed minute references that run
through the year ("CAB/23/24/12 Budget Monitoring": the last number is the minute's).
Sub-points — "(1)", "(a)", "i." — never match, so they stay inside their item; a heading
with no stop must start with a capital and not be a date ("15 January 2024") or a quantity
("3 Year Revenue Plan" is a title, "3 hectares" is not), and callers accept headings only in
sequence, so a stray number inside an item's text is not taken for the next item.
"""
from __future__ import annotations

import re

from indexer.models import Line
from indexer.structure.patterns import clean

TITLE_MAX = 220
_MONTHS = ("january", "february", "march", "april", "may", "june", "july", "august", "september",
           "october", "november", "december", "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep",
           "sept", "oct", "nov", "dec")
_STOPPED = re.compile(r"^(\d{1,3})\.(?:\s+|(?=[A-Za-z\"'‘“(]))(\S.*)$")  # "4. Title", "4.Title", not "4.1 Text"
_BARE = re.compile(r"^(\d{1,3})\s+([A-Z][A-Za-z].*)$")  # "4 Welcome, Introductions ..."
_ITEM = re.compile(r"^(?:agenda\s+)?item\s+(?:no\.?\s*)?(\d{1,3})[a-z]?\s*[:.\-–—]\s*(\S.*)$", re.I)
# "Item 4(a)" alone on its line: the first part of item 4, its title on the lines below
_ITEM_PART = re.compile(r"^(?:agenda\s+)?item\s+(?:no\.?\s*)?(\d{1,3})\s*\(([a-z])\)\s*$", re.I)
_REFERENCE = re.compile(r"^[A-Z]{2,}(?:/\d{2,4}){1,3}/(\d{1,3})\.?\s+([A-Z].*)$")  # "CAB/23/24/12 Title"


def _plausible_title(title: str, bare: bool) -> bool:
    title = title.strip()
    if not title or len(title) > TITLE_MAX:
        return False
    first = re.split(r"[\s,.:;]+", title.lower(), maxsplit=1)[0]
    if first in _MONTHS:
        return False  # "15 January 2024 ...": a date, not a heading
    if title.endswith(";"):
        return False  # "147. Declaration by members, etc. of certain interests;": a list quoted in the text
    if bare:
        # no stop: only short title-like lines; a sentence running on is text, and a line
        # ending in a comma is an address or a broken sentence ("12 Hyde Ave," in Limerick's
        # minutes, met when item 12 was next)
        return len(title.split()) <= 16 and not title.endswith(",") and not re.match(r"^(?:am|pm|hours?|days?|years?\b(?!\s+[A-Z]))", title, re.I)
    return True


def item_heading(text: str) -> tuple[int, str] | None:
    """(number, title) when `text` reads as an agenda item's heading, else None."""
    line = clean(text).strip(" *_")
    part = _ITEM_PART.match(line)
    if part:
        return int(part.group(1)), f"Item {part.group(1)}({part.group(2)})"
    for pattern, bare in ((_ITEM, False), (_STOPPED, False), (_REFERENCE, False), (_BARE, True)):
        m = pattern.match(line)
        if m:
            title = clean(m.group(2)).strip(" *_").rstrip(":").strip()
            if _plausible_title(title, bare):
                return int(m.group(1)), title
            return None
    return None


def is_stopped_heading(text: str) -> bool:
    """A heading written with its stop or an "Item" label ("4. Title", "Item 4: Title"): the
    forms a numbered paragraph inside an item does not share with a bare "4 Title"."""
    line = clean(text).strip(" *_")
    return bool(_STOPPED.match(line) or _ITEM.match(line) or _REFERENCE.match(line))


def is_labelled_heading(text: str) -> bool:
    """ "Item 4: Title" / "Agenda Item 4 - Title" / "Item 4(a)": where a document heads its
    items so, a "3. ..." inside an item is one of its points, not the next item."""
    line = clean(text).strip(" *_")
    return bool(_ITEM.match(line) or _ITEM_PART.match(line))


_BARE_NUMBER = re.compile(r"^\d{1,3}\.$")  # with its stop: a lone "4" is a page number of converted text
_JOINED_TITLE_WORDS = 14  # the title under a bare number; a paragraph is longer


def is_number_alone(text: str) -> bool:
    """ "**5.**" on a line of its own: how converted minutes head an item, never a point of text."""
    return bool(_BARE_NUMBER.match(clean(text).strip(" *_")))


def heading_texts(lines: list[Line]) -> list[str]:
    """Each line's text as a heading test should see it: a bare "1." on its own line (a PDF
    converted to Markdown puts the number and the title in separate paragraphs) is read
    with the short title that follows it, "1. Adoption of Minutes"."""
    texts = [line.text for line in lines]
    for i, line in enumerate(lines):
        if not _BARE_NUMBER.match(clean(line.text).strip(" *_")):
            continue
        nxt = next((j for j in range(i + 1, min(i + 4, len(lines))) if lines[j].text.strip()), None)
        if nxt is None:
            continue
        title = clean(lines[nxt].text).strip(" *_")
        if title and title[0].isalpha() and len(title.split()) <= _JOINED_TITLE_WORDS and not _BARE_NUMBER.match(title):
            texts[i] = f"{clean(line.text).strip(' *_').rstrip('.')}. {title}"
    return texts
