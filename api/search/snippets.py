"""A short excerpt of a passage around the query's words, HTML-escaped, matches in <mark>;
and the passage as a reader should see it: papers converted from HTML or PDF-to-Markdown carry
their markup ("<p>", 'style="list-style-type: disc"', "**", "\\_") into the text."""
from __future__ import annotations

import html
import re

WIDTH = 280
_TAG = re.compile(r"</?[a-zA-Z][a-zA-Z0-9]*(?:\s+[a-zA-Z-]+(?:\s*=\s*(?:\"[^\"]*\"|'[^']*'|[^\s>]+))?)*\s*/?>")
_ATTRIBUTE = re.compile(r"\b(?:style|class|align|width|height)\s*=\s*(?:\"[^\"]*\"|'[^']*')")
_EMPHASIS = re.compile(r"(\*{1,3}|_{2,3})(?=\S)|(?<=\S)(\*{1,3}|_{2,3})|^\*{1,3}\s*$")
_ESCAPE = re.compile(r"\\([\\`*_{}\[\]()#+\-.!|>~])")
_LINK = re.compile(r"!?\[([^\]]*)\]\([^)\s]+\)")
_FILL = re.compile(r"_{3,}")
_RULE = re.compile(r"^\s*(?:---+|\*\*\*+|___+)\s*$", re.M)


def plain(text: str) -> str:
    """`text` without HTML tags and attributes, Markdown emphasis, escapes, link syntax and
    rules: "**15TH** <p>March</p>" reads "15TH March". Entities are decoded."""
    text = _LINK.sub(r"\1", text)
    text = _EMPHASIS.sub("", _RULE.sub("", text))
    text = _ATTRIBUTE.sub("", _TAG.sub(" ", text))
    text = _FILL.sub("", _ESCAPE.sub(r"\1", text))  # "\\_\\_\\_": a signature line
    return html.unescape(text)


def _stem(term: str) -> str:
    for suffix in ("ing", "ed", "es", "s"):
        if term.endswith(suffix) and len(term) - len(suffix) >= 4:
            return term[: -len(suffix)]
    return term


def term_pattern(terms: list[str]) -> re.Pattern[str] | None:
    stems = sorted({_stem(t.lower()) for t in terms if len(t) >= 2}, key=len, reverse=True)
    if not stems:
        return None
    return re.compile(r"\b(?:" + "|".join(re.escape(s) for s in stems) + r")\w*", re.I)


def snippet(text: str, terms: list[str], width: int = WIDTH) -> str:
    flat = " ".join(plain(text).split())
    pattern = term_pattern(terms)
    start = 0
    if pattern:
        spots = [m.start() for m in pattern.finditer(flat)]
        if spots:
            # The window that holds the most matches, starting a little before the first.
            best = max(spots, key=lambda s: sum(1 for t in spots if s <= t < s + width))
            start = max(0, best - 40)
            start = flat.rfind(" ", 0, start) + 1 if start else 0
    piece = flat[start:start + width]
    if start + width < len(flat):
        piece = piece[: piece.rfind(" ")] if " " in piece else piece
    escaped = html.escape(piece)
    if pattern:
        escaped = pattern.sub(lambda m: f"<mark>{m.group(0)}</mark>", escaped)
    return ("… " if start else "") + escaped + (" …" if start + len(piece) < len(flat) else "")
