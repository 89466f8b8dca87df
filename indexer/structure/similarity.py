"""Which item's papers a paper reads most like: TF-IDF cosine over content words.

The last clue for a paper that nothing names, numbers or cites (an appendix filed under an
opaque name, a consultation report without an "Appendix" heading): its words against the
words of each item's placed papers at the same meeting. Words every item shares weigh
nothing; a paper is placed only when one item is clearly closest.
"""
from __future__ import annotations

import math
import re
from collections import Counter

_WORD = re.compile(r"[a-z][a-z\-']{2,}")
_MAX_WORDS = 4000  # a paper's first words are enough to tell what it is about; keeps big packs cheap


def _bag(text: str) -> Counter[str]:
    return Counter(_WORD.findall(text.lower())[:_MAX_WORDS])


def ranked(text: str, items: dict[int, str]) -> list[tuple[float, int]]:
    """(cosine, item) of `text` against each item's text, closest first."""
    if not items:
        return []
    bags = {n: _bag(t) for n, t in items.items()}
    query = _bag(text)
    df = Counter(w for bag in bags.values() for w in bag)
    idf = {w: math.log((1 + len(bags)) / (1 + d)) for w, d in df.items()}

    def weights(bag: Counter[str]) -> dict[str, float]:
        return {w: (1 + math.log(c)) * idf.get(w, 0.0) for w, c in bag.items() if idf.get(w, 0.0) > 0}

    q = weights(query)
    qn = math.sqrt(sum(v * v for v in q.values())) or 1.0
    scores = []
    for n, bag in bags.items():
        d = weights(bag)
        dn = math.sqrt(sum(v * v for v in d.values())) or 1.0
        scores.append((sum(v * d.get(w, 0.0) for w, v in q.items()) / (qn * dn), n))
    scores.sort(reverse=True)
    return scores
