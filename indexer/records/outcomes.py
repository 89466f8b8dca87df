"""How a decision was reached: the motions and amendments moved on an item, who moved and
seconded each, the recorded vote, and what became of it (carried, lost, withdrawn).

Read from the minutes' own words, in order, two house styles:

Kent:      "(7) Mr Brady proposed, and Ms Meade seconded the following amendment:" … the text …
           "For (12) Mr Baldock, … Against (42) Mr Baker, … Abstain (7) Mr Chittenden … Amendment lost."
Limerick:  "Proposed by Councillor Collins (M); Seconded by Councillor Sheahan (J); And Resolved:"
           "In Favour: Councillors Carey, … (17)  Against: … (9)  Abstain: … (5)"
           "The Mayor declared the Amendment proposed by Councillor F. Kilcoyne … as carried."

Nothing is guessed: a resolution whose minutes give no vote and no outcome has none.
"""
from __future__ import annotations

import re
from dataclasses import asdict, dataclass, field

from indexer.models import Line
from indexer.records.votes import INLINE_COUNT, Vote, parse_vote
from indexer.structure.patterns import LIMB, RESOLUTION, clean

# A name keeps its capitals even inside a case-blind pattern ("Councillor Kiely it was …" stops at "it")
_PERSON = r"(?:the\s+)?(?-i:[A-Z][\w.'’-]*(?:\s+(?:[A-Z][\w.'’-]*|\([A-Z]\)|de|van|Uí|Ní)){0,4})"
# "Mr Brady proposed, and Ms Meade seconded the following amendment" / "… seconded the motion that"
_KENT_MOVED = re.compile(rf"^(?:\(?\d+\)\s*)?(?P<mover>{_PERSON})\s+proposed,?\s+and\s+(?P<seconder>{_PERSON})\s+"
                         rf"seconded,?\s*(?:the\s+following\s+|the\s+)?(?P<what>amendment|motion)?", re.I)
# "On the proposal of Councillor Sheahan (J), and seconded by Councillor Kiely it was proposed to defer …"
_ON_PROPOSAL = re.compile(rf"^on\s+the\s+proposal\s+of\s+(?P<mover>{_PERSON}),?\s+and\s+seconded\s+by\s+(?P<seconder>{_PERSON})"
                          rf"\s*,?\s*(?P<rest>.*)$", re.I)
_PROPOSED_BY = re.compile(rf"^(?:proposed(?:\s+by)?\s*:?\s*)(?P<who>{_PERSON})\s*[;,.]?\s*$", re.I)
_SECONDED_BY = re.compile(rf"^(?:seconded(?:\s+by)?\s*:?\s*)(?P<who>{_PERSON})\s*[;,.]?\s*$", re.I)
# "vote be taken on the proposed amendment by Councillor F. Kilcoyne and seconded by Councillor K. O’Hanlon"
_VOTE_ON_AMENDMENT = re.compile(rf"\bvote\s+be\s+taken\s+on\s+the\s+(?:proposed\s+)?amendment\s+(?:proposed\s+)?by\s+(?P<mover>{_PERSON})\s+and\s+seconded\s+by\s+"
                                rf"(?P<seconder>{_PERSON})", re.I)
# A recorded vote starts on its own line: "For (57)", "**In Favour:**", "**For the proposal:**"
_VOTE_START = re.compile(r"^(?:for|in\s+favour)(?:\s+the\s+(?:proposal|motion|amendment))?\s*(?:\(\d+\)|:)", re.I)
# "the Chairman put to the vote the substantive motion", "put the amendment set out at paragraph 15 to the vote"
_PUT = re.compile(r"\bput\s+(?:to\s+the\s+vote\s+)?the\s+(?P<what>substantive\s+motion|motion|amendment)\b", re.I)
_OUTCOME = re.compile(r"\b(?P<what>substantive\s+motion|motion|amendment|proposal|recommendations?)\b(?:[^.]|(?<=\b[A-Z])\.){0,220}?"
                      r"\b(?:was\s+|were\s+|as\s+|be\s+)?(?P<how>carried|lost|defeated|agreed|fell|withdrawn)\b", re.I)
