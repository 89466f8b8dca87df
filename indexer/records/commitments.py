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
from dataclasses import dataclass, replace

from indexer.models import Line, Section
from indexer.records.actions import AUTHORITY_INITIALS, actor_of, conditional, hedged, recorded_action
from indexer.structure.patterns import ANSWER_START, QUESTION_START, clean, questions_answered, runs_on, sentence_spans

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
# Agreed actions beyond a report or information, added against the hand-written Kent gold
# (tests/data/commitments/kent.tsv, the development set: 35 of its 59 rows are actions). Each
# alternative is a form the Kent minutes use for a promise, not a description:
_ACTION_ANYWHERE = re.compile(
    r"\b(?:was|were|is|are|be|been)\s+deferred\s+to\s+(?:the\s+|a\s+)?(?:next|future|later)\b"  # "deferred to the next meeting"
    r"|\b(?:offered|undertook|promised)\s+to\s+(?!be\b)\w+"  # "Ms Gleave offered to raise the matter"
    r"|\bagreed\s+to\s+(?:write|send|raise|follow|contact|liaise|circulate|provide|share|look|investigate|find|"
    r"report|bring|come\s+back|arrange|meet|remind)\b"
    r"|\bI\s*(?:have|’ve|'ve)\s+asked\s+(?:the|our|my)\b"  # a Cabinet Member's answer to a question
    r"|\bintention\b[^.;]{0,80}?\bto\s+(?:report|submit|write|bring|present)\b"
    r"|\brequested\s+that\b[^.;]{0,120}\bbe\s+(?:shared|circulated|sent|provided)\b"
    r"|\b(?:will|would)\s+return\s+to\s+the\b|\breport\s+come\s+to\s+the\b"
    r"|\bfurther\s+review\s+by\s+the\s+\w+\s+in\s+\w+\s+months\b",
    re.I)
# Forms that in a report describe plans rather than promise ("the strategy will be reviewed"),
# so they count only where minutes record them or a resolution orders them.
_ACTION_IN_MINUTES = re.compile(
    r"\b(?:will|would)\s+(?:first\s+|further\s+|then\s+|also\s+)?be\s+(?:further\s+)?(?:heard|taken|reconsidered|"
    r"reviewed|notified|produced|incorporated|published)\s+(?:at|by|into|in|of|with|this)\b"
    r"|\b(?:will|would)\s+be\s+(?:making\s+representations|responding|submitting|giving\s+evidence)\b"
    r"|\b(?:he|she|they|we|officers|the\s+Chair(?:man)?|the\s+Leader|the\s+Cabinet\s+Member)\s+(?:will|would)\s+"
    r"(?:write|send|liaise|contact|follow\s+up|raise|circulate|share)\b"
    r"|\b(?:will|would)\b[^.;]{0,80}\bin\s+due\s+course\b"
    r"|\bto\s+be\s+(?:presented|referred|submitted)\s+to\s+(?:the\s+)?(?:County\s+|full\s+)?Council\b"
    r"|^\W*(?:\(?[a-z0-9]{1,3}[.)]\s*)?(?:to\s+)?(?:request|asks?|urges?|writes?|agrees?\s+to\s+(?:submit|request|write))\b"
    r"|^\W*(?:\(?[a-z0-9]{1,3}[.)]\s*)?delegates?\s+(?:authority\s+)?to\s+the\s+[^.;]{0,80}?\b(?:submission|make\s+the\s+necessary"
    r"\s+changes\s+to\s+the\s+Constitution)\b",
    re.I)
# Appendices are tables and background, except a record of what a body decided
_DECISION_RECORD = re.compile(r"\b(?:record\s+of\s+decision|recommendations|minutes)\b", re.I)
_REFERRAL = re.compile(r"\b(?:presented|referred|submitted|reported)\s+to\s+(?:the\s+)?(?:next\s+)?"
                       r"((?:(?:[A-Z][\w,']*|&|and|of)\s+){0,7}(?:Committee|Board|Panel|Council|Cabinet|Group))\b")
_OWN_BODY = re.compile(r"^(?:cabinet\s+committee|committee|this\s+committee|the\s+committee)$", re.I)
_VERB = re.compile(r",?\s+(?:would|will|agreed|undertook|offered|promised)\b")
_NAME = re.compile(r"(?:(?:(?:County\s+)?Councillor|Cllr\.?|Mr|Mrs|Ms|Miss|Dr)\s+[A-Z][a-z'’-]+(?:\s+[A-Z][a-z'’-]+)?"
                   r"|[A-Z][a-z]+(?:\s+[A-Z][a-z'’-]+){1,2})$")
_NEGATED = re.compile(r"\b(?:no\s+longer|not|never|cannot)\b", re.I)
_ORGANISATION = re.compile(r"\b(?:Alliance|Team|Committee|Council|Services?|Board|Group|Plan|Partnership|Panel|Cabinet)$")


@dataclass
class Found:
    sentence: str
    kind: str
    who: str
    line: Line


