"""The extractive answer: which sentences of the top passages are given, in what order."""
from __future__ import annotations

import numpy as np

from api.search.answer import extractive
from api.search.engine import Hit
from indexer.models import Citation

REPORT = "The County Council has a statutory duty to plan for minerals supply and waste in Kent."
RESOLUTION = "RESOLVED that the council adopts the minerals and waste local plan as set out in the appendix."


class _Similarities:
    """Stands in for the model: the report sentence is a shade closer to any question."""

    def count_tokens(self, text: str) -> int:
        return len(text.split())

    def encode(self, texts: list[str], batch_size: int = 32, show_progress: bool = False) -> np.ndarray:
        closeness = {REPORT: 0.83, RESOLUTION: 0.82}
        rows = [[1.0, 0.0]] + [[c, float(np.sqrt(1 - c * c))] for c in (closeness[t] for t in texts[1:])]
        return np.array(rows, dtype=np.float32)


def _hit(rank: int, text: str, kind: str) -> Hit:
    citation = Citation("Kent County Council", "County Council", "2025-03-13", 8, "Kent Minerals and Waste Local Plan",
                        kind, kind, "x.pdf", None, None, 1, 1, "", False)
    return Hit(rank, 1.0, f"{rank:016x}", text, citation, "item-8", "meeting")


def test_a_question_about_a_decision_is_answered_from_the_resolution_first() -> None:
    hits = [_hit(1, REPORT, "report"), _hit(2, RESOLUTION, "minutes")]
    decided = extractive("what did County Council resolve about the minerals and waste plan", hits, _Similarities())
    assert decided.sentences[0].text == RESOLUTION
    # Asked about the plan, not a decision, the closer and better-ranked sentence leads.
    about = extractive("the minerals and waste plan", hits, _Similarities())
    assert about.sentences[0].text == REPORT


class _Counting:
    """The hashing embedder, counting how many texts an answer asks it to embed."""

    name = "hashing"

    def __init__(self) -> None:
        from indexer.store.embedder import HashingEmbedder
        self.inner, self.embedded = HashingEmbedder(), 0

    def count_tokens(self, text: str) -> int:
        return self.inner.count_tokens(text)

    def encode(self, texts: list[str], batch_size: int = 32, show_progress: bool = False) -> np.ndarray:
        self.embedded += len(texts)
        return self.inner.encode(texts, batch_size)


def test_sentence_vectors_kept_at_index_time_give_the_same_answer_for_one_embedding(seed_index_fake) -> None:  # type: ignore[no-untyped-def]
    from api.search.engine import Searcher
    searcher = Searcher(seed_index_fake, _Counting())
    try:
        assert searcher.sentences is not None and len(searcher.sentences) > 100
        question = "how many children are waiting for a social care assessment"
        hits = searcher.search(question, 5).hits
        fresh, stored = _Counting(), _Counting()
        without = extractive(question, hits, fresh)
        kept = extractive(question, hits, stored, searcher.sentences_of)
    finally:
        searcher.close()
    assert [s.text for s in kept.sentences] == [s.text for s in without.sentences]
    assert stored.embedded == 1 and fresh.embedded > 10  # the question only, not ~25 sentences


def test_a_recommendation_is_labelled_and_a_resolution_is_a_decision() -> None:
    recommends = "Cabinet is asked to agree the draft budget and to recommend it to County Council for approval."
    hits = [_hit(1, RESOLUTION, "minutes"), _hit(2, recommends, "report")]
    from api.search.answer import sentence_label
    assert sentence_label(RESOLUTION, hits[0]) == "decision"
    assert sentence_label(recommends, hits[1]) == "recommendation"
    assert sentence_label(REPORT, _hit(3, REPORT, "report")) == ""