_BARE_OUTCOME = re.compile(r"^(?P<how>carried|lost|agreed|withdrawn)\.?$", re.I)
# An amendment's wording ends where the vote on it begins; longer than this, it is the debate.
MAX_AMENDMENT_CHARS = 3000  # the longest Kent budget amendment (13 Feb 2025, para 15) is ~1,100 characters
VOTE_LINES = 8  # a recorded vote in Kent fills 2-4 lines, Limerick's 6-7 (each list with a blank line)
_WORD = {"defeated": "lost", "fell": "lost", "agreed": "carried"}


@dataclass
class Motion:
    kind: str  # "motion" or "amendment"
    text: str = ""
    mover: str = ""
    seconder: str = ""
    outcome: str = ""  # carried, lost, withdrawn or "" when the minutes do not say
    vote: Vote | None = None
    line: int = 0  # first and last line numbers of its wording
    end: int = 0

    def to_dict(self) -> dict:
        return {k: v for k, v in asdict(self).items() if k not in ("line", "end")}


def _person(text: str) -> str:
    return " ".join(re.sub(r"^(?:the\s+)?", "", text.strip(" ;,.")).split()) if text else ""


def proceedings(lines: list[Line]) -> list[tuple[int, Motion]]:
    """Every motion and amendment moved in these lines, in order, as (index of its first line, motion)."""
    lines = [ln for ln in lines if clean(ln.text) and not re.fullmatch(r"-{3,}|\*+", clean(ln.text))]
    last = list(range(len(lines)))
    texts = _joined([clean(ln.text) for ln in lines], last)
    out: list[tuple[int, Motion]] = []
    current: Motion | None = None
    collecting = False  # the amendment's wording follows its "proposed … seconded" line
    pending_mover = ""
    k = 0
    while k < len(texts):
        text = texts[k]
        if not text or re.fullmatch(r"-{3,}|\*+", text):
            k += 1
            continue
        moved = _KENT_MOVED.match(text) or _ON_PROPOSAL.match(text)
        by = _PROPOSED_BY.match(text)
        seconded = _SECONDED_BY.match(text)
        on_amendment = _VOTE_ON_AMENDMENT.search(text)
        put = _PUT.search(text)
        if put and not moved:
            wanted = "amendment" if put.group("what").lower() == "amendment" else "motion"
            target = next((m for _, m in reversed(out) if m.kind == wanted and not PROCEDURAL.search(m.text)), None)
            if target is None:
                target = Motion(wanted, line=lines[k].number)
                out.append((k, target))
            current, collecting = target, False
            if _settles(text[put.end():]) or re.search(r"\bit\s+was\s+(?:agreed|carried|lost)\b", text, re.I):
                _settle(current, re.sub(r"^.*?\bit\s+was\s+", "", text[put.end():]))
            k += 1
            continue
        if moved:
            what = moved.groupdict().get("what") or ""
            kind = "amendment" if what.lower() == "amendment" else "motion"
            current = Motion(kind, mover=_person(moved.group("mover")), seconder=_person(moved.group("seconder")),
                             line=lines[k].number)
            rest = (moved.groupdict().get("rest") or text[moved.end():]).strip()
            rest = rest[1:].strip() if rest.startswith(":") else rest  # "seconded the following motion:"
            current.text, current.end = rest, lines[last[k]].number
            out.append((k, current))
            collecting = True
        elif by:
            pending_mover = _person(by.group("who"))
        elif seconded and pending_mover:
            current = Motion("motion", mover=pending_mover, seconder=_person(seconded.group("who")), line=lines[k].number)
            out.append((k, current))
            pending_mover, collecting = "", False
        elif on_amendment and not (current and current.kind == "amendment" and current.vote is None and
                                   current.mover.split()[-1:] == _person(on_amendment.group("mover")).split()[-1:]):
            current = Motion("amendment", mover=_person(on_amendment.group("mover")),
                             seconder=_person(on_amendment.group("seconder")), line=lines[k].number)
            out.append((k, current))
            collecting = False
        elif _VOTE_START.match(text) or (INLINE_COUNT.search(text) and current):
            block = [text]
            j = k + 1
            while j < len(texts) and j <= k + VOTE_LINES and not _OUTCOME.search(" ".join(block)):
                if _KENT_MOVED.match(texts[j]) or re.match(r"^\(?\d+\)\s", texts[j]):
                    break
                block.append(texts[j])
                j += 1
            joined = " ".join(b for b in block if b)
            if current is None:
                current = Motion("motion", line=lines[k].number)
                out.append((k, current))
            current.vote = parse_vote(joined)
            _settle(current, joined)
            collecting = False
            k = j
            continue
        elif current is not None and _settles(text):
            _settle_named(out, current, text)
            collecting = False
        elif collecting and current is not None:
            if _PARAGRAPH.match(text) or RESOLUTION.match(text):
                collecting = False  # Kent numbers each paragraph of debate "2)", "(8)": the wording has ended
            elif not (_open(current.text) or _FORM_FIELD.match(text) or LIMB.match(text) or _unquoted(current.text)):
                collecting = False  # the wording is complete: what follows is the debate
            elif len(current.text) < MAX_AMENDMENT_CHARS:
                current.text = (current.text + " " + text).strip()
                current.end = lines[last[k]].number
                if _settles(text):  # "(5) Expects … process.” Amendment carried."
                    _settle(current, text)
        k += 1
    for _, m in out:
        m.text = _OUTCOME.sub("", m.text).strip() if m.text.endswith(("carried.", "lost.", "Carried.", "Lost.")) else m.text
        m.text = m.text[:MAX_AMENDMENT_CHARS]
    return out


