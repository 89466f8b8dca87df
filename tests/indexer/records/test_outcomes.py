"""A decision carries how it was reached: its motion's mover and seconder, the recorded vote,
the amendments moved on it and what became of each. Lines are verbatim from Kent County
Council's minutes (13 February and 9 January 2025) and Limerick's (26 February 2024)."""
from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest

from indexer.models import Line, Section
from indexer.records.votes import parse_vote
from indexer.records.promises import _decided
from indexer.store.database import Store

from tests.conftest import SHARED, need

KENT_BUDGET = [
    "(4) Mr Oakford proposed and Mr Gough Seconded the following motion:",
    "“County Council, having given due regard to the s25 Report, is asked to agree the following:",
    "(a) The 10-year Capital programme and investment proposals of £1,419m.”",
    "(7) Mr Brady proposed, and Ms Meade seconded the following amendment:",
    "Proposed Purpose:",
    "“To amend the budget proposed by the Administration in line with the Labour Group’s Alternative Budget in accordance with sections 8.10 – 14 of the Constitution.”",
    "(8) Following the debate, the Chairman put to the vote the amendment set out in paragraph 7 above and the voting was as follows:",
    "For (12)",
    "Mr Baldock, Mr Brady, Mr Campkin, Ms Constantine, Ms Dawkins, Ms Grehan, Mr Hood, Mr Lehmann, Mr Lewis, Ms Meade, Mr Stepto, Dr Sullivan Against (42) Mr Baker, Mr Bartlett, Sir Paul Carter, CBE, Mr Hill, OBE Abstain (7) Mr Chittenden, Mr Hook, Mr Passmore, Mr Ross, Mr Shonk, Mr Streatfeild, MBE, Mr Whiting Amendment lost.",
    "(26) Mr Gough and Mr Oakford summarised the debate. As all the amendments had either been determined or withdrawn, the Chairman put to the vote the substantive motion as set out in Item 6, paragraph 4 above and the voting was as follows:",
    "For (41)",
    "Mr Baker, Mr Bartlett Against (10) Mr Campkin, Mr Chittenden Abstain (7)",
    "Mr Brady, Ms Constantine Substantive Motion Carried.",
    "(27) RESOLVED that:",
    "(c) The net revenue budget requirement of £1,530.9m for 2025-26.",
]

KENT_DEVOLUTION = [
    "5) Mr Gough proposed, and Mr Oakford seconded the motion that “County Council is asked to:",
    "(1) Endorse the ongoing joint work between KCC, Medway Council and District and Borough Council Leaders”",
    "15) Mr Streatfeild proposed and Mr Sole seconded the following amendment to the motion set out in paragraph 5:",
    "“County Council is asked to:",
    "(5) Expects there to be as much transparency as possible in this process.” Amendment carried.",
    "16) Following the debate, the Chairman put the amendment set out at paragraph 15 to the vote and it was agreed.",
    "17) Mr Hood proposed and Mr Baldock seconded the following amendment to the substantive motion set out in paragraph 15:",
    "“County Council is asked to: (2) Comment that the Council does not support the proposal.”",
    "18) Following the debate, the Chairman put the amendment set out in paragraph 17 to the vote and the voting was as follows:",
    "For (14)",
    "Mr Baldock, Mr Brady Against (45) Mr Baker, Mr Barrington-King Abstain (4) Mr Chittenden, Mr Cole Amendment lost.",
    "25) The Chairman put the substantive motion set out in paragraph 15 to the vote and the voting was as follows:",
    "For (39)",
    "Mr Baker, Mr Bartlett Against (19) Mr Baldock Abstain (1) Mr Sole",
    "26) RESOLVED that the County Council:",
    "(5) Expects there to be as much transparency as possible in this process.",
]

