"""FAISS answers exactly what numpy brute force answers."""
from __future__ import annotations

from pathlib import Path

import numpy as np

from indexer.store.vectors import VectorIndex


def test_faiss_matches_numpy_brute_force(tmp_path: Path) -> None:
    rng = np.random.default_rng(7)
    vecs = rng.normal(size=(500, 48)).astype(np.float32)
    vecs /= np.linalg.norm(vecs, axis=1, keepdims=True)
    index = VectorIndex.build(vecs)
    index.save(tmp_path)
    loaded = VectorIndex.load(tmp_path)
    for q in vecs[:20] + rng.normal(scale=0.1, size=(20, 48)).astype(np.float32):
        scores, ids = loaded.search(q, 10)
        brute = vecs @ q
        assert list(ids) == list(np.argsort(-brute)[:10])
        np.testing.assert_allclose(scores, np.sort(brute)[::-1][:10], rtol=1e-5)
        np.testing.assert_allclose(loaded.all_scores(q), brute, rtol=1e-5, atol=1e-6)
    np.testing.assert_allclose(loaded.vectors(), vecs)
