"""A whole archive on one machine: build a synthetic index of N passages (default 1,000,000)
without running the model, serve it, and measure what a user and an operator would notice.

    make bench-scale                       (or: python scripts/bench_scale.py --passages 1000000)
    python scripts/bench_scale.py --passages 100000 --source index --source index-kent

Texts are real passages of the source indexes (the seeds, Kent's when built), one sentence of
each swapped for a sentence of another so no two are the same words, spread over COMMITTEES
committees and ten years of meetings (~250 passages a meeting, ~12 items each). Vectors are
drawn near the real ones (the source passage's, a little of the swapped sentence's, and
noise), so the approximate index sees the clustered structure real papers have; each
synthetic passage keeps its source's sentence vectors for answers. Copy groups are the
identity (the texts are built unique), so no near-copy pass is run. The index is kept under
.bench/scale-N/ and reused on the next run (--rebuild to make it again).

Then `quire serve` is started on it and measured: start time (to the first /healthz),
resident memory after start, search p50/p95 over 200 mixed queries (the dev and resident
question sets), filtered-search p95 (a committee, or a date range), answer p95, and recall@10
of the approximate dense leg against exact search over 1,000 queries near real passages.
The last line holds exactly these keys:

    passages=… build_s=… start_s=… rss_mb=… search_p50_ms=… search_p95_ms=… filtered_p95_ms=… answer_p95_ms=… recall_at_10=…
"""
from __future__ import annotations

import argparse
import csv
import json
import os
import shutil
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.parse
import urllib.request
from datetime import date, timedelta
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "scripts"))

from bench import cpu_line, free_port, percentile  # noqa: E402

from indexer.store.database import BULK_WRITE, SCHEMA, count_abbreviations  # noqa: E402
from indexer.store.features import PassageFeatures, codes, day_number, is_resolution, word_count  # noqa: E402
from indexer.store.manifest import FORMAT_VERSION, write_manifest  # noqa: E402
from indexer.store.postings import Postings, used_at  # noqa: E402
from indexer.store.sentences import SentenceIndex  # noqa: E402
from indexer.store.vectors import VectorIndex  # noqa: E402

COMMITTEES = 40
PER_MEETING = 250
PER_ITEM = 21
NOISE = 0.25  # of the noise vector's length, before normalising: nearest real passage stays the source
QUESTION_SETS = ["../shared/eval/seeds-dev.tsv", "../shared/eval/kent-dev.tsv", "tests/data/eval/kent-resident-dev.tsv",
                 "tests/data/eval/kent-resident-test.tsv", "tests/data/eval/seeds-paraphrases.tsv"]


def load_source(folders: list[Path]) -> dict:
    """Passages (text, citation, kind), their vectors and sentences from real indexes."""
    texts, citations, vectors, sentences, sentence_vectors, model = [], [], [], [], [], ""
    for folder in folders:
        manifest = json.loads((folder / "manifest.json").read_text())
        model = model or manifest["model"]
        con = sqlite3.connect(folder / "quire.sqlite")
        rows = con.execute("SELECT text, citation FROM passages WHERE exempt = 0 ORDER BY vec_id").fetchall()
        ids = [r[0] for r in con.execute("SELECT vec_id FROM passages WHERE exempt = 0 ORDER BY vec_id")]
        index = VectorIndex.load(folder).vectors()
        sent = SentenceIndex.load(folder)
        for (text, citation), vec_id in zip(rows, ids, strict=True):
            own = sent.of(vec_id) if sent else []
            if not own:
                continue
            texts.append(text)
            citations.append(json.loads(citation))
            vectors.append(index[vec_id])
            sentences.append([t for t, _ in own])
            sentence_vectors.append(np.array([v for _, v in own], dtype=np.float16))
        con.close()
    return {"texts": texts, "citations": citations, "vectors": np.array(vectors, dtype=np.float32),
            "sentences": sentences, "sentence_vectors": sentence_vectors, "model": model,
            "abbreviations": _abbreviations(folders)}


def _abbreviations(folders: list[Path]) -> list[tuple[str, str]]:
    seen: dict[str, str] = {}
    for folder in folders:
        con = sqlite3.connect(folder / "quire.sqlite")
        seen.update({r[0]: r[1] for r in con.execute("SELECT short, long FROM abbreviations WHERE public = 1")})
        con.close()
    return sorted(seen.items())


