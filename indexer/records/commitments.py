"""Commitments: promises recorded in minutes and reports — of a report, an update,
information, or a referral to another body — each with who made it (when named) and when it
is due.

A sentence is a commitment when something deliverable (a report, an update, information, a
register, a plan) meets a delivery that is still to come: "will be presented", "would be
brought", "be considered at the next meeting" (a resolution's subjunctive), "is scheduled",
"would provide further information", "agreed to find out". Past deliveries ("the report was
presented") are not promises and do not match.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from indexer.models import Line, Section
from indexer.structure.patterns import clean

_DELIVERABLE = r"(?:report|reports|update|updates|information|register|details|briefing)"
_PLANNED = r"(?:plan|strategy|proposals|review|protocol|policy)"  # promised only when scheduled for a meeting
_FUTURE = r"(?:would|will|shall|to\s+be|be|is\s+scheduled|are\s+scheduled|was\s+scheduled|were\s+scheduled|is\s+due|are\s+due)"
_DELIVERY = (r"(?:brought|presented|provided|supplied|considered|circulated|reported|submitted|shared|"
             r"scheduled|form\s+part|come\s+back|sent|made\s+available|bought\s+back)")
_BETWEEN = r"(?:\s+(?:be|to|also|then|now|again|therefore|subsequently|formally|duly|usually|normally)){0,3}"
_PROMISE = re.compile(
    rf"\b{_DELIVERABLE}\b[^.;,]{{0,110}}?\b{_FUTURE}\b{_BETWEEN}\s+{_DELIVERY}\b"
    rf"|\b{_PLANNED}\b[^.;,]{{0,40}}?\b(?:is|are|was|were)\s+scheduled\s+to\s+be\s+(?:considered|presented)\b"
    rf"|\b(?:agreed|undertook|offered|promised)\s+to\s+(?:find\s+out|look\s+into|investigate|come\s+back|"
    rf"(?:provide|circulate|bring|report|share|send)\b(?:\s+\S+){{0,4}}?\s+(?:{_DELIVERABLE}|links|figures)\b)"
    rf"|\b{_DELIVERABLE}\b[^.;,]{{0,60}}?\b(?:is|are|was|were)\s+(?:scheduled|planned)\s+for\b"
    rf"|\b(?:would|will)\s+(?:provide|supply|circulate|bring|share|send)\s+"
    rf"(?:(?:further|more|additional|detailed|an?|the|some|written)\s+){{0,2}}{_DELIVERABLE}\b"
    rf"|\bbe\s+reported\s+(?:on|to|back|quarterly)",
    re.I)
_REFERRAL = re.compile(r"\b(?:presented|referred|submitted|reported)\s+to\s+(?:the\s+)?(?:next\s+)?"
                       r"((?:(?:[A-Z][\w,']*|&|and|of)\s+){0,7}(?:Committee|Board|Panel|Council|Cabinet|Group))\b")
_OWN_BODY = re.compile(r"^(?:cabinet\s+committee|committee|this\s+committee|the\s+committee)$", re.I)
_VERB = re.compile(r",?\s+(?:would|will|agreed|undertook|offered|promised)\b")
_NAME = re.compile(r"(?:(?:(?:County\s+)?Councillor|Cllr\.?|Mr|Mrs|Ms|Miss|Dr)\s+[A-Z][a-z'’-]+(?:\s+[A-Z][a-z'’-]+)?"
                   r"|[A-Z][a-z]+(?:\s+[A-Z][a-z'’-]+){1,2})$")
_NEGATED = re.compile(r"\b(?:no\s+longer|not|never|cannot)\b", re.I)
_ORGANISATION = re.compile(r"\b(?:Alliance|Team|Committee|Council|Services?|Board|Group|Plan|Partnership|Panel|Cabinet)$")
_SENTENCE_END = re.compile(r"(?<=[.!?])\s+(?=[A-Z(])")


@dataclass
class Found:
    sentence: str
    kind: str
    who: str
    line: Line


def kind_of(sentence: str) -> str:
    """referral (to another body), information, update or report: by what is promised."""
    referral = _REFERRAL.search(sentence)
    if referral and not _OWN_BODY.match(referral.group(1).strip()) and "cabinet committee" not in referral.group(1).lower():
        return "referral"
    promise = _PROMISE.search(sentence)
    low = (promise.group(0) if promise else sentence).lower()
    if not re.search(_DELIVERABLE, low):
        low = sentence.lower()  # "offered to provide Members with further details"
    if re.search(r"\b(information|find out|details|data|links)\b", low) and not re.match(r"reports?\b", low):
        return "information"
    if re.match(r"(an? )?updates?\b", low) and not re.match(r"update report", low):
        return "update"
    return "report"


def who_of(sentence: str) -> str:
    """The person who promised: the name just before "would/will/agreed", stepping back over
    job titles ("Sally Allen, Head of Safeguarding, Inspection and Audit, agreed to …"). In
    "Following a query from Councillor Driver, it was agreed …" nobody is named: he asked."""
    verb = _VERB.search(sentence)
    if not verb:
        return ""
    for part in reversed([p.strip() for p in sentence[:verb.start()].split(",")][-4:]):
        name = _NAME.search(part)
        if name and not _ORGANISATION.search(name.group(0)) and not name.group(0).startswith(("The ", "This ", "It ")):
            return name.group(0)
        if not (part[:1].isupper() and len(part.split()) <= 7):
            break  # not a job title: the promise has no named owner
    return ""


def sentences(section: Section) -> list[tuple[str, Line]]:
    out = []
    for line in section.lines:
        text = " ".join(clean(line.text).split())
        if "\t" in line.text or len(text) < 20:
            continue
        out += [(s, line) for s in _SENTENCE_END.split(text) if len(s.split()) >= 5]
    return out


def find_commitments(section: Section) -> list[Found]:
    """Promises in a minutes or report section (agenda entries and appendices are lists of
    business and tables of actions, not a record of promises made at a meeting)."""
    if section.kind not in ("minutes", "report"):
        return []
    found: dict[str, Found] = {}
    for s, line in sentences(section):
        promise = _PROMISE.search(s)
        if promise and not _NEGATED.search(s[max(0, promise.start() - 40):promise.end()]):
            found.setdefault(" ".join(s.lower().split()), Found(s, kind_of(s), who_of(s), line))
    return list(found.values())
