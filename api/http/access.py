"""API tokens: who may see exempt (Part II) material.

`quire token create NAME --role officer` makes a random token, prints it once and stores
only its SHA-256 (a 256-bit random secret needs no slow hash) in the tokens file, which
lives outside any index folder so rebuilding an index keeps it. Revoking deletes the entry.
"""
from __future__ import annotations

import hashlib
import hmac
import json
import os
import secrets
import time
from dataclasses import dataclass
from pathlib import Path

from indexer.errors import QuireError

ROLES = ("officer", "member")


@dataclass(frozen=True)
class TokenHolder:
    name: str
    role: str


def _digest(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


class TokenStore:
    def __init__(self, path: Path) -> None:
        self.path = path

    def _load(self) -> dict[str, dict]:
        try:
            return json.loads(self.path.read_text())
        except FileNotFoundError:
            return {}
        except (OSError, ValueError) as exc:
            raise QuireError(f"cannot read tokens file {self.path}: {exc}") from exc

    def _save(self, data: dict[str, dict]) -> None:
        self.path.parent.mkdir(parents=True, exist_ok=True)
        tmp = self.path.with_suffix(".tmp")
        tmp.write_text(json.dumps(data, indent=2))
        os.chmod(tmp, 0o600)
        tmp.replace(self.path)

    def create(self, name: str, role: str) -> str:
        if role not in ROLES:
            raise QuireError(f"role must be one of {', '.join(ROLES)}, not {role!r}")
        if not name or len(name) > 100:
            raise QuireError("a token needs a name of 1-100 characters")
        data = self._load()
        if name in data:
            raise QuireError(f"a token named {name!r} exists; revoke it first")
        token = "qt_" + secrets.token_urlsafe(32)
        data[name] = {"sha256": _digest(token), "role": role, "created": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime())}
        self._save(data)
        return token

    def revoke(self, name: str) -> None:
        data = self._load()
        if name not in data:
            raise QuireError(f"no token named {name!r}")
        del data[name]
        self._save(data)

    def names(self) -> list[tuple[str, str, str]]:
        return [(n, e["role"], e["created"]) for n, e in sorted(self._load().items())]

    def role_of(self, name: str) -> str | None:
        """The role a named holder has now, or None once revoked (alerts check it at every send)."""
        entry = self._load().get(name)
        return entry["role"] if entry else None

    def holder(self, token: str) -> TokenHolder | None:
        """Who a presented token belongs to (constant-time comparison), or None."""
        if not token or len(token) > 200:
            return None
        digest = _digest(token)
        for name, entry in self._load().items():
            if hmac.compare_digest(entry["sha256"], digest):
                return TokenHolder(name, entry["role"])
        return None
