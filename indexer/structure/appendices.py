"""Appendices no name or number placed: each goes to the report of its meeting that names it
by title or cites its letter, or stays unplaced rather than guessed."""
from __future__ import annotations

import re

from indexer.models import Section, SourceDocument
from indexer.structure.kinds import appendix_heading, has_subject, opening, opening_title, stem
from indexer.structure.patterns import title_tokens
from indexer.structure.similarity import ranked

_DESCRIBING_WORDS = 60  # an appendix's opening words (a letter's addresses, a title) that say what it is
_NAMING_LEAD = 3
_SIMILARITY_ROUNDS = 3
_ROOM_LEAD = 3
_MIN_SIMILARITY = 0.15
_SIMILARITY_LEAD = 1.4
_PREFIX_WORDS = 8
_OPENING_WORDS = 12  # a paper's heading and name lines: what it says it is about
_LABEL_WORDS = 2  # "Capital Strategy"; a one-word title ("Introduction") names nothing


def place_appendices(papers: list[tuple[SourceDocument, Section]]) -> None:
    """An appendix nothing else placed goes to the report of this meeting that names it by
    title ("Capital Investment Summary"), else to the report that cites its letter
    ("Appendix J", "appendices D to G"). Where reports of several items cite the same
    letter ("Appendix 1" is everywhere), the one whose words best describe the appendix
    wins; where none does, the appendix stays unplaced rather than guessed."""
    reports = [(d, s) for d, s in papers if s.kind == "report" and s.item_number]
    # a paper no rule placed may be an appendix that does not say so (a consultation
    # report, an annual report attached to the covering report)
    unplaced = [(d, s) for d, s in papers if not s.item_number and s.kind in ("appendix", "report")]
    texts = {id(r): r.text() for _, r in reports}
    lowered = {id(r): " ".join(texts[id(r)].lower().split()) for _, r in reports}
    for doc, section in unplaced:
        for label in (" ".join(x.lower().split()) for x in _labels(doc)):
            naming = _naming_report(label, reports, lowered)
            if naming:
                _attach(section, naming)
                break
    cites = [(_cited_letters(texts[id(r)]), r) for _, r in reports]
    vocab: dict[int, set[str]] = {}  # a report's words, read once however many appendices ask
    for doc, section in unplaced:
        letter = _letter(doc)
        if section.item_number or not letter:
            continue
        candidates = [r for letters, r in cites if letter in letters]
        if len({r.item_number for r in candidates}) > 1:
            for r in candidates:
                vocab.setdefault(id(r), title_tokens(texts[id(r)]))
            candidates = _best_described(doc, candidates, vocab)
        if candidates:
            _attach(section, candidates[0])
    for _ in range(_SIMILARITY_ROUNDS):  # a paper placed in one round describes its item to the next
        if not _place_by_similarity(papers, unplaced):
            break
    if len({r.item_number for _, r in reports}) == 1:
        # One report at the meeting: every appendix left is its ("Appendix A - 16.12.24
        # Ministerial Letter", cited by the report only as "Appendix 1").
        for _, section in unplaced:
            if not section.item_number:
                _attach(section, reports[0][1])


def _best_described(doc: SourceDocument, reports: list[Section], vocab: dict[int, set[str]],
                    margin: float = 1.0) -> list[Section]:
    """The report whose text shares the most of the appendix's own words (its name and
    opening), counting only words some of the reports lack: "Kent CMPB 2024 Annual Report"
    goes to the Armed Forces report, the one that mentions the CMPB. [] on a tie or no evidence."""
    opening = " ".join(" ".join(line.text for line in doc.lines[:_DESCRIBING_WORDS]).split()[:_DESCRIBING_WORDS])
    words = title_tokens(f"{_appendix_label(stem(doc))} {opening}")
    telling = [w for w in words if 0 < sum(w in vocab[id(r)] for r in reports) < len(reports)]
    scores = sorted(((sum(w in vocab[id(r)] for w in telling), i) for i, r in enumerate(reports)), reverse=True)
    if not scores or scores[0][0] == 0 or (len(scores) > 1 and scores[0][0] <= scores[1][0] * margin):
        return []
    return [reports[scores[0][1]]]


def _attach(appendix: Section, report: Section) -> None:
    appendix.item_number, appendix.item_title = report.item_number, report.item_title
    appendix.exempt = appendix.exempt or report.exempt
    appendix.exempt_reason = appendix.exempt_reason or report.exempt_reason


