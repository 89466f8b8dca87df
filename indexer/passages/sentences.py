"""A passage's sentences, for answers: prose sentences only (no headings, name lists or table
rows), without markup. Split at index time, so each is embedded once (indexer.build)."""
from __future__ import annotations

import re

from indexer.passages.markup import plain

_SENTENCE_END = re.compile(r"(?<=[.!?])\s+(?=[A-Z0-9(“\"'])")

# A full stop that ends a title or a short form, not a sentence: "10 St. Lawrence Park", "Cllr. Daly".
_NOT_AN_END = re.compile(r"(?:^|\s)(?:St|Mr|Mrs|Ms|Dr|Cllr|Clr|Prof|Rev|No|Nos|Co|Ltd|Inc|para|paras|approx|e\.g|i\.e|cf|vs|etc)\.$",
                         re.I)

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


# A line that runs on into the next: no closing punctuation, and either the next line carries on
# in lower case or a digit ("… Section 183 of the Local Government Act,\n2001 (as amended)") or
# this one ends on a lower-case word ("Household spending, the largest\ncomponent of MDD …").
# Papers converted from PDF to text keep the page's line breaks (Limerick's minutes, wrapped at
# ~90 characters): split there, a sentence became two fragments, neither quotable in an answer.
_ENDS_CLAUSE = re.compile(r"[.!?:;]['’”\")]*$")
_CARRIES_ON = re.compile(r"^[a-z0-9(“\"'‘,£€$%]")


def _runs_on(line: str, following: str) -> bool:
    if not line or not following or "\t" in line or "\t" in following:
        return False
    if _ENDS_CLAUSE.search(line):
        return bool(_NOT_AN_END.search(line))  # "… the disposal of 10 St.\nLawrence Park"
    if _BULLET.match(following) and not following[:1].isdigit():
        return False
    last = line.split()[-1]
    return bool(_CARRIES_ON.match(following)) or last[:1].islower()


def _split(paragraph: str) -> list[str]:
    pieces: list[str] = []
    for piece in (p.strip() for p in _SENTENCE_END.split(paragraph)):
        if pieces and _NOT_AN_END.search(pieces[-1]):
            pieces[-1] = f"{pieces[-1]} {piece}"
        else:
            pieces.append(piece)
    return pieces


def paragraphs(text: str) -> list[str]:
    """The text's lines with wrapped lines joined back into the paragraph they break."""
    out: list[str] = []
    for line in (raw.strip() for raw in text.split("\n")):
        if out and _runs_on(out[-1], line):
            out[-1] = f"{out[-1]} {line}"
        else:
            out.append(line)
    return out


def sentences_of(text: str) -> list[str]:
    out = []
    for para in paragraphs(text):
        if "\t" in para:
            continue  # table rows are not sentences
        para = " ".join(plain(para).split())
        while _BULLET.match(para):
            para = _BULLET.sub("", para, count=1)
        out += [s for s in _split(para) if _prose(s)]
    return out