_FORM_FIELD = re.compile(r"^Proposed\s+(?:Purpose|Amount|Funding\s+Source)\s*:", re.I)  # Kent's budget amendment form


def _open(text: str) -> bool:
    """The motion's wording goes on: nothing yet, a colon, or a quotation not yet closed."""
    return not text or text.endswith((":", " that")) or text == "that" or text.count("“") > text.count("”") or text.count('"') % 2 == 1


_CUT = re.compile(r"(?:\b(?:by|and|of|the|Councillors?|Cllr\.?|declared|proposed|seconded)|,)$", re.I)


def _joined(texts: list[str], last: list[int] | None = None) -> list[str]:
    """Limerick's minutes wrap a sentence over lines ("… proposed by Councillor F. Kilcoyne" /
    "and seconded by Councillor K. O’Hanlon …"): a line left mid-phrase takes the next one in,
    which then reads as empty, so indices still match the section's lines."""
    out = list(texts)
    for k in range(len(out)):
        if not out[k]:
            continue
        j = k + 1
        while j < len(out) and j <= k + 4:
            if not out[j]:
                j += 1
                continue
            if _CUT.search(out[k]) or (out[j][:1].islower() and not out[k].endswith((".", ":", ";", "”", '"'))):
                out[k], out[j] = out[k] + " " + out[j], ""
                if last is not None:
                    last[k] = j  # line k now holds line j's words: a span ending at k ends at j
                j += 1
                continue
            break
    return out


_PARAGRAPH = re.compile(r"^\(?\d{1,3}\)\s")


def _unquoted(text: str) -> bool:
    """Kent's unquoted motions ("… seconded the motion that" / "This Council believes that:" /
    "a) …" / "And;" / "This Council agrees to call on …") run to the next numbered paragraph."""
    return "“" not in text and '"' not in text and len(text) < MAX_AMENDMENT_CHARS


