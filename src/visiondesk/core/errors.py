"""The one error type every failure becomes: a kind a retry policy can act on, plus structured facts.

Errors are classified once, at the edge where they arise (``api/errors.py`` for servers,
``core/images.py`` for files, ``config/`` for settings). Nothing after that reads message text:
the front ends word their own advice from ``kind`` and ``facts`` (``cli/hints.py`` names commands,
``gui/error_text.py`` names menus and is translated).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any


class ErrorKind(StrEnum):
    AUTH = "auth"
    PERMISSION = "permission"
    RATE_LIMIT = "rate_limit"
    QUOTA = "quota"
    BAD_REQUEST = "bad_request"
    NOT_FOUND = "not_found"
    TOO_LARGE = "too_large"
    UNSUPPORTED_INPUT = "unsupported_input"  # the model cannot see images / read files
    SERVER = "server"
    NETWORK = "network"
    TIMEOUT = "timeout"
    INVALID_RESPONSE = "invalid_response"
    IMAGE = "image"
    CANCELLED = "cancelled"
    CONFIG = "config"


class ErrorFact(StrEnum):
    """What else is known about a failure, beyond its kind; found once, where it is classified."""

    NO_CHANNEL = "no_channel"              # one-api/new-api: no upstream serves this model now
    ENDPOINT_MISSING = "endpoint_missing"  # the server has no such API (e.g. no /responses)
    REJECTED_PARAM = "rejected_param"      # a 400 naming one request parameter (``param``)
    MODEL_NOT_FOUND = "model_not_found"
    SOURCE_MISSING = "source_missing"      # a file that does not exist, or a folder
    SOURCE_UNREACHABLE = "source_unreachable"  # a URL that could not be downloaded
    DOCUMENT_LOCKED = "document_locked"    # an encrypted PDF
    KEY_FROM_ENVIRONMENT = "key_from_environment"  # the key came from a variable, not the keyring


NO_CHANNEL_WORDS = ("无可用渠道", "no available channel", "no channel")


@dataclass(eq=False)
class AnalysisError(Exception):
    """A failure, classified.

    ``message`` is the provider's own words where it gave any (or ours, in English, for the
    command line and the log); it never holds a key (the service redacts before building one).
    """

    kind: ErrorKind
    message: str
    status: int | None = None
    code: str | None = None
    param: str | None = None
    retry_after: float | None = None
    facts: frozenset[ErrorFact] = field(default_factory=frozenset)
    subject: str | None = None  # what failed: a file name, a host, a model (for the hints)

    def __post_init__(self) -> None:
        super().__init__(self.message)

    def has(self, fact: ErrorFact) -> bool:
        return fact in self.facts

    def with_fact(self, fact: ErrorFact) -> AnalysisError:
        self.facts = self.facts | {fact}
        return self

    def __str__(self) -> str:
        prefix = f"HTTP {self.status}: " if self.status else ""
        return f"{prefix}{self.message}"

    def to_json(self) -> dict[str, Any]:
        return {"kind": str(self.kind), "status": self.status, "code": self.code,
                "message": self.message, "facts": sorted(str(f) for f in self.facts)}