def _appendix_letter(name: str) -> str:
    """'Appendix J - Government Grants' → 'J', 'QPR Q3 Cabinet appendix 1' → '1'. A name with
    two ('1 - Annex 2 - Labour Group Alternative Budget - Appendix D': an amendment's annex,
    whose copy in the amendments pack is unplaced too) gives none."""
    found = re.findall(r"\b(?:appendix|annex(?:e)?)\s*([A-Z]{1,2}|\d{1,2})\b", name, re.I)
    return found[0].upper() if len(found) == 1 else ""


_LETTER = r"(?:[A-Z]{1,2}|\d{1,2})\b"
_SINGLE = re.compile(r"\bappendix\s+(" + _LETTER + ")", re.I)
_SEVERAL = re.compile(r"\bappendices\s+(" + _LETTER + r"(?:\s*(?:,|and|&|to|[-–])\s*" + _LETTER + ")+)", re.I)
_LISTED = re.compile(r"\s[-–]\s([A-Z])\b(?=\s|$)")  # "Reserves Policy – G" in a list of appendices


def _cited_letters(text: str) -> set[str]:
    """Appendix letters a report cites: "Appendix H", "appendices D and E", "appendices D to
    G", and the "Title – J" rows of its "List of Appendices"."""
    found = {m.upper() for m in _SINGLE.findall(text)}
    for group in _SEVERAL.findall(text):
        parts = re.findall(r"\b(?:and|to|[A-Z]{1,2}|\d{1,2})\b|[-–]", group, re.I)
        for i, part in enumerate(parts):
            if part.lower() in ("to", "-", "–") and 0 < i < len(parts) - 1:
                found |= _letter_range(parts[i - 1].upper(), parts[i + 1].upper())
            elif part.lower() not in ("to", "-", "–", "and"):
                found.add(part.upper())
    listing = re.search(r"list of appendices", text, re.I)
    if listing:
        found |= set(_LISTED.findall(text[listing.end():listing.end() + 3000]))
    return found


def _letter_range(first: str, last: str) -> set[str]:
    """'D', 'G' → {D, E, F, G}; '2', '4' → {2, 3, 4}; anything else → the two ends."""
    if first.isdigit() and last.isdigit() and int(first) <= int(last):
        return {str(n) for n in range(int(first), int(last) + 1)}
    if len(first) == len(last) == 1 and first.isalpha() and last.isalpha() and first <= last:
        return {chr(c) for c in range(ord(first), ord(last) + 1)}
    return {first, last}


def _appendix_label(name: str) -> str:
    """'Appendix A Capital Investment Summary' → 'Capital Investment Summary' (what a report
    cites it as); the letter alone would match every report."""
    rest = re.sub(r"^(appendix|annex(e)?)\s*[A-Z0-9]{0,3}\b\s*[-–:]?\s*", "", name, flags=re.I)
    rest = re.sub(r"\s*\d{2}\.\d{2}\.\d{2,4}.*$", "", rest).strip()
    return rest if len(rest.split()) >= 2 else ""


def _labels(doc: SourceDocument) -> list[str]:
    """What a report would call this paper: the name's title ("Appendix A Capital Investment
    Summary"), else its heading's ("APPENDIX F: 2025-28 BUDGET - SPENDING"), its first line
    ("Capital Strategy") or the title it opens with, each of at least _LABEL_WORDS content
    words."""
    named = _appendix_label(stem(doc))
    if named:
        return [named]
    heading = appendix_heading(doc)
    first = opening(doc, 1)
    words = opening_title(doc).split()
    # the title it opens with, longest first: "CAPITAL / STRATEGY / INTRODUCTION" is cited
    # as "Capital Strategy"
    prefixes = [" ".join(words[:n]) for n in range(min(len(words), _PREFIX_WORDS), 1, -1)]
    candidates = [heading[1] if heading else "", first[0] if first else "", *prefixes]
    return [c for c in dict.fromkeys(candidates) if len(title_tokens(c)) >= _LABEL_WORDS and len(c) <= 120]


def _letter(doc: SourceDocument) -> str:
    heading = appendix_heading(doc)
    return _appendix_letter(stem(doc)) or (heading[0] if heading else "")


