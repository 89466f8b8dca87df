"""What `quire index` and `quire add` do and say: the build or the add, then its summary on
stdout and its notes (skipped, kept, missing, duplicate files) on stderr."""
from __future__ import annotations

import argparse
import sys
from pathlib import Path

from indexer.config import get_settings


def index(args: argparse.Namespace) -> int:
    """`quire index`: build or update, then one line of what was read and indexed."""
    from indexer.build import build_index
    from indexer.progress import Progress

    settings = get_settings()
    summary = build_index([Path(s) for s in args.sources], Path(args.index), settings,
                          progress=Progress(enabled=not args.quiet), prune=args.prune)
    for line in summary.kept:
        print(f"kept: {line} (its file is gone; --prune removes it)", file=sys.stderr)
    for line in summary.skipped:
        print(f"skipped: {line}", file=sys.stderr)
    by_columns: dict[str, list[str]] = {}
    for line in summary.manifest_notes:  # "where: columns used ..." once per set of columns
        where, _, columns = line.partition(": ")
        by_columns.setdefault(columns, []).append(where)
    for columns, files in by_columns.items():
        more = f" and {len(files) - 1} more" if len(files) > 1 else ""
        print(f"manifest: {files[0]}{more}: {columns}", file=sys.stderr)
    for line in summary.missing:
        print(f"missing: {line}", file=sys.stderr)
    for kept, others in summary.duplicates.items():
        print(f"duplicate: {', '.join(others)} = {kept} (indexed once)", file=sys.stderr)
    if summary.not_papers:
        print(f"not committee papers, not indexed: {len(summary.not_papers)} files "
              f"({', '.join(summary.not_papers[:3])}{', ...' if len(summary.not_papers) > 3 else ''})", file=sys.stderr)
    if summary.up_to_date:
        print(f"{args.index} is up to date ({summary.passages} passages); nothing to do "
              f"({summary.seconds:.1f} s)")
        return 0
    rate = lambda n: f"{n / summary.seconds:.0f}/s" if summary.seconds else "-"  # noqa: E731
    print(f"indexed {summary.documents} documents ({summary.pages} PDF pages, {rate(summary.pages)}; "
          f"{summary.image_only_pages} image-only pages not read: no OCR): {summary.meetings} meetings, "
          f"{summary.items} items, {summary.passages} passages ({summary.exempt_passages} exempt; "
          f"{summary.embedded} newly embedded, {rate(summary.embedded)}); {len(summary.skipped)} files skipped, "
          f"{len(summary.missing)} missing, {sum(map(len, summary.duplicates.values()))} duplicates; "
          f"{summary.seconds:.1f} s → {args.index}")
    return 0


def add(args: argparse.Namespace) -> int:
    """`quire add`: whole new meetings, then what was added and what adding leaves to a rebuild."""
    from indexer.add import DRIFT_SHARE, add_meetings
    from indexer.progress import Progress

    summary = add_meetings([Path(s) for s in args.sources], Path(args.index), get_settings(),
                           progress=Progress(enabled=not args.quiet), retrain=args.retrain)
    for line in summary.skipped:
        print(f"skipped: {line}", file=sys.stderr)
    for line in summary.already_indexed:
        print(f"already indexed: {line}", file=sys.stderr)
    meetings = ", ".join(summary.added_meetings[:3]) + (f" and {len(summary.added_meetings) - 3} more"
                                                        if len(summary.added_meetings) > 3 else "")
    print(f"added {len(summary.added_meetings)} meetings ({meetings}): {summary.added_passages} passages "
          f"({summary.embedded} newly embedded); the index now holds {summary.meetings} meetings, "
          f"{summary.passages} passages; {summary.seconds:.1f} s → {args.index}")
    drift = f"{100 * DRIFT_SHARE:.0f}%"
    if summary.retrained:
        print(f"the approximate vector index was trained again over all {summary.passages} passages"
              + ("" if args.retrain else f" (more than {drift} were added since it was last trained)"))
    elif summary.trained_on:
        share = 100 * (summary.passages - summary.trained_on) / summary.trained_on
        print(f"the approximate vector index was trained on {summary.trained_on} passages; {share:.0f}% added since "
              f"(trained again past {drift}, or now with --retrain)")
    if summary.postings_merged:
        print("keyword postings built afresh over every passage")
    print("not done by adding (run 'quire index' to): folding a new passage under a near copy in an older meeting; "
          "linking commitments between the new meeting and older ones", file=sys.stderr)
    return 0
