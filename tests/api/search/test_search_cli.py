"""quire search and export as a user sees them (hashing embedder)."""
from __future__ import annotations

import json
from pathlib import Path

import pytest

from api.cli import main
from api.search.listing import first_copies
from indexer.passages.copies import same_text_groups
from api.search.query import meeting_dates, word_pairs
from api.search.engine import Filters, Searcher
from indexer.build import build_index
from indexer.config import Settings
from indexer.store.embedder import HashingEmbedder
from indexer.errors import BadQuery

from tests.conftest import DATA


@pytest.fixture
def searcher(seed_index_fake: Path) -> Searcher:
    return Searcher(seed_index_fake, HashingEmbedder())


def test_exempt_passages_only_when_asked(searcher: Searcher) -> None:
    q = "Agility Laptop for Corporate Broadband"
    public = searcher.search(q, 20)
    assert all(not h.citation.exempt for h in public.hits)
    private = searcher.search(q, 20, Filters(include_exempt=True))
    assert any(h.citation.exempt and "Agility" in h.text for h in private.hits[:3])


def test_results_are_cited_and_diverse(searcher: Searcher) -> None:
    hits = searcher.search("sickness absence days lost per employee", 10).hits
    assert hits and hits[0].citation.meeting_date == "2014-10-01" and hits[0].citation.item_number == 6
    per_item: dict[str, int] = {}
    for h in hits:
        per_item[h.item_id] = per_item.get(h.item_id, 0) + 1
    assert max(per_item.values()) <= 2 or len(per_item) == 1


@pytest.mark.parametrize(("query", "parts"), [
    ("what did Cabinet resolve on 30 January", ["-01-30"]),
    ("the 30 January 2025 budget", ["2025-01-30"]),
    ("who sent apologies to the October 2018 meeting", ["2018-10-"]),
    ("decided in March, 2017", ["2017-03-"]),
    ("you may see figures for 2018", []),
    ("what did County Council resolve at the February budget meeting", ["-02-"]),
    ("the March 2025 meeting", ["2025-03-"]),
    ("we may meet again", []),
])
def test_a_query_can_name_a_meeting_by_day_or_by_month(query: str, parts: list[str]) -> None:
    assert meeting_dates(query) == parts


def test_a_month_and_year_bring_that_meetings_item_first(searcher: Searcher) -> None:
    # Every meeting has an "Apologies for Absence" item; the month says which one is meant.
    for query, date in (("apologies for absence October 2018", "2018-10-04"),
                        ("apologies for absence April 2018", "2018-04-18")):
        top = searcher.search(query, 5).hits[0].citation
        assert (top.meeting_date, top.item_title) == (date, "Apologies for Absence")


def test_a_question_about_a_decision_brings_the_resolution_first(searcher: Searcher) -> None:
    # Without the decision cue the risk register report's own words come first.
    top = searcher.search("what was decided about the risk register in March 2017", 5).hits[0]
    assert (top.citation.meeting_date, top.citation.item_number) == ("2017-03-07", 5)
    assert top.text.startswith("Resolved")
    plain = searcher.search("the risk register in March 2017", 5).hits[0]
    assert not plain.text.startswith("Resolved")


def test_a_passage_of_a_word_or_two_does_not_take_its_items_place(tmp_path: Path, fake_settings: Settings) -> None:
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    minutes = (DATA / "tagged-minutes.txt").read_text()
    # The query is the item's title, which every passage of the item carries in its context
    # line; the two-word passage has nothing else, so on meaning alone it would come first.
    discussion = " ".join(f"Members discussed point {i} of the review of branch staffing and weekend times."
                          for i in range(12))
    item = f"<AI4>\n\n\t4.  \n\tLibrary Opening Hours\n\n{discussion}\n\nSummary\n\nEnd\n</AI4>\n"
    (corpus / "minutes.txt").write_text(minutes.replace("</AI3>", "</AI3>\n\n" + item, 1))
    build_index([corpus], tmp_path / "idx", fake_settings, HashingEmbedder())
    hits = Searcher(tmp_path / "idx", HashingEmbedder()).search("library opening hours", 5).hits
    assert any(h.text.split() == ["Summary", "End"] for h in hits), "the test needs its two-word passage"
    assert "Members discussed" in hits[0].text, [h.text[:40] for h in hits]


