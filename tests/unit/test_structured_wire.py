"""Structured output on the wire: Chat response_format, Responses text.format, json_object fallback."""

from __future__ import annotations

import json

from visiondesk.api.adaptations import JSON_OBJECT_FORMAT
from visiondesk.api.chat import build_chat_body
from visiondesk.api.responses import build_responses_body
from visiondesk.core.request import AnalysisRequest, GenerationOptions
from visiondesk.core.structured import schema_from_mapping

SCHEMA = schema_from_mapping({"type": "object", "properties": {"total": {"type": "number"},
                                                               "note": {"type": "string"}},
                              "required": ["total"]}, "receipt")


def request(**options: object) -> AnalysisRequest:
    return AnalysisRequest(model="m", prompt="Read the receipt",
                           options=GenerationOptions(response_schema=SCHEMA, **options))  # type: ignore[arg-type]


def test_chat_asks_for_the_strict_schema() -> None:
    body = build_chat_body(request(), frozenset())
    assert body["response_format"] == {"type": "json_schema", "json_schema": {
        "name": "receipt", "schema": SCHEMA.wire, "strict": True}}
    assert body["response_format"]["json_schema"]["schema"]["additionalProperties"] is False
    assert body["messages"][-1]["content"][0]["text"] == "Read the receipt"


def test_responses_asks_for_the_strict_schema_in_text_format() -> None:
    body = build_responses_body(request(stream=False), frozenset())
    assert body["text"] == {"format": {"type": "json_schema", "name": "receipt",
                                       "schema": SCHEMA.wire, "strict": True}}
    assert body["input"][0]["content"][0]["text"] == "Read the receipt"
    json.dumps(body)  # serialisable as it stands


def test_relays_without_json_schema_get_json_object_and_the_schema_in_the_prompt() -> None:
    adapted = frozenset({JSON_OBJECT_FORMAT})
    chat = build_chat_body(request(), adapted)
    assert chat["response_format"] == {"type": "json_object"}
    prompt = chat["messages"][-1]["content"][0]["text"]
    assert prompt.startswith("Read the receipt\n\nAnswer with one JSON object only")
    assert json.dumps(SCHEMA.wire, ensure_ascii=False, separators=(",", ":")) in prompt
    responses = build_responses_body(request(), adapted)
    assert responses["text"] == {"format": {"type": "json_object"}}
    assert responses["input"][0]["content"][0]["text"] == prompt


def test_without_a_schema_nothing_changes() -> None:
    plain = AnalysisRequest(model="m", prompt="Describe")
    assert "response_format" not in build_chat_body(plain, frozenset({JSON_OBJECT_FORMAT}))
    assert "text" not in build_responses_body(plain, frozenset({JSON_OBJECT_FORMAT}))
