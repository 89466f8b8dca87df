"""`quire add`: a new meeting goes into an index without a rebuild, reads as a rebuild would
have read it, and a refused or failed add leaves the index as it was."""
from __future__ import annotations

import json
import shutil
import sqlite3
from datetime import date
from pathlib import Path

import numpy as np
import pytest

from indexer.add import add_meetings
from indexer.build import build_index
from indexer.config import Settings
from indexer.errors import AlreadyIndexed, IndexBusy, NothingIndexed
from indexer.store.append import append_rows
from indexer.store.embedder import HashingEmbedder
from indexer.store.lock import writing

from api.search.engine import Filters, Searcher
from tests.conftest import ROOT

COMMITTEE = "cabinet-committee-on-performance-improvement"
HELD_OUT = "2018-10-04"  # one meeting's minutes: the meeting added later


@pytest.fixture
def papers(tmp_path: Path) -> tuple[Path, Path]:
    """The bundled corpus without one meeting, and that meeting in a folder of its own."""
    base = tmp_path / "base"
    shutil.copytree(ROOT / "corpus", base)
    new = tmp_path / "new" / HELD_OUT
    new.parent.mkdir()
    shutil.move(base / "lancashire-county-council" / COMMITTEE / HELD_OUT, new)
    return base, new


def settings(tmp_path: Path) -> Settings:
    return Settings(model="hashing", cache_dir=tmp_path / "cache")


def rows(index: Path) -> dict[tuple[str, str], tuple]:
    """Each passage by (item, text): what it says and where it is cited (its source file aside)."""
    con = sqlite3.connect(index / "quire.sqlite")
    try:
        out = {}
        for item, text, context, citation, exempt in con.execute(
                "SELECT item_id, text, context, citation, exempt FROM passages"):
            cited = json.loads(citation)
            cited.pop("source")
            out[(item, text)] = (context, json.dumps(cited, sort_keys=True), exempt)
        return out
    finally:
        con.close()


def records(index: Path) -> dict[str, list[tuple]]:
    con = sqlite3.connect(index / "quire.sqlite")
    try:
        return {"decisions": con.execute("SELECT item_id, kind, text, outcome FROM decisions ORDER BY 1, 3").fetchall(),
                "commitments": con.execute("SELECT item_id, sentence, who, due_text FROM commitments ORDER BY 1, 2").fetchall(),
                "items": con.execute("SELECT item_id, title FROM items ORDER BY 1").fetchall(),
                "abbreviations": con.execute("SELECT short, long, public, passages FROM abbreviations ORDER BY 1").fetchall()}
    finally:
        con.close()


def test_an_added_meeting_reads_as_a_rebuild_reads_it(tmp_path: Path, papers: tuple[Path, Path]) -> None:
    base, new = papers
    built = build_index([base], tmp_path / "index", settings(tmp_path), HashingEmbedder())
    added = add_meetings([new], tmp_path / "index", settings(tmp_path), HashingEmbedder())
    assert added.added_meetings == [f"{HELD_OUT}-lancashire-county-council-{COMMITTEE}"]
    assert added.passages == built.passages + added.added_passages and added.added_passages > 10
    assert added.embedded == added.added_passages  # only the new meeting was embedded

    whole = build_index([ROOT / "corpus"], tmp_path / "whole", Settings(model="hashing", cache_dir=tmp_path / "c2"),
                        HashingEmbedder())
    assert rows(tmp_path / "index") == rows(tmp_path / "whole")
    assert records(tmp_path / "index") == records(tmp_path / "whole")
    assert added.counts() == whole.counts()

    searcher = Searcher(tmp_path / "index")
    try:
        hits = searcher.search("apologies Albert Atkinson Amanda Hatton", 5).hits
        assert hits and hits[0].citation.meeting_date == HELD_OUT and hits[0].citation.item_number == 1
        only = searcher.search("performance", 10, Filters(date_from=date(2018, 10, 1), date_to=date(2018, 10, 31))).hits
        assert only and {h.citation.meeting_date for h in only} == {HELD_OUT}
    finally:
        searcher.close()
    manifest = json.loads((tmp_path / "index" / "manifest.json").read_text())
    assert manifest["added"][-1]["passages"] == added.added_passages
    assert any(i["source"].endswith("minutes.txt") and i["meeting_date"] == HELD_OUT for i in manifest["inputs"])
    # a later rebuild of the same folders is not taken for "up to date"
    again = build_index([base], tmp_path / "index", settings(tmp_path), HashingEmbedder())
    assert not again.up_to_date and again.passages == added.passages


