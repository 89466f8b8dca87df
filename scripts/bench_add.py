"""Growing an archive: add one real meeting to bench_scale.py's synthetic index (a million
passages by default) with `quire add`'s code, and measure what an operator would notice.

    make bench-add              (after make bench-scale, whose .bench/scale-N/ it reuses)
    python scripts/bench_add.py --passages 1000000 --meeting ../shared/councils/limerick-city-and-county-council/full-council/2024-05-27
    python scripts/bench_add.py --drift            (what DRIFT_SHARE in indexer/add.py rests on)

The bench index is linked into .bench/add-N/ (hard links: no bytes copied), so it stays as
built; the meeting's papers are read and embedded afresh (their own cache, emptied first), as
a new meeting's would be. Measured: the add's wall time (reading, embedding, writing, the
swap), then, on the grown index, that a sentence of the new meeting is found cited to it,
and recall@10 of the approximate dense leg against exact search. The last line holds:

    passages=… added_passages=… add_s=… embedded=… found_new=… recall_at_10=…

--drift measures the approximate index's recall@10 as rows are appended to lists trained
without them, against lists trained with them, when the appended rows are a topic the
trained rows lack (the worst case for a stale training): 400,000 rows of the synthetic index grouped
into 10 topics by k-means, the lists trained on rows of 8 of them, rows of the other 2
appended.
"""
from __future__ import annotations

import argparse
import json
import math
import shutil
import sqlite3
import sys
import time
from pathlib import Path

import faiss
import numpy as np

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "scripts"))

from bench import cpu_line  # noqa: E402
from bench_scale import NOISE, recall_at_10  # noqa: E402

from indexer.add import add_meetings  # noqa: E402
from indexer.config import Settings  # noqa: E402
from indexer.progress import Progress  # noqa: E402
from indexer.store.append import link_tree  # noqa: E402
from indexer.store.vectors import FULL_FILE, NPROBE, train_ann  # noqa: E402

from api.search.engine import Searcher  # noqa: E402

# a ModernGov meeting (agenda, reports, minutes) whose words the synthetic index, drawn from
# the seeds and Kent, does not hold: a search for them can only find the added meeting
MEETING = ROOT.parent / "shared" / "councils" / "west-of-england-combined-authority" / "joint-mca-and-joint-committee" / "2026-03-27"


def found_new(index: Path, meetings: list[str]) -> bool:
    """A sentence of the added meeting, searched for, comes back cited to that meeting."""
    con = sqlite3.connect(index / "quire.sqlite")
    try:
        marks = ",".join("?" * len(meetings))
        texts = [r[0] for r in con.execute(f"SELECT text FROM passages WHERE meeting_id IN ({marks}) AND exempt = 0 "
                                           "AND length(text) > 400 ORDER BY vec_id LIMIT 5", meetings)]
    finally:
        con.close()
    searcher = Searcher(index)
    try:
        hits = [searcher.search(" ".join(t.split()[10:40]), 5).hits for t in texts]
        return bool(texts) and all(h and h[0].meeting_id in meetings for h in hits)
    finally:
        searcher.close()


def add_once(passages: int, meeting: Path) -> str:
    source = ROOT / ".bench" / f"scale-{passages}"
    if not (source / "manifest.json").exists():
        raise SystemExit(f"{source} is not built: run `make bench-scale SCALE={passages}` first")
    target = ROOT / ".bench" / f"add-{passages}"
    cache = ROOT / ".bench" / f"add-{passages}.cache"
    shutil.rmtree(target, ignore_errors=True)
    shutil.rmtree(cache, ignore_errors=True)
    link_tree(source, target)
    settings = Settings(cache_dir=cache, model=json.loads((source / "manifest.json").read_text())["model"])
    t = time.monotonic()
    summary = add_meetings([meeting], target, settings, progress=Progress(enabled=True))
    add_s = time.monotonic() - t
    print(f"added {summary.added_passages} passages of {len(summary.added_meetings)} meeting(s) to {passages:,} "
          f"in {add_s:.1f} s ({summary.embedded} embedded; retrained: {summary.retrained})")
    found = found_new(target, summary.added_meetings)
    recall = recall_at_10(target)
    shutil.rmtree(target, ignore_errors=True)
    return (f"passages={summary.passages} added_passages={summary.added_passages} add_s={add_s:.1f} "
            f"embedded={summary.embedded} found_new={int(found)} recall_at_10={recall:.3f}")


def drift(passages: int, rows: int = 400_000, queries: int = 500) -> None:
    """recall@10 with lists trained before the appended rows (stale) and with them (fresh)."""
    full = np.load(ROOT / ".bench" / f"scale-{passages}" / FULL_FILE, mmap_mode="r")
    rng = np.random.default_rng(3)
    vectors = np.asarray(full[np.sort(rng.choice(len(full), size=rows, replace=False))], dtype=np.float32)
    kmeans = faiss.Kmeans(vectors.shape[1], 10, niter=10, seed=1, spherical=True)
    kmeans.train(vectors[rng.choice(rows, size=20_000, replace=False)])
    topic = kmeans.index.search(vectors, 1)[1][:, 0]
    new_topics = np.argsort(np.bincount(topic, minlength=10))[:2]  # the two smallest: the "new" subject matter
    new = vectors[np.isin(topic, new_topics)]
    rest = vectors[~np.isin(topic, new_topics)]
    old = rest[rng.choice(len(rest), size=min(len(rest), int(len(new) / 0.4)), replace=False)]  # room to append 40%
    print(f"{len(old):,} rows of 8 topics trained on; {len(new):,} rows of 2 other topics to append")
    for share in (0.05, 0.1, 0.2, 0.4):
        m = min(len(new), int(share * len(old)))
        grown = np.vstack([old, new[:m]])
        stale = train_ann(old)
        stale.add(new[:m])
        fresh = train_ann(grown)
        q = grown[rng.choice(len(old), size=queries // 2)].copy()
        q = np.vstack([q, new[rng.choice(m, size=queries // 2)]])
        q += NOISE * rng.normal(size=q.shape).astype(np.float32) / math.sqrt(q.shape[1])
        q /= np.linalg.norm(q, axis=1, keepdims=True)
        exact = np.argpartition(-(q @ grown.T), 10, axis=1)[:, :10]
        line = [f"appended {m / len(old):.0%} ({m:,} rows):"]
        for name, index in (("stale", stale), ("fresh", fresh)):
            index.nprobe = NPROBE
            t = time.perf_counter()
            _, found = index.search(q, 400)  # then re-ranked exactly, as VectorIndex.nearest does
            ms = (time.perf_counter() - t) * 1000 / len(q)
            top = [f[np.argsort(-(grown[f[f >= 0]] @ q[i]))[:10]] for i, f in enumerate(found)]
            hit = [len(set(exact[i]) & set(top[i])) / 10 for i in range(len(q))]
            line.append(f"{name} recall@10 {np.mean(hit):.3f} (appended-topic queries {np.mean(hit[queries // 2:]):.3f}, "
                        f"{ms:.2f} ms a probe)")
        print("  ".join(line), flush=True)


def main(argv: list[str] | None = None) -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--passages", type=int, default=1_000_000, help="the bench_scale.py index to grow")
    ap.add_argument("--meeting", type=Path, default=MEETING, help="a folder of one meeting's papers")
    ap.add_argument("--drift", action="store_true", help="measure recall as rows are appended to stale lists")
    args = ap.parse_args(argv)
    print(cpu_line())
    if args.drift:
        drift(args.passages)
        return
    print(add_once(args.passages, args.meeting))


if __name__ == "__main__":
    main()
