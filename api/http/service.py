"""What each request needs, computed once for both the JSON and the HTML route."""
from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from indexer.config import Settings
from indexer.structure.dates import long_date
from indexer.errors import BadQuery
from indexer.models import KINDS

from api.browse import catalog
from api.search.answer import AnswerSentence as WrittenSentence
from api.search.answer import MAX_SENTENCES, Answer, answer, looks_like_question
from api.search.decision_lead import Recorded, leading_decision
from api.search.query import asks_decision
from api.http.audit import AuditLog
from api.browse.obligations import list_commitments, list_decisions
from api.schemas import (AlsoIn, AnswerResponse, AnswerSentence, Commitment, Decision, ItemDetail, Passage,
                      Scope, SearchHit, SearchResponse)
from api.search.engine import MAX_K, MAX_TOTAL, Filters, Hit, Searcher
from api.search.snippets import snippet


@dataclass(frozen=True)
class Viewer:
    """Who is asking. The public sees no exempt material; officers and members with rights do."""

    name: str = "public"
    role: str = "public"

    @property
    def show_exempt(self) -> bool:
        return self.role in ("officer", "member", "admin")


PUBLIC = Viewer()
# A resolution leading an answer is cut here (the budget resolution runs to 4,774 characters);
# about five lines of the answer box, the rest one click away on the item page.
LEAD_CHARS = 600


@dataclass
class SearchParams:
    q: str
    k: int = 10
    committee: str | None = None
    date_from: date | None = None
    date_to: date | None = None
    kind: str | None = None
    exact: bool = False
    offset: int = 0
    sort: str = "relevance"  # or "newest": meeting date, newest first, then rank


class FilterError(BadQuery):
    """A filter no search can satisfy (unknown committee, reversed dates): `field` is the one at fault."""

    def __init__(self, field_name: str, message: str) -> None:
        super().__init__(message)
        self.field = field_name


def parse_params(q: str | None, k: int | None, committee: str | None, date_from: str | None,
                 date_to: str | None, kind: str | None, exact: bool = False, offset: int | None = None,
                 sort: str | None = None) -> SearchParams:
    """Request parameters → SearchParams, or a BadQuery naming the parameter at fault."""
    k = 10 if k is None else k
    if not 1 <= k <= MAX_K:
        raise BadQuery(f"k must be between 1 and {MAX_K}, not {k}")
    if kind and kind not in KINDS:
        raise BadQuery(f"kind must be one of {', '.join(KINDS)}, not {kind[:40]!r}")
    if committee and len(committee) > 200:
        raise BadQuery("committee name is longer than 200 characters")
    if not 0 <= (offset or 0) <= MAX_TOTAL - k:
        raise BadQuery(f"offset must be between 0 and {MAX_TOTAL - k}")
    if sort not in (None, "", "relevance", "newest"):
        raise BadQuery("sort must be relevance or newest")
    return SearchParams(q=q or "", k=k, committee=committee or None, date_from=parse_date("date_from", date_from),
                        date_to=parse_date("date_to", date_to), kind=kind or None, exact=exact, offset=offset or 0,
                        sort=sort or "relevance")


def parse_date(name: str, value: str | None) -> date | None:
    if not value:
        return None
    try:
        return date.fromisoformat(value.strip())
    except ValueError:
        raise BadQuery(f"{name} must be a date written YYYY-MM-DD, not {value[:40]!r}") from None


