"""The searcher's embedder remembers recent queries: the model runs once per distinct question."""
from __future__ import annotations

import numpy as np
import pytest

from indexer.store.embedder import HashingEmbedder, RecentQueries


class Counting(HashingEmbedder):
    def __init__(self) -> None:
        super().__init__()
        self.texts = 0

    def encode(self, texts, batch_size=32, on_batch=None):  # type: ignore[no-untyped-def]
        self.texts += len(texts)
        return super().encode(texts, batch_size, on_batch)


def test_a_repeated_question_is_embedded_once_and_batches_pass_through() -> None:
    inner = Counting()
    cached = RecentQueries(inner)
    first = cached.encode(["delayed transfers of care"])
    again = cached.encode(["delayed transfers of care"])
    assert inner.texts == 1 and np.array_equal(first, again) and first.shape == (1, inner.dimension)
    with pytest.raises(ValueError):
        again[0, 0] = 1.0  # a remembered vector is shared, so nobody may change it
    cached.encode(["a", "b"])
    cached.encode(["a", "b"])
    assert inner.texts == 5  # an indexing batch is never cached
    cached.size = 2
    for q in ["one", "two", "three", "delayed transfers of care"]:
        cached.encode([q])
    assert len(cached._recent) == 2 and inner.texts == 9  # the oldest are forgotten
