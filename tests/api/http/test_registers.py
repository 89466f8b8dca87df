"""The decisions register, the commitments register and a decision followed through bodies,
on Kent's real papers (hashing embedder): what a reader filtering, downloading or following a
decision number would see."""
from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterator
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from tests.api.http.test_api import make_client


@pytest.fixture(scope="module")
def c(kent_index_fake: Path) -> Iterator[TestClient]:
    """One client for the module: each start loads the index and warms the model (~3 s)."""
    with make_client(kent_index_fake) as client:
        yield client

BUDGET = "2025-02-13-kent-county-council-county-council-item-6"
FAMILY_HUBS_REVIEW = "2025-03-13-kent-county-council-county-council-item-9"


def test_budget_decision_shows_its_vote_and_the_six_lost_amendments(c: TestClient) -> None:
    [budget] = [d for d in c.get("/api/decisions", params={"kind": "resolution", "text": "£1,530.9m"}).json()]
    assert (budget["outcome"], budget["mover"], budget["seconder"]) == ("carried", "Mr Oakford", "Mr Gough")
    assert (budget["vote"]["for_count"], budget["vote"]["against_count"], budget["vote"]["abstain_count"]) == (41, 10, 7)
    assert [a["mover"] for a in budget["amendments"]] == ["Mr Brady", "Mr Hood", "Mr Hook", "Mr Streatfeild",
                                                           "Mr Passmore", "Mr Lehmann"]
    assert {a["outcome"] for a in budget["amendments"]} == {"lost"}
    page = c.get(f"/items/{budget['item_id']}").text
    assert "How it was decided" in page and "Amendments moved (6)" in page and "for 41, against 10" in page


def test_amended_decisions_and_lost_motions_are_filterable(c: TestClient) -> None:
    amended = c.get("/api/decisions", params={"outcome": "amended"}).json()
    assert amended and all(any(a["outcome"] == "carried" for a in d["amendments"]) for d in amended)
    devolution = [d for d in amended if "Devolution Priority Programme" in d["text"]]
    assert devolution and devolution[0]["amendments"][0]["mover"] == "Mr Streatfeild"
    lost = c.get("/api/decisions", params={"kind": "motion", "outcome": "lost"}).json()
    assert any("Climate and Nature Bill" in d["text"] for d in lost)
    assert all(d["kind"] == "recommendation" and d["outcome"] == ""
               for d in c.get("/api/decisions", params={"kind": "recommendation"}).json())


def test_a_decision_number_links_cabinet_and_county_council(c: TestClient) -> None:
    item = c.get(f"/api/items/{FAMILY_HUBS_REVIEW}").json()
    assert item["decision_numbers"] == ["24/00093"]
    assert [(r["committee"], r["meeting_date"]) for r in item["related"]] == [("Cabinet", "2025-03-04"),
                                                                               ("Cabinet", "2025-03-13")]
    back = c.get(item["related"][0]["permalink"].replace("/items/", "/api/items/")).json()
    assert FAMILY_HUBS_REVIEW in [r["item_id"] for r in back["related"]]
    page = c.get(f"/items/{FAMILY_HUBS_REVIEW}").text
    assert "This decision at other meetings" in page and item["related"][0]["permalink"] in page
    # a number cited in passing (Cabinet Member Updates mentions 24/00093) is not the decision
    assert not any("Cabinet Member Updates" in r["title"] for r in item["related"])


def test_decisions_register_filters_and_exports(c: TestClient) -> None:
    page = c.get("/decisions", params={"committee": "County Council", "date_from": "2025-02-01", "kind": "resolution"})
    assert page.status_code == 200 and "£1,530.9m" in page.text and "Devolution Priority Programme" not in page.text
    exported = c.get("/decisions.csv", params={"committee": "County Council", "outcome": "carried"})
    assert exported.text.startswith("\ufeff") and exported.headers["content-type"].startswith("text/csv")
    rows = list(csv.DictReader(io.StringIO(exported.text.lstrip("\ufeff"))))
    assert rows and {r["outcome"] for r in rows} == {"carried"} and {r["committee"] for r in rows} == {"County Council"}
    assert not any(cell.startswith(("=", "+", "-", "@")) for r in rows for cell in r.values())
    as_json = c.get("/decisions.json", params={"committee": "County Council", "outcome": "carried"}).json()
    assert len(as_json) == len(rows)


def test_register_errors_name_their_field(c: TestClient) -> None:
    page = c.get("/decisions", params={"date_from": "13/02/2025", "committee": "Nowhere"})
    assert page.status_code == 422
    assert 'id="f-date_from" type="date" name="date_from" value="13/02/2025" aria-invalid="true" aria-describedby="date_from-error"' in page.text
    assert 'id="date_from-error"' in page.text and 'href="#f-committee"' in page.text
    assert c.get("/commitments.csv", params={"status": "late"}).json()["fields"]["status"].startswith("Status must be")


def test_commitments_register_filters_by_owner_status_and_exports(c: TestClient) -> None:
    every = c.get("/commitments.json").json()
    assert every
    owned = [x for x in every if x["who"]]
    if owned:
        part = owned[0]["who"].split()[-1]
        mine = c.get("/commitments.json", params={"owner": part.lower()}).json()
        assert mine and all(part.lower() in x["who"].lower() for x in mine)
    status = every[0]["status"]
    page = c.get("/commitments", params={"status": status})
    assert page.status_code == 200 and 'for="f-owner"' in page.text and f"/commitments.csv?status={status}" in page.text
    text = c.get("/commitments.csv", params={"status": status}).text
    assert text.startswith("\ufeff") and len(list(csv.DictReader(io.StringIO(text.lstrip("\ufeff"))))) == \
        sum(1 for x in every if x["status"] == status)
    json.dumps(every)  # plain JSON all through
