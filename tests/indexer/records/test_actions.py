"""Agreed actions are commitments too (Kent minutes, verbatim); a lost motion's wording, a
budget table and a report's own plans are not."""
from __future__ import annotations

from datetime import date

import pytest

from indexer.models import Line, Section
from indexer.records.commitments import find_commitments
from indexer.records.promises import _rejected_motions


def _found(texts: list[str], kind: str = "minutes", title: str = "Minutes") -> list[str]:
    section = Section(date(2024, 12, 19), 12, "Item", kind, title, [Line(t, i + 1) for i, t in enumerate(texts)])
    return [f.sentence for f in find_commitments(section)]


@pytest.mark.parametrize("sentence", [
    "This item was deferred to the next appropriate meeting of Full Council.",
    "Ms Gleave offered to raise the matter with the appropriate service.",
    "The Chair agreed to write to group leaders to remind Members of their duty as a Corporate Parent.",
    "I have asked the Highways Manager to contact you directly once the specific dates have been finalised.",
    "The Chairman advised that tributes to Mr Bullock MBE would be taken at a future meeting.",
    "5. To request that the Executive calls upon all Kent MPs to protect the Kentish rural way of life.",
    "Delegates to the Monitoring Officer the submission of the response to the Consultation in consultation with the Leader of the Council.",
])
def test_agreed_actions_in_minutes(sentence: str) -> None:
    assert _found([sentence])


def test_a_report_describing_plans_promises_nothing() -> None:
    assert not _found(["The final strategy would be published in the summer."], kind="report", title="Report")
    assert not _found(["+£31.8m -£11.4m Retained business rates -£1.8m -£19.7m -£9.4m Cabinet has agreed to provide "
                       "services at a subsidy."])


def test_a_lost_motion_is_no_promise_and_the_resolution_is_the_record() -> None:
    texts = ["Jenni Hawkins proposed, and Mr Stepto seconded the motion that “County Council notes that:",
             "Write to all elected MPs in Kent to inform them that our motion has been passed.”",
             "For (15)", "Ms Hawkins Against (23) Mr Baker Abstain (0) Motion lost."]
    section = Section(date(2024, 12, 19), 12, "Item", "minutes", "Minutes", [Line(t, i + 1) for i, t in enumerate(texts)])
    [(first, last)] = _rejected_motions(section)
    assert first <= 2 <= last


@pytest.mark.parametrize("sentence,owner", [
    ("To request that the Leader of the Council writes to the Chancellor of the Exchequer and the Secretary of State.",
     "Leader of the Council"),
    ("I’ve asked the Director of Highways to look further into this, to ensure lessons can be learned.", "Director of Highways"),
    ("Delegates to the Monitoring Officer the submission of the response to the Consultation.", "Monitoring Officer"),
    ("Ms Gleave offered to raise the matter with the appropriate service.", "Ms Gleave"),
])
def test_the_owner_is_who_is_named_as_doing_it(sentence: str, owner: str) -> None:
    from indexer.records.commitments import who_of
    assert who_of(sentence) == owner
