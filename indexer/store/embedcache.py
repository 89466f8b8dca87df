"""A content-addressed store of embeddings that outlives any one build.

Keyed by hash(model name + embedding text), so an unchanged passage is never embedded twice:
rebuilding, adding one meeting, or resuming an interrupted build only embeds what is new.
Rows are committed batch by batch, which is what makes an interrupted build resumable.
"""
from __future__ import annotations

import hashlib
import sqlite3
from collections.abc import Sequence
from pathlib import Path

import numpy as np


def embed_key(model: str, text: str) -> str:
    return hashlib.sha256(f"{model}\n{text}".encode()).hexdigest()[:32]


class EmbeddingCache:
    def __init__(self, path: Path) -> None:
        path.parent.mkdir(parents=True, exist_ok=True)
        self._con = sqlite3.connect(path)
        self._con.execute("PRAGMA journal_mode=WAL")
        self._con.execute("CREATE TABLE IF NOT EXISTS vectors (key TEXT PRIMARY KEY, dim INTEGER, vec BLOB)")

    def get_many(self, keys: Sequence[str]) -> dict[str, np.ndarray]:
        found: dict[str, np.ndarray] = {}
        for start in range(0, len(keys), 500):
            part = list(keys[start:start + 500])
            rows = self._con.execute(
                f"SELECT key, vec FROM vectors WHERE key IN ({','.join('?' * len(part))})", part)
            for key, blob in rows:
                found[key] = np.frombuffer(blob, dtype=np.float32)
        return found

    def put_many(self, keys: Sequence[str], vectors: np.ndarray) -> None:
        self._con.executemany(
            "INSERT OR REPLACE INTO vectors (key, dim, vec) VALUES (?, ?, ?)",
            [(k, int(v.shape[0]), np.asarray(v, dtype=np.float32).tobytes()) for k, v in zip(keys, vectors, strict=False)])
        self._con.commit()

    def close(self) -> None:
        self._con.close()
