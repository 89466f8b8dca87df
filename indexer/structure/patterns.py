"""Line-level patterns shared by the structure readers (minutes, front sheets, packs), and the
sentence rules the answer sentences and the commitments both read text by."""
from __future__ import annotations

import re
from collections.abc import Iterable

from indexer.models import Line

_BOLD = re.compile(r"\*\*|__")
_WORD = re.compile(r"[a-z0-9]+")
_STOP = frozenset(
    "a an and the of to for in on at by with from or be is are was were this that report "
    "meeting held item items update".split()
)

COUNCIL_LINE = re.compile(r"^[A-Z][A-Za-z&'.\- ]{2,60}\b(?:county|borough|district|city|town|parish)?\s*council$", re.I)
# "Minutes of the Meeting", "Printed minutes of a meeting", "Draft Minutes of the Annual
# Meeting", "MINUTES OF PROCEEDINGS AT MONTHLY MEETING OF ..." (Limerick)
MINUTES_HEADER = re.compile(r"^(?:printed\s+|draft\s+|unconfirmed\s+)?minutes\s+of\s+(?:proceedings\s+(?:at|of)\s+)?"
                            r"(?:the\s+|a\s+|an\s+)?(?:[a-z]+\s+){0,2}?meeting\b", re.I)
REPORT_HEADER = re.compile(r"^meeting\s+to\s+be\s+held\s+on\b", re.I)
AGENDA_ITEM_MARKER = re.compile(r"^agenda\s+item\s+(\d{1,3})\s*$", re.I)
NUMBERED_HEADING = re.compile(r"^\s*(\d{1,3})\.\s+(\S.*)$")
PAGES_REF = re.compile(r"\s*\(pages?\s+\d+(?:\s*[-–]\s*\d+)?\)\s*", re.I)
APPENDIX_HEADING = re.compile(
    r"""^appendix\s*['"‘’“”]?([A-Z0-9]{1,3})['"‘’“”]?\s*(?:[:\-–—.]\s*(.*))?$""", re.I
)
# "Resolved:", "RESOLVED that", "4. RESOLVED that", "It was resolved": a decision starts here.
RESOLUTION = re.compile(r"^\s*(?:[-•(]?\s*[0-9a-z]{1,3}[.)]\s*)?(?:it\s+was\s+)?resolved\b", re.I)
# A limb of a list: "(i)", "- ii.", "a)", "(b)", "1.", "•".
LIMB = re.compile(r"^\s*(?:[-•·–]\s*)?(?:\(?[ivx]{1,5}[.)]|\(?[a-z][.)]|\(?\d{1,2}[.)]|[-•·–])\s", re.I)
# Agenda items that are procedure, not business: no report belongs to them, nothing fulfils a promise.
PROCEDURAL_ITEM = re.compile(r"^(apolog|disclosure|declarations?|urgent\s+business|date\s+of\s+(the\s+)?next|"
                             r"exclusion\s+of|minutes\b|questions?\b)", re.I)
PRIVATE_NOTICE = re.compile(r"notice\s+of\s+intention\s+to\s+conduct\s+business\s+in\s+private", re.I)
PART_TWO = re.compile(r"^(?:part\s+(?:ii|2)\b|exempt\s+items\b)", re.I)
PART_ONE = re.compile(r"^(?:part\s+(?:i|1)\b|unrestricted\s+items\b)", re.I)
NOT_FOR_PUBLICATION = re.compile(r"not\s+for\s+publication|exempt\s+information\s+as\s+defined", re.I)
EXEMPT_PARAGRAPH = re.compile(r"paragraphs?\s+([\d,\sand]+?)\s+of\s+part\s+(?:1|i)\s+of\s+schedule\s+12a", re.I)


# A paper of questions and answers (Kent's "Questions put and answers given", WECA's public
# questions): "Question by … to …" / "Question 4 – …" opens a question, "Answer" / "Mayor's
# Response:" its answer.
QUESTION_START = re.compile(r"^(?:supplementary\s+)?question\b(?:\s+\d+|\s+by\b|\s*[-–:])", re.I)
ANSWER_START = re.compile(r"^(?:(?:the\s+)?(?:[A-Z][\w’']*\s+){0,3}(?:response|answer|reply)\b\s*:?|answer\s*:?)", re.I)


