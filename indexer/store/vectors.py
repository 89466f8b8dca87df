"""The dense index: unit vectors and nearest-neighbour search. The only module that imports faiss.

Vectors are L2-normalised, so inner product is cosine similarity. Row i is the passage whose
`vec_id` is i in the SQLite store.

Two forms, chosen by size when the index is built:
- up to ANN_FROM passages, a flat (exact) index, `vectors.faiss`: at 2 cores it scores all
  of Kent's 4,950 passages in well under a millisecond, so every passage is a candidate and
  results are exact;
- from ANN_FROM passages, an inverted-file index with 8-bit scalar-quantised vectors
  (`vectors.ivf`, a quarter of float32's memory) to find candidates, and the vectors in
  float16 (`vectors.f16.npy`, memory-mapped: only the rows read are brought into memory) to
  re-rank them exactly. Filters run inside the search (an ID selector), so a filtered query
  still gets its candidates; a filter that keeps few passages is scored exactly over them.
  scripts/bench_scale.py measures the choice (README, "Scale").
"""
from __future__ import annotations

import math
from pathlib import Path

import faiss
import numpy as np

from indexer.store.append import append_rows

FILENAME = "vectors.faiss"
ANN_FILE, FULL_FILE = "vectors.ivf", "vectors.f16.npy"
ANN_FROM = 200_000  # below this a flat search of every passage costs < 20 ms (100,000: 8 ms)
# Lists probed per query, and candidates re-ranked exactly. Measured with bench_scale.py at
# 1,000,000 passages (4,000 lists): recall@10 against exact search in README, "Scale".
NPROBE = 48
RERANK = 400
# A filter keeping at most this many passages is scored exactly over just those rows (5,000
# float16 rows: ~5 ms; numpy widens float16 slowly, 25,000 took 25-90 ms). A larger filter is
# searched inside the IVF index with NPROBE divided by the share it keeps (up to every list),
# so about as many allowed passages are scanned as an unfiltered search scans: a committee of
# 2.5% of a million passages, 1,920 lists, ~9 ms, the same top 10 as exact search over 200
# queries.
EXACT_SUBSET = 5_000