LIMERICK_PATRICKSWELL = [
    "The Mayor then directed that a vote be taken on the proposed amendment by Councillor F. Kilcoyne", "",
    "and seconded by Councillor K. O’Hanlon and the result of the vote was as follows:", "",
    "**In Favour:**", "",
    "Councillors Carey, Collins (B), Collins (J), Collins (M), Daly, Foley, Kilcoyne, O’Donoghue, O’Hanlon,", "",
    "Pond, Ryan (E), Scanlan, Secas, Sheahan (K), Slattery, Talukder, Teefy **(17)**", "",
    "**Against:**", "",
    "Councillors Butler, Egan, Galvin, Kiely, Murphy, O’Donovan, O’Sullivan, Sheahan (J), Sheahan (M) **(9)**", "",
    "**Abstain:**", "",
    "Councillors Hartigan, Keary, Mitchell, Novak Uí Chonchúir, Teskey **(5)**", "",
    "The Mayor declared the Amendment proposed by Councillor F. Kilcoyne and seconded by Councillor", "",
    "K. O’Hanlon as carried.", "",
    "**Resolution**", "",
    "Proposed: Cllr. Fergus Kilcoyne", "",
    "Seconded: Cllr. Kieran O’Hanlon", "",
    "And Resolved", "",
    "“To make the Patrickswell Local Area Plan 2024-2030, in accordance with the Material Alterations", "",
    "Report, dated the 9th of December 2023 with the exception of Proposed Amendment No. 1.”", "",
    "This concluded the meeting.",
]


def _minutes(texts: list[str]) -> Section:
    return Section(date(2025, 2, 13), 6, "Budget", "minutes", "Minutes", [Line(t, i + 1) for i, t in enumerate(texts)])


def test_kent_budget_resolution_carries_its_vote_and_the_lost_amendment() -> None:
    [(kind, text, _, outcome)] = _decided(_minutes(KENT_BUDGET))
    assert kind == "resolution" and "£1,530.9m" in text
    assert (outcome.outcome, outcome.mover, outcome.seconder) == ("carried", "Mr Oakford", "Mr Gough")
    assert (outcome.vote.for_count, outcome.vote.against_count, outcome.vote.abstain_count) == (41, 10, 7)
    [amendment] = outcome.amendments
    assert (amendment["mover"], amendment["seconder"], amendment["outcome"]) == ("Mr Brady", "Ms Meade", "lost")
    assert "Labour Group’s Alternative Budget" in amendment["text"]
    assert amendment["vote"]["for_count"] == 12 and amendment["vote"]["against_count"] == 42
    assert "Sir Paul Carter, CBE" in amendment["vote"]["against_names"]  # an honour stays with its name
    assert len(amendment["vote"]["abstain_names"]) == 7


def test_a_resolution_reached_through_a_carried_amendment_is_amended() -> None:
    [(_, _, _, outcome)] = _decided(_minutes(KENT_DEVOLUTION))
    assert outcome.outcome == "amended" and outcome.mover == "Mr Gough"
    assert [(a["mover"], a["outcome"]) for a in outcome.amendments] == [("Mr Streatfeild", "carried"), ("Mr Hood", "lost")]
    assert outcome.vote.for_count == 39 and outcome.vote.against_count == 19


def test_limerick_proposed_seconded_and_resolved_with_a_recorded_vote() -> None:
    [(kind, text, _, outcome)] = _decided(_minutes(LIMERICK_PATRICKSWELL))
    assert kind == "resolution" and "Patrickswell Local Area Plan" in text and "exception of Proposed Amendment" in text
    assert (outcome.mover, outcome.seconder, outcome.outcome) == ("Cllr. Fergus Kilcoyne", "Cllr. Kieran O’Hanlon", "amended")
    [amendment] = outcome.amendments
    assert (amendment["mover"], amendment["seconder"], amendment["outcome"]) == (
        "Councillor F. Kilcoyne", "Councillor K. O’Hanlon", "carried")
    assert (amendment["vote"]["for_count"], amendment["vote"]["against_count"], amendment["vote"]["abstain_count"]) == (17, 9, 5)
    assert "Collins (B)" in amendment["vote"]["for_names"]


def test_a_motion_lost_is_a_decision_too() -> None:
    texts = ["Jenni Hawkins proposed, and Mr Stepto seconded the motion that “County Council notes the Climate and Nature Bill.”",
             "Following the debate, the Chairman put the motion to the vote and the voting was as follows:",
             "For (15)", "Ms Hawkins, Mr Stepto Against (23) Mr Baker Abstain (0) Motion lost."]
    [(kind, text, _, outcome)] = _decided(_minutes(texts))
    assert kind == "motion" and "Climate and Nature Bill" in text and outcome.outcome == "lost"
    assert outcome.vote.for_count == 15 and outcome.vote.against_count == 23


