"""Input roots → SourceDocuments, once per distinct content, with every skipped file and
every duplicate reported rather than silently dropped."""
from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from .errors import SkippedFile
from .models import SourceDocument
from .sources import check_format, discover, read_text_document, relative_source


@dataclass
class ReadResult:
    documents: list[SourceDocument] = field(default_factory=list)
    skipped: list[SkippedFile] = field(default_factory=list)
    duplicates: dict[str, list[str]] = field(default_factory=dict)  # kept source → other sources
    files_seen: int = 0


PdfReader = Callable[[Path, str], SourceDocument]
Annotate = Callable[[Path, Path, SourceDocument], None]


def read_inputs(roots: list[Path], read_pdf: PdfReader | None = None,
                on_file: Callable[[str], None] | None = None, annotate: Annotate | None = None) -> ReadResult:
    result = ReadResult()
    by_hash: dict[str, SourceDocument] = {}
    for root, path in discover(roots):
        source = relative_source(root, path)
        result.files_seen += 1
        try:
            kind = check_format(path, source)
            if kind == "pdf" and read_pdf is None:
                raise SkippedFile(source, "PDF reading is not available in this build")
            doc = read_pdf(path, source) if kind == "pdf" and read_pdf else read_text_document(path, source)
        except SkippedFile as skipped:
            result.skipped.append(skipped)
            continue
        finally:
            if on_file:
                on_file(source)
        if doc.sha256 in by_hash:
            result.duplicates.setdefault(by_hash[doc.sha256].source, []).append(source)
            by_hash[doc.sha256].also_published.append(source)
            continue
        if annotate:
            annotate(root, path, doc)
        by_hash[doc.sha256] = doc
        result.documents.append(doc)
    return result