class VectorIndex:
    def __init__(self, index: faiss.Index, full: np.ndarray | None = None) -> None:
        self._index = index
        self._full = full  # float16 rows for exact re-ranking (approximate form only)

    @property
    def approximate(self) -> bool:
        return self._full is not None

    @classmethod
    def build(cls, vectors: np.ndarray) -> "VectorIndex":
        vectors = np.ascontiguousarray(vectors, dtype=np.float32)
        if len(vectors) >= ANN_FROM:
            return cls(train_ann(vectors), vectors.astype(np.float16))
        index = faiss.IndexFlatIP(vectors.shape[1])
        if len(vectors):
            index.add(vectors)
        return cls(index)

    @classmethod
    def load(cls, folder: Path) -> "VectorIndex":
        if (folder / ANN_FILE).exists():
            index = faiss.read_index(str(folder / ANN_FILE))
            index.nprobe = NPROBE
            return cls(index, np.load(folder / FULL_FILE, mmap_mode="r"))
        return cls(faiss.read_index(str(folder / FILENAME)))

    def save(self, folder: Path) -> None:
        if self._full is not None:
            faiss.write_index(self._index, str(folder / ANN_FILE))
            np.save(folder / FULL_FILE, self._full)
        else:
            faiss.write_index(self._index, str(folder / FILENAME))

    def __len__(self) -> int:
        return int(self._index.ntotal)

    @property
    def dimension(self) -> int:
        return int(self._index.d)

    def search(self, query: np.ndarray, k: int) -> tuple[np.ndarray, np.ndarray]:
        """(scores, row ids) of the k nearest rows, best first; ids are -1 past the end."""
        k = max(1, min(k, len(self)))
        if self._full is not None:
            ids, scores = self.nearest(query, k)
            return scores, ids
        scores, ids = self._index.search(_row(query), k)
        return scores[0], ids[0]

    def all_scores(self, query: np.ndarray) -> np.ndarray:
        """Cosine similarity of the query to every row (exact)."""
        if self._full is not None:
            return self.cosines(query, np.arange(len(self)))
        scores, ids = self._index.search(_row(query), len(self))
        out = np.full(len(self), -1.0, dtype=np.float32)
        valid = ids >= 0
        out[ids[valid]] = scores[valid]
        return out

    def cosines(self, query: np.ndarray, ids: np.ndarray) -> np.ndarray:
        """Exact cosine of the query to the given rows."""
        if not len(ids):
            return np.zeros(0, dtype=np.float32)
        if self._full is None:
            return self._index.reconstruct_batch(np.asarray(ids, dtype=np.int64)) @ query.astype(np.float32)
        rows = self._full[np.sort(ids)]  # sorted: the memory map is read in order
        back = np.argsort(np.argsort(ids))
        return (rows.astype(np.float32) @ query.astype(np.float32))[back]

    def nearest(self, query: np.ndarray, k: int, allowed: np.ndarray | None = None) -> tuple[np.ndarray, np.ndarray]:
        """(row ids, exact cosines) of the k best rows among `allowed` (a bool mask; None: all),
        best first. Flat form: exact over every allowed row. Approximate form: IVF candidates
        (RERANK of them, found inside the filter) re-ranked exactly."""
        n = len(self)
        if self._full is None:  # exact: faiss keeps the k best inside the filter (scores for all
            # N and a sort took ~80 ms at 100,000 passages)
            params = faiss.SearchParameters()
            if allowed is not None:
                bitmap = np.packbits(allowed, bitorder="little")  # must outlive the search
                params.sel = faiss.IDSelectorBitmap(n, faiss.swig_ptr(bitmap))
            scores, found = self._index.search(_row(query), max(1, min(k, n)), params=params)
            keep = found[0] >= 0
            return found[0][keep], scores[0][keep]
        count = n if allowed is None else int(allowed.sum())
        if count <= EXACT_SUBSET:
            ids = np.flatnonzero(allowed) if allowed is not None else np.arange(n)
        else:
            lists = int(faiss.extract_index_ivf(self._index).nlist)
            params = faiss.SearchParametersIVF(nprobe=min(lists, math.ceil(NPROBE * n / count)))
            if allowed is not None:
                bitmap = np.packbits(allowed, bitorder="little")  # must outlive the search
                params.sel = faiss.IDSelectorBitmap(n, faiss.swig_ptr(bitmap))
            _, found = self._index.search(_row(query), max(k, RERANK), params=params)
            ids = found[0][found[0] >= 0]
        scores = self.cosines(query, ids)
        order = np.argsort(-scores, kind="stable")[:k]
        return ids[order], scores[order]

    def vectors(self) -> np.ndarray:
        """Every stored vector, row by row (to reuse embeddings when rebuilding)."""
        if not len(self):
            return np.zeros((0, self.dimension), dtype=np.float32)
        if self._full is not None:
            return np.asarray(self._full, dtype=np.float32)
        return self._index.reconstruct_n(0, len(self))


def append_vectors(source: Path, target: Path, vectors: np.ndarray, retrain: bool = False) -> bool:
    """Write into `target` the dense index of `source` with `vectors` as its next rows;
    returns whether the approximate index was trained afresh. A flat index takes them as
    they are; an IVF index files them under the lists it was trained on (its float16 copy
    gains the rows), unless `retrain`, or unless the rows take a flat index past ANN_FROM:
    then the whole is built again, as `quire index` would."""
    index = VectorIndex.load(source)
    vectors = np.ascontiguousarray(vectors, dtype=np.float32)
    if retrain or (not index.approximate and len(index) + len(vectors) >= ANN_FROM):
        VectorIndex.build(np.vstack([index.vectors(), vectors])).save(target)
        return len(index) + len(vectors) >= ANN_FROM
    if len(vectors):
        index._index.add(vectors)
    if not index.approximate:
        index.save(target)
        return False
    faiss.write_index(index._index, str(target / ANN_FILE))
    append_rows(source / FULL_FILE, target / FULL_FILE, vectors.astype(np.float16))
    return False


def train_ann(vectors: np.ndarray) -> faiss.Index:
    """An IVF index with 8-bit scalar quantisation over `vectors`: ~4·√N lists (4,000 at a
    million), trained on a sample of 64 vectors a list (faiss's advice is 30–256)."""
    n, d = vectors.shape
    lists = max(1, int(4 * math.sqrt(n)))
    quantizer = faiss.IndexFlatIP(d)
    index = faiss.IndexIVFScalarQuantizer(quantizer, d, lists, faiss.ScalarQuantizer.QT_8bit,
                                          faiss.METRIC_INNER_PRODUCT)
    sample = vectors[np.random.default_rng(0).choice(n, size=min(n, lists * 64), replace=False)]
    index.train(sample)
    index.add(vectors)
    index.nprobe = NPROBE
    return index


def _row(query: np.ndarray) -> np.ndarray:
    return np.ascontiguousarray(query.reshape(1, -1), dtype=np.float32)