@dataclass
class Service:
    searcher: Searcher
    settings: Settings
    index: Path
    manifest: dict = field(default_factory=dict)
    audit: AuditLog | None = None
    _scopes: dict[bool, Scope] = field(default_factory=dict)
    _committees: dict[bool, list[str]] = field(default_factory=dict)

    @property
    def indexed_at(self) -> str:
        """When the papers entered the index: the index stores no per-document time, so the
        build's own (manifest built_at); every passage of a build shares it."""
        return self.manifest.get("built_at") or ""

    def scope(self, show_exempt: bool) -> Scope:
        """What a search covers (meetings, committees, dates): fixed for a loaded index, so it
        is counted once per view rather than on every request."""
        if show_exempt not in self._scopes:
            self._scopes[show_exempt] = catalog.scope(self.searcher.store, show_exempt)
        return self._scopes[show_exempt]

    def committees(self, show_exempt: bool) -> list[str]:
        """The committees a view can see, read once per view: every page's search form lists
        them and every committee filter is checked against them (at a million passages the
        query over every passage takes ~1 s)."""
        if show_exempt not in self._committees:
            self._committees[show_exempt] = catalog.committees(self.searcher.store, show_exempt)
        return self._committees[show_exempt]

    def served(self, viewer: Viewer, where: str, exempt_ids: list[str]) -> None:
        """Write exempt material handed to a reader into the audit log."""
        if self.audit and exempt_ids:
            self.audit.record(viewer.name, viewer.role, where, exempt_ids)

    def item(self, item_id: str, viewer: Viewer, where: str) -> ItemDetail:
        item = catalog.get_item(self.searcher.store, item_id, viewer.show_exempt)
        self.served(viewer, where, [p.passage_id for s in item.sections if s.exempt and not s.withheld for p in s.passages]
                    + [c.commitment_id for c in item.commitments + item.fulfils if c.citation.exempt])
        return item

    def passage(self, passage_id: str, viewer: Viewer, where: str) -> Passage:
        found = catalog.get_passage(self.searcher.store, passage_id, viewer.show_exempt)
        self.served(viewer, where, [found.passage_id] if found.citation.exempt else [])
        return found

    def commitments(self, viewer: Viewer, where: str, **filters) -> list[Commitment]:  # type: ignore[no-untyped-def]
        found = list_commitments(self.searcher.store, viewer.show_exempt, **filters)
        self.served(viewer, where, [c.commitment_id for c in found if c.citation.exempt])
        return found

    def decisions(self, viewer: Viewer, where: str, **filters) -> list[Decision]:  # type: ignore[no-untyped-def]
        found = list_decisions(self.searcher.store, viewer.show_exempt, **filters)
        self.served(viewer, where, [d.decision_id for d in found if d.citation.exempt])
        return found

    def check_filters(self, params: SearchParams, viewer: Viewer) -> None:
        """422 for filters nothing could match: an unknown committee, a start date after the end."""
        if params.committee:
            known = self.committees(viewer.show_exempt)
            if params.committee.lower() not in {c.lower() for c in known}:
                raise FilterError("committee", f"No committee called “{params.committee[:80]}” is in the index; "
                                               f"known committees: {'; '.join(known)}")
        if params.date_from and params.date_to and params.date_from > params.date_to:
            raise FilterError("date_from", f"The start date ({long_date(params.date_from)}) is after the end date "
                                           f"({long_date(params.date_to)})")

    def search(self, params: SearchParams, viewer: Viewer, where: str = "", everything: bool = False,
               ) -> tuple[SearchResponse, list[Hit]]:
        """One page of results; with `everything`, all of them (up to MAX_TOTAL) for an export."""
        self.check_filters(params, viewer)
        filters = Filters(committee=params.committee, date_from=params.date_from, date_to=params.date_to,
                          kind=params.kind, include_exempt=viewer.show_exempt, exact=params.exact)
        k, offset = (MAX_TOTAL, 0) if everything else (params.k, params.offset)
        result = self.searcher.search(params.q, k, filters, offset=offset, newest=params.sort == "newest",
                                     max_k=MAX_TOTAL if everything else MAX_K)
        hits = [h for h in result.hits if viewer.show_exempt or not h.citation.exempt]
        self.served(viewer, where, [h.passage_id for h in hits if h.citation.exempt])
        searched = self.scope(viewer.show_exempt)
        message = None if hits else (f"There are only {result.total} results; this page starts after them."
                                     if result.total else nothing_filtered(result.query, params) if filtered(params)
                                     else nothing_found(result.query, searched))
        body = SearchResponse(query=result.query, results=[search_hit(h, result.terms) for h in hits],
                              total=result.total, offset=offset, k=k, sort=params.sort,
                              searched=searched, message=message, also_searched=result.also_searched if hits else [])
        return body, hits

    def answer(self, params: SearchParams, viewer: Viewer, where: str = "") -> AnswerResponse:
        found, hits = self.search(params, viewer, where)
        written: Answer = answer(found.query, hits, self.searcher.embedder, self.settings.llm_url, self.settings.llm_model,
                                 stored=self.searcher.sentences_of)
        sentences = [answer_sentence(s) for s in written.sentences]
        decision = self.leading_decision(params.q, hits, viewer) if hits else None
        text = written.text
        if decision is not None:
            lead = self.decision_sentence(decision, viewer)
            if lead is not None:
                # the resolution first, then only what the same item's minutes say: another
                # item's sentence, or a report's, beside a decision reads as part of it (the
                # budget answer quoted a governance resolution and an opposition amendment)
                resolved = " ".join(decision.text.split())
                rest = [answer_sentence(s) for s in written.sentences
                        if s.hit.item_id == decision.item_id and s.hit.citation.document_kind == "minutes"
                        and " ".join(s.text.split()) not in resolved]
                sentences = [lead, *rest[:MAX_SENTENCES - 1]]
                text = " ".join(s.text for s in sentences) if written.mode == "extractive" else f"{lead.text} {text}"
        message = found.message or (None if sentences else "No sentence in the top passages answers this directly; "
                                    "the passages below are the closest matches.")
        return AnswerResponse(query=found.query, mode=written.mode, answer=text, sentences=sentences,
                              passages=found.results, total=found.total, message=message, also_searched=found.also_searched,
                              decision=decision)

    def leading_decision(self, question: str, hits: list[Hit], viewer: Viewer) -> Decision | None:
        """The resolution recorded on the matter a question about a decision asks about, among
        the items the search found (decision_lead.py), or None."""
        if not asks_decision(question):
            return None
        items = list(dict.fromkeys(h.item_id for h in hits))
        recorded = [d for item in items
                    for d in list_decisions(self.searcher.store, viewer.show_exempt, item_id=item, kind="resolution")]
        by_id = {d.decision_id: d for d in recorded}
        lead = leading_decision(question, items, [Recorded(d.decision_id, d.item_id, d.committee, d.citation.item_title,
                                                           d.text, d.meeting_date or "") for d in recorded],
                                self.committees(viewer.show_exempt))
        return by_id[lead.decision_id] if lead else None

    def decision_sentence(self, d: Decision, viewer: Viewer) -> AnswerSentence | None:
        """A resolution as the answer's first line, cut at LEAD_CHARS: the item page's Resolved
        box (where it links) holds the whole of it, every part (a) to (s)."""
        rows = self.searcher.store.query(
            "SELECT passage_id FROM passages WHERE item_id = ? AND (exempt = 0 OR ?) ORDER BY (text LIKE '%RESOLVED%') DESC, "
            "vec_id LIMIT 1", (d.item_id, int(viewer.show_exempt)))
        if not rows:
            return None
        words = " ".join(d.text.split())
        cut = words if len(words) <= LEAD_CHARS else words[:LEAD_CHARS].rsplit(" ", 1)[0] + " …"
        return AnswerSentence(text=cut, passage_id=rows[0]["passage_id"], citation=d.citation, label="decision",
                              permalink=f"/items/{d.item_id}#resolved")

    @staticmethod
    def is_question(q: str) -> bool:
        return looks_like_question(q)


