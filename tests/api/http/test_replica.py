"""Replicas: two servers on one read-only copy of an index folder answer alike, and serving never
writes to the folder (sessions, rate limits, tokens and alerts live in the state folder)."""
from __future__ import annotations

import hashlib
import os
import shutil
import stat
import urllib.parse
from contextlib import ExitStack, contextmanager
from pathlib import Path

from tests.api.http.conftest import free_port, get_json, serve


def snapshot(folder: Path) -> dict[str, str]:
    return {str(p.relative_to(folder)): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(folder.rglob("*")) if p.is_file()}


def read_only(folder: Path) -> None:
    """Files 0444 and folders 0555 (a tester running as root can still write: the snapshot
    comparison below is what holds then)."""
    for p in [folder, *folder.rglob("*")]:
        p.chmod(stat.S_IRUSR | stat.S_IRGRP | stat.S_IROTH | ((stat.S_IXUSR | stat.S_IXGRP | stat.S_IXOTH) if p.is_dir() else 0))


def test_two_replicas_serve_one_read_only_copy_without_writing_to_it(seed_index_fake: Path, tmp_path: Path) -> None:
    copy = tmp_path / "replica"
    shutil.copytree(seed_index_fake, copy)
    before = snapshot(copy)
    read_only(copy)
    env = {"QUIRE_STATE_DIR": str(tmp_path / "state")}
    try:
        with ExitStack() as servers:
            a, b = (servers.enter_context(contextmanager(serve)(copy, free_port(), env)) for _ in range(2))
            query = urllib.parse.urlencode({"q": "road safety casualties"})
            found = [get_json(f"{url}/api/search?{query}") for url in (a, b)]
            assert found[0]["results"] and found[0]["results"] == found[1]["results"]
            answer = get_json(f"{b}/api/answer?{query}")
            assert answer["passages"]
            item = found[0]["results"][0]["item_id"]
            assert get_json(f"{a}/api/items/{urllib.parse.quote(item)}")["item_id"] == item
    finally:
        for p in [copy, *copy.rglob("*")]:
            p.chmod(0o755 if p.is_dir() else 0o644)  # so pytest can remove the copy
    assert snapshot(copy) == before
    assert (tmp_path / "state").is_dir() and os.listdir(tmp_path / "state")  # state went to its own folder
