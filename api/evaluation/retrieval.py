"""`quire eval`: score a ranking function against a gold file.

Two gold shapes (see ../shared/eval/README.md): item-level (`id, query, relevant` with
`MEETING_DATE#ITEM:GRADE`) → nDCG@10, Recall@5, MRR@10 over distinct items; and answer
containment (`id, query, answer, ...`) → answer recall@1/5/10 and MRR@10 over passages.
"""
from __future__ import annotations

import csv
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from indexer.errors import QuireError

from api.evaluation.metrics import answered_within, distinct, ndcg_at, recall_at, reciprocal_rank

if TYPE_CHECKING:
    from api.search.engine import Filters, Searcher

# A ranker takes a query and returns ranked (item key "DATE#N", passage text) pairs.
Ranker = Callable[[str], Sequence[tuple[str, str]]]


def searcher_ranker(searcher: Searcher, k: int, filters: Filters) -> Ranker:
    """Quire's own ranking as a Ranker: its top k passages, keyed by their cited item."""
    def rank(query: str) -> list[tuple[str, str]]:
        return [(f"{h.citation.meeting_date}#{h.citation.item_number}", h.text)
                for h in searcher.search(query, k, filters).hits]
    return rank


@dataclass
class EvalReport:
    kind: str
    metrics: dict[str, float]
    misses: list[dict[str, Any]] = field(default_factory=list)
    queries: int = 0


def read_gold(path: Path) -> tuple[str, list[dict[str, str]]]:
    try:
        with path.open(newline="", encoding="utf-8") as fh:
            rows = list(csv.DictReader(fh, delimiter="\t"))
    except OSError as exc:
        raise QuireError(f"cannot read gold file {path}: {exc.strerror}") from exc
    cols = set(rows[0]) if rows else set()
    if {"query", "relevant"} <= cols:
        return "items", rows
    if {"query", "answer"} <= cols:
        return "answers", rows
    raise QuireError(f"{path}: expected columns 'id, query, relevant' or 'id, query, answer, ...'")


def _grades(relevant: str) -> dict[str, int]:
    grades = {}
    for part in relevant.split():
        key, _, grade = part.rpartition(":")
        grades[key] = int(grade)
    return grades


def _norm(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip().lower()


def evaluate(kind: str, rows: list[dict[str, str]], rank: Ranker) -> EvalReport:
    sums: dict[str, float] = {}
    misses = []
    for row in rows:
        ranked = rank(row["query"])
        if kind == "items":
            grades = _grades(row["relevant"])
            items = distinct([item for item, _ in ranked])
            scores = {"nDCG@10": ndcg_at(items, grades), "Recall@5": recall_at(items, set(grades)),
                      "MRR@10": reciprocal_rank([i in grades for i in items])}
            missed = scores["Recall@5"] < 1.0 or scores["MRR@10"] < 1.0
            got = items[:5]
        else:
            answer = _norm(row["answer"])
            hits = [answer in _norm(text) for _, text in ranked]
            scores = {"answer@1": answered_within(hits, 1), "answer@5": answered_within(hits, 5),
                      "answer@10": answered_within(hits, 10), "MRR@10": reciprocal_rank(hits)}
            missed = scores["answer@5"] < 1.0
            got = [text[:120] for _, text in ranked[:3]]
        for name, value in scores.items():
            sums[name] = sums.get(name, 0.0) + value
        if missed:
            misses.append({"id": row.get("id", ""), "query": row["query"], "scores": scores, "first": got})
    n = max(len(rows), 1)
    return EvalReport(kind, {k: v / n for k, v in sums.items()}, misses, len(rows))


def format_report(report: EvalReport) -> str:
    lines = [f"{report.queries} queries: " + "  ".join(f"{k} {v:.4f}" for k, v in report.metrics.items())]
    for miss in report.misses:
        lines.append(f"  miss {miss['id']}: {miss['query']!r} " +
                     " ".join(f"{k}={v:.2f}" for k, v in miss["scores"].items()))
        lines += [f"      came first: {g}" for g in miss["first"][:3]]
    return "\n".join(lines)
