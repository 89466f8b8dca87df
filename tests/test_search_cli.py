"""quire search and export as a user sees them (hashing embedder)."""
from __future__ import annotations

import json
from pathlib import Path

import pytest

from api.cli import main
from api.search import Filters, Searcher
from indexer.embedder import HashingEmbedder
from indexer.errors import BadQuery


@pytest.fixture
def searcher(seed_index_fake: Path) -> Searcher:
    return Searcher(seed_index_fake, HashingEmbedder())


def test_exempt_passages_only_when_asked(searcher: Searcher) -> None:
    q = "Agility Laptop for Corporate Broadband"
    public = searcher.search(q, 20)
    assert all(not h.citation.exempt for h in public.hits)
    private = searcher.search(q, 20, Filters(include_exempt=True))
    assert any(h.citation.exempt and "Agility" in h.text for h in private.hits[:3])


def test_results_are_cited_and_diverse(searcher: Searcher) -> None:
    hits = searcher.search("sickness absence days lost per employee", 10).hits
    assert hits and hits[0].citation.meeting_date == "2014-10-01" and hits[0].citation.item_number == 6
    per_item: dict[str, int] = {}
    for h in hits:
        per_item[h.item_id] = per_item.get(h.item_id, 0) + 1
    assert max(per_item.values()) <= 2 or len(per_item) == 1


@pytest.mark.parametrize("query,k", [("", 10), ("x" * 1001, 10), ("ok", 0), ("ok", 51)])
def test_bad_queries_are_refused_with_a_reason(searcher: Searcher, query: str, k: int) -> None:
    with pytest.raises(BadQuery):
        searcher.search(query, k)


def test_cli_json_shape(seed_index_fake: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    monkeypatch.setenv("QUIRE_MODEL", "hashing")
    assert main(["search", "child road safety", "--index", str(seed_index_fake), "-k", "3", "--json"]) == 0
    out = json.loads(capsys.readouterr().out)
    assert out["query"] == "child road safety" and len(out["results"]) == 3
    first = out["results"][0]
    assert {"rank", "score", "passage_id", "text", "citation"} <= set(first)
    assert {"council", "committee", "meeting_date", "item_number", "item_title", "document_kind",
            "document_title", "source", "line_start", "line_end", "page_start", "page_end", "url",
            "exempt", "published_in"} <= set(first["citation"])


def test_export_prints_every_passage_as_json_lines(seed_index_fake: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["export", "--index", str(seed_index_fake)]) == 0
    lines = capsys.readouterr().out.splitlines()
    manifest = json.loads((seed_index_fake / "manifest.json").read_text())
    assert len(lines) == manifest["counts"]["passages"]
    assert all(json.loads(line)["citation"]["meeting_date"] for line in lines)
