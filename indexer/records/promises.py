"""Decisions and commitments of a whole build, as rows for the index database.

Runs at index time over every section. The same minutes may arrive twice (the meeting's own
minutes and their copy in the next agenda pack): each decision and promise is kept once per
item. Every row carries the same citation a passage would.
"""
from __future__ import annotations

import bisect
import hashlib
import json
from collections import defaultdict
from dataclasses import asdict
import re
from datetime import date, timedelta

from indexer.records.commitments import find_commitments
from indexer.structure.dates import find_dates
from indexer.records.decisions import recommendations, resolutions
from indexer.records.due import normalise_due, yearless
from indexer.records.followthrough import Item, fulfilment, status
from indexer.models import Line, Section, SourceDocument
from indexer.records.outcomes import Outcome, outcomes_for
from indexer.passages.citations import cite, item_id, item_title_for, section_meeting_id


def _id(*parts: str) -> str:
    return hashlib.sha256("|".join(parts).encode()).hexdigest()[:16]


def _norm(text: str) -> str:
    return " ".join(text.lower().split())


def _same_promise(a: str, b: str) -> bool:
    """The same promise worded twice (a report's summary and its body)."""
    wa, wb = set(_norm(a).split()), set(_norm(b).split())
    return len(wa & wb) / max(1, len(wa | wb)) >= 0.9


# A paper describing its own route ("This report represents the final draft budget proposals
# to be presented to ...", "A report will be presented to Cabinet on 30 January 2025" read at
# that Cabinet) or another council's business ("... presented to Medway's full Council") is
# not a promise this council made.
_OWN_PAPER = re.compile(r"^\s*(?:\d+(?:\.\d+)*\.?\s*)?this\s+(?:report|paper|document)\b", re.I)
_OTHER_COUNCIL = re.compile(r"\b([A-Z][A-Za-z]+)['’]s\s+(?i:full\s+)?(?i:council)\b")
_ROUTE_DAYS = 60  # a yearless date this far before the meeting is the paper's route to it, not a promise


def _not_a_promise(sentence: str, meeting: date, council: str) -> bool:
    if _OWN_PAPER.match(sentence):
        return True
    other = _OTHER_COUNCIL.search(sentence)
    if other and other.group(1).lower() not in council.lower():
        return True
    dates = [d for _, d in find_dates(sentence)]
    if dates and all(d <= meeting for d in dates):
        return True  # every date it gives has come by the meeting that reads it
    stated = yearless(sentence, meeting)
    return stated is not None and meeting - timedelta(days=_ROUTE_DAYS) <= stated <= meeting


def _decided(s: Section) -> list[tuple[str, str, Line, Outcome]]:
    """A minutes section's resolutions, each with how it was reached, and the voted motions no
    resolution records (kind 'motion': "Motion lost"); a report's recommendation stays apart,
    kind 'recommendation', with no outcome: a report proposes, the meeting decides."""
    if s.kind == "report":
        return [("recommendation", t, ln, Outcome()) for t, ln in recommendations(s)]
    if s.kind != "minutes":
        return []
    found = resolutions(s)
    outcomes, loose = outcomes_for(s.lines, [ln.number for _, ln in found])
    by_number = {ln.number: ln for ln in s.lines}
    out = [("resolution", t, ln, o) for (t, ln), o in zip(found, outcomes, strict=True)]
    for m in loose:
        out.append(("motion", m.text, by_number.get(m.line, s.lines[0]),
                    Outcome(m.outcome or ("carried" if m.vote and (m.vote.for_count or 0) > (m.vote.against_count or 0)
                                          else "lost" if m.vote else ""), m.mover, m.seconder, m.vote, [])))
    return out


def _stated_next_meetings(documents: list[tuple[SourceDocument, list[Section]]]) -> dict[str, date]:
    """meeting_id → the date its own "Date of Next Meeting" item gives."""
    out: dict[str, date] = {}
    for doc, sections in documents:
        for s in sections:
            if s.meeting_date and "next meeting" in s.item_title.lower():
                later = [d for _, d in find_dates(s.text()) if d > s.meeting_date]
                if later:
                    out.setdefault(section_meeting_id(doc, s), later[0])
    return out


def promise_records(documents: list[tuple[SourceDocument, list[Section]]],
                    titles: dict[str, str]) -> tuple[list[dict], list[dict]]:
    items: dict[str, Item] = {}
    for doc, sections in documents:
        for s in sections:
            iid = item_id(section_meeting_id(doc, s), s.item_number)
            if s.meeting_date and iid not in items:
                items[iid] = Item(iid, s.committee or doc.committee, s.meeting_date, titles.get(iid, s.item_title))
    stated_next = _stated_next_meetings(documents)
    dates: dict[str, list[date]] = defaultdict(list)
    for item in items.values():
        dates[item.committee].append(item.meeting_date)
    dates = {c: sorted(set(ds)) for c, ds in dates.items()}
    later = sorted(items.values(), key=lambda i: i.meeting_date)

    decisions: dict[str, dict] = {}
    commitments: dict[str, dict] = {}
    for doc, sections in documents:
        for s in sections:
            mid = section_meeting_id(doc, s)
            iid = item_id(mid, s.item_number)
            title = item_title_for(s, titles, iid)
            base = {"item_id": iid, "meeting_id": mid, "committee": s.committee or doc.committee,
                    "meeting_date": s.meeting_date.isoformat() if s.meeting_date else None, "exempt": int(s.exempt)}
            for kind, text, line, outcome in _decided(s):
                key = _id(iid, kind, _norm(text))
                decisions.setdefault(key, dict(base, decision_id=key, kind=kind, text=text, **outcome.columns(),
                                               citation=json.dumps(asdict(cite(doc, s, [line], title)))))
            for f in find_commitments(s):
                key = _id(iid, _norm(f.sentence))
                if iid not in items or _not_a_promise(f.sentence, items[iid].meeting_date, doc.council):
                    continue
                # one record per promise: the same words at another meeting (a report taken to
                # Cabinet, then to Council) are the promise first made, kept at the earlier meeting
                twin = next((k for k, c in commitments.items() if _same_promise(c["sentence"], f.sentence)), None)
                if twin and (commitments[twin]["meeting_date"] or "") <= items[iid].meeting_date.isoformat():
                    continue
                if twin:
                    del commitments[twin]
                origin = items[iid]
                committee_dates = dates.get(origin.committee, [])
                k = bisect.bisect_right(committee_dates, origin.meeting_date)
                next_meeting = stated_next.get(mid) or (committee_dates[k] if k < len(committee_dates) else None)
                due = normalise_due(f.sentence, origin.meeting_date, next_meeting)
                done = fulfilment(f.sentence, f.kind, origin, due.end, later)
                commitments[key] = dict(
                    base, commitment_id=key, kind=f.kind, who=f.who, sentence=" ".join(f.sentence.split()),
                    due_text=due.text, due_from=due.start.isoformat() if due.start else None,
                    due_to=due.end.isoformat() if due.end else None, fulfilled_by=done.item_id if done else None,
                    status=status(done, due.end, committee_dates[-1] if committee_dates else None),
                    citation=json.dumps(asdict(cite(doc, s, [f.line], title))))
    return list(decisions.values()), list(commitments.values())
