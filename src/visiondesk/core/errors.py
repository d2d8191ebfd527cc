"""The one error type every failure becomes, with a kind a person (and a retry policy) can act on."""

from __future__ import annotations

from dataclasses import dataclass
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
    SERVER = "server"
    NETWORK = "network"
    TIMEOUT = "timeout"
    INVALID_RESPONSE = "invalid_response"
    IMAGE = "image"
    CANCELLED = "cancelled"
    CONFIG = "config"


NO_CHANNEL_WORDS = ("无可用渠道", "no available channel", "no channel")

# What a person can do about each kind; shown under the provider's own message.
HINTS: dict[ErrorKind, str] = {
    ErrorKind.AUTH: "Check the API key for this provider (visiondesk keys set NAME).",
    ErrorKind.PERMISSION: "The key may lack access to this model, or the account balance is empty.",
    ErrorKind.RATE_LIMIT: "The server is rate limiting; wait a moment and try again.",
    ErrorKind.QUOTA: "The account has no quota or balance left; top it up with the provider.",
    ErrorKind.BAD_REQUEST: "The server refused the request; a smaller image often helps.",
    ErrorKind.NOT_FOUND: "Check the model name and the base URL.",
    ErrorKind.TOO_LARGE: "The image is too large for this server; lower the maximum image side.",
    ErrorKind.SERVER: "The server or a proxy in front of it failed; try again later.",
    ErrorKind.NETWORK: "Could not reach the server; check the base URL, proxy and network.",
    ErrorKind.TIMEOUT: "The server took too long; raise the timeout for slow reasoning models.",
    ErrorKind.INVALID_RESPONSE: "The server answered something that is not an OpenAI-style reply.",
    ErrorKind.IMAGE: "Pick a different file or re-save the image as PNG or JPEG.",
    ErrorKind.CANCELLED: "",
    ErrorKind.CONFIG: "See visiondesk providers list and visiondesk keys status.",
}


@dataclass(eq=False)
class AnalysisError(Exception):
    """A failure, classified.

    ``message`` is the provider's own words where it gave any; it never holds a key (the
    service redacts them before building one of these).
    """

    kind: ErrorKind
    message: str
    status: int | None = None
    code: str | None = None
    param: str | None = None
    retry_after: float | None = None

    def __post_init__(self) -> None:
        super().__init__(self.message)

    @property
    def is_no_channel(self) -> bool:
        """one-api/new-api relays say this when no upstream serves the model."""
        lowered = self.message.lower()
        return any(word in lowered for word in NO_CHANNEL_WORDS)

    @property
    def hint(self) -> str:
        if self.is_no_channel:
            return "The relay has no channel serving this model right now; pick another model or relay."
        return HINTS.get(self.kind, "")

    def __str__(self) -> str:
        prefix = f"HTTP {self.status}: " if self.status else ""
        return f"{prefix}{self.message}"

    def to_json(self) -> dict[str, Any]:
        return {"kind": str(self.kind), "status": self.status, "code": self.code,
                "message": self.message}
