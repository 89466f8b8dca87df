"""A recorded vote as minutes print it: Kent's "For (12) Mr Baldock, … Against (42) … Abstain (7)
…", Limerick's "In Favour: Councillors Carey, … (17)", or "4 for and 2 against"."""
from __future__ import annotations

import re
from dataclasses import dataclass, field

_VOTE_PART = re.compile(r"\b(for|in\s+favour|against|abstain(?:ed|ing|ions?)?|abstentions?)"
                        r"(?:\s+the\s+(?:proposal|motion|amendment))?\s*(?:\((\d+)\)|:)", re.I)
INLINE_COUNT = re.compile(r"\b(\d+)\s+for\s+and\s+(\d+)\s+against\b", re.I)
_HONOUR = re.compile(r"^(?:CBE|OBE|MBE|KBE|DL|JP|BEM)$")
_OUTCOME_WORDS = re.compile(r"\b(?:motion|amendment|proposal|recommendations?)\b(?:[^.]|(?<=\b[A-Z])\.){0,220}?"
                            r"\b(?:carried|lost|defeated|agreed|fell|withdrawn)\b", re.I)


@dataclass
class Vote:
    """A recorded vote. A count is None when the minutes print names only."""
    for_count: int | None = None
    against_count: int | None = None
    abstain_count: int | None = None
    for_names: list[str] = field(default_factory=list)
    against_names: list[str] = field(default_factory=list)
    abstain_names: list[str] = field(default_factory=list)


def names(text: str) -> list[str]:
    """'Mr Baker, Sir Paul Carter, CBE, Mr Hill' → three people (an honour stays with its name);
    'Councillors Butler, Egan (14)' → Butler, Egan."""
    text = re.sub(r"\(\d+\)|\*", " ", text)
    text = re.sub(r"^\s*(?:Councillors?|Cllrs?\.?)\s+", "", text.strip(), flags=re.I)
    out: list[str] = []
    for part in re.split(r",|\band\b", text):
        part = " ".join(part.split()).strip(" .;")
        if not part:
            continue
        if _HONOUR.match(part) and out:
            out[-1] += ", " + part
        else:
            out.append(part)
    return out


def parse_vote(text: str) -> Vote:
    """The counts and names of one recorded vote, Kent's 'For (12) names' or Limerick's 'In Favour: names (17)'."""
    vote = Vote()
    parts = list(_VOTE_PART.finditer(text))
    for k, m in enumerate(parts):
        body = text[m.end():parts[k + 1].start() if k + 1 < len(parts) else len(text)]
        body = body[:_OUTCOME_WORDS.search(body).start()] if _OUTCOME_WORDS.search(body) else body
        body = re.split(r"\b(?:Motion|Amendment|Substantive|The\s+(?:voting|Mayor|Cathaoirleach|Chair))\b", body)[0]
        trailing = re.search(r"\((\d+)\)\s*\**\s*$", body.strip())
        count = int(m.group(2)) if m.group(2) else int(trailing.group(1)) if trailing else None
        who = names(body)
        side = m.group(1).lower()
        if side.startswith(("for", "in")):
            vote.for_count, vote.for_names = count, who
        elif side.startswith("against"):
            vote.against_count, vote.against_names = count, who
        else:
            vote.abstain_count, vote.abstain_names = count, who
    inline = INLINE_COUNT.search(text)
    if inline and vote.for_count is None:
        vote.for_count, vote.against_count = int(inline.group(1)), int(inline.group(2))
    for side in ("for", "against", "abstain"):  # names printed but no count: count them
        if getattr(vote, f"{side}_count") is None and getattr(vote, f"{side}_names"):
            setattr(vote, f"{side}_count", len(getattr(vote, f"{side}_names")))
    return vote
