"""Decisions: each "Resolved" in minutes, with its numbered limbs, and the recommendations a
report puts to the meeting. Found in a section's lines, each with the line it starts on."""
from __future__ import annotations

import re

from indexer.models import Line, Section
from indexer.structure.patterns import LIMB, RESOLUTION, clean

# Limerick's minutes: "Proposed by …; Seconded by …; And Resolved:" then the quoted resolution
_AND_RESOLVED = re.compile(r"^\s*and\s+resolved\b", re.I)
_TAG = re.compile(r"^\s*</?AI\d+>\s*$")
_RECOMMENDATION = re.compile(r"^\s*recommendations?(?:\s*\(s\))?\s*:?\s*(.*)$", re.I)
_SECTION_END = re.compile(r"^\s*(?:background|introduction|executive\s+summary|contact\s+for|summary\b|"
                          r"1\.\s+(?:introduction|background)|\d\.\d\s)", re.I)
_OPEN_END = (":", ";", " and", " or", " that", "–", "-", ",")
# Kent's 2025-26 budget resolution runs to limbs (a)-(s) under six sub-headings ("2025-26
# Council Tax", "Kent Pay Scheme 2025-26"): 25 lines; a resolution longer than this is unheard of.
MAX_LINES = 60
_QUOTE_OPENS_BY = 40  # characters: "14. And Resolved: “That …" quotes the resolution whole
_HEADING_WORDS = 12  # a sub-heading between a resolution's limbs, not a sentence of debate


def _block(lines: list[Line], start: int, stop: re.Pattern[str] | None = None) -> tuple[str, int]:
    """Text of the decision starting at lines[start] and the index just past it: following lines
    belong while they are limbs ("(ii) …") or the text so far ends open (":", "and", "that")."""
    parts = [clean(lines[start].text)]
    k = start + 1
    while k < len(lines) and len(parts) < MAX_LINES:
        text = clean(lines[k].text)
        if not text:
            k += 1
            continue
        if _TAG.match(text) or _resolved(text) or (stop and stop.match(text)) or _quote_closed(parts):
            break
        if not (LIMB.match(text) or parts[-1].endswith(_OPEN_END) or _subheading(lines, k) or _quoting(parts)
                or _AND_RESOLVED.match(parts[-1])):
            break
        parts.append(text)
        k += 1
    return " ".join(" ".join(parts).split()), k


def _resolved(text: str) -> bool:
    return bool(RESOLUTION.match(text) or _AND_RESOLVED.match(text))


def _quoting(parts: list[str]) -> bool:
    """Inside a quoted resolution that wraps over lines (Limerick: "“That the roads in The
    Cloisters … be taken in charge in accordance" / "with Section 180 …”")."""
    text = " ".join(parts)
    return text.count("“") > text.count("”")


def _quote_closed(parts: list[str]) -> bool:
    """A resolution given as a quotation ("And Resolved: “That the Part 8 … be approved …”")
    ends where the quotation does: the next line, even one lettered "(b) Part 8 Procedure – …",
    is the next matter's heading (Limerick's minutes ran one resolution into the next)."""
    text = " ".join(parts)
    opens = text.find("“")
    return 0 <= opens <= _QUOTE_OPENS_BY and text.count("“") == text.count("”") and \
        text.rstrip(" .;").endswith("”")


def _subheading(lines: list[Line], k: int) -> bool:
    """lines[k] heads the limbs that follow it ("2025-26 Revenue Budget and Medium Term
    Financial Plan" / "(c) The net revenue budget ..."): short, no full stop, a limb next."""
    text = clean(lines[k].text)
    if len(text.split()) > _HEADING_WORDS or text.endswith((".", "?", "!")):
        return False
    nxt = next((clean(ln.text) for ln in lines[k + 1:k + 3] if ln.text.strip()), "")
    return bool(LIMB.match(nxt))


def resolutions(section: Section) -> list[tuple[str, Line]]:
    out = []
    lines = [ln for ln in section.lines if ln.text.strip()]
    k = 0
    while k < len(lines):
        if _resolved(clean(lines[k].text)):
            text, nxt = _block(lines, k)
            out.append((text, lines[k]))
            k = nxt
        else:
            k += 1
    return out


_DECISION = re.compile(r"^\s*decision\s*:\s*$", re.I)
_PAGE_ITEM = re.compile(r"^\s*\d{1,2}\.\s+[A-Z][a-z]")  # the page's next item heading, "10. Delivery Assurance"


def page_decisions(section: Section) -> list[tuple[str, Line]]:
    """A ModernGov "Agenda and decisions" page (WECA) records each item's decision under a
    "Decision:" line ("That the … Committee:" then "(1) Delegated …"), not in minutes."""
    lines = [ln for ln in section.lines if ln.text.strip()]
    out = []
    for k, line in enumerate(lines):
        if _DECISION.match(clean(line.text)) and k + 1 < len(lines):
            text, _ = _block(lines, k, _PAGE_ITEM)
            text = re.sub(r"^\s*decision\s*:\s*", "", text, flags=re.I)
            if len(text.split()) >= 4:
                out.append((text, line))
    return out


def recommendations(section: Section) -> list[tuple[str, Line]]:
    """The recommendation a report makes ("The Cabinet Committee is asked to: (i) note …")."""
    lines = [ln for ln in section.lines if ln.text.strip()]
    for k, line in enumerate(lines[:80]):
        m = _RECOMMENDATION.match(clean(line.text))
        if not m:
            continue
        if m.group(1) and len(m.group(1)) > 20:  # "Recommendation(s): Cabinet is asked to …" on one line
            text, _ = _block(lines, k, _SECTION_END)
        elif k + 1 < len(lines):
            text, _ = _block(lines, k + 1, _SECTION_END)
        else:
            continue
        text = _RECOMMENDATION.sub(r"\1", text, count=1).strip() if _RECOMMENDATION.match(text) else text
        if len(text.split()) >= 4:
            return [(text, line)]
    return []
