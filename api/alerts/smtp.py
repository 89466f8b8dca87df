"""Handing emails to the SMTP server named in the settings (QUIRE_SMTP_*).

One connection serves a whole send and is opened on the first message; a message that fails
closes it, so the next one starts on a fresh connection rather than a broken one. Every
failure becomes a MailError with one sentence; the caller decides what it means (an alert's
state stays put and the digest is tried again on the next send).
"""
from __future__ import annotations

import smtplib
import ssl
from email.message import EmailMessage
from types import TracebackType

from indexer.config import Settings
from indexer.errors import MailError

TIMEOUT_S = 30  # a stalled relay must not hang a cron job or a subscribe request for long


class Mailer:
    def __init__(self, settings: Settings) -> None:
        self.settings = settings
        self._conn: smtplib.SMTP | None = None

    @property
    def configured(self) -> bool:
        return bool(self.settings.smtp_host)

    def _connect(self) -> smtplib.SMTP:
        s = self.settings
        if not s.smtp_host:
            raise MailError("mail is not configured: set QUIRE_SMTP_HOST (and QUIRE_SMTP_PORT, QUIRE_MAIL_FROM)")
        conn = smtplib.SMTP(s.smtp_host, s.smtp_port, timeout=TIMEOUT_S)
        try:
            conn.ehlo()
            if s.smtp_starttls:
                conn.starttls(context=ssl.create_default_context())
                conn.ehlo()
            if s.smtp_user:
                conn.login(s.smtp_user, s.smtp_password.get_secret_value())
        except BaseException:
            conn.close()
            raise
        return conn

    def deliver(self, message: EmailMessage) -> None:
        """Hand one message over, or raise MailError saying why it was not taken."""
        where = f"{self.settings.smtp_host}:{self.settings.smtp_port}"
        try:
            if self._conn is None:
                self._conn = self._connect()
            refused = self._conn.send_message(message)
        except MailError:
            raise
        except smtplib.SMTPAuthenticationError as exc:
            self.close()
            raise MailError(f"the SMTP server {where} refused the login ({exc.smtp_code})") from exc
        except smtplib.SMTPRecipientsRefused as exc:
            self.close()
            raise MailError(f"the SMTP server {where} refused the recipient") from exc
        except (smtplib.SMTPException, OSError) as exc:
            self.close()
            raise MailError(f"could not send through {where}: {exc.__class__.__name__}: {exc}"[:300]) from exc
        if refused:
            raise MailError(f"the SMTP server {where} refused the recipient")

    def close(self) -> None:
        if self._conn is not None:
            try:
                self._conn.quit()
            except (smtplib.SMTPException, OSError):
                self._conn.close()
            self._conn = None

    def __enter__(self) -> Mailer:
        return self

    def __exit__(self, kind: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None) -> None:
        self.close()