def _naming_report(label: str, reports: list[tuple[SourceDocument, Section]], lowered: dict[int, str]) -> Section | None:
    """The report that names `label`: the only item whose reports do, or the one that names
    it at least _NAMING_LEAD times as often as any other (the budget report lists its "Capital
    Strategy" appendix and discusses it; the monitoring report mentions it once)."""
    counts: dict[int, tuple[int, Section]] = {}
    for _, r in reports:
        n = lowered[id(r)].count(label)
        if n and n > counts.get(r.item_number, (0, r))[0]:
            counts[r.item_number] = (n, r)
    ranked = sorted(counts.values(), key=lambda c: c[0], reverse=True)
    if len(ranked) == 1 or (len(ranked) > 1 and ranked[0][0] >= _NAMING_LEAD * ranked[1][0]):
        return ranked[0][1]
    return None


def _place_by_similarity(papers: list[tuple[SourceDocument, Section]], unplaced: list[tuple[SourceDocument, Section]]) -> int:
    """Attach each paper nothing names or cites to the item whose papers read most like it,
    when one is clearly closest (a budget's table of "Base Budget Changes" goes to the
    budget). A report with its own "Subject:" that no entry claims is a paper the agenda
    does not list (Kent's Minerals and Waste plan at Cabinet): it stays unplaced and
    competes, so its own appendices read closest to it and stay with it. Returns how many
    were placed."""
    by_item: dict[int, list[Section]] = {}
    for _, s in papers:
        if s.item_number:
            by_item.setdefault(s.item_number, []).append(s)
    if len(by_item) < 2:
        return 0
    item_texts = {n: "\n".join(s.text() for s in secs) for n, secs in by_item.items()}
    standing = {-(i + 1): s for i, (d, s) in enumerate(unplaced) if not s.item_number and has_subject(d)}
    competitors = {**item_texts, **{k: s.text() for k, s in standing.items()}}
    room = _appendix_room(by_item)
    placed = 0
    for _, section in unplaced:
        if section.item_number or any(section is s for s in standing.values()):
            continue
        scores = ranked(section.text(), competitors)
        if len(scores) < 2 or scores[0][1] <= 0:
            continue
        best, item = scores[0]
        near = [n for score, n in scores if n > 0 and score * _SIMILARITY_LEAD > best]
        if best < _MIN_SIMILARITY:
            # too faint to go by alone: placed only where the paper's opening names one of
            # the items it reads like ("Budget Amendment Form" → "... Revenue Budget 2025-26")
            named = _named_by_opening(section, {n: by_item[n][0].item_title for score, n in scores if n > 0 and score > 0})
            if named is None:
                continue
            item = named
        elif len(near) > 1:
            # no clear winner among the closest: the one whose reports cite far more
            # appendices still unfound (the budget report lists sixteen, the monitoring
            # report two) is where a loose appendix belongs; else the one the paper's opening
            # names; else it stays unplaced
            rooms = sorted(((room.get(n, 0), n) for n in near), reverse=True)
            if rooms[0][0] >= _ROOM_LEAD and rooms[0][0] >= _ROOM_LEAD * max(rooms[1][0], 1):
                item = rooms[0][1]
            else:
                named = _named_by_opening(section, {n: by_item[n][0].item_title for n in near})
                if named is None:
                    continue
                item = named
        if item > 0:
            _attach(section, by_item[item][0])
            room[item] = room.get(item, 0) - 1
            placed += 1
    return placed


def _named_by_opening(section: Section, titles: dict[int, str]) -> int | None:
    """The one item whose title shares words with the paper's opening words; None when none
    or several do equally."""
    opening = title_tokens(" ".join(section.text().split()[:_OPENING_WORDS]))
    shared = sorted(((len(title_tokens(t) & opening), n) for n, t in titles.items()), reverse=True)
    if not shared or shared[0][0] == 0 or (len(shared) > 1 and shared[0][0] == shared[1][0]):
        return None
    return shared[0][1]


def _appendix_room(by_item: dict[int, list[Section]]) -> dict[int, int]:
    """Item → appendices its reports cite by letter that no paper has yet been placed as."""
    out = {}
    for number, sections in by_item.items():
        cited = max((len(_cited_letters(s.text())) for s in sections if s.kind == "report"), default=0)
        out[number] = cited - sum(1 for s in sections if s.kind == "appendix")
    return out
