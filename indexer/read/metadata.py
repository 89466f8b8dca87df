"""What is known about a file before reading it: from a manifest beside it, else from the
folder layout (COMMITTEE/MEETING_DATE/...).

Manifests (documented in the README as input formats):
- metadata.json: a list of {"filename", "path", "committee", "meeting_date",
  "document_category", "url"} (the shape ModernGov scrapers leave; other keys are ignored);
- manifest.csv, or any CSV whose header names files: the same fields under the common
  column names (COLUMNS: local_path, source_url, body, date, ...); which columns were read
  is reported.
`path` is relative to the indexed folder or to the manifest's own folder; `filename` alone
is looked up below the manifest. A register kept elsewhere, whose paths are not the local
ones, is matched by file name anywhere below the folder, else by sha256.
"""
from __future__ import annotations

import csv
import hashlib
import json
import re
from dataclasses import dataclass, field
from datetime import date
from glob import escape as glob_escape
from pathlib import Path, PurePosixPath
from urllib.parse import unquote

MANIFEST_NAMES = ("metadata.json", "manifest.csv")
_DATE_DIR = re.compile(r"^(\d{4}-\d{2}-\d{2})")


@dataclass
class FileInfo:
    council_key: str = ""  # COUNCIL/COMMITTEE/DATE/: the council folder's name
    committee_key: str = ""
    meeting_date: date | None = None
    category: str = ""
    url: str = ""
    title: str = ""


@dataclass
class Manifests:
    by_path: dict[Path, FileInfo] = field(default_factory=dict)
    missing: list[str] = field(default_factory=list)  # "manifest: listed file" that is not there
    problems: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)  # which of each manifest's columns were read


# The column names manifests use for each field, first match wins. Kent's metadata.json uses
# the first of each; registers kept by others use the rest (WECA's: local_path, url, sha256).
COLUMNS: dict[str, tuple[str, ...]] = {
    "path": ("path", "local_path", "file_path", "filepath", "relative_path"),
    "filename": ("filename", "file_name", "file"),
    "committee": ("committee", "body", "committee_name", "meeting_body"),
    "meeting_date": ("meeting_date", "date", "meeting"),
    "url": ("url", "source_url", "document_url", "link", "href"),
    "title": ("title", "document_title"),
    "category": ("document_category", "category"),
    "sha256": ("sha256", "sha_256", "sha256sum"),
}
_MISSING_SHOWN = 10  # rows naming absent files listed one a line per manifest; the rest counted


def _records(manifest: Path) -> list[dict]:
    if manifest.suffix == ".json":
        data = json.loads(manifest.read_text(encoding="utf-8"))
        return data if isinstance(data, list) else data.get("documents", [])
    with manifest.open(newline="", encoding="utf-8-sig") as fh:
        return list(csv.DictReader(fh))


def _columns(keys: list[str]) -> dict[str, str]:
    lowered = {k.strip().lower(): k for k in keys if isinstance(k, str)}
    out: dict[str, str] = {}
    for name, choices in COLUMNS.items():
        found = next((lowered[c] for c in choices if c in lowered), None)
        if found:
            out[name] = found
    return out


def _is_manifest(path: Path) -> bool:
    """metadata.json and manifest.csv by name; any other CSV whose header names files."""
    if path.name.lower() in MANIFEST_NAMES:
        return True
    if path.suffix.lower() != ".csv":
        return False
    try:
        with path.open(newline="", encoding="utf-8-sig") as fh:
            header = next(csv.reader(fh), [])
    except (OSError, UnicodeDecodeError, csv.Error):
        return False
    cols = _columns(header)
    return bool({"path", "filename", "sha256"} & cols.keys())


class _Hashes:
    """sha256 → file, computed once per root and only when a manifest row needs it."""

    def __init__(self, root: Path) -> None:
        self.root = root
        self._by_hash: dict[str, Path] | None = None

    def find(self, sha: str) -> Path | None:
        if self._by_hash is None:
            self._by_hash = {}
            for path in sorted(p for p in self.root.rglob("*") if p.is_file() and p.suffix.lower() not in {".csv", ".json"}):
                try:
                    self._by_hash.setdefault(hashlib.sha256(path.read_bytes()).hexdigest(), path.resolve())
                except OSError:
                    continue
        return self._by_hash.get(sha.strip().lower())