def build(target: Path, n: int, source: dict, seed: int = 0) -> None:
    """Write a synthetic index of n passages to `target` (via a .building folder)."""
    rng = np.random.default_rng(seed)
    work = target.with_name(target.name + ".building")
    shutil.rmtree(work, ignore_errors=True)
    work.mkdir(parents=True)
    con = sqlite3.connect(work / "quire.sqlite")
    con.executescript(BULK_WRITE + SCHEMA)
    con.execute("CREATE TABLE sentences (row INTEGER PRIMARY KEY, text TEXT NOT NULL)")
    m, dim = len(source["texts"]), source["vectors"].shape[1]
    meetings = max(1, n // PER_MEETING)
    vectors = np.zeros((n, dim), dtype=np.float32)
    starts = np.zeros(n + 1, dtype=np.int64)
    blocks: list[np.ndarray] = []
    columns: dict[str, list] = {"text": [], "item": [], "committee": [], "date": [], "kind": [], "context": []}
    passages: list[tuple] = []
    sentences: list[tuple[int, str]] = []
    t0 = time.monotonic()
    for meeting in range(meetings):
        committee = f"Committee {meeting % COMMITTEES + 1:02d}"
        day = (date(2015, 1, 1) + timedelta(days=int(meeting * 3650 / meetings))).isoformat()
        mid = f"{day}-synthetic-council-committee-{meeting % COMMITTEES + 1:02d}"
        con.execute("INSERT INTO meetings VALUES (?, 'Synthetic Council', ?, ?)", (mid, committee, day))
        lo, hi = meeting * n // meetings, (meeting + 1) * n // meetings
        for i in range(lo, hi):
            number = (i - lo) // PER_ITEM + 1
            iid = f"{mid}-item-{number}"
            if (i - lo) % PER_ITEM == 0:
                con.execute("INSERT INTO items VALUES (?, ?, ?, ?)", (iid, mid, number, f"Item {number} of {committee}"))
            s, other = int(rng.integers(m)), int(rng.integers(m))
            own = list(source["sentences"][s])
            k, j = int(rng.integers(len(own))), int(rng.integers(len(source["sentences"][other])))
            own[k] = source["sentences"][other][j]
            sv = source["sentence_vectors"][s].copy()
            sv[k] = source["sentence_vectors"][other][j]
            v = source["vectors"][s] + 0.3 * sv[k].astype(np.float32) + NOISE * rng.normal(size=dim) / np.sqrt(dim)
            vectors[i] = v / np.linalg.norm(v)
            blocks.append(sv)
            starts[i + 1] = starts[i] + len(sv)
            sentences += [(int(starts[i]) + r, t) for r, t in enumerate(own)]
            text = " ".join(own)
            cit = dict(source["citations"][s], council="Synthetic Council", committee=committee, meeting_date=day,
                       item_number=number, item_title=f"Item {number} of {committee}", exempt=False, url="",
                       source=f"synthetic/{mid}.pdf", document_title="")
            kind = cit.get("document_kind", "report")
            context = f"{committee} · {day} · Item {number}"
            for key, value in zip(columns, (text, iid, committee, day, kind, context), strict=True):
                columns[key].append(value)
            passages.append((i, f"s{i:08d}", iid, mid, mid[:16], 0, i - lo, kind, 0, committee, day, text,
                             context, json.dumps(cit), ""))
        if len(passages) >= 20_000 or meeting == meetings - 1:
            con.executemany("INSERT INTO passages (vec_id, passage_id, item_id, meeting_id, doc_id, section_id, seq, kind, "
                            "exempt, committee, meeting_date, text, context, citation, embed_hash) "
                            "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", passages)
            con.executemany("INSERT INTO sentences VALUES (?, ?)", sentences)
            passages, sentences = [], []
            rate = hi / max(1e-9, time.monotonic() - t0)
            print(f"  passages {hi:,}/{n:,}  {rate:,.0f}/s  ETA {(n - hi) / rate:,.0f} s", file=sys.stderr, flush=True)
    con.executemany("INSERT INTO abbreviations (short, long, public) VALUES (?, ?, 1)", source["abbreviations"])
    _phase("passages and sentences written", t0)
    print("  keyword index ...", file=sys.stderr, flush=True)
    con.execute("INSERT INTO passages_fts(passages_fts) VALUES ('rebuild')")
    con.execute("INSERT INTO items_fts (rowid, item_id, text) SELECT i.rowid, i.item_id, i.title || char(10) || "
                "coalesce((SELECT group_concat(p.text, char(10)) FROM passages p WHERE p.item_id = i.item_id), '') FROM items i")
    _phase("passages keyword index", t0)
    count_abbreviations(con)
    con.commit()
    con.close()
    _phase("item keyword index, abbreviations", t0)
    print("  vector index ...", file=sys.stderr, flush=True)
    VectorIndex.build(vectors).save(work)
    _phase("vector index", t0)
    np.save(work / "sentences.npy", np.concatenate(blocks))
    np.save(work / "sentence_starts.npy", starts)
    _phase("sentence vectors", t0)
    _features(columns).save(work)
    _phase("passage features", t0)
    if used_at(n):
        Postings.build(columns["text"], columns["context"]).save(work)
        _phase("keyword postings", t0)
    write_manifest(work, {"format_version": FORMAT_VERSION, "model": source["model"], "dimension": dim,
                          "built_at": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime()), "synthetic": True,
                          "counts": {"documents": meetings, "meetings": meetings, "items": len(set(columns["item"])),
                                     "passages": n, "exempt_passages": 0, "decisions": 0, "commitments": 0}, "inputs": [], "sources": []})
    shutil.rmtree(target, ignore_errors=True)
    work.rename(target)


