"""One writer at a time: `quire index` and `quire add` hold a lock beside the index folder
while they write, so two of them never build on the same old index and lose one's work."""
from __future__ import annotations

import fcntl
import os
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from indexer.errors import IndexBusy


@contextmanager
def writing(target: Path) -> Iterator[None]:
    """Hold `.NAME.lock` beside `target` until the block ends; refuse at once if another
    process holds it (the lock goes with the process, so a crash never leaves it held)."""
    target.parent.mkdir(parents=True, exist_ok=True)
    fd = os.open(target.with_name(f".{target.name}.lock"), os.O_CREAT | os.O_RDWR, 0o644)
    try:
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            raise IndexBusy(f"{target} is being written by another 'quire index' or 'quire add'; "
                            "run this again when it has finished") from None
        yield
    finally:
        os.close(fd)
