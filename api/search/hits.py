"""What a search returns: the filters it ran under, its hits (each a passage with its citation,
and the copies of its text folded into it) and the terms it matched."""
from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import Any

from indexer.models import Citation

from api.formatting import permalink


@dataclass(frozen=True)
class Filters:
    committee: str | None = None
    date_from: date | None = None
    date_to: date | None = None
    kind: str | None = None
    include_exempt: bool = False
    exact: bool = False  # every word (and "phrase") of the query must appear in a passage
    within: frozenset[int] | None = None  # only these passages (vec_ids): an alert's new ones


@dataclass(frozen=True)
class Copy:
    """Where else a hit's text appears (a revised copy, the minutes quoting it)."""
    passage_id: str
    item_id: str
    citation: Citation

    @property
    def permalink(self) -> str:
        return permalink(self.item_id, self.passage_id)


@dataclass
class Hit:
    rank: int
    score: float
    passage_id: str
    text: str
    citation: Citation
    item_id: str
    meeting_id: str
    dense: float = 0.0
    keyword: float = 0.0
    copies: list["Copy"] = field(default_factory=list)  # the same text elsewhere, folded into this hit

    @property
    def permalink(self) -> str:
        return permalink(self.item_id, self.passage_id)

    def to_dict(self) -> dict[str, Any]:
        return {"rank": self.rank, "score": round(self.score, 6), "passage_id": self.passage_id,
                "text": self.text, "citation": self.citation.to_dict(), "item_id": self.item_id,
                "meeting_id": self.meeting_id}


@dataclass
class SearchResult:
    query: str
    hits: list[Hit] = field(default_factory=list)
    terms: list[str] = field(default_factory=list)
    also_searched: list[str] = field(default_factory=list)  # "LCS (Lancashire's children's system)"
    total: int = 0  # results above the relevance floor, up to MAX_TOTAL
    offset: int = 0
