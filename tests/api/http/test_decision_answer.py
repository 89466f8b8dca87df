"""A question about a decision is answered with the resolution the minutes record (Kent's papers)."""
from __future__ import annotations

from pathlib import Path

from fastapi.testclient import TestClient

from api.http.app import create_app


def test_the_budget_question_leads_with_the_budget_resolution(kent_index_fake: Path) -> None:
    with TestClient(create_app(kent_index_fake)) as client:
        body = client.get("/api/answer", params={"q": "what did County Council decide about the budget"}).json()
    decision = body["decision"]
    # the whole resolution, (a) to (s), is in the response; the answer box shows its start
    assert "£1,530.9m" in decision["text"] and "£994,287,655" in decision["text"]
    assert decision["committee"] == "County Council" and decision["meeting_date"] == "2025-02-13"
    lead, *rest = body["sentences"]
    assert lead["label"] == "decision" and lead["permalink"] == f"/items/{decision['item_id']}#resolved"
    assert body["answer"].startswith(lead["text"]) and lead["text"].startswith(decision["text"][:80])
    # nothing from another item reads as part of the decision
    assert all(s["permalink"].startswith(f"/items/{decision['item_id']}#") for s in rest)


def test_a_question_not_about_a_decision_has_no_lead(kent_index_fake: Path) -> None:
    with TestClient(create_app(kent_index_fake)) as client:
        body = client.get("/api/answer", params={"q": "how much will council tax go up"}).json()
    assert body["decision"] is None
    assert not any(s["permalink"].endswith("#resolved") for s in body["sentences"])


def test_the_page_labels_the_lead_and_links_to_the_whole_resolution(kent_index_fake: Path) -> None:
    with TestClient(create_app(kent_index_fake)) as client:
        page = client.get("/", params={"q": "what did County Council decide about the budget"}).text
        answer = page[page.index('class="answer"'):page.index('class="results"')]
        assert '<strong class="badge">Decision</strong>' in answer
        link = answer.split('">the whole resolution</a>')[0].rsplit('href="', 1)[1]
        assert link.endswith("#resolved")
        item = client.get(link.split("#")[0]).text
    resolved = item[item.index('id="resolved"'):]
    assert "£1,530.9m" in resolved and "£994,287,655" in resolved
