"""PDF → SourceDocument: text by page with pypdfium2 (PDFium: fast, Apache/BSD licensed).

What a reader does not want in a passage is dropped: page numbers, running headers and
footers (a short line that recurs at the top or bottom of most pages), and "This page is
intentionally left blank". Lines wrapped by the page width are joined back into paragraphs so
that a passage, a heading test or a date parse sees whole sentences. ModernGov stamps pack
pages "Page N"; that number is kept per page so a pack can be split by its front sheet's
"(Pages 11 - 84)" references.
"""
from __future__ import annotations

import re
import time
from collections import Counter
from pathlib import Path

import pypdfium2 as pdfium

from indexer.errors import SkippedFile
from indexer.models import Line, SourceDocument
from indexer.read.sources import read_bytes, sha256_bytes

MAX_BYTES = 200 * 1024 * 1024
MAX_PAGES = 3000
MAX_SECONDS = 120.0

_PAGE_NUMBER = re.compile(r"^(?:page\s+)?\d{1,4}(?:\s+of\s+\d{1,4})?$", re.I)
_PACK_PAGE = re.compile(r"^page\s+(\d{1,4})$", re.I)
_BLANK_PAGE = re.compile(r"this\s+page\s+is\s+intentionally\s+left\s+blank", re.I)
_LIST_START = re.compile(r"^(?:\d{1,3}[.)]\s|\(\d{1,3}\)\s|\(?[a-z]{1,3}\)\s|\(?[ivx]{1,4}[.)]\s|[-•·*–▪●o]\s)", re.I)
_END = (".", ":", ";", "?", "!")
_SOFT_HYPHEN = "\ufffe"
_FORM_LABEL = re.compile(r"^[A-Z][A-Za-z ()/&-]{1,30}:(\s|$)")  # "Subject:", "Classification:", "To:"
_ITEM_REF_END = re.compile(r"\(item\s+\d+[a-z]?\)$", re.I)
_PAGES_REF_END = re.compile(r"\(pages?\s+\d+(?:\s*[-–]\s*\d+)?\)$", re.I)  # a front-sheet entry ends here


def _open(data: bytes, source: str) -> pdfium.PdfDocument:
    try:
        return pdfium.PdfDocument(data)
    except pdfium.PdfiumError as exc:
        reason = str(exc).lower()
        if "password" in reason:
            raise SkippedFile(source, "is encrypted (password protected); Quire cannot read it") from exc
        detail = str(exc).strip().rstrip(".") or "unreadable"
        raise SkippedFile(source, f"is damaged or truncated; PDFium cannot open it ({detail})") from exc


def page_texts(data: bytes, source: str) -> list[str]:
    if len(data) > MAX_BYTES:
        raise SkippedFile(source, f"is {len(data) // 2**20} MB; the limit is {MAX_BYTES // 2**20} MB")
    if not data.startswith(b"%PDF"):
        raise SkippedFile(source, "is not a PDF (no %PDF header)")
    pdf = _open(data, source)
    try:
        if len(pdf) == 0:
            raise SkippedFile(source, "has no pages")
        if len(pdf) > MAX_PAGES:
            raise SkippedFile(source, f"has {len(pdf)} pages; the limit is {MAX_PAGES}")
        started = time.monotonic()
        texts = []
        for i in range(len(pdf)):
            if time.monotonic() - started > MAX_SECONDS:
                raise SkippedFile(source, f"took over {MAX_SECONDS:.0f} s to read; skipped")
            page = pdf[i]
            textpage = page.get_textpage()
            texts.append(textpage.get_text_range().replace("\r\n", "\n").replace("\r", "\n"))
            textpage.close()
            page.close()
        return texts
    except pdfium.PdfiumError as exc:
        raise SkippedFile(source, f"is damaged ({exc})") from exc
    finally:
        pdf.close()


def _running_lines(pages: list[list[str]]) -> set[str]:
    """Short lines that open or close most pages: running headers and footers."""
    if len(pages) < 3:
        return set()
    edges: Counter[str] = Counter()
    for lines in pages:
        ends = {_norm(t) for t in lines[:2] + lines[-2:] if t.strip()}
        edges.update(e for e in ends if len(e) < 90)
    return {t for t, n in edges.items() if n >= max(3, len(pages) * 0.5) and not _PAGE_NUMBER.match(t)}


def _norm(text: str) -> str:
    return re.sub(r"\d+", "#", " ".join(text.split())).lower()


def reflow(lines: list[str]) -> list[str]:
    """Join lines the page width wrapped: a line that does not end a sentence continues into
    the next unless that one opens a list item, or either is an all-capitals heading."""
    out: list[str] = []
    for raw in lines:
        text = " ".join(raw.split())
        if not text:
            continue
        if out and out[-1].endswith(_SOFT_HYPHEN):
            out[-1] = out[-1][:-1] + text  # PDFium marks a hyphenation break with U+FFFE
        elif out and _continues(out[-1], text):
            glue = "" if re.search(r"\w-$", out[-1]) else " "
            out[-1] = out[-1] + glue + text
        else:
            out.append(text)
    return out


def _is_caps(text: str) -> bool:
    letters = [c for c in text if c.isalpha()]
    return len(letters) > 2 and all(c.isupper() for c in letters)


def _continues(previous: str, text: str) -> bool:
    if _ITEM_REF_END.search(previous) or _PAGES_REF_END.search(previous):
        return False
    if re.fullmatch(r"\(item\s+\d+[a-z]?\)", text, re.I):
        return True  # Kent prints a minute's agenda item on the line after its heading
    if previous.endswith(_END) or _LIST_START.match(text) or _is_caps(previous) or _is_caps(text) \
            or _FORM_LABEL.match(text):
        return False
    return text[:1].islower() or text[:1].isdigit() or text[:1] in "(£%&" or len(previous) > 60


def read_pdf_document(path: Path, source: str, data: bytes | None = None) -> SourceDocument:
    data = read_bytes(path, source) if data is None else data
    texts = page_texts(data, source)
    pages = [[t for t in text.split("\n")] for text in texts]
    running = _running_lines(pages)
    lines: list[Line] = []
    printed: dict[int, int] = {}
    image_only = 0
    for number, page in enumerate(pages, start=1):
        kept = []
        for t in page:
            stripped = t.strip()
            pack_page = _PACK_PAGE.match(stripped)
            if pack_page:
                printed[number] = int(pack_page.group(1))
            if not stripped or _PAGE_NUMBER.match(stripped) or _norm(stripped) in running or _BLANK_PAGE.search(stripped):
                continue
            kept.append(t)
        if not "".join(page).strip():
            image_only += 1
        for k, text in enumerate(reflow(kept)):
            text = text.replace(_SOFT_HYPHEN, "")
            if k == 0 and lines and re.fullmatch(r"\(item\s+\d+[a-z]?\)", text, re.I):
                # a minute heading whose "(Item N)" fell onto the next page
                lines[-1] = lines[-1]._replace(text=f"{lines[-1].text} {text}")
                continue
            lines.append(Line(text, len(lines) + 1, number))
    if not lines:
        why = f"{image_only} image-only page{'s' if image_only != 1 else ''}; OCR is not supported" if image_only else "no text"
        raise SkippedFile(source, f"has no extractable text ({why})")
    return SourceDocument(source=source, sha256=sha256_bytes(data), lines=lines, pages=len(pages),
                          image_only_pages=image_only, printed_pages=printed)