def _phase(name: str, t0: float) -> None:
    print(f"  {name}: done at {time.monotonic() - t0:,.0f} s", file=sys.stderr, flush=True)


def _features(columns: dict[str, list]) -> PassageFeatures:
    """The index-time features, computed as `quire index` does, but for the copy groups: the
    texts are unique by construction, so each passage is its own group."""
    n = len(columns["text"])
    committee, committee_names = codes(columns["committee"])
    kind, kind_names = codes(columns["kind"])
    item, item_ids = codes(columns["item"])
    ident = np.arange(n, dtype=np.int32)
    return PassageFeatures(committee=committee, kind=kind, item=item,
                           date=np.array([day_number(d) for d in columns["date"]], dtype=np.int32),
                           exempt=np.zeros(n, dtype=bool),
                           resolution=np.array([is_resolution(t) for t in columns["text"]], dtype=bool),
                           words=np.array([word_count(t) for t in columns["text"]], dtype=np.int32),
                           same_text=ident, near_copy=ident, question=np.zeros(n, dtype=np.int32),
                           document=np.zeros(n, dtype=np.int32),
                           committees=committee_names, kinds=kind_names, item_ids=item_ids)


def questions() -> list[str]:
    out: list[str] = []
    for name in QUESTION_SETS:
        path = ROOT / name
        if path.exists():
            with path.open(encoding="utf-8") as f:
                out += [r["query"] for r in csv.DictReader((line for line in f if not line.startswith("#")), delimiter="\t")
                        if r.get("query")]
    return out


def serve(index: Path) -> tuple[subprocess.Popen, str, float]:
    port = free_port()
    started = time.monotonic()
    # one client asking as fast as it can: no per-client rate limit, sessions and buckets in a
    # folder of the run's own, and no remembered query vectors (the 200 queries repeat the
    # question sets, and every one should pay for the model as a new question does)
    env = {**os.environ, "QUIRE_RATE_LIMIT": "0", "QUIRE_QUERY_CACHE": "0",
           "QUIRE_STATE_DIR": tempfile.mkdtemp(prefix="quire-bench-")}
    proc = subprocess.Popen([sys.executable, "-m", "api.cli", "serve", "--index", str(index), "--port", str(port)],
                            cwd=ROOT, stderr=subprocess.DEVNULL, env=env)
    url = f"http://127.0.0.1:{port}"
    for _ in range(1200):
        if proc.poll() is not None:
            raise SystemExit(f"quire serve exited with status {proc.returncode}")
        try:
            urllib.request.urlopen(url + "/healthz", timeout=1)
            return proc, url, time.monotonic() - started
        except OSError:
            time.sleep(0.05)
    proc.kill()
    raise SystemExit("server did not start")


def rss_mb(pid: int) -> float:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return 0.0


def timed(url: str) -> float:
    t = time.perf_counter()
    with urllib.request.urlopen(url, timeout=60) as r:
        r.read()
    return (time.perf_counter() - t) * 1000


