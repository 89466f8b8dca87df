"""The audit log: one JSON line for every response that carried exempt material."""
from __future__ import annotations

import json
import threading
import time
from pathlib import Path

_lock = threading.Lock()


class AuditLog:
    def __init__(self, path: Path) -> None:
        self.path = path

    def record(self, who: str, role: str, path: str, passage_ids: list[str]) -> None:
        if not passage_ids:
            return
        line = json.dumps({"time": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime()), "who": who, "role": role,
                           "request": path, "exempt_passages": sorted(set(passage_ids))})
        with _lock:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            with self.path.open("a", encoding="utf-8") as fh:
                fh.write(line + "\n")
