"""Both wire adapters: request bodies exactly as protocol.md shows, responses parsed defensively."""

from __future__ import annotations

from visiondesk.api.adaptations import DROP_REASONING_SUMMARY, DROP_TEMPERATURE, USE_MAX_COMPLETION_TOKENS
from visiondesk.api.chat import ChatStreamParser, build_chat_body, parse_chat_body
from visiondesk.api.responses import ResponsesStreamParser, build_responses_body, parse_responses_body
from visiondesk.core.events import Failed, Finished, ReasoningDelta, Status, TextDelta, UsageReport
from visiondesk.core.inputs import PreparedImage, RemoteImage
from visiondesk.core.request import AnalysisRequest, GenerationOptions
from visiondesk.core.result import AnalysisResult
from visiondesk.core.usage import Usage

PNG = PreparedImage(data=b"\x89PNG\r\n\x1a\nfake", mime="image/png", width=10, height=5,
                    source="a.png", original_width=10, original_height=5)
REQUEST = AnalysisRequest(
    model="gpt-5-mini", prompt="描述这张图片", images=(PNG, RemoteImage("https://example.com/a.jpg")),
    system="你是一个图片分析助手。",
    options=GenerationOptions(temperature=0.1, max_tokens=400, detail="high", reasoning_effort="low",
                              reasoning_summary="auto"),
)


def fold(events: list) -> AnalysisResult:
    result = AnalysisResult(source="a.png", model="m", provider="p")
    for event in events:
        result.apply(event)
    return result


def test_chat_body_matches_the_protocol() -> None:
    body = build_chat_body(REQUEST, frozenset())
    assert body["messages"][0] == {"role": "system", "content": "你是一个图片分析助手。"}
    assert body["messages"][1]["content"] == [
        {"type": "text", "text": "描述这张图片"},
        {"type": "image_url", "image_url": {"url": PNG.data_url, "detail": "high"}},
        {"type": "image_url", "image_url": {"url": "https://example.com/a.jpg", "detail": "high"}},
    ]
    assert PNG.data_url.startswith("data:image/png;base64,")
    assert (body["max_tokens"], body["temperature"], body["stream"]) == (400, 0.1, True)
    assert body["stream_options"] == {"include_usage": True}


def test_chat_body_adaptations() -> None:
    body = build_chat_body(REQUEST, frozenset({USE_MAX_COMPLETION_TOKENS, DROP_TEMPERATURE}))
    assert body["max_completion_tokens"] == 400
    assert "max_tokens" not in body and "temperature" not in body


def test_responses_body_matches_the_protocol() -> None:
    body = build_responses_body(REQUEST, frozenset())
    assert body["instructions"] == "你是一个图片分析助手。"
    assert body["input"] == [{"role": "user", "content": [
        {"type": "input_text", "text": "描述这张图片"},
        {"type": "input_image", "image_url": PNG.data_url, "detail": "high"},
        {"type": "input_image", "image_url": "https://example.com/a.jpg", "detail": "high"},
    ]}]
    assert body["reasoning"] == {"effort": "low", "summary": "auto"}
    assert (body["max_output_tokens"], body["store"], body["stream"]) == (400, False, True)
    dropped = build_responses_body(REQUEST, frozenset({DROP_REASONING_SUMMARY}))
    assert dropped["reasoning"] == {"effort": "low"}


def test_chat_stream_with_reasoning_content_and_usage() -> None:
    parser = ChatStreamParser()
    events = []
    for chunk in [
        {"choices": [{"index": 0, "delta": {"role": "assistant", "reasoning_content": "Looking"}}]},
        {"choices": [{"index": 0, "delta": {"content": "A cat"}}]},
        {"choices": [{"index": 0, "delta": {"content": " on a mat."}, "finish_reason": "stop"}]},
        {"choices": [], "usage": {"prompt_tokens": 800, "completion_tokens": 20, "total_tokens": 820,
                                  "completion_tokens_details": {"reasoning_tokens": 5}}},
    ]:
        events += parser.feed(chunk)
    result = fold(events + parser.close(saw_done=True))
    assert (result.text, result.reasoning, result.status) == ("A cat on a mat.", "Looking", Status.COMPLETED)
    assert result.usage == Usage(800, 20, 5, None, 820)


def test_chat_stream_reasoning_field_and_length_finish() -> None:
    parser = ChatStreamParser()
    events = parser.feed({"choices": [{"delta": {"reasoning": "hmm", "content": "cut"},
                                       "finish_reason": "length"}]})
    result = fold(events + parser.close(saw_done=False))
    assert (result.reasoning, result.text, result.status) == ("hmm", "cut", Status.INCOMPLETE)


def test_chat_stream_cut_without_finish_keeps_text_and_fails() -> None:
    parser = ChatStreamParser()
    result = fold(parser.feed({"choices": [{"delta": {"content": "partial"}}]}) + parser.close(False))
    assert (result.text, result.status, result.error.kind) == ("partial", Status.FAILED, "network")


def test_chat_error_mid_stream_keeps_text() -> None:
    parser = ChatStreamParser()
    events = parser.feed({"choices": [{"delta": {"content": "so far"}}]})
    events += parser.feed({"error": {"message": "upstream overloaded", "type": "server_error"}})
    result = fold(events + parser.close(False))
    assert (result.text, result.status, result.error.message) == ("so far", Status.FAILED, "upstream overloaded")


