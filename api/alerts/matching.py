"""Which passages are new to an alert, which of them match it, and how a digest groups them.

Matching is the search itself, narrowed to the alert's new passages (`Filters.within`), with
the alert's committee and kind, in the alert's view: the same fusion, the same relevance floor
("spaceship koala" sends nothing), the same rule that a public view never reaches Part II
passages, not even to decide what is relevant. At most MAX_PER_ALERT passages go into one
digest for one alert, at most two per agenda item (the page's rule); the digest links to the
search for the rest.

A page ranks its weak tail last; an email has no last place, so every passage it carries must
clear the floor's two thresholds on its own: close in meaning (cosine ≥ MEANING_FLOOR) or
holding the query's distinctive words (IDF-weighted coverage ≥ COVERAGE_FLOOR, rarity counted
over what the alert's view can see). Without this, a new meeting of the Cabinet Committee on
Performance Improvement sent all 20 of its passages ("H Khan Mrs S Charles G Gooch" among
them) to an alert on "quarterly corporate performance monitoring report", since every passage's
context line names the committee; with it, the two items on performance and risk.
"""
from __future__ import annotations

import hashlib
import html
import re
from dataclasses import dataclass, field, replace

import numpy as np

from indexer.models import Citation
from indexer.store.database import Store

from api.alerts.store import Alert
from api.search.engine import Filters, Hit, Searcher
from api.search.floor import COVERAGE_FLOOR, MEANING_FLOOR, coverage
from api.search.query import parse_query
from api.search.snippets import snippet

MAX_PER_ALERT = 20


def content_key(item_id: str, kind: str, text: str) -> str:
    """What makes a passage the same passage for alerts: its item (council, committee, date
    and number are in the id), its kind and its words. Not the passage id, which also hashes
    the file's path and the passage's position: moving a folder, or a paragraph inserted
    earlier in a report, would otherwise send unchanged words again."""
    words = " ".join((text or "").split())
    return hashlib.sha256(f"{item_id}\n{kind}\n{words}".encode()).hexdigest()[:24]


def passage_keys(store: Store) -> list[str]:
    """Every passage's content key, in vec_id order."""
    return [content_key(r["item_id"], r["kind"] or "", r["text"])
            for r in store.query("SELECT item_id, kind, text FROM passages ORDER BY vec_id")]


def new_passages(registered: np.ndarray, keys: list[str], since: int, sent: set[str]) -> frozenset[int]:
    """vec_ids first registered after `since` that this alert was never sent."""
    fresh = np.flatnonzero(registered > since)
    return frozenset(int(i) for i in fresh if keys[i] not in sent)


@dataclass
class Shown:
    """One passage as a digest shows it."""

    passage_id: str
    key: str
    snippet: str  # HTML-escaped, matches in <mark>
    excerpt: str  # the same words as plain text
    citation: Citation
    permalink: str


@dataclass
class ItemGroup:
    item_id: str
    number: int
    title: str
    passages: list[Shown] = field(default_factory=list)


@dataclass
class MeetingGroup:
    meeting_id: str
    committee: str
    meeting_date: str | None
    items: list[ItemGroup] = field(default_factory=list)


@dataclass
class Match:
    """What one alert brings to a digest."""

    alert: Alert
    meetings: list[MeetingGroup]
    exempt_ids: list[str]  # Part II passages in it (only ever in a token holder's view): audited
    keys: list[str] = field(default_factory=list)  # every passage it matched, shown or not

    @property
    def count(self) -> int:
        """Passages shown (one already shown under another alert of the digest is not)."""
        return sum(len(i.passages) for m in self.meetings for i in m.items)

    def without(self, shown: set[str]) -> Match:
        """This match less the passages in `shown` (by id), which it then adds to `shown`."""
        meetings = []
        for m in self.meetings:
            items = [ItemGroup(i.item_id, i.number, i.title, [p for p in i.passages if p.passage_id not in shown])
                     for i in m.items]
            items = [i for i in items if i.passages]
            if items:
                meetings.append(MeetingGroup(m.meeting_id, m.committee, m.meeting_date, items))
        shown.update(p.passage_id for m in meetings for i in m.items for p in i.passages)
        return Match(self.alert, meetings, self.exempt_ids, self.keys)


def match(searcher: Searcher, alert: Alert, within: frozenset[int], include_exempt: bool,
          keys: list[str]) -> Match:
    """The alert's query over its new passages, grouped for the digest."""
    if not within:
        return Match(alert, [], [])
    filters = Filters(committee=alert.committee, kind=alert.kind, include_exempt=include_exempt, within=within)
    result = searcher.search(alert.query, MAX_PER_ALERT, filters)
    # The search service's rule for a viewer, applied again: the mask already left Part II out.
    hits = [h for h in result.hits if include_exempt or not h.citation.exempt]
    vec_of = _vec_ids(searcher, [h.passage_id for h in hits])
    hits = _each_clears_floor(searcher, alert.query, hits, vec_of, replace(filters, within=None))
    hit_keys = [keys[vec_of[h.passage_id]] for h in hits]
    return Match(alert, group(hits, result.terms, hit_keys), [h.passage_id for h in hits if h.citation.exempt],
                 hit_keys)


def _each_clears_floor(searcher: Searcher, query: str, hits: list[Hit], vec_of: dict[str, int],
                       view: Filters) -> list[Hit]:
    """The hits that are close in meaning or hold the query's distinctive words themselves."""
    keep = searcher.mask(view)
    terms = parse_query(query).own_terms
    term_hits = {t: {i for i in searcher.store.term_hits(t) if keep[i]} for t in terms}
    covered = coverage(term_hits, int(keep.sum()), vec_of.values())
    return [h for h in hits if h.dense >= MEANING_FLOOR or covered.get(vec_of[h.passage_id], 0.0) >= COVERAGE_FLOOR]


def _vec_ids(searcher: Searcher, passage_ids: list[str]) -> dict[str, int]:
    if not passage_ids:
        return {}
    marks = ",".join("?" * len(passage_ids))
    rows = searcher.store.query(f"SELECT passage_id, vec_id FROM passages WHERE passage_id IN ({marks})", passage_ids)
    return {r["passage_id"]: r["vec_id"] for r in rows}


def group(hits: list[Hit], terms: list[str], keys: list[str]) -> list[MeetingGroup]:
    """Newest meeting first, items in agenda order, passages in rank order within an item."""
    meetings: dict[str, MeetingGroup] = {}
    items: dict[str, ItemGroup] = {}
    for hit, key in zip(hits, keys, strict=True):
        c = hit.citation
        meeting = meetings.setdefault(hit.meeting_id, MeetingGroup(hit.meeting_id, c.committee or c.council,
                                                                   c.meeting_date))
        if hit.item_id not in items:
            items[hit.item_id] = ItemGroup(hit.item_id, c.item_number, c.item_title)
            meeting.items.append(items[hit.item_id])
        marked = snippet(hit.text, terms)
        items[hit.item_id].passages.append(Shown(hit.passage_id, key, marked, plain(marked), c, hit.permalink))
    for meeting in meetings.values():
        meeting.items.sort(key=lambda i: i.number)
    return sorted(meetings.values(), key=lambda m: m.meeting_date or "", reverse=True)


def plain(marked: str) -> str:
    return html.unescape(re.sub(r"</?mark>", "", marked))
