"""Integration: the 143 real Kent PDFs with the real model (about three minutes on 2 cores)."""
from __future__ import annotations

import json
from pathlib import Path

import pytest

from api.cli import main
from api.search.engine import Searcher
from indexer.build import build_index
from indexer.config import Settings

from tests.conftest import EVAL, KENT, need

pytestmark = pytest.mark.integration


@pytest.fixture(scope="module")
def kent(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, object, Settings]:
    tmp = tmp_path_factory.mktemp("kent")
    settings = Settings(cache_dir=tmp / "cache")
    summary = build_index([need(KENT)], tmp / "index", settings)
    return tmp / "index", summary, settings


def test_build_reports_missing_files_and_duplicates(kent: tuple[Path, object, Settings]) -> None:
    _, summary, _ = kent
    assert len(summary.missing) == 4 and all("missing" in m for m in summary.missing)
    assert sum(map(len, summary.duplicates.values())) >= 5
    assert summary.pages > 1400 and summary.passages > 4000 and summary.image_only_pages >= 1


def test_unchanged_rebuild_is_immediate(kent: tuple[Path, object, Settings]) -> None:
    index, _, settings = kent
    again = build_index([KENT], index, settings)
    assert again.up_to_date and again.seconds < 10


def test_kent_dev_answer_recall_at_5(kent: tuple[Path, object, Settings], capsys: pytest.CaptureFixture[str]) -> None:
    index, _, _ = kent
    assert main(["eval", str(need(EVAL / "kent-dev.tsv")), "--index", str(index), "--json"]) == 0
    assert json.loads(capsys.readouterr().out)["metrics"]["answer@5"] >= 0.85


def test_kent_phrase_cites_committee_date_title_and_page(kent: tuple[Path, object, Settings]) -> None:
    index, _, _ = kent
    hit = Searcher(index).search("Pay Multiple figure is 8.1:1", 3).hits[0]
    c = hit.citation
    assert (c.committee, c.meeting_date) == ("County Council", "2025-03-13")
    assert "Pay Policy" in c.item_title and c.page_start == 2
    assert c.url.startswith("https://democracy.kent.gov.uk/documents/") and c.url.endswith("#page=2")


def test_the_budget_decision_is_the_whole_resolution(kent: tuple[Path, object, Settings]) -> None:
    """County Council 13 February 2025: the resolution runs (a) to (s) and beyond under six
    sub-headings and across passages; the decision record holds all of it."""
    import re
    from datetime import date

    from api.browse.obligations import list_decisions
    from indexer.store.database import Store
    index, _, _ = kent
    store = Store(index)
    try:
        found = list_decisions(store, False, committee="County Council", date_from=date(2025, 2, 13),
                               date_to=date(2025, 2, 13), text="Council Tax requirement", kind="resolution")
    finally:
        store.close()
    assert len(found) == 1
    text = found[0].text
    assert set("abcdefghijklmnopqrs") <= set(re.findall(r"\(([a-z])\)", text))
    assert "£1,530.9m" in text and "£994,287,655" in text
