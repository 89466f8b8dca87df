"""Extracted text of every document, keyed by the hash of its bytes.

Reading a PDF is the slow half of indexing after embedding; with this cache an unchanged
file is hashed, not re-read. It also lets an index keep a document whose file has gone
(until `quire index --prune`), since its text is still here.
"""
from __future__ import annotations

import json
from pathlib import Path

from indexer.models import Line, SourceDocument


class DocumentCache:
    def __init__(self, folder: Path) -> None:
        self.folder = folder
        folder.mkdir(parents=True, exist_ok=True)

    def _path(self, sha256: str) -> Path:
        return self.folder / f"{sha256}.json"

    def get(self, sha256: str, source: str) -> SourceDocument | None:
        try:
            data = json.loads(self._path(sha256).read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return None
        return SourceDocument(source=source, sha256=sha256, lines=[Line(*row) for row in data["lines"]],
                              pages=data["pages"], image_only_pages=data["image_only_pages"],
                              printed_pages={int(k): v for k, v in data["printed_pages"].items()})

    def put(self, doc: SourceDocument) -> None:
        data = {"lines": [list(line) for line in doc.lines], "pages": doc.pages,
                "image_only_pages": doc.image_only_pages, "printed_pages": doc.printed_pages}
        tmp = self._path(doc.sha256).with_suffix(".tmp")
        tmp.write_text(json.dumps(data), encoding="utf-8")
        tmp.replace(self._path(doc.sha256))
