"""A passage's sentences, for answers: prose sentences only (no headings, name lists or table
rows), without markup. Split at index time, so each is embedded once (indexer.build)."""
from __future__ import annotations

import re

from indexer.passages.markup import plain
from indexer.structure.patterns import runs_on, sentence_spans

_BULLET = re.compile(r"^(?:[-•·*–]|\(?[ivx]+[.)]|\(?[a-z0-9][.)])\s+", re.I)


# A row of a table read as one line ("… removal of temporary classrooms 2,000 2,000 2,000 …") is
# not a sentence to quote: prose has few bare figures ("£2,000 on 14 benches in 2025" is 3 of 11
# words); a row of a table has more than a third (Kent's capital programme rows: 0.4-0.5).
FIGURES_SHARE = 1 / 3


def _prose(sentence: str) -> bool:
    """A sentence, not a heading, a name list or a table row: 6+ words, mostly not capitalised,
    at most FIGURES_SHARE of them bare figures."""
    words = sentence.split()
    capitalised = sum(1 for w in words if w[:1].isupper())
    figures = sum(1 for w in words if not any(c.isalpha() for c in w))
    return len(words) >= 6 and capitalised / len(words) < 0.5 and figures / len(words) <= FIGURES_SHARE


def paragraphs(text: str) -> list[str]:
    """The text's lines with wrapped lines joined back into the paragraph they break (the rule
    the commitments read by, patterns.runs_on); a table row neither joins nor is joined."""
    out: list[str] = []
    last = ""  # the paragraph's last line, as runs_on reads it
    for raw in text.split("\n"):
        line = " ".join(plain(raw).split())
        if not line:
            continue
        if "\t" in raw:
            out.append(raw)
            last = ""
        elif runs_on(last, line):
            out[-1] = f"{out[-1]} {line}"
            last = line
        else:
            out.append(line)
            last = line
    return out


def sentences_of(text: str) -> list[str]:
    out = []
    for para in paragraphs(text):
        if "\t" in para:
            continue  # table rows are not sentences
        while _BULLET.match(para):
            para = _BULLET.sub("", para, count=1)
        out += [s.strip() for _, s in sentence_spans(para) if _prose(s.strip())]
    return out
