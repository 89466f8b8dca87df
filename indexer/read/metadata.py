"""What is known about a file before reading it: from a manifest beside it, else from the
folder layout (COMMITTEE/MEETING_DATE/...).

Manifests (documented in the README as input formats):
- metadata.json: a list of {"filename", "path", "committee", "meeting_date",
  "document_category", "url"} (the shape ModernGov scrapers leave; other keys are ignored);
- manifest.csv: the same columns, one row per file.
`path` is relative to the indexed folder or to the manifest's own folder; `filename` alone
is looked up beside the manifest.
"""
from __future__ import annotations

import csv
import json
import re
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

MANIFEST_NAMES = ("metadata.json", "manifest.csv")
_DATE_DIR = re.compile(r"^(\d{4}-\d{2}-\d{2})")


@dataclass
class FileInfo:
    committee_key: str = ""
    meeting_date: date | None = None
    category: str = ""
    url: str = ""


@dataclass
class Manifests:
    by_path: dict[Path, FileInfo] = field(default_factory=dict)
    missing: list[str] = field(default_factory=list)  # "manifest: listed file" that is not there
    problems: list[str] = field(default_factory=list)


def _records(manifest: Path) -> list[dict]:
    if manifest.suffix == ".json":
        data = json.loads(manifest.read_text(encoding="utf-8"))
        return data if isinstance(data, list) else data.get("documents", [])
    with manifest.open(newline="", encoding="utf-8") as fh:
        return list(csv.DictReader(fh))


def _locate(record: dict, root: Path, manifest: Path) -> Path | None:
    candidates = []
    if record.get("path"):
        candidates += [root / record["path"], manifest.parent / record["path"]]
    if record.get("filename"):
        candidates.append(manifest.parent / record["filename"])
        candidates += list(manifest.parent.rglob(record["filename"]))[:1]
    return next((c.resolve() for c in candidates if c.is_file()), None)


def _iso(value: str | None) -> date | None:
    try:
        return date.fromisoformat(str(value)[:10]) if value else None
    except ValueError:
        return None


def _merge(known: FileInfo | None, new: FileInfo) -> FileInfo:
    """Two manifests may describe one file (a meeting's and its originals/ folder's): what
    either knows is kept; neither blanks the other."""
    if known is None:
        return new
    return FileInfo(committee_key=known.committee_key or new.committee_key,
                    meeting_date=known.meeting_date or new.meeting_date,
                    category=known.category or new.category, url=known.url or new.url)


def load_manifests(roots: list[Path]) -> Manifests:
    out = Manifests()
    for root in roots:
        if not root.is_dir():
            continue
        for manifest in sorted(p for name in MANIFEST_NAMES for p in root.rglob(name)):
            try:
                records = _records(manifest)
            except (OSError, ValueError, UnicodeDecodeError) as exc:
                out.problems.append(f"{manifest.relative_to(root)}: unreadable manifest ({exc})".splitlines()[0])
                continue
            for record in records:
                if not isinstance(record, dict):
                    continue
                found = _locate(record, root, manifest)
                listed = record.get("path") or record.get("filename") or "?"
                if found is None:
                    line = f"{listed} is listed in a manifest but missing"
                    if line not in out.missing:  # two manifests may list the same file
                        out.missing.append(line)
                    continue
                info = FileInfo(committee_key=str(record.get("committee") or ""),
                                meeting_date=_iso(record.get("meeting_date")),
                                category=str(record.get("document_category") or ""), url=str(record.get("url") or ""))
                out.by_path[found] = _merge(out.by_path.get(found), info)
    return out


def from_layout(root: Path, path: Path) -> FileInfo:
    """COMMITTEE/2025-01-30/... → committee key and meeting date, when the folders say so."""
    parts = path.relative_to(root).parts[:-1] if path.is_relative_to(root) else ()
    for i, part in enumerate(parts):
        m = _DATE_DIR.match(part)
        if m and _iso(m.group(1)):
            return FileInfo(committee_key=parts[i - 1] if i else "", meeting_date=_iso(m.group(1)))
    return FileInfo()


def pretty_committee(key: str) -> str:
    """'full_council' → 'Full Council' (used only when no paper names the committee)."""
    return " ".join(w.capitalize() for w in re.split(r"[_\-\s]+", key) if w)
