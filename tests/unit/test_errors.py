"""Every error envelope in protocol.md becomes a readable, correctly classified error."""

from __future__ import annotations

import json

import pytest

from visiondesk.api.errors import error_from_http, redact, retry_after_seconds
from visiondesk.cli.hints import cli_hint
from visiondesk.core.errors import ErrorFact, ErrorKind


def http(status: int, payload: object, headers: dict[str, str] | None = None):
    body = payload if isinstance(payload, bytes) else json.dumps(payload, ensure_ascii=False).encode()
    return error_from_http(status, body, headers or {"content-type": "application/json"})


@pytest.mark.parametrize(
    ("status", "payload", "kind", "message", "code"),
    [
        (401, {"error": {"message": "Incorrect API key provided", "type": "invalid_request_error",
                         "code": "invalid_api_key"}}, ErrorKind.AUTH, "Incorrect API key provided",
         "invalid_api_key"),
        (429, {"error": {"message": "You exceeded your current quota", "type": "insufficient_quota",
                         "code": "insufficient_quota"}}, ErrorKind.QUOTA, "You exceeded your current quota",
         "insufficient_quota"),
        (429, {"error": {"message": "Rate limit reached", "type": "requests", "code": "rate_limit_exceeded"}},
         ErrorKind.RATE_LIMIT, "Rate limit reached", "rate_limit_exceeded"),
        (404, {"object": "error", "message": "The model `x` does not exist.", "type": "NotFoundError",
               "code": 404}, ErrorKind.NOT_FOUND, "The model `x` does not exist.", "404"),
        (400, {"error": "Model is not loaded"}, ErrorKind.BAD_REQUEST, "Model is not loaded", None),
        (529, {"type": "error", "error": {"type": "overloaded_error", "message": "Overloaded"}},
         ErrorKind.SERVER, "Overloaded", "overloaded_error"),
        (503, {"error": {"message": "当前分组 default 下对于模型 gpt-4o 无可用渠道", "type": "new_api_error"}},
         ErrorKind.NOT_FOUND, "当前分组 default 下对于模型 gpt-4o 无可用渠道", "new_api_error"),
        (403, {"error": {"message": "余额不足", "type": "forbidden"}}, ErrorKind.QUOTA, "余额不足", "forbidden"),
        (403, {"error": {"message": "unsupported_country_region_territory"}}, ErrorKind.PERMISSION,
         "unsupported_country_region_territory", None),
        (400, {"error": {"message": "Unsupported parameter: 'max_tokens'", "param": "max_tokens",
                         "code": "unsupported_parameter"}}, ErrorKind.BAD_REQUEST,
         "Unsupported parameter: 'max_tokens'", "unsupported_parameter"),
    ],
)
def test_json_envelopes(status: int, payload: object, kind: ErrorKind, message: str, code: str | None) -> None:
    error = http(status, payload)
    assert (error.kind, error.message, error.code, error.status) == (kind, message, code, status)


def test_no_channel_error_has_a_relay_hint() -> None:
    error = http(503, {"error": {"message": "当前分组 default 下对于模型 x 无可用渠道"}})
    assert error.has(ErrorFact.NO_CHANNEL) and not error.has(ErrorFact.MODEL_NOT_FOUND)
    assert "relay" in cli_hint(error).lower()


@pytest.mark.parametrize(
    ("status", "payload", "fact", "param"),
    [
        (404, {"error": {"message": "Invalid URL (POST /v1/responses)"}}, ErrorFact.ENDPOINT_MISSING, None),
        (404, {"error": {"message": "The model `gpt-9` does not exist", "code": "model_not_found"}},
         ErrorFact.MODEL_NOT_FOUND, None),
        (400, {"error": {"message": "Unsupported parameter: 'max_tokens' is not supported with this model.",
                         "param": "max_tokens", "code": "unsupported_parameter"}}, ErrorFact.REJECTED_PARAM,
         "max_tokens"),
        # a relay that drops ``param`` but keeps OpenAI's words: the parameter is still known
        (400, {"error": {"message": "Unsupported value: 'temperature' does not support 0.1 with this model."}},
         ErrorFact.REJECTED_PARAM, "temperature"),
    ],
)
def test_facts_are_found_once_where_the_error_is_classified(status, payload, fact, param) -> None:
    error = http(status, payload)
    assert error.has(fact) and error.param == param


def test_a_model_that_cannot_see_images_is_its_own_kind() -> None:
    # llama.cpp without a multimodal projector
    error = http(500, {"error": {"code": 500, "message": "image input is not supported - hint: if this is "
                                 "unexpected, you may need to provide the mmproj", "type": "server_error"}})
    assert error.kind is ErrorKind.UNSUPPORTED_INPUT
    assert "vision model" in cli_hint(error)


def test_html_502_page_becomes_its_title() -> None:
    page = b"<html><head><title>502 Bad Gateway</title></head><body><center><h1>502 Bad Gateway</h1>" \
           b"</center><hr><center>nginx</center></body></html>"
    error = error_from_http(502, page, {"content-type": "text/html"})
    assert (error.kind, str(error)) == (ErrorKind.SERVER, "HTTP 502: 502 Bad Gateway")


def test_html_413_without_title_uses_heading_and_is_too_large() -> None:
    page = b"<html><body><h1>413 Request Entity Too Large</h1></body></html>"
    error = error_from_http(413, page, {"content-type": "text/html"})
    assert (error.kind, error.message) == (ErrorKind.TOO_LARGE, "413 Request Entity Too Large")


def test_empty_body_uses_the_status_phrase() -> None:
    assert error_from_http(504, b"", {}).message == "504 Gateway Timeout"


def test_error_inside_200_body_is_an_error() -> None:
    from visiondesk.api.errors import error_from_payload

    error = error_from_payload({"error": {"message": "upstream error", "type": "server_error"}})
    assert error is not None and error.kind is ErrorKind.SERVER and error.message == "upstream error"


def test_retry_after_headers() -> None:
    assert retry_after_seconds({"retry-after-ms": "250"}) == 0.25
    assert retry_after_seconds({"retry-after": "3"}) == 3.0
    assert retry_after_seconds({"retry-after": "Wed, 21 Oct 2015 07:28:00 GMT"}) == 0.0
    assert retry_after_seconds({}) is None
    assert http(429, {"error": {"message": "slow down"}}, {"retry-after": "2"}).retry_after == 2.0


def test_redact_removes_keys_from_messages() -> None:
    text = redact("Incorrect API key provided: sk-abcdef1234567890. Also mykey", "mykey")
    assert "abcdef1234567890" not in text and "mykey" not in text
