"""The Responses API (``POST /v1/responses``): request body and response parsing.

Dispatch is on the JSON ``type`` (not the SSE ``event:`` line). Relays have been seen to answer
with ``output`` as a plain string, with Chat-style usage, or with a whole Chat body; all parse.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

from visiondesk.api.adaptations import DROP_REASONING_SUMMARY, DROP_TEMPERATURE
from visiondesk.api.chat import json_format, parse_chat_body, prompt_text
from visiondesk.api.errors import error_from_payload
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
    from visiondesk.core.request import AnalysisRequest

PATH = "/responses"

_TEXT_DELTAS = ("response.output_text.delta", "response.refusal.delta")
_REASONING_DELTAS = ("response.reasoning_summary_text.delta", "response.reasoning_text.delta")
_END_TYPES = ("response.completed", "response.incomplete", "response.failed", "response.done")


def build_responses_body(request: AnalysisRequest, adaptations: frozenset[str]) -> dict[str, Any]:
    options = request.options
    first_prompt = request.turns[0].prompt if request.turns else prompt_text(request, adaptations)
    content: list[dict[str, Any]] = [{"type": "input_text", "text": first_prompt}]
    for image in request.images:
        if isinstance(image, DocumentFile):
            content.append({"type": "input_file", "filename": image.filename, "file_data": image.data_url})
            continue
        url = image.data_url if isinstance(image, PreparedImage) else image.url
        # image_url is a plain string here, and the schema makes detail required.
        content.append({"type": "input_image", "image_url": url, "detail": options.detail})
    items: list[dict[str, Any]] = [{"role": "user", "content": content}]
    # A follow-up: the whole conversation as input items (store is false, so the server keeps
    # no earlier response to point at with previous_response_id).
    for index, turn in enumerate(request.turns):
        items.append({"role": "assistant", "content": [{"type": "output_text", "text": turn.answer}]})
        following = request.turns[index + 1].prompt if index + 1 < len(request.turns) \
            else prompt_text(request, adaptations)
        items.append({"role": "user", "content": [{"type": "input_text", "text": following}]})
    body: dict[str, Any] = {
        "model": request.model,
        "input": items,
        "store": False,
    }
    if request.system:
        body["instructions"] = request.system
    if options.max_tokens is not None:
        body["max_output_tokens"] = options.max_tokens
    if options.temperature is not None and DROP_TEMPERATURE not in adaptations:
        body["temperature"] = options.temperature
    reasoning: dict[str, str] = {}
    if options.reasoning_effort:
        reasoning["effort"] = options.reasoning_effort
    if options.reasoning_summary and DROP_REASONING_SUMMARY not in adaptations:
        reasoning["summary"] = options.reasoning_summary
    if reasoning:
        body["reasoning"] = reasoning
    text_format = json_format(options, adaptations)
    if text_format is not None:
        body["text"] = {"format": text_format}
    if options.stream:
        body["stream"] = True
    return body


def _status_events(response: Mapping[str, Any], fallback: str) -> list[Event]:
    """Usage and the end event from a ``response`` object."""
    events: list[Event] = []
    usage = Usage.from_wire(response.get("usage"))
    if usage is not None:
        events.append(UsageReport(usage))
    status = str(response.get("status") or fallback)
    if status == "failed" or response.get("error"):
        error = error_from_payload({"error": response.get("error") or {"message": "failed"}})
        events.append(Failed(error or AnalysisError(ErrorKind.SERVER, "The response failed.")))
    elif status == "incomplete":
        details = response.get("incomplete_details")
        reason = details.get("reason") if isinstance(details, Mapping) else None
        events.append(Finished(Status.INCOMPLETE, str(reason) if reason else None))
    elif status == "cancelled":
        events.append(Finished(Status.CANCELLED))
    else:
        events.append(Finished(Status.COMPLETED))
    return events


def _output_texts(output: object) -> tuple[str, str]:
    """(answer, reasoning) from an ``output`` array, or from a relay's plain-string ``output``."""
    if isinstance(output, str):
        return output, ""
    answer: list[str] = []
    reasoning: list[str] = []
    if not isinstance(output, list):
        return "", ""
    for item in output:
        if not isinstance(item, Mapping):
            continue
        if item.get("type") == "message":
            for part in item.get("content") or []:
                if isinstance(part, Mapping) and part.get("type") in ("output_text", "refusal"):
                    answer.append(str(part.get("text") or part.get("refusal") or ""))
        elif item.get("type") == "reasoning":
            for key in ("summary", "content"):
                for part in item.get(key) or []:
                    if isinstance(part, Mapping) and part.get("text"):
                        reasoning.append(str(part["text"]))
    return "".join(answer), "\n\n".join(reasoning)


