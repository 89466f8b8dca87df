"""What a page of results lists, once the passages are ranked: each text once (a report and
its copy in a public reports pack are one result; an amendment, its revised copy and the
minutes quoting it are one result that lists where else it appears), and at most two passages
of any one agenda item, so one long report cannot fill the page."""
from __future__ import annotations


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
