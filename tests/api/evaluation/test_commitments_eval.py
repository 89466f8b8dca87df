"""`quire eval-commitments`: the measure itself, and Kent (the development set) not slipping."""
from __future__ import annotations

from pathlib import Path

from api.evaluation.commitments import evaluate, format_report, norm

from tests.conftest import ROOT

GOLD = ROOT / "tests" / "data" / "commitments"
STRUCTURE = sorted((ROOT / "tests" / "data" / "structure").glob("kent-*.json"))


def test_phrases_match_without_markup_case_or_spacing() -> None:
    assert norm("***Proposed  by***  Councillor\nCollins") in norm("Proposed by councillor Collins (M);")


def test_kent_commitments_against_the_gold(kent_index_fake: Path) -> None:
    report = evaluate(kent_index_fake, GOLD / "kent.tsv", STRUCTURE)
    assert report.gold == 59
    # floors at the measured figures (README: commitments table), so a change that loses ground fails
    assert report.precision >= 0.8 and report.recall >= 0.7
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