def _locate(record: dict, cols: dict[str, str], root: Path, manifest: Path, hashes: _Hashes | None) -> Path | None:
    """The local file a row describes: by its path (relative to the indexed folder or the
    manifest), by its file name (below the manifest's folder, also %-decoded); for a
    register whose paths are not the local ones (`hashes` given), by its file name anywhere
    below the indexed folder, else by its sha256."""
    candidates: list[Path] = []
    listed = str(record.get(cols.get("path", ""), "") or "")
    if listed:
        candidates += [root / listed, manifest.parent / listed]
    names = [str(record.get(cols.get("filename", ""), "") or ""), PurePosixPath(listed).name if listed else ""]
    for name in dict.fromkeys(n for n in names if n):
        for variant in dict.fromkeys([name, unquote(name)]):
            candidates.append(manifest.parent / variant)
            candidates += sorted((root if hashes else manifest.parent).rglob(glob_escape(variant)))[:1]
    found = next((c.resolve() for c in candidates if c.is_file()), None)
    if found is None and hashes and record.get(cols.get("sha256", "")):
        found = hashes.find(str(record[cols["sha256"]]))
    return found


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
    return FileInfo(council_key=known.council_key or new.council_key,
                    committee_key=known.committee_key or new.committee_key,
                    meeting_date=known.meeting_date or new.meeting_date,
                    category=known.category or new.category, url=known.url or new.url,
                    title=known.title or new.title)


def load_manifests(roots: list[Path]) -> Manifests:
    out = Manifests()
    for root in roots:
        if not root.is_dir():
            continue
        hashes = _Hashes(root)  # shared by the registers of one root: each file hashed once
        for manifest in sorted(p for p in root.rglob("*") if p.is_file() and _is_manifest(p)):
            where = manifest.relative_to(root)
            try:
                records = [r for r in _records(manifest) if isinstance(r, dict)]
            except (OSError, ValueError, UnicodeDecodeError, csv.Error) as exc:
                out.problems.append(f"{where}: unreadable manifest ({exc})".splitlines()[0])
                continue
            if not records:
                continue  # an empty manifest (a meeting with no papers yet) says nothing
            keys = list(dict.fromkeys(k for r in records for k in r if isinstance(k, str)))
            cols = _columns(keys)
            if not {"path", "filename", "sha256"} & cols.keys():
                out.problems.append(f"{where}: no column names a file (looked for {', '.join(COLUMNS['path'] + COLUMNS['filename'] + COLUMNS['sha256'])}); ignored")
                continue
            unused = [k for k in keys if k not in cols.values()]
            out.notes.append(f"{where}: columns used " + ", ".join(f"{c}→{f}" if c != f else f for f, c in cols.items())
                             + (f"; ignored {', '.join(unused)}" if unused else ""))
            located = [_locate(r, cols, root, manifest, None) for r in records]
            if records and sum(f is not None for f in located) * 2 < len(records):
                # a register kept elsewhere (its paths are not ours): match names and hashes
                located = [f or _locate(r, cols, root, manifest, hashes) for r, f in zip(records, located, strict=True)]
            absent = []
            for record, found in zip(records, located, strict=True):
                if found is None:
                    absent.append(str(record.get(cols.get("path", ""), "") or record.get(cols.get("filename", ""), "") or "?"))
                    continue
                value = lambda field: str(record.get(cols[field], "") or "").strip() if field in cols else ""  # noqa: E731
                info = FileInfo(committee_key=value("committee"), meeting_date=_iso(value("meeting_date")),
                                category=value("category"), url=value("url"), title=value("title"))
                out.by_path[found] = _merge(out.by_path.get(found), info)
            for listed in absent[:_MISSING_SHOWN]:
                line = f"{listed} is listed in a manifest but missing"
                if line not in out.missing:  # two manifests may list the same file
                    out.missing.append(line)
            if len(absent) > _MISSING_SHOWN:
                out.missing.append(f"{where}: {len(absent) - _MISSING_SHOWN} more rows name files that are not here")
    return out


def from_layout(root: Path, path: Path) -> FileInfo:
    """COMMITTEE/2025-01-30/... → committee key and meeting date, when the folders say so."""
    parts = path.relative_to(root).parts[:-1] if path.is_relative_to(root) else ()
    for i, part in enumerate(parts):
        m = _DATE_DIR.match(part)
        if m and _iso(m.group(1)):
            return FileInfo(council_key=parts[i - 2] if i >= 2 else root.resolve().name if i else "",
                            committee_key=parts[i - 1] if i else "", meeting_date=_iso(m.group(1)))
    return FileInfo()


_SMALL_WORDS = {"and", "of", "the", "for", "on", "in", "to"}


def pretty_committee(key: str) -> str:
    """'full_council' → 'Full Council', 'metropolitan-district-of-limerick' → 'Metropolitan
    District of Limerick' (used only when no paper names the committee or council)."""
    words = [w for w in re.split(r"[_\-\s]+", key) if w]
    return " ".join(w if i and w in _SMALL_WORDS else w.capitalize() for i, w in enumerate(words))
