"""`quire eval-commitments`: the measure itself, its dev/test split, and Kent, WECA and Limerick
not slipping below the measured figures."""
from __future__ import annotations

from pathlib import Path

import pytest

from api.evaluation.commitments import evaluate, format_report, norm
from indexer.build import build_index
from indexer.config import Settings
from indexer.store.embedder import HashingEmbedder

from tests.conftest import ROOT, SHARED, need

GOLD = ROOT / "tests" / "data" / "commitments"
STRUCTURE = sorted((ROOT / "tests" / "data" / "structure").glob("kent-*.json"))


def test_phrases_match_without_markup_case_or_spacing() -> None:
    assert norm("***Proposed  by***  Councillor\nCollins") in norm("Proposed by councillor Collins (M);")


def test_kent_commitments_against_the_gold(kent_index_fake: Path) -> None:
    report = evaluate(kent_index_fake, GOLD / "kent.tsv", STRUCTURE)
    assert report.gold == 59
    # floors at the measured figures (README: commitments table), so a change that loses ground fails
    assert report.precision >= 0.84 and report.recall >= 0.84
    agree, of = report.fulfilment
    assert of and agree / of >= 0.8
    assert "kent.tsv" in format_report([report], details=True)


def test_the_dev_test_split_is_the_seeded_shuffle_of_each_gold_meeting_list() -> None:
    """split.tsv is written down once, from random.Random(16) over the structure gold's meetings,
    before any tuning on WECA or Limerick (tests/data/commitments/README.md)."""
    import json
    import random

    from api.evaluation.commitments import load_split

    gold_files = {"kent.tsv": "kent-*.json", "weca.tsv": "weca.json", "limerick.tsv": "limerick.json"}
    for gold, pattern in gold_files.items():
        meetings = sorted({m["id"] for f in (ROOT / "tests" / "data" / "structure").glob(pattern)
                           for m in json.loads(f.read_text(encoding="utf-8"))["meetings"]})
        random.Random(16).shuffle(meetings)
        dev = (len(meetings) + 1) // 2
        expected = {m: "dev" if i < dev else "test" for i, m in enumerate(meetings)}
        assert load_split(GOLD / "split.tsv", gold) == expected


def test_a_half_scores_only_its_meetings(kent_index_fake: Path) -> None:
    whole = evaluate(kent_index_fake, GOLD / "kent.tsv", STRUCTURE)
    halves = [evaluate(kent_index_fake, GOLD / "kent.tsv", STRUCTURE, half) for half in ("dev", "test")]
    assert [h.name for h in halves] == ["kent-dev", "kent-test"]
    assert sum(h.gold for h in halves) == whole.gold
    assert sum(h.extracted for h in halves) <= whole.extracted  # those at a meeting the gold lacks are in neither
    assert sum(len(h.found) for h in halves) == len(whole.found)


def test_a_phrase_across_two_sentences_is_held_by_either_sentence() -> None:
    from api.evaluation.commitments import phrase_parts

    phrase = "reach up to €4,000. It was agreed that this would be brought to the next Joint Policing"
    assert phrase_parts(phrase) == [phrase, "It was agreed that this would be brought to the next Joint Policing"]
    phrase = "housing could be arranged. Ms. Mary Hayes advised that we can explore same."
    assert phrase_parts(phrase)[1:] == ["Ms. Mary Hayes advised that we can explore same."]  # no break after a title
    assert phrase_parts("the Kids Go Free initiative will return") == ["the Kids Go Free initiative will return"]
    assert phrase_parts("It was noted. The Chair agreed.") == ["It was noted. The Chair agreed."]  # parts under 6 words


COUNCILS = SHARED / "councils"


@pytest.fixture(scope="module")
def council_indexes(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """WECA and Limerick with the hashing embedder (~10 s together)."""
    out = {}
    for name, folder in (("weca", "west-of-england-combined-authority"), ("limerick", "limerick-city-and-county-council")):
        tmp = tmp_path_factory.mktemp(name)
        build_index([need(COUNCILS / folder)], tmp / "index", Settings(model="hashing", cache_dir=tmp / "cache"),
                    HashingEmbedder())
        out[name] = tmp / "index"
    return out


@pytest.mark.parametrize("name, half, precision, recall", [
    # floors just under the measured figures (README: commitments table); the dev halves are what
    # the rules were tuned on, the test halves what they were not
    ("weca", "dev", 0.95, 0.68), ("weca", "test", 0.55, 0.45), ("weca", None, 0.8, 0.59),
    ("limerick", "dev", 0.9, 0.93), ("limerick", "test", 0.55, 0.37), ("limerick", None, 0.7, 0.53),
])
def test_council_commitments_against_the_gold(council_indexes: dict[str, Path], name: str, half: str | None,
                                              precision: float, recall: float) -> None:
    report = evaluate(council_indexes[name], GOLD / f"{name}.tsv", [ROOT / "tests" / "data" / "structure" / f"{name}.json"],
                      half)
    assert report.precision >= precision and report.recall >= recall, (report.precision, report.recall)
