"""Sections → passages that fit the embedding model, never crossing an item or document.

The model reads 256 word pieces. A passage's embedding text is its context line (committee,
date, item, document: ~30-45 pieces) plus its body, so bodies are packed to `max_tokens`
(default 180) to leave room: 180 + 45 < 256 means nothing is truncated. Paragraphs are kept
whole where they fit; a paragraph longer than a passage is cut at sentence boundaries by
langchain's recursive splitter. Table rows travel with their header row: a table split across
passages repeats the header at the top of each piece, so "2016/17" still means something.
"""
from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

from langchain_text_splitters import RecursiveCharacterTextSplitter

from indexer.models import Line, Section
from indexer.structure.patterns import ANSWER_START, QUESTION_START, RESOLUTION, clean, questions_answered

TokenCounter = Callable[[str], int]
_MARKUP = re.compile(r"^\s*</?AI\d+>\s*$")


@dataclass
class Chunk:
    text: str
    lines: list[Line]


@dataclass
class _Block:
    lines: list[Line]
    table: bool

    def text(self) -> str:
        return "\n".join(line.text.strip() for line in self.lines)


def is_heading(text: str) -> bool:
    """A short title-like line: 'Hospital Discharge', 'Procurement Function Performance Dashboard'.
    A row of figures ('Dover 40,874.50 42,119.72 +3.05%') is not one, however short."""
    words = text.split()
    return (0 < len(words) <= 10 and "\n" not in text and text[0].isupper()
            and not text.rstrip().endswith((".", ",", ";")) and not _is_table_row(text)
            and sum(any(c.isalpha() for c in w) for w in words) * 2 > len(words))


def _is_table_row(text: str) -> bool:
    return "\t" in text.strip() or text.count("|") >= 2


def blocks_of(section: Section) -> list[_Block]:
    """Paragraph blocks (one non-blank line each) and table blocks (consecutive rows)."""
    blocks: list[_Block] = []
    for line in section.lines:
        if not line.text.strip() or _MARKUP.match(line.text):
            continue
        if _is_table_row(line.text) and blocks and blocks[-1].table:
            blocks[-1].lines.append(line)
        else:
            blocks.append(_Block([line], _is_table_row(line.text)))
    return blocks


ANSWERING = "Answering: "  # how a passage's context names the question it answers (features.py reads it)
# Words of a question carried into its answer's passages. The embedding reads 256 word pieces:
# the context line (~45) and a full body (180) leave ~30 for the question.
QUESTION_WORDS = 25


def questions_of(chunks: list[Chunk]) -> list[str]:
    """For each chunk of a paper of questions and answers, the question it answers (its first
    QUESTION_WORDS words after who asked whom), or "" for a question's own chunk and anything
    before the first. The answer "Under current legislation, nearly all families are free to decide …"
    is then read beside "Question by … on elective home education …"."""
    out, asked = [], ""
    for chunk in chunks:
        lines = [clean(line.text) for line in chunk.lines]
        if lines and QUESTION_START.match(lines[0]):
            words: list[str] = []
            for n, text in enumerate(lines):
                if ANSWER_START.match(text) and len(text.split()) <= 6:
                    break
                if n == 0 or (not words and len(text.split()) < 10 and not text.rstrip().endswith((".", "?"))):
                    continue  # "Question by … to …," / "Cabinet Member for …": who asked whom
                words += text.split()
            asked = " ".join(words[:QUESTION_WORDS])
            out.append("")
        else:
            out.append(asked)
    return out