def kind_of(sentence: str) -> str:
    """referral (to another body or a later meeting), information, update, report, or action
    (anything else agreed: a letter, a review, a response): by what is promised."""
    if re.search(r"\bdeferred\s+(?:for\s+\w+\s+)?to\b|\breconsidered\s+by\b|\bfurther\s+reviewed\s+by\b|"
                 r"\bput\s+on\s+the\s+agenda\b|"
                 r"\bto\s+be\s+(?:presented|referred|submitted)\s+to\s+(?:the\s+)?(?:County|full)\s+Council\b", sentence, re.I):
        return "referral"
    if not _PROMISE.search(sentence):
        low = sentence.lower()
        if re.search(r"\b(?:contact|follow\s+up|circulate|shared|sent\s+to|provide\s+members)\b", low):
            return "information"
        if re.search(r"\b(?:come\s+back|report\s+(?:on|back|come)|return\s+to\s+the)\b", low):
            return "report"
        return "action"
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


# Who is named as doing it, where the sentence names them as the doer rather than the speaker:
# "I have asked the Highways Manager to …", "To request that the Leader of the Council writes …",
# "Delegates to the Monitoring Officer the submission …", "KCC will be submitting …".
_ROLE = r"((?:the\s+)?(?-i:[A-Z][\w’'-]*)(?:\s+(?:(?-i:[A-Z][\w’'-]*)|of|for|and|the)){0,8})"
_DOER = [
    re.compile(rf"\basked\s+(?:the\s+|our\s+|my\s+)?{_ROLE}\s+to\b", re.I),
    re.compile(rf"\brequest\s+that\s+{_ROLE}\s+(?:writes|calls|engages|provides?|reports?)\b", re.I),
    re.compile(rf"\bdelegates?\s+(?:authority\s+)?to\s+{_ROLE}\s+(?:the|to)\b", re.I),
    re.compile(rf"\basks?\s+{_ROLE}\s+to\b", re.I),
    re.compile(rf"\b({AUTHORITY_INITIALS}|the\s+Council|the\s+Leader|the\s+Chair(?:man)?|Cabinet)\s+"
               r"(?:will|would|agreed|offered)\b"),
    re.compile(r"^(?:The\s+)?(Chair(?:man)?|Leader)\b"),
]


def _doer(sentence: str) -> str:
    for pattern in _DOER:
        m = pattern.search(sentence)
        if m:
            who = re.sub(r"^(?:the|our|my)\s+", "", m.group(1).strip(), flags=re.I)
            who = re.sub(r"\s+(?:and|of|for|the)$", "", who)
            if who and who.lower() not in ("it", "this", "that", "members"):
                return who
    return ""


def who_of(sentence: str) -> str:
    """The owner: the doer a request or delegation names ("To request that the Leader of the
    Council writes …"), else the person who promised."""
    return _doer(sentence) or _speaker(sentence) or actor_of(sentence)


def _speaker(sentence: str) -> str:
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


def _runs(section: Section) -> list[list[tuple[str, Line]]]:
    """The section's lines grouped into runs a sentence may cross: a line joins the one before
    when that one stops mid-sentence and is a full line (8 words or more: not a heading), or
    when it carries on in lower case; a list mark or a table row starts afresh."""
    runs: list[list[tuple[str, Line]]] = []
    for line in section.lines:
        text = " ".join(clean(line.text).split())
        if not text or text == "---":
            continue
        if "\t" in line.text:
            runs.append([])  # a table row: no sentence runs into or out of it
            continue
        last = runs[-1][-1][0] if runs and runs[-1] else ""
        if runs_on(last, text):
            runs[-1].append((text, line))
        else:
            runs.append([(text, line)])
    return [r for r in runs if r]


def sentences(section: Section) -> list[tuple[str, Line]]:
    """Each sentence of the section with the line it starts on."""
    out = []
    for run in _runs(section):
        text, starts = "", []
        for part, line in run:
            starts.append((len(text) + (1 if text else 0), line))
            text = f"{text} {part}" if text else part
        if len(text) < 20:
            continue
        for offset, s in sentence_spans(text):
            line = next(ln for at, ln in reversed(starts) if at <= offset)
            if len(s.split()) >= 5:
                out.append((s, line))
    return out


def _tabular(sentence: str) -> bool:
    """A budget table read as a sentence ("+£31.8m -£11.4m Retained business rates … agreed to
    provide services"): four sums of money or over a quarter of its words figures. Kent's gold
    commitments have at most one sum and 2 figures in 10 words; its tables, 4 in 10 and more."""
    words = sentence.split()
    sums = sum(1 for w in words if re.match(r"^[+-]?£\d", w))
    return sums >= 4 or sum(1 for w in words if re.search(r"\d", w)) > 0.25 * len(words)


# A ModernGov "Agenda, decisions and draft minutes" page (WECA) gives each item its agenda text
# ("To receive a forward plan …"), then "Decision:" and "Minutes:" blocks: only those record
# what the meeting did. Papers of statements or petitions from the public are what residents
# said, never a promise the council made; in a paper of questions and answers the question
# ("Question by … to …" / "Question 4 – …", up to "Answer" / "Mayor's Response:") is the asker's.
_RECORD_BLOCK = re.compile(r"^(?:decisions?|minutes|resolved)\s*:\s*$", re.I)
_PUBLIC_SUBMISSIONS = re.compile(r"\bstatements\s*$|\bstatements\s+from\s+the\s+public\b|\bpublic\s+statements?\b|"
                                 r"\bpetitions?\s*$", re.I)