def recall_at_10(index: Path, queries: int = 1000, seed: int = 1) -> float:
    """The dense leg's top 10 (approximate for a large index) against exact search over every
    vector, for query vectors near real passages; exact scores in float32, 100,000 rows at a time."""
    vi = VectorIndex.load(index)
    full = vi.vectors() if not vi.approximate else np.load(index / "vectors.f16.npy", mmap_mode="r")
    rng = np.random.default_rng(seed)
    dim = full.shape[1]
    q = np.asarray(full[np.sort(rng.integers(len(full), size=queries))], dtype=np.float32)
    q += NOISE * rng.normal(size=q.shape).astype(np.float32) / np.sqrt(dim)
    q /= np.linalg.norm(q, axis=1, keepdims=True)
    best_scores = np.full((queries, 10), -np.inf, dtype=np.float32)
    best_ids = np.zeros((queries, 10), dtype=np.int64)
    for lo in range(0, len(full), 100_000):
        scores = q @ np.asarray(full[lo:lo + 100_000], dtype=np.float32).T
        top = np.argpartition(-scores, min(10, scores.shape[1] - 1), axis=1)[:, :10]
        merged_scores = np.concatenate([best_scores, np.take_along_axis(scores, top, axis=1)], axis=1)
        merged_ids = np.concatenate([best_ids, top + lo], axis=1)
        keep = np.argsort(-merged_scores, axis=1)[:, :10]
        best_scores, best_ids = np.take_along_axis(merged_scores, keep, axis=1), np.take_along_axis(merged_ids, keep, axis=1)
    found = sum(len(set(best_ids[i].tolist()) & set(vi.nearest(q[i], 10)[0].tolist())) for i in range(queries))
    return found / (10 * queries)


def main(argv: list[str] | None = None) -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--passages", type=int, default=1_000_000)
    ap.add_argument("--source", action="append", help="real index folders to draw from (default: index, index-kent)")
    ap.add_argument("--rebuild", action="store_true")
    ap.add_argument("--queries", type=int, default=200)
    args = ap.parse_args(argv)
    target = ROOT / ".bench" / f"scale-{args.passages}"
    sources = [ROOT / s for s in (args.source or ["index", "index-kent"]) if (ROOT / s / "manifest.json").exists()]
    if not sources:
        raise SystemExit("no source index: run `make index` first")
    print(cpu_line())
    build_s = 0.0
    if args.rebuild or not (target / "manifest.json").exists():
        t = time.monotonic()
        build(target, args.passages, load_source(sources))
        build_s = time.monotonic() - t
        (target / "build_seconds").write_text(f"{build_s:.1f}")
    elif (target / "build_seconds").exists():
        build_s = float((target / "build_seconds").read_text())
    proc, url, start_s = serve(target)
    try:
        rss = rss_mb(proc.pid)
        asked = (questions() * 10)[:args.queries]
        for q in asked[:5]:
            timed(f"{url}/api/search?" + urllib.parse.urlencode({"q": q}))  # warm the page cache a little
        search = [timed(f"{url}/api/search?" + urllib.parse.urlencode({"q": q})) for q in asked]
        filters = [{"committee": "Committee 07"}, {"date_from": "2019-01-01", "date_to": "2019-12-31"}]
        filtered = [timed(f"{url}/api/search?" + urllib.parse.urlencode({"q": q, **filters[i % 2]}))
                    for i, q in enumerate(asked[:100])]
        answer = [timed(f"{url}/api/answer?" + urllib.parse.urlencode({"q": q})) for q in asked[:100]]
        rss = max(rss, rss_mb(proc.pid))
    finally:
        proc.terminate()
        proc.wait(timeout=30)
    recall = recall_at_10(target)
    print(f"search   p50 {statistics.median(search):.1f} ms  p95 {percentile(search, 95):.1f} ms  (n={len(search)})")
    print(f"filtered p95 {percentile(filtered, 95):.1f} ms  answer p95 {percentile(answer, 95):.1f} ms")
    print(f"passages={args.passages} build_s={build_s:.0f} start_s={start_s:.1f} rss_mb={rss:.0f} "
          f"search_p50_ms={statistics.median(search):.1f} search_p95_ms={percentile(search, 95):.1f} "
          f"filtered_p95_ms={percentile(filtered, 95):.1f} answer_p95_ms={percentile(answer, 95):.1f} "
          f"recall_at_10={recall:.3f}")


if __name__ == "__main__":
    main()