def _settles(text: str) -> bool:
    return bool(_OUTCOME.search(text) or _BARE_OUTCOME.match(text))


def _settle(motion: Motion, text: str) -> None:
    found = _OUTCOME.search(text) or _BARE_OUTCOME.match(text)
    if found and not motion.outcome:
        how = found.group("how").lower()
        motion.outcome = _WORD.get(how, how)


def _settle_named(out: list[tuple[int, Motion]], current: Motion, text: str) -> None:
    """'The Mayor declared the Amendment proposed by Councillor F. Kilcoyne … as carried': the
    outcome belongs to the amendment it names, else to the latest motion."""
    found = _OUTCOME.search(text)
    what = (found.group("what") if found else "").lower()
    target = current
    if what == "amendment":
        target = next((m for _, m in reversed(out) if m.kind == "amendment" and not m.outcome), current)
    elif what.startswith("substantive"):
        target = next((m for _, m in reversed(out) if m.kind == "motion"), current)
    _settle(target, text)


# Motions about the meeting's procedure, not its business: "extend the meeting beyond 4.30pm",
# "that the motion be put to the vote". Kent 13 March 2025 has two, each just before a resolution.
PROCEDURAL = re.compile(r"\bextend\s+the\s+meeting|\bbe\s+(?:now\s+)?put\s+to\s+the\s+vote|\badjourn|"
                        r"\bsuspend|\bstanding\s+orders?\b|\bdefer\s+the\s+meeting", re.I)


def decision_outcome(motions: list[Motion]) -> tuple[str, Motion | None]:
    """What the resolution's own motion came to, and that motion: 'amended' when an amendment
    to it was carried first; 'carried' when the motion's vote or words say so."""
    substantive = next((m for m in reversed(motions) if m.kind == "motion" and not PROCEDURAL.search(m.text)), None)
    amended = any(m.kind == "amendment" and m.outcome == "carried" for m in motions)
    outcome = substantive.outcome if substantive else ""
    if not outcome and substantive and substantive.vote and substantive.vote.for_count is not None \
            and substantive.vote.against_count is not None and substantive.vote.for_count > substantive.vote.against_count:
        outcome = "carried"  # the vote is printed and the resolution follows it: the motion passed
    if amended and outcome in ("carried", ""):
        outcome = "amended"
    return outcome, substantive


@dataclass
class Outcome:
    """What a decision came to, for the decisions table."""
    outcome: str = ""
    mover: str = ""
    seconder: str = ""
    vote: Vote | None = None
    amendments: list[dict] = field(default_factory=list)

    def columns(self) -> dict:
        import json
        return {"outcome": self.outcome, "mover": self.mover, "seconder": self.seconder,
                "votes": json.dumps(asdict(self.vote)) if self.vote else None,
                "amendments": json.dumps(self.amendments)}


def outcomes_for(lines: list[Line], starts: list[int]) -> tuple[list[Outcome], list[Motion]]:
    """For each resolution starting at line number starts[i]: the motions moved since the last
    one. Also the voted motions no resolution follows (a motion lost, a procedural motion
    carried): decisions too, which the minutes record only as "Motion lost"."""
    moved = proceedings(lines)
    out: list[Outcome] = []
    used: set[int] = set()
    previous = -1
    for start in starts:
        mine = [m for _, m in moved if previous < m.line <= start]
        used |= {id(m) for m in mine}
        outcome, substantive = decision_outcome(mine)
        out.append(Outcome(outcome, substantive.mover if substantive else "", substantive.seconder if substantive else "",
                           substantive.vote if substantive else None,
                           [m.to_dict() for m in mine if m.kind == "amendment"]))
        previous = start
    loose = [m for _, m in moved if id(m) not in used and m.kind == "motion" and (m.outcome or m.vote) and m.text
             and not PROCEDURAL.search(m.text)]
    return out, loose
