"""`quire`: index, search, export, eval, serve. Errors become one line on stderr and an exit status."""
from __future__ import annotations

import argparse
import json
import os
import sys
from collections.abc import Callable, Sequence
from pathlib import Path

from indexer.config import get_settings
from indexer.errors import NothingIndexed, QuireError

from api.formatting import citation_line

Command = Callable[[argparse.Namespace], int]


def _index(args: argparse.Namespace) -> int:
    from api.indexing import index
    code = index(args)
    return _send_alerts(args.index) if args.send_alerts and code == 0 else code


def _add(args: argparse.Namespace) -> int:
    from api.indexing import add
    code = add(args)
    return _send_alerts(args.index) if args.send_alerts and code == 0 else code


def _alert_access():  # type: ignore[no-untyped-def]
    """What alerts need from the tokens file and the audit log (api.alerts never reads them)."""
    from api.alerts.commands import Access
    from api.http.access import ROLES, TokenStore
    from api.http.audit import AuditLog

    settings = get_settings()
    tokens = TokenStore(settings.tokens_file)
    # A token holder's alert shows Part II only while that holder keeps that role: a revoked
    # token turns the alert into a public one at the next send.
    return Access(lambda a: a.view in ROLES and tokens.role_of(a.viewer) == a.view, AuditLog(settings.audit_log).record)


def _send_alerts(index: str) -> int:
    from api.alerts.commands import send
    return send(Path(index), get_settings(), _alert_access())


def _alerts(args: argparse.Namespace) -> int:
    from api.alerts.commands import run
    return run(args, _alert_access())


def _search(args: argparse.Namespace) -> int:
    from api.search.engine import Filters, Searcher

    searcher = Searcher(Path(args.index))
    result = searcher.search(args.query, args.k, Filters(include_exempt=args.include_exempt, exact=args.exact))
    if args.json:
        print(json.dumps({"query": result.query, "also_searched": result.also_searched,
                          "results": [h.to_dict() for h in result.hits]}, indent=2))
        return 0
    if not result.hits:
        print(f"No passages match {args.query!r}.")
    if result.also_searched:
        print(f"Also searched for {', '.join(result.also_searched)}: the best match's name for it.")
    for hit in result.hits:
        print(f"{hit.rank:>2}. [{hit.score:.4f}] {citation_line(hit.citation)}")
        print("    " + " ".join(hit.text.split())[:300])
    return 0


def _export(args: argparse.Namespace) -> int:
    from indexer.store.manifest import require_manifest
    from indexer.store.database import Store

    folder = Path(args.index)
    require_manifest(folder)
    store = Store(folder)
    for row in store.query("SELECT passage_id, item_id, meeting_id, text, citation FROM passages ORDER BY vec_id"):
        print(json.dumps({"passage_id": row["passage_id"], "item_id": row["item_id"],
                          "meeting_id": row["meeting_id"], "text": row["text"],
                          "citation": json.loads(row["citation"])}, ensure_ascii=False))
    return 0


def _eval(args: argparse.Namespace) -> int:
    from api.evaluation.retrieval import evaluate, format_report, read_gold, searcher_ranker
    from api.search.engine import Filters, Searcher

    searcher = Searcher(Path(args.index))
    kind, rows = read_gold(Path(args.gold))
    # Gold sets judge the whole record, Part II included (an officer's view); --public
    # measures what the public service can show.
    report = evaluate(kind, rows, searcher_ranker(searcher, args.k, Filters(include_exempt=not args.public)))
    if args.json:
        print(json.dumps({"kind": report.kind, "queries": report.queries, "metrics": report.metrics,
                          "misses": report.misses}, indent=2))
    else:
        print(format_report(report))
    return 0


def _eval_structure(args: argparse.Namespace) -> int:
    from api.evaluation.structure import evaluate_structure, format_structure, load_gold

    reports = evaluate_structure(Path(args.index), load_gold([Path(g) for g in args.gold]))
    if args.json:
        print(json.dumps([r.as_dict() for r in reports], indent=2))
    else:
        print(format_structure(reports, args.details))
    return 0