def test_procedure_is_not_the_decision() -> None:
    texts = ["1) Mr Oakford proposed, and Mr Jeffrey seconded the motion that “Council is asked to endorse the attached Pay Policy Statement.”",
             "2) Mr Brady proposed and Ms Meade seconded that the motion be put to the vote.", "Agreed.",
             "3) The Chairman put the motion set out in paragraph 1 to the vote and the voting was as follows:",
             "For (32)", "Mr Baker, Mr Brady Against (1) Mr Ross Abstain (2) Mr Sole, Mr Hook",
             "4) RESOLVED that Council endorses the attached Pay Policy Statement."]
    [(_, _, _, outcome)] = _decided(_minutes(texts))
    assert outcome.mover == "Mr Oakford" and outcome.vote.for_count == 32 and outcome.outcome == "carried"


def test_names_only_votes_are_counted() -> None:
    vote = parse_vote("For the proposal: Councillor Collins, O’Brien, O’Donoghue and Sheahan. "
                      "Against the proposal: Councillor Keary and Teskey.")
    assert (vote.for_count, vote.against_count) == (4, 2)


def test_a_resolution_without_a_printed_vote_claims_no_outcome() -> None:
    [(_, _, _, outcome)] = _decided(_minutes(["RESOLVED that the report be noted."]))
    assert outcome.outcome == "" and outcome.vote is None and outcome.amendments == []


@pytest.fixture(scope="module")
def limerick_index(tmp_path_factory: pytest.TempPathFactory) -> Path:
    from indexer.build import build_index
    from indexer.config import Settings
    from indexer.store.embedder import HashingEmbedder
    tmp = tmp_path_factory.mktemp("limerick")
    folder = tmp / "index"
    build_index([need(SHARED / "councils" / "limerick-city-and-county-council")], folder,
                Settings(model="hashing", cache_dir=tmp / "cache"), HashingEmbedder())
    return folder


def test_limerick_resolutions_are_decisions_with_mover_and_seconder(limerick_index: Path) -> None:
    """Before 'And Resolved' was read, Limerick's 27 meetings gave no decisions at all."""
    rows = Store(limerick_index).query("SELECT * FROM decisions WHERE kind = 'resolution'")
    assert len(rows) >= 90
    assert sum(1 for r in rows if r["mover"] and r["seconder"]) / len(rows) >= 0.9
    made = [r for r in rows if "To make the Patrickswell Local Area Plan" in r["text"] and r["outcome"] == "amended"]
    assert made and json.loads(made[0]["amendments"])[0]["vote"]["for_count"] == 17


def test_a_moderngov_decisions_page_records_each_items_decision() -> None:
    """WECA's 'Agenda and decisions' page (5 June 2026, item 9), verbatim: read as an agenda,
    its 'Decision:' blocks are the meeting's resolutions (before: none of WECA's were read)."""
    texts = ["9. Investment Fund Programme and Grant Assurance",
             "To update on the overall Investment Fund (IF) programme and headroom.",
             "Decision:", "That the West of England Combined Authority Committee:",
             "(1) Delegated the authority to the West of England Combined Authority Director of Place to approve the Full Business Case;",
             "(2) Allocated £5m of Investment Fund capital to create a Nature Recovery Fund;",
             "10. Delivery Assurance"]
    section = Section(date(2026, 6, 5), 9, "Investment Fund", "agenda", "Agenda", [Line(t, i + 1) for i, t in enumerate(texts)])
    [(kind, text, line, outcome)] = _decided(section)
    assert kind == "resolution" and line.number == 3 and outcome.outcome == ""
    assert text.startswith("That the West of England") and "Nature Recovery Fund" in text and "Delivery Assurance" not in text
    assert _decided(Section(date(2026, 6, 5), 9, "x", "agenda", "Agenda", [Line("9. Investment Fund Programme", 1)])) == []
