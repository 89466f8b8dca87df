"""`quire add`: whole new meetings into an existing index, without rebuilding it.

A council's archive grows a meeting at a time; rebuilding a million-passage index for each
one would take a quarter of an hour. Adding reads, segments and embeds only the new papers
and puts their passages after the last ones: rows appended to the dense index (filed under
the approximate index's trained lists), to the sentence vectors and to the passage features,
rows inserted into the database and its keyword indexes, a keyword postings segment of its
own for the added passages. The new index is written into a fresh folder of hard links and
copies and swapped in (append.py, swap.py), so the index in service is never half-changed.

What adding does not do, and `quire index` does: a meeting already in the index is refused
(its papers change what is already placed and cited); a new passage's near copy of an older
meeting's passage is not folded under it; older meetings' commitments are not re-linked to
decisions the new meeting makes, and the new meeting's commitments are not linked to
meetings already held. The approximate index's lists stay as trained until the rows added
since reach DRIFT_SHARE of those it was trained on; then they are trained again, and the
summary says so.
"""
from __future__ import annotations

import hashlib
import shutil
import time
from dataclasses import dataclass, field
from pathlib import Path

from indexer.build import (BuildSummary, annotate, cache_root, cited_passages, described, embed_cached,
                           embedded_sentences, features_of)
from indexer.config import Settings
from indexer.errors import AlreadyIndexed, IndexMissing, NothingIndexed
from indexer.models import Section, SourceDocument
from indexer.passages.abbreviations import learn
from indexer.passages.chunking import Chunker
from indexer.passages.citations import canonical_titles, section_meeting_id
from indexer.progress import Progress
from indexer.read.doccache import DocumentCache
from indexer.read.inputs import read_inputs
from indexer.read.metadata import load_manifests
from indexer.records.numbers import decision_refs
from indexer.records.promises import promise_records
from indexer.store.append import link_tree
from indexer.store.database import FILENAME as DATABASE
from indexer.store.database import Store, append_database
from indexer.store.embedder import Embedder, load_embedder, set_threads
from indexer.store.features import FOLDER as FEATURES
from indexer.store.features import PassageFeatures
from indexer.store.lock import writing
from indexer.store.manifest import FILENAME as MANIFEST
from indexer.store.manifest import require_manifest, write_manifest
from indexer.store.postings import ADDED, Postings, used_at
from indexer.store.postings import FOLDER as POSTINGS
from indexer.store.sentences import STARTS, VECTORS
from indexer.store.swap import replace_folder
from indexer.structure.corpus import segment_corpus
from indexer.store.vectors import ANN_FILE, FILENAME as FLAT_FILE, FULL_FILE, append_vectors

# Rows added since the approximate index was trained, as a share of the rows it was trained
# on, past which its lists are trained again (and the keyword postings merged into one
# segment). scripts/bench_add.py --drift (README, "Scale") appends 5-40% of rows from topics
# the lists never saw: recall@10 stayed 0.997-0.998 (fresh training 1.000) at every share, but
# a probe's time grew from 0.12 ms to 0.25 ms at 20% and 0.30 ms at 40% as the lists filled
# unevenly. Synthetic topics drift less than a real archive may, so 20% is a margin chosen
# below where the cost started to climb, not a measured cliff.
DRIFT_SHARE = 0.2
# Files a new index gets afresh rather than as links to the old one's.
_REWRITTEN = (DATABASE, MANIFEST, FLAT_FILE, ANN_FILE, FULL_FILE, VECTORS, STARTS, FEATURES, ADDED)


@dataclass
class AddSummary(BuildSummary):
    added_meetings: list[str] = field(default_factory=list)
    already_indexed: list[str] = field(default_factory=list)  # files whose bytes the index holds
    added_passages: int = 0
    total_passages: int = 0
    trained_on: int = 0  # rows the approximate index's lists were trained on (0: exact index)
    retrained: bool = False
    postings_merged: bool = False


def add_meetings(paths: list[Path], target: Path, settings: Settings, embedder: Embedder | None = None,
                 progress: Progress | None = None, retrain: bool = False) -> AddSummary:
    """Add the papers under `paths`, whole meetings the index does not hold, to the index in
    `target`. `retrain`: train the approximate index's lists again now."""
    started = time.monotonic()
    manifest = require_manifest(target)
    with writing(target):
        manifest = require_manifest(target)  # as it is now that nobody else is writing
        embedder = embedder or load_embedder(manifest["model"])
        if embedder.name != manifest["model"]:
            raise IndexMissing(f"{target} was built with the model {manifest['model']!r}, not {embedder.name!r}; "
                               "add to it with that model, or rebuild it with 'quire index'")
        set_threads(settings.torch_threads)
        chunking = manifest.get("chunking") or {}
        settings = settings.model_copy(update={k: chunking[k] for k in ("max_tokens", "overlap_tokens", "embed_context")
                                               if k in chunking})
        return _add(paths, target, settings, manifest, embedder, progress or Progress(enabled=False), retrain, started)


