"""Do passages keep their meeting and item when the papers' file names say nothing?

A corpus copied with every file renamed to a random id (folders kept, manifests left out)
is indexed beside the original with the same settings; the share of passages that get the
same meeting and item under opaque names as under their own measures how much placement
rests on content rather than on names (issue 14: at least 0.95 on Kent).
"""
from __future__ import annotations

import json
import random
import shutil
from pathlib import Path

from indexer.build import build_index
from indexer.config import Settings
from indexer.read.metadata import MANIFEST_NAMES
from indexer.store.database import Store
from indexer.store.manifest import read_manifest


def opaque_copy(corpus: Path, target: Path, seed: int = 7) -> None:
    """Every paper under a random name in its own folder; manifests are not copied."""
    rng = random.Random(seed)
    for path in sorted(p for p in corpus.rglob("*") if p.is_file()):
        if path.name.lower() in MANIFEST_NAMES:
            continue
        rel = path.relative_to(corpus)
        dest = target / rel.parent / f"{rng.getrandbits(48):012x}{path.suffix.lower()}"
        dest.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(path, dest)


def placements(index: Path) -> dict[tuple, tuple]:
    """(document sha256, page, line, text) → (committee, meeting date, item number)."""
    sha = {i["source"]: i["sha256"] for i in (read_manifest(index) or {}).get("inputs", [])}
    out = {}
    for row in Store(index).query("SELECT text, citation FROM passages"):
        c = json.loads(row["citation"])
        out[(sha.get(c["source"]), c["page_start"], c["line_start"], row["text"])] = \
            (c["committee"], c["meeting_date"], c["item_number"])
    return out


def agreement(corpus: Path, work: Path, settings: Settings, named_index: Path | None = None) -> tuple[float, int, int]:
    """(share of passages placed alike, passages alike, passages under real names).
    `named_index`: the corpus already indexed under its own names with the same settings (the
    test suite's shared Kent index), so it is not built twice."""
    opaque = work / "opaque"
    opaque_copy(corpus, opaque)
    if named_index is None:
        named_index = work / "named-index"
        build_index([corpus], named_index, settings)
    build_index([opaque], work / "opaque-index", settings)
    named, hidden = placements(named_index), placements(work / "opaque-index")
    same = sum(1 for key, where in named.items() if hidden.get(key) == where)
    return (same / len(named) if named else 0.0), same, len(named)
