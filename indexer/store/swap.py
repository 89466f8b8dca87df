"""Put a freshly built index folder in place of the old one, atomically.

On Linux, renameat2(RENAME_EXCHANGE) swaps two directory entries in one step, so a reader
opening DIR sees either the whole old index or the whole new one, never a gap. Elsewhere we
fall back to two renames, which leaves DIR missing for a moment but never half-written.
"""
from __future__ import annotations

import ctypes
import os
import shutil
from pathlib import Path

_RENAME_EXCHANGE = 2
_AT_FDCWD = -100


def _exchange(a: Path, b: Path) -> bool:
    try:
        libc = ctypes.CDLL(None, use_errno=True)
        fn = libc.renameat2
    except (OSError, AttributeError):
        return False
    rc = fn(_AT_FDCWD, os.fsencode(a), _AT_FDCWD, os.fsencode(b), _RENAME_EXCHANGE)
    return rc == 0


def replace_folder(new: Path, target: Path) -> None:
    """Make `new` become `target`; the previous `target`, if any, is deleted afterwards."""
    if not target.exists():
        os.replace(new, target)
        return
    if _exchange(new, target):
        shutil.rmtree(new)  # `new` now holds the old index
        return
    old = target.with_name(target.name + ".old")
    shutil.rmtree(old, ignore_errors=True)
    os.replace(target, old)
    os.replace(new, target)
    shutil.rmtree(old, ignore_errors=True)