def _add(paths: list[Path], target: Path, settings: Settings, manifest: dict, embedder: Embedder,
         progress: Progress, retrain: bool, started: float) -> AddSummary:
    summary = AddSummary()
    store = Store(target)
    try:
        held = {r[0] for r in store.query("SELECT sha256 FROM documents")}
        documents, read_inputs_ = _read_new(paths, manifest, target, settings, held, progress, summary)
        meetings = sorted({section_meeting_id(d, s) for d, secs in documents for s in secs})
        marks = ",".join("?" * len(meetings))
        clash = [r[0] for r in store.query(f"SELECT meeting_id FROM meetings WHERE meeting_id IN ({marks})", meetings)]
        if clash:
            raise AlreadyIndexed(f"the index already holds the meeting {clash[0]}" + (
                f" (and {len(clash) - 1} more)" if len(clash) > 1 else "") + "; papers of a meeting it holds go in "
                f"with 'quire index {' '.join(map(str, paths))} --index {target}', which rebuilds it")
        stored = {"public": store.abbreviations(), "all": store.abbreviations(include_exempt=True)}
        before = int(store.query("SELECT count(*) FROM passages")[0][0])
    finally:
        store.close()
    summary.added_meetings = meetings
    # Definitions the index already holds win: its passages were written with them.
    learnt = {"public": learn(s.text() for _, secs in documents for s in secs if not s.exempt),
              "all": learn(s.text() for _, secs in documents for s in secs)}
    tables = {view: {**learnt[view], **stored[view]} for view in ("public", "all")}
    titles = canonical_titles((section_meeting_id(d, s), s) for d, secs in documents for s in secs)
    chunker = Chunker(embedder.count_tokens, settings.max_tokens, settings.overlap_tokens)
    passages, rows, records = cited_passages(documents, chunker, settings, embedder.name, tables, titles)
    summary.added_passages = len(passages)
    records["decisions"], records["commitments"] = promise_records(documents, titles)
    records["decision_refs"] = decision_refs(documents)
    records["abbreviations"] = [{"short": k, "long": v, "public": int(learnt["public"].get(k) == v)}
                                for k, v in sorted(learnt["all"].items()) if k not in stored["all"]]
    vectors = embed_cached([p.embedding_text() for p in passages], [r["embed_hash"] for r in rows], embedder, target,
                           settings, progress, summary)
    sentences = embedded_sentences(passages, embedder, target, settings, progress, summary)

    trained_on = int(manifest.get("ann_trained_on") or before)
    work = target.with_name(f".{target.name}.adding")
    shutil.rmtree(work, ignore_errors=True)
    try:
        link_tree(target, work, leave_out=_REWRITTEN)
        shutil.copyfile(target / DATABASE, work / DATABASE)
        append_database(work / DATABASE, records, passages, rows)
        total = before + len(passages)
        approximate = (target / ANN_FILE).exists()
        drifted = approximate and total - trained_on > DRIFT_SHARE * trained_on
        summary.retrained = append_vectors(target, work, vectors, retrain=retrain or drifted)
        if summary.retrained or not approximate:
            trained_on = total if summary.retrained else 0
        if (target / VECTORS).exists():
            sentences.append_to(target, work)
        features = PassageFeatures.load(target)
        if features is None:
            raise IndexMissing(f"{target} has no passage features; rebuild it with 'quire index'")
        features.then(features_of(passages, rows)).save(work)
        summary.postings_merged = _postings(target, work, total, summary.retrained)
        _summarise(work, summary, trained_on, started)
        write_manifest(work, _manifest(manifest, summary, read_inputs_, paths, trained_on))
        replace_folder(work, target)
    finally:
        shutil.rmtree(work, ignore_errors=True)
    return summary


