"""At most two passages of an item on a page; in a paper of questions and answers, two of each question."""
from __future__ import annotations

from api.search.listing import QUESTIONS_PER_ITEM, diversify
from indexer.store.features import question_numbers


def test_two_passages_of_an_item_then_the_rest_only_fill_empty_slots() -> None:
    items = ["budget"] * 5 + ["roads", "roads"]
    assert diversify(list(range(7)), items, 4) == [0, 1, 5, 6]
    assert diversify(list(range(5)), items, 4) == [0, 1, 2, 3]  # nothing else to show


def test_a_questions_paper_gives_two_passages_a_question_and_up_to_four_in_all() -> None:
    items = ["questions"] * 8 + ["roads"]
    questions = [1, 1, 1, 2, 2, 3, 4, 5, 0]  # passages 0-2 ask and answer question 1, …
    page = diversify(list(range(9)), items, 6, question_of=questions)
    assert page[:QUESTIONS_PER_ITEM] == [0, 1, 3, 4] and 8 in page
    assert 2 not in page[:5], "a third passage of one question waits"


def test_question_numbers_follow_the_questions_of_each_item() -> None:
    texts = ["Thursday 13 March 2025", "Question by A to B, Cabinet Member", "more of the answer",
             "Question by C to D,", "Answer: yes", "Minutes of another item"]
    items = ["q", "q", "q", "q", "q", "other"]
    contexts = ["", "", "Answering: potholes?", "", "Answering: bridge?", "Answering: nothing"]
    assert question_numbers(texts, items, contexts) == [0, 1, 1, 2, 2, 0]
