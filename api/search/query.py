"""A user's query → the parts each retriever needs: text to embed, an FTS5 MATCH expression,
and any "quoted phrases" that results must contain."""
from __future__ import annotations

import re
from dataclasses import dataclass, field, replace
from itertools import pairwise

from indexer.errors import BadQuery
from indexer.passages.abbreviations import expand_query_terms

MAX_QUERY_CHARS = 1000
MAX_K = 50
QUERY_PATTERN = r"\w"  # a query needs at least one letter or digit (the API schema says the same)

_PHRASE = re.compile(r'"([^"]+)"')
_WORD = re.compile(r"[A-Za-z0-9]+(?:['’][A-Za-z]+)?")
STOPWORDS = frozenset("""
a about above after again against all am an and any are as at be because been before being below
between both but by can could did do does doing down during each few for from further had has have
having he her here hers him his how i if in into is it its itself just me more most my no nor not now
of off on once only or other our out over own same she should so some such than that the their them
then there these they this those through to too under until up very was we were what when where which
while who whom why will with would you your said say says tell told
""".split())


# "What did Cabinet resolve / decide / agree …": the asker wants the resolution itself.
DECISION_WORDS = re.compile(r"\b(?:resolv\w*|resolutions?|decid\w*|decisions?|agree[ds]?|approv\w*|endors\w*|vot(?:e|ed|es|ing))\b", re.I)

_MONTHS = {m: i + 1 for i, m in enumerate(["january", "february", "march", "april", "may", "june", "july",
                                             "august", "september", "october", "november", "december"])}
_DAY_MONTH = re.compile(r"\b(\d{1,2})(?:st|nd|rd|th)?\s+(?:of\s+)?(" + "|".join(_MONTHS) + r")\b(?:,?\s+(\d{4}))?", re.I)
_MONTH_YEAR = re.compile(r"\b(" + "|".join(_MONTHS) + r"),?\s+(\d{4})\b", re.I)
_MONTH_MEETING = re.compile(r"\b(" + "|".join(_MONTHS) + r")(?:\s+[a-z]+){0,2}\s+meeting", re.I)
_ISO_DATE = re.compile(r"\b(\d{4})-(\d{2})-(\d{2})\b")


def meeting_dates(text: str) -> list[str]:
    """Dates a query names, as parts of an ISO date: '30 January' → '-01-30', '30 January
    2025' → '2025-01-30', 'the October 2018 meeting' → '2018-10-' (a meeting's date contains
    the part), 'the February budget meeting' → '-02-'. A month alone names no meeting: "may"
    is mostly a verb."""
    found = [f"{y}-{int(m):02d}-{int(d):02d}" for y, m, d in _ISO_DATE.findall(text)]
    for day, month, year in _DAY_MONTH.findall(text):
        found.append(f"{year + '-' if year else '-'}{_MONTHS[month.lower()]:02d}-{int(day):02d}")
    without_days = _DAY_MONTH.sub(" ", text)  # '30 January 2025' is a day, not the whole month
    found += [f"{year}-{_MONTHS[month.lower()]:02d}-" for month, year in _MONTH_YEAR.findall(without_days)]
    without_years = _MONTH_YEAR.sub(" ", without_days)
    found += [f"-{_MONTHS[month.lower()]:02d}-" for month in _MONTH_MEETING.findall(without_years)]
    return found


def named_committees(text: str, committees: list[str]) -> list[str]:
    """Committees of the index that the query names in full ('what did Cabinet resolve')."""
    low = f" {' '.join(re.findall(r'[a-z0-9]+', text.lower()))} "
    return [c for c in committees if f" {' '.join(re.findall(r'[a-z0-9]+', c.lower()))} " in low]


@dataclass
class ParsedQuery:
    text: str
    semantic_text: str
    terms: list[str] = field(default_factory=list)  # keyword terms, abbreviations spelt out
    own_terms: list[str] = field(default_factory=list)  # the words the user typed
    phrases: list[str] = field(default_factory=list)
    match: str = ""
    dates: list[str] = field(default_factory=list)  # meeting dates the query names ("-01-30")
    exact: bool = False  # only passages containing every word
    asks_decision: bool = False  # "what did … resolve / decide / agree"
    variants: dict[str, list[str]] = field(default_factory=dict)  # "liquidlogic" → ["liquid logic"]


