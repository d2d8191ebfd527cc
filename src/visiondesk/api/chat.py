"""Chat Completions (``POST /v1/chat/completions``): request body and response parsing.

Reasoning arrives as ``reasoning_content`` (DeepSeek, most one-api/new-api relays), ``reasoning``
(vLLM >= 0.11, Ollama, OpenRouter) or inline ``<think>`` tags; all become ``ReasoningDelta``.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

from visiondesk.api.adaptations import DROP_TEMPERATURE, JSON_OBJECT_FORMAT, USE_MAX_COMPLETION_TOKENS
from visiondesk.api.errors import error_from_payload
from visiondesk.api.think import ThinkTagSplitter
from visiondesk.core.errors import AnalysisError, ErrorKind
from visiondesk.core.events import (
    Failed,
    Finished,
    ReasoningDelta,
    Status,
    TextDelta,
    UsageReport,
)
from visiondesk.core.inputs import DocumentFile, PreparedImage
from visiondesk.core.usage import Usage

if TYPE_CHECKING:
    from visiondesk.core.events import Event
    from visiondesk.core.request import AnalysisRequest, GenerationOptions

PATH = "/chat/completions"

# finish_reason values that mean the answer was cut short, and the reason we report.
_INCOMPLETE = {"length": "max_tokens", "content_filter": "content_filter"}


def prompt_text(request: AnalysisRequest, adaptations: frozenset[str]) -> str:
    """The prompt, with the schema spelled out when the server takes no ``json_schema``."""
    schema = request.options.response_schema
    if schema is not None and JSON_OBJECT_FORMAT in adaptations:
        return f"{request.prompt}\n\n{schema.prompt_instructions()}"
    return request.prompt


def json_format(options: GenerationOptions, adaptations: frozenset[str]) -> dict[str, Any] | None:
    """Responses' ``text.format`` (Chat nests the same fields under ``json_schema``)."""
    schema = options.response_schema
    if schema is None:
        return None
    if JSON_OBJECT_FORMAT in adaptations:
        return {"type": "json_object"}
    return {"type": "json_schema", "name": schema.name, "schema": dict(schema.wire), "strict": True}


def build_chat_body(request: AnalysisRequest, adaptations: frozenset[str]) -> dict[str, Any]:
    options = request.options
    first_prompt = request.turns[0].prompt if request.turns else prompt_text(request, adaptations)
    content: list[dict[str, Any]] = [{"type": "text", "text": first_prompt}]
    for image in request.images:
        if isinstance(image, DocumentFile):
            file_part = {"filename": image.filename, "file_data": image.data_url}
            content.append({"type": "file", "file": file_part})
            continue
        url = image.data_url if isinstance(image, PreparedImage) else image.url
        content.append({"type": "image_url", "image_url": {"url": url, "detail": options.detail}})
    messages: list[dict[str, Any]] = []
    if request.system:
        messages.append({"role": "system", "content": request.system})  # a string is most compatible
    messages.append({"role": "user", "content": content})
    # A follow-up: the conversation so far, then this question (the images went with the first).
    for index, turn in enumerate(request.turns):
        messages.append({"role": "assistant", "content": turn.answer})
        following = request.turns[index + 1].prompt if index + 1 < len(request.turns) \
            else prompt_text(request, adaptations)
        messages.append({"role": "user", "content": following})
    body: dict[str, Any] = {"model": request.model, "messages": messages}
    if options.max_tokens is not None:
        key = "max_completion_tokens" if USE_MAX_COMPLETION_TOKENS in adaptations else "max_tokens"
        body[key] = options.max_tokens
    if options.temperature is not None and DROP_TEMPERATURE not in adaptations:
        body["temperature"] = options.temperature
    if options.reasoning_effort:
        body["reasoning_effort"] = options.reasoning_effort
    response_format = json_format(options, adaptations)
    if response_format is not None:
        if response_format["type"] == "json_schema":
            response_format = {"type": "json_schema", "json_schema": {
                key: response_format[key] for key in ("name", "schema", "strict")}}
        body["response_format"] = response_format
    if options.stream:
        body["stream"] = True
        body["stream_options"] = {"include_usage": True}
    return body


