"""Do passages keep their meeting and item when the papers' file names say nothing?

Copies a corpus with every file renamed to a random id (folders kept, manifests left out),
indexes both copies with the same settings, and prints the share of passages that get the
same meeting and item under opaque names as under their own. The suite runs the same check
on the Kent papers (tests/integration/test_opaque_names.py).

    .venv/bin/python scripts/opaque_names.py ../shared/kent --model hashing
"""
from __future__ import annotations

import argparse
import json
import random
import shutil
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from indexer.build import build_index  # noqa: E402
from indexer.config import Settings  # noqa: E402
from indexer.read.metadata import MANIFEST_NAMES  # noqa: E402
from indexer.store.database import Store  # noqa: E402
from indexer.store.manifest import read_manifest  # noqa: E402


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


def agreement(corpus: Path, work: Path, settings: Settings) -> tuple[float, int, int]:
    """(share of passages placed alike, passages alike, passages under real names)."""
    opaque = work / "opaque"
    opaque_copy(corpus, opaque)
    build_index([corpus], work / "named-index", settings)
    build_index([opaque], work / "opaque-index", settings)
    named, hidden = placements(work / "named-index"), placements(work / "opaque-index")
    same = sum(1 for key, where in named.items() if hidden.get(key) == where)
    return (same / len(named) if named else 0.0), same, len(named)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("corpus", type=Path)
    parser.add_argument("--model", default="hashing")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        settings = Settings(model=args.model, cache_dir=Path(tmp) / "cache")
        share, same, total = agreement(args.corpus, Path(tmp), settings)
    print(f"{args.corpus}: {same}/{total} passages keep their meeting and item under opaque names ({share:.3f})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
