"""A short excerpt of a passage around the query's words, without the papers' markup,
HTML-escaped, matches in <mark>."""
from __future__ import annotations

import html
import re

from indexer.passages.markup import plain

WIDTH = 280
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
