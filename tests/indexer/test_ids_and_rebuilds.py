"""The same input gives the same passage ids; unchanged content is never embedded twice."""
from __future__ import annotations

from pathlib import Path

from indexer.build import build_index
from indexer.config import Settings
from indexer.store.embedder import HashingEmbedder

from tests.conftest import DATA, export_rows


def test_passage_ids_are_stable_across_rebuilds(tmp_path: Path) -> None:
    a = build_index([DATA], tmp_path / "a", Settings(model="hashing", cache_dir=tmp_path / "c1"), HashingEmbedder())
    b = build_index([DATA], tmp_path / "b", Settings(model="hashing", cache_dir=tmp_path / "c2"), HashingEmbedder())
    ids_a = [r["passage_id"] for r in export_rows(tmp_path / "a")]
    assert ids_a == [r["passage_id"] for r in export_rows(tmp_path / "b")]
    assert len(set(ids_a)) == len(ids_a) == a.passages == b.passages


def test_unchanged_rebuild_is_a_no_op_and_changes_embed_only_what_is_new(tmp_path: Path) -> None:
    settings = Settings(model="hashing", cache_dir=tmp_path / "cache")
    src = tmp_path / "src"
    src.mkdir()
    (src / "minutes.txt").write_text((DATA / "tagged-minutes.txt").read_text())
    first = build_index([src], tmp_path / "idx", settings, HashingEmbedder())
    assert first.embedded == first.passages
    again = build_index([src], tmp_path / "idx", settings, HashingEmbedder())
    assert again.up_to_date and again.passages == first.passages
    (src / "pack.txt").write_text((DATA / "agenda-pack.txt").read_text())
    third = build_index([src], tmp_path / "idx", settings, HashingEmbedder())
    assert not third.up_to_date
    assert third.embedded == third.passages - first.passages
