"""Hybrid retrieval over an index folder: dense (FAISS) and keyword (FTS5 BM25) scores fused
(weighted, each scaled within the query), filtered, diversified across agenda items, with a
relevance floor.

A `Hit` is the one small typed result that flows from here to the CLI's JSON, the API and
the page.
"""
from __future__ import annotations

import functools
from pathlib import Path

import numpy as np

from indexer.passages.abbreviations import bracketed
from indexer.store.embedder import Embedder, RecentQueries, load_embedder
from indexer.errors import BadQuery, IndexMissing
from indexer.store.manifest import require_manifest
from indexer.store.database import Store, citation_from_json
from indexer.store.features import UNDATED, PassageFeatures, day_number
from indexer.store.postings import Postings
from indexer.store.sentences import SentenceIndex
from indexer.store.vectors import VectorIndex

from api.search.floor import TAIL_FLOOR, answerable, coverage
from api.search.fusion import LONG_QUERY_WORDS, SUBSTANCE_WORDS, W_COVERAGE, W_MEETING, fuse
from api.search.hits import Copy, Filters, Hit, SearchResult  # noqa: F401 - re-exported: callers import them from here
from api.search.listing import LONG_ITEM, diversify, first_copies, fold_copies
from api.search.query import MAX_K, ParsedQuery, named_committees, parse_query, validate_query, with_variants
from api.search.within import reorder_within_items
from api.search.widening import ALIAS_BLEND, aliases, written_otherwise

MAX_TOTAL = 1000  # results a query can page through or export; `total` is capped here
CANDIDATES = 200  # keyword hits read per query: deeper than any page of results needs
# Dense candidates of an index scored by candidates (postings.CANDIDATES_FROM passages or more);
# a smaller one makes every passage one.
DENSE_CANDIDATES = 400
MAX_COPIES = 5  # "also in" places listed under one hit

# An abbreviation in more than this share of passages ("KCC", "MTFP" in Kent's papers; none in
# the seeds) is not spelt out in the embedded query. Our own 15 Kent questions: answer@1 0.53 →
# 0.60, @5 0.80 → 0.87; every share from 1% to 10% scores the same, no dev figure moves, and the
# top of that range spells out the most ("CLA" passes 5% in the public seed papers).
EVERYDAY_SHARE = 0.1


