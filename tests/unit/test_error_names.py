"""A server's own error name survives classification, so `doctor` and --json can show it."""

from __future__ import annotations

from visiondesk.api.errors import error_from_payload
from visiondesk.core.errors import ErrorKind


def test_llama_cpps_error_name_is_the_code_not_the_echoed_http_status() -> None:
    # What llama-server answers (HTTP 400) to a prompt longer than its context.
    payload = {"error": {"code": 400, "message": "request (13914 tokens) exceeds the available context size "
                         "(2048 tokens), try increasing it", "type": "exceed_context_size_error",
                         "n_prompt_tokens": 13914, "n_ctx": 2048}}
    error = error_from_payload(payload, status=400)
    assert error is not None
    assert error.code == "exceed_context_size_error"
    assert error.kind is ErrorKind.BAD_REQUEST and error.status == 400


def test_a_real_code_is_kept_over_the_type() -> None:
    payload = {"error": {"code": "invalid_api_key", "message": "Incorrect API key", "type": "invalid_request_error"}}
    error = error_from_payload(payload, status=401)
    assert error is not None and error.code == "invalid_api_key"
