"""A real SMTP server on loopback (aiosmtpd) that keeps what it receives: alert tests send
through smtplib exactly as a deployment does, and read the messages back."""
from __future__ import annotations

import email
import re
import socket
import time
from email.message import EmailMessage
from email.policy import default

from aiosmtpd.controller import Controller
from aiosmtpd.smtp import AuthResult, Envelope, LoginPassword, Session, SMTP


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class _Keep:
    def __init__(self, box: Mailbox) -> None:
        self.box = box

    async def handle_RCPT(self, server: SMTP, session: Session, envelope: Envelope, address: str,
                          rcpt_options: list[str]) -> str:
        if address in self.box.refuse:
            return "550 5.1.1 No such mailbox"
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server: SMTP, session: Session, envelope: Envelope) -> str:
        msg = email.message_from_bytes(envelope.original_content or b"", policy=default)
        self.box.received.append((list(envelope.rcpt_tos), msg))  # type: ignore[arg-type]
        return "250 Message accepted for delivery"


class Mailbox:
    """`start()`, `stop()` (the server goes away: connections are refused), `messages(to)`."""

    def __init__(self, login: tuple[str, str] | None = None) -> None:
        self.port = free_port()
        self.login = login
        self.received: list[tuple[list[str], EmailMessage]] = []
        self.refuse: set[str] = set()  # recipients answered "550 No such mailbox"
        self._controller: Controller | None = None

    def _authenticate(self, server: SMTP, session: Session, envelope: Envelope, mechanism: str,
                      auth_data: object) -> AuthResult:
        ok = isinstance(auth_data, LoginPassword) and self.login is not None and \
            (auth_data.login.decode(), auth_data.password.decode()) == self.login
        return AuthResult(success=ok, handled=False)  # handled=False: aiosmtpd answers 235 or 535 itself

    def start(self) -> Mailbox:
        extra = {"authenticator": self._authenticate, "auth_required": True, "auth_require_tls": False} if self.login else {}
        self._controller = Controller(_Keep(self), hostname="127.0.0.1", port=self.port, **extra)
        self._controller.start()
        return self

    def stop(self) -> None:
        if self._controller is not None:
            self._controller.stop()
            self._controller = None

    def messages(self, to: str | None = None) -> list[EmailMessage]:
        return [m for rcpt, m in self.received if to is None or to in rcpt]

    def wait_for(self, to: str, count: int = 1, timeout: float = 10.0) -> list[EmailMessage]:
        """The messages to `to` once there are `count` of them (a server process sends them)."""
        deadline = time.monotonic() + timeout
        while len(self.messages(to)) < count and time.monotonic() < deadline:
            time.sleep(0.05)
        return self.messages(to)


def text_of(msg: EmailMessage) -> str:
    part = msg.get_body(preferencelist=("plain",))
    assert part is not None, "no plain-text part"
    return part.get_content().replace("\r\n", "\n")  # lines end in CRLF on the wire


def html_of(msg: EmailMessage) -> str:
    part = msg.get_body(preferencelist=("html",))
    assert part is not None, "no HTML part"
    return part.get_content().replace("\r\n", "\n")  # lines end in CRLF on the wire


def links(msg: EmailMessage, path: str) -> list[str]:
    """Links in the plain-text part whose path starts with `path` (e.g. '/alerts/unsubscribe/')."""
    return re.findall(r"https?://[^\s]+?" + re.escape(path) + r"[^\s]+", text_of(msg))