def test_a_text_printed_twice_for_one_item_is_listed_once() -> None:
    items = ["m#9", "m#9", "m#4", "m#6", "m#9"]
    texts = ["Record of decision:\n  approve the plan", "record of decision: approve the plan",
             "Resolved: That the report be noted.", "Resolved: That the report be noted.", "Other words"]
    groups = same_text_groups(items, texts)
    # The pack's copy of item 9's report is the original's; item 4's and item 6's identical
    # resolutions are two decisions.
    assert groups == [0, 0, 2, 3, 4]
    assert first_copies([1, 0, 2, 3, 4], groups) == [1, 2, 3, 4]


def test_minutes_published_twice_show_each_passage_once(tmp_path: Path, fake_settings: Settings) -> None:
    # The same minutes as two files (a council's site often has a pack and a printed copy;
    # one trailing line differs, so they are not byte-identical duplicates).
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    text = (DATA / "tagged-minutes.txt").read_text()
    (corpus / "minutes.txt").write_text(text)
    (corpus / "minutes-republished.txt").write_text(text + "\n\n")
    build_index([corpus], tmp_path / "idx", fake_settings, HashingEmbedder())
    searcher = Searcher(tmp_path / "idx", HashingEmbedder())
    try:
        hits = searcher.search("disclosure of pecuniary interests", 10).hits
        texts = [" ".join(h.text.lower().split()) for h in hits]
        assert hits and len(texts) == len(set(texts))
        assert sum("no pecuniary or non-pecuniary interests were disclosed" in t for t in texts) == 1
    finally:
        searcher.close()


def test_a_name_written_as_one_word_or_two_is_found_either_way(searcher: Searcher) -> None:
    # The public papers write "Liquid Logic"; only a Part II update writes "Liquidlogic".
    public = searcher.search("Liquidlogic", 10).hits
    assert public and all("liquid logic" in " ".join(h.text.lower().split()) for h in public)
    officer = searcher.search("Liquid Logic", 10, Filters(include_exempt=True)).hits
    assert any("Liquidlogic" in h.text for h in officer)
    # Exact mode takes the word as typed.
    assert searcher.search("Liquidlogic", 10, Filters(exact=True)).hits == []


def test_word_pairs_skip_stop_words_and_quotes() -> None:
    assert word_pairs('issues with the Liquid Logic system "child care"') == [("liquid", "logic"), ("logic", "system")]


@pytest.mark.parametrize("query,k", [("", 10), ("x" * 1001, 10), ("ok", 0), ("ok", 51)])
def test_bad_queries_are_refused_with_a_reason(searcher: Searcher, query: str, k: int) -> None:
    with pytest.raises(BadQuery):
        searcher.search(query, k)


def test_cli_json_shape(seed_index_fake: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    monkeypatch.setenv("QUIRE_MODEL", "hashing")
    assert main(["search", "child road safety", "--index", str(seed_index_fake), "-k", "3", "--json"]) == 0
    out = json.loads(capsys.readouterr().out)
    assert out["query"] == "child road safety" and len(out["results"]) == 3
    first = out["results"][0]
    assert {"rank", "score", "passage_id", "text", "citation"} <= set(first)
    assert {"council", "committee", "meeting_date", "item_number", "item_title", "document_kind",
            "document_title", "source", "line_start", "line_end", "page_start", "page_end", "url",
            "exempt", "published_in"} <= set(first["citation"])


def test_export_prints_every_passage_as_json_lines(seed_index_fake: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["export", "--index", str(seed_index_fake)]) == 0
    lines = capsys.readouterr().out.splitlines()
    manifest = json.loads((seed_index_fake / "manifest.json").read_text())
    assert len(lines) == manifest["counts"]["passages"]
    assert all(json.loads(line)["citation"]["meeting_date"] for line in lines)
