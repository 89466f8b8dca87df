"""Hybrid retrieval over an index folder: dense (FAISS) and keyword (FTS5 BM25) lists fused
by reciprocal rank, filtered, diversified across agenda items, with a relevance floor.

A `Hit` is the one small typed result that flows from here to the CLI's JSON, the API and
the page.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

import numpy as np

from indexer.embedder import Embedder, load_embedder
from indexer.errors import BadQuery
from indexer.manifest import require_manifest
from indexer.models import Citation
from indexer.store import Store, citation_from_json
from indexer.vectors import VectorIndex

from .query import ParsedQuery, parse_query

MAX_QUERY_CHARS = 1000
MAX_K = 50
RRF_K = 60  # the constant from Cormack et al. (2009); damps the weight of the very top ranks
CANDIDATES = 100  # per list: deep enough that fusion sees everything plausibly relevant


@dataclass(frozen=True)
class Filters:
    committee: str | None = None
    date_from: date | None = None
    date_to: date | None = None
    kind: str | None = None
    include_exempt: bool = False


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

    def to_dict(self) -> dict[str, Any]:
        return {"rank": self.rank, "score": round(self.score, 6), "passage_id": self.passage_id,
                "text": self.text, "citation": self.citation.to_dict(), "item_id": self.item_id,
                "meeting_id": self.meeting_id}


@dataclass
class SearchResult:
    query: str
    hits: list[Hit] = field(default_factory=list)
    terms: list[str] = field(default_factory=list)


class Searcher:
    """Loads an index folder once; `search` is then cheap and thread-safe."""

    def __init__(self, folder: Path, embedder: Embedder | None = None) -> None:
        self.folder = folder
        self.manifest = require_manifest(folder)
        self.store = Store(folder)
        self.vectors = VectorIndex.load(folder)
        self.embedder = embedder or load_embedder(self.manifest["model"])
        self._exempt = np.array(self.store.column("exempt"), dtype=bool)
        self._committee = np.array([c or "" for c in self.store.column("committee")], dtype=object)
        self._date = np.array([d or "" for d in self.store.column("meeting_date")], dtype=object)
        self._kind = np.array(self.store.column("kind"), dtype=object)
        self._item = self.store.column("item_id")

    def close(self) -> None:
        self.store.close()

    def mask(self, filters: Filters) -> np.ndarray:
        keep = np.ones(len(self._exempt), dtype=bool)
        if not filters.include_exempt:
            keep &= ~self._exempt
        if filters.committee:
            keep &= np.array([c.lower() == filters.committee.lower() for c in self._committee], dtype=bool)
        if filters.kind:
            keep &= self._kind == filters.kind
        if filters.date_from:
            keep &= self._date >= filters.date_from.isoformat()
        if filters.date_to:
            keep &= (self._date <= filters.date_to.isoformat()) & (self._date != "")
        return keep

    def search(self, query: str, k: int = 10, filters: Filters | None = None) -> SearchResult:
        parsed = validate_query(query, k)
        filters = filters or Filters()
        keep = self.mask(filters)
        if not keep.any():
            return SearchResult(query=parsed.text, terms=parsed.terms)
        dense = self._dense(parsed, keep)
        keyword = self._keyword(parsed, keep)
        fused = fuse([dense, keyword])
        if parsed.phrases:
            fused = {i: s for i, s in fused.items() if i in keyword}
        fused = {i: s for i, s in fused.items() if self._passes_floor(dense.get(i, 0.0), i in keyword)}
        order = diversify(sorted(fused, key=fused.get, reverse=True), self._item, k)
        rows = self.store.passages(order)
        hits = [Hit(rank=r + 1, score=fused[i], passage_id=rows[i]["passage_id"], text=rows[i]["text"],
                    citation=citation_from_json(rows[i]["citation"]), item_id=rows[i]["item_id"],
                    meeting_id=rows[i]["meeting_id"], dense=dense.get(i, 0.0), keyword=keyword.get(i, 0.0))
                for r, i in enumerate(order)]
        return SearchResult(query=parsed.text, hits=hits, terms=parsed.terms)

    def _dense(self, parsed: ParsedQuery, keep: np.ndarray) -> dict[int, float]:
        vec = self.embedder.encode([parsed.semantic_text])[0]
        scores = self.vectors.all_scores(vec)
        scores[~keep] = -np.inf
        top = np.argsort(-scores)[:CANDIDATES]
        return {int(i): float(scores[i]) for i in top if np.isfinite(scores[i])}

    def _keyword(self, parsed: ParsedQuery, keep: np.ndarray) -> dict[int, float]:
        if not parsed.match:
            return {}
        found = self.store.keyword(parsed.match, CANDIDATES * 3)
        return dict([(i, s) for i, s in found if keep[i]][:CANDIDATES])

    def _passes_floor(self, dense: float, keyword_hit: bool) -> bool:
        return keyword_hit or dense >= 0.3


def validate_query(query: str, k: int) -> ParsedQuery:
    text = (query or "").strip()
    if not text:
        raise BadQuery("the query is empty: type a few words to search for")
    if len(text) > MAX_QUERY_CHARS:
        raise BadQuery(f"the query is {len(text)} characters long; the limit is {MAX_QUERY_CHARS}")
    if not 1 <= k <= MAX_K:
        raise BadQuery(f"k must be between 1 and {MAX_K}, not {k}")
    return parse_query(text)


def fuse(lists: list[dict[int, float]]) -> dict[int, float]:
    """Reciprocal rank fusion: each list adds 1/(RRF_K + rank) for every passage it ranks."""
    fused: dict[int, float] = {}
    for scores in lists:
        for rank, i in enumerate(sorted(scores, key=scores.get, reverse=True)):
            fused[i] = fused.get(i, 0.0) + 1.0 / (RRF_K + rank + 1)
    return fused


def diversify(order: list[int], item_of: list[str], k: int, per_item: int = 2) -> list[int]:
    """The first k passages with at most `per_item` from any one agenda item, so one long report
    cannot fill the page; passages beyond that only fill slots nothing else could."""
    picked: list[int] = []
    spill: list[int] = []
    seen: dict[str, int] = {}
    for i in order:
        item = item_of[i]
        if seen.get(item, 0) < per_item:
            picked.append(i)
            seen[item] = seen.get(item, 0) + 1
        else:
            spill.append(i)
        if len(picked) >= k:
            break
    return (picked + spill)[:k]
