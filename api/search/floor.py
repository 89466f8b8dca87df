"""The relevance floor: say "nothing matches" honestly instead of ranking noise.

Two kinds of evidence make a query answerable:
- meaning: some passage's cosine similarity reaches MEANING_FLOOR. On the seed index every
  dev query's best passage scores ≥ 0.358 while twelve nonsense queries ("spaceship koala",
  "football transfer window gossip") peak at 0.285;
- words: some passage contains the query's distinctive words, measured as IDF-weighted
  coverage (a word no passage contains counts as the rarest of all). "Agility Laptop for
  Corporate Broadband" or "CR21" pass this way; "football transfer window gossip" does not,
  since only "transfer" occurs (coverage 0.23).
Once a query is answerable, passages with neither a keyword hit nor TAIL_FLOOR similarity
are dropped from the tail.
"""
from __future__ import annotations

import math
from collections.abc import Iterable

MEANING_FLOOR = 0.32
COVERAGE_FLOOR = 0.6
TAIL_FLOOR = 0.25


def idf(n_docs: int, df: int) -> float:
    return math.log((n_docs - df + 0.5) / (df + 0.5) + 1.0)


def coverage(term_hits: dict[str, set[int]], n_docs: int, passages: Iterable[int],
             df: dict[str, int] | None = None) -> dict[int, float]:
    """Share of the query's IDF mass that each passage contains. `term_hits` must hold at least
    the passages asked about; `df` gives each term's passage count when the sets hold only
    those (a large index does not read every posting of a common word)."""
    weights = {t: idf(n_docs, df[t] if df is not None else len(hits)) for t, hits in term_hits.items()}
    total = sum(weights.values())
    if not total:
        return {}
    return {i: sum(w for t, w in weights.items() if i in term_hits[t]) / total for i in passages}


def answerable(best_cosine: float, best_coverage: float) -> bool:
    return best_cosine >= MEANING_FLOOR or best_coverage >= COVERAGE_FLOOR
