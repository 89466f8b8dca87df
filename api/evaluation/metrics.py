"""Ranking metrics, as defined in ../shared/eval/README.md."""
from __future__ import annotations

import math
from collections.abc import Sequence


def distinct(ranked: Sequence[str]) -> list[str]:
    """Ranked passages' items → ranked distinct items (first occurrence wins)."""
    return list(dict.fromkeys(ranked))


def ndcg_at(ranked: Sequence[str], grades: dict[str, int], k: int = 10) -> float:
    """Graded nDCG with gain 2^g - 1 and log2(rank + 1) discount."""
    dcg = sum((2 ** grades.get(item, 0) - 1) / math.log2(r + 2) for r, item in enumerate(ranked[:k]))
    ideal = sorted(grades.values(), reverse=True)[:k]
    idcg = sum((2 ** g - 1) / math.log2(r + 2) for r, g in enumerate(ideal))
    return dcg / idcg if idcg else 0.0


def recall_at(ranked: Sequence[str], relevant: set[str], k: int = 5) -> float:
    return len(set(ranked[:k]) & relevant) / len(relevant) if relevant else 0.0


def reciprocal_rank(hits: Sequence[bool], k: int = 10) -> float:
    """1/rank of the first True within the top k, else 0."""
    for r, hit in enumerate(hits[:k]):
        if hit:
            return 1.0 / (r + 1)
    return 0.0


def answered_within(hits: Sequence[bool], k: int) -> float:
    return 1.0 if any(hits[:k]) else 0.0
