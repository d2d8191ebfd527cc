"""What one analysis asks for: a model, a prompt, images and generation options."""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from enum import StrEnum
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from visiondesk.core.inputs import ImageInput
    from visiondesk.core.structured import ResponseSchema


class ApiStyle(StrEnum):
    AUTO = "auto"
    CHAT = "chat"
    RESPONSES = "responses"


@dataclass(frozen=True, slots=True)
class GenerationOptions:
    """Knobs a person may set; ``None`` means "do not send, let the server decide"."""

    temperature: float | None = None
    max_tokens: int | None = None
    detail: str = "auto"
    reasoning_effort: str | None = None
    reasoning_summary: str | None = None
    stream: bool = True
    # Ask for JSON that fits this schema (Chat response_format / Responses text.format).
    response_schema: ResponseSchema | None = None


@dataclass(frozen=True, slots=True)
class Turn:
    """An earlier question of a conversation and the answer it got (the images go with the first)."""

    prompt: str
    answer: str


@dataclass(frozen=True, slots=True)
class AnalysisRequest:
    """One request. With ``turns``, ``prompt`` is a follow-up: the earlier turns are sent first,
    the images with the first of them."""

    model: str
    prompt: str
    images: tuple[ImageInput, ...] = ()
    system: str | None = None
    options: GenerationOptions = field(default_factory=GenerationOptions)
    capture_raw: bool = False
    turns: tuple[Turn, ...] = ()

    def with_options(self, **changes: object) -> AnalysisRequest:
        return replace(self, options=replace(self.options, **changes))  # type: ignore[arg-type]
