"""What a page of results lists, once the passages are ranked: each text once (a report and
its copy in a public reports pack are one result; an amendment, its revised copy and the
minutes quoting it are one result that lists where else it appears), and at most two passages
of any one agenda item, so one long report cannot fill the page."""
from __future__ import annotations

from collections.abc import Sequence
from typing import Any


def fold_copies(order: list[int], group_of: list[int]) -> tuple[list[int], dict[int, list[int]]]:
    """`order` with each near copy of a text listed before it dropped; and, per kept passage,
    the copies it stands for (best first)."""
    kept: list[int] = []
    first: dict[int, int] = {}
    copies: dict[int, list[int]] = {}
    for i in order:
        g = group_of[i]
        if g in first:
            copies.setdefault(first[g], []).append(i)
        else:
            first[g] = i
            kept.append(i)
    return kept, copies


def first_copies(order: list[int], group_of: list[int]) -> list[int]:
    """`order` without repeats of a text already listed: one result per text, the best-scored
    copy, so a page never shows the same words twice."""
    seen: set[int] = set()
    out = []
    for i in order:
        if group_of[i] not in seen:
            seen.add(group_of[i])
            out.append(i)
    return out


# A paper of questions and answers holds many unrelated matters under one item ("Questions put
# and answers given": dozens of questions): there the cap of two is per question, and the item
# may give up to four. Measured on the resident sets with the cap per question: WECA dev
# answer@5 0.3 -> 0.5 at a per-item cap of 4, 6 or 10 (0.4 at 3), WECA test MRR@10 0.170 -> 0.175;
# every Kent set unchanged.
QUESTIONS_PER_ITEM = 4


def diversify(order: list[int], item_of: Sequence[Any], k: int, per_item: int = 2,
              question_of: Sequence[Any] | None = None) -> list[int]:
    """The first k passages with at most `per_item` from any one agenda item, so one long report
    cannot fill the page (`per_item` from any one question of a paper of questions and answers,
    QUESTIONS_PER_ITEM from its item); passages beyond that only fill slots nothing else could."""
    picked: list[int] = []
    spill: list[int] = []
    seen: dict[Any, int] = {}
    asked: dict[tuple[Any, Any], int] = {}
    for i in order:
        item = item_of[i]
        question = question_of[i] if question_of is not None else 0
        if question:
            fits = asked.get((item, question), 0) < per_item and seen.get(item, 0) < QUESTIONS_PER_ITEM
        else:
            fits = seen.get(item, 0) < per_item
        if fits:
            picked.append(i)
            seen[item] = seen.get(item, 0) + 1
            if question:
                asked[(item, question)] = asked.get((item, question), 0) + 1
        else:
            spill.append(i)
        if len(picked) >= k:
            break
    return (picked + spill)[:k]
