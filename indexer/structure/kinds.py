"""What kind of paper a file is: a front sheet or reports pack, printed minutes, or a report
or appendix, read from its category, its file name and its opening lines."""
from __future__ import annotations

import hashlib
import re
from collections import defaultdict
from pathlib import PurePosixPath

from indexer.models import SourceDocument
from indexer.structure.header import read_header

_DECISION = re.compile(r"\b(\d{2})\s*[/-]\s*(\d{5})\b")
APPENDIX_NAME = re.compile(r"(?:^|[\s\-–])(appendix|annex(?:e)?)\b", re.I)


def stem(doc: SourceDocument) -> str:
    return PurePosixPath(doc.source).stem


def page_fingerprints(doc: SourceDocument) -> dict[int, str]:
    by_page: dict[int, list[str]] = defaultdict(list)
    for line in doc.lines:
        by_page[line.page or 0].append(line.text)
    return {page: hashlib.sha1(re.sub(r"\W+", "", " ".join(t)).lower().encode()).hexdigest()
            for page, t in by_page.items() if len(" ".join(t)) > 200}


def is_front_sheet(doc: SourceDocument) -> bool:
    first = " ".join(line.text for line in doc.lines[:3]).lower()
    return doc.category == "agenda_frontsheet" or "frontsheet" in stem(doc).lower().replace(" ", "") \
        or first.startswith(("agenda", "summons")) or "reports pack" in stem(doc).lower()


def is_minutes(doc: SourceDocument) -> bool:
    return doc.category == "minutes" or read_header(doc.lines).is_minutes


def decision_numbers(text: str) -> set[str]:
    return {f"{a}/{b}" for a, b in _DECISION.findall(text)}


def is_appendix(doc: SourceDocument) -> bool:
    return doc.category == "appendix" or bool(APPENDIX_NAME.search(stem(doc)))

