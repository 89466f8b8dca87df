"""Sentence vectors for answers, computed at index time: an answer then costs one search and a
matrix product over the top passages' sentences, not an embedding of each of them.

Files in the index folder: `sentences.npy` (float16 unit vectors, one row per sentence: half
the space of float32, and the cosine it gives differs by < 0.001), `sentences.json` (the
texts, and the first row of each passage's sentences by vec_id).
"""
from __future__ import annotations

import json
from pathlib import Path

import numpy as np

VECTORS, TEXTS = "sentences.npy", "sentences.json"


class SentenceIndex:
    def __init__(self, vectors: np.ndarray, texts: list[str], starts: list[int]) -> None:
        self.vectors = vectors
        self.texts = texts
        self.starts = starts  # passage vec_id → first row; starts[-1] is the row count

    def of(self, vec_id: int) -> list[tuple[str, np.ndarray]]:
        """(sentence, unit vector) of one passage, in reading order."""
        lo, hi = self.starts[vec_id], self.starts[vec_id + 1]
        return [(self.texts[r], self.vectors[r].astype(np.float32)) for r in range(lo, hi)]

    def save(self, folder: Path) -> None:
        np.save(folder / VECTORS, self.vectors.astype(np.float16))
        (folder / TEXTS).write_text(json.dumps({"texts": self.texts, "starts": self.starts}), encoding="utf-8")

    @classmethod
    def load(cls, folder: Path) -> "SentenceIndex | None":
        """The folder's sentence index, or None for an index built before they were kept."""
        if not (folder / VECTORS).exists() or not (folder / TEXTS).exists():
            return None
        data = json.loads((folder / TEXTS).read_text(encoding="utf-8"))
        return cls(np.load(folder / VECTORS), data["texts"], data["starts"])
