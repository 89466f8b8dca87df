"""Does the answer to a question about a decision lead with the right resolution? (With
`--whole`: does the answer box hold the answer at all?)

    python scripts/eval_decision_answers.py --index index-kent tests/data/eval/kent-decisions.tsv
    python scripts/eval_decision_answers.py --whole --index index-limerick tests/data/eval/limerick-test.tsv

For each row of an answer-containment gold file (`id, query, answer`), asks `/api/answer` (in
process, without the rate limit) and counts the question right when the resolution the answer
leads with (its `decision`, else its first sentence) contains the answer string; with `--whole`,
when its sentences or its decision do. Prints one line a question and the total.
"""
from __future__ import annotations

import argparse
import csv
import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from fastapi.testclient import TestClient  # noqa: E402

from api.http.app import create_app  # noqa: E402
from indexer.config import get_settings  # noqa: E402


def _norm(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip().lower()


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("gold", nargs="+", type=Path)
    parser.add_argument("--index", type=Path, required=True)
    parser.add_argument("--ids", default="", help="only these ids (comma-separated)")
    parser.add_argument("--whole", action="store_true", help="score the whole answer box, not its lead")
    args = parser.parse_args(argv)
    wanted = set(filter(None, args.ids.split(",")))
    right = asked = 0
    settings = get_settings().model_copy(update={"rate_limit": 0})  # one client asking many questions
    with TestClient(create_app(args.index, settings)) as client:
        for gold in args.gold:
            with gold.open(newline="", encoding="utf-8") as fh:
                rows = [r for r in csv.DictReader(fh, delimiter="\t") if not wanted or r["id"] in wanted]
            for row in rows:
                body = client.get("/api/answer", params={"q": row["query"]}).json()
                first = body["sentences"][0]["text"] if body["sentences"] else ""
                decision = (body.get("decision") or {}).get("text") or ""
                if args.whole:
                    said = " ".join([*(s["text"] for s in body["sentences"]), decision])
                else:
                    said = decision or first
                ok = _norm(row["answer"]) in _norm(said)
                asked += 1
                right += ok
                print(f"{row['id']}\t{'right' if ok else 'WRONG'}\t{row['query']}\t{first[:80]}")
    print(f"the answer box holds the answer: {right}/{asked}" if args.whole
          else f"the answer leads with the gold resolution: {right}/{asked}")


if __name__ == "__main__":
    main()
