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

import re
from dataclasses import dataclass
from datetime import date, timedelta

from indexer.structure.patterns import PROCEDURAL_ITEM, title_tokens

GENERIC = frozenset("""further progress update updates report reports committee cabinet meeting next future
presented provided considered brought scheduled agreed would will reported basis quarterly members information
county council note noted new time months month part agenda form follow back also ii iii iv
deferred deferral reconsidered reviewed review item appropriate heard taken first full
""".split())
MIN_MATCH = 0.6
DATED_MATCH = 0.4
DELIVERABLE_KINDS = ("report", "update", "referral")  # an action or information is not an agenda item


@dataclass
class Item:
    item_id: str
    committee: str
    meeting_date: date
    title: str
    numbers: frozenset[str] = frozenset()  # decision numbers its title or papers' titles carry


_FULL_COUNCIL = re.compile(r"\bfull\s+council\b", re.I)


def promised_to(sentence: str, origin: str, committees: list[str]) -> str:
    """The body a promise is owed to: a committee of the index the sentence sends it to ("will
    be reported to Cabinet in March", "deferred to the next appropriate meeting of Full Council",
    "reconsidered by the next meeting of the Cabinet", "heard at the March County Council
    meeting"), else the committee that made it. "CYPE Cabinet Committee" is not Cabinet."""
    best = ""
    for name in sorted(committees, key=len, reverse=True):
        names = [re.escape(name)] + ([r"full\s+council"] if name.lower() in ("county council", "full council") else [])
        for n in names:
            if re.search(rf"\b(?:to|by|at|before|of)\s+(?:the\s+)?(?:next\s+|March\s+|[A-Z][a-z]+\s+)?"
                         rf"(?:(?:appropriate\s+)?meeting\s+of\s+(?:the\s+)?)?{n}\b(?!\s+committee)", sentence, re.I):
                best = best or name
    return best or origin


def subject(sentence: str, item_title: str) -> set[str]:
    words = title_tokens(sentence) - GENERIC
    words = {w for w in words if not w.isdigit()}
    return words if len(words) >= 2 else title_tokens(item_title) - GENERIC


def fulfilment(sentence: str, kind: str, origin: Item, due_end: date | None, later: list[Item],
               body: str = "") -> Item | None:
    """The first later item of the body it was promised to (by default the committee that
    made it) whose title covers the promise's subject, or that carries the same decision number."""
    if kind not in DELIVERABLE_KINDS:
        return None
    wanted = subject(sentence, origin.title)
    if not wanted and not origin.numbers:
        return None
    body = body or origin.committee
    horizon = (due_end or origin.meeting_date + timedelta(days=365)) + timedelta(days=90)
    best: tuple[float, Item] | None = None
    for item in later:
        if item.committee != body or not origin.meeting_date <= item.meeting_date <= horizon or item is origin:
            continue
        if item.meeting_date == origin.meeting_date and body == origin.committee:
            continue  # the same meeting does not deliver its own promise
        if PROCEDURAL_ITEM.match(item.title):
            continue
        # the same decision number at the body it was sent to is that decision coming back
        tokens = title_tokens(item.title)
        score = 1.0 if origin.numbers & item.numbers else len(wanted & tokens) / max(1, len(wanted))
        if kind == "referral":  # what is referred is the item itself ("endorsed the draft budget to be presented …")
            own = title_tokens(origin.title) - GENERIC
            score = max(score, len(own & tokens) / len(own) if own else 0.0)
        # promised to a named meeting on a named day, the meeting is certain and only the item is
        # matched: a looser match will do (the draft budget sent to County Council on 13 February
        # shares 4 of its 9 title words with that day's budget item)
        needed = DATED_MATCH if due_end and item.meeting_date == due_end else MIN_MATCH
        if score >= needed and (best is None or score > best[0] or
                                   (score == best[0] and item.meeting_date < best[1].meeting_date)):
            best = (score, item)
    return best[1] if best else None


def status(fulfilled: Item | None, due_end: date | None, last_meeting: date | None) -> str:
    if fulfilled:
        return "fulfilled"
    if due_end and last_meeting and due_end < last_meeting:
        return "overdue"
    return "open"
