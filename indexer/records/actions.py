"""Agreed actions as minutes and answers record them: the wording a meeting's record uses
when someone is to do something after it, beyond a report coming back (commitments.py).

Flows in: one sentence of a record (minutes, a meeting page's minutes and decisions, the
answers in a paper of questions). Flows out: whether it records an action still to come.

Written against the dev halves of the hand-written gold (tests/data/commitments/split.tsv),
as forms, not phrases: each alternative names who acts or what is done, and a time or body it
is done by. A description ("the programme would produce a wildlife index") names neither an
actor nor a delivery, and does not match.
"""
from __future__ import annotations

import re

# Who can be named as doing something: a person speaking, officers, or a body or office of
# the authority ("the Municipal District office", "Limerick City and County Council",
# "Members of the authority's transport team"): a role or body noun, after up to six capitalised
# words. An authority also names itself by its initials ("KCC", "the MCA", "WECA", "LCCC"):
# the initials of a County or City Council or a Combined Authority, so no council's name is
# written here. A lone final C or A is too loose: Limerick's dev minutes name its company
# "the DAC" (Designated Activity Company), which is not the authority promising (2 extra, 0 found).
AUTHORITY_INITIALS = r"(?:the\s+)?(?-i:[A-Z]{0,4}(?:CC|CA))\b"
_ACTOR = (rf"(?:\b(?:I|we|he|she|officers|staff|{AUTHORITY_INITIALS})"
          r"|\b(?:the\s+)?(?:(?-i:[A-Z][\w’'&-]*)\s+){0,6}(?:Council|Authority|[Oo]ffice|[Oo]fficers?|[Tt]eam|"
          r"Department|Directorate|Section|Services|Executive|Director|Engineer|Manager|Chair(?:man)?|Mayor|"
          r"Cathaoirleach|Committee|Leader|Cabinet\s+Member))")
# "the MCA and North Somerset will work with MHCLG …"
_ACTORS = rf"{_ACTOR}(?:\s+and\s+(?:the\s+)?(?:(?-i:[A-Z][\w’'-]*)\s*){{1,4}})?"
# What an actor does after the meeting. Verbs of intent or opinion (hope, like, welcome,
# continue, be happy to) are not here: "would like to", "will continue to be involved".
_ACT = (r"(?:write|publish|share|ask|attend|ensure|work|engage|consult|explore|investigate|examine|assess|"
        r"review|look|liaise|contact|meet|arrange|provide|bring|report|revert|come\s+back|circulate|send|"
        r"follow\s+up|raise|seek|take(?!\s+place)|progress|undertake|carry\s+out|commence|prepare|monitor|update|"
        r"inform|advise|confirm|check|visit|inspect|allocate|reconvene|pursue|request|facilitate|organise|install|"
        r"repair|replace|create|submit|notify|respond|forward|establish|hold|convene|schedule)")
_ACT_ING = (r"(?:writing|publishing|sharing|asking|attending|working|engaging|consulting|exploring|"
            r"investigating|reviewing|looking|liaising|contacting|meeting|arranging|providing|bringing|"
            r"reporting|submitting|holding|responding|seeking|undertaking|carrying\s+out)")
_WILL = r"(?:\s+(?:will|would|shall)|’ll|'ll)"  # "we’ll publish that in due course"
_FILLER = r"(?:\s+(?:also|then|now|further|shortly|soon|first|again|directly|immediately)){0,2}"
# A passive delivery is a promise only with where or when it goes ("would be put on the agenda of
# the full Council meeting", "will be available in Q1 2024", "will be advertised shortly").
_PASSIVE = (r"(?:brought|referred|presented|considered|put|placed|circulated|published|completed|advertised|"
            r"available|prepared|carried\s+out|undertaken|forwarded|sent|shared|discussed|raised|examined|"
            r"investigated|taken\s+up|progressed|arranged|scheduled|issued|listed|tabled)")
_WHERE_WHEN = (r"(?:to\s+(?:the|a|an|all|members|(?-i:[A-Z])\w*)|at|by|before|on|for\s+consideration|"
               r"shortly|soon|next|early|later|during|in\s+(?:Q[1-4]|January|February|March|April|May|June|July|"
               r"August|September|October|November|December|early|the\s+(?:new|coming|next|spring|summer|autumn|winter)|\d{4}|due\s+course))")

