"""Acceptance: passages of the indexed seed corpus carry the gold meeting, item and exempt flag."""
from __future__ import annotations

import json
from pathlib import Path

from tests.conftest import EVAL, export_rows, need


def _gold() -> list[dict]:
    return json.loads(need(EVAL / "seeds-segments.json").read_text())


def _span_of(gold: list[dict], source: str, start: int, end: int) -> dict | None:
    for span in gold:
        if span["file"] == source and span["start"] <= start and end <= span["end"]:
            return span
    return None


def test_at_least_99_percent_of_passages_sit_in_their_gold_item(seed_index_fake: Path) -> None:
    gold = _gold()
    rows = export_rows(seed_index_fake)
    right = 0
    wrong = []
    for row in rows:
        c = row["citation"]
        span = _span_of(gold, c["source"], c["line_start"], c["line_end"])
        if span and (span["meeting"], span["item"], span["exempt"]) == (c["meeting_date"], c["item_number"], c["exempt"]):
            right += 1
        else:
            wrong.append((c["source"], c["line_start"], c["line_end"], c["meeting_date"], c["item_number"]))
    assert right / len(rows) >= 0.99, wrong[:10]


def test_every_gold_item_has_a_passage(seed_index_fake: Path) -> None:
    have = {(r["citation"]["meeting_date"], r["citation"]["item_number"]) for r in export_rows(seed_index_fake)}
    missing = {(g["meeting"], g["item"]) for g in _gold()} - have
    assert not missing


def test_exempt_flags_agree_with_gold(seed_index_fake: Path) -> None:
    gold = _gold()
    for row in export_rows(seed_index_fake):
        c = row["citation"]
        span = _span_of(gold, c["source"], c["line_start"], c["line_end"])
        assert span is not None and span["exempt"] == c["exempt"], c


def test_citations_are_complete(seed_index_fake: Path) -> None:
    for row in export_rows(seed_index_fake):
        c = row["citation"]
        assert c["council"] == "Lancashire County Council"
        assert c["committee"] == "Cabinet Committee on Performance Improvement"
        assert c["meeting_date"] and c["item_title"] and c["document_title"]
        assert c["document_kind"] in ("agenda", "minutes", "report", "appendix")
        assert c["line_start"] <= c["line_end"]
        if c["document_kind"] == "minutes" and c["source"].startswith("003"):
            assert c["published_in"] == {"meeting_date": "2017-03-07", "item_number": 3}
