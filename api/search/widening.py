"""A query widened to the papers' own words: a typed word as the papers write it (split or
joined), and the abbreviations the best-matching passage uses for its subject.

Both read only what the reader may see (`seen` answers for the visible passages; the best
passage is a visible one), so Part II papers never steer a public search.
"""
from __future__ import annotations

from collections.abc import Callable

from api.search.query import ParsedQuery, word_pairs, words_of

# Alias feedback. The passage that best matches a query may name its subject by an
# abbreviation in brackets ("Liquidlogic has been implemented within both Adult's (LAS) and
# Children's (LCS) services"), and other papers may use only that name or its long form
# ("issues with the Lancashire Children's System"). The query is searched again as if the
# user had typed those abbreviations, and each passage's two scores are blended with this
# share for the second. Only the one best passage is read, and only its bracketed, defined
# abbreviations, so a query drifts no further than the papers' own naming. Seeds Recall@5
# 0.990 → 1.000 at every share from 0.55 to 1.0 (nDCG@10 0.977 ± 0.001 up to 0.8, 0.972 at
# 1.0); no figure on Kent or on our own sets moves anywhere in that range; 0.7 is its middle.
# (At 0.5 and below the item it reaches, q43's partly relevant minutes, comes 6th.)
ALIAS_BLEND = 0.7
MIN_PART = 3  # a typed word is tried as two only when both parts have this many letters


def written_otherwise(parsed: ParsedQuery, seen: Callable[[str], bool]) -> dict[str, list[str]]:
    """Typed word → the spellings the visible papers use for it split or joined: "Liquid
    Logic" also searches "liquidlogic" where the papers write it as one word, and
    "Liquidlogic" searches "liquid logic" where they only ever write two. `seen(term)` says
    whether a visible passage contains the term."""
    found: dict[str, list[str]] = {}
    for a, b in word_pairs(parsed.text):
        if a + b not in parsed.terms and seen(a + b):
            for word in (a, b):
                found.setdefault(word, []).append(a + b)
    for term in parsed.own_terms:
        if len(term) >= 2 * MIN_PART and term.isalpha() and not seen(term):
            split = next((f"{term[:i]} {term[i:]}" for i in range(MIN_PART, len(term) - MIN_PART + 1)
                          if seen(f"{term[:i]} {term[i:]}")), None)
            if split:
                found.setdefault(term, []).append(split)
    return found


def aliases(parsed: ParsedQuery, bracketed: list[str], table: dict[str, str], everyday: frozenset[str]) -> list[str]:
    """Of the abbreviations the best passage writes in brackets, those defined for this reader
    that the query does not already search for (typed, or spelt out): the papers' own name for
    what was asked about. Everyday ones ("KCC") say whose papers, not what about. Exact and
    phrase searches are taken at their word."""
    if parsed.exact or parsed.phrases:
        return []
    searched = set(parsed.terms)
    return [short for short in bracketed
            if short in table and short not in everyday and short.lower() not in searched
            and not set(words_of(table[short])) <= searched]
