"""manifest.json: what an index folder holds and how it was made (model, dimension, chunking,
counts, build time), plus the fingerprint that tells a rebuild whether anything changed."""
from __future__ import annotations

import hashlib
import json
from pathlib import Path
from typing import Any

from indexer.config import Settings
from indexer.errors import IndexMissing
from indexer.read.sources import discover, relative_source

FILENAME = "manifest.json"
# 2: passage features (features/), abbreviation counts, the ANN form of vectors; decisions
# carry outcome, mover, seconder, votes, amendments; decision_refs links decision numbers to
# items. An index of version 1 is refused with "rebuild it" rather than read wrong.
FORMAT_VERSION = 2
_CODE = Path(__file__).resolve().parents[1]  # the whole indexer package


def write_manifest(folder: Path, manifest: dict[str, Any]) -> None:
    (folder / FILENAME).write_text(json.dumps(manifest, indent=2, sort_keys=True) + "\n")


def read_manifest(folder: Path) -> dict[str, Any] | None:
    try:
        return json.loads((folder / FILENAME).read_text())
    except (OSError, ValueError):
        return None


def require_manifest(folder: Path) -> dict[str, Any]:
    manifest = read_manifest(folder)
    if manifest is None:
        raise IndexMissing(f"{folder} is not a Quire index (no readable {FILENAME}); build one with 'quire index'")
    if manifest.get("format_version") != FORMAT_VERSION:
        raise IndexMissing(f"{folder} was built by an incompatible Quire version; rebuild it with 'quire index'")
    return manifest


def fingerprint(roots: list[Path], settings: Settings, model: str, prune: bool = False) -> str:
    """Hash of every input file's path and bytes, the settings, and the indexer's own code:
    equal fingerprints mean a rebuild would produce the same index."""
    h = hashlib.sha256()
    h.update(json.dumps([FORMAT_VERSION, model, settings.max_tokens, settings.overlap_tokens,
                         settings.embed_context, prune]).encode())
    for code in sorted(_CODE.rglob("*.py")):
        h.update(code.read_bytes())
    for root, path in discover(roots):
        h.update(relative_source(root, path).encode())
        try:
            h.update(hashlib.sha256(path.read_bytes()).digest())
        except OSError:
            h.update(b"unreadable")
    return h.hexdigest()