class ResponsesStreamParser:
    __slots__ = ("_summary_index", "_text_seen", "done")

    def __init__(self) -> None:
        self.done = False
        self._text_seen = False
        self._summary_index: int | None = None

    def feed(self, payload: Mapping[str, Any]) -> list[Event]:
        kind = payload.get("type")
        if kind in _TEXT_DELTAS:
            delta = payload.get("delta")
            if isinstance(delta, str) and delta:
                self._text_seen = True
                return [TextDelta(delta)]
            return []
        if kind in _REASONING_DELTAS:
            delta = payload.get("delta")
            if not isinstance(delta, str) or not delta:
                return []
            index = payload.get("summary_index")
            if isinstance(index, int) and self._summary_index is not None and index != self._summary_index:
                delta = "\n\n" + delta  # a new summary part starts a new paragraph
            if isinstance(index, int):
                self._summary_index = index
            return [ReasoningDelta(delta)]
        if kind == "response.output_text.done" and not self._text_seen:
            # Some gateways send only the .done event with the whole text.
            text = payload.get("text")
            if isinstance(text, str) and text:
                self._text_seen = True
                return [TextDelta(text)]
            return []
        if kind in _END_TYPES:
            self.done = True
            response = payload.get("response")
            if not isinstance(response, Mapping):
                response = {}
            events: list[Event] = []
            if not self._text_seen:
                answer, _ = _output_texts(response.get("output"))
                if answer:
                    self._text_seen = True
                    events.append(TextDelta(answer))
            fallback = {"response.failed": "failed", "response.incomplete": "incomplete"}
            return events + _status_events(response, fallback.get(str(kind), "completed"))
        if kind == "error" or (kind is None and payload.get("error")):
            self.done = True
            nested = payload if "error" in payload else {"error": payload}
            error = error_from_payload(nested)
            return [Failed(error or AnalysisError(ErrorKind.SERVER, str(payload)))]
        return []  # created, in_progress, output_item.*, part events, unknown: nothing to show

    def close(self, saw_done: bool = False) -> list[Event]:
        """End of body. ``[DONE]`` alone does not end a Responses stream; an end event does."""
        if self.done:
            return []
        self.done = True
        return [Failed(AnalysisError(
            ErrorKind.NETWORK,
            "The connection closed before the answer was complete; the text so far is kept.",
        ))]


def parse_responses_body(payload: Mapping[str, Any]) -> list[Event]:
    """A whole (non-streamed) response object, parsed defensively."""
    if "choices" in payload and "output" not in payload:
        return parse_chat_body(payload)  # a relay answered the Responses URL in Chat form
    if payload.get("error"):
        error = error_from_payload(payload)
        if error is not None:
            return [Failed(error)]
    answer, reasoning = _output_texts(payload.get("output"))
    if not answer and isinstance(payload.get("output_text"), str):
        answer = payload["output_text"]
    if "output" not in payload and "output_text" not in payload and "status" not in payload:
        return [Failed(AnalysisError(ErrorKind.INVALID_RESPONSE,
                                     "The server's answer has no output."))]
    events: list[Event] = []
    if reasoning:
        events.append(ReasoningDelta(reasoning))
    if answer:
        events.append(TextDelta(answer))
    return events + _status_events(payload, "completed")
