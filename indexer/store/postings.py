"""A large index's keyword postings, memory-mapped: every word's passages with its counts, so
the keyword leg ranks a million passages in a few milliseconds.

FTS5 ranks by BM25 only after scoring every passage a word matches (~55 ms a query at a
million passages, most of a search's budget), and each word count or membership test is
another scan. Here a word's postings are one contiguous slice of arrays on disk, so a word's
BM25 over all its passages is a few vector operations, its passage count a subtraction, and
"which of these candidates hold it" a sorted search. Built for indexes of CANDIDATES_FROM
passages or more, which a search then scores by candidates only (engine.py); smaller ones
are served by FTS5 alone, every passage scored.

Words are split and stemmed as the FTS5 table's tokenizer does ('porter unicode61
remove_diacritics 2'): letters and digits, lower case, accents dropped, Porter stems, words
under three letters unstemmed. The scores are FTS5's bm25(passages_fts, 1.0, 0.35) to within
those tokenizers' few differences (on Kent's 7,822 stems, 13 differ).

Files in `postings/`: `terms.txt` (one stem a line, sorted), `offsets.npy` (int64, a word's
slice), `docs.npy` (int32 passage rows, ascending within a word) and `impacts.npy` (float32:
BM25's term-frequency part for the word in that passage, computed once at index time, so a
query's cost is one multiply by the word's rarity; 8 bytes a posting in all: 490 MB at a
million passages, memory-mapped).
"""
from __future__ import annotations

import functools
import re
import unicodedata
from array import array
from collections.abc import Sequence
from pathlib import Path

import numpy as np
import snowballstemmer

FOLDER = "postings"
ADDED = "postings/added"  # passages `quire add` appended since the postings were built
# From this size a search scores candidates (the dense leg's nearest, the postings' best
# keyword hits) instead of every passage. Measured with bench_scale.py (README, "Scale"):
# scoring every passage, search p50/p95 was 54/110 ms at 10,000 passages, 118/418 at
# 50,000 and 239/722 at 100,000 (FTS5 BM25 over every matching item and passage, and every
# posting of each word read for coverage); by candidates, 100,000 passages took 32/60 ms.
# Kent (4,950) and the seeds stay far below it, so their figures do not move.
CANDIDATES_FROM = 20_000
CONTEXT_WEIGHT = 0.35  # the context line's weight, as in Store.keyword's bm25(passages_fts, 1.0, 0.35)
K1, B = 1.2, 0.75  # FTS5's bm25 constants
_TOKEN = re.compile(r"[^\W_]+")
_STEMMER = snowballstemmer.stemmer("porter")


@functools.lru_cache(maxsize=200_000)
def stem(word: str) -> str:
    if len(word) < 3:
        return word
    out = _STEMMER.stemWord(word)
    # SQLite's Porter step 2 also maps "-logi" to "-log" and "-bli" to "-ble" (then "-bl")
    return out[:-1] if out.endswith(("logi", "bli")) else out


def used_at(n: int) -> bool:
    """Whether an index of n passages keeps postings and is searched by candidates."""
    return n >= CANDIDATES_FROM


def tokens(text: str) -> list[str]:
    """The stems of a text, in order, as the keyword index splits it."""
    text = text.lower()
    if not text.isascii():
        text = "".join(c for c in unicodedata.normalize("NFKD", text) if not unicodedata.combining(c))
    return [stem(w) for w in _TOKEN.findall(text)]


