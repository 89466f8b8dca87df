"""Abbreviations learnt from the papers themselves, and used on both sides of a search."""
from __future__ import annotations

from pathlib import Path

import pytest

from api.search.query import parse_query
from api.search.engine import Filters, Searcher
from indexer.passages.abbreviations import bracketed, expand_query_terms, expansions, learn


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


def test_the_councils_own_name_is_searched_as_words_but_not_embedded() -> None:
    table = {"KCC": "Kent County Council", "PWLB": "Public Works Loans Board"}
    parsed = parse_query("can KCC still borrow from the PWLB", table, everyday=frozenset({"KCC"}))
    # Spelling out "Kent County Council" in the embedded text would pull the query towards every
    # Kent paper; the PWLB is what the question is about.
    assert parsed.semantic_text == "can KCC still borrow from the PWLB (Public Works Loans Board)"
    assert {"kent", "county", "council", "public", "works"} <= set(parsed.terms)


def test_only_abbreviations_on_a_large_share_of_pages_count_as_everyday(tmp_path: Path, fake_settings) -> None:  # type: ignore[no-untyped-def]
    from indexer.build import build_index
    from indexer.store.embedder import HashingEmbedder
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    filler = " ".join(f"The review looked at cost, demand and staffing in area {n}." for n in range(14))
    paras = ["Kent County Council (KCC) set its budget. " + filler] \
        + [f"KCC reviewed service {i} in depth this year. {filler}" for i in range(12)] \
        + ["Delayed Transfers of Care (DToC) rose in the quarter. " + filler]
    (corpus / "report.txt").write_text("Cabinet\nReport to Cabinet\n\n" + "\n\n".join(paras) + "\n")
    build_index([corpus], tmp_path / "idx", fake_settings, HashingEmbedder())
    searcher = Searcher(tmp_path / "idx", HashingEmbedder())
    assert searcher.everyday[False] == frozenset({"KCC"})


def test_bracketed_abbreviations_are_read_singly_and_in_lists() -> None:
    table = {"LCS": "Lancashire's children's system", "PEP": "Personal Education Plan"}
    assert bracketed("implemented within both Adult's (LAS) and Children's (LCS) services", table) == ["LCS"]
    assert bracketed("data in Liquid Logic's systems (LCS/LAS) and (PEPs)", table) == ["LCS", "PEP"]
    assert bracketed("the report (see Appendix A) was noted", table) == []


def test_the_best_passages_own_name_for_the_subject_is_searched_too(seed_index_fake: Path) -> None:
    # The Part II update says "Liquidlogic has been implemented within both Adult's (LAS) and
    # Children's (LCS) services"; the October 2014 minutes speak only of "the Lancashire
    # Children's System". Searching LCS too, as the papers name it, finds those minutes.
    searcher = Searcher(seed_index_fake)
    try:
        officer = searcher.search("Liquidlogic", 20, Filters(include_exempt=True))
        assert officer.hits[0].citation.exempt
        assert officer.also_searched == ["LCS (Lancashire's children's system)"]
        assert any((h.citation.meeting_date, h.citation.item_number) == ("2014-10-01", 5)
                   and "Lancashire Children's System" in h.text for h in officer.hits)
        # The public cannot see that passage, so it cannot steer what the public is shown.
        public = searcher.search("Liquidlogic", 20, Filters())
        assert public.also_searched == []
        assert not any(h.citation.meeting_date == "2014-10-01" for h in public.hits)
        # Exact searches are taken at their word.
        assert searcher.search("Liquidlogic", 20, Filters(include_exempt=True, exact=True)).also_searched == []
    finally:
        searcher.close()


def test_an_abbreviation_the_query_already_searches_is_not_added_again(seed_index_fake: Path,
                                                                        monkeypatch: pytest.MonkeyPatch) -> None:
    searcher = Searcher(seed_index_fake)
    try:
        # Whatever passage comes first, let it write "(PEPs)" and "(LCS)".
        monkeypatch.setattr(searcher, "_bracketed", lambda vec_id: ["PEP", "LCS"])
        assert searcher.search("PEPs for children", 5, Filters(include_exempt=True)).also_searched == \
            ["LCS (Lancashire's children's system)"]
        assert searcher.search("personal education plan and LCS", 5, Filters(include_exempt=True)).also_searched == []
    finally:
        searcher.close()
