"""What a page of results lists, once the passages are ranked: each text once (a report and
its copy in a public reports pack are one result), and at most two passages of any one agenda
item, so one long report cannot fill the page."""
from __future__ import annotations


def same_text_groups(items: list[str], texts: list[str]) -> list[int]:
    """Per passage, the index of the first passage of the same item with the same words (case
    and spacing aside): a report printed again in a public reports pack. The same words under
    another item ("Resolved: That the report be noted") are another decision, and stay."""
    first: dict[tuple[str, str], int] = {}
    return [first.setdefault((item, " ".join(text.lower().split())), i)
            for i, (item, text) in enumerate(zip(items, texts, strict=True))]


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
