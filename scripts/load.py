"""Load test on loopback: N concurrent users for S seconds against a real `quire serve`.

    make load      (or: python scripts/load.py --index index --users 50 --seconds 60)

Each simulated user has its own loopback address (127.0.0.2, 127.0.0.3, …), so the server's
per-client rate limit sees fifty clients, as it would in service. Users loop without pause
over the dev queries: 80% /api/search, 10% /api/answer, 10% an item page. Bounded in time,
loopback only. Prints throughput, p50/p95/p99 latency and errors per endpoint.
"""
from __future__ import annotations

import argparse
import csv
import random
import sys
import threading
import time
from collections import defaultdict
from pathlib import Path

import httpx

sys.path.insert(0, str(Path(__file__).resolve().parent))
from bench import ROOT, latency_line, start  # noqa: E402


def user(n: int, url: str, queries: list[str], items: list[str], until: float,
         results: dict[str, list[float]], errors: dict[str, int], lock: threading.Lock) -> None:
    rng = random.Random(n)
    transport = httpx.HTTPTransport(local_address=f"127.0.0.{2 + n % 250}")
    with httpx.Client(base_url=url, transport=transport, timeout=30) as client:
        while time.monotonic() < until:
            roll = rng.random()
            if roll < 0.8:
                name, path, params = "search", "/api/search", {"q": rng.choice(queries)}
            elif roll < 0.9:
                name, path, params = "answer", "/api/answer", {"q": rng.choice(queries)}
            else:
                name, path, params = "item page", f"/items/{rng.choice(items)}", {}
            t0 = time.perf_counter()
            try:
                status = str(client.get(path, params=params).status_code)
            except httpx.HTTPError as exc:
                status = type(exc).__name__
            ms = (time.perf_counter() - t0) * 1000
            with lock:
                results[name].append(ms)
                if status != "200":
                    errors[name] += 1
                    errors[f"{name} {status}"] += 1


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--index", default="index")
    ap.add_argument("--users", type=int, default=50)
    ap.add_argument("--seconds", type=float, default=60)
    ap.add_argument("--workers", type=int, default=2)
    args = ap.parse_args()
    queries = [r["query"] for r in csv.DictReader(open(ROOT.parent / "shared" / "eval" / "seeds-dev.tsv"), delimiter="\t")]
    # The limiter runs on every request (its shared-state write is part of the cost) but at a
    # rate no closed-loop user reaches: 50 users without think time ask ~2-5 times a second
    # each, past the per-client default of 300 a minute, and would measure 429s.
    proc, url = start(args.index, args.workers, rate_limit=1_000_000)
    try:
        items = [m["meeting_id"] + "-item-1" for m in httpx.get(url + "/api/meetings").json()]
        results: dict[str, list[float]] = defaultdict(list)
        errors: dict[str, int] = defaultdict(int)
        lock = threading.Lock()
        until = time.monotonic() + args.seconds
        threads = [threading.Thread(target=user, args=(n, url, queries, items, until, results, errors, lock))
                   for n in range(args.users)]
        started = time.monotonic()
        for t in threads:
            t.start()
        for t in threads:
            t.join()
        elapsed = time.monotonic() - started
        total = sum(len(v) for v in results.values())
        print(f"{args.users} users, {elapsed:.0f} s, {args.workers} server workers: {total} requests, "
              f"{total / elapsed:.1f} req/s, {sum(errors[n] for n in results)} errors")
        for name, times in sorted(results.items()):
            statuses = ", ".join(f"{k.split()[-1]}: {v}" for k, v in sorted(errors.items()) if k.startswith(name + " "))
            print("  " + latency_line(name, times, f"  errors {errors[name]}" + (f" ({statuses})" if statuses else "")))
    finally:
        proc.terminate()
        proc.wait(timeout=20)


if __name__ == "__main__":
    main()
