"""Finding input files and reading them into SourceDocuments, with one-line reasons for
whatever cannot be read (empty, binary, unknown format, unreadable)."""
from __future__ import annotations

import hashlib
from collections.abc import Iterator
from pathlib import Path

from indexer.errors import SkippedFile
from indexer.models import Line

TEXT_SUFFIXES = {".txt", ".text", ".md"}
PDF_SUFFIXES = {".pdf"}
HTML_SUFFIXES = {".html", ".htm"}
# Files a scraper or editor leaves beside the papers; never worth a warning. (Manifests are
# read by read.metadata, not as papers.)
IGNORED_NAMES = {"metadata.json", "manifest.csv", ".ds_store", "thumbs.db"}
# Files beside the papers that are not committee papers: reported, never put in a meeting.
NOT_PAPER_STEMS = ("readme", "licence", "license", "notice", "notices", "copying", "changelog")


def is_not_a_paper(path: Path) -> bool:
    return path.stem.lower().split(".")[0] in NOT_PAPER_STEMS or path.suffix.lower() in {".csv", ".json", ".xml", ".yaml", ".yml"}


def discover(roots: list[Path]) -> Iterator[tuple[Path, Path]]:
    """(root, file) for every file under the given roots, in a stable order."""
    for root in roots:
        if root.is_file():
            yield root.parent, root
            continue
        for path in sorted(p for p in root.rglob("*") if p.is_file()):
            if path.name.lower() in IGNORED_NAMES or any(part.startswith(".") for part in path.relative_to(root).parts):
                continue
            yield root, path


def relative_source(root: Path, path: Path) -> str:
    return path.relative_to(root).as_posix() if path.is_relative_to(root) else path.name


def sha256_bytes(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def read_bytes(path: Path, source: str) -> bytes:
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise SkippedFile(source, f"cannot be read ({exc.strerror or exc})") from exc
    if not data.strip():
        raise SkippedFile(source, "is empty")
    return data


def decode_text(data: bytes, source: str) -> str:
    """UTF-8 text (Windows-1252 as a fallback); binary content is refused, not guessed at."""
    if b"\x00" in data[:8192]:
        raise SkippedFile(source, "looks binary (contains NUL bytes), not text")
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        try:
            text = data.decode("cp1252")
        except UnicodeDecodeError as exc:
            raise SkippedFile(source, "is neither UTF-8 nor Windows-1252 text") from exc
    controls = sum(1 for c in text[:8192] if ord(c) < 32 and c not in "\t\n\r\f")
    if controls > 0.05 * min(len(text), 8192):
        raise SkippedFile(source, "looks binary (many control characters), not text")
    return text


def text_lines(text: str) -> list[Line]:
    """1-based numbered lines, exactly as in the file (line ranges in citations point here)."""
    return [Line(t.rstrip("\r"), i + 1) for i, t in enumerate(text.split("\n"))]


def check_format(path: Path, source: str) -> str:
    """'text', 'pdf' or 'html', or a SkippedFile naming the unsupported format."""
    suffix = path.suffix.lower()
    if suffix in TEXT_SUFFIXES:
        return "text"
    if suffix in PDF_SUFFIXES:
        return "pdf"
    if suffix in HTML_SUFFIXES:
        return "html"
    raise SkippedFile(source, f"unsupported format '{suffix or 'no extension'}' (supported: .txt, .md, .pdf, .html)")
