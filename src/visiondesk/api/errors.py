"""Turn whatever a server said into one ``AnalysisError``.

Envelopes seen in the field (protocol.md section 4): OpenAI's ``{"error": {...}}``, older vLLM's
top-level ``{"object": "error", ...}``, LM Studio's ``{"error": "text"}``, Anthropic-style
``{"type": "error", "error": {...}}`` passed through relays, one-api's "no channel" 503, and HTML
pages from Cloudflare or nginx.
"""

from __future__ import annotations

import email.utils
import json
import re
import time
from collections.abc import Mapping
from http import HTTPStatus
from typing import Any

from visiondesk.core.errors import NO_CHANNEL_WORDS, AnalysisError, ErrorFact, ErrorKind
from visiondesk.core.redaction import clean_server_text

_QUOTA_WORDS = ("insufficient_quota", "quota", "balance", "余额", "billing", "额度", "credit")
# A server that cannot take the image or file part at all (llama.cpp without an mmproj says
# "image input is not supported"; others name the content type). Permanent: never retried.
_UNSUPPORTED_INPUT = re.compile(
    r"(image|vision|multimodal|input_image|image_url|input_file|file) (input )?(is |are )?"
    r"(not supported|unsupported)|does not support (image|vision|images|file)|mmproj"
    r"|unsupported content type|invalid content type|content type .{0,40} not supported",
    re.IGNORECASE)
# The parameters a 400 may reject that the service knows how to adapt (rename or drop).
ADAPTABLE_PARAMS = ("max_tokens", "temperature", "reasoning.summary", "response_format", "text.format")


def redact(text: str, secret: str | None = None) -> str:
    """Server text made safe to show: the key in every spelling and key-shaped strings removed,
    URL credentials stripped, control characters gone, length bounded (core/redaction.py).
    ``Bearer`` followed by prose ("Bearer (i.e. ...") is left alone, not mangled."""
    return clean_server_text(text, [secret])


def _str_or_none(value: object) -> str | None:
    if value is None or value == "":
        return None
    return str(value)


def error_fields(payload: Mapping[str, Any]) -> tuple[str, str | None, str | None, str | None] | None:
    """(message, type, code, param) if ``payload`` is an error envelope, else None."""
    error = payload.get("error")
    if isinstance(error, Mapping):
        message = error.get("message") or error.get("msg") or json.dumps(error, ensure_ascii=False)
        return (str(message), _str_or_none(error.get("type")), _str_or_none(error.get("code")),
                _str_or_none(error.get("param")))
    if isinstance(error, str) and error:
        return error, None, _str_or_none(payload.get("code")), None
    if payload.get("object") == "error" or payload.get("type") == "error":
        message = payload.get("message") or payload.get("detail") or "error"
        return (str(message), _str_or_none(payload.get("type")), _str_or_none(payload.get("code")),
                _str_or_none(payload.get("param")))
    return None


def _kind_for(status: int | None, message: str, type_: str | None, code: str | None) -> ErrorKind:
    words = " ".join(filter(None, (message, type_, code))).lower()
    if any(w in words for w in NO_CHANNEL_WORDS):
        return ErrorKind.NOT_FOUND  # the relay has no upstream for this model: permanent
    if _UNSUPPORTED_INPUT.search(words):
        return ErrorKind.UNSUPPORTED_INPUT
    if code in ("invalid_api_key", "authentication_error") or type_ == "authentication_error":
        return ErrorKind.AUTH
    if status == 401:
        return ErrorKind.AUTH
    if status in (402, 403, 429, None) and any(w in words for w in _QUOTA_WORDS):
        return ErrorKind.QUOTA
    if status == 403 or type_ == "permission_error":
        return ErrorKind.PERMISSION
    if status == 404 or code == "model_not_found" or type_ == "not_found_error":
        return ErrorKind.NOT_FOUND
    if status == 413 or type_ == "request_too_large":
        return ErrorKind.TOO_LARGE
    if status == 429 or code == "rate_limit_exceeded" or type_ == "rate_limit_error":
        return ErrorKind.RATE_LIMIT
    if status == 408:
        return ErrorKind.TIMEOUT
    if status is not None and 400 <= status < 500:
        return ErrorKind.BAD_REQUEST
    if code == "invalid_request_error" or type_ == "invalid_request_error":
        return ErrorKind.BAD_REQUEST
    return ErrorKind.SERVER


