"""A large index's own keyword postings: the same passages and BM25 scores as the FTS5 table they
stand in for, and a search served from them."""
from __future__ import annotations

import shutil
import sqlite3
from pathlib import Path

import numpy as np
import pytest

from indexer.build import build_index
from indexer.config import Settings
from indexer.errors import IndexMissing
from indexer.store.embedder import HashingEmbedder
from indexer.store.postings import Postings, tokens

from tests.conftest import SEEDS, need

TEXTS = [
    "Children's services: home-to-school transport costs rose again this year.",
    "The Cabinet agreed the transport strategy; transport costs are reviewed quarterly.",
    "Delayed transfers of care fell after the new discharge team started.",
    "Café opening hours at the libraries were extended.",
    "",
]
CONTEXTS = ["Cabinet · 2025-01-30 · Item 5 Budget", "Cabinet · 2025-01-30 · Item 6 Transport",
            "Health Scrutiny · 2024-11-02 · Item 3 Discharge", "Cabinet · 2025-03-04 · Item 9 Libraries", ""]


def fts_scores(match: str) -> dict[int, float]:
    con = sqlite3.connect(":memory:")
    con.execute("CREATE VIRTUAL TABLE f USING fts5(text, context, tokenize='porter unicode61 remove_diacritics 2')")
    con.executemany("INSERT INTO f (rowid, text, context) VALUES (?, ?, ?)", [(i, t, c) for i, (t, c) in enumerate(zip(TEXTS, CONTEXTS, strict=True))])
    found = {r[0]: r[1] for r in con.execute("SELECT rowid, -bm25(f, 1.0, 0.35) FROM f WHERE f MATCH ?", (match,))}
    con.close()
    return found


@pytest.fixture
def postings(tmp_path: Path) -> Postings:
    Postings.build(TEXTS, CONTEXTS).save(tmp_path)
    loaded = Postings.load(tmp_path)
    assert loaded is not None
    return loaded


def test_words_are_split_and_stemmed_as_the_keyword_index_does() -> None:
    assert tokens("Children's Café, home-to-school") == ["children", "s", "cafe", "home", "to", "school"]
    assert tokens("transfers transferred") == ["transfer", "transfer"]
    assert tokens("technology ecology") == ["technolog", "ecolog"]  # SQLite's Porter, not Snowball's


@pytest.mark.parametrize("query", [["transport"], ["transport", "costs"], ["cabinet"], ["care", "cafe"], ["nothing"]])
def test_bm25_over_the_postings_is_fts5s_score(postings: Postings, query: list[str]) -> None:
    expected = fts_scores(" OR ".join(f'"{w}"' for w in query))
    found = dict(postings.top([postings.word(w) for w in query], 10, np.ones(len(TEXTS), dtype=bool)))
    assert found.keys() == expected.keys()
    for row, score in expected.items():
        assert found[row] == pytest.approx(score, rel=1e-4)


def test_counts_membership_and_filters(postings: Postings) -> None:
    word = postings.word("transport")
    assert postings.count(word) == 2 and postings.rows(word).tolist() == [0, 1]
    assert postings.among(word, np.array([1, 2, 3])).tolist() == [1]
    assert postings.word("liquid logic") is None  # a phrase: FTS5 answers for it
    assert postings.holding("transport costs", np.array([0, 1, 2])).tolist() == [0, 1]  # both words, any order
    assert postings.holding("school transport", np.array([0, 1, 2])).tolist() == [0]
    keep = np.array([False, True, True, True, True])
    assert [row for row, _ in postings.top([word], 10, keep)] == [1]  # the filter applies before the cut
    assert postings.count("unheardof") == 0 and postings.top(["unheardof"], 10, keep) == []


@pytest.mark.parametrize("approximate", [True, False], ids=["ivf", "flat vectors"])
def test_a_large_index_searches_from_its_postings(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, approximate: bool) -> None:
    import indexer.store.postings as postings
    import indexer.store.vectors as vectors
    from api.search.engine import Filters, Searcher
    monkeypatch.setattr(postings, "CANDIDATES_FROM", 100)  # scored by candidates at the seeds' size
    monkeypatch.setattr(vectors, "ANN_FROM", 100 if approximate else 10**9)
    target = tmp_path / "index"
    build_index([need(SEEDS)], target, Settings(model="hashing", cache_dir=tmp_path / "cache"), HashingEmbedder())
    searcher = Searcher(target)
    try:
        assert searcher.vectors.approximate is approximate and searcher.postings is not None
        result = searcher.search("road safety casualties", 10)
        assert result.hits and "casualties" in result.hits[0].text.lower()
        assert searcher.search("DBS checks", 10).hits == []  # written only in Part II papers
        assert searcher.search("DBS checks", 10, Filters(include_exempt=True)).hits
        kind = searcher.features.kinds[0]
        filtered = searcher.search("road safety casualties", 10, Filters(kind=kind))
        assert filtered.hits and {h.citation.document_kind for h in filtered.hits} == {kind}
        assert searcher.search("spaceship koala", 10).hits == []  # the relevance floor still holds
    finally:
        searcher.close()
    shutil.rmtree(target / "postings")
    if approximate:
        with pytest.raises(IndexMissing, match="rebuild"):
            Searcher(target)