def _read_new(paths: list[Path], manifest: dict, target: Path, settings: Settings, held: set[str],
              progress: Progress, summary: AddSummary) -> tuple[list[tuple[SourceDocument, list[Section]]], list[dict]]:
    """The papers under `paths` whose bytes the index does not hold, segmented into meetings.
    A path inside a folder the index was built from is read as part of that folder, so its
    committee and meeting folders and manifests say what they would say to a build."""
    sources = [Path(s) for s in manifest.get("sources", []) if Path(s).is_dir()]
    inputs: list[dict] = []
    documents: list[SourceDocument] = []
    cache = DocumentCache(cache_root(target, settings) / "documents")
    for path in paths:
        if not path.exists():
            raise NothingIndexed(f"{path}: no such file or folder")
        where = path.resolve()
        # elsewhere, the folder above: a meeting's folder name ("2025-01-30") is then read as
        # its date, as it would be under the folders of a build
        root = next((s for s in sources if where.is_relative_to(s.resolve())), where.parent)
        manifests = load_manifests([root])
        with progress.bar("files", unit="file") as bar:
            read = read_inputs([root], cache, on_file=lambda doc: bar.update(1),
                               annotate=lambda r, p, doc: annotate(doc, r, p, manifests),
                               keep=lambda p: p.resolve().is_relative_to(where))
        summary.files_seen += read.files_seen
        summary.skipped += [str(s) for s in read.skipped]
        summary.not_papers += read.not_papers
        summary.duplicates.update(read.duplicates)
        for doc in read.documents:
            if doc.sha256 in held or any(d.sha256 == doc.sha256 for d in documents):
                summary.already_indexed.append(doc.source)
                continue
            documents.append(doc)
            inputs += [dict(i, **described(read.documents, i["sha256"])) for i in read.inputs if i["sha256"] == doc.sha256]
    if not documents:
        raise NothingIndexed("nothing to add: " + (
            f"the index already holds all {len(summary.already_indexed)} papers given" if summary.already_indexed
            else f"all {summary.files_seen} files were skipped" if summary.files_seen else "no files found"), summary.skipped)
    summary.pages = sum(d.pages for d in documents)
    return segment_corpus(documents), inputs


def _postings(source: Path, work: Path, total: int, merge: bool) -> bool:
    """The keyword postings of the new index: the old ones (linked) and a segment for every
    passage added since they were built, or all of them built afresh when they are first
    needed (the index has grown past postings.CANDIDATES_FROM), when the vectors were trained
    again, or when the added segment has grown past DRIFT_SHARE of the rest. Returns whether
    they were built afresh."""
    if not used_at(total):
        return False
    base = Postings.load(source)
    added = total - base.built_rows if base is not None else total
    fresh = base is None or merge or added > DRIFT_SHARE * (total - added)
    con = Store(work)
    try:
        first = 0 if fresh else total - added
        rows = con.query("SELECT text, context FROM passages WHERE vec_id >= ? ORDER BY vec_id", (first,))
    finally:
        con.close()
    texts, contexts = [r[0] for r in rows], [r[1] for r in rows]
    if fresh:
        shutil.rmtree(work / POSTINGS, ignore_errors=True)
        Postings.build(texts, contexts).save(work)
    else:
        assert base is not None
        Postings.build(texts, contexts, first_row=first, avgdl=base.avgdl).save(work, ADDED)
    return fresh


def _summarise(work: Path, summary: AddSummary, trained_on: int, started: float) -> None:
    store = Store(work)
    try:
        one = lambda sql: int(store.query(sql)[0][0])  # noqa: E731
        summary.documents = one("SELECT count(*) FROM documents")
        summary.meetings = one("SELECT count(*) FROM meetings")
        summary.items = one("SELECT count(*) FROM items")
        summary.passages = one("SELECT count(*) FROM passages")
        summary.exempt_passages = one("SELECT count(*) FROM passages WHERE exempt = 1")
        summary.decisions = one("SELECT count(*) FROM decisions")
        summary.commitments = one("SELECT count(*) FROM commitments")
    finally:
        store.close()
    summary.total_passages, summary.trained_on = summary.passages, trained_on
    summary.seconds = time.monotonic() - started


def _manifest(old: dict, summary: AddSummary, inputs: list[dict], paths: list[Path], trained_on: int) -> dict:
    """The old manifest with the new counts and inputs, and a fingerprint of its own: a later
    `quire index` of the same folders rebuilds (and links what adding leaves unlinked)."""
    new = dict(old)
    now = time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime())
    new["counts"] = summary.counts()
    new["inputs"] = [*old.get("inputs", []), *inputs]
    roots = [*old.get("sources", [])]
    for path in paths:
        where = path.resolve()
        if not any(where.is_relative_to(Path(r)) for r in roots):
            roots.append(str(where))
    new["sources"] = roots
    new["skipped"] = [*old.get("skipped", []), *summary.skipped]
    new["pages"] = int(old.get("pages", 0)) + summary.pages
    new["built_at"] = now  # what the page shows as "updated"
    new["fingerprint"] = "added:" + hashlib.sha256((str(old.get("fingerprint", "")) + "".join(
        sorted(i["sha256"] for i in inputs))).encode()).hexdigest()
    new["ann_trained_on"] = trained_on
    new["added"] = [*old.get("added", []), {"at": now, "meetings": summary.added_meetings,
                                            "passages": summary.added_passages,
                                            "seconds": round(summary.seconds, 2)}]
    return new