# Each form of a recorded action, by name (README: what each moved on the dev halves).
FORMS: dict[str, str] = {
    # "it was agreed that this would be brought to the next Joint Policing Committee meeting",
    # "agreed that Limerick City and County Council should write to the Minister"
    "agreed that": rf"\b(?:agreed|(?:was|were)\s+decided|resolved)\s+that\b[^.;]{{0,140}}?\b(?<!that\s)"
                   rf"(?:would|will|should|shall)\s+(?:{_ACT}\b|take\s+place\b|"
                   rf"be\s+{_PASSIVE}(?:\s+and\s+\w+(?:\s+back)?)?\s+{_WHERE_WHEN})",
    # "The Municipal District office will assess …", "we will share the final costs",
    # "officers would, subject to the outcome of the decision taken by Cabinet, create …"
    "actor will act": rf"{_ACTORS}{_WILL}{_FILLER}\s+(?:{_ACT}|be\s+{_ACT_ING})\b"
                      rf"|{_ACTORS}{_WILL},[^,.;]{{3,100}},\s+{_ACT}\b",
    # "Forward Planning would revert back to the OPR", "were requested to revert to …"
    "revert": r"\b(?:will|would|to|shall)\s+(?:\w+\s+)?revert\b",
    # "would be put on the agenda of the full Council meeting", "will be available in Q1 2024"
    "passive with body or time": rf"\b(?:will|would|shall){_FILLER}\s+be\s+{_PASSIVE}(?:\s+and\s+\w+(?:\s+back)?)?"
                                 rf"\s+{_WHERE_WHEN}\b",
    # "Notice of Motion … deferred to March Meeting", "deferred for discussion to the 2024 …"
    "deferred to a meeting": r"\bdeferred\s+(?:for\s+\w+\s+)?(?:to|until)\s+(?:the\s+|a\s+)?(?:next|future|later|\d{4}|"
                             r"January|February|March|April|May|June|July|August|September|October|November|"
                             r"December)\b",
    "consideration will be given": r"\bconsideration\s+(?:will|would)\s+be\s+given\s+to\b",
    # "copies of the presentation to be circulated to members"; an action list's entry
    "to be circulated": r"\bto\s+be\s+(?:circulated|forwarded|sent)\b",
    "action list": r"^\W*actions?(?:\s+(?:agreed|required|point))?\s*[:–-]\s*\w",
    # "the WEEE contract was due to be extended for 12 months", "the strategy was expected to be
    # published in the summer"
    "due to be done": rf"\b(?:is|are|was|were)\s+(?:due|expected|scheduled|planned)\s+to\s+be\s+(?:{_PASSIVE}|"
                      rf"extended|renewed|adopted|launched|finalised|agreed|signed)\b",
    # a delegation naming its task: "agree to delegate finalising any response to the settlement to …"
    "delegated response": r"\bdelegat\w*\s+(?:the\s+)?(?:finalis\w+|submission|drafting|making)\s+(?:of\s+)?"
                          r"(?:any|the|a)\s+(?:response|submission|representations?)\b",
    # a resolution that tasks an officer: "… and asks the Monitoring Officer to update the Constitution"
    "asks an officer": r"\b(?:asks|instructs|directs|requests)\s+the\s+(?:(?-i:[A-Z][\w’'-]*)(?:\s+(?:of|for|and))?"
                       r"\s+){1,6}to\s+\w+",
}
RECORDED_ACTION = re.compile("|".join(f"(?:{form})" for form in FORMS.values()), re.I)

# Hedged or conditional wording that promises nothing: "if there are no objections …",
# "we would be very happy to", "should this work proceed", a suggestion welcomed.
_NOT_PROMISED = re.compile(r"\b(?:would|will)\s+be\s+(?:very\s+)?(?:happy|pleased|glad|keen)\b|"
                           r"\bwelcomed\s+(?:a|the)\s+suggestion\b|\bwould\s+like\s+to\b|\bhoped?\s+that\b", re.I)


# A councillor's notice of a question or motion for the next meeting ("I will ask at the next
# Meeting how many …", "We will move at the next Meeting that the Local Authority would …") is
# the asker's text; only a motion that the council write to someone promises an action.
_NOTICE = re.compile(r"\b(?:I|we)\s+will\s+(?:ask|move)\b", re.I)
_MOTION_TO_WRITE = re.compile(r"\b(?:I|we)\s+will\s+move\b[^.;]{0,120}?\bthat\s+(?:this|the)\s+(?:\w+\s+){0,4}"
                              r"write\s+to\b", re.I)
# A condition first ("If there are no objections …, it will be incorporated", "Subject to the
# completion of the procurement process, …") puts off the promise until it is met.
_CONDITIONAL = re.compile(r"^\W*(?:if|subject\s+to|should|unless|provided)\b", re.I)
def hedged(sentence: str) -> bool:
    """Willing, hoping or welcoming a suggestion: nothing promised ("we would be very happy to
    contribute", "welcomed a suggestion that the Council introduces …")."""
    return bool(_NOT_PROMISED.search(sentence))


def conditional(sentence: str) -> bool:
    return bool(_CONDITIONAL.match(sentence))


# What the meeting did there and then: "agreed that the Report … would be read into the Minutes".
_AT_THE_MEETING = re.compile(r"\bread\s+into\s+the\s+minutes\b|\btaken\s+as\s+read\b", re.I)


# What is asked, or done as a habit, is not promised: "In terms of whether KCC would look to …",
# "Normally, the Department would respond to such requests within two months".
_OPEN_OR_HABITUAL = re.compile(r"\b(?:whether|if|normally|usually|generally|typically)\b[^.;]{0,40}$", re.I)


def recorded_action(sentence: str) -> re.Match[str] | None:
    """The words that record an action to come, or None."""
    if _NOTICE.search(sentence):
        return _MOTION_TO_WRITE.search(sentence)
    if _NOT_PROMISED.search(sentence) or _CONDITIONAL.match(sentence) or _AT_THE_MEETING.search(sentence):
        return None
    for m in RECORDED_ACTION.finditer(sentence):
        if not _OPEN_OR_HABITUAL.search(sentence[:m.start()]):
            return m
    return None


_ACTOR_WILL = re.compile(rf"({_ACTORS}){_WILL}{_FILLER}\s+(?:{_ACT}|be\s+{_ACT_ING})\b", re.I)


def actor_of(sentence: str) -> str:
    """Who the sentence names as about to act ("The Municipal District office will assess …"
    → "Municipal District office"), or "" for a pronoun or none."""
    m = _ACTOR_WILL.search(sentence)
    if not m:
        return ""
    who = re.sub(r"^(?:the\s+)", "", m.group(1).strip(), flags=re.I)
    return "" if who.lower() in ("i", "we", "he", "she") else who
