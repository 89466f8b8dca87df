"""Shared fixtures. Unit tests use the deterministic hashing embedder, never the real model."""
from __future__ import annotations

import json
from pathlib import Path

import pytest

from indexer.build import build_index
from indexer.config import Settings
from indexer.store.embedder import HashingEmbedder

ROOT = Path(__file__).resolve().parent.parent
DATA = Path(__file__).resolve().parent / "data"
SHARED = ROOT.parent / "shared"
SEEDS = SHARED / "seeds"
EVAL = SHARED / "eval"
KENT = SHARED / "kent"


def need(path: Path) -> Path:
    if not path.exists():
        pytest.skip(f"{path} is not here (CI has ../shared beside the project)")
    return path


@pytest.fixture
def fake_settings(tmp_path: Path) -> Settings:
    return Settings(model="hashing", cache_dir=tmp_path / "cache")


@pytest.fixture
def embedder() -> HashingEmbedder:
    return HashingEmbedder()


@pytest.fixture(scope="session")
def seed_index_fake(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The seed corpus indexed once with the hashing embedder."""
    tmp = tmp_path_factory.mktemp("seedfake")
    target = tmp / "index"
    build_index([need(SEEDS)], target, Settings(model="hashing", cache_dir=tmp / "cache"), HashingEmbedder())
    return target


@pytest.fixture(scope="session")
def kent_index_fake(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Kent's 126 papers indexed once with the hashing embedder (about 10 s)."""
    tmp = tmp_path_factory.mktemp("kentfake")
    target = tmp / "index"
    build_index([need(KENT)], target, Settings(model="hashing", cache_dir=tmp / "cache"), HashingEmbedder())
    return target


def export_rows(index: Path) -> list[dict]:
    from indexer.store.database import Store
    store = Store(index)
    try:
        return [dict(r, citation=json.loads(r["citation"])) for r in store.query("SELECT * FROM passages ORDER BY vec_id")]
    finally:
        store.close()


@pytest.fixture
def mailbox():  # type: ignore[no-untyped-def]
    """A real SMTP server (aiosmtpd) on a free loopback port, stopped after the test."""
    from tests.mailbox import Mailbox
    box = Mailbox().start()
    yield box
    box.stop()