def test_chat_non_stream_body_from_the_tutujin_document() -> None:
    body = {"id": "chatcmpl-123", "object": "chat.completion", "created": 1677652288,
            "choices": [{"index": 0, "message": {"role": "assistant",
                                                 "content": "图片中是一只卡通风格的猫的 logo,背景为白色。"},
                         "finish_reason": "stop"}],
            "usage": {"prompt_tokens": 30, "completion_tokens": 20, "total_tokens": 50}}
    result = fold(parse_chat_body(body))
    assert result.text == "图片中是一只卡通风格的猫的 logo,背景为白色。"
    assert (result.usage.input_tokens, result.usage.output_tokens, result.status) == (30, 20, Status.COMPLETED)


def test_chat_null_content_and_no_choices() -> None:
    assert fold(parse_chat_body({"choices": [{"message": {"content": None}, "finish_reason": "stop"}]})).status \
        == Status.COMPLETED
    result = fold(parse_chat_body({"id": "x"}))
    assert result.status == Status.FAILED and result.error.kind == "invalid_response"


def test_responses_body_from_the_dmxapi_document() -> None:
    body = {
        "id": "resp_0c3b", "object": "response", "model": "gpt-5-mini-2025-08-07", "status": "completed",
        "usage": {"total_tokens": 1473, "input_tokens": 935, "input_tokens_details": {"cached_tokens": 0},
                  "output_tokens": 538, "output_tokens_details": {"reasoning_tokens": 192}},
        "error": None, "incomplete_details": None,
        "output": [
            {"id": "rs_1", "type": "reasoning", "summary": []},
            {"id": "msg_1", "type": "message", "status": "completed", "role": "assistant",
             "content": [{"type": "output_text", "annotations": [], "logprobs": [],
                          "text": "这是一张台式计算器的近拍照片"}]},
        ],
    }
    result = fold(parse_responses_body(body))
    assert (result.text, result.status) == ("这是一张台式计算器的近拍照片", Status.COMPLETED)
    assert result.usage == Usage(935, 538, 192, 0, 1473)


def test_relay_responses_body_with_string_output_and_chat_usage() -> None:
    body = {"id": "resp-abc123", "object": "response", "created": 1699896916, "model": "gpt-4o",
            "output": "The image shows a wooden boardwalk.",
            "usage": {"prompt_tokens": 3500, "completion_tokens": 245, "total_tokens": 3745}}
    result = fold(parse_responses_body(body))
    assert result.text == "The image shows a wooden boardwalk."
    assert (result.usage.input_tokens, result.usage.output_tokens, result.usage.total_tokens) == (3500, 245, 3745)


def test_responses_url_answered_in_chat_form() -> None:
    body = {"choices": [{"message": {"content": "chat-shaped"}, "finish_reason": "stop"}]}
    assert fold(parse_responses_body(body)).text == "chat-shaped"


def test_responses_stream_summary_text_usage() -> None:
    parser = ResponsesStreamParser()
    events = []
    for payload in [
        {"type": "response.created", "response": {"status": "in_progress"}},
        {"type": "response.reasoning_summary_text.delta", "summary_index": 0, "delta": "First"},
        {"type": "response.reasoning_summary_text.delta", "summary_index": 1, "delta": "Second"},
        {"type": "response.output_text.delta", "item_id": "m", "output_index": 1, "content_index": 0,
         "delta": "Hello"},
        {"type": "response.output_text.done", "text": "Hello"},
        {"type": "response.completed", "response": {"status": "completed", "usage": {
            "input_tokens": 10, "output_tokens": 3, "total_tokens": 13}}},
    ]:
        events += parser.feed(payload)
    result = fold(events + parser.close())
    assert (result.reasoning, result.text, result.status) == ("First\n\nSecond", "Hello", Status.COMPLETED)
    assert result.usage.total_tokens == 13


def test_responses_stream_incomplete_failed_and_error_events() -> None:
    parser = ResponsesStreamParser()
    incomplete = fold(parser.feed({"type": "response.output_text.delta", "delta": "part"}) + parser.feed(
        {"type": "response.incomplete", "response": {"status": "incomplete",
                                                     "incomplete_details": {"reason": "max_output_tokens"}}}))
    assert (incomplete.text, incomplete.status) == ("part", Status.INCOMPLETE)

    failed = fold(ResponsesStreamParser().feed({"type": "response.failed", "response": {
        "status": "failed", "error": {"code": "server_error", "message": "boom"}}}))
    assert (failed.status, failed.error.message) == (Status.FAILED, "boom")

    for payload in ({"type": "error", "error": {"code": "rate_limit_exceeded", "message": "slow"}},
                    {"type": "error", "code": "rate_limit_exceeded", "message": "slow"}):
        nested = fold(ResponsesStreamParser().feed(payload))
        assert (nested.status, nested.error.message, nested.error.kind) == (Status.FAILED, "slow", "rate_limit")


def test_responses_stream_without_end_event_is_truncated() -> None:
    parser = ResponsesStreamParser()
    events = parser.feed({"type": "response.output_text.delta", "delta": "half"})
    result = fold(events + parser.close(saw_done=True))
    assert (result.text, result.status) == ("half", Status.FAILED)


def test_only_done_event_carries_the_text() -> None:
    parser = ResponsesStreamParser()
    events = parser.feed({"type": "response.output_text.done", "text": "whole"})
    events += parser.feed({"type": "response.completed", "response": {"status": "completed"}})
    assert [e for e in events if isinstance(e, TextDelta)] == [TextDelta("whole")]
    assert isinstance(events[-1], Finished)


def test_event_types_are_the_shared_vocabulary() -> None:
    parser = ChatStreamParser()
    events = parser.feed({"choices": [{"delta": {"content": "<think>a</think>b"}}]})
    assert events == [ReasoningDelta("a"), TextDelta("b")]
    assert not any(isinstance(e, Failed | UsageReport) for e in events)
