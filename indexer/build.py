"""The one-way pipeline: input folders → an index folder, swapped in atomically.

read → segment into items → chunk into cited passages → embed (cached) → write SQLite, FAISS
and manifest into a fresh folder → swap it in. A crash or Ctrl-C at any point leaves the
previous index in service; embeddings already computed are kept in the cache, so the next run
resumes where this one stopped.
"""
from __future__ import annotations

import json
import shutil
import time
from datetime import date
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np

from indexer.passages.abbreviations import learn
from indexer.passages.chunking import Chunker
from indexer.config import Settings
from indexer.store.embedcache import EmbeddingCache, embed_key
from indexer.store.embedder import Embedder, load_embedder, set_threads
from indexer.errors import NothingIndexed
from indexer.records.numbers import decision_refs
from indexer.store.manifest import FORMAT_VERSION, fingerprint, read_manifest, write_manifest
from indexer.models import Passage, Section, SourceDocument
from indexer.passages.citations import canonical_titles, item_id, item_title_for, make_passages, section_meeting_id
from indexer.passages.sentences import sentences_of
from indexer.progress import Progress
from indexer.records.promises import promise_records
from indexer.read.inputs import ReadResult, read_inputs
from indexer.structure.corpus import segment_corpus
from indexer.read.metadata import Manifests, from_layout, load_manifests
from indexer.read.doccache import DocumentCache
from indexer.store.database import write_database
from indexer.store.features import PassageFeatures
from indexer.store.lock import writing
from indexer.store.swap import replace_folder
from indexer.store.sentences import SentenceIndex
from indexer.store.postings import Postings, used_at
from indexer.store.vectors import VectorIndex


@dataclass
class BuildSummary:
    documents: int = 0
    meetings: int = 0
    items: int = 0
    passages: int = 0
    exempt_passages: int = 0
    embedded: int = 0
    decisions: int = 0
    commitments: int = 0
    seconds: float = 0.0
    files_seen: int = 0
    up_to_date: bool = False
    pages: int = 0
    image_only_pages: int = 0
    skipped: list[str] = field(default_factory=list)
    kept: list[str] = field(default_factory=list)  # files gone since the last build, kept (no --prune)
    missing: list[str] = field(default_factory=list)
    duplicates: dict[str, list[str]] = field(default_factory=dict)
    not_papers: list[str] = field(default_factory=list)
    manifest_notes: list[str] = field(default_factory=list)

    def counts(self) -> dict[str, int]:
        return {"documents": self.documents, "meetings": self.meetings, "items": self.items,
                "passages": self.passages, "exempt_passages": self.exempt_passages,
                "decisions": self.decisions, "commitments": self.commitments}


def annotate(doc: SourceDocument, root: Path, path: Path, manifests: Manifests) -> None:
    """What the manifest (else the folder layout) says about a file, before it is segmented."""
    info = manifests.by_path.get(path.resolve()) or from_layout(root, path)
    layout = from_layout(root, path)
    doc.committee_key = info.committee_key or layout.committee_key
    doc.council_key = info.council_key or layout.council_key
    doc.meeting_date = info.meeting_date or layout.meeting_date
    doc.category = info.category
    doc.url = info.url
    doc.title = doc.title or info.title


def cache_root(target: Path, settings: Settings) -> Path:
    return settings.cache_dir or target.with_name(target.name + ".cache")


def build_index(roots: list[Path], target: Path, settings: Settings, embedder: Embedder | None = None,
                progress: Progress | None = None, prune: bool = False) -> BuildSummary:
    """Index `roots` (plus the folders this index was built from before) into `target`.

    Documents whose files have gone since the last build are kept from the text cache unless
    `prune`; everything unchanged is neither re-read nor re-embedded."""
    with writing(target):
        return _build(roots, target, settings, embedder, progress, prune)


