"""Metrics on a tiny hand-made example with known values; phrase and exact-match modes."""
from __future__ import annotations

import math
from pathlib import Path

import pytest

from api.evaluation.retrieval import evaluate
from api.evaluation.metrics import distinct, ndcg_at, recall_at, reciprocal_rank
from api.search.engine import Filters, Searcher
from indexer.store.embedder import HashingEmbedder


def test_metrics_on_a_worked_example() -> None:
    ranked = distinct(["A", "A", "X", "B", "Y", "C"])
    assert ranked == ["A", "X", "B", "Y", "C"]
    grades = {"A": 2, "B": 1, "C": 2}
    dcg = 3 / math.log2(2) + 1 / math.log2(4) + 3 / math.log2(6)
    idcg = 3 / math.log2(2) + 3 / math.log2(3) + 1 / math.log2(4)
    assert ndcg_at(ranked, grades) == pytest.approx(dcg / idcg)
    assert recall_at(ranked, set(grades), 5) == 1.0 and recall_at(ranked, set(grades), 2) == pytest.approx(1 / 3)
    assert reciprocal_rank([r in grades for r in ranked]) == 1.0
    assert reciprocal_rank([False, False, True]) == pytest.approx(1 / 3) and reciprocal_rank([False] * 12) == 0.0


def test_evaluate_both_gold_shapes() -> None:
    items = evaluate("items", [{"id": "q", "query": "x", "relevant": "2018-04-18#6:2 2018-10-04#4:1"}],
                     lambda q: [("2018-10-04#4", ""), ("2018-04-18#6", "")])
    assert items.metrics["MRR@10"] == 1.0 and items.metrics["Recall@5"] == 1.0 and items.metrics["nDCG@10"] < 1.0
    answers = evaluate("answers", [{"id": "k", "query": "x", "answer": "Pay  Multiple figure is 8.1:1"}],
                       lambda q: [("", "nothing"), ("", "the pay multiple\nfigure is 8.1:1 in 2025")])
    assert answers.metrics == {"answer@1": 0.0, "answer@5": 1.0, "answer@10": 1.0, "MRR@10": 0.5}


def test_quoted_phrases_and_exact_mode_require_the_words(seed_index_fake: Path) -> None:
    s = Searcher(seed_index_fake, HashingEmbedder())
    phrase = s.search('"blue badge" income', 10).hits
    assert phrase and all("blue badge" in " ".join(h.text.lower().split()) for h in phrase)
    exact = s.search("occupational therapists reablement", 10, Filters(exact=True)).hits
    assert exact and all(all(w in h.text.lower() for w in ("occupational", "therapist", "reablement")) for h in exact)
    assert s.search("occupational therapists zxqv", 10, Filters(exact=True)).hits == []
