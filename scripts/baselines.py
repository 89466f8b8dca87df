"""Quire against the usual recipes, same corpus, same queries, one run.

    make eval-baselines      (or: python scripts/baselines.py CORPUS --gold GOLD.tsv --index DIR)

Several --gold files over one corpus share one embedding of the generic chunks.

(a) generic: 1,000/200-character recursive splitter over whole files, all-MiniLM-L6-v2,
    FAISS flat; a chunk is credited to the gold item containing its first line (seed text)
    and answer containment needs no citation (Kent);
(b) BM25 alone on Quire's passages (FTS5);
(c) dense alone on Quire's passages;
(d) Quire.
"""
from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path

import numpy as np
from langchain_text_splitters import RecursiveCharacterTextSplitter

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from api.evaluation.retrieval import evaluate, read_gold, searcher_ranker  # noqa: E402
from api.search.query import parse_query  # noqa: E402
from api.search.engine import Filters, Searcher  # noqa: E402
from indexer.read.inputs import read_inputs  # noqa: E402
from indexer.structure.segment import segment  # noqa: E402
from indexer.store.vectors import VectorIndex  # noqa: E402


def generic_chunks(corpus: list[Path]) -> list[tuple[str, str]]:
    """(item key, text) of 1000/200 chunks over whole files; item from Quire's own segmentation
    of the chunk's first line, so only the chunking and ranking differ."""
    splitter = RecursiveCharacterTextSplitter(chunk_size=1000, chunk_overlap=200, add_start_index=True)
    out = []
    for doc in read_inputs(corpus).documents:
        text = "\n".join(line.text for line in doc.lines)
        owner = {}
        for s in segment(doc):
            for line in s.lines:
                owner[line.number] = f"{s.meeting_date}#{s.item_number}"
        starts = np.cumsum([0] + [len(line.text) + 1 for line in doc.lines])
        for chunk in splitter.create_documents([text]):
            line_no = doc.lines[int(np.searchsorted(starts, chunk.metadata["start_index"], side="right")) - 1].number
            out.append((owner.get(line_no, "?"), chunk.page_content))
    return out


def main(argv: list[str] | None = None) -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("corpus", nargs="+")
    ap.add_argument("--gold", required=True, action="append", help="repeat for several query sets")
    ap.add_argument("--index", required=True)
    ap.add_argument("--json", action="store_true")
    args = ap.parse_args(argv)
    searcher = Searcher(Path(args.index))
    everything = Filters(include_exempt=True)
    store, emb = searcher.store, searcher.embedder
    all_rows = store.query("SELECT vec_id, text, citation FROM passages ORDER BY vec_id")
    keys = [f"{json.loads(r['citation'])['meeting_date']}#{json.loads(r['citation'])['item_number']}" for r in all_rows]
    texts = [r["text"] for r in all_rows]

    t0 = time.time()
    chunks = generic_chunks([Path(c) for c in args.corpus])
    vecs = emb.encode([t for _, t in chunks], batch_size=32)
    generic = VectorIndex.build(vecs)
    print(f"generic recipe: {len(chunks)} chunks embedded in {time.time() - t0:.0f} s", file=sys.stderr)

    def rank_generic(q: str) -> list[tuple[str, str]]:
        _, ids = generic.search(emb.encode([q])[0], 50)
        return [chunks[i] for i in ids if i >= 0]

    def rank_bm25(q: str) -> list[tuple[str, str]]:
        p = parse_query(q, searcher.store.abbreviations(include_exempt=True))
        return [(keys[i], texts[i]) for i, _ in store.keyword(p.match, 50)] if p.match else []

    def rank_dense(q: str) -> list[tuple[str, str]]:
        _, ids = searcher.vectors.search(emb.encode([q])[0], 50)
        return [(keys[i], texts[i]) for i in ids if i >= 0]

    rank_quire = searcher_ranker(searcher, 50, everything)
    tables, sizes = {}, {}
    for gold in args.gold:
        kind, rows = read_gold(Path(gold))
        sizes[gold] = len(rows)
        tables[gold] = {name: evaluate(kind, rows, fn).metrics for name, fn in (
            ("(a) generic 1000/200 + dense", rank_generic), ("(b) BM25 on Quire passages", rank_bm25),
            ("(c) dense on Quire passages", rank_dense), ("(d) Quire", rank_quire))}
    if args.json:
        print(json.dumps(tables if len(tables) > 1 else tables[args.gold[0]], indent=2))
        return
    for gold, table in tables.items():
        names = list(next(iter(table.values())))
        if len(tables) > 1:
            print(f"\n{gold} ({sizes[gold]} queries)")
        print(f"| pipeline | {' | '.join(names)} |")
        print("|---|" + "---|" * len(names))
        for name, metrics in table.items():
            print(f"| {name} | " + " | ".join(f"{metrics[n]:.4f}" for n in names) + " |")


if __name__ == "__main__":
    main()
