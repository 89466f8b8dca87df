"""The JSON API and the page, served from the seed index with the hashing embedder."""
from __future__ import annotations

import json
import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, HTTPServer
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from api.http.app import create_app
from api.search.engine import Searcher
from indexer.config import Settings
from indexer.store.embedder import HashingEmbedder


def make_client(index: Path, **settings: str) -> TestClient:
    searcher = Searcher(index, HashingEmbedder())
    return TestClient(create_app(index, Settings(model="hashing", **settings), searcher))


@pytest.fixture
def client(seed_index_fake: Path) -> Iterator[TestClient]:
    with make_client(seed_index_fake) as c:
        yield c


def test_search_returns_cited_results_with_snippet_and_permalink(client: TestClient) -> None:
    r = client.get("/api/search", params={"q": "child road safety", "k": 5})
    assert r.status_code == 200
    body = r.json()
    assert len(body["results"]) == 5 and body["searched"]["meetings"] == 6
    hit = body["results"][0]
    assert "<mark>" in hit["snippet"] and hit["permalink"].startswith(f"/items/{hit['item_id']}#p-")
    assert hit["citation"]["meeting_date"] and hit["citation"]["item_title"]


def test_filters_narrow_results(client: TestClient) -> None:
    r = client.get("/api/search", params={"q": "performance report", "kind": "minutes", "date_from": "2018-01-01", "k": 20})
    results = r.json()["results"]
    assert results and all(h["citation"]["document_kind"] == "minutes" and h["citation"]["meeting_date"] >= "2018-01-01"
                           for h in results)
    none = client.get("/api/search", params={"q": "performance", "date_from": "2030-01-01"}).json()
    assert none["results"] == [] and none["message"].startswith("No passages match “performance” from 1 January 2030")


@pytest.mark.parametrize("params,fragment", [
    ({"q": ""}, "empty"), ({"q": "x" * 1001}, "1000"), ({"q": "ok", "k": 0}, "k must be"),
    ({"q": "ok", "k": 51}, "k must be"), ({"q": "ok", "k": "many"}, "k:"), ({"q": "ok", "date_from": "May"}, "date_from"),
    ({"q": "ok", "kind": "memo"}, "kind must be"), ({}, "empty")])
def test_bad_parameters_get_422_with_one_line(client: TestClient, params: dict, fragment: str) -> None:
    r = client.get("/api/search", params=params)
    assert r.status_code == 422
    detail = r.json()["detail"]
    assert isinstance(detail, str) and fragment in detail and "\n" not in detail


def test_unknown_ids_are_404(client: TestClient) -> None:
    for path in ("/api/meetings/nope", "/api/items/nope", "/api/passages/0000000000000000"):
        r = client.get(path)
        assert r.status_code == 404 and "Traceback" not in r.text


def test_meetings_items_and_passages_thread_together(client: TestClient) -> None:
    meetings = client.get("/api/meetings").json()
    assert [m["meeting_date"] for m in meetings] == sorted((m["meeting_date"] for m in meetings), reverse=True)
    dec = next(m for m in meetings if m["meeting_date"] == "2014-12-11")
    agenda = client.get(f"/api/meetings/{dec['meeting_id']}").json()["agenda"]
    assert [i["item_number"] for i in agenda][:3] == [0, 1, 2]
    item4 = next(i for i in agenda if i["item_number"] == 4)
    item = client.get(f"/api/items/{item4['item_id']}").json()
    kinds = [s["kind"] for s in item["sections"]]
    assert kinds[0] == "agenda" and "report" in kinds and "appendix" in kinds
    passage = item["sections"][1]["passages"][0]
    assert client.get(f"/api/passages/{passage['passage_id']}").json()["text"]
    oct_minutes = client.get(f"/api/items/{dec['meeting_id'].replace('2014-12-11', '2014-10-01')}-item-5").json()
    assert oct_minutes["sections"][0]["kind"] == "minutes" and oct_minutes["resolution"]
    assert oct_minutes["sections"][0]["published_in"] == {"meeting_date": "2014-12-11", "item_number": 3}


