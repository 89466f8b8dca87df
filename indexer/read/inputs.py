"""Input roots → SourceDocuments, once per distinct content, with every skipped file and
every duplicate reported rather than silently dropped."""
from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from indexer.read.doccache import DocumentCache
from indexer.errors import SkippedFile
from indexer.models import SourceDocument
from indexer.read.html import html_lines
from indexer.read.pdf import read_pdf_document
from indexer.read.sources import (check_format, decode_text, discover, is_not_a_paper, read_bytes, relative_source, sha256_bytes,
                                  text_lines)


@dataclass
class ReadResult:
    documents: list[SourceDocument] = field(default_factory=list)
    skipped: list[SkippedFile] = field(default_factory=list)
    duplicates: dict[str, list[str]] = field(default_factory=dict)  # kept source → other sources
    inputs: list[dict[str, str]] = field(default_factory=list)  # root, source, sha256 of each file read
    files_seen: int = 0
    not_papers: list[str] = field(default_factory=list)  # READMEs, licences, registers: reported, not indexed


Annotate = Callable[[Path, Path, SourceDocument], None]


def read_document(path: Path, source: str, cache: DocumentCache | None = None) -> SourceDocument:
    """One file's text: from the cache when these exact bytes were read before."""
    kind = check_format(path, source)
    data = read_bytes(path, source)
    sha = sha256_bytes(data)
    # web pages parse in milliseconds: not cached, so a change to their reader shows at once
    cache = None if kind == "html" else cache
    cached = cache.get(sha, source) if cache else None
    if cached:
        return cached
    if kind == "pdf":
        doc = read_pdf_document(path, source, data)
    elif kind == "html":
        doc = SourceDocument(source=source, sha256=sha, lines=html_lines(decode_text(data, source)))
    else:
        doc = SourceDocument(source=source, sha256=sha, lines=text_lines(decode_text(data, source)))
    if cache:
        cache.put(doc)
    return doc


def read_inputs(roots: list[Path], cache: DocumentCache | None = None,
                on_file: Callable[[SourceDocument | None], None] | None = None,
                annotate: Annotate | None = None, keep: Callable[[Path], bool] | None = None) -> ReadResult:
    """Every paper under `roots` (those `keep` allows, where given), read or taken from the
    cache; one copy of each set of identical files."""
    result = ReadResult()
    by_hash: dict[str, SourceDocument] = {}
    for root, path in discover(roots):
        if keep is not None and not keep(path):
            continue
        source = relative_source(root, path)
        if is_not_a_paper(path):
            result.not_papers.append(source)
            continue
        result.files_seen += 1
        doc = None
        try:
            doc = read_document(path, source, cache)
        except SkippedFile as skipped:
            result.skipped.append(skipped)
            continue
        finally:
            if on_file:
                on_file(doc)
        result.inputs.append({"root": str(root), "source": source, "sha256": doc.sha256})
        if annotate:
            annotate(root, path, doc)
        kept = by_hash.get(doc.sha256)
        if kept is None:
            by_hash[doc.sha256] = doc
            result.documents.append(doc)
            continue
        if _described(doc) > _described(kept):  # index the copy the manifest describes
            result.documents[result.documents.index(kept)] = doc
            by_hash[doc.sha256], kept, doc = doc, doc, kept
            others = result.duplicates.pop(doc.source, [])
            kept.also_published += [s for s in doc.also_published if s not in kept.also_published]
            result.duplicates[kept.source] = others
        result.duplicates.setdefault(kept.source, []).append(doc.source)
        kept.also_published.append(doc.source)
    return result


def _described(doc: SourceDocument) -> tuple[bool, bool, bool]:
    """How well we know where a copy was published: its URL, its meeting, a non-duplicates folder."""
    return bool(doc.url), doc.meeting_date is not None, "duplicate" not in doc.source.lower()
