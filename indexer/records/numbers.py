"""Decision numbers: Kent gives each executive decision a number ("24/00108", "25/00012")
that travels with it from Cabinet to scrutiny and County Council. An item carrying the same
number at another meeting is the same decision followed through the bodies.
"""
from __future__ import annotations

import re

from indexer.models import Section, SourceDocument
from indexer.passages.citations import item_id, section_meeting_id
from indexer.structure.patterns import PROCEDURAL_ITEM

# "24/00108" in text, "24-00108 - PROD.pdf" in a file's title; five digits after the year
# keep dates ("24/01/2025") and page refs out.
DECISION_NUMBER = re.compile(r"(?<![\d/-])(2\d)\s?[/-]\s?(\d{5})(?![\d/-])")


def numbers_in(text: str) -> set[str]:
    return {f"{a}/{b}" for a, b in DECISION_NUMBER.findall(text)}


def decision_refs(documents: list[tuple[SourceDocument, list[Section]]]) -> list[dict]:
    """(item_id, number) for each decision number an item's title or its papers' titles carry
    ("24/00108 - Revenue and Capital Budget Monitoring", "Review of Decision 24/00093"). Numbers
    in the body are left out: on Kent, 6 of the 13 found in bodies were other decisions cited in
    passing (Cabinet Member Updates, a call-in citing 21/00086), none a decision taken there."""
    found: set[tuple[str, str]] = set()
    for doc, sections in documents:
        for s in sections:
            if not s.meeting_date or PROCEDURAL_ITEM.match(s.item_title or "") or s.item_number == 0:
                continue
            iid = item_id(section_meeting_id(doc, s), s.item_number)
            for number in numbers_in(s.document_title + "\n" + s.item_title):
                found.add((iid, number))
    return [{"item_id": i, "number": n} for i, n in sorted(found)]
