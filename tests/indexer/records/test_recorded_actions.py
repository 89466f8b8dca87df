"""Actions as minutes, meeting pages and answers record them (indexer/records/actions.py), and
the record parts a section holds: sentences over hard-wrapped lines, a meeting page's minutes,
the answers in a questions paper. Sentences are written in the councils' styles, not copied
from the gold."""
from __future__ import annotations

from datetime import date

import pytest

from indexer.models import Line, Section
from indexer.records.actions import actor_of, recorded_action
from indexer.records.commitments import find_commitments, sentences


def _section(texts: list[str], kind: str = "minutes", title: str = "Minutes") -> Section:
    return Section(date(2024, 2, 21), 7, "Item", kind, title, [Line(t, i + 1) for i, t in enumerate(texts)])


def _found(texts: list[str], kind: str = "minutes", title: str = "Minutes") -> list[str]:
    return [f.sentence for f in find_commitments(_section(texts, kind, title))]


@pytest.mark.parametrize("sentence", [
    "Following discussion it was agreed that the matter would be brought to the next meeting of the Audit Committee.",
    "Members agreed that the Council should write to the Minister seeking additional funding for rural roads.",
    "The Area Office will examine drainage on the Main Street before the winter.",
    "Housing Services will liaise with the approved housing body regarding the vacant units.",
    "We’ll publish the updated figures in due course.",
    "The Senior Engineer would revert to the members with costings for the footpath.",
    "Members were requested to revert to the Meetings Administrator with their nominations.",
    "The draft policy will be presented to the Plenary Council in April.",
    "The tender for the resurfacing works will be advertised shortly.",
    "The motion submitted by Councillor Byrne was deferred to the May meeting.",
    "Consideration will be given to holding the meeting in the evening.",
    "I will move at the next Meeting that this Council write to the Minister for Health asking for more beds.",
    "Council agrees the revised protocol and asks the Head of Legal to update the Constitution accordingly.",
    "The leisure contract was due to be extended for a further year.",
    "Officers would, subject to the Cabinet decision, prepare a programme of work.",
    "Copies of the presentation to be circulated to all members.",
    "Action: Democratic Services to arrange a site visit.",
])
def test_recorded_actions(sentence: str) -> None:
    assert recorded_action(sentence), sentence


@pytest.mark.parametrize("sentence", [
    "The programme would produce the first regional wildlife index.",  # a description: no actor, no delivery
    "I will ask at the next Meeting how many homes were retrofitted in 2023.",  # a councillor's question notice
    "We will move at the next Meeting that the Council would investigate a community festival.",  # a motion's text
    "If there are no objections, the revision will be brought to full Council for adoption.",  # a condition first
    "It was agreed that the report would be read into the minutes of the meeting.",  # done there and then
    "In terms of whether the Council would look to recreate the grading, no decision was made.",  # asked
    "Normally, the Department would respond to such requests within two months.",  # a habit
    "We would be very happy to contribute to such research.",  # willing, not promised
    "Interviews for the Director of Children's Services post would take place later in the month.",
    "Members agreed that children should be placed as close to home as possible.",  # a principle
    "The Council will continue to be involved as the project moves forward.",  # continue: no new act
])
def test_not_recorded_actions(sentence: str) -> None:
    assert not recorded_action(sentence), sentence


def test_a_sentence_runs_over_hard_wrapped_lines_and_is_cited_at_its_first() -> None:
    section = _section(["A question on driver feedback signs was raised, and it was agreed that this would be brought to the next",
                        "", "Joint Policing Committee meeting. The Chair thanked the members.",
                        "8. Notice of Motion", "The motion was adopted."])
    got = sentences(section)
    assert got[0] == ("A question on driver feedback signs was raised, and it was agreed that this would be brought "
                      "to the next Joint Policing Committee meeting.", section.lines[0])
    assert ("The Chair thanked the members.", section.lines[2]) in got
    assert all("Notice of Motion The motion" not in s for s, _ in got)  # a short heading ends its run


