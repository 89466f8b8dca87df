"""Signed links: confirm, unsubscribe and manage, without a login and without guessable ids.

A link carries `VALUE.MAC`, where MAC is HMAC-SHA256 over the link's purpose and VALUE with a
random secret kept in the alerts database. Ids are random already (alert `3f9c1a7be2`), but
the MAC is what makes a link a capability: knowing an alert id (from the admin's list) does
not let anyone cancel it, and a confirm link cannot be turned into a manage link, since the
purpose is part of what is signed. 24 bytes of MAC (192 bits) are far beyond guessing.
"""
from __future__ import annotations

import base64
import hashlib
import hmac

CONFIRM, UNSUBSCRIBE, UNSUBSCRIBE_ALL, MANAGE = "confirm", "unsubscribe", "unsubscribe-all", "manage"
_MAC_BYTES = 24


class Signer:
    def __init__(self, secret: bytes) -> None:
        if len(secret) < 16:
            raise ValueError("a signing secret needs at least 16 bytes")
        self._secret = secret

    def _mac(self, purpose: str, value: str) -> str:
        digest = hmac.new(self._secret, f"{purpose}\n{value}".encode(), hashlib.sha256).digest()
        return base64.urlsafe_b64encode(digest[:_MAC_BYTES]).decode().rstrip("=")

    def sign(self, purpose: str, value: str) -> str:
        return f"{value}.{self._mac(purpose, value)}"

    def verify(self, purpose: str, token: str) -> str | None:
        """The signed value, or None for a token that was not made by `sign(purpose, …)`."""
        value, dot, mac = (token or "")[:200].rpartition(".")
        if not dot or not value:
            return None
        return value if hmac.compare_digest(mac, self._mac(purpose, value)) else None

    def pseudonym(self, text: str) -> str:
        """A keyed hash of an address, for rate-limit records that must not keep the address."""
        return hmac.new(self._secret, b"address\n" + text.encode(), hashlib.sha256).hexdigest()[:32]