def test_a_meeting_already_held_or_papers_already_read_are_refused_and_change_nothing(
        tmp_path: Path, papers: tuple[Path, Path]) -> None:
    base, new = papers
    build_index([base], tmp_path / "index", settings(tmp_path), HashingEmbedder())
    add_meetings([new], tmp_path / "index", settings(tmp_path), HashingEmbedder())
    before = {p.name: p.read_bytes() for p in (tmp_path / "index").iterdir() if p.is_file()}
    with pytest.raises(NothingIndexed, match="already holds all 1 papers"):
        add_meetings([new], tmp_path / "index", settings(tmp_path), HashingEmbedder())
    changed = tmp_path / "changed" / HELD_OUT
    shutil.copytree(new, changed)
    (changed / "minutes.txt").write_text((new / "minutes.txt").read_text() + "\nA late correction.\n")
    with pytest.raises(AlreadyIndexed, match=r"already holds the meeting 2018-10-04.*quire index"):
        add_meetings([changed], tmp_path / "index", settings(tmp_path), HashingEmbedder())
    assert {p.name: p.read_bytes() for p in (tmp_path / "index").iterdir() if p.is_file()} == before


def test_a_failed_add_leaves_the_index_in_service_whole(tmp_path: Path, papers: tuple[Path, Path],
                                                        monkeypatch: pytest.MonkeyPatch) -> None:
    import indexer.add as add
    base, new = papers
    built = build_index([base], tmp_path / "index", settings(tmp_path), HashingEmbedder())
    before = {p.relative_to(tmp_path).as_posix(): p.read_bytes() for p in (tmp_path / "index").rglob("*") if p.is_file()}

    def crash(*args: object, **kwargs: object) -> None:
        raise KeyboardInterrupt

    monkeypatch.setattr(add, "append_vectors", crash)  # after the database copy was written to
    with pytest.raises(KeyboardInterrupt):
        add_meetings([new], tmp_path / "index", settings(tmp_path), HashingEmbedder())
    after = {p.relative_to(tmp_path).as_posix(): p.read_bytes() for p in (tmp_path / "index").rglob("*") if p.is_file()}
    assert after == before and not list(tmp_path.glob(".index.adding"))
    searcher = Searcher(tmp_path / "index")
    try:
        assert len(searcher.features) == built.passages
    finally:
        searcher.close()


def test_one_writer_at_a_time(tmp_path: Path, papers: tuple[Path, Path]) -> None:
    base, new = papers
    build_index([base], tmp_path / "index", settings(tmp_path), HashingEmbedder())
    with writing(tmp_path / "index"):
        with pytest.raises(IndexBusy, match="another 'quire index' or 'quire add'"):
            add_meetings([new], tmp_path / "index", settings(tmp_path), HashingEmbedder())
        with pytest.raises(IndexBusy):
            build_index([base], tmp_path / "index", settings(tmp_path), HashingEmbedder())
    add_meetings([new], tmp_path / "index", settings(tmp_path), HashingEmbedder())  # free again


