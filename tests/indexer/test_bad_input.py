"""Bad files are reported in one line and skipped; the rest is indexed; the old index survives."""
from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from api.cli import main
from indexer.build import build_index
from indexer.config import Settings
from indexer.store.embedder import HashingEmbedder
from indexer.errors import NothingIndexed

from tests.conftest import DATA, export_rows


def _folder_with_bad_files(tmp_path: Path) -> Path:
    src = tmp_path / "papers"
    src.mkdir()
    shutil.copy(DATA / "tagged-minutes.txt", src / "minutes.txt")
    (src / "empty.txt").write_bytes(b"")
    (src / "blank.txt").write_text("   \n\n")
    (src / "binary.txt").write_bytes(bytes(range(256)) * 8)
    (src / "photo.jpg").write_bytes(b"\xff\xd8\xff\xe0 not really a jpeg")
    return src


def test_bad_files_are_skipped_with_one_line_each(tmp_path: Path, fake_settings: Settings) -> None:
    summary = build_index([_folder_with_bad_files(tmp_path)], tmp_path / "idx", fake_settings, HashingEmbedder())
    reasons = {line.split(":")[0]: line for line in summary.skipped}
    assert set(reasons) == {"empty.txt", "blank.txt", "binary.txt", "photo.jpg"}
    assert "is empty" in reasons["empty.txt"] and "binary" in reasons["binary.txt"]
    assert "unsupported format '.jpg'" in reasons["photo.jpg"]
    assert all("\n" not in line for line in summary.skipped)
    assert summary.documents == 1 and summary.passages > 0


def test_unreadable_file_is_skipped(tmp_path: Path, fake_settings: Settings, monkeypatch: pytest.MonkeyPatch) -> None:
    src = _folder_with_bad_files(tmp_path)
    real = Path.read_bytes

    def deny(self: Path) -> bytes:
        if self.name == "minutes.txt" and "papers" in self.parts:
            raise PermissionError(13, "Permission denied")
        return real(self)

    monkeypatch.setattr(Path, "read_bytes", deny)
    with pytest.raises(NothingIndexed):
        build_index([src], tmp_path / "idx", fake_settings, HashingEmbedder())


def test_cli_exits_1_only_when_nothing_could_be_indexed(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                                        capsys: pytest.CaptureFixture[str]) -> None:
    monkeypatch.setenv("QUIRE_MODEL", "hashing")
    monkeypatch.setenv("QUIRE_CACHE_DIR", str(tmp_path / "cache"))
    bad = tmp_path / "bad"
    bad.mkdir()
    (bad / "empty.txt").write_bytes(b"")
    assert main(["index", str(bad), "--index", str(tmp_path / "i1"), "--quiet"]) == 1
    err = capsys.readouterr().err
    assert "empty.txt: is empty" in err and "nothing could be indexed" in err
    assert not (tmp_path / "i1").exists()
    assert main(["index", str(_folder_with_bad_files(tmp_path)), "--index", str(tmp_path / "i2"), "--quiet"]) == 0


class _Interrupting(HashingEmbedder):
    def encode(self, texts, batch_size=32, on_batch=None):  # type: ignore[no-untyped-def]
        raise KeyboardInterrupt


def test_interrupted_build_leaves_previous_index_intact(tmp_path: Path, fake_settings: Settings) -> None:
    target = tmp_path / "idx"
    build_index([DATA / "tagged-minutes.txt"], target, fake_settings, HashingEmbedder())
    before = export_rows(target)
    with pytest.raises(KeyboardInterrupt):
        build_index([DATA], target, fake_settings, _Interrupting())
    assert export_rows(target) == before
    assert [p.name for p in tmp_path.iterdir() if "building" in p.name] == []


def test_missing_index_is_one_clear_line(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["search", "anything", "--index", str(tmp_path / "nowhere")]) == 2
    err = capsys.readouterr().err.strip()
    assert err.count("\n") == 0 and "not a Quire index" in err
