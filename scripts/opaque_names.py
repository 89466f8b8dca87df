"""Do passages keep their meeting and item when the papers' file names say nothing?

Copies a corpus with every file renamed to a random id (folders kept, manifests left out),
indexes both copies with the same settings, and prints the share of passages that get the
same meeting and item under opaque names as under their own. The suite runs the same check
on the Kent papers (tests/integration/test_opaque_names.py).

    .venv/bin/python scripts/opaque_names.py ../shared/kent --model hashing
"""
from __future__ import annotations

import argparse
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from api.evaluation.invariance import agreement  # noqa: E402
from indexer.config import Settings  # noqa: E402


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
