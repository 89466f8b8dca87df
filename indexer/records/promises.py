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
from indexer.records.decisions import page_decisions, recommendations, resolutions
from indexer.records.due import normalise_due, yearless
from indexer.records.followthrough import Item, fulfilment, promised_to, status
from indexer.records.numbers import numbers_in
from indexer.records.owners import owner
from indexer.structure.patterns import PROCEDURAL_ITEM
from indexer.models import Line, Section, SourceDocument
from indexer.records.outcomes import Outcome, outcomes_for, proceedings
from indexer.passages.citations import cite, item_id, item_title_for, section_meeting_id


def _id(*parts: str) -> str:
    return hashlib.sha256("|".join(parts).encode()).hexdigest()[:16]


def _norm(text: str) -> str:
    return " ".join(text.lower().split())


_LIMB_MARKS = frozenset("a b c d e f g h i ii iii iv v 1 2 3 4 5".split())


_REPORTED = {"would": "will", "should": "shall", "has": "had", "is": "was", "are": "were"}


def _same_promise(a: str, b: str) -> bool:
    """The same promise worded twice (a report's summary and its body)."""
    # "Delegate …" (the motion) and "Delegates …" (the resolution) are one promise
    # reported speech and its source are one promise: "would be completed" / "will be completed"
    wa, wb = ({_REPORTED.get(w, w).rstrip("s") for w in re.findall(r"[a-z0-9£]+", t.lower())} for t in (a, b))
    wa, wb = wa - _LIMB_MARKS, wb - _LIMB_MARKS  # "(a) Agree to submit …;" is "Agree to submit …"
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
    if s.kind == "agenda":  # a meeting page that records decisions (WECA); a plain agenda has none
        return [("resolution", t, ln, Outcome()) for t, ln in page_decisions(s)]
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


def _rejected_motions(s: Section) -> list[tuple[int, int]]:
    """Wording moved but not what the meeting decided: a motion or amendment it lost (Kent 19
    December 2024: the Climate and Nature Bill motion, "Write to all elected MPs in Kent …"),
    and, where a resolution follows, every motion as moved: the resolution holds the wording
    agreed (Kent 13 March 2025: the vapes motion's "Write again to the government …" was
    amended before it was resolved)."""
    if s.kind != "minutes":
        return []
    resolved = bool(resolutions(s))
    return [(m.line, max(m.line, m.end)) for _, m in proceedings(s.lines)
            if m.text and (m.outcome in ("lost", "withdrawn") or resolved)]  # the lines its wording fills


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
            if s.meeting_date and not PROCEDURAL_ITEM.match(s.item_title or ""):
                found = numbers_in(s.document_title + "\n" + s.item_title)
                if found:
                    items[iid].numbers = items[iid].numbers | found
    stated_next = _stated_next_meetings(documents)
    dates: dict[str, list[date]] = defaultdict(list)
    for item in items.values():
        dates[item.committee].append(item.meeting_date)
    dates = {c: sorted(set(ds)) for c, ds in dates.items()}
    later = sorted(items.values(), key=lambda i: i.meeting_date)

    decisions: dict[str, dict] = {}
    commitments: dict[str, dict] = {}
    made_in: dict[str, str] = {}  # commitment_id → kind of section it was read from
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
            rejected = _rejected_motions(s)
            resolved = " ".join(_norm(t) for t, _ in resolutions(s)) if s.kind == "minutes" else ""
            for f in find_commitments(s):
                key = _id(iid, _norm(f.sentence))
                if iid not in items or _not_a_promise(f.sentence, items[iid].meeting_date, doc.council):
                    continue
                if any(first <= f.line.number <= last for first, last in rejected):
                    continue  # a motion or amendment the meeting lost promises nothing
                # one record per promise: the same words at another meeting (a report taken to
                # Cabinet, then to Council) are the promise first made, kept at the earlier meeting
                # at one meeting, the same words under two items are two promises (Kent 19 December
                # 2024: items 10 and 11 were each "deferred to the next appropriate meeting")
                twin = next((k for k, c in commitments.items() if _same_promise(c["sentence"], f.sentence)
                             and (c["meeting_id"] != mid or c["item_id"] == iid)), None)
                if twin:
                    earlier = (commitments[twin]["meeting_date"] or "") < items[iid].meeting_date.isoformat()
                    same_day = commitments[twin]["meeting_date"] == items[iid].meeting_date.isoformat()
                    # the same meeting's minutes record the promise made; its report only proposed it;
                    # in one item's minutes, the later wording is the resolution of what was proposed
                    # (Kent Cabinet 9 January 2025: "(a) Agree to submit a request …" as put forward,
                    # then "RESOLVED that Cabinet: Agree to submit a request …")
                    resolution = (s.kind == "minutes" and made_in.get(twin) == "minutes"
                                  and commitments[twin]["item_id"] == iid and _norm(f.sentence) in resolved)
                    if earlier or (same_day and not resolution and not (s.kind == "minutes" and made_in.get(twin) != "minutes")):
                        continue
                if twin:
                    del commitments[twin]
                origin = items[iid]
                committee_dates = dates.get(origin.committee, [])
                k = bisect.bisect_right(committee_dates, origin.meeting_date)
                next_meeting = stated_next.get(mid) or (committee_dates[k] if k < len(committee_dates) else None)
                body = promised_to(f.sentence, origin.committee, list(dates))
                if body != origin.committee:  # its "next meeting" is the next of the body it was sent to
                    body_dates = dates.get(body, [])
                    k = bisect.bisect_right(body_dates, origin.meeting_date)
                    next_meeting = body_dates[k] if k < len(body_dates) else None
                else:
                    body_dates = committee_dates
                due = normalise_due(f.sentence, origin.meeting_date, next_meeting)
                done = fulfilment(f.sentence, f.kind, origin, due.end, later, body)
                made_in[key] = s.kind
                commitments[key] = dict(
                    base, commitment_id=key, kind=f.kind,
                    who=owner(f.who, f.sentence, s.kind, s.committee or doc.committee, doc.council),
                    sentence=" ".join(f.sentence.split()),
                    due_text=due.text, due_from=due.start.isoformat() if due.start else None,
                    due_to=due.end.isoformat() if due.end else None, fulfilled_by=done.item_id if done else None,
                    # overdue only against the latest meeting of the body it was promised to
                    status=status(done, due.end, body_dates[-1] if body_dates else None),
                    citation=json.dumps(asdict(cite(doc, s, [f.line], title))))
    return list(decisions.values()), list(commitments.values())
