"""What a page of results lists, once the passages are ranked: each text once (a report and
its copy in a public reports pack are one result; an amendment, its revised copy and the
minutes quoting it are one result that lists where else it appears), and at most two passages
of any one paper of an agenda item (four of the item), so one long report cannot fill the page."""
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


# An item is often several papers: a report and its appendices, or dozens of unrelated questions
# and their answers ("Questions put and answers given"). There the cap of two is per paper (or
# per question), and the item may give up to four. Measured on the resident sets: per question,
# WECA dev answer@5 0.3 -> 0.5 at an item cap of 4, 6 or 10 (0.4 at 3), WECA test MRR@10
# 0.170 -> 0.175; per paper as well, Kent residents dev answer@5 0.18 -> 0.23 and test
# 0.41 -> 0.45, the same at 5 and 6, WECA dev 0.5 -> 0.4 at 3. (Our 15 Kent questions lose a
# place on one: MRR@10 0.706 -> 0.700, a third budget passage on the same matter above it.)
UNITS_PER_ITEM = 4
# An item of this many passages (Kent's budget item holds 1,164: the report and appendices A-N)
# may give all UNITS_PER_ITEM from one paper: two of a 300-page strategy hide most of what it
# says. WECA dev answer@5 0.5 -> 0.7 at 150 to 300 (not at 600); Kent residents dev and every
# test half unchanged.
LONG_ITEM = 200


def diversify(order: list[int], item_of: Sequence[Any], k: int, per_item: int = 2,
              question_of: Sequence[Any] | None = None, document_of: Sequence[Any] | None = None,
              long_item: Sequence[bool] | None = None) -> list[int]:
    """The first k passages with at most `per_item` from any one agenda item, so one long report
    cannot fill the page. Where the item's papers are known (`document_of`, from 1) or it is a
    paper of questions and answers (`question_of`, from 1), the cap is per paper or question
    and the item gives up to UNITS_PER_ITEM, all from one paper if `long_item[item]`. Passages
    beyond that only fill slots nothing else could."""
    picked: list[int] = []
    spill: list[int] = []
    seen: dict[Any, int] = {}
    in_unit: dict[tuple[Any, Any], int] = {}
    for i in order:
        item = item_of[i]
        question = question_of[i] if question_of is not None else 0
        unit = ("question", question) if question else ("paper", document_of[i] if document_of is not None else 0)
        if unit[1]:
            long = bool(long_item[item]) if long_item is not None else False
            fits = seen.get(item, 0) < UNITS_PER_ITEM and (long or in_unit.get((item, unit), 0) < per_item)
        else:
            fits = seen.get(item, 0) < per_item
        if fits:
            picked.append(i)
            seen[item] = seen.get(item, 0) + 1
            in_unit[(item, unit)] = in_unit.get((item, unit), 0) + 1
        else:
            spill.append(i)
        if len(picked) >= k:
            break
    return (picked + spill)[:k]
