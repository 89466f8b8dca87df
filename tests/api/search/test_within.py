"""Inside a long item, the passage whose one sentence answers moves up among the item's later
passages; the item's first passage and every other item keep their places."""
from __future__ import annotations

import numpy as np

from api.search.within import reorder_within_items


def test_a_later_passage_with_the_answering_sentence_moves_up_inside_its_item() -> None:
    order = [0, 1, 2, 3, 4, 5]
    items = [7, 7, 8, 7, 7, 8]  # the budget item holds slots 0, 1, 3, 4; roads 2 and 5
    scores = np.array([0.9, 0.8, 0.75, 0.7, 0.6, 0.5])
    closest = {0: 0.2, 1: 0.1, 2: 0.9, 3: 0.2, 4: 0.6, 5: 0.1}
    out = reorder_within_items(order, scores, items, lambda ids: np.array([closest[i] for i in ids]))
    assert out[0] == 0, "the item's best passage keeps the top"
    assert out[1] == 4, "0.6 + 0.6 beats 0.8 + 0.1: the answering sentence comes second"
    assert [out[2], out[5]] == [2, 5], "the roads item keeps its slots and its order"
    assert out[3:5] == [1, 3]


def test_items_of_one_passage_and_ties_keep_the_ranked_order() -> None:
    order = [3, 1, 2]
    assert reorder_within_items(order, np.zeros(4), [0, 1, 2, 3], lambda ids: np.zeros(len(ids))) == order
    assert reorder_within_items([0, 1, 2], np.zeros(3), [5, 5, 5], lambda ids: np.zeros(len(ids))) == [0, 1, 2]


def test_the_closest_sentence_of_each_passage_is_read_from_the_sentence_index() -> None:
    from indexer.store.sentences import SentenceIndex
    vectors = np.array([[1, 0], [0, 1], [0.6, 0.8]], dtype=np.float32)
    index = SentenceIndex(vectors, ["a", "b", "c"], [0, 2, 2, 3])  # passage 1 has no prose sentence
    assert index.best_cosines(np.array([0, 1], dtype=np.float32), [2, 0, 1]).tolist() == [
        np.float32(0.8), 1.0, -1.0]
