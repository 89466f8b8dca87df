"""A saved web page (a ModernGov meeting page) → numbered text lines.

One line per block (a table cell, a paragraph, a list entry, a heading); scripts, styles,
navigation, headers and footers are dropped. ModernGov prints an item's number and title in
two cells ("1." | "Welcome & Apologies"); they are joined into one heading line, "1. Welcome
& Apologies", so the page reads like a front sheet. A link to a paper is written as its own
line, "Paper: FINAL - Public Questions and Mayor's Responses <URL>", so the papers a page lists
under an item can be matched to the files, by name or by address; an item whose title is
itself the link to its report gets both, the heading and the paper line.
"""
from __future__ import annotations

import re
from html.parser import HTMLParser
from urllib.parse import urljoin

from indexer.models import Line

PAPER_PREFIX = "Paper: "
_BLOCKS = {"p", "div", "td", "th", "li", "tr", "h1", "h2", "h3", "h4", "h5", "h6", "br", "dt", "dd", "table", "ul", "ol"}
_SKIPPED = {"script", "style", "noscript", "nav", "header", "footer", "head", "form", "button", "select"}
_PAPER_HREF = re.compile(r"\.pdf(?:$|[?#])|/documents/|mgConvert2PDF|ieListDocuments", re.I)
_BARE_NUMBER = re.compile(r"^\d{1,3}[a-z]?\.?$")
_SIZE_SUFFIX = re.compile(r"\s*\b(?:PDF|DOC|DOCX|XLSX?)\s+\d+(?:\.\d+)?\s*[KMG]B$", re.I)
_FILE_SIZE = re.compile(r"^(?:PDF|DOC|DOCX|XLSX?)\s+\d+(?:\.\d+)?\s*[KMG]B$", re.I)


class _PageText(HTMLParser):
    def __init__(self, base: str) -> None:
        super().__init__(convert_charrefs=True)
        self.base = base
        self.lines: list[str] = []
        self.current: list[str] = []
        self.skip = 0
        self.link: tuple[str, list[str]] | None = None
        self.title = ""
        self._in_title = False

    def _flush(self) -> None:
        text = " ".join("".join(self.current).split())
        if text:
            self.lines.append(text)
        self.current = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "title":
            self._in_title = True
        if tag in _SKIPPED:
            self.skip += 1
            return
        if tag in _BLOCKS:
            self._flush()
        if tag == "a" and not self.skip:
            href = dict(attrs).get("href") or ""
            if _PAPER_HREF.search(href):
                self._flush()
                self.link = (urljoin(self.base, href), [])

    def handle_endtag(self, tag: str) -> None:
        if tag == "title":
            self._in_title = False
        if tag in _SKIPPED:
            self.skip = max(0, self.skip - 1)
            return
        if tag == "a" and self.link:
            href, words = self.link
            name = _SIZE_SUFFIX.sub("", " ".join("".join(words).split()))
            if name:
                self.lines.append(f"{PAPER_PREFIX}{name} <{href}>")
            self.link = None
        elif tag in _BLOCKS:
            self._flush()

    def handle_data(self, data: str) -> None:
        if self._in_title:
            self.title += data
        if self.skip:
            return
        if self.link:
            self.link[1].append(data)
        else:
            self.current.append(data)


def html_lines(text: str, base: str = "") -> list[Line]:
    parser = _PageText(base)
    parser.feed(text)
    parser.close()
    parser._flush()
    title = " ".join(parser.title.split())
    out: list[str] = [title] if title else []  # "Agenda for Cabinet on Thursday, 30th January, 2025, 10.00 am"
    for line in parser.lines:
        if _FILE_SIZE.match(line):
            continue  # "PDF 116 KB": the link's size, not text
        if out and _BARE_NUMBER.match(out[-1]):
            link = paper_link(line)
            # "1." | "Welcome & Apologies" → one heading; an item whose title is the link to
            # its paper ("3." | "Minutes" → documents/s10064/...) keeps the link line too
            out[-1] = f"{out[-1].rstrip('.')}. {link[0] if link else line}"
            if not link:
                continue
        out.append(line)
    return [Line(t, i + 1) for i, t in enumerate(out)]


def paper_link(text: str) -> tuple[str, str] | None:
    """(name, URL) of a "Paper: name <URL>" line."""
    m = re.match(re.escape(PAPER_PREFIX) + r"(.*?)\s*<([^>]*)>$", text)
    return (m.group(1), m.group(2)) if m else None
