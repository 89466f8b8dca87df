"""Which passages repeat another's text: the same words under the same item (a report printed
again in a public reports pack) and near copies anywhere (an amendment, its revised copy and
the minutes quoting it). Computed once at index time (features.py keeps the result), so a
search folds copies with a lookup."""
from __future__ import annotations

import re

# Near copies: the share of the shorter passage's word 4-grams the other also holds. An
# amendment and its "_1" revision (another seconder) share ~0.9; a passage of minutes quoting
# the amendment ~0.7; two different passages of one report under 0.1.
SHINGLE = 4
NEAR_COPY = 0.6
MIN_SHINGLES = 8  # a short passage ("That the report be noted") is the same words, not a copy
COMMON_SHINGLE = 50
_WORD = re.compile(r"[a-z0-9£%]+")


def shingles(text: str) -> frozenset[int]:
    words = _WORD.findall(text.lower())
    return frozenset(hash(tuple(words[i:i + SHINGLE])) for i in range(max(0, len(words) - SHINGLE + 1)))


def near_copy_groups(texts: list[str]) -> list[int]:
    """Per passage, the first passage (by index) whose text it nearly copies, else itself:
    computed once when the index is loaded, so a search folds copies with a lookup. 4-grams
    held by more than COMMON_SHINGLE passages (boilerplate: "the report be noted") are not
    compared, which keeps this linear in the corpus."""
    sets = [shingles(t) for t in texts]
    postings: dict[int, list[int]] = {}
    group = list(range(len(texts)))
    for i, mine in enumerate(sets):
        if len(mine) < MIN_SHINGLES:
            continue
        shared: dict[int, int] = {}
        for s in mine:
            for j in postings.get(s, ()):
                shared[j] = shared.get(j, 0) + 1
        twin = min((j for j, n in shared.items() if n >= NEAR_COPY * min(len(mine), len(sets[j]))), default=None)
        if twin is not None:
            group[i] = group[twin]
        for s in mine:
            held = postings.setdefault(s, [])
            if len(held) < COMMON_SHINGLE:
                held.append(i)
    return group


def same_text_groups(items: list[str], texts: list[str]) -> list[int]:
    """Per passage, the index of the first passage of the same item with the same words (case
    and spacing aside): a report printed again in a public reports pack. The same words under
    another item ("Resolved: That the report be noted") are another decision, and stay."""
    first: dict[tuple[str, str], int] = {}
    return [first.setdefault((item, " ".join(text.lower().split())), i)
            for i, (item, text) in enumerate(zip(items, texts, strict=True))]
