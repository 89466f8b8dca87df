"""The measurement scripts still run (with the hashing embedder on the seed corpus)."""
from __future__ import annotations

import sys
from pathlib import Path

import pytest

from tests.conftest import EVAL, ROOT, SEEDS, need

sys.path.insert(0, str(ROOT / "scripts"))


def test_baselines_prints_a_row_per_pipeline(seed_index_fake: Path, capsys: pytest.CaptureFixture[str]) -> None:
    import baselines
    baselines.main([str(need(SEEDS)), "--gold", str(need(EVAL / "seeds-dev.tsv")), "--index", str(seed_index_fake)])
    table = capsys.readouterr().out.splitlines()
    assert table[0].startswith("| pipeline | nDCG@10 | Recall@5 | MRR@10 |")
    assert [row.split("|")[1].strip()[:3] for row in table[2:]] == ["(a)", "(b)", "(c)", "(d)"]


def test_tune_weights_prints_the_grid_and_restores_the_shipped_weights(
        seed_index_fake: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch) -> None:
    import tune_weights

    import api.search.fusion as search
    shipped = {n: getattr(search, n) for n in tune_weights.SHORT + tune_weights.LONG}
    monkeypatch.setattr(tune_weights, "GRID", {tune_weights.SHORT: [(0.5, 0.2)], tune_weights.LONG: [(0.8, 0.05)]})
    tune_weights.main(["--set", str(seed_index_fake), str(need(EVAL / "seeds-dev.tsv"))])
    rows = capsys.readouterr().out.splitlines()
    assert [r.split()[0] for r in rows] == ["setting", "shipped", "W_DENSE=0.5,", "W_DENSE_LONG=0.8,"]
    assert all(len(r.split("|")[0].split()) >= 3 for r in rows[1:])  # name, then three figures
    assert {n: getattr(search, n) for n in shipped} == shipped


def test_bench_scale_builds_a_synthetic_archive_the_approximate_search_serves(
        seed_index_fake: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import bench_scale

    import indexer.store.vectors as vectors
    from api.search.engine import Filters, Searcher
    import indexer.store.postings as postings
    monkeypatch.setattr(vectors, "ANN_FROM", 1000)  # the approximate form, at a test's size
    monkeypatch.setattr(postings, "CANDIDATES_FROM", 1000)
    monkeypatch.setattr(vectors, "EXACT_SUBSET", 100)
    target = tmp_path / "scale"
    bench_scale.build(target, 6000, bench_scale.load_source([seed_index_fake]))
    searcher = Searcher(target)
    try:
        assert searcher.vectors.approximate and len(searcher.vectors) == 6000
        result = searcher.search("road safety casualties", 10)
        assert len(result.hits) == 10 and result.total > 10
        committee = result.hits[-1].citation.committee  # a committee the words are found in, not the best one
        filtered = searcher.search("road safety casualties", 10, Filters(committee=committee))
        assert filtered.hits and {h.citation.committee for h in filtered.hits} == {committee}
        monkeypatch.setattr(vectors, "EXACT_SUBSET", 10**9)  # the same filter scored exactly
        exact = searcher.search("road safety casualties", 10, Filters(committee=committee))
        assert [h.passage_id for h in filtered.hits] == [h.passage_id for h in exact.hits]
        # the dense leg finds what exact search finds
        assert bench_scale.recall_at_10(target, queries=50) >= 0.9
    finally:
        searcher.close()


def test_eval_decision_answers_scores_the_lead_of_each_answer(kent_index_fake: Path,
                                                              capsys: pytest.CaptureFixture[str]) -> None:
    import eval_decision_answers
    eval_decision_answers.main(["--index", str(kent_index_fake), str(ROOT / "tests/data/eval/kent-decisions.tsv"),
                                "--ids", "d02,d04"])
    lines = capsys.readouterr().out.splitlines()
    assert [line.split("\t")[0] for line in lines[:-1]] == ["d02", "d04"]
    assert lines[-1].startswith("the answer leads with the gold resolution: ") and lines[-1].endswith("/2")


def test_adapt_model_pairs_come_from_the_papers_alone(seed_index_fake: Path) -> None:
    import random

    import adapt_model
    pairs = adapt_model.pairs_from(seed_index_fake, random.Random(1))
    assert len(pairs) > 100
    # an inverse-cloze pair's sentence is usually left out of the passage it points to
    cloze = [(a, b) for a, b in pairs if len(a.split()) >= 6 and "\n" in b]
    assert sum(a not in b for a, b in cloze) > 0.7 * len(cloze)


def test_eval_decision_answers_whole_scores_the_whole_answer_box(kent_index_fake: Path,
                                                                 capsys: pytest.CaptureFixture[str]) -> None:
    import eval_decision_answers
    eval_decision_answers.main(["--whole", "--index", str(kent_index_fake),
                                str(ROOT / "tests/data/eval/kent-decisions.tsv"), "--ids", "d02,d04"])
    lines = capsys.readouterr().out.splitlines()
    assert [line.split("\t")[0] for line in lines[:-1]] == ["d02", "d04"]
    assert lines[-1].startswith("the answer box holds the answer: ") and lines[-1].endswith("/2")