def test_no_sentence_break_after_a_title_or_an_initial() -> None:
    got = [s for s, _ in sentences(_section(["Notice of Motion submitted by Councillor A. Byrne asking that Ms. Walsh attend."]))]
    assert got == ["Notice of Motion submitted by Councillor A. Byrne asking that Ms. Walsh attend."]


def test_a_meeting_page_records_only_in_its_decision_and_minutes_blocks() -> None:
    page = ["7. Audit Committee comments", "To receive comments; written replies will be sent to questioners in advance.",
            "Minutes:", "The Committee would reconvene on 27 April to consider the outstanding items."]
    assert _found(page, kind="agenda", title="Meeting page") == [page[3]]
    assert _found(page[:2], kind="agenda", title="Agenda") == []


def test_public_statements_and_the_askers_words_promise_nothing() -> None:
    assert _found(["They promised to seek answers to my questions about the bill."], kind="report",
                  title="Joint meeting 27 March statements") == []
    paper = ["Question 3 – A Resident", "Will officers write to every household about the scheme before it starts?",
             "Mayor’s Response:", "Officers will write to every household on the route before works start."]
    assert _found(paper, kind="report", title="Public questions and Mayor's responses") == [paper[3]]


def test_the_actor_is_the_owner() -> None:
    assert actor_of("The Municipal District office will assess traffic speeds at the school.") == "Municipal District office"
    assert actor_of("We will share the costs when confirmed.") == ""
    got = find_commitments(_section(["Roads Services will inspect the bridge parapet before the end of March."]))
    assert [f.who for f in got] == ["Roads Services"]


@pytest.mark.parametrize("paper,owner", [
    # a councillor's question to a Cabinet Member, the role on the line below the name
    (["Question by Jo Bloggs to Sam Smith,", "Cabinet Member for Highways and Transport",
      "Will the Cabinet Member ask for the junction to be resurfaced?", "Answer",
      "I have asked our officers to survey the junction again."],
     "Sam Smith, Cabinet Member for Highways and Transport"),
    # a resident's question whose answer is headed by who gives it
    (["Question 2 – A Resident", "Will the bus stop be moved back?", "Mayor’s Response:",
      "I will ensure that officers write to the parish council before works start."], "Mayor"),
])
def test_a_first_person_promise_in_an_answer_is_the_answerers(paper: list[str], owner: str) -> None:
    got = find_commitments(_section(paper, kind="report", title="Questions put and answers given"))
    assert [(f.sentence, f.who) for f in got] == [(paper[-1], owner)]


def test_a_promise_in_an_answer_naming_its_doer_keeps_that_doer() -> None:
    paper = ["Question by Jo Bloggs to Sam Smith,", "Cabinet Member for Highways and Transport",
             "What will happen next?", "Answer", "Roads Services will inspect the bridge parapet before the end of March."]
    got = find_commitments(_section(paper, kind="report", title="Questions put and answers given"))
    assert [f.who for f in got] == ["Roads Services"]


@pytest.mark.parametrize("sentence,actor", [
    ("LCC will write to every school in the district before the consultation opens.", "LCC"),  # a county council
    ("The GMCA would publish the revised bus timetable in January.", "GMCA"),  # a combined authority
    ("BCC will review the charging policy by the end of March.", "BCC"),  # a city council
])
def test_any_authority_named_by_its_initials_is_an_actor(sentence: str, actor: str) -> None:
    assert recorded_action(sentence), sentence
    assert actor_of(sentence) == actor


def test_initials_of_a_company_or_agency_are_not_the_authority() -> None:
    # "DAC" (a designated activity company) and "NTA" (a national agency) are not the authority promising
    assert not recorded_action("Moving forward the DAC will seek to develop other opportunities.")
    assert actor_of("The NTA will review the bus network next year.") == ""
