"""Response bodies of the JSON API (they are also its OpenAPI schema)."""
from __future__ import annotations

from pydantic import BaseModel, Field

from indexer.models import Citation, PublishedIn


# The citation is the indexer's own dataclass: pydantic validates and documents it as it is,
# so the API cannot drift from what the index stores.
CitationModel = Citation
PublishedInModel = PublishedIn


class Passage(BaseModel):
    passage_id: str
    text: str
    citation: CitationModel
    item_id: str
    meeting_id: str
    permalink: str = Field(description="Link to the passage on its item page")


class AlsoIn(BaseModel):
    passage_id: str
    item_id: str
    citation: CitationModel
    permalink: str


class SearchHit(Passage):
    rank: int
    score: float
    snippet: str = Field(description="HTML-escaped excerpt with the matching words in <mark> tags")
    also_in: list[AlsoIn] = Field(default_factory=list, description=(
        "Other places the same text appears (a revised copy, minutes quoting it): folded into this hit, "
        "so a page never lists one text twice"))


class Scope(BaseModel):
    meetings: int
    committees: int
    date_from: str | None
    date_to: str | None


class SearchResponse(BaseModel):
    query: str
    results: list[SearchHit]
    total: int = Field(0, description="Results the query has above the relevance floor, at most 1,000")
    offset: int = Field(0, description="Position of the first result in the whole list, from 0")
    k: int = Field(10, description="Results asked for (page size)")
    sort: str = Field("relevance", description="relevance, or newest (meeting date, then rank)")
    searched: Scope
    message: str | None = Field(None, description="Set when nothing matched: what was searched")
    also_searched: list[str] = Field(default_factory=list, description=(
        "Abbreviations the best-matching passage uses for the subject, in brackets, that were "
        "searched as well, e.g. \"LCS (Lancashire's children's system)\""))


class AnswerSentence(BaseModel):
    text: str
    passage_id: str
    citation: CitationModel
    label: str = Field("", description=(
        "'decision' for a sentence of a resolution the minutes record, 'recommendation' for a "
        "report's recommendation (not yet a decision), else empty"))
    permalink: str


class AnswerResponse(BaseModel):
    query: str
    mode: str = Field(description="'extractive', or 'generative' when an LLM wrote a checked answer")
    answer: str
    sentences: list[AnswerSentence]
    passages: list[SearchHit]
    total: int = Field(0, description="As in a search's response")
    message: str | None = None
    also_searched: list[str] = Field(default_factory=list, description="As in a search's response")
    decision: Decision | None = Field(None, description=(
        "For a question about a decision: the whole resolution the minutes record on the matter "
        "asked about, which the answer leads with; null when none of the items found records one"))


class DocumentRef(BaseModel):
    kind: str
    title: str
    source: str
    url: str
    withheld: bool = Field(description="Exempt (Part II) and not shown to this reader")
    exempt_reason: str = ""
    page_start: int | None = Field(None, description="First page of the source file this item's part starts on")
    position: int = Field(0, description="Position among the item's documents (the item page's #doc-N), from 1")


class ItemSummary(BaseModel):
    item_id: str
    item_number: int
    title: str
    documents: list[DocumentRef]


class MeetingSummary(BaseModel):
    meeting_id: str
    council: str
    committee: str
    meeting_date: str | None
    items: int


class MeetingDetail(MeetingSummary):
    agenda: list[ItemSummary]
    meeting_url: str = Field("", description="The council's own page for this meeting, when the index knows it")


class ItemSection(BaseModel):
    kind: str
    title: str
    source: str
    url: str
    exempt: bool
    withheld: bool
    exempt_reason: str = ""
    published_in: PublishedInModel | None = None
    passages: list[Passage]


class ItemDetail(BaseModel):
    item_id: str
    item_number: int
    title: str
    meeting: MeetingSummary
    sections: list[ItemSection]
    resolution: list[str] = Field(description="What the minutes record as resolved")
    commitments: list["Commitment"] = Field(default_factory=list, description="Promises made at this item")
    fulfils: list["Commitment"] = Field(default_factory=list, description="Earlier promises this item delivers")
    decisions: list["Decision"] = Field(default_factory=list,
                                        description="Resolutions and voted motions with outcome, vote and amendments")
    decision_numbers: list[str] = Field(default_factory=list, description="Decision numbers this item carries (24/00108)")
    related: list["RelatedItem"] = Field(default_factory=list,
                                         description="Other items carrying the same decision number, oldest first")


class ErrorBody(BaseModel):
    detail: str


class Health(BaseModel):
    status: str
    passages: int
    model: str
    built_at: str


class Commitment(BaseModel):
    commitment_id: str
    kind: str = Field(description="report, update, information, referral (to another body or a later meeting) "
                                  "or action (anything else agreed: a letter, a review, a response)")
    who: str = Field(description="Its owner: the person or body named as doing it, when the papers name them")
    sentence: str = Field(description="The promise, verbatim")
    due_text: str = Field(description="When it is due, as stated")
    due_from: str | None
    due_to: str | None
    status: str = Field(description="fulfilled, open, or overdue (due before the committee's last meeting in the index)")
    item_id: str
    meeting_id: str
    committee: str
    meeting_date: str | None
    fulfilled_by: str | None = Field(description="item_id of the later item that delivers it")
    fulfilled_by_title: str | None = None
    citation: CitationModel
    permalink: str


class Vote(BaseModel):
    """A recorded vote as the minutes print it; a count is null when they do not give one."""
    for_count: int | None = None
    against_count: int | None = None
    abstain_count: int | None = None
    for_names: list[str] = Field(default_factory=list)
    against_names: list[str] = Field(default_factory=list)
    abstain_names: list[str] = Field(default_factory=list)


class Amendment(BaseModel):
    text: str = Field(description="The amendment's wording, as far as the minutes give it")
    mover: str = ""
    seconder: str = ""
    outcome: str = Field("", description="carried, lost, withdrawn, or empty where the minutes do not say")
    vote: Vote | None = None


class Decision(BaseModel):
    decision_id: str
    kind: str = Field(description="resolution (minutes), motion (voted on, no resolution recorded) or "
                                  "recommendation (a report's, not a decision)")
    text: str
    item_id: str
    meeting_id: str
    committee: str
    meeting_date: str | None
    outcome: str = Field("", description="carried, lost, amended (carried after an amendment was carried), "
                                         "withdrawn, or empty where the minutes give none")
    mover: str = ""
    seconder: str = ""
    vote: Vote | None = None
    amendments: list[Amendment] = Field(default_factory=list, description="Amendments moved on it, in order")
    decision_numbers: list[str] = Field(default_factory=list, description="Decision numbers its item carries (24/00108)")
    citation: CitationModel
    permalink: str


class RelatedItem(BaseModel):
    """Another item carrying the same decision number: the decision at another body or meeting."""
    number: str
    item_id: str
    title: str
    meeting_id: str
    committee: str
    meeting_date: str | None
    permalink: str


ItemDetail.model_rebuild()
AnswerResponse.model_rebuild()