def test_exports_csv_json_and_atom(client: TestClient) -> None:
    csv_text = client.get("/api/search.csv", params={"q": "blue badge income"}).text
    assert csv_text.splitlines()[0].startswith("\ufeffrank,score,passage_id,council,committee,meeting_date")
    assert client.get("/api/search.json", params={"q": "blue badge income"}).json()["results"]
    atom = client.get("/feeds/search.atom", params={"q": "performance"})
    assert atom.headers["content-type"].startswith("application/atom+xml")
    dates = [line.split("<updated>")[1][:10] for line in atom.text.split("<entry>")[1:]]
    assert dates == sorted(dates, reverse=True)


def test_healthz_and_openapi(client: TestClient) -> None:
    assert client.get("/healthz").json()["status"] == "ok"
    paths = client.get("/openapi.json").json()["paths"]
    assert {"/api/search", "/api/answer", "/api/meetings", "/api/items/{item_id}", "/api/passages/{passage_id}"} <= set(paths)


def test_page_search_item_and_no_match(client: TestClient) -> None:
    page = client.get("/", params={"q": "child road safety"})
    assert page.status_code == 200 and "Cabinet Committee on Performance Improvement ·" in page.text
    assert "Copy citation" in page.text and "Read in context" in page.text
    nothing = client.get("/", params={"q": "spaceship koala"})
    assert "No matches" in nothing.text and "Searched 6 meetings" in nothing.text
    bad = client.get("/", params={"q": "x" * 1200})
    assert bad.status_code == 422 and "limit is 1000" in bad.text
    assert client.get("/meetings").status_code == 200
    assert client.get("/items/nope").status_code == 404


def test_answer_is_extractive_and_cited(client: TestClient) -> None:
    body = client.get("/api/answer", params={"q": "can police enforce 20mph speed limits"}).json()
    assert body["mode"] == "extractive" and body["passages"]
    for s in body["sentences"]:
        assert s["text"] in next(p["text"] for p in body["passages"] if p["passage_id"] == s["passage_id"]).replace("\n", " ") \
            or s["text"].split()[0] in json.dumps(body["passages"])


class _FakeLLM(BaseHTTPRequestHandler):
    reply = ""
    seen: list[dict] = []

    def do_POST(self) -> None:  # noqa: N802
        body = json.loads(self.rfile.read(int(self.headers["Content-Length"])))
        _FakeLLM.seen.append(body)
        ids = [line[1:17] for line in body["messages"][1]["content"].splitlines() if line.startswith("[")]
        content = _FakeLLM.reply.replace("{first}", ids[0] if ids else "")
        data = json.dumps({"choices": [{"message": {"role": "assistant", "content": content}}]}).encode()
        self.send_response(200)
        self.send_header("Content-Type", "application/json")
        self.end_headers()
        self.wfile.write(data)

    def log_message(self, *args: object) -> None:
        pass


@pytest.fixture
def llm_url() -> Iterator[str]:
    server = HTTPServer(("127.0.0.1", 0), _FakeLLM)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{server.server_port}/v1"
    server.shutdown()


def test_generative_answer_must_cite_given_passages(seed_index_fake: Path, llm_url: str) -> None:
    with make_client(seed_index_fake, llm_url=llm_url, llm_model="tiny") as c:
        _FakeLLM.reply = "Police can enforce 20mph limits, resources permitting [{first}]."
        good = c.get("/api/answer", params={"q": "can police enforce 20mph speed limits"}).json()
        assert good["mode"] == "generative" and good["sentences"][0]["passage_id"] in good["answer"]
        assert _FakeLLM.seen[-1]["model"] == "tiny"
        _FakeLLM.reply = "Made up [ffffffffffffffff]."
        assert c.get("/api/answer", params={"q": "can police enforce 20mph speed limits"}).json()["mode"] == "extractive"
        _FakeLLM.reply = "No citation at all."
        assert c.get("/api/answer", params={"q": "can police enforce 20mph speed limits"}).json()["mode"] == "extractive"


def test_unreachable_llm_falls_back(seed_index_fake: Path) -> None:
    with make_client(seed_index_fake, llm_url="http://127.0.0.1:9/v1", llm_model="x") as c:
        assert c.get("/api/answer", params={"q": "can police enforce 20mph speed limits"}).json()["mode"] == "extractive"
