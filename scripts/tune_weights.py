"""Print how the fusion weights in api/search/fusion.py score on dev gold sets, one row per setting.

    python scripts/tune_weights.py --set SEEDS_INDEX ../shared/eval/seeds-dev.tsv \
                                   --set KENT_INDEX ../shared/eval/kent-dev.tsv

Each row changes one pair of weights (short-query dense/keyword, or long-question
dense/keyword) and leaves the rest as shipped. Pick values inside a plateau where the
neighbours score the same, not a lone peak: the dev sets are small, and a peak is noise.
"""
from __future__ import annotations

import argparse
import itertools
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

import api.search.engine as search  # noqa: E402
import api.search.fusion as fusion  # noqa: E402
from api.evaluation.retrieval import evaluate, read_gold, searcher_ranker  # noqa: E402

SHORT = ("W_DENSE", "W_KEYWORD")
LONG = ("W_DENSE_LONG", "W_KEYWORD_LONG")
GRID = {SHORT: tuple(itertools.product((0.4, 0.5, 0.6, 0.7), (0.2, 0.25, 0.3, 0.35, 0.45))),
        LONG: tuple(itertools.product((0.6, 0.65, 0.7, 0.75, 0.8, 0.9), (0.05, 0.08, 0.1, 0.12, 0.15, 0.25)))}


def score_row(sets: list[tuple[search.Searcher, str, list[dict[str, str]]]]) -> str:
    cells = []
    for searcher, kind, rows in sets:
        rank = searcher_ranker(searcher, search.MAX_K, search.Filters(include_exempt=True))
        cells.append(" ".join(f"{v:.4f}" for v in evaluate(kind, rows, rank).metrics.values()))
    return " | ".join(cells)


def main(argv: list[str] | None = None) -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--set", nargs=2, action="append", required=True, metavar=("INDEX", "GOLD"),
                    help="an index folder and a gold file measured on it (repeatable)")
    args = ap.parse_args(argv)
    sets = []
    for index, gold in args.set:
        kind, rows = read_gold(Path(gold))
        sets.append((search.Searcher(Path(index)), kind, rows))
    print("setting".ljust(34), " | ".join(Path(gold).name for _, gold in args.set))
    print("shipped".ljust(34), score_row(sets), flush=True)
    for names, values in GRID.items():
        shipped = tuple(getattr(fusion, n) for n in names)
        for pair in values:
            for name, value in zip(names, pair, strict=True):
                setattr(fusion, name, value)
            label = ", ".join(f"{n}={v}" for n, v in zip(names, pair, strict=True))
            print(label.ljust(34), score_row(sets), flush=True)
        for name, value in zip(names, shipped, strict=True):
            setattr(fusion, name, value)


if __name__ == "__main__":
    main()
