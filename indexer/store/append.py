"""Growing an index folder without rewriting it: a copy of the folder made of hard links (no
bytes copied), and .npy arrays extended by appending rows to a copy.

`quire add` writes its new index into a fresh folder and swaps it in (swap.py), as a build
does; the files it does not change are hard links to the ones in service (a million-passage
index's keyword postings are 0.5 GB), and a file it changes is first copied, so the folder in
service is never written to: a server reading it, and a crash half-way, see the old index.
"""
from __future__ import annotations

import os
import shutil
from collections.abc import Iterable
from pathlib import Path

import numpy as np

_PREFIX = {1: 10, 2: 12, 3: 12}  # npy format version → bytes before the header text


def link_tree(source: Path, target: Path, leave_out: Iterable[str] = ()) -> None:
    """`target` holding every file of `source` as a hard link (a copy where the file system
    cannot link), except those at or under the paths (relative to `source`) in `leave_out`."""
    skip = [Path(p) for p in leave_out]
    for here, _, files in os.walk(source):
        rel = Path(here).relative_to(source)
        (target / rel).mkdir(parents=True, exist_ok=True)
        for name in files:
            if any((rel / name).is_relative_to(p) for p in skip):
                continue
            try:
                os.link(Path(here) / name, target / rel / name)
            except OSError:
                shutil.copy2(Path(here) / name, target / rel / name)


def append_rows(source: Path, target: Path, rows: np.ndarray) -> int:
    """Write `target` as the array in `source` with `rows` after its last row; returns the new
    row count. The bytes are copied and the rows appended, and the header's row count is
    rewritten in its own padding (numpy pads headers to 64 bytes); where the longer count does
    not fit, the array is written out again."""
    shutil.copyfile(source, target)
    with open(target, "r+b") as f:
        major, _ = np.lib.format.read_magic(f)
        read_header = np.lib.format.read_array_header_1_0 if major == 1 else np.lib.format.read_array_header_2_0
        shape, fortran, dtype = read_header(f)
        data_at = f.tell()
        if fortran or rows.shape[1:] != tuple(shape[1:]):
            raise ValueError(f"{source.name}: rows of shape {rows.shape[1:]} cannot follow {tuple(shape)}")
        total = int(shape[0]) + len(rows)
        header = repr({"descr": np.lib.format.dtype_to_descr(dtype), "fortran_order": False,
                       "shape": (total, *shape[1:])})
        room = data_at - _PREFIX[major]
        if len(header) + 1 <= room:
            f.seek(_PREFIX[major])
            f.write((header.ljust(room - 1) + "\n").encode("latin1"))
            f.seek(0, os.SEEK_END)
            f.write(np.ascontiguousarray(rows, dtype=dtype).tobytes())
            return total
    old = np.load(source, mmap_mode="r")
    out = np.lib.format.open_memmap(target, mode="w+", dtype=old.dtype, shape=(total, *old.shape[1:]))
    out[:len(old)] = old
    out[len(old):] = rows
    out.flush()
    del out
    return total