def questions_answered(lines: Iterable[Line]) -> bool:
    """Lines of a paper of questions and their answers: a question opens and an answer follows."""
    texts = [clean(line.text) for line in lines]
    return any(QUESTION_START.match(t) for t in texts) and any(ANSWER_START.match(t) for t in texts)


def clean(line: str) -> str:
    """A line without markdown bold markers or surrounding whitespace."""
    return _BOLD.sub("", line).strip()


def title_tokens(text: str) -> set[str]:
    """Content words of a title, crudely singularised, for fuzzy title matching."""
    words = _WORD.findall(text.lower())
    return {w[:-1] if len(w) > 3 and w.endswith("s") else w for w in words if w not in _STOP}


def title_overlap(a: str, b: str) -> float:
    """Share of b's content words that a also has (0..1); 0 when b has none."""
    tb = title_tokens(b)
    return len(title_tokens(a) & tb) / len(tb) if tb else 0.0


def strip_pages(title: str) -> str:
    """'Customer Access Report (Pages 7 - 18)' → 'Customer Access Report'."""
    return PAGES_REF.sub(" ", title).strip()


def is_upper_heading(line: str) -> bool:
    letters = [c for c in line if c.isalpha()]
    return len(line.split()) >= 4 and bool(letters) and all(c.isupper() for c in letters)


def exempt_reason(text: str) -> str:
    """'Paragraph 3 of Part 1 of Schedule 12A' when the text names the paragraph, else a generic reason."""
    m = EXEMPT_PARAGRAPH.search(text)
    if m:
        paras = re.sub(r"\s+", " ", m.group(1)).strip()
        return f"Paragraph {paras} of Part 1 of Schedule 12A to the Local Government Act 1972"
    return "Exempt information under Schedule 12A to the Local Government Act 1972"


SENTENCE_END = re.compile(r"(?<=[.!?])\s+(?=[A-Z(])")
# A line that ends mid-sentence: no closing punctuation. Papers converted to Markdown from PDF
# (Limerick) keep the PDF's line breaks, ~12-16 words a line, so "it was agreed that this would
# be brought to the next" / "Joint Policing Committee Meeting." is one sentence over two lines.
_OPEN_END = re.compile(r"[^.!?:;”\"')\]]$")
# a list mark: a bullet, "(a)", "2." or "3.1"; a year carries a sentence on ("… Act,\n2001 (as amended)")
_LIST_START = re.compile(r"^(?:[•·▪◦\-–*]|\(?[a-z0-9]{1,4}[.)]\s|\d{1,3}(?:\.\d+)*\.?\s)")
_TITLES = r"Mr|Mrs|Ms|Dr|Cllr|St|No|Co|Nos"
_TITLE_BEFORE = re.compile(rf"(?:^|\s)(?:{_TITLES}|[A-Z])\.$")  # "Councillor A. Teskey"
_TITLE_AT_END = re.compile(rf"(?:^|\s)(?:{_TITLES})\.$")  # "… the disposal of 10 St." / "Lawrence Park"


def runs_on(last: str, text: str) -> bool:
    """Whether line `text` carries on the sentence line `last` left open: `last` stops
    mid-sentence and is a full line (8 words or more: not a heading), or `text` carries on in
    lower case; a list mark starts afresh. A line ending on a title ("10 St.") is open too."""
    return bool(last) and bool(_OPEN_END.search(last) or _TITLE_AT_END.search(last)) and not _LIST_START.match(text) and (
        len(last.split()) >= 8 or text[:1].islower())


def sentence_spans(text: str) -> list[tuple[int, str]]:
    """(offset, sentence) at each full stop before a capital, never after a title ("Ms. Hayes")."""
    out, start = [], 0
    for m in SENTENCE_END.finditer(text):
        if _TITLE_BEFORE.search(text[start:m.start()]):
            continue
        out.append((start, text[start:m.start()]))
        start = m.end()
    out.append((start, text[start:]))
    return out