def _build(roots: list[Path], target: Path, settings: Settings, embedder: Embedder | None,
           progress: Progress | None, prune: bool) -> BuildSummary:
    started = time.monotonic()
    progress = progress or Progress(enabled=False)
    embedder = embedder or load_embedder(settings.model)
    set_threads(settings.torch_threads)
    summary = BuildSummary()
    previous = read_manifest(target)
    roots = _all_roots(roots, previous)
    print_ = fingerprint(roots, settings, embedder.name, prune)
    if previous and previous.get("fingerprint") == print_:
        summary.up_to_date = True
        summary.__dict__.update(previous.get("counts", {}))
        summary.seconds = time.monotonic() - started
        return summary

    manifests = load_manifests(roots)
    documents_cache = DocumentCache(cache_root(target, settings) / "documents")
    with progress.bar("files", unit="file") as bar:
        pages = [0]

        def tick(doc: SourceDocument | None) -> None:
            pages[0] += doc.pages if doc else 0
            bar.update(1)
            bar.set_postfix_str(f"{pages[0]} pages")

        read = read_inputs(roots, documents_cache, on_file=tick,
                           annotate=lambda root, path, doc: annotate(doc, root, path, manifests))
    if previous and not prune:
        summary.kept = _carry_over(previous, read, documents_cache)
    summary.missing = manifests.missing + manifests.problems
    summary.manifest_notes = manifests.notes
    summary.pages = sum(d.pages for d in read.documents)
    summary.image_only_pages = sum(d.image_only_pages for d in read.documents)
    summary.files_seen = read.files_seen
    summary.skipped = [str(s) for s in read.skipped]
    summary.duplicates = read.duplicates
    summary.not_papers = read.not_papers
    if not read.documents:
        raise NothingIndexed("nothing could be indexed: " + (
            f"all {read.files_seen} files were skipped" if read.files_seen else "no files found"), summary.skipped)

    chunker = Chunker(embedder.count_tokens, settings.max_tokens, settings.overlap_tokens)
    documents = segment_corpus(read.documents)
    # Two tables: one learnt from public text only (a definition found only in exempt papers
    # must not shape what the public sees), one from everything (for exempt passages and
    # for readers with rights).
    public_abbr = learn(s.text() for _, secs in documents for s in secs if not s.exempt)
    all_abbr = learn(s.text() for _, secs in documents for s in secs)
    abbreviations = {"public": public_abbr, "all": all_abbr}
    titles = canonical_titles((section_meeting_id(d, s), s) for d, secs in documents for s in secs)
    passages, rows, records = cited_passages(documents, chunker, settings, embedder.name, abbreviations, titles)
    records["decisions"], records["commitments"] = promise_records(documents, titles)
    records["decision_refs"] = decision_refs(documents)
    records["abbreviations"] = [{"short": k, "long": v, "public": int(public_abbr.get(k) == v)}
                                for k, v in sorted(all_abbr.items())]
    vectors = embed_cached([p.embedding_text() for p in passages], [r["embed_hash"] for r in rows], embedder, target,
                     settings, progress, summary)
    sentences = embedded_sentences(passages, embedder, target, settings, progress, summary)

    work = target.with_name(f".{target.name}.building")
    shutil.rmtree(work, ignore_errors=True)
    work.mkdir(parents=True)
    try:
        write_database(work / "quire.sqlite", records, passages, rows)
        VectorIndex.build(vectors).save(work)
        sentences.save(work)
        features_of(passages, rows).save(work)
        if used_at(len(passages)):  # a large index's own keyword postings (postings.py)
            Postings.build([p.text for p in passages], [p.context for p in passages]).save(work)
        summary.documents = len(records["documents"])
        summary.meetings = len(records["meetings"])
        summary.items = len(records["items"])
        summary.passages = len(passages)
        summary.exempt_passages = sum(p.citation.exempt for p in passages)
        summary.seconds = time.monotonic() - started
        summary.decisions = len(records["decisions"])
        summary.commitments = len(records["commitments"])
        write_manifest(work, {
            "format_version": FORMAT_VERSION, "model": embedder.name, "dimension": int(vectors.shape[1]),
            "chunking": {"max_tokens": settings.max_tokens, "overlap_tokens": settings.overlap_tokens,
                         "embed_context": settings.embed_context},
            "built_at": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime()),
            "build_seconds": round(summary.seconds, 2), "counts": summary.counts(),
            "sources": [str(r.resolve()) for r in roots], "fingerprint": print_,
            "inputs": [dict(i, **described(read.documents, i["sha256"])) for i in read.inputs],
            "skipped": summary.skipped, "duplicates": read.duplicates, "missing": summary.missing,
            "not_papers": summary.not_papers,
            "pages": summary.pages, "image_only_pages": summary.image_only_pages,
        })
        replace_folder(work, target)
    finally:
        shutil.rmtree(work, ignore_errors=True)
    return summary


