"""Who met and when: council, committee and meeting date from a document's opening lines."""
from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

from indexer.structure.dates import first_date, yearless_date
from indexer.models import Line
from indexer.structure.patterns import COUNCIL_LINE, MINUTES_HEADER, clean

_TITLE_DATE = re.compile(r"\s[–-]\s|\s\d{1,2}(?:st|nd|rd|th)?\s+\w+\s+\d{4}")
# Lines that open a meeting header but are not the committee's name.
_NOT_COMMITTEE = ("minutes", "agenda", "present", "date", "time", "venue", "meeting", "notice")


# A committee's name names a body: "Cabinet", "Corporate Parenting Panel", "Metropolitan
# District of Limerick". A letterhead's building ("Aras Sean Finn"), a date line or an
# invitation sentence does not; such lines are not taken for the committee.
_BODY_WORDS = re.compile(r"\b(committee|council|cabinet|panel|board|authority|district|forum|group|executive|"
                         r"assembly|partnership|commission|scrutiny|meeting|joint|members?|subcommittee|trust)\b", re.I)
_NAME_WORDS = 16  # "Joint meeting - West of England Combined Authority Committee and West of England Joint Committee"
_SENTENCE = re.compile(r"\b(you|are|is|invited|requested|held|will|to\s+be|attend)\b", re.I)


def plausible_committee(name: str) -> bool:
    name = name.strip()
    return bool(name) and len(name.split()) <= _NAME_WORDS and not name[0].isdigit() and \
        bool(_BODY_WORDS.search(name)) and not _SENTENCE.search(name)


# "Minutes of the West of England Combined Authority Committee held on 5 June 2026",
# "PRINTED MINUTES" / "CABINET" / "Thursday, 30 January 2025", "Decisions of the Cabinet ...":
# a record of the meeting when a date follows within three lines. ("Record of Decision", one
# decision of one item, is a paper under its item, not a record of the meeting.)
_RECORD_OF_BODY = re.compile(r"^(?:printed\s+|draft\s+|unconfirmed\s+|confirmed\s+)?(?:minutes|decisions|record\s+of\s+decisions|"
                             r"notice\s+of\s+decisions)(?:\s+of\s+(?:the\s+|a\s+)?.{2,160})?$", re.I)


def is_minutes_heading(text: str, following: list[str]) -> bool:
    """Minutes (or a decision notice) begin here: the usual "Minutes of the meeting ..."
    heading, or a record of a named body with its date on this line or the next two."""
    if MINUTES_HEADER.match(text):
        return True
    return bool(_RECORD_OF_BODY.match(text)) and any(first_date(t) for t in [text, *following])


@dataclass
class MeetingHeader:
    council: str = ""
    committee: str = ""
    meeting_date: date | None = None
    is_minutes: bool = False
    time: str = ""  # "14:00": when the meeting began, as the heading or summons gives it


# "AT 10.00 A.M.", "at 3pm", "(3.30 p.m.)", "10AM."
_TIME = re.compile(r"(?<![\d.:])(\d{1,2})(?:[.:](\d{2}))?\s?([ap])\.?\s?m\b\.?", re.I)
_TIME_LINES = 8


def meeting_time(head: list[str]) -> str:
    """The first clock time in a header's opening lines, as HH:MM (24-hour)."""
    m = _TIME.search(" ".join(head[:_TIME_LINES]))
    if not m or int(m.group(1)) > 12 or int(m.group(2) or 0) > 59:
        return ""
    hour = int(m.group(1)) % 12 + (12 if m.group(3).lower() == "p" else 0)
    return f"{hour:02d}:{int(m.group(2) or 0):02d}"


_HEADING_DATE_LINES = 5  # a wrapped minutes heading ("... was held on / the 7th December 2023") spans this many


def _joined_heading(head: list[str]) -> list[str]:
    """A minutes heading typeset a word to a line ("MINUTES" / "OF" / "PROCEEDINGS" / "AT" /
    ...) joined back into one line; any other run of short lines is left as it is."""
    out: list[str] = []
    i = 0
    while i < len(head):
        j = i + 1
        while j < len(head) and len(head[j - 1].split()) <= 2 and head[j - 1].isupper() and head[j].isupper():
            j += 1
        joined = " ".join(head[i:j])
        if j > i + 2 and MINUTES_HEADER.match(joined):
            out.append(joined)
            i = j
        else:
            out.append(head[i])
            i += 1
    return out


def read_header(lines: list[Line], limit: int = 12, filed: date | None = None) -> MeetingHeader:
    """Read the first `limit` non-blank lines the way a clerk lays out a front sheet or minutes.

    Lancashire's read: "Lancashire County Council" / "Cabinet Committee on Performance
    Improvement" / "Minutes of the Meeting held on Wednesday, 18th April, 2018 ...".
    `filed`: the date of the meeting the document was filed with, which dates minutes that
    give a day and month only.
    """
    head = _joined_heading([clean(line.text) for line in lines if line.text.strip()][:limit + 8])[:limit]
    header = MeetingHeader()
    committee_line = -1
    if len(head) > 1 and head[0].replace(" ", "").lower() == "agenda" and first_date(head[1]) is None:
        header.committee, committee_line = head[1], 1  # ModernGov PDF front sheets: "AGENDA" / "CABINET" / date
    elif head and not COUNCIL_LINE.match(head[0]) and not head[0].lower().startswith(_NOT_COMMITTEE):
        # "CORPORATE PARENTING PANEL – 10th December 2024": the body's name before any date
        name = _TITLE_DATE.split(head[0])[0].strip(" –-,")
        header.committee = name if name.isupper() and len(name.split()) <= 8 else ""
    for i, text in enumerate(head):
        if not header.council and i != committee_line and COUNCIL_LINE.match(text.rstrip(",.;:")) and len(text) < 70:
            header.council = text.rstrip(",.;:")
            nxt = head[i + 1] if i + 1 < len(head) else ""
            if nxt and not nxt.lower().startswith(_NOT_COMMITTEE) and first_date(nxt) is None:
                header.committee = nxt
        if is_minutes_heading(text, head[i + 1:i + 3]) and not header.is_minutes:
            # the first such line is this document's own; later ones are items confirming
            # earlier minutes ("Minutes of the meeting held on 29 October 2024 (Item 3)")
            header.is_minutes = True
            header.meeting_date = first_date(text) or header.meeting_date
        elif header.meeting_date is None and (header.council or i < 6):
            header.meeting_date = first_date(text)
    if header.is_minutes and header.meeting_date is None:
        # "Minutes of the Meeting of ... Committee" / "held on 13th February 2024 ...": the
        # heading wraps, so its date may sit on the following lines
        at = next(i for i, t in enumerate(head) if is_minutes_heading(t, head[i + 1:i + 3]))
        heading = " ".join(head[at:at + _HEADING_DATE_LINES])
        header.meeting_date = first_date(heading) or (yearless_date(heading, filed) if filed else None)
    if not plausible_committee(header.committee):
        header.committee = ""
    header.time = meeting_time(head)
    return header