def answer_sentence(s: WrittenSentence) -> AnswerSentence:
    return AnswerSentence(text=s.text, passage_id=s.hit.passage_id, citation=s.hit.citation, label=s.label,
                          permalink=s.hit.permalink)


def search_hit(h: Hit, terms: list[str]) -> SearchHit:
    return SearchHit(rank=h.rank, score=round(h.score, 6), passage_id=h.passage_id, text=h.text,
                     citation=h.citation, item_id=h.item_id, meeting_id=h.meeting_id,
                     permalink=h.permalink, snippet=snippet(h.text, terms),
                     also_in=[AlsoIn(passage_id=c.passage_id, item_id=c.item_id, citation=c.citation, permalink=c.permalink)
                              for c in h.copies])


def filtered(params: SearchParams) -> bool:
    return bool(params.committee or params.date_from or params.date_to or params.kind or params.exact)


def nothing_filtered(query: str, params: SearchParams) -> str:
    """'No passages match “budget” with committee Cabinet from 1 March 2025': the filters, not the words."""
    parts = [f"with committee {params.committee}"] if params.committee else []
    if params.kind:
        parts.append(f"in {params.kind} documents")
    if params.date_from:
        parts.append(f"from {long_date(params.date_from)}")
    if params.date_to:
        parts.append(f"to {long_date(params.date_to)}")
    if params.exact:
        parts.append("with every word exactly")
    return (f"No passages match “{query}” {' '.join(parts)}. Remove a filter to search all the papers.")


def nothing_found(query: str, searched: Scope) -> str:
    span = ""
    if searched.date_from and searched.date_to:
        span = (f", {long_date(date.fromisoformat(searched.date_from))} to "
                f"{long_date(date.fromisoformat(searched.date_to))}")
    committees = f"{searched.committees} committee{'s' if searched.committees != 1 else ''}"
    return (f"Nothing in the papers matches “{query}”. Searched {searched.meetings} meetings of "
            f"{committees}{span}.")