def features_of(passages: list[Passage], rows: list[dict]) -> PassageFeatures:
    return PassageFeatures.compute([p.text for p in passages], [r["item_id"] for r in rows],
                                   [p.citation.committee for p in passages], [p.citation.meeting_date for p in passages],
                                   [p.citation.document_kind for p in passages], [p.citation.exempt for p in passages],
                                   [p.context for p in passages], [r["doc_id"] for r in rows])


def _all_roots(roots: list[Path], previous: dict | None) -> list[Path]:
    """The folders named now, and those this index was built from before that still exist."""
    earlier = [Path(r) for r in (previous or {}).get("sources", []) if Path(r).exists()]
    out: list[Path] = []
    for root in [*earlier, *roots]:
        if root.resolve() not in {r.resolve() for r in out}:
            out.append(root)
    return out


def described(docs: list[SourceDocument], sha: str) -> dict:
    doc = next((d for d in docs if d.sha256 == sha), None)
    if doc is None:
        return {}
    return {"committee_key": doc.committee_key, "meeting_date": doc.meeting_date.isoformat() if doc.meeting_date else "",
            "category": doc.category, "url": doc.url}


def _carry_over(previous: dict, read: ReadResult, cache: DocumentCache) -> list[str]:
    """Documents of the previous build whose files are gone: kept from the text cache."""
    present = {i["sha256"] for i in read.inputs}
    kept = []
    for entry in previous.get("inputs", []):
        if entry["sha256"] in present or (Path(entry["root"]) / entry["source"]).exists():
            continue
        doc = cache.get(entry["sha256"], entry["source"])
        if doc is None:
            continue
        doc.committee_key, doc.category, doc.url = entry.get("committee_key", ""), entry.get("category", ""), entry.get("url", "")
        doc.meeting_date = date.fromisoformat(entry["meeting_date"]) if entry.get("meeting_date") else None
        read.documents.append(doc)
        read.inputs.append({k: entry[k] for k in ("root", "source", "sha256")})
        present.add(entry["sha256"])
        kept.append(entry["source"])
    return kept


