"""Part II material: never shown to the public, shown (and audited) to officers with a token."""
from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from api.http.app import create_app
from api.cli import main
from api.search.engine import Searcher
from indexer.config import Settings
from indexer.store.embedder import HashingEmbedder
from indexer.store.database import Store

PHRASE = "Agility Laptop for Corporate Broadband"


@pytest.fixture
def settings(tmp_path: Path) -> Settings:
    return Settings(model="hashing", tokens_file=tmp_path / "tokens.json", audit_log=tmp_path / "audit.log",
                    rate_limit=0)


@pytest.fixture
def client(seed_index_fake: Path, settings: Settings) -> Iterator[TestClient]:
    with TestClient(create_app(seed_index_fake, settings, Searcher(seed_index_fake, HashingEmbedder()))) as c:
        yield c


@pytest.fixture
def officer(settings: Settings, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> str:
    monkeypatch.setenv("QUIRE_TOKENS_FILE", str(settings.tokens_file))
    assert main(["token", "create", "alice", "--role", "officer"]) == 0
    return capsys.readouterr().out.split()[-1]


def _exempt(index: Path) -> tuple[str, str, str]:
    row = Store(index).query("SELECT passage_id, item_id, meeting_id FROM passages WHERE exempt = 1 AND text LIKE ?",
                             (f"%{PHRASE}%",))[0]
    return row["passage_id"], row["item_id"], row["meeting_id"]


def _everything(c: TestClient, index: Path, headers: dict[str, str]) -> str:
    """Every endpoint and page a reader could reach the phrase through, concatenated."""
    pid, item, meeting = _exempt(index)
    q = {"q": PHRASE, "k": 50}
    bodies = [c.get(path, params=q, headers=headers).text for path in
              ("/api/search", "/api/answer", "/api/search.csv", "/api/search.json", "/feeds/search.atom", "/")]
    bodies += [c.get(path, headers=headers).text for path in (
        f"/api/items/{item}", f"/items/{item}", f"/api/meetings/{meeting}", f"/meetings/{meeting}",
        "/api/commitments", "/api/decisions", "/commitments", "/api/meetings", "/about")]
    # each document of the item on its own page (reading.py), however the item page lays it out
    bodies += [c.get(f"/items/{item}/documents/{n}", headers=headers).text for n in range(1, 8)]
    # a passage asked for by id: the body may only echo the id the reader typed
    bodies.append(c.get(f"/api/passages/{pid}", headers=headers).text.replace(f"'{pid}'", "''"))
    bodies.append(c.get("/api/search", params={"q": "Agility"}, headers=headers).text)
    return "\n".join(bodies)


def _exempt_fingerprints(index: Path) -> tuple[set[str], set[str]]:
    """Every exempt passage id, and a distinctive stretch of each exempt passage's text."""
    store = Store(index)
    rows = store.query("SELECT passage_id, text FROM passages WHERE exempt = 1")
    public = " ".join(" ".join(r["text"].split()) for r in store.query("SELECT text FROM passages WHERE exempt = 0"))
    texts = {" ".join(r["text"].split())[-60:] for r in rows if len(r["text"]) > 120}
    return {r["passage_id"] for r in rows}, {t for t in texts if t not in public}


def test_public_never_sees_exempt_material(client: TestClient, seed_index_fake: Path, settings: Settings) -> None:
    everything = " ".join(_everything(client, seed_index_fake, {}).split())
    ids, texts = _exempt_fingerprints(seed_index_fake)
    assert not [i for i in ids if i in everything]
    assert not [t for t in texts if t in everything]
    assert "Corporate Broadband" not in everything.replace(PHRASE, "")
    pid, item, _ = _exempt(seed_index_fake)
    assert client.get(f"/api/passages/{pid}").status_code == 404
    sections = client.get(f"/api/items/{item}").json()["sections"]
    withheld = [s for s in sections if s["withheld"]]
    assert withheld and all(not s["passages"] and "Paragraph 3" in s["exempt_reason"] for s in withheld)
    assert "Exempt report (not for publication)" in {s["title"] for s in withheld}
    assert "withheld from the public record" in client.get(f"/items/{item}").text
    public = client.get("/healthz").json()["passages"]
    manifest = json.loads((seed_index_fake / "manifest.json").read_text())["counts"]
    assert public == manifest["passages"] - manifest["exempt_passages"]
    assert not settings.audit_log.exists()


def test_officer_token_sees_it_and_is_audited(client: TestClient, seed_index_fake: Path, settings: Settings,
                                              officer: str) -> None:
    auth = {"Authorization": f"Bearer {officer}"}
    hits = client.get("/api/search", params={"q": PHRASE}, headers=auth).json()["results"]
    assert any(h["citation"]["exempt"] and PHRASE in " ".join(h["text"].split()) for h in hits)
    pid, item, _ = _exempt(seed_index_fake)
    assert client.get(f"/api/passages/{pid}", headers=auth).json()["citation"]["exempt"]
    assert any(s["exempt"] and s["passages"] for s in client.get(f"/api/items/{item}", headers=auth).json()["sections"])
    log = [json.loads(line) for line in settings.audit_log.read_text().splitlines()]
    assert {e["who"] for e in log} == {"alice"} and any(pid in e["exempt_passages"] for e in log)
    assert {"/api/search", f"/api/passages/{pid}", f"/api/items/{item}"} <= {e["request"] for e in log}
    bad = client.get("/api/search", params={"q": PHRASE}, headers={"Authorization": "Bearer qt_wrong"}).json()
    assert not any(h["citation"]["exempt"] for h in bad["results"])
    # A Part II passage names Liquidlogic's children's system "(LCS)": the officer's search
    # also looks for LCS; the public's, which cannot see that passage, does not.
    assert client.get("/api/search", params={"q": "Liquidlogic"}, headers=auth).json()["also_searched"] == \
        ["LCS (Lancashire's children's system)"]
    assert client.get("/api/search", params={"q": "Liquidlogic"}).json()["also_searched"] == []


def test_page_sign_in_sets_a_secure_session_cookie(client: TestClient, officer: str) -> None:
    assert client.post("/signin", data={"token": "nope"}).status_code == 401
    r = client.post("/signin", data={"token": officer}, follow_redirects=False)
    assert r.status_code == 303
    cookie = r.headers["set-cookie"].lower()
    assert "httponly" in cookie and "secure" in cookie and "samesite=strict" in cookie
    client.cookies.set("quire_session", r.cookies["quire_session"])
    page = client.get("/", params={"q": PHRASE})
    assert "Signed in as alice" in page.text and "Exempt — not for publication" in page.text
    assert page.headers["cache-control"] == "no-store"
    assert "Also searched for LCS (Lancashire&#39;s children&#39;s system)" in client.get("/", params={"q": "Liquidlogic"}).text
    client.post("/signout")
    client.cookies.clear()
    assert "Exempt — not for publication" not in client.get("/", params={"q": PHRASE}).text


def test_revoked_token_stops_working_and_tokens_survive_rebuilds(
        client: TestClient, officer: str, settings: Settings, seed_index_fake: Path,
        monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    assert not settings.tokens_file.is_relative_to(seed_index_fake)
    stored = settings.tokens_file.read_text()
    assert officer not in stored and "alice" in stored
    assert main(["token", "list"]) == 0 and "alice\tofficer" in capsys.readouterr().out
    assert main(["token", "revoke", "alice"]) == 0
    r = client.get("/api/search", params={"q": PHRASE}, headers={"Authorization": f"Bearer {officer}"}).json()
    assert not any(h["citation"]["exempt"] for h in r["results"])


def test_security_headers_and_escaping(client: TestClient) -> None:
    r = client.get("/", params={"q": "<script>alert(1)</script>"})
    assert "<script>alert(1)</script>" not in r.text and "&lt;script&gt;alert(1)&lt;/script&gt;" in r.text
    for path in ("/", "/api/search?q=care", "/meetings"):
        h = client.get(path).headers
        assert "frame-ancestors 'none'" in h["content-security-policy"] and "script-src 'self'" in h["content-security-policy"]
        assert h["x-content-type-options"] == "nosniff" and h["referrer-policy"] == "same-origin"
    assert client.get("/static/../../pyproject.toml").status_code == 404
    assert client.get("/api/items/" + "x" * 400).status_code == 422


def test_rate_limit_answers_429_with_retry_after(seed_index_fake: Path, settings: Settings) -> None:
    limited = settings.model_copy(update={"rate_limit": 8})
    with TestClient(create_app(seed_index_fake, limited, Searcher(seed_index_fake, HashingEmbedder()))) as c:
        codes = [c.get("/healthz").status_code for _ in range(6)]
        assert 429 in codes
        r = next(c.get("/healthz") for _ in range(3))
        assert r.status_code == 429 and int(r.headers["retry-after"]) >= 1 and "Too many requests" in r.json()["detail"]
