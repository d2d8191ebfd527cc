"""The one event vocabulary every backend speaks (Chat, Responses, local OCR).

Panes, the command line and history consume these and never look at wire JSON.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from visiondesk.core.errors import AnalysisError
    from visiondesk.core.usage import Usage


class Status(StrEnum):
    COMPLETED = "completed"
    INCOMPLETE = "incomplete"
    FAILED = "failed"
    CANCELLED = "cancelled"
    INVALID = "invalid"  # structured output: the answer is not JSON that fits the schema asked for


@dataclass(frozen=True, slots=True)
class Started:
    """The request is about to go out. ``request`` is the body with image data elided."""

    api: str
    url: str
    request: dict[str, Any] = field(default_factory=dict)


@dataclass(frozen=True, slots=True)
class TextDelta:
    text: str


@dataclass(frozen=True, slots=True)
class ReasoningDelta:
    text: str


@dataclass(frozen=True, slots=True)
class UsageReport:
    usage: Usage


@dataclass(frozen=True, slots=True)
class OcrLine:
    """One line found by the local OCR engine; ``box`` is four corners in source pixels."""

    text: str
    score: float
    box: tuple[tuple[float, float], ...]

    def to_json(self) -> dict[str, Any]:
        return {"text": self.text, "score": round(self.score, 4),
                "box": [[round(x, 1), round(y, 1)] for x, y in self.box]}


@dataclass(frozen=True, slots=True)
class OcrLines:
    lines: tuple[OcrLine, ...]


@dataclass(frozen=True, slots=True)
class Notice:
    """Something the person should know that is not an error (a retry, an adapted parameter)."""

    message: str


@dataclass(frozen=True, slots=True)
class RawChunk:
    """A piece of the wire response, only emitted when the request asks for raw capture."""

    text: str


@dataclass(frozen=True, slots=True)
class Finished:
    status: Status
    reason: str | None = None


@dataclass(frozen=True, slots=True)
class Failed:
    error: AnalysisError


Event = (
    Started | TextDelta | ReasoningDelta | UsageReport | OcrLines | Notice | RawChunk
    | Finished | Failed
)