def _eval_commitments(args: argparse.Namespace) -> int:
    from api.evaluation.commitments import evaluate, format_report, to_json

    structure = [Path(s) for s in args.structure] if args.structure else sorted(
        (Path(__file__).resolve().parents[1] / "tests" / "data" / "structure").glob("*.json"))
    halves = [None, "dev", "test"] if args.half == "all" else [args.half]
    reports = [evaluate(Path(args.index), Path(g), structure, h, args.strict_phrase) for g in args.gold for h in halves]
    print(to_json(reports) if args.json else format_report(reports, args.details))
    return 0


def _serve(args: argparse.Namespace) -> int:
    import uvicorn

    from indexer.store.manifest import require_manifest

    from api.http.app import create_app

    require_manifest(Path(args.index))  # fail in one line before the server starts
    print(f"Quire: serving {args.index} on http://{args.host}:{args.port}", file=sys.stderr)
    if args.workers > 1:  # each worker process loads the index and model once
        os.environ["QUIRE_INDEX"] = str(Path(args.index).resolve())
        uvicorn.run("api.http.app:app_from_env", factory=True, workers=args.workers, host=args.host, port=args.port,
                    log_level="warning")
    else:
        uvicorn.run(create_app(Path(args.index)), host=args.host, port=args.port, log_level="warning")
    return 0


def _commitments(args: argparse.Namespace) -> int:
    from indexer.store.manifest import require_manifest
    from indexer.store.database import Store

    from api.browse.obligations import list_commitments

    require_manifest(Path(args.index))
    found = list_commitments(Store(Path(args.index)), show_exempt=args.include_exempt, status=args.status,
                             committee=args.committee)
    if args.json:
        print(json.dumps([c.model_dump() for c in found], indent=2))
        return 0
    for c in found:
        due = f", due {c.due_text}" if c.due_text else ""
        print(f"[{c.status}] {c.kind}{due}: {c.sentence}")
        print(f"    {citation_line(c.citation)}" + (f" → fulfilled by {c.fulfilled_by_title}" if c.fulfilled_by else ""))
    print(f"{len(found)} commitments", file=sys.stderr)
    return 0


def _token(args: argparse.Namespace) -> int:
    from api.http.access import TokenStore

    store = TokenStore(get_settings().tokens_file)
    if args.action == "create":
        token = store.create(args.name, args.role)
        print(f"Created {args.role} token {args.name!r}; it is shown once only, keep it safe: {token}")
    elif args.action == "revoke":
        store.revoke(args.name)
        print(f"Revoked token {args.name!r}")
    else:
        for name, role, created in store.names():
            print(f"{name}\t{role}\t{created}")
    return 0


