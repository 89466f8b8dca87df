"""Was a promise kept? Link each commitment to the later item of the same committee that
delivers it, and give it a status: fulfilled, open, or overdue.

A report promised on "the Health Assessments for Children Looked After Recovery Plan" (1
October 2014, item 5) is delivered by the later item whose title carries the same subject
("Health Assessment Recovery Plan - Children Looked After", 11 December 2014, item 6). The
subject is the promise's own content words; a promise that names no subject ("a further
report will be presented in 6 months") is about the item it was made in. "Overdue" means due
before the committee's last meeting in the corpus with nothing delivering it: after that the
papers cannot tell.
"""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from indexer.structure.patterns import PROCEDURAL_ITEM, title_tokens

GENERIC = frozenset("""further progress update updates report reports committee cabinet meeting next future
presented provided considered brought scheduled agreed would will reported basis quarterly members information
county council note noted new time months month part agenda form follow back also ii iii iv
""".split())
MIN_MATCH = 0.6
DELIVERABLE_KINDS = ("report", "update")


@dataclass
class Item:
    item_id: str
    committee: str
    meeting_date: date
    title: str


def subject(sentence: str, item_title: str) -> set[str]:
    words = title_tokens(sentence) - GENERIC
    words = {w for w in words if not w.isdigit()}
    return words if len(words) >= 2 else title_tokens(item_title) - GENERIC


def fulfilment(sentence: str, kind: str, origin: Item, due_end: date | None, later: list[Item]) -> Item | None:
    """The first later item of the committee whose title covers the promise's subject."""
    if kind not in DELIVERABLE_KINDS:
        return None
    wanted = subject(sentence, origin.title)
    if not wanted:
        return None
    horizon = (due_end or origin.meeting_date + timedelta(days=365)) + timedelta(days=90)
    best: tuple[float, Item] | None = None
    for item in later:
        if item.committee != origin.committee or not origin.meeting_date < item.meeting_date <= horizon:
            continue
        if PROCEDURAL_ITEM.match(item.title):
            continue
        score = len(wanted & title_tokens(item.title)) / len(wanted)
        if score >= MIN_MATCH and (best is None or score > best[0] or
                                   (score == best[0] and item.meeting_date < best[1].meeting_date)):
            best = (score, item)
    return best[1] if best else None


def status(fulfilled: Item | None, due_end: date | None, last_meeting: date | None) -> str:
    if fulfilled:
        return "fulfilled"
    if due_end and last_meeting and due_end < last_meeting:
        return "overdue"
    return "open"
