"""Progress bars for long operations (files, pages, passages: count, rate, ETA) on stderr."""
from __future__ import annotations

import sys
from collections.abc import Iterator
from contextlib import contextmanager

from tqdm import tqdm


class _NullBar:
    def update(self, n: int = 1) -> None:
        pass

    def set_postfix_str(self, s: str) -> None:
        pass


class Progress:
    def __init__(self, enabled: bool = True) -> None:
        self.enabled = enabled

    @contextmanager
    def bar(self, desc: str, total: int | None = None, unit: str = "it") -> Iterator[tqdm | _NullBar]:
        if not self.enabled:
            yield _NullBar()
            return
        with tqdm(total=total, desc=desc, unit=unit, file=sys.stderr, dynamic_ncols=True,
                  mininterval=0.5, leave=True) as bar:
            yield bar