def words_of(text: str) -> list[str]:
    """Words as keyword search keeps them: lower case, possessives dropped ("children's" →
    "children"). (parse_query drops stop words before the possessive, so "can't" keeps
    "can": dropping it cost one Kent dev query its first place.)"""
    return [w.lower().replace("’", "'").split("'")[0] for w in _WORD.findall(text)]


def word_pairs(text: str) -> list[tuple[str, str]]:
    """Adjacent typed words (outside quotes, stop words aside) that could be one word written
    apart: "Liquid Logic" for "Liquidlogic", "child care" for "childcare"."""
    words = [w.lower() for w in re.findall(r"[A-Za-z]+", _PHRASE.sub(" ", text))]
    return [(a, b) for a, b in pairwise(words)
            if len(a) >= 3 and len(b) >= 3 and a not in STOPWORDS and b not in STOPWORDS]


def with_variants(parsed: ParsedQuery, variants: dict[str, list[str]]) -> ParsedQuery:
    """The query also matching other spellings of typed words (typed word → spellings), as
    alternatives; exact and phrase searches are left as typed."""
    new = list(dict.fromkeys(v for vs in variants.values() for v in vs if v not in parsed.terms))
    if not new or parsed.exact or parsed.phrases:
        return parsed
    terms = parsed.terms + new
    return replace(parsed, terms=terms, match=" OR ".join(_quote(t) for t in terms), variants=variants)


def asks_decision(text: str) -> bool:
    """'What did Cabinet resolve / decide / agree …': the asker wants the resolution itself."""
    return bool(DECISION_WORDS.search(_PHRASE.sub(" ", text)))


def _quote(term: str) -> str:
    return '"' + term.replace('"', "") + '"'


def parse_query(text: str, abbreviations: dict[str, str] | None = None, exact: bool = False,
                everyday: frozenset[str] = frozenset()) -> ParsedQuery:
    """Split out "quoted phrases", drop stop words, and spell out the corpus's own
    abbreviations both ways ("DBS" also searches "disclosure barring service"). In exact mode
    every word typed (and every phrase) must appear, as typed, with no abbreviations spelt out.
    `everyday` abbreviations (the council's own name, its directorates) are spelt out for
    keyword search only: in the text that is embedded they would pull the query towards
    every paper alike."""
    phrases = [p.strip() for p in _PHRASE.findall(text) if p.strip()]
    rest = _PHRASE.sub(" ", text)
    words = [w.lower().replace("’", "'") for w in _WORD.findall(rest)]
    terms = list(dict.fromkeys(w.split("'")[0] for w in words if w not in STOPWORDS and len(w) > 1))
    extra, longs = expand_query_terms(terms, text, abbreviations or {})
    loose = list(dict.fromkeys(terms + [t for t in extra if t not in STOPWORDS]))
    if exact or phrases:
        # Every phrase (and in exact mode every word) must appear in the passage's own text,
        # not only in its context line (item title, spelt-out abbreviations); loose terms
        # only add to the ranking.
        required = " AND ".join(_quote(p) for p in phrases + (terms if exact else []))
        match = f"text : ({required})" if required else ""
    else:
        match = " OR ".join(_quote(t) for t in loose)
    common = {abbreviations[short] for short in everyday if abbreviations and short in abbreviations}
    semantic = " ".join(phrases + [rest.strip()] + [f"({lf})" for lf in longs if lf not in common]).strip()
    own = terms + [p.lower() for p in phrases]
    return ParsedQuery(text=text, semantic_text=semantic or text, terms=loose, own_terms=own,
                       phrases=phrases, match=match, dates=meeting_dates(text), exact=exact,
                       asks_decision=asks_decision(rest))


def validate_query(query: str, k: int, abbreviations: dict[str, str] | None = None, exact: bool = False,
                   everyday: frozenset[str] = frozenset()) -> ParsedQuery:
    text = (query or "").strip()
    if not re.search(QUERY_PATTERN, text):
        raise BadQuery("the query is empty: type a few words to search for")
    if len(text) > MAX_QUERY_CHARS:
        raise BadQuery(f"the query is {len(text)} characters long; the limit is {MAX_QUERY_CHARS}")
    if not 1 <= k <= MAX_K:
        raise BadQuery(f"k must be between 1 and {MAX_K}, not {k}")
    return parse_query(text, abbreviations, exact, everyday)
