"""Who owns a commitment, in the words a reader looks for: the doer the sentence names
(commitments.who_of), with the authority's own ways of naming itself written out, and where
nobody is named, the body that bound itself.

Flows in: the named doer (or ""), the sentence, the kind of paper it was read from, the
meeting's committee and the council. Flows out: an owner, or "" when the papers leave it open.

Measured on the dev halves of the hand-written gold (tests/data/commitments/split.tsv): most
owner disagreements were blanks where the record says who is bound without a name: "RESOLVED
that …" and "it was agreed to write …" in minutes bind the meeting's body; "we will share the
final costs" in an authority's answer binds the authority; "KCC will be submitting" and "that
this Council write to the Minister" name the council in short.
"""
from __future__ import annotations

import re

from indexer.records.actions import AUTHORITY_INITIALS

# The authority speaking for itself in an answer or report ("we will share", "we'll publish").
_WE = re.compile(r"\b(?:we|we’ll|we'll|we’re|we're)\b(?!\s+(?:would\s+like|hope|welcome))", re.I)
# A body's own act recorded in its minutes, naming no one else to do it.
_BODY_BOUND = re.compile(r"\bRESOLVED\b|\bagreed\b|\bdeferred\b|\bdecided\b|\bto\s+be\s+(?:circulated|forwarded|sent)\b",
                         re.I)
# "that this Council write to the Minister …", "the Council will …": the council itself.
_COUNCIL_ACTS = re.compile(r"\b(?:this|the)\s+Council\s+(?:write|writes|will|would|should|shall|agree|agrees)\b")
_JUST_COUNCIL = re.compile(r"^(?:the\s+|this\s+)?Council$", re.I)
_INITIALS = re.compile(rf"^{AUTHORITY_INITIALS}$")
# A meeting of the whole council: its acts are the council's ("Full Council", "County Council").
_WHOLE_COUNCIL = re.compile(r"^(?:full|county|city|borough|district|plenary|annual)?\s*council(?:\s+meeting)?$", re.I)


def initials(name: str) -> str:
    """"Kent County Council" → "KCC"; "Limerick City and County Council" → "LCCC"."""
    return "".join(w[0] for w in name.split() if w[:1].isupper())


def owner(named: str, sentence: str, paper_kind: str, committee: str, council: str) -> str:
    if _COUNCIL_ACTS.search(sentence) and council:
        return council
    if named:
        bare = re.sub(r"^(?:the|this)\s+", "", named.strip(), flags=re.I)
        if council and (_JUST_COUNCIL.match(named.strip()) or (_INITIALS.match(named.strip()) and bare == initials(council))):
            return council
        return named
    if _WE.search(sentence) and council:
        return council
    if paper_kind == "minutes" and _BODY_BOUND.search(sentence):
        return council if (not committee or _WHOLE_COUNCIL.match(committee.strip())) and council else committee
    return ""