class Searcher:
    """Loads an index folder once; `search` is then cheap and thread-safe."""

    def __init__(self, folder: Path, embedder: Embedder | None = None, query_cache: int = 4096) -> None:
        self.folder = folder
        self.manifest = require_manifest(folder)
        self.store = Store(folder)
        self.vectors = VectorIndex.load(folder)
        self.sentences = SentenceIndex.load(folder)  # None for an index built before they were kept
        # recent questions' vectors (QUIRE_QUERY_CACHE; 0: the model runs for every query)
        model = embedder or load_embedder(self.manifest["model"])
        self.embedder = RecentQueries(model, query_cache) if query_cache else model
        features = PassageFeatures.load(folder)
        if features is None:
            raise IndexMissing(f"{folder} has no passage features; rebuild it with 'quire index'")
        self.features = features
        # A large index (postings.CANDIDATES_FROM passages or more) keeps its own keyword
        # postings and is scored by candidates only; FTS5 still serves its phrase and exact
        # searches, and every search of a small index, which scores every passage.
        self.postings = Postings.load(folder)
        if self.vectors.approximate and self.postings is None:
            raise IndexMissing(f"{folder} has no keyword postings; rebuild it with 'quire index'")
        self._exempt = np.asarray(features.exempt, dtype=bool)
        self._committee = np.asarray(features.committee)  # codes into features.committees
        self._committee_lower = [c.lower() for c in features.committees]
        self._date = np.asarray(features.date)  # days since 1970; UNDATED
        self._kind = np.asarray(features.kind)
        self._kind_code = {k: i for i, k in enumerate(features.kinds)}
        self._item = np.asarray(features.item)  # codes into features.item_ids
        self._question = np.asarray(features.question)  # which question of a questions-and-answers item
        self._document = np.asarray(features.document)  # which paper of its item (0: not known)
        self._long_item = np.bincount(self._item, minlength=len(features.item_ids)) >= LONG_ITEM
        self._item_code = {iid: i for i, iid in enumerate(features.item_ids)}
        self._near_copy = np.asarray(features.near_copy)
        self._same_text = np.asarray(features.same_text)
        self._resolution = np.asarray(features.resolution, dtype=np.float32)
        agenda = self._kind == self._kind_code.get("agenda", -1)
        self._substance = np.where(agenda | (self._resolution > 0), 1.0,
                                   np.minimum(1.0, np.asarray(features.words) / SUBSTANCE_WORDS))
        self._abbreviations = {False: self.store.abbreviations(), True: self.store.abbreviations(include_exempt=True)}
        self.everyday = self._everyday_abbreviations()
        self.committees = sorted(c for c in features.committees if c)

    def sentences_of(self, hit: Hit) -> list[tuple[str, np.ndarray]] | None:
        """(sentence, vector) of a hit's passage as embedded at index time; None when the
        index has none (the answer then embeds them itself)."""
        if self.sentences is None:
            return None
        row = self.store.query("SELECT vec_id FROM passages WHERE passage_id = ?", (hit.passage_id,))
        return self.sentences.of(row[0][0]) if row else None

    def close(self) -> None:
        self.store.close()

    def _everyday_abbreviations(self) -> dict[bool, frozenset[str]]:
        """Per view (exempt shown or not), the abbreviations found in more than EVERYDAY_SHARE
        of the passages that view can see ("KCC" in Kent's papers): they say whose papers, not
        what about. The counts were taken when the index was built."""
        public = int((~self._exempt).sum())
        shares: dict[bool, dict[str, float]] = {False: {}, True: {}}
        for short, (passages, public_passages) in self.store.abbreviation_counts().items():
            shares[True][short] = passages / max(1, len(self._exempt))
            shares[False][short] = public_passages / max(1, public)
        return {view: frozenset(short for short in self._abbreviations[view] if shares[view].get(short, 0.0) > EVERYDAY_SHARE)
                for view in (False, True)}

    def mask(self, filters: Filters) -> np.ndarray:
        keep = np.ones(len(self._exempt), dtype=bool)
        if not filters.include_exempt:
            keep &= ~self._exempt
        if filters.committee:
            keep &= np.isin(self._committee, [i for i, c in enumerate(self._committee_lower) if c == filters.committee.lower()])
        if filters.kind:
            keep &= self._kind == self._kind_code.get(filters.kind, -1)
        if filters.date_from:
            keep &= self._date >= day_number(filters.date_from.isoformat())
        if filters.date_to:
            keep &= (self._date <= day_number(filters.date_to.isoformat())) & (self._date != UNDATED)
        if filters.within is not None:
            keep &= np.isin(np.arange(len(keep)), np.fromiter(filters.within, dtype=np.int64))
        return keep

    def search(self, query: str, k: int = 10, filters: Filters | None = None, offset: int = 0,
               newest: bool = False, max_k: int = MAX_K) -> SearchResult:
        """Results offset+1..offset+k (newest meeting first, then by rank, if asked) and `total`,
        up to MAX_TOTAL. A later page slices the first offset+k, so page one never changes.
        An export asks for everything (k up to max_k = MAX_TOTAL)."""
        filters = filters or Filters()
        table, everyday = self._abbreviations[filters.include_exempt], self.everyday[filters.include_exempt]
        parsed = validate_query(query, k if k > max_k else min(k, MAX_K), table, filters.exact, everyday)
        if not (0 <= offset and offset + k <= MAX_TOTAL):
            raise BadQuery(f"offset + k must be at most {MAX_TOTAL}")
        keep = self.mask(filters)
        if not keep.any():
            return SearchResult(query=parsed.text, terms=parsed.terms)
        parsed = self._as_written(parsed, keep)
        query_vector = self.embedder.encode([parsed.semantic_text])[0]
        scores, candidates, cosine, keyword, dense_ids = self._rank(parsed, keep, query_vector=query_vector)
        also = aliases(parsed, self._bracketed(candidates[0]), table, everyday) if candidates else []
        terms = parsed.terms
        if also:
            wider = self._as_written(parse_query(f"{parsed.text} {' '.join(also)}", table, False, everyday), keep)
            wider_scores, wider_candidates, _, _, _ = self._rank(wider, keep, dense_ids)
            # blended where either reading keeps a candidate (only those are read below; over
            # every row this cost ~10 ms at a million passages); a passage only one reading
            # scored (a large index's candidates differ) keeps that score
            union = np.fromiter(set(candidates) | set(wider_candidates), dtype=np.int64)
            one, other = scores[union], wider_scores[union]
            scores[union] = np.where(np.isfinite(one) & np.isfinite(other), (1 - ALIAS_BLEND) * one + ALIAS_BLEND * other,
                                     np.where(np.isfinite(one), one, other))
            candidates = sorted(union.tolist(), key=lambda i: -scores[i])
            terms = wider.terms
        if self.sentences is not None and candidates:
            candidates = reorder_within_items(candidates, scores, self._item,
                                              lambda ids: self.sentences.best_cosines(query_vector, ids))
        unique = first_copies(candidates, self._same_text)
        distinct, copies = fold_copies(unique, self._near_copy)
        def page(size: int) -> list[int]:
            return diversify(distinct, self._item, size, question_of=self._question, document_of=self._document,
                             long_item=self._long_item)
        first = page(k)  # page one, as it has always been ranked
        shown = set(first)
        ranked = first + [i for i in page(len(distinct)) if i not in shown]
        total = min(MAX_TOTAL, len(ranked))
        rank_of = {i: r + 1 for r, i in enumerate(ranked)}
        if newest:  # stable: rank order within a date
            ranked = sorted(ranked, key=lambda i: int(self._date[i]), reverse=True)
        order = ranked[offset:offset + k]
        folded = {i: copies.get(i, [])[:MAX_COPIES] for i in order}
        rows = self.store.passages(order + [j for js in folded.values() for j in js])
        hits = [Hit(rank=rank_of[i], score=float(scores[i]), passage_id=rows[i]["passage_id"], text=rows[i]["text"],
                    citation=citation_from_json(rows[i]["citation"]), item_id=rows[i]["item_id"],
                    meeting_id=rows[i]["meeting_id"], dense=float(cosine[i]), keyword=keyword.get(i, 0.0),
                    copies=[Copy(rows[j]["passage_id"], rows[j]["item_id"], citation_from_json(rows[j]["citation"]))
                            for j in folded[i]])
                for i in order]
        return SearchResult(query=parsed.text, hits=hits, terms=terms, total=total, offset=offset,
                            also_searched=[f"{short} ({table[short]})" for short in also])

    def _rank(self, parsed: ParsedQuery, keep: np.ndarray, dense_ids: np.ndarray | None = None,
              query_vector: np.ndarray | None = None) -> tuple[np.ndarray, list[int], np.ndarray, dict[int, float], np.ndarray]:
        """(every passage's score, -inf where not a candidate; the candidates above the
        relevance floor best first; dense cosines; keyword scores; the dense leg's candidates)
        for one reading of the query. Only candidates are scored: every visible passage for a
        flat index, the dense leg's nearest DENSE_CANDIDATES (found inside the filter) and the
        keyword leg's hits for a large one. A second reading of the same query (the papers' own
        abbreviations added) passes the first's `dense_ids`: its vector differs by a few words,
        so it re-scores the same neighbours exactly instead of probing the index again (~12 ms
        of a million-passage search), and its own keyword hits still join the pool."""
        if query_vector is None:
            query_vector = self.embedder.encode([parsed.semantic_text])[0]
        keyword = self._keyword(parsed, keep)
        n = len(keep)
        if self.postings is not None:
            if dense_ids is None:
                dense_ids, _ = self.vectors.nearest(query_vector, DENSE_CANDIDATES, None if keep.all() else keep)
            pool = np.union1d(dense_ids, np.fromiter(keyword, dtype=np.int64, count=len(keyword)))
            cosine = np.full(n, -1.0, dtype=np.float32)
            cosine[pool] = self.vectors.cosines(query_vector, pool)
        else:
            cosine = self.vectors.all_scores(query_vector)
            pool = dense_ids = np.flatnonzero(keep)
        long_question = len(parsed.own_terms) >= LONG_QUERY_WORDS
        scores = np.full(n, -np.inf)
        if len(pool):
            agenda = self._kind[pool] == self._kind_code.get("agenda", -1)
            kw = np.array([keyword.get(int(i), 0.0) for i in pool], dtype=np.float32)
            scores[pool] = fuse(cosine[pool], kw, self._item_keyword(parsed, pool, keyword), agenda, self._substance[pool],
                                self._resolution[pool], long_question, parsed.asks_decision) \
                + W_MEETING * self._named_meeting(parsed, pool)
        order = pool[np.argsort(-scores[pool], kind="stable")[:CANDIDATES * 2]]
        candidates = [int(i) for i in order]
        if parsed.phrases or parsed.exact:
            candidates = [i for i in candidates if i in keyword]
        candidates, covered = self._above_floor(parsed, candidates, cosine, keyword, keep)
        for i in candidates:
            scores[i] += W_COVERAGE * covered.get(i, 0.0)
        candidates.sort(key=lambda i: -scores[i])
        return scores, candidates, cosine, keyword, dense_ids

    def _bracketed(self, vec_id: int) -> list[str]:
        """The defined abbreviations a passage writes in brackets (the public table is a subset)."""
        row = self.store.query("SELECT text FROM passages WHERE vec_id = ?", (vec_id,))
        return bracketed(row[0][0], self._abbreviations[True]) if row else []

    def _as_written(self, parsed: ParsedQuery, keep: np.ndarray) -> ParsedQuery:
        """The query also matching typed words as the visible papers write them (widening.py)."""
        def seen(term: str) -> bool:
            word = self.postings.word(term) if self.postings else None
            if word is not None:
                return bool(keep[self.postings.rows(word)].any())
            return any(keep[i] for i in self.store.term_rows(term))
        return with_variants(parsed, written_otherwise(parsed, seen))

    def _keyword(self, parsed: ParsedQuery, keep: np.ndarray) -> dict[int, float]:
        """vec_id → BM25 of the keyword leg's best hits among the passages `keep` allows. A
        large index scores one-word terms from its postings (inside the filter, so a filtered
        query keeps its hits) and asks FTS5 only for phrases: a spelt-out abbreviation, a
        split word; the scores add up as FTS5's own for an OR query do."""
        if not parsed.match:
            return {}
        if self.postings is None or parsed.exact or parsed.phrases:
            return {i: s for i, s in self.store.keyword(parsed.match, CANDIDATES * 3) if keep[i]}
        words = [self.postings.word(t) for t in parsed.terms]
        found = dict(self.postings.top([w for w in words if w], CANDIDATES * 3, None if keep.all() else keep))
        for term in (t for t, w in zip(parsed.terms, words, strict=True) if w is None):
            for i, s in self.store.keyword('"' + term.replace('"', "") + '"', CANDIDATES * 3):
                if keep[i]:
                    found[i] = found.get(i, 0.0) + s
        return found

    @functools.lru_cache(maxsize=4096)
    def _term_count(self, term: str) -> int:
        word = self.postings.word(term) if self.postings else None
        return self.postings.count(word) if word is not None else self.store.term_count(term)

    def _item_keyword(self, parsed: ParsedQuery, pool: np.ndarray, keyword: dict[int, float]) -> np.ndarray:
        """Per pooled passage: the BM25 score of its whole item (0 where the item does not match).
        A large index does not score whole items (at a million passages the item index's BM25
        over every matching item took ~3 s a query): an item's evidence is then the sum of its
        keyword hits' scores among the candidates."""
        by_item = np.zeros(len(self._item_code) + 1, dtype=np.float32)
        if self.postings is not None:
            hits = np.array([keyword.get(int(i), 0.0) for i in pool])
            by_item[:] = np.bincount(self._item[pool], weights=hits, minlength=len(by_item))[:len(by_item)]
        elif parsed.match:
            for item, score in self.store.item_keyword(parsed.match).items():
                by_item[self._item_code.get(item, -1)] = score  # -1: the spare last slot
        return by_item[self._item[pool]]

    def _named_meeting(self, parsed: ParsedQuery, pool: np.ndarray) -> np.ndarray:
        """Per pooled passage: 1 for passages of a meeting whose date (and committee, if one is
        named) the query gives; 0.5 for a named committee's other meetings; else 0."""
        committees = {c.lower() for c in named_committees(parsed.text, self.committees)}
        codes = [i for i, c in enumerate(self._committee_lower) if c in committees]
        by_committee = np.isin(self._committee[pool], codes)
        if not parsed.dates:
            return by_committee * 0.5
        days = self._date[pool]
        iso = np.where(days == UNDATED, "", (np.datetime64("1970-01-01") + days.astype("timedelta64[D]")).astype(str))
        by_date = np.array([any(p in d for p in parsed.dates) if d else False for d in iso], dtype=bool)
        return (by_date & (by_committee if committees else True)).astype(np.float32)

    def _above_floor(self, parsed: ParsedQuery, candidates: list[int], cosine: np.ndarray,
                     keyword: dict[int, float], keep: np.ndarray) -> tuple[list[int], dict[int, float]]:
        """(candidates without the weak tail, their term coverage); no candidates when the
        query is not answerable (see floor.py). Word rarity counts visible passages only, so
        hidden material cannot change what a reader is told."""
        if self.postings is not None:
            # a large index: each word's count among all passages (not just the visible ones:
            # a million-passage archive's few Part II papers barely move a word's rarity), and
            # only the keyword hits' membership, not every posting of a common word
            among = np.fromiter(keyword, dtype=np.int64, count=len(keyword))
            df = {t: max(self._term_count(form) for form in [t, *parsed.variants.get(t, [])]) for t in parsed.own_terms}
            hits = {t: {i for form in [t, *parsed.variants.get(t, [])] for i in self.postings.holding(form, among).tolist()}
                    for t in parsed.own_terms}
            covered = coverage(hits, int(keep.sum()), keyword, df) if keyword else {}
        else:
            hits = {t: {i for form in [t, *parsed.variants.get(t, [])] for i in self.store.term_hits(form) if keep[i]}
                    for t in parsed.own_terms}
            covered = coverage(hits, int(keep.sum()), keyword) if keyword else {}
        best_cosine = max((float(cosine[i]) for i in candidates), default=0.0)
        if not answerable(best_cosine, max(covered.values(), default=0.0)):
            return [], covered
        return [i for i in candidates if i in keyword or cosine[i] >= TAIL_FLOOR], covered

