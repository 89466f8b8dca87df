"""Sentence vectors for answers, computed at index time: an answer then costs one search and a
matrix product over the top passages' sentences, not an embedding of each of them.

In the index folder: `sentences.npy` (float16 unit vectors, one row per sentence: half the
space of float32, and the cosine it gives differs by < 0.001) and `sentence_starts.npy` (the
first row of each passage's sentences by vec_id; the last entry is the row count), both
memory-mapped at load so a large index costs only the rows an answer reads; the texts are the
`sentences` table of the database, read a passage at a time.
"""
from __future__ import annotations

import sqlite3
from pathlib import Path

import numpy as np

from indexer.store.append import append_rows
from indexer.store.database import FILENAME as DATABASE

VECTORS, STARTS = "sentences.npy", "sentence_starts.npy"


class SentenceIndex:
    def __init__(self, vectors: np.ndarray, texts: list[str] | None, starts: np.ndarray | list[int],
                 database: Path | None = None) -> None:
        self.vectors = vectors
        self._texts = texts  # in memory while building; read from `database` once loaded
        self.starts = np.asarray(starts, dtype=np.int64)  # passage vec_id → first row
        self._database = database
        self._con: sqlite3.Connection | None = None

    def __len__(self) -> int:
        return int(self.starts[-1]) if len(self.starts) else 0

    def of(self, vec_id: int) -> list[tuple[str, np.ndarray]]:
        """(sentence, unit vector) of one passage, in reading order."""
        lo, hi = int(self.starts[vec_id]), int(self.starts[vec_id + 1])
        texts = self._texts[lo:hi] if self._texts is not None else self._read(lo, hi)
        return [(t, np.asarray(self.vectors[r], dtype=np.float32)) for t, r in zip(texts, range(lo, hi), strict=True)]

    def best_cosines(self, query: np.ndarray, vec_ids: list[int]) -> np.ndarray:
        """Per passage, the cosine of its sentence closest to `query` (-1 for a passage with
        no prose sentence): only those passages' rows are read."""
        lo = np.asarray(self.starts[vec_ids], dtype=np.int64)
        hi = np.asarray(self.starts[np.asarray(vec_ids, dtype=np.int64) + 1], dtype=np.int64)
        counts = hi - lo
        out = np.full(len(vec_ids), -1.0, dtype=np.float32)
        if not counts.sum():
            return out
        rows = np.concatenate([np.arange(a, b) for a, b in zip(lo, hi, strict=True)])
        cos = np.asarray(self.vectors[rows], dtype=np.float32) @ query.astype(np.float32)
        owner = np.repeat(np.arange(len(vec_ids)), counts)
        np.maximum.at(out, owner, cos)
        return out

    def _read(self, lo: int, hi: int) -> list[str]:
        if self._con is None:
            self._con = sqlite3.connect(f"file:{self._database}?mode=ro", uri=True, check_same_thread=False)
        rows = self._con.execute("SELECT text FROM sentences WHERE row >= ? AND row < ? ORDER BY row", (lo, hi)).fetchall()
        return [r[0] for r in rows]

    def save(self, folder: Path) -> None:
        """Vectors and offsets beside the database, texts into it (written after it)."""
        np.save(folder / VECTORS, np.asarray(self.vectors, dtype=np.float16))
        np.save(folder / STARTS, self.starts)
        con = sqlite3.connect(folder / DATABASE)
        try:
            con.execute("CREATE TABLE IF NOT EXISTS sentences (row INTEGER PRIMARY KEY, text TEXT NOT NULL)")
            con.executemany("INSERT INTO sentences (row, text) VALUES (?, ?)", enumerate(self._texts or []))
            con.commit()
        finally:
            con.close()

    def append_to(self, source: Path, target: Path) -> None:
        """Write into `target` the sentence index of `source` followed by this one's: the
        vectors appended (append.py), the offsets carried on, the texts into `target`'s
        database (a copy of the source's) after the rows already there."""
        old_starts = np.load(source / STARTS)
        first = int(old_starts[-1])
        append_rows(source / VECTORS, target / VECTORS, np.asarray(self.vectors, dtype=np.float16))
        np.save(target / STARTS, np.concatenate([old_starts[:-1], self.starts + first]))
        con = sqlite3.connect(target / DATABASE)
        try:
            con.executemany("INSERT INTO sentences (row, text) VALUES (?, ?)",
                            ((first + i, t) for i, t in enumerate(self._texts or [])))
            con.commit()
        finally:
            con.close()

    @classmethod
    def load(cls, folder: Path) -> "SentenceIndex | None":
        """The folder's sentence index, or None for an index built without one."""
        if not (folder / VECTORS).exists() or not (folder / STARTS).exists():
            return None
        return cls(np.load(folder / VECTORS, mmap_mode="r"), None, np.load(folder / STARTS, mmap_mode="r"),
                   folder / DATABASE)
