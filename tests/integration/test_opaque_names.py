"""Placement rests on the papers' content, not their file names: the Kent papers under
random names, without manifests, get the same meeting and item for ≥ 95% of passages."""
from __future__ import annotations

from pathlib import Path

from api.evaluation.invariance import agreement, opaque_copy
from indexer.config import Settings
from tests.conftest import KENT, need


def test_opaque_copy_hides_every_name_and_manifest(tmp_path: Path) -> None:
    corpus = tmp_path / "papers" / "cabinet" / "2025-01-30"
    corpus.mkdir(parents=True)
    (corpus / "Agenda frontsheet 30th-Jan-2025.pdf").write_bytes(b"%PDF-1.4 front")
    (corpus / "metadata.json").write_text("[]")
    opaque_copy(tmp_path / "papers", tmp_path / "opaque")
    copied = [p for p in (tmp_path / "opaque").rglob("*") if p.is_file()]
    assert [p.parent.relative_to(tmp_path / "opaque").as_posix() for p in copied] == ["cabinet/2025-01-30"]
    assert copied[0].read_bytes() == b"%PDF-1.4 front" and "Agenda" not in copied[0].name


def test_kent_under_opaque_names_keeps_meeting_and_item(tmp_path: Path, kent_index_fake: Path) -> None:
    settings = Settings(model="hashing", cache_dir=tmp_path / "cache")
    share, same, total = agreement(need(KENT), tmp_path, settings, named_index=kent_index_fake)
    print(f"opaque-name agreement on Kent: {same}/{total} = {share:.3f}")
    assert total > 4000
    assert share >= 0.95
