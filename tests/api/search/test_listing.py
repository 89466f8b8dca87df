"""At most two passages of an item on a page; where an item holds several papers or questions, two of
each and four of the item; in a long item, four of one paper."""
from __future__ import annotations

from api.search.listing import UNITS_PER_ITEM, diversify
from indexer.store.features import document_numbers, question_numbers


def test_two_passages_of_an_item_then_the_rest_only_fill_empty_slots() -> None:
    items = ["budget"] * 5 + ["roads", "roads"]
    assert diversify(list(range(7)), items, 4) == [0, 1, 5, 6]
    assert diversify(list(range(5)), items, 4) == [0, 1, 2, 3]  # nothing else to show


def test_a_questions_paper_gives_two_passages_a_question_and_up_to_four_in_all() -> None:
    items = ["questions"] * 8 + ["roads"]
    questions = [1, 1, 1, 2, 2, 3, 4, 5, 0]  # passages 0-2 ask and answer question 1, …
    page = diversify(list(range(9)), items, 6, question_of=questions)
    assert page[:UNITS_PER_ITEM] == [0, 1, 3, 4] and 8 in page
    assert 2 not in page[:5], "a third passage of one question waits"


def test_question_numbers_follow_the_questions_of_each_item() -> None:
    texts = ["Thursday 13 March 2025", "Question by A to B, Cabinet Member", "more of the answer",
             "Question by C to D,", "Answer: yes", "Minutes of another item"]
    items = ["q", "q", "q", "q", "q", "other"]
    contexts = ["", "", "Answering: potholes?", "", "Answering: bridge?", "Answering: nothing"]
    assert question_numbers(texts, items, contexts) == [0, 1, 1, 2, 2, 0]


def test_a_report_and_its_appendices_give_two_passages_each_and_four_in_all() -> None:
    items = [0] * 7 + [1]  # item codes: the budget, then roads
    papers = [1, 1, 1, 2, 2, 3, 3, 1]  # the report's passages 0-2, appendix A's 3-4, appendix B's 5-6
    page = diversify(list(range(8)), items, 5, document_of=papers, long_item=[False, False])
    assert page == [0, 1, 3, 4, 7], "the report's third passage and appendix B wait; the roads item is shown"


def test_a_long_item_may_give_four_passages_of_one_paper() -> None:
    items = [0] * 6 + [1]
    papers = [1] * 6 + [1]
    assert diversify(list(range(7)), items, 5, document_of=papers, long_item=[True, False]) == [0, 1, 2, 3, 6]
    assert diversify(list(range(7)), items, 5, document_of=papers, long_item=[False, False]) == [0, 1, 6, 2, 3]


def test_an_index_without_papers_keeps_two_passages_an_item() -> None:
    items = ["budget"] * 5 + ["roads"]
    assert diversify(list(range(6)), items, 3, document_of=[0] * 6) == [0, 1, 5]


def test_document_numbers_count_the_papers_of_each_item_from_one() -> None:
    items = ["budget", "budget", "budget", "roads", "budget"]
    docs = ["report.pdf", "report.pdf", "appendix-a.pdf", "roads.pdf", "appendix-b.pdf"]
    assert document_numbers(items, docs) == [1, 1, 2, 1, 3]
