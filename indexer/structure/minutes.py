"""Minutes → one Section per agenda item (item 0 is the header: title, date, attendance).

Two shapes are read:
- ModernGov's HTML-derived minutes, where each item sits between <AIn> and </AIn> tags;
- plain numbered minutes ("4. Annual Statutory Report ..."), as reproduced inside agenda packs
  or printed to PDF. Kent numbers minutes consecutively across the year and names the agenda
  item in brackets ("84. Apologies (Item 1)"): the item number is taken from the bracket and
  the minute number kept.
"""
from __future__ import annotations

import re
from datetime import date

from indexer.models import Line, PublishedIn, Section
from indexer.structure.headings import (heading_texts, is_labelled_heading, is_number_alone, is_stopped_heading,
                                        item_heading)
from indexer.structure.patterns import clean

_AI_OPEN = re.compile(r"^\s*<AI(\d+)>\s*$")
_AI_CLOSE = re.compile(r"^\s*</AI(\d+)>\s*$")
_ITEM_REF = re.compile(r"\(\s*item\s+(\d{1,3})[a-z]?\s*\)\s*$", re.I)


def has_item_tags(lines: list[Line]) -> bool:
    return any(_AI_OPEN.match(line.text) for line in lines)


def _section(meeting: date | None, number: int, title: str, lines: list[Line], **kw) -> Section:
    return Section(meeting_date=meeting, item_number=number, item_title=title, kind="minutes",
                   document_title=kw.pop("document_title", "Minutes"), lines=lines, **kw)


def _tagged_title(body: list[Line]) -> str:
    """Title of a tagged item: the first non-blank line that is not just the item number."""
    for line in body:
        text = clean(line.text)
        if text and not re.fullmatch(r"\d{1,3}\.?", text):
            return text
    return ""


def split_tagged_minutes(lines: list[Line], meeting: date | None, doc_title: str) -> list[Section]:
    """Minutes with <AIn> … </AIn> item tags; text before the first tag is item 0."""
    sections: list[Section] = []
    header: list[Line] = []
    current: list[Line] | None = None
    number = 0
    for line in lines:
        opened = _AI_OPEN.match(line.text)
        if opened:
            number, current = int(opened.group(1)), [line]
            continue
        if current is None:
            header.append(line)
            continue
        current.append(line)
        if _AI_CLOSE.match(line.text):
            sections.append(_section(meeting, number, _tagged_title(current[1:]), current,
                                     document_title=doc_title))
            current = None
    if current:  # an unclosed tag still holds that item's text
        sections.append(_section(meeting, number, _tagged_title(current[1:]), current,
                                 document_title=doc_title))
    sections.insert(0, _section(meeting, 0, doc_title, header, document_title=doc_title))
    return sections


_REF_HEADING = re.compile(r"^(?:(\d{1,4})\.\s+)?([A-Z0-9].{1,220}?)\s*\(\s*item\s+(\d{1,3})[a-z]?\s*\)$", re.I)


def _ref_heading(text: str) -> tuple[int, int, str] | None:
    """(minute number or 0, item number, title) for 'Participation Team Update (Item 4)' or
    '84. Apologies (Item 1)': Kent's headings name the agenda item they minute."""
    m = _REF_HEADING.match(clean(text))
    if not m or m.group(2).lower().startswith("resolved"):
        return None
    return int(m.group(1) or 0), int(m.group(3)), m.group(2).strip()


def _heading(text: str, expected: int | None, numbers: frozenset[int] = frozenset()) -> tuple[int, str] | None:
    """(minute number, title) when `text` is the next numbered minute heading, else None.
    The first heading may carry any number (Kent's run through the year) when written with
    its stop and followed by the next number (`numbers`: every heading number in the
    document), so one quoted "150. Codes of conduct." is not taken for the first minute; a
    bare "1 Welcome ..." must be number 1."""
    found = item_heading(text)
    if found is None:
        return None
    number, title = found
    if expected is None and number != 1 and (not is_stopped_heading(text) or number + 1 not in numbers):
        return None
    if expected is not None and number != expected:
        return None
    return number, title


def split_numbered_minutes(
    lines: list[Line],
    meeting: date | None,
    doc_title: str,
    published_in: PublishedIn | None = None,
) -> list[Section]:
    """Numbered minutes; numbering may start anywhere (Kent) but must then run consecutively.
    Where headings name their agenda item ("… (Item 4)"), those headings are used instead."""
    if sum(1 for line in lines if _ref_heading(line.text)) >= 2:
        return _split_by_item_refs(lines, meeting, doc_title, published_in)
    sections: list[Section] = []
    header: list[Line] = []
    expected: int | None = None
    texts = heading_texts(lines)
    labelled = sum(1 for t in texts if is_labelled_heading(t)) >= _LABELLED_MIN
    numbers = frozenset(h[0] for h in map(item_heading, texts) if h)
    seen: set[int] = set()
    for line, text in zip(lines, texts, strict=True):
        found = _heading(text, expected, numbers) if not labelled or is_labelled_heading(text) else None
        if found is None and expected is not None and is_number_alone(line.text) and text != line.text:
            # a number alone on its line heads an item even out of order (minutes taking
            # item 5 before 3 and 4), when it is one not yet minuted and not far ahead
            number = item_heading(text)
            if number and number[0] not in seen and number[0] <= max(seen) + _OUT_OF_ORDER:
                found = number
        if found is None and expected is None:
            header.append(line)
            continue
        if found is None:
            sections[-1].lines.append(line)
            continue
        minute, title = found
        ref = _ITEM_REF.search(title)
        item = int(ref.group(1)) if ref else minute
        title = _ITEM_REF.sub("", title).strip() if ref else title
        sections.append(_section(meeting, item, title, [line], document_title=doc_title,
                                 published_in=published_in,
                                 minute_number=str(minute) if ref else ""))
        seen.add(minute)
        expected = max(seen) + 1 if minute == max(seen) else min(n for n in range(1, max(seen) + 2) if n not in seen)
    said = sum(1 for line in header if line.text.strip())
    if sections and said > _LATE_LINES and len(header) > len(lines) * _LATE_SHARE:
        # the first "1." comes after pages of proceedings: a numbered list inside the minutes
        # (a budget statement's "1. Housing & Regeneration ... 13."), not their items; an
        # attendance list before item 1 runs to a few dozen lines
        return [_section(meeting, 0, doc_title, lines, document_title=doc_title, published_in=published_in)]
    sections.insert(0, _section(meeting, 0, doc_title, header, document_title=doc_title,
                                published_in=published_in))
    return sections


_LATE_SHARE = 0.25
_LATE_LINES = 150
_OUT_OF_ORDER = 3  # how far ahead an out-of-order heading may jump
_LABELLED_MIN = 2  # "Item N:" headings that make the document's own heading form


def _split_by_item_refs(lines: list[Line], meeting: date | None, doc_title: str,
                        published_in: PublishedIn | None) -> list[Section]:
    sections = [_section(meeting, 0, doc_title, [], document_title=doc_title, published_in=published_in)]
    for line in lines:
        found = _ref_heading(line.text)
        if found:
            minute, item, title = found
            sections.append(_section(meeting, item, title, [], document_title=doc_title,
                                     published_in=published_in, minute_number=str(minute) if minute else ""))
        sections[-1].lines.append(line)
    return sections
