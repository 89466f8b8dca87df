"""Commitments and decisions: extraction shapes, due dates, follow-through, API and page."""
from __future__ import annotations

import csv
import re
from datetime import date
from pathlib import Path

import pytest

from indexer.records.commitments import find_commitments, kind_of, who_of
from indexer.records.due import normalise_due
from indexer.models import Line, Section
from indexer.store.database import Store

from tests.conftest import EVAL, SEEDS, need
from tests.api.http.test_api import make_client


def _key(item_id: str) -> str:
    return item_id[:10] + "#" + item_id.rsplit("-item-", 1)[1]


def _norm(text: str) -> str:
    return " ".join(text.split()).lower()


@pytest.fixture(scope="module")
def extracted(seed_index_fake: Path) -> list[dict]:
    return [dict(r) for r in Store(seed_index_fake).query("SELECT * FROM commitments")]


def test_gold_commitments_are_found_and_linked(extracted: list[dict]) -> None:
    gold = list(csv.DictReader(need(EVAL / "seeds-commitments.tsv").open(), delimiter="\t"))
    found = [g for g in gold if any(_key(c["item_id"]) == g["where"] and _norm(g["phrase"]) in _norm(c["sentence"])
                                    for c in extracted)]
    assert len(found) / len(gold) >= 0.9
    for g in gold:
        if g["fulfilled_by"]:
            match = [c for c in extracted if _key(c["item_id"]) == g["where"] and _norm(g["phrase"]) in _norm(c["sentence"])]
            assert match and match[0]["fulfilled_by"] and _key(match[0]["fulfilled_by"]) == g["fulfilled_by"]
            assert match[0]["status"] == "fulfilled"


def test_no_more_than_one_in_five_extracted_is_not_a_gold_commitment(extracted: list[dict]) -> None:
    gold = list(csv.DictReader(need(EVAL / "seeds-commitments.tsv").open(), delimiter="\t"))
    extra = [c for c in extracted if not any(_key(c["item_id"]) == g["where"] and _norm(g["phrase"]) in _norm(c["sentence"])
                                             for g in gold)]
    assert len(extra) / len(extracted) <= 0.2, [c["sentence"] for c in extra]


def test_every_resolved_in_the_seed_minutes_is_a_decision(seed_index_fake: Path) -> None:
    decisions = Store(seed_index_fake).query("SELECT item_id, text FROM decisions WHERE kind = 'resolution'")
    texts = [_norm(d["text"]) for d in decisions]
    count = 0
    for path in need(SEEDS).glob("*.txt"):
        for line in path.read_text().splitlines():
            if re.match(r"^\s*Resolved\b", line):
                count += 1
                assert any(t.startswith(_norm(line)[:80]) for t in texts), line
    assert count >= 25


@pytest.mark.parametrize("sentence,kind,who", [
    ("Resolved: That the Cabinet Committee note the report and that a further report will be presented in 6 months time.", "report", ""),
    ("Ian Crabtree would provide further information to the Committee on how the County Council worked with social landlords.", "information", "Ian Crabtree"),
    ("In response to a query from County Councillor Driver, Sally Allen, Head of Safeguarding, Inspection and Audit, agreed to find out why numbers had risen in these areas.", "information", "Sally Allen"),
    ("Following this Committee, the register will be presented to Audit & Governance Committee on 3 April 2017.", "referral", ""),
    ("It was agreed that an update on the meeting would be brought to the next meeting on 5 December 2018.", "update", ""),
    ("Further report be provided to the Committee after Easter (potentially 27 June meeting).", "report", ""),
])
def test_each_commitment_shape(sentence: str, kind: str, who: str) -> None:
    section = Section(date(2018, 4, 18), 4, "Item", "minutes", "Minutes", [Line(sentence, 1)])
    found = find_commitments(section)
    assert len(found) == 1 and kind_of(sentence) == kind and who_of(sentence) == who


