"""The resolution a question about a decision should lead with.

"What did County Council decide about the budget" wants the budget resolution the minutes
record, not the best-matching sentence: ranked by similarity alone, the answer quoted a
governance resolution, an opposition amendment and a constitution change. So among the
resolutions recorded on the items the search found, the one on the matter asked about is put
first: the matter is what the question names besides the decision words, the body and the
date ("budget"); a resolution matches it through its item's title (twice as telling as its
text: "Revenue Budget 2025-26" is the matter, a budget mentioned in passing is not). A
resolution of the body the question names comes before any other's, one of the month it names
("in January") before another month's, and the search's own order breaks ties. A question
whose matter no resolution on those items mentions gets no lead: the answer is the sentences
alone.
"""
from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from api.search.query import DECISION_WORDS, STOPWORDS, asks_decision, named_committees
from indexer.structure.dates import MONTHS

# Words of asking rather than of the matter, besides the decision words themselves
_ASKING = re.compile(r"say|said|happen\w*|meeting|council|committee")
_SUFFIX = re.compile(r"(?:ies|es|s|ing|ed)$")
# A matter word in the item's title counts twice one in the resolution's text. Over the
# decision questions of Kent (8), WECA (3) and Limerick (4), and the budget question, any weight
# from 1 to 4 gives every lead right; at 0 (text alone) Kent's d05 (remote meetings) goes wrong.
TITLE_WEIGHT = 2.0


@dataclass(frozen=True)
class Recorded:
    """A resolution as the lead needs it: what was resolved, on which item, by which body."""
    decision_id: str
    item_id: str
    committee: str
    item_title: str
    text: str
    meeting_date: str = ""  # ISO


def _stem(word: str) -> str:
    return _SUFFIX.sub("", word) if len(word) > 4 else word


def _words(text: str) -> set[str]:
    return {_stem(w) for w in re.findall(r"[a-z0-9]+", text.lower()) if w not in STOPWORDS}


def matter(question: str, committees: Sequence[str]) -> set[str]:
    """The words that say what the decision was about: not the decision words, the body the
    question names, a month or a day."""
    named = {w for c in named_committees(question, list(committees)) for w in _words(c)}
    typed = [w for w in re.findall(r"[a-z0-9]+", question.lower())
             if w not in STOPWORDS and w not in MONTHS and not w.isdigit()
             and not DECISION_WORDS.fullmatch(w) and not _ASKING.fullmatch(w)]
    return {_stem(w) for w in typed} - named


def leading_decision(question: str, item_order: Sequence[str], resolutions: Sequence[Recorded],
                     committees: Sequence[str]) -> Recorded | None:
    """The resolution to lead the answer with, or None. `item_order` is the items of the
    search's hits, best first; `resolutions` those recorded on them that the reader may see."""
    if not asks_decision(question) or not resolutions:
        return None
    about = matter(question, committees)
    if not about:
        return None
    named = {c.lower() for c in named_committees(question, list(committees))}
    position = {item: n for n, item in reversed(list(enumerate(item_order)))}

    def found(r: Recorded) -> float:
        return TITLE_WEIGHT * len(about & _words(r.item_title)) + len(about & _words(r.text))

    matching = [r for r in resolutions if found(r) > 0]
    if named and any(r.committee.lower() in named for r in matching):
        # "what did Cabinet resolve …": Cabinet's resolution, though County Council's that day
        # names the matter more often
        matching = [r for r in matching if r.committee.lower() in named]
    months = {f"-{MONTHS[w.lower()]:02d}-" for w in re.findall(r"[A-Za-z]+", question)
              if w.lower() in MONTHS and w != "may"}  # "what may Cabinet decide": not May
    if months and any(r.meeting_date[4:8] in months for r in matching):
        # "… decide about devolution in January": January's resolution, not March's update
        matching = [r for r in matching if r.meeting_date[4:8] in months]
    return max(matching, key=lambda r: (found(r), -position.get(r.item_id, len(item_order))), default=None)
