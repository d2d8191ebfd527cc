"""An analysis result, built by folding events; the shape the CLI prints and history stores."""

from __future__ import annotations

import time
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from visiondesk.core.events import (
    Failed,
    Finished,
    Notice,
    OcrLines,
    ReasoningDelta,
    Started,
    Status,
    TextDelta,
    UsageReport,
)
from visiondesk.core.usage import Usage

if TYPE_CHECKING:
    from visiondesk.core.errors import AnalysisError
    from visiondesk.core.events import (
        Event,
        OcrLine,
    )
    from visiondesk.core.pricing import Cost


@dataclass
class AnalysisResult:
    """Everything known about one (source, model) run, updated as events arrive."""

    source: str
    model: str
    provider: str
    api: str = ""
    status: Status | None = None
    usage: Usage = field(default_factory=Usage)
    sent_image: dict[str, object] | None = None
    error: AnalysisError | None = None
    notices: list[str] = field(default_factory=list)
    lines: tuple[OcrLine, ...] | None = None
    cost: Cost | None = None  # set once by the session when the run ends
    data: Any = None          # structured output: the answer's JSON, when a schema was asked for
    started_at: float = field(default_factory=time.perf_counter)
    first_token_ms: float | None = None
    total_ms: float | None = None
    # Deltas are collected in lists and joined when read: appending to a str would copy the
    # whole answer on every chunk, which is quadratic over a long stream.
    _text: list[str] = field(default_factory=list, repr=False)
    _reasoning: list[str] = field(default_factory=list, repr=False)
    _deltas: int = field(default=0, repr=False)

    @property
    def text(self) -> str:
        return _joined(self._text)

    @property
    def reasoning(self) -> str:
        return _joined(self._reasoning)

    def apply(self, event: Event) -> None:
        match event:
            case TextDelta(text=text):
                self._mark_first_token()
                self._deltas += 1
                self._text.append(text)
            case ReasoningDelta(text=text):
                self._mark_first_token()
                self._deltas += 1
                self._reasoning.append(text)
            case UsageReport(usage=usage):
                self.usage = usage
            case Started(api=api):
                self.api = api
            case OcrLines(lines=lines):
                self.lines = lines
            case Notice(message=message):
                self.notices.append(message)
            case Finished(status=status):
                self.status = status
                self._mark_done()
            case Failed(error=error):
                self.error = error
                self.status = Status.CANCELLED if error.kind == "cancelled" else Status.FAILED
                self._mark_done()

    def _mark_first_token(self) -> None:
        if self.first_token_ms is None:
            self.first_token_ms = (time.perf_counter() - self.started_at) * 1000

    def _mark_done(self) -> None:
        self.total_ms = (time.perf_counter() - self.started_at) * 1000

    @property
    def streamed(self) -> bool:
        """Whether the answer arrived in pieces. A whole answer at once (not asked to stream, or a
        server that ignored ``stream``) has no speed to speak of."""
        return self._deltas > 1

    @property
    def tokens_per_second(self) -> float | None:
        out = self.usage.output_tokens
        if not self.streamed or out is None or not self.total_ms or self.first_token_ms is None:
            return None
        streaming_ms = max(self.total_ms - self.first_token_ms, 1.0)
        return out / (streaming_ms / 1000)

    def to_json(self) -> dict[str, Any]:
        data: dict[str, Any] = {
            "source": self.source,
            "model": self.model,
            "provider": self.provider,
            "api": self.api,
            "status": str(self.status) if self.status else None,
            "text": self.text,
            "reasoning": self.reasoning,
            "usage": self.usage.to_json(),
            "timing": {
                "first_token_ms": _round(self.first_token_ms),
                "total_ms": _round(self.total_ms),
            },
            "cost": self.cost.to_json() if self.cost else None,
            "sent_image": self.sent_image,
            "error": self.error.to_json() if self.error else None,
        }
        if self.lines is not None:
            data["lines"] = [line.to_json() for line in self.lines]
        if self.data is not None:
            data["data"] = self.data
        return data


def _joined(parts: list[str]) -> str:
    if len(parts) > 1:
        parts[:] = ["".join(parts)]  # join once; later reads are free until the next delta
    return parts[0] if parts else ""


def _round(value: float | None) -> int | None:
    return None if value is None else round(value)