def test_a_large_index_grows_its_lists_and_postings_and_retrains_when_it_has_drifted(
        tmp_path: Path, papers: tuple[Path, Path], monkeypatch: pytest.MonkeyPatch) -> None:
    import indexer.store.postings as postings
    import indexer.store.vectors as vectors
    monkeypatch.setattr(postings, "CANDIDATES_FROM", 100)  # the large index's form at the seeds' size
    monkeypatch.setattr(vectors, "ANN_FROM", 100)
    base, new = papers
    second = tmp_path / "more" / "2018-04-18"  # a second meeting, added last
    second.parent.mkdir()
    shutil.move(base / "lancashire-county-council" / COMMITTEE / "2018-04-18", second)
    build_index([base], tmp_path / "index", settings(tmp_path), HashingEmbedder())
    whole = tmp_path / "whole"  # what a rebuild with the first added meeting holds
    shutil.copytree(base, tmp_path / "with-one")
    shutil.copytree(new, tmp_path / "with-one" / "lancashire-county-council" / COMMITTEE / HELD_OUT)
    build_index([tmp_path / "with-one"], whole, Settings(model="hashing", cache_dir=tmp_path / "c2"), HashingEmbedder())
    added = add_meetings([new], tmp_path / "index", settings(tmp_path), HashingEmbedder())
    assert added.trained_on == added.passages - added.added_passages and not added.retrained  # one meeting: under DRIFT_SHARE
    assert (tmp_path / "index" / "postings" / "added" / "terms.txt").exists() and not added.postings_merged

    grown, rebuilt = Searcher(tmp_path / "index"), Searcher(whole)
    try:
        assert grown.vectors.approximate and len(grown.vectors) == len(grown.features) == len(grown.postings) == added.passages
        for word in ("atkinson", "perform", "council", "apolog"):  # both segments count a word's passages
            assert grown.postings.count(word) == rebuilt.postings.count(word)
        hits = grown.search("apologies Albert Atkinson Amanda Hatton", 5).hits
        assert hits and hits[0].citation.meeting_date == HELD_OUT
        query = "quarterly corporate performance monitoring report"
        assert [(h.item_id, h.text) for h in grown.search(query, 5).hits] == \
            [(h.item_id, h.text) for h in rebuilt.search(query, 5).hits]
        assert grown.search("spaceship koala", 10).hits == []
    finally:
        grown.close()
        rebuilt.close()

    import indexer.add as add
    monkeypatch.setattr(add, "DRIFT_SHARE", 0.05)  # the rows added since training now pass the share kept
    again = add_meetings([second], tmp_path / "index", settings(tmp_path), HashingEmbedder())
    assert again.retrained and again.trained_on == again.passages and again.postings_merged
    assert not (tmp_path / "index" / "postings" / "added").exists()
    manifest = json.loads((tmp_path / "index" / "manifest.json").read_text())
    assert manifest["ann_trained_on"] == again.passages and len(manifest["added"]) == 2
    searcher = Searcher(tmp_path / "index")
    try:
        hits = searcher.search("apologies Albert Atkinson Amanda Hatton", 5).hits
        assert hits and hits[0].citation.meeting_date == HELD_OUT
    finally:
        searcher.close()


@pytest.mark.parametrize("rows_before", [3, 9, 99, 999, 99_999])
def test_appended_rows_follow_the_old_ones(tmp_path: Path, rows_before: int) -> None:
    old = np.arange(rows_before * 4, dtype=np.float16).reshape(rows_before, 4)
    np.save(tmp_path / "a.npy", old)
    new = np.ones((7, 4), dtype=np.float16)
    assert append_rows(tmp_path / "a.npy", tmp_path / "b.npy", new) == rows_before + 7
    got = np.load(tmp_path / "b.npy")
    assert got.dtype == np.float16 and np.array_equal(got, np.vstack([old, new]))
    assert np.array_equal(np.load(tmp_path / "a.npy"), old)  # the source is never written
    with pytest.raises(ValueError, match="cannot follow"):
        append_rows(tmp_path / "a.npy", tmp_path / "c.npy", np.ones((2, 5), dtype=np.float16))


def test_the_command_says_what_it_added_and_refuses_in_one_line(tmp_path: Path, papers: tuple[Path, Path],
                                                                 capsys: pytest.CaptureFixture[str],
                                                                 monkeypatch: pytest.MonkeyPatch) -> None:
    from api.cli import main
    base, new = papers
    monkeypatch.setenv("QUIRE_MODEL", "hashing")
    monkeypatch.setenv("QUIRE_CACHE_DIR", str(tmp_path / "cache"))
    index = str(tmp_path / "index")
    assert main(["index", str(base), "--index", index, "--quiet"]) == 0
    assert main(["add", str(new), "--index", index, "--quiet"]) == 0
    out = capsys.readouterr()
    assert f"added 1 meetings ({HELD_OUT}-lancashire" in out.out and "→ " + index in out.out
    assert "run 'quire index' to" in out.err  # what adding leaves to a rebuild is said
    changed = tmp_path / "changed" / HELD_OUT
    shutil.copytree(new, changed)
    (changed / "minutes.txt").write_text((new / "minutes.txt").read_text() + "\nA late correction.\n")
    assert main(["add", str(changed), "--index", index, "--quiet"]) == 2
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1 and err[0].startswith("quire: the index already holds the meeting")