_ANSWERS = re.compile(r"\bquestions\b.*\b(?:answers?|responses?|replies)\b", re.I)


# Who answers, as a paper of questions names them: "Question by Susan Carey to Neil Baker," with
# the role on the next line ("Cabinet Member for Highways and Transport"), or the answer's own
# heading ("Mayor’s Response:", "Response from the Leader:"). "I have asked our officers to raise
# this issue again" in that answer is the answerer's promise.
_ASKED_TO = re.compile(r"\bto\s+((?:(?:Councillor|Cllr\.?|Mr|Mrs|Ms|Miss|Dr)\s+)?[A-Z][\w’'-]*(?:\s+[A-Z][\w’'-]*){0,3})\s*,?\s*$")
_ANSWERING_ROLE = (r"(?:Cabinet\s+Member|Leader|Mayor|Chair(?:man)?|Cathaoirleach|Chief\s+Executive|Director|"
                   r"Portfolio\s+Holder)")
_ROLE_LINE = re.compile(rf"^(?:the\s+)?(?:Deputy\s+)?{_ANSWERING_ROLE}\b[^.;:?]{{0,90}}$", re.I)
_ANSWER_BY = re.compile(rf"\b({_ANSWERING_ROLE})(?:’s|'s)\s+(?:response|answer|reply)\b"
                        rf"|^(?:response|answer|reply)\s+(?:from|by)\s+(?:the\s+)?([^:]{{3,80}}?)\s*:?\s*$", re.I)
_FIRST_PERSON = re.compile(r"\b(?:I|I’ve|I've|I’ll|I'll|my)\b")


def _answerer(question: str, following: str) -> str:
    asked = _ASKED_TO.search(question)
    name = asked.group(1) if asked else ""
    role = following if _ROLE_LINE.match(following) else ""
    return ", ".join(p for p in (name, role) if p)


def _read_answers(lines: list[Line]) -> tuple[list[Line], dict[int, str]]:
    """A paper of questions and answers without the questions (the askers' words), and each
    kept line's answerer where the paper names one."""
    kept: list[Line] = []
    by: dict[int, str] = {}
    asking, answerer = False, ""
    texts = [clean(ln.text) for ln in lines]
    for k, (ln, text) in enumerate(zip(lines, texts, strict=True)):
        if QUESTION_START.match(text):
            asking = True
            answerer = _answerer(text, texts[k + 1] if k + 1 < len(texts) else "")
        heading = asking and ((ANSWER_START.match(text) and len(text.split()) <= 6)
                              or re.search(r"(?:response|answer|reply)\s*:\s*$", text, re.I))
        if heading:  # "Answer", "Mayor’s Response:", "… proposals affecting North Somerset Mayor’s Response:"
            asking = False
            named = _ANSWER_BY.search(text)
            if named:
                answerer = (named.group(1) or named.group(2)).strip()
            continue
        if not asking:
            kept.append(ln)
            if answerer:
                by[ln.number] = answerer
    return kept, by


def record_lines(section: Section) -> tuple[list[Line], dict[int, str]]:
    """The lines of a section that can hold a promise made or recorded there, and in a paper
    of answers each line's answerer."""
    if _PUBLIC_SUBMISSIONS.search(section.document_title):
        return [], {}
    lines = section.lines
    if section.kind == "agenda":
        marks = [k for k, ln in enumerate(lines) if _RECORD_BLOCK.match(clean(ln.text))]
        lines = lines[marks[0] + 1:] if marks else []
    if questions_answered(lines):
        return _read_answers(lines)
    return lines, {}


def find_commitments(section: Section) -> list[Found]:
    """Promises in a minutes or report section, or the minutes and decisions a meeting page
    records (an agenda's entries and appendices are lists of business and tables of actions, not
    a record of promises made at a meeting)."""
    record = section.kind in ("minutes", "agenda") or (
        section.kind == "appendix" and bool(_DECISION_RECORD.search(section.document_title))) or bool(
        _ANSWERS.search(section.document_title))
    if section.kind != "report" and not record:
        return []
    lines, answerers = record_lines(section)
    if not lines:
        return []
    if lines is not section.lines:
        section = replace(section, lines=lines)
    found: dict[str, Found] = {}
    for s, line in sentences(section):
        if _tabular(s):
            continue
        promise = _PROMISE.search(s) or _ACTION_ANYWHERE.search(s) or (
            (recorded_action(s) or (None if conditional(s) else _ACTION_IN_MINUTES.search(s))) if record else None)
        if promise and not _NEGATED.search(s[max(0, promise.start() - 40):promise.end()]) and not hedged(s):
            # the same words twice (a motion as moved, then the resolution): the later is the record
            who = who_of(s) or (answerers.get(line.number, "") if _FIRST_PERSON.search(s) else "")
            found[" ".join(s.lower().split())] = Found(s, kind_of(s), who, line)
    return list(found.values())