def _text_of(content: object) -> str:
    """Message content as text: a string, or a list of text parts (some servers do that)."""
    if isinstance(content, str):
        return content
    if isinstance(content, list):
        return "".join(
            str(part.get("text", "")) for part in content
            if isinstance(part, Mapping) and part.get("type") in ("text", "output_text", None)
        )
    return ""


def _reasoning_of(delta: Mapping[str, Any]) -> str:
    for key in ("reasoning_content", "reasoning"):
        value = delta.get(key)
        if isinstance(value, str) and value:
            return value
    return ""


def _finished(finish_reason: str | None) -> Finished:
    reason = _INCOMPLETE.get(finish_reason or "")
    if reason:
        return Finished(Status.INCOMPLETE, reason)
    return Finished(Status.COMPLETED, finish_reason)


class ChatStreamParser:
    """Turns decoded ``chat.completion.chunk`` objects into events."""

    __slots__ = ("_think", "done", "finish_reason", "saw_reasoning_field")

    def __init__(self) -> None:
        self._think = ThinkTagSplitter()
        self.finish_reason: str | None = None
        self.done = False
        self.saw_reasoning_field = False

    def feed(self, payload: Mapping[str, Any]) -> list[Event]:
        error = error_from_payload(payload)
        if error is not None:
            self.done = True
            return [*self._flush(), Failed(error)]
        events: list[Event] = []
        choices = payload.get("choices")
        if isinstance(choices, list) and choices:
            choice = choices[0]
            if isinstance(choice, Mapping):
                delta = choice.get("delta") or choice.get("message") or {}
                if isinstance(delta, Mapping):
                    reasoning = _reasoning_of(delta)
                    if reasoning:
                        self.saw_reasoning_field = True
                        events.append(ReasoningDelta(reasoning))
                    text = _text_of(delta.get("content"))
                    if text:
                        thought, answer = self._think.feed(text)
                        if thought:
                            events.append(ReasoningDelta(thought))
                        if answer:
                            events.append(TextDelta(answer))
                if choice.get("finish_reason"):
                    self.finish_reason = str(choice["finish_reason"])
        usage = Usage.from_wire(payload.get("usage"))
        if usage is not None:
            events.append(UsageReport(usage))
        return events

    def _flush(self) -> list[Event]:
        thought, answer = self._think.flush()
        events: list[Event] = []
        if thought:
            events.append(ReasoningDelta(thought))
        if answer:
            events.append(TextDelta(answer))
        return events

    def close(self, saw_done: bool) -> list[Event]:
        """End of body. Without ``[DONE]`` a non-null finish_reason still means a normal end."""
        if self.done:
            return []
        self.done = True
        events = self._flush()
        if saw_done or self.finish_reason:
            events.append(_finished(self.finish_reason))
        else:
            events.append(Failed(AnalysisError(
                ErrorKind.NETWORK,
                "The connection closed before the answer was complete; the text so far is kept.",
            )))
        return events


def parse_chat_body(payload: Mapping[str, Any]) -> list[Event]:
    """A whole (non-streamed) ``chat.completion``."""
    error = error_from_payload(payload)
    if error is not None:
        return [Failed(error)]
    choices = payload.get("choices")
    if not isinstance(choices, list) or not choices or not isinstance(choices[0], Mapping):
        return [Failed(AnalysisError(ErrorKind.INVALID_RESPONSE,
                                     "The server's answer has no choices."))]
    parser = ChatStreamParser()
    events = parser.feed({"choices": [choices[0]], "usage": payload.get("usage")})
    return events + parser.close(saw_done=True)
