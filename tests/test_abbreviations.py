"""Abbreviations learnt from the papers themselves, and used on both sides of a search."""
from __future__ import annotations

from pathlib import Path

from api.query import parse_query
from api.search import Filters, Searcher
from indexer.abbreviations import expand_query_terms, expansions, learn


def test_definitions_are_learnt_from_the_text() -> None:
    table = learn([
        "Delayed Transfers of Care (DToC) rose in the quarter.",
        "the number of Children Looked After (CLA) fell; Personal Education Plans (PEPs) were done",
        "Lancashire's new IT system, Lancashire's children's system (LCS) had not provided alerts",
        "the meeting (see above) and (Appendix A) were noted",  # not definitions
    ])
    assert table["DToC"] == "Delayed Transfers of Care"
    assert table["CLA"] == "Children Looked After"
    assert table["PEP"] == "Personal Education Plans"  # plural short form defines the singular
    assert table["LCS"] == "Lancashire's children's system"
    assert "see" not in table and not any(k.startswith("App") for k in table)


def test_a_passage_gets_the_other_spelling_however_it_is_written() -> None:
    table = {"LCS": "Lancashire's children's system", "PEP": "Personal Education Plan", "DToC": "Delayed Transfers of Care"}
    # Case, possessives and plurals differ from the definition; the meaning is the same.
    assert expansions("issues with the Lancashire Children's System, the new IT System", table) == \
        ["LCS: Lancashire's children's system"]
    assert expansions("children with up-to-date Personal Education Plans", table) == ["PEP: Personal Education Plan"]
    assert expansions("DToC days per 100,000 population", table) == ["DToC: Delayed Transfers of Care"]
    # Both spellings present, or neither: nothing to add.
    assert expansions("Delayed Transfers of Care (DToC)", table) == []
    assert expansions("delayed payments to care providers", table) == []
    # A long form must match whole words, not the middle of other words.
    assert expansions("the Lancashire Children's Systematic review", table) == []


def test_a_query_searches_both_spellings() -> None:
    table = {"DBS": "Disclosure and Barring Service", "IS": "Information Services", "CLA": "Children Looked After"}
    extra, longs = expand_query_terms([], "how quickly are dbs checks processed", table)
    assert {"disclosure", "barring", "service"} <= set(extra) and longs == ["Disclosure and Barring Service"]
    # Two-letter short forms only count in capitals: "is" is a word, not Information Services.
    assert expand_query_terms([], "what is the backlog", table) == ([], [])
    extra, _ = expand_query_terms([], "the number of children looked after", table)
    assert extra == ["cla"]
    assert "cla" in parse_query("the number of children looked after", table).terms


def test_an_abbreviation_finds_the_spelt_out_passage(seed_index_fake: Path) -> None:
    searcher = Searcher(seed_index_fake)
    try:
        hits = searcher.search('"DToC"', 10, Filters()).hits
        assert hits, "the papers define DToC and use it"
        spelt = searcher.search("DToC", 10, Filters(exact=True)).hits
        assert all("dtoc" in (h.text.lower()) for h in spelt)
        either = searcher.search("DToC", 20, Filters()).hits
        assert any("delayed transfers of care" in h.text.lower() and "dtoc" not in h.text.lower() for h in either)
    finally:
        searcher.close()
