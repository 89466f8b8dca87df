"""A passage's sentences, for answers: prose sentences only (no headings, name lists or table
rows), without markup. Split at index time, so each is embedded once (indexer.build)."""
from __future__ import annotations

import re

from indexer.passages.markup import plain

_SENTENCE_END = re.compile(r"(?<=[.!?])\s+(?=[A-Z0-9(“\"'])")

_BULLET = re.compile(r"^(?:[-•·*–]|\(?[ivx]+[.)]|\(?[a-z0-9][.)])\s+", re.I)


def _prose(sentence: str) -> bool:
    """A sentence, not a heading or a name list: 6+ words, mostly not capitalised."""
    words = sentence.split()
    capitalised = sum(1 for w in words if w[:1].isupper())
    return len(words) >= 6 and capitalised / len(words) < 0.5


def sentences_of(text: str) -> list[str]:
    out = []
    for para in text.split("\n"):
        if "\t" in para:
            continue  # table rows are not sentences
        para = " ".join(plain(para).split())
        while _BULLET.match(para):
            para = _BULLET.sub("", para, count=1)
        out += [s.strip() for s in _SENTENCE_END.split(para) if _prose(s.strip())]
    return out
