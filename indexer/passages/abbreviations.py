"""Abbreviations the papers define for themselves: "Delayed Transfers of Care (DToC)",
"Children Looked After (CLA)", "Disclosure and Barring Service (DBS)".

Definitions are found with the Schwartz & Hearst (2003) algorithm: for each "(SHORT)" take
the words just before it and match SHORT's letters right to left against them, the first
letter at the start of a word. Nothing is hand-listed, so any council's own vocabulary is
learnt from its own papers. The index uses them on both sides: a passage that writes "DBS"
is also findable by "disclosure and barring service", and a query for "DToC" also searches
for "delayed transfers of care".
"""
from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable
from functools import lru_cache

_PAREN = re.compile(r"\(([A-Za-z][A-Za-z&]{1,9})\)")
_PAREN_LIST = re.compile(r"\(([A-Za-z][A-Za-z&]{1,9}(?:\s*/\s*[A-Za-z][A-Za-z&]{1,9})*)\)")  # "(LCS/LAS)"
_TOKEN = re.compile(r"[A-Za-z][A-Za-z&]+")
_POSSESSIVE = re.compile(r"['’]s\b")
_NON_WORD = re.compile(r"[^a-z0-9&]+")


def _plain(text: str) -> str:
    """Lower case without possessives or punctuation, space-padded, so a long form is found
    however it is written: "Lancashire's children's system" in "the Lancashire Children's
    System", "Household Waste & Recycling Centres" in "household waste & recycling centres,"."""
    return f" {_NON_WORD.sub(' ', _POSSESSIVE.sub('', text.lower())).strip()} "


@lru_cache(maxsize=4096)
def _plain_long(long_form: str) -> str:
    return _plain(long_form).rstrip()  # every passage is checked against the same few forms


def _contains(plain_text: str, long_form: str) -> bool:
    """Whole words, the last one possibly plural ("Personal Education Plans")."""
    words = _plain_long(long_form)
    return f"{words} " in plain_text or f"{words}s " in plain_text


def normalise_short(short: str) -> str:
    """'PEPs' → 'PEP', 'CSAs' → 'CSA': plural short forms define the singular."""
    return short[:-1] if len(short) > 2 and short.endswith("s") and short[-2].isupper() else short


def _is_short_form(short: str) -> bool:
    return sum(c.isupper() for c in short) >= 2


def long_form_for(short: str, before: str) -> str | None:
    """Schwartz & Hearst's best long form for `short` in the text `before` it, or None."""
    words = before.split()[-(min(len(short) + 5, len(short) * 2)):]
    candidate = " ".join(words)
    s, l = len(short) - 1, len(candidate) - 1
    while s >= 0:
        c = short[s].lower()
        if not c.isalnum():
            s -= 1
            continue
        while l >= 0 and (candidate[l].lower() != c or (s == 0 and l > 0 and candidate[l - 1].isalnum())):
            l -= 1
        if l < 0:
            return None
        l -= 1
        s -= 1
    long_form = candidate[candidate.rfind(" ", 0, l + 1) + 1:].strip(" ,;:'\"‘’“”")
    if len(long_form.split()) < 2 or len(long_form) <= len(short):
        return None
    return long_form


def learn(texts: Iterable[str]) -> dict[str, str]:
    """SHORT → its most frequent long form across the texts."""
    seen: dict[str, Counter[str]] = {}
    for text in texts:
        for m in _PAREN.finditer(text):
            raw = m.group(1)
            if not _is_short_form(raw):
                continue
            start = text.rfind("\n", 0, m.start()) + 1
            long_form = long_form_for(normalise_short(raw), text[start:m.start()])
            if long_form:
                seen.setdefault(normalise_short(raw), Counter())[long_form] += 1
    return {short: forms.most_common(1)[0][0] for short, forms in seen.items()}


def expansions(text: str, table: dict[str, str]) -> list[str]:
    """'SHORT: long form' for every defined abbreviation in `text` whose other half is missing,
    so keyword and semantic search see both spellings."""
    found = []
    plain = _plain(text)
    tokens = {normalise_short(t) for t in _TOKEN.findall(text)}
    for short, long_form in table.items():
        has_short = short in tokens
        has_long = _contains(plain, long_form)
        if has_short != has_long:
            found.append(f"{short}: {long_form}")
    return found


def expand_query_terms(words: list[str], text: str, table: dict[str, str]) -> tuple[list[str], list[str]]:
    """(extra keyword terms, long forms to add to the semantic text) for a query.

    A typed short form matches case-insensitively when it has 3+ letters ("dbs"); two-letter
    ones only as capitals, so "is" never means "Information Services"."""
    extra: list[str] = []
    longs: list[str] = []
    by_lower = {s.lower(): s for s in table if len(s) >= 3}
    for word in _TOKEN.findall(text):
        short = word if word in table else by_lower.get(normalise_short(word).lower())
        if short:
            longs.append(table[short])
            extra += [w.lower() for w in _TOKEN.findall(table[short])]
    plain = _plain(text)
    extra += [short.lower() for short, long_form in table.items() if _contains(plain, long_form)]
    return list(dict.fromkeys(extra)), longs


def bracketed(text: str, table: dict[str, str]) -> list[str]:
    """The defined abbreviations `text` writes in brackets, in order: "Liquidlogic has been
    implemented within both Adult's (LAS) and Children's (LCS) services" → ["LCS"] when only
    LCS is defined; "Liquid Logic's systems (LCS/LAS)" gives the same. A bracket is where a
    paper names the thing it is talking about."""
    found = (normalise_short(s.strip()) for m in _PAREN_LIST.finditer(text) for s in m.group(1).split("/"))
    return list(dict.fromkeys(short for short in found if short in table))
