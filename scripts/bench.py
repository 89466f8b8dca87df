"""Latency of /api/search and /api/answer over the dev queries, through a real server.

    make bench          (or: python scripts/bench.py --index index --rounds 5)

Starts `quire serve` on a free loopback port, warms it up, sends each dev query `rounds`
times one after another, and prints p50/p95/max per endpoint in milliseconds.
"""
from __future__ import annotations

import argparse
import csv
import os
import socket
import statistics
import subprocess
import sys
import time
import urllib.parse
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def start(index: str, workers: int = 1, rate_limit: int | None = None,
          query_cache: int | None = None) -> tuple[subprocess.Popen, str]:
    port = free_port()
    env = os.environ.copy()
    if rate_limit is not None:
        env["QUIRE_RATE_LIMIT"] = str(rate_limit)
    if query_cache is not None:
        env["QUIRE_QUERY_CACHE"] = str(query_cache)
    proc = subprocess.Popen([sys.executable, "-m", "api.cli", "serve", "--index", index, "--port", str(port),
                             "--workers", str(workers)], cwd=ROOT, env=env)
    url = f"http://127.0.0.1:{port}"
    for _ in range(300):
        try:
            urllib.request.urlopen(url + "/healthz", timeout=1)
            return proc, url
        except OSError:
            time.sleep(0.2)
    proc.kill()
    raise SystemExit("server did not start")


def percentile(values: list[float], p: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(p / 100 * (len(ordered) - 1))))]


def latency_line(name: str, times: list[float], extra: str = "") -> str:
    """'name n=…  p50 … ms  p95 … ms  p99 … ms' for a list of request times in ms."""
    return (f"{name:12s} n={len(times):5d}  p50 {statistics.median(times):7.1f} ms  p95 {percentile(times, 95):7.1f} ms"
            f"  p99 {percentile(times, 99):7.1f} ms  max {max(times):7.1f} ms{extra}")


def cpu_line() -> str:
    """Model name, cores and the vector flags that decide embedding speed (machines differ)."""
    try:
        info = Path("/proc/cpuinfo").read_text()
    except OSError:
        return "unknown"
    model = next((ln.split(":", 1)[1].strip() for ln in info.splitlines() if ln.startswith("model name")), "?")
    flags = set(next((ln.split(":", 1)[1].split() for ln in info.splitlines() if ln.startswith("flags")), []))
    wanted = [f for f in ("avx2", "avx512f", "avx512_bf16", "amx_bf16") if f in flags]
    return f"{model}, {os.cpu_count()} cores, {' '.join(wanted) or 'no AVX2'}"


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--index", default="index")
    ap.add_argument("--gold", default=str(ROOT.parent / "shared" / "eval" / "seeds-dev.tsv"))
    ap.add_argument("--rounds", type=int, default=5)
    args = ap.parse_args()
    queries = [r["query"] for r in csv.DictReader(open(args.gold), delimiter="\t")]
    print(f"{args.index}: {len(queries)} queries x {args.rounds} rounds; CPU: {cpu_line()}")
    # one client, many requests: latency, not the limiter; and each of the `rounds` repeats
    # pays for the model again, as a new question would (no remembered query vectors)
    proc, url = start(args.index, rate_limit=0, query_cache=0)
    try:
        for q in queries[:5]:
            urllib.request.urlopen(f"{url}/api/answer?q={urllib.parse.quote(q)}").read()
        for endpoint in ("/api/search", "/api/answer"):
            times = []
            for _ in range(args.rounds):
                for q in queries:
                    t0 = time.perf_counter()
                    urllib.request.urlopen(f"{url}{endpoint}?q={urllib.parse.quote(q)}&k=10").read()
                    times.append((time.perf_counter() - t0) * 1000)
            print(latency_line(endpoint, times))
    finally:
        proc.terminate()
        proc.wait(timeout=10)


if __name__ == "__main__":
    main()