class Chunker:
    def __init__(self, count_tokens: TokenCounter, max_tokens: int = 180, overlap_tokens: int = 40) -> None:
        self.count = count_tokens
        self.max_tokens = max_tokens
        self.min_tokens = max_tokens // 3
        self.overlap_tokens = overlap_tokens
        # How far a heading may push a passage past max_tokens: the context line (~30-45
        # pieces) plus 180 + 20 still fits the model's 256.
        self.heading_slack = max_tokens // 9
        self._splitter = RecursiveCharacterTextSplitter(
            chunk_size=max_tokens, chunk_overlap=min(overlap_tokens, max_tokens // 4),
            length_function=count_tokens, separators=["\n", ". ", "; ", ", ", " ", ""],
            keep_separator="end",
        )

    def chunk(self, section: Section) -> list[Chunk]:
        chunks: list[Chunk] = []
        current: list[tuple[str, list[Line], int]] = []  # (text, lines, tokens)
        answered = questions_answered(section.lines)

        def flush(pieces: list[tuple[str, list[Line], int]]) -> None:
            if pieces:
                chunks.append(Chunk("\n".join(t for t, _, _ in pieces),
                                    [ln for _, lines, _ in pieces for ln in lines]))

        for piece in self._pieces(section):
            text, lines = piece
            tokens = self.count(text)
            used = sum(t for _, _, t in current)
            if current and answered and QUESTION_START.match(clean(text)):
                # Each question and its answer are passages of their own, however short: "Question
                # by Paul Stepto to Rory Love," no longer ends the previous question's answer
                flush(current)
                current = []
            elif current and (is_heading(text) or RESOLUTION.match(text)) and used >= self.min_tokens:
                # A sub-heading ("Hospital Discharge", "Appendix B") or a decision ("RESOLVED
                # that …") opens a new passage: a passage is about one thing.
                flush(current)
                current = []
            elif current and used + tokens > self.max_tokens:
                heads = self._trailing_headings(current)
                if heads:
                    # A heading at the foot of a full passage ("Growth, Environment & Transport
                    # (GET)" above a table piece) belongs to what it heads: it moves on with it.
                    flush(current[:-len(heads)])
                    current = heads + [(text, lines, tokens)]
                    continue
                flush(current)
                tail = current[-1]
                # Carry a short last paragraph forward, so a passage starting mid-topic keeps
                # the sentence that introduced it.
                current = [tail] if tail[2] <= self.overlap_tokens and tail[2] + tokens <= self.max_tokens else []
            current.append((text, lines, tokens))
        flush(current)
        return chunks

    def _trailing_headings(self, pieces: list[tuple[str, list[Line], int]]) -> list[tuple[str, list[Line], int]]:
        """The headings that end `pieces`, if they are short enough to push the next passage
        past max_tokens by no more than heading_slack."""
        n = len(pieces)
        while n and is_heading(pieces[n - 1][0]):
            n -= 1
        heads = pieces[n:]
        return heads if sum(t for _, _, t in heads) <= self.heading_slack else []

    def _pieces(self, section: Section) -> list[tuple[str, list[Line]]]:
        """Units no bigger than a passage: whole paragraphs, table row groups, or cut paragraphs."""
        pieces: list[tuple[str, list[Line]]] = []
        for block in blocks_of(section):
            text = block.text()
            if self.count(text) <= self.max_tokens:
                pieces.append((text, block.lines))
            elif block.table:
                pieces += self._table_pieces(block)
            else:
                pieces += [(part, block.lines) for part in self._splitter.split_text(text)]
        return pieces

    def _table_pieces(self, block: _Block) -> list[tuple[str, list[Line]]]:
        header, rows = block.lines[0], block.lines[1:]
        head_text = header.text.strip()
        if self.count(head_text) > self.max_tokens // 3:
            # A "header" this long is a data row (or a one-row table): no header to repeat.
            return [(part, [line]) for line in block.lines
                    for part in self._splitter.split_text(line.text.strip())]
        budget = self.max_tokens - self.count(head_text)
        pieces: list[tuple[str, list[Line]]] = []
        group: list[Line] = []
        used = 0
        for row in rows:
            tokens = self.count(row.text)
            if tokens > budget:  # one enormous row: cut it like prose, header on each part
                if group:
                    pieces.append(self._table_piece(head_text, header, group, first=not pieces))
                    group, used = [], 0
                pieces += [(f"{head_text}\n{part}", [row]) for part in self._splitter.split_text(row.text.strip())]
                continue
            if group and used + tokens > budget:
                pieces.append(self._table_piece(head_text, header, group, first=not pieces))
                group, used = [], 0
            group.append(row)
            used += tokens
        if group or not pieces:
            pieces.append(self._table_piece(head_text, header, group, first=not pieces))
        return pieces

    def _table_piece(self, head_text: str, header: Line, rows: list[Line], first: bool) -> tuple[str, list[Line]]:
        body = "\n".join([head_text] + [r.text.strip() for r in rows])
        return body, ([header] if first else []) + rows