@pytest.mark.parametrize("sentence", [
    "Gabby Nelson presented a report providing an update on the partnership.",
    "The report was presented to the Committee in March.",
    "It was planned to include electronic hospital discharges that would provide real time information on patients.",
    "Resolved: That the report be noted.",
])
def test_past_events_and_descriptions_are_not_commitments(sentence: str) -> None:
    assert find_commitments(Section(date(2018, 4, 18), 4, "Item", "minutes", "Minutes", [Line(sentence, 1)])) == []


@pytest.mark.parametrize("sentence,expect", [
    ("a further report will be brought to the next meeting", ("next meeting", "2018-06-27", "2018-06-27")),
    ("the register will be presented to Audit & Governance Committee on 3 April 2019", ("2019-04-03", "2019-04-03", "2019-04-03")),
    ("Further report be provided after Easter (potentially 27 June meeting)", ("27 June", "2018-06-27", "2018-06-27")),
    ("a further report will be presented in 6 months time", ("in 6 months", "2018-10-18", "2018-10-18")),
    ("A further report would be presented to the Committee in September/October", ("in September/October", "2018-09-01", "2018-10-31")),
    ("the report will also be presented to the Audit Committee at the end of January", ("the end of January", "2019-01-24", "2019-01-31")),
    ("progress be reported on a quarterly basis", ("quarterly", "2018-04-18", "2018-07-18")),
])
def test_due_dates_are_normalised(sentence: str, expect: tuple[str, str, str]) -> None:
    due = normalise_due(sentence, date(2018, 4, 18), date(2018, 6, 27))
    assert (due.text, str(due.start), str(due.end)) == expect


def test_api_page_and_item_show_commitments(seed_index_fake: Path) -> None:
    with make_client(seed_index_fake) as c:
        fulfilled = c.get("/api/commitments", params={"status": "fulfilled"}).json()
        assert fulfilled and all(x["status"] == "fulfilled" and x["fulfilled_by"] for x in fulfilled)
        assert c.get("/api/commitments", params={"status": "late"}).status_code == 422
        assert c.get("/api/commitments", params={"text": "Audit"}).json()
        decisions = c.get("/api/decisions", params={"kind": "resolution", "date_from": "2018-01-01"}).json()
        assert decisions and all(d["meeting_date"] >= "2018-01-01" for d in decisions)
        item = c.get(f"/api/items/{fulfilled[0]['item_id']}").json()
        assert item["commitments"] and item["resolution"]
        delivering = c.get(f"/api/items/{fulfilled[0]['fulfilled_by']}").json()
        assert [x["commitment_id"] for x in delivering["fulfils"]] == [fulfilled[0]["commitment_id"]]
        page = c.get("/commitments", params={"status": "overdue"})
        assert page.status_code == 200 and "overdue" in page.text
        assert "Earlier promises this item delivers" in c.get(f"/items/{fulfilled[0]['fulfilled_by']}").text


@pytest.mark.parametrize(("sentence", "why"), [
    ("This report represents the final draft budget proposals to be presented to the County Council meeting.", "own route"),
    ("A report similar to this one will be presented to Medway’s full Council meeting.", "another council"),
    ("A report will be presented to Cabinet on 30 January 2025.", "its date has come by the meeting"),
    ("This will be considered by the Scrutiny Committee on 29th January.", "the paper's route, just before"),
])
def test_what_is_not_a_promise_of_this_council(sentence: str, why: str) -> None:
    from indexer.records.promises import _not_a_promise
    assert _not_a_promise(sentence, date(2025, 1, 30), "Kent County Council"), why


def test_a_promise_with_a_later_date_or_none_is_kept() -> None:
    from indexer.records.promises import _not_a_promise
    assert not _not_a_promise("A report will come back to Cabinet in September.", date(2025, 1, 30), "Kent County Council")
    assert not _not_a_promise("An update will be presented to Kent's full Council on 13 March 2025.", date(2025, 1, 30),
                              "Kent County Council")