class Postings:
    def __init__(self, terms: list[str], offsets: np.ndarray, docs: np.ndarray, impacts: np.ndarray, rows: int,
                 avgdl: float | None = None, added: "Postings | None" = None) -> None:
        self._term = {t: i for i, t in enumerate(terms)}
        self.terms = terms
        self.offsets, self.docs, self.impacts, self._rows = offsets, docs, impacts, rows
        self.avgdl = avgdl  # mean words a passage (text + context); None in an index built before it was kept
        # Passages `quire add` put after these rows, in a segment of their own (`added/`),
        # scored as one with these: a word's passages are both segments' rows, its rarity
        # counts both.
        self.added = added

    def __len__(self) -> int:
        return self._rows + (len(self.added) if self.added is not None else 0)

    @property
    def built_rows(self) -> int:
        """Rows the postings were built over at once, before any added segment."""
        return self._rows

    @classmethod
    def build(cls, texts: Sequence[str], contexts: Sequence[str], first_row: int = 0,
              avgdl: float | None = None) -> "Postings":
        """Postings of every passage's text and context line (row first_row + i is passage i).
        At a million passages: ~60 s, most of it splitting words in Python. A segment of
        added passages takes the length it normalises by (`avgdl`) from the passages before
        it, so their scores stay comparable."""
        vocabulary: dict[str, int] = {}
        n = len(texts)
        ids, docs, lengths = [], [], np.zeros(n, dtype=np.int32)
        for column in (texts, contexts):
            found, counts = array("i"), np.zeros(n, dtype=np.int64)
            for row, text in enumerate(column):
                stems = tokens(text or "")
                found.extend(vocabulary.setdefault(s, len(vocabulary)) for s in stems)
                counts[row] = len(stems)
            lengths += counts.astype(np.int32)
            ids.append(np.frombuffer(found, dtype=np.int32))
            docs.append(np.repeat(np.arange(n, dtype=np.int64), counts))
        terms = sorted(vocabulary)  # words numbered in sorted order, as terms.txt lists them
        rank = np.empty(len(vocabulary), dtype=np.int64)
        rank[[vocabulary[t] for t in terms]] = np.arange(len(terms))
        # one sort of (word, passage, column) keys gives each word's passages in order and the
        # counts in each column
        key = np.concatenate([(rank[i] * max(1, n) + d) * 2 + c for c, (i, d) in enumerate(zip(ids, docs, strict=True))])
        del ids, docs
        unique, count = np.unique(key, return_counts=True)
        del key
        pair, column = unique // 2, unique % 2
        first = np.concatenate([[True], pair[1:] != pair[:-1]])
        at = np.cumsum(first) - 1
        tf = np.zeros(int(first.sum()), dtype=np.float32)
        in_text = column == 0  # a passage's text and context counts: at most one of each
        tf[at[in_text]] = count[in_text]
        tf[at[~in_text]] += CONTEXT_WEIGHT * count[~in_text]
        pair = pair[first]
        word, doc = pair // max(1, n), (pair % max(1, n)).astype(np.int32)
        offsets = np.searchsorted(word, np.arange(len(terms) + 1)).astype(np.int64)
        avgdl = avgdl or (float(lengths.mean()) if n else 1.0)
        norm = K1 * (1 - B + B * lengths[doc].astype(np.float32) / avgdl)
        return cls(terms, offsets, (doc + first_row).astype(np.int32), (tf * (K1 + 1) / (tf + norm)).astype(np.float32),
                   n, avgdl)

    def save(self, folder: Path, segment: str = FOLDER) -> None:
        """Into `postings/` of the index folder; a segment of added passages into `postings/added/`."""
        out = folder / segment
        out.mkdir(parents=True, exist_ok=True)
        (out / "terms.txt").write_text("".join(t + "\n" for t in self.terms), encoding="utf-8")
        for name in ("offsets", "docs", "impacts"):
            np.save(out / f"{name}.npy", getattr(self, name))
        (out / "rows").write_text(str(self._rows), encoding="utf-8")
        if self.avgdl is not None:
            (out / "avgdl").write_text(repr(self.avgdl), encoding="utf-8")

    @classmethod
    def load(cls, folder: Path, segment: str = FOLDER) -> "Postings | None":
        """The folder's postings, memory-mapped; None where the index has none (a small one)."""
        where = folder / segment
        if not (where / "terms.txt").exists():
            return None
        terms = (where / "terms.txt").read_text(encoding="utf-8").splitlines()
        arrays = {name: np.load(where / f"{name}.npy", mmap_mode="r") for name in ("offsets", "docs", "impacts")}
        avgdl = float((where / "avgdl").read_text(encoding="utf-8")) if (where / "avgdl").exists() else None
        added = cls.load(folder, ADDED) if segment == FOLDER else None
        return cls(terms, **arrays, rows=int((where / "rows").read_text(encoding="utf-8")), avgdl=avgdl, added=added)

    def word(self, term: str) -> str | None:
        """The stem a one-word term is indexed under; None for a phrase ("liquid logic")."""
        stems = tokens(term)
        return stems[0] if len(stems) == 1 else None

    def _slice(self, stem_: str) -> slice:
        i = self._term.get(stem_)
        return slice(0, 0) if i is None else slice(int(self.offsets[i]), int(self.offsets[i + 1]))

    def _postings(self, stem_: str) -> tuple[np.ndarray, np.ndarray]:
        """(rows, impacts) of the stem in this segment and the added one, rows ascending."""
        s = self._slice(stem_)
        docs, impacts = np.asarray(self.docs[s]), np.asarray(self.impacts[s])
        if self.added is None:
            return docs, impacts
        more_docs, more_impacts = self.added._postings(stem_)
        return np.concatenate([docs, more_docs]), np.concatenate([impacts, more_impacts])

    def rows(self, stem_: str) -> np.ndarray:
        """Passage rows holding the stem, ascending."""
        return self._postings(stem_)[0] if self.added is not None else np.asarray(self.docs[self._slice(stem_)])

    def count(self, stem_: str) -> int:
        s = self._slice(stem_)
        return s.stop - s.start + (self.added.count(stem_) if self.added is not None else 0)

    def among(self, stem_: str, rows: np.ndarray) -> np.ndarray:
        """Of `rows`, those holding the stem."""
        held = self.rows(stem_)
        if not len(held) or not len(rows):
            return np.zeros(0, dtype=np.int64)
        at = np.minimum(np.searchsorted(held, rows), len(held) - 1)
        return rows[held[at] == rows]

    def holding(self, term: str, rows: np.ndarray) -> np.ndarray:
        """Of `rows`, those holding every word of a term: for a phrase ("liquid logic") its
        words anywhere in the passage, which is near enough for word coverage (FTS5 tested
        each of 600 candidates for the phrase at ~80 ms a query; searches that need the words
        in order, quoted phrases and exact mode, still go to FTS5)."""
        for stem_ in dict.fromkeys(tokens(term)):
            rows = self.among(stem_, rows)
        return rows

    def bm25(self, stem_: str) -> tuple[np.ndarray, np.ndarray]:
        """(rows holding the stem, each one's BM25 share for it), FTS5's formula."""
        docs, impacts = self._postings(stem_)
        hit = len(docs)
        idf = float(np.log((len(self) - hit + 0.5) / (hit + 0.5))) if hit else 0.0
        return docs, np.float32(idf if idf > 0 else 1e-6) * impacts

    def top(self, stems: Sequence[str], limit: int, keep: np.ndarray | None = None) -> list[tuple[int, float]]:
        """(row, BM25 of the stems together: FTS5's score for an OR query) of the `limit` best
        rows that `keep` allows (None: all), best first. Summed in one array of every row: at a
        million passages a zeroed array and a partial sort cost ~5 ms, less than merging lists."""
        total = np.zeros(len(self), dtype=np.float32)
        for s in dict.fromkeys(stems):
            docs, scores = self.bm25(s)
            if keep is not None:
                allowed = keep[docs]
                docs, scores = docs[allowed], scores[allowed]
            total[docs] += scores
        hit = int(np.count_nonzero(total))
        if not hit:
            return []
        limit = min(limit, hit)
        best = np.argpartition(-total, limit - 1)[:limit]
        best = best[np.argsort(-total[best], kind="stable")]
        return list(zip(best.tolist(), total[best].astype(float).tolist(), strict=True))
