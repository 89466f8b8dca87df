"""Sign-ins and rate limits hold across server workers and restarts (one state file)."""
from __future__ import annotations

import multiprocessing
from pathlib import Path

from api.http.service import Viewer
from api.http.state import RateLimiter, Sessions, SharedState


def test_a_sign_in_on_one_worker_is_known_to_another_and_after_a_restart(tmp_path: Path) -> None:
    path = tmp_path / "state.sqlite"
    sid = Sessions(SharedState(path), hours=1).open(Viewer("alice", "officer"))
    other_worker = Sessions(SharedState(path), hours=1)
    assert other_worker.viewer(sid) == Viewer("alice", "officer")
    other_worker.close(sid)  # signing out anywhere signs out everywhere
    assert Sessions(SharedState(path), hours=1).viewer(sid) is None
    assert other_worker.viewer("made-up") is None


def _spend(path: str, n: int, out: multiprocessing.Queue) -> None:  # type: ignore[type-arg]
    limiter = RateLimiter(SharedState(Path(path)), per_minute=40)  # bursts of 10
    out.put(sum(1 for _ in range(n) if limiter.wait_seconds("client|public") == 0))


def test_two_worker_processes_share_one_clients_bucket(tmp_path: Path) -> None:
    path = str(tmp_path / "state.sqlite")
    SharedState(Path(path))
    out: multiprocessing.Queue = multiprocessing.Queue()  # type: ignore[type-arg]
    workers = [multiprocessing.Process(target=_spend, args=(path, 10, out)) for _ in range(2)]
    for w in workers:
        w.start()
    for w in workers:
        w.join(30)
    allowed = out.get(timeout=5) + out.get(timeout=5)
    assert 10 <= allowed <= 11  # one burst between them (a token may refill meanwhile), not one each
    assert RateLimiter(SharedState(Path(path)), per_minute=40).wait_seconds("client|public") > 0  # and after a restart
