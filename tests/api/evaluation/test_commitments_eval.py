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