def build_parser() -> argparse.ArgumentParser:
    default_index = str(get_settings().index)
    parser = argparse.ArgumentParser(prog="quire", description="Search committee papers, cited to meeting and agenda item.")
    sub = parser.add_subparsers(dest="command", required=True)

    p = sub.add_parser("index", help="index folders or files of committee papers into an index folder")
    p.add_argument("sources", nargs="+", help="folders or files (.txt, .md, .pdf)")
    p.add_argument("--index", default=default_index, help="index folder to create or replace")
    p.add_argument("--quiet", action="store_true", help="no progress bars")
    p.add_argument("--prune", action="store_true", help="drop documents whose files have gone since the last build")
    p.add_argument("--send-alerts", action="store_true", help="then email alert subscribers what is new (quire alerts send)")
    p.set_defaults(run=_index)

    p = sub.add_parser("add", help="add whole new meetings to an index without rebuilding it "
                                   "(a million-passage index in under a minute)")
    p.add_argument("sources", nargs="+", help="folders or files of the new meetings' papers")
    p.add_argument("--index", default=default_index, help="index folder to add to")
    p.add_argument("--quiet", action="store_true", help="no progress bars")
    p.add_argument("--retrain", action="store_true", help="train the approximate vector index again over every passage")
    p.add_argument("--send-alerts", action="store_true", help="then email alert subscribers what is new (quire alerts send)")
    p.set_defaults(run=_add)

    p = sub.add_parser("search", help="hybrid search; prints cited passages")
    p.add_argument("query")
    p.add_argument("--index", default=default_index)
    p.add_argument("-k", type=int, default=10, help="number of passages (1-50)")
    p.add_argument("--json", action="store_true", help="machine-readable output")
    p.add_argument("--include-exempt", action="store_true", help="include Part II (exempt) material")
    p.add_argument("--exact", action="store_true", help="only passages containing every word of the query")
    p.set_defaults(run=_search)

    p = sub.add_parser("eval", help="score search against a gold file (item-level or answer containment)")
    p.add_argument("gold", help="TSV gold file, e.g. ../shared/eval/seeds-dev.tsv")
    p.add_argument("--index", default=default_index)
    p.add_argument("-k", type=int, default=50, help="passages retrieved per query")
    p.add_argument("--json", action="store_true")
    p.add_argument("--public", action="store_true", help="leave out exempt material, as the public service does")
    p.set_defaults(run=_eval)

    p = sub.add_parser("eval-structure", help="meetings, items and documents of an index against gold structure files")
    p.add_argument("gold", nargs="+", help="structure gold JSON, e.g. tests/data/structure/kent-cabinet.json")
    p.add_argument("--index", default=default_index)
    p.add_argument("--json", action="store_true")
    p.add_argument("--details", action="store_true", help="list every misplaced document and unresolved part")
    p.set_defaults(run=_eval_structure)

    p = sub.add_parser("eval-commitments", help="extracted commitments against a hand-written gold TSV: "
                                                "precision, recall, fulfilment-link agreement")
    p.add_argument("gold", nargs="+", help="gold TSV, e.g. tests/data/commitments/kent.tsv")
    p.add_argument("--index", default=default_index)
    p.add_argument("--structure", nargs="*", help="structure gold JSON naming the meetings (default: tests/data/structure/*.json)")
    p.add_argument("--json", action="store_true")
    p.add_argument("--details", action="store_true", help="list missed rows, extra commitments and link disagreements")
    p.add_argument("--half", choices=["dev", "test", "all"],
                   help="score one half of the gold's dev/test split by meeting (split.tsv beside the gold), "
                        "or 'all': the whole set, then each half")
    p.add_argument("--strict-phrase", action="store_true",
                   help="a gold phrase spanning two sentences is found only by a commitment holding all of it")
    p.set_defaults(run=_eval_commitments)

    p = sub.add_parser("serve", help="serve the JSON API and the page")
    p.add_argument("--index", default=default_index)
    p.add_argument("--host", default="127.0.0.1")
    p.add_argument("--port", type=int, default=8000)
    p.add_argument("--workers", type=int, default=1, help="server processes (each loads the model: ~0.4 GB)")
    p.set_defaults(run=_serve)

    p = sub.add_parser("commitments", help="promises recorded in the papers, and whether they were kept")
    p.add_argument("--index", default=default_index)
    p.add_argument("--status", choices=["fulfilled", "open", "overdue"])
    p.add_argument("--committee")
    p.add_argument("--json", action="store_true")
    p.add_argument("--include-exempt", action="store_true")
    p.set_defaults(run=_commitments)

    p = sub.add_parser("token", help="API tokens for officers and members (QUIRE_TOKENS_FILE)")
    tsub = p.add_subparsers(dest="action", required=True)
    t = tsub.add_parser("create", help="make a token; printed once, as the last word")
    t.add_argument("name")
    t.add_argument("--role", choices=["officer", "member"], default="officer")
    t = tsub.add_parser("revoke", help="revoke a token by name")
    t.add_argument("name")
    tsub.add_parser("list", help="names and roles of tokens (never the tokens)")
    p.set_defaults(run=_token)

    from api.alerts.commands import add_parser as alerts_parser
    alerts_parser(sub, default_index).set_defaults(run=_alerts)

    p = sub.add_parser("export", help="every passage with its citation, as JSON lines on stdout")
    p.add_argument("--index", default=default_index)
    p.set_defaults(run=_export)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    os.environ.setdefault("HF_HUB_OFFLINE", "1")
    args = build_parser().parse_args(argv)
    try:
        return args.run(args)
    except NothingIndexed as exc:
        for line in exc.skipped:
            print(f"skipped: {line}", file=sys.stderr)
        print(f"quire: {exc}", file=sys.stderr)
        return 1
    except QuireError as exc:
        print(f"quire: {exc}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        print("quire: interrupted; the previous index is unchanged and finished work is cached", file=sys.stderr)
        return 130
    except BrokenPipeError:
        return 0


if __name__ == "__main__":
    sys.exit(main())
