"""One text, one hit: near copies folded together; and snippets without the papers' markup."""
from __future__ import annotations

from datetime import date
from pathlib import Path

from api.search.engine import Searcher
from api.search.listing import fold_copies
from indexer.passages.copies import near_copy_groups
from api.search.snippets import plain, snippet
from indexer.build import build_index
from indexer.config import Settings
from indexer.store.embedder import HashingEmbedder

AMENDMENT = ("That the County Council commissions a feasibility study into the provision of home to school "
             "transport for children in elective home education, funded from the general reserve, with a report "
             "to the Cabinet Committee before the end of the year setting out the costs and the options")


def test_a_revised_copy_and_a_quotation_fold_into_the_first_hit() -> None:
    texts = {0: AMENDMENT + ". Proposer: Mr Hood. Seconder: Mr Lewis.",
             1: AMENDMENT + ". Proposer: Mr Hood. Seconder: Mrs Chittenden.",
             2: "The Chairman put the amendment moved by Mr Hood: " + AMENDMENT + ". The amendment was lost.",
             3: "Home to school transport for children with special needs is forecast to overspend by four million pounds"}
    groups = near_copy_groups([texts[i] for i in range(4)])
    kept, copies = fold_copies([0, 1, 2, 3], groups)
    assert kept == [0, 3] and copies == {0: [1, 2]}
    kept, copies = fold_copies([2, 3, 1, 0], groups)  # the best-ranked copy is the one shown
    assert kept == [2, 3] and copies == {2: [1, 0]}


def test_short_identical_resolutions_under_other_items_are_not_copies() -> None:
    texts = {0: "Resolved: that the report be noted.", 1: "Resolved: that the report be noted."}
    kept, _ = fold_copies([0, 1], near_copy_groups([texts[0], texts[1]]))
    assert kept == [0, 1]


def test_markup_is_not_shown() -> None:
    raw = ('**15TH** <p>March</p> <ul style="list-style-type: disc"><li>Working practices reviewed</li></ul> '
           '\\_\\_\\_\\_ [Original file](https://example.ie/a.pdf) *<small>Scanned page</small>*')
    shown = plain(raw)
    for mark in ("**", "<p>", "style=", "\\_", "](", "<small>"):
        assert mark not in shown
    assert "15TH" in shown and "Working practices reviewed" in shown and "Original file" in shown
    assert "<mark>Working</mark>" in snippet(raw, ["working"]) and "style" not in snippet(raw, ["working"])


def test_search_lists_a_text_once_with_where_else_it_appears(tmp_path: Path) -> None:
    folder = tmp_path / "papers" / "council" / "full-council" / "2025-02-13"
    folder.mkdir(parents=True)
    (folder / "agenda.txt").write_text("Kent County Council\nCounty Council\nThursday, 13th February, 2025\nAGENDA\n"
                                       "1. Apologies\n2. Budget 2025-26\n3. Home Education Amendment\n" + AMENDMENT + ".\n"
                                       "4. Transport Amendment\n" + AMENDMENT + " (as revised).\n")
    target = tmp_path / "index"
    build_index([tmp_path / "papers"], target, Settings(model="hashing", cache_dir=tmp_path / "cache"), HashingEmbedder())
    searcher = Searcher(target, HashingEmbedder())
    try:
        hits = searcher.search("home education transport feasibility study", 10).hits
    finally:
        searcher.close()
    texts = [h.text for h in hits if "feasibility study" in h.text]
    assert len(texts) == 1, texts
    assert [c.citation.item_number for h in hits for c in h.copies] in ([3], [4])
    assert date.fromisoformat(hits[0].citation.meeting_date) == date(2025, 2, 13)