def cited_passages(documents: list[tuple[SourceDocument, list[Section]]], chunker: Chunker, settings: Settings,
              model: str, abbreviations: dict[str, dict[str, str]], titles: dict[str, str]) -> tuple[list[Passage], list[dict], dict[str, list[dict]]]:
    passages: list[Passage] = []
    rows: list[dict] = []
    records: dict[str, list[dict]] = {"documents": [], "meetings": [], "items": [], "sections": []}
    meetings: dict[str, dict] = {}
    for doc, sections in documents:
        doc_id = doc.sha256[:16]
        records["documents"].append({
            "doc_id": doc_id, "sha256": doc.sha256, "source": doc.source, "council": doc.council,
            "committee": doc.committee, "meeting_date": doc.meeting_date.isoformat() if doc.meeting_date else None,
            "title": doc.title, "url": doc.url, "pages": doc.pages, "image_only_pages": doc.image_only_pages,
            "also_at": json.dumps(doc.also_published)})
        for section in sections:
            mid = section_meeting_id(doc, section)
            iid = item_id(mid, section.item_number)
            meetings.setdefault(mid, {"meeting_id": mid, "council": doc.council,
                                      "committee": section.committee or doc.committee,
                                      "meeting_date": section.meeting_date.isoformat() if section.meeting_date else None})
            made = make_passages(doc, section, chunker, item_title_for(section, titles, iid),
                                 settings.embed_context, abbreviations["all" if section.exempt else "public"])
            section_id = len(records["sections"])
            records["sections"].append(_section_record(section_id, iid, doc_id, doc, section))
            for p in made:
                passages.append(p)
                rows.append({"item_id": iid, "meeting_id": mid, "doc_id": doc_id, "section_id": section_id,
                             "embed_hash": embed_key(model, p.embedding_text())})
    records["meetings"] = list(meetings.values())
    records["items"] = [{"item_id": iid, "meeting_id": iid.rsplit("-item-", 1)[0],
                         "item_number": int(iid.rsplit("-item-", 1)[1]), "title": titles.get(iid, "")}
                        for iid in dict.fromkeys(r["item_id"] for r in records["sections"])]
    return passages, rows, records


def _section_record(section_id: int, iid: str, doc_id: str, doc: SourceDocument, s: Section) -> dict:
    numbers = [ln.number for ln in s.lines if ln.text.strip()] or [0]
    pages = [ln.page for ln in s.lines if ln.page is not None]
    return {"section_id": section_id, "item_id": iid, "doc_id": doc_id, "kind": s.kind,
            "document_title": s.document_title, "exempt": int(s.exempt), "exempt_reason": s.exempt_reason,
            "line_start": None if pages else min(numbers), "line_end": None if pages else max(numbers),
            "page_start": min(pages) if pages else None, "page_end": max(pages) if pages else None,
            "published_in": json.dumps(s.published_in.__dict__) if s.published_in else None, "url": doc.url,
            "text": "\n".join(ln.text for ln in s.lines)}


def embedded_sentences(passages: list[Passage], embedder: Embedder, target: Path, settings: Settings,
               progress: Progress, summary: BuildSummary) -> SentenceIndex:
    """Every passage's prose sentences, embedded (through the same cache) for answers."""
    texts: list[str] = []
    starts: list[int] = []
    for p in passages:
        starts.append(len(texts))
        texts += sentences_of(p.text)
    starts.append(len(texts))
    keys = [embed_key(embedder.name, t) for t in texts]  # the same text embeds the same, passage or sentence
    vectors = embed_cached(texts, keys, embedder, target, settings, progress, summary, label="sentences")
    return SentenceIndex(vectors, texts, starts)


def embed_cached(texts: list[str], keys: list[str], embedder: Embedder, target: Path, settings: Settings,
           progress: Progress, summary: BuildSummary, label: str = "passages") -> np.ndarray:
    cache = EmbeddingCache(cache_root(target, settings) / "embeddings.sqlite")
    try:
        known = cache.get_many(keys)
        todo = [i for i, k in enumerate(keys) if k not in known]
        if label == "passages":
            summary.embedded = len(todo)
        with progress.bar(label, total=len(todo), unit=label.rstrip("s")) as bar:
            step = max(settings.batch_size * 8, 64)
            for start in range(0, len(todo), step):
                batch = todo[start:start + step]
                vecs = embedder.encode([texts[i] for i in batch], settings.batch_size)
                cache.put_many([keys[i] for i in batch], vecs)
                known.update({keys[i]: v for i, v in zip(batch, vecs, strict=False)})
                bar.update(len(batch))
        dim = len(next(iter(known.values()))) if known else embedder.dimension
        return np.vstack([known[k] for k in keys]).astype(np.float32) if keys else np.zeros((0, dim), np.float32)
    finally:
        cache.close()
