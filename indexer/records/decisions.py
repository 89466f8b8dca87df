"""Decisions: each "Resolved" in minutes, with its numbered limbs, and the recommendations a
report puts to the meeting. Found in a section's lines, each with the line it starts on."""
from __future__ import annotations

import re

from indexer.models import Line, Section
from indexer.structure.patterns import LIMB, RESOLUTION, clean

_TAG = re.compile(r"^\s*</?AI\d+>\s*$")
_RECOMMENDATION = re.compile(r"^\s*recommendations?(?:\s*\(s\))?\s*:?\s*(.*)$", re.I)
_SECTION_END = re.compile(r"^\s*(?:background|introduction|executive\s+summary|contact\s+for|summary\b|"
                          r"1\.\s+(?:introduction|background)|\d\.\d\s)", re.I)
_OPEN_END = (":", ";", " and", " or", " that", "–", "-", ",")
MAX_LINES = 14


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
        if _TAG.match(text) or RESOLUTION.match(text) or (stop and stop.match(text)):
            break
        if not (LIMB.match(text) or parts[-1].endswith(_OPEN_END)):
            break
        parts.append(text)
        k += 1
    return " ".join(" ".join(parts).split()), k


def resolutions(section: Section) -> list[tuple[str, Line]]:
    out = []
    lines = [ln for ln in section.lines if ln.text.strip()]
    k = 0
    while k < len(lines):
        if RESOLUTION.match(clean(lines[k].text)):
            text, nxt = _block(lines, k)
            out.append((text, lines[k]))
            k = nxt
        else:
            k += 1
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