def error_from_payload(payload: Mapping[str, Any], status: int | None = None) -> AnalysisError | None:
    """The error in a JSON body (also inside HTTP 200 or mid-stream), or None if there is none."""
    found = error_fields(payload)
    if found is None:
        return None
    message, type_, code, param = found
    nested_status = isinstance(payload.get("error"), Mapping) and code is not None and code.isdigit()
    if (code is None or nested_status) and type_ not in (None, "error"):
        code = type_  # llama.cpp: {"error": {"code": 400, "type": "exceed_context_size_error"}}
    if status is None and isinstance(payload.get("code"), int) and 400 <= payload["code"] < 600:
        status = payload["code"]  # older vLLM puts the HTTP status here, sometimes under HTTP 200
    error = AnalysisError(_kind_for(status, message, type_, code), message, status=status,
                          code=code, param=param)
    return _with_facts(error, type_)


def _with_facts(error: AnalysisError, type_: str | None) -> AnalysisError:
    """The structured facts of a server error, read from its words once, here."""
    words = " ".join(filter(None, (error.message, type_, error.code))).lower()
    if any(w in words for w in NO_CHANNEL_WORDS):
        error.with_fact(ErrorFact.NO_CHANNEL)
    if error.status == 400 and _rejected_param(error) is not None:
        error.with_fact(ErrorFact.REJECTED_PARAM)
    if _endpoint_missing(error):
        error.with_fact(ErrorFact.ENDPOINT_MISSING)
    elif error.kind is ErrorKind.NOT_FOUND and not error.has(ErrorFact.NO_CHANNEL):
        error.with_fact(ErrorFact.MODEL_NOT_FOUND)
    return error


def _rejected_param(error: AnalysisError) -> str | None:
    """The parameter a 400 rejected; normalises ``param`` so callers need not read the message."""
    if error.param in ADAPTABLE_PARAMS:
        return error.param
    # Some relays drop ``param`` but keep OpenAI's wording in the message.
    lowered = error.message.lower()
    if "unsupported" in lowered or "not supported" in lowered or "invalid" in lowered:
        for name in ADAPTABLE_PARAMS:
            if f"'{name}'" in lowered or f"`{name}`" in lowered or f'"{name}"' in lowered:
                error.param = name
                return name
    return None


def _endpoint_missing(error: AnalysisError) -> bool:
    """The server has no such API (as opposed to: no such model)."""
    if error.status in (405, 501):
        return True
    if error.status != 404:
        return False
    lowered = error.message.lower()
    if "invalid url" in lowered or lowered.strip() == "not found" or "404 not found" in lowered:
        return True
    return "model" not in lowered and error.code != "model_not_found"


def _html_summary(status: int, text: str) -> str:
    """A short line for an HTML error page: its <title>, else the status phrase."""
    match = re.search(r"<title[^>]*>(.*?)</title>", text, re.I | re.S)
    if match:
        title = re.sub(r"\s+", " ", match.group(1)).strip()
        if title:
            return title[:160]
    match = re.search(r"<h1[^>]*>(.*?)</h1>", text, re.I | re.S)
    if match:
        heading = re.sub(r"<[^>]+>|\s+", " ", match.group(1)).strip()
        if heading:
            return heading[:160]
    return _status_line(status)


def _status_line(status: int) -> str:
    try:
        return f"{status} {HTTPStatus(status).phrase}"
    except ValueError:
        return f"HTTP {status}"


def error_from_http(status: int, body: bytes, headers: Mapping[str, str]) -> AnalysisError:
    """Classify a non-2xx response (or a 2xx whose body is not an answer)."""
    text = body.decode("utf-8", errors="replace").strip()
    error: AnalysisError | None = None
    try:
        payload = json.loads(text) if text else None
    except ValueError:
        payload = None
    if isinstance(payload, Mapping):
        error = error_from_payload(payload, status)
    if error is None:
        if text.startswith("<") or "html" in headers.get("content-type", ""):
            message = _html_summary(status, text)
        elif text:
            message = text[:300]
        else:
            message = _status_line(status)
        error = _with_facts(AnalysisError(_kind_for(status, message, None, None), message,
                                          status=status), None)
    error.retry_after = retry_after_seconds(headers)
    return error


def retry_after_seconds(headers: Mapping[str, str]) -> float | None:
    """The server's requested wait: ``retry-after-ms`` first, then ``Retry-After`` (secs or date)."""
    raw_ms = headers.get("retry-after-ms")
    if raw_ms:
        try:
            return max(float(raw_ms) / 1000, 0.0)
        except ValueError:
            pass
    raw = headers.get("retry-after")
    if not raw:
        return None
    try:
        return max(float(raw), 0.0)
    except ValueError:
        pass
    try:
        parsed = email.utils.parsedate_to_datetime(raw)
    except (TypeError, ValueError):
        return None
    return max(parsed.timestamp() - time.time(), 0.0)
