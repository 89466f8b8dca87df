"""What the index covers, said on the home and About pages: councils, committees, meetings,
dates, the last update, and example searches drawn from the index's own item titles (so a
Kent index suggests Kent's business, not the Lancashire seed papers')."""
from __future__ import annotations

import re
from dataclasses import dataclass, field

from indexer.store.database import Store

# Items every meeting has; their titles make poor examples of what the papers are about.
_PROCEDURAL = re.compile(
    r"\b(apologies|substitut|declarations?|interests?|minutes|introduction|announcements|chair|urgent|"
    r"exclusion|exempt|next meeting|other business|questions?|petitions?|attendance|welcome|terms of reference)\b",
    re.I)
_DECISION_NUMBER = re.compile(r"^\s*\d{2}/\d{4,6}\s*[-–—:]\s*")
_REFERENCE = re.compile(r"\b\d{2}/\d{4,6}\b")  # "Review of Decision 24/00093" says no subject
EXAMPLES = 4
EXAMPLE_WORDS = 7


@dataclass
class Coverage:
    councils: list[str]
    committees: list[str]
    meetings: int
    passages: int
    date_from: str | None
    date_to: str | None
    updated: str            # the build's time (manifest built_at), ISO 8601; "" when unknown
    examples: list[str] = field(default_factory=list)


def example_query(title: str) -> str:
    """'24/00108 - Revenue and Capital Budget Monitoring Report – November 2024-25' →
    'Revenue and Capital Budget Monitoring Report': the title's first clause (cut at a dash or
    comma) that names a subject, without decision numbers or bracketed asides, at most
    EXAMPLE_WORDS words."""
    text = re.sub(r"\s*\([^)]*\)", "", _DECISION_NUMBER.sub("", title))
    clauses = [c.strip() for c in re.split(r"\s+[-–—]\s+|,\s*", text) if c.strip()]
    useful = [c for c in clauses if len(c.split()) >= 2 and not _REFERENCE.search(c)]
    words = (useful[0] if useful else text).split()
    return " ".join(words[:EXAMPLE_WORDS]).strip(" ,;:-–")


def coverage(store: Store, manifest: dict, show_exempt: bool) -> Coverage:
    vis = "1" if show_exempt else "p.exempt = 0"
    row = store.query(f"SELECT count(DISTINCT meeting_id) AS m, count(*) AS n, min(meeting_date) AS lo, "
                      f"max(meeting_date) AS hi FROM passages p WHERE {vis}")[0]
    councils = [r[0] for r in store.query(
        f"SELECT DISTINCT m.council FROM meetings m WHERE m.council != '' AND EXISTS "
        f"(SELECT 1 FROM passages p WHERE p.meeting_id = m.meeting_id AND {vis}) ORDER BY m.council")]
    committees = [r[0] for r in store.query(f"SELECT DISTINCT committee FROM passages p WHERE {vis} AND committee != '' "
                                            f"ORDER BY committee")]
    return Coverage(councils=councils, committees=committees, meetings=row["m"], passages=row["n"],
                    date_from=row["lo"], date_to=row["hi"], updated=manifest.get("built_at") or "",
                    examples=examples(store, vis))


def examples(store: Store, vis: str) -> list[str]:
    """The titles of the items with most (visible) text, one per committee first, so the
    suggestions show the range of the papers; an exempt item's title is never suggested to
    a public reader."""
    rows = store.query(f"SELECT i.title, p.committee, count(*) AS n FROM passages p JOIN items i ON i.item_id = p.item_id "
                       f"WHERE {vis} AND i.title != '' GROUP BY i.item_id ORDER BY n DESC, i.item_id LIMIT 200")
    chosen: list[str] = []
    seen_committees: set[str] = set()
    for first_pass in (True, False):
        for r in rows:
            query = example_query(r["title"])
            if len(chosen) >= EXAMPLES or _PROCEDURAL.search(r["title"]) or len(query.split()) < 2 or query in chosen:
                continue
            if first_pass and r["committee"] in seen_committees:
                continue
            seen_committees.add(r["committee"])
            chosen.append(query)
    return chosen
