"""Alert tests: papers indexed a meeting at a time (the seed corpus, hashing embedder), a
real SMTP server on loopback, and the `quire` command and the app configured through the
environment exactly as a deployment is."""
from __future__ import annotations

import shutil
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from indexer.config import Settings

from api.cli import main
from tests.conftest import ROOT
from tests.mailbox import Mailbox

COMMITTEE = ROOT / "corpus" / "lancashire-county-council" / "cabinet-committee-on-performance-improvement"
BASE = "https://quire.test"


class Papers:
    """A corpus folder that grows a meeting at a time, and its index."""

    def __init__(self, root: Path) -> None:
        self.root = root / "papers"
        self.index = root / "index"

    def add(self, *meetings: str) -> Papers:
        for day in meetings:
            shutil.copytree(COMMITTEE / day, self.root / "lancashire-county-council" / "cabinet" / day)
        return self

    def build(self, *extra: str) -> int:
        return main(["index", str(self.root), "--index", str(self.index), "--quiet", *extra])


@pytest.fixture
def papers(tmp_path: Path) -> Papers:
    return Papers(tmp_path)


@pytest.fixture
def settings(tmp_path: Path, mailbox: Mailbox, monkeypatch: pytest.MonkeyPatch) -> Settings:
    """QUIRE_* for the command line and the app alike."""
    env = {"QUIRE_MODEL": "hashing", "QUIRE_ALERTS_DB": str(tmp_path / "alerts.sqlite"),
           "QUIRE_SMTP_HOST": "127.0.0.1", "QUIRE_SMTP_PORT": str(mailbox.port), "QUIRE_BASE_URL": BASE,
           "QUIRE_MAIL_FROM": "Quire <alerts@quire.test>", "QUIRE_TOKENS_FILE": str(tmp_path / "tokens.json"),
           "QUIRE_AUDIT_LOG": str(tmp_path / "audit.log"), "QUIRE_RATE_LIMIT": "0"}
    for name, value in env.items():
        monkeypatch.setenv(name, value)
    return Settings()


@pytest.fixture
def client(settings: Settings) -> Callable[[Path], TestClient]:
    """`with client(index) as c:` the app over an index as it is now."""
    from api.http.app import create_app
    from api.search.engine import Searcher
    from indexer.store.embedder import HashingEmbedder

    @contextmanager
    def make(index: Path) -> Iterator[TestClient]:
        with TestClient(create_app(index, settings, Searcher(index, HashingEmbedder())), base_url=BASE) as c:
            yield c
    return make  # type: ignore[return-value]


def path_of(link: str) -> str:
    assert link.startswith(BASE + "/"), link
    return link[len(BASE):]
