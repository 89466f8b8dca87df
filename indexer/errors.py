"""Domain errors, each carrying one sentence a user can act on.

The CLI maps these to an exit status and a one-line message; the API maps them to a 4xx
JSON body. Nothing else should need to format an error for a person.
"""
from __future__ import annotations


class QuireError(Exception):
    """Base class: str(error) is the one-line message shown to the user."""


class SkippedFile(QuireError):
    """One input file could not be read; the rest of the build goes on."""

    def __init__(self, source: str, reason: str) -> None:
        super().__init__(f"{source}: {reason}")
        self.source = source
        self.reason = reason


class NothingIndexed(QuireError):
    """Every input was skipped (or there was none), so no index was written."""

    def __init__(self, message: str, skipped: list[str] | None = None) -> None:
        super().__init__(message)
        self.skipped = skipped or []


class IndexMissing(QuireError):
    """The index folder does not exist or is not a Quire index."""


class BadQuery(QuireError):
    """A query or parameter a user sent cannot be served as given."""


class NotFound(QuireError):
    """An id (meeting, item, passage) that the index does not hold."""


class MailError(QuireError):
    """An email could not be handed to the SMTP server (not configured, refused, unreachable)."""


class IndexBusy(QuireError):
    """Another process is writing the index folder."""


class AlreadyIndexed(QuireError):
    """`quire add` was given papers of a meeting the index already holds."""
