"""A fault-injecting OpenAI-compatible HTTP server for end-to-end tests over real sockets.

Stdlib only: :class:`http.server.ThreadingHTTPServer` on 127.0.0.1 in a daemon thread, speaking
HTTP/1.1. Streams are written as SSE with ``Transfer-Encoding: chunked`` (one HTTP chunk and one
flush per event) unless a scenario says otherwise. The scenarios imitate the relay quirks listed
in the project's wire-protocol notes (protocol.md).

Usage::

    with FaultServer() as srv:
        client = MyClient(base_url=srv.base_url, api_key="sk-test")   # http://127.0.0.1:PORT/v1
        ...
        assert srv.requests[-1].headers["authorization"] == "Bearer sk-test"
        srv.reset()                                 # forget requests and per-model counters

Standalone (prints the base URL, serves until Ctrl-C)::

    python tests/support/fault_server.py --port 0 [--chunk-delay-ms 20] [--api-key sk-x]

Endpoints: ``POST /v1/chat/completions``, ``POST /v1/responses`` (both honour ``stream``),
``GET /v1/models`` (lists :data:`MODEL_IDS`: every scenario name plus a few ordinary ids). Any other
path answers 404 ``Invalid URL (METHOD /path)`` in the OpenAI envelope. Every request, including
404s, is recorded in :attr:`FaultServer.requests` as a :class:`RecordedRequest`; unexpected
exceptions inside the server land in :attr:`FaultServer.errors` (assert it stays empty).

Behaviour is chosen by the request body's ``model``. Anything after an ``@`` is a free tag that
only matters for counters (``retry-after@t1`` behaves as ``retry-after`` but counts separately);
an unknown model gets the normal answer.

Normal answer (the default; also what the recovering scenarios answer):

* content is :func:`answer_text` ``(prompt)`` = ``"You asked: <prompt>. The fault server answers
  in several chunks."`` where ``<prompt>`` is the text of the last user message (Chat: every
  ``text`` part joined with a space; Responses: ``input`` string or the ``input_text`` parts of
  the last user item). Streams send it as :func:`answer_chunks` (6 roughly equal pieces).
* Chat stream: a role chunk (``delta: {"role":"assistant","content":""}``), content chunks, a
  chunk with ``finish_reason: "stop"``, the usage chunk (``choices: []``) only when
  ``stream_options.include_usage`` is true (other chunks then carry ``"usage": null``), then
  ``data: [DONE]``.
* Chat reasoning: when the model name contains ``reason``, :func:`reasoning_text` arrives first as
  ``delta.reasoning_content`` chunks (non-stream: ``message.reasoning_content``).
* Responses stream: ``response.created``, ``response.in_progress``, (reasoning item with
  ``reasoning_summary_part.added`` / ``reasoning_summary_text.delta`` / ``.done`` when
  ``reasoning.summary`` is requested), ``output_item.added`` (message), ``content_part.added``,
  ``output_text.delta`` x6, ``output_text.done``, ``content_part.done``, ``output_item.done``,
  ``response.completed`` (the only event with ``usage``). Each event has an ``event:`` line and a
  ``sequence_number``. No ``[DONE]``.
* Responses non-stream: the full response object; a reasoning item (summary empty unless
  requested) is included whenever the request has a ``reasoning`` object.
* Usage: ``prompt_tokens``/``input_tokens`` = 100 + 85 per image part; ``completion_tokens`` /
  ``output_tokens`` = words of content + reasoning; ``reasoning_tokens`` = words of reasoning;
  ``cached_tokens`` = 0.

Scenarios ("chat"/"resp" = which endpoint; "both" unless said; "1st" = first request for that exact
model string since :meth:`FaultServer.reset`):

==========================  ===========================================================================
model                       behaviour
==========================  ===========================================================================
(anything else)             normal answer, see above
``html-502``                HTTP 502 Cloudflare/nginx HTML page (``html-NNN`` works for any status,
                            e.g. ``html-503``, ``html-504``)
``error-in-200``            HTTP 200 ``{"error":{"message":"Upstream provider error",
                            "type":"server_error","param":null,"code":"upstream_error"}}``
``error-mid-stream``        stream: 2 text deltas, then ``data: {"error":{"message":"upstream
                            overloaded","type":"server_error"}}``, then the body ends normally.
                            Non-stream: same envelope in HTTP 200
``truncated``               stream: 2 text deltas, then the socket is shut down without the final
                            zero-length chunk (httpx raises ``RemoteProtocolError``); no
                            finish_reason / [DONE] / response.completed. Non-stream: Content-Length
                            of the full JSON but only half of it is sent
``truncated-clean``         stream: 2 text deltas, then the HTTP body ends cleanly (terminating
                            chunk) with no finish_reason / [DONE] / response.completed
``close-delimited``         normal stream without Transfer-Encoding or Content-Length; the body ends
                            when the server closes the connection (``Connection: close``)
``retry-after``             1st: HTTP 429, headers ``Retry-After: 1`` and ``retry-after-ms: 50``, body
                            ``{"error":{"message":"Rate limit reached ...","type":"requests",
                            "param":null,"code":"rate_limit_exceeded"}}``; later: normal
``server-error-once``       1st: HTTP 500 ``{"error":{"message":"The server had an error ...",
                            "type":"server_error","param":null,"code":null}}``; later: normal
``keepalive``               stream: ``: OPENROUTER PROCESSING`` before the first event, ``: ping``
                            between events and one ``data: keep-alive`` (non-JSON) after the first
                            text delta. Non-stream: JSON preceded by blank lines/spaces, as
                            OpenRouter does
``no-space``                stream lines are ``data:{...}`` (and ``event:x``) without the space
``crlf``                    stream lines end with CRLF
``cr-only``                 stream lines end with a bare CR
``multiline-data``          each JSON payload is pretty-printed over several ``data:`` lines
``u2028``                   content is :func:`answer_text` + ``"\\u2028line\\u2029para\\u0085end"``,
                            sent as raw UTF-8 inside the JSON strings (``ensure_ascii=False``),
                            stream and non-stream
``think-tags``              content starts with ``<think>`` reasoning ``</think>`` split across chunks
                            ``"<thi" | "nk>\\nPlan: read the" | " image first.\\n</th" | "ink>\\n\\n"``,
                            then the normal answer chunks (:data:`THINK_REASONING` is the reasoning)
``ignore-stream``           always answers non-stream JSON (``application/json``), even with
                            ``stream: true``
``no-done``                 chat stream with ``finish_reason`` (and usage chunk) but no ``[DONE]``;
                            resp: normal
``reasoning-field``         chat: reasoning as ``delta.reasoning`` / ``message.reasoning``; resp: normal
``no-responses``            resp: HTTP 404 ``{"error":{"message":"Invalid URL (POST /v1/responses)",
                            "type":"invalid_request_error","code":""}}``; chat: normal
``max-tokens-rejected``     HTTP 400 ``code: unsupported_parameter, param: max_tokens`` whenever the
                            body has ``max_tokens``; ``max_completion_tokens`` is accepted
``temperature-rejected``    HTTP 400 ``code: unsupported_value, param: temperature`` when
                            ``temperature`` is present and != 1
``summary-rejected``        resp: HTTP 400 ``param: reasoning.summary`` (organisation must be
                            verified) when ``reasoning.summary`` is present; chat: normal
``unauthorized``            HTTP 401 ``code: invalid_api_key``
``quota``                   HTTP 429 ``type/code: insufficient_quota`` (no Retry-After)
``no-channel``              HTTP 503 one-api/new-api ``当前分组 default 下对于模型 no-channel 无可用渠道``,
                            ``type: new_api_error``
``vllm-error``              HTTP 404 top-level ``{"object":"error","message":"The model `<model>`
                            does not exist.","type":"NotFoundError","param":null,"code":404}``
``vllm-error-200``          the same body with HTTP 200
``bare-string-error``       HTTP 400 ``{"error":"Model is not loaded"}``
``anthropic-error``         HTTP 529 ``{"type":"error","error":{"type":"overloaded_error",
                            "message":"Overloaded"}}``
``too-large``               HTTP 413 nginx ``413 Request Entity Too Large`` HTML page
``relay-responses-string``  resp: always non-stream JSON whose ``output`` is a plain string (the
                            answer text) and usage in Chat form (``prompt_tokens`` /
                            ``completion_tokens``); chat: normal
``slow-N`` / ``slow-N-M``   normal answer, N ms before the first byte and M ms (default N) between
                            stream events; e.g. ``slow-200``, ``slow-0-50``
``fast-stream-N``           N text deltas ``"w0 "``, ``"w1 "`` ... as fast as possible (events batched
                            into large writes), for benchmarks; :func:`answer_text` gives the text
``responses-incomplete``    resp stream: 3 text deltas then ``response.incomplete`` with
                            ``incomplete_details.reason = "max_output_tokens"`` and usage;
                            non-stream: ``status: "incomplete"`` with the partial text.
                            chat: the partial text with ``finish_reason: "length"``
``responses-failed``        resp stream: 2 text deltas then ``response.failed`` with ``response.error
                            {"code":"server_error","message":"The model failed to generate a
                            response."}``; non-stream: HTTP 200 ``status: "failed"``; chat: normal
``responses-error-event``   resp stream: 2 text deltas then ``event: error`` ``{"type":"error",
                            "error":{"type":"invalid_request_error","code":"context_length_exceeded",
                            "message":...,"param":null}}``; non-stream: HTTP 400 with that envelope;
                            chat: normal
``responses-error-flat``    like ``responses-error-event`` but the flat form ``{"type":"error",
                            "code":...,"message":...,"param":null}``
``responses-done-marker``   resp stream: normal, then ``data: [DONE]`` after ``response.completed``
``responses-done-event``    resp stream: ends with ``response.done`` instead of ``response.completed``
==========================  ===========================================================================

Hostile scenarios (gzip bombs, endless streams, keep-alive floods, key echoes, absurd usage,
gzip-encoded streams): see :mod:`tests.support.hostile_scenarios`.

``FaultServer(api_key="sk-x")`` additionally answers 401 ``invalid_api_key`` to every request whose
``Authorization`` is not ``Bearer sk-x``. ``FaultServer(chunk_delay=0.01)`` sleeps between stream
events for every scenario (``slow-N-M`` overrides it).
"""

from __future__ import annotations

import argparse
import json
import logging
import math
import re
import socket
import sys
import threading
import time
import uuid
from collections.abc import Iterable
from dataclasses import dataclass
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from types import TracebackType
from typing import Any, Self
from urllib.parse import urlsplit

try:
    from tests.support import hostile_scenarios
except ImportError:  # run as a script: python tests/support/fault_server.py
    import hostile_scenarios  # type: ignore[no-redef]

log = logging.getLogger(__name__)

__all__ = [
    "MODEL_IDS",
    "SCENARIOS",
    "THINK_REASONING",
    "U2028_SUFFIX",
    "FaultServer",
    "RecordedRequest",
    "answer_chunks",
    "answer_text",
    "reasoning_text",
]

#: Every fixed scenario name (parametric ones are listed with an example value).
SCENARIOS: tuple[str, ...] = (
    "html-502",
    "error-in-200",
    "error-mid-stream",
    "truncated",
    "truncated-clean",
    "close-delimited",
    "retry-after",
    "server-error-once",
    "keepalive",
    "no-space",
    "crlf",
    "cr-only",
    "multiline-data",
    "u2028",
    "think-tags",
    "ignore-stream",
    "no-done",
    "reasoning-field",
    "no-responses",
    "max-tokens-rejected",
    "temperature-rejected",
    "summary-rejected",
    "unauthorized",
    "quota",
    "no-channel",
    "vllm-error",
    "vllm-error-200",
    "bare-string-error",
    "anthropic-error",
    "too-large",
    "relay-responses-string",
    "slow-200",
    "fast-stream-1000",
    "responses-incomplete",
    "responses-failed",
    "responses-error-event",
    "responses-error-flat",
    "responses-done-marker",
    "responses-done-event",
)

#: What ``GET /v1/models`` lists (the hostile scenarios of issue 12 are in hostile_scenarios.py).
MODEL_IDS: tuple[str, ...] = ("gpt-4o", "gpt-4o-mini", "reasoner", *SCENARIOS,
                              *hostile_scenarios.HOSTILE_SCENARIOS)

U2028_SUFFIX = "\u2028line\u2029para\u0085end"
THINK_REASONING = "Plan: read the image first."
_THINK_CHUNKS = ("<thi", "nk>\nPlan: read the", " image first.\n</th", "ink>\n\n")

_ANSWER_PIECES = 6
_PARTIAL_PIECES = 2  # text deltas sent before a failure
_INCOMPLETE_PIECES = 3
_BATCH_BYTES = 64 * 1024
_MAX_FAST_CHUNKS = 2_000_000
_CHAT_PATH = "/v1/chat/completions"
_RESPONSES_PATH = "/v1/responses"
_MODELS_PATH = "/v1/models"

_HTML_REASONS = {
    400: "Bad Request",
    403: "Forbidden",
    404: "Not Found",
    413: "Request Entity Too Large",
    429: "Too Many Requests",
    500: "Internal Server Error",
    502: "Bad Gateway",
    503: "Service Temporarily Unavailable",
    504: "Gateway Time-out",
}


# --------------------------------------------------------------------------- public helpers


@dataclass
class RecordedRequest:
    """One request as the server received it."""

    method: str
    path: str
    headers: dict[str, str]  # lower-case keys
    body: Any  # parsed JSON, or None when empty / not JSON
    raw: bytes


def scenario_of(model: str) -> str:
    """The scenario name of a model string: lower-cased, without any ``@tag`` suffix."""
    return model.split("@", 1)[0].strip().lower()


def answer_chunks(prompt: str, model: str = "") -> list[str]:
    """The text deltas a successful stream sends for ``prompt`` and ``model``.

    Partial failures (``truncated``, ``error-mid-stream``, ...) send the first two.
    """
    scenario = scenario_of(model)
    fast = _fast_count(scenario)
    if fast is not None:
        return _fast_chunks(fast)
    text = f"You asked: {prompt}. The fault server answers in several chunks."
    if scenario == "u2028":
        text += U2028_SUFFIX
    chunks = _split(text, _ANSWER_PIECES)
    if scenario == "responses-incomplete":
        chunks = chunks[:_INCOMPLETE_PIECES]
    return chunks


def answer_text(prompt: str, model: str = "") -> str:
    """The visible content the server sends on success for ``prompt`` and ``model``.

    For ``think-tags`` this is the content after ``</think>`` (leading newlines stripped); for
    ``responses-incomplete`` the partial text; for ``fast-stream-N`` the N words.
    """
    return "".join(answer_chunks(prompt, model))


def reasoning_text(prompt: str) -> str:
    """The reasoning text sent for reasoning models and requested summaries."""
    return f"Thinking about: {prompt}"


# --------------------------------------------------------------------------- internals


def _split(text: str, pieces: int) -> list[str]:
    size = max(1, math.ceil(len(text) / pieces))
    return [text[i : i + size] for i in range(0, len(text), size)]


def _fast_count(scenario: str) -> int | None:
    m = re.fullmatch(r"fast-stream-(\d+)", scenario)
    return min(int(m.group(1)), _MAX_FAST_CHUNKS) if m else None


def _fast_chunks(n: int) -> list[str]:
    return [f"w{i} " for i in range(n)]


def _slow_delays(scenario: str) -> tuple[float, float] | None:
    m = re.fullmatch(r"slow-(\d+)(?:-(\d+))?", scenario)
    if not m:
        return None
    first = int(m.group(1)) / 1000
    between = int(m.group(2)) / 1000 if m.group(2) is not None else first
    return first, between


def _words(text: str) -> int:
    return len(text.split())


def _now() -> int:
    return int(time.time())


def _new_id(prefix: str) -> str:
    return prefix + uuid.uuid4().hex[:24]


def _html_page(status: int, server: str) -> bytes:
    title = f"{status} {_HTML_REASONS.get(status, 'Error')}"
    return (
        f"<html>\r\n<head><title>{title}</title></head>\r\n<body>\r\n"
        f"<center><h1>{title}</h1></center>\r\n<hr><center>{server}</center>\r\n"
        "</body>\r\n</html>\r\n"
    ).encode()


def _error(message: str, type_: str, param: str | None = None, code: Any = None) -> dict[str, Any]:
    return {"error": {"message": message, "type": type_, "param": param, "code": code}}


def _prompt_and_images(endpoint: str, body: dict[str, Any]) -> tuple[str, int]:
    """Text of the last user message and the number of image parts in the whole request."""
    images = 0
    prompt = ""
    if endpoint == "chat":
        messages = body.get("messages")
        items: list[Any] = messages if isinstance(messages, list) else []
        text_type, image_type = "text", "image_url"
    else:
        inp = body.get("input")
        if isinstance(inp, str):
            return inp, 0
        items = inp if isinstance(inp, list) else []
        text_type, image_type = "input_text", "input_image"
    for item in items:
        if not isinstance(item, dict):
            continue
        content = item.get("content")
        texts: list[str] = []
        if isinstance(content, str):
            texts.append(content)
        elif isinstance(content, list):
            for part in content:
                if not isinstance(part, dict):
                    continue
                if part.get("type") == image_type:
                    images += 1
                elif part.get("type") in (text_type, "text") and isinstance(part.get("text"), str):
                    texts.append(part["text"])
        if item.get("role", "user") == "user":
            prompt = " ".join(texts)
    return prompt, images


@dataclass
class _SseStyle:
    eol: str = "\n"
    sep: str = " "  # after "data:" / "event:"
    multiline: bool = False

    def encode(self, payload: dict[str, Any] | str, event: str | None = None) -> bytes:
        if isinstance(payload, str):
            data_lines = [payload]
        elif self.multiline:
            data_lines = json.dumps(payload, ensure_ascii=False, indent=1).split("\n")
        else:
            data_lines = [json.dumps(payload, ensure_ascii=False, separators=(",", ":"))]
        lines = [f"event:{self.sep}{event}"] if event else []
        lines += [f"data:{self.sep}{d}" for d in data_lines]
        return (self.eol.join(lines) + self.eol + self.eol).encode()

    def comment(self, text: str) -> bytes:
        return (f": {text}" + self.eol + self.eol).encode()


# One SSE event: (event name or None, payload). Payload str is sent verbatim ("[DONE]").
_Event = tuple[str | None, dict[str, Any] | str]


@dataclass
class _StreamParts:
    head: list[_Event]
    text: list[_Event]
    tail: list[_Event]


class _Server(ThreadingHTTPServer):
    daemon_threads = True
    owner: FaultServer

    def handle_error(self, request: Any, client_address: Any) -> None:
        # Called from inside socketserver's except block.
        exc = sys.exc_info()[1]
        if isinstance(exc, ConnectionError):
            log.debug("fault server: client %s went away: %r", client_address, exc)
            return
        log.warning("fault server: error while handling %s: %r", client_address, exc)
        if exc is not None:
            self.owner._add_error(exc)


class _Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    server: _Server
    server_version = "FaultServer/1.0"

    # ---- plumbing

    def setup(self) -> None:
        super().setup()
        # Small writes (headers, one SSE event) must not wait for Nagle + delayed ACK (~40 ms).
        self.connection.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)

    def log_message(self, format: str, *args: Any) -> None:
        log.debug("fault server: " + format, *args)

    def _read_body(self) -> bytes:
        if self.headers.get("Transfer-Encoding", "").lower() == "chunked":
            out = bytearray()
            while True:
                size_line = self.rfile.readline()
                size = int(size_line.split(b";", 1)[0].strip() or b"0", 16)
                if size == 0:
                    while self.rfile.readline() not in (b"\r\n", b"\n", b""):
                        pass
                    return bytes(out)
                out += self.rfile.read(size)
                self.rfile.readline()
        length = int(self.headers.get("Content-Length") or 0)
        return self.rfile.read(length) if length > 0 else b""

    def _record(self, raw: bytes) -> RecordedRequest:
        body: Any = None
        if raw:
            try:
                body = json.loads(raw)
            except ValueError:
                body = None
        rec = RecordedRequest(
            method=self.command,
            path=self.path,
            headers={k.lower(): v for k, v in self.headers.items()},
            body=body,
            raw=raw,
        )
        self.server.owner._add_request(rec)
        return rec

    def _send_bytes(
        self,
        status: int,
        data: bytes,
        content_type: str,
        headers: dict[str, str] | None = None,
    ) -> None:
        self.send_response(status)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(data)))
        self.send_header("x-request-id", _new_id("req_"))
        for k, v in (headers or {}).items():
            self.send_header(k, v)
        self.end_headers()
        self.wfile.write(data)
        self.wfile.flush()

    def _send_json(self, status: int, obj: Any, headers: dict[str, str] | None = None) -> None:
        data = json.dumps(obj, ensure_ascii=False, separators=(",", ":")).encode()
        self._send_bytes(status, data, "application/json", headers)

    def _send_html(self, status: int, server: str = "cloudflare") -> None:
        self._send_bytes(status, _html_page(status, server), "text/html", {"Server": server})

    # ---- HTTP verbs

    def do_GET(self) -> None:
        self._record(b"")
        path = urlsplit(self.path).path.rstrip("/")
        if not self._auth_ok():
            return
        if path == _MODELS_PATH:
            data = [
                {"id": m, "object": "model", "created": 1_700_000_000, "owned_by": "fault-server"}
                for m in MODEL_IDS
            ]
            self._send_json(200, {"object": "list", "data": data})
        else:
            self._invalid_url(path)

    def do_POST(self) -> None:
        raw = self._read_body()
        rec = self._record(raw)
        path = urlsplit(self.path).path.rstrip("/")
        if path not in (_CHAT_PATH, _RESPONSES_PATH):
            self._invalid_url(path)
            return
        if rec.body is None or not isinstance(rec.body, dict):
            self._send_json(
                400,
                _error(
                    "We could not parse the JSON body of your request.",
                    "invalid_request_error",
                ),
            )
            return
        if not self._auth_ok():
            return
        endpoint = "chat" if path == _CHAT_PATH else "responses"
        try:
            _Exchange(self, endpoint, rec).run()
        except ConnectionError as exc:
            log.debug("fault server: client went away: %s", exc)
            self.close_connection = True

    def _auth_ok(self) -> bool:
        key = self.server.owner.api_key
        if key is None or self.headers.get("Authorization") == f"Bearer {key}":
            return True
        self._send_unauthorized()
        return False

    def _send_unauthorized(self) -> None:
        self._send_json(
            401,
            _error(
                "Incorrect API key provided: sk-te***. You can find your API key at "
                "https://platform.openai.com/account/api-keys.",
                "invalid_request_error",
                None,
                "invalid_api_key",
            ),
        )

    def _invalid_url(self, path: str) -> None:
        self._send_json(
            404,
            {
                "error": {
                    "message": f"Invalid URL ({self.command} {path})",
                    "type": "invalid_request_error",
                    "code": "",
                }
            },
        )


class _Exchange:
    """One chat/responses request: decides the scenario and writes the answer."""

    def __init__(self, handler: _Handler, endpoint: str, rec: RecordedRequest) -> None:
        self.h = handler
        self.owner = handler.server.owner
        self.endpoint = endpoint
        self.body: dict[str, Any] = rec.body
        self.headers = rec.headers
        self.model = str(self.body.get("model", ""))
        self.scenario = scenario_of(self.model)
        self.count = self.owner._bump(self.model)
        self.stream = bool(self.body.get("stream"))
        self.prompt, self.images = _prompt_and_images(endpoint, self.body)
        self.created = _now()
        self.chat_id = _new_id("chatcmpl-")
        self.resp_id = _new_id("resp_")
        self.msg_id = _new_id("msg_")
        self.rs_id = _new_id("rs_")
        self.chunked = True
        self.delay = self.owner.chunk_delay
        self.seq = 0

    # ---- answer content

    def _content_chunks(self) -> list[str]:
        chunks = answer_chunks(self.prompt, self.model)
        if self.scenario == "think-tags":
            chunks = [*_THINK_CHUNKS, *chunks]
        return chunks

    def _content(self) -> str:
        return "".join(self._content_chunks())

    def _chat_reasoning_key(self) -> str | None:
        if self.scenario == "reasoning-field":
            return "reasoning"
        return "reasoning_content" if "reason" in self.model.lower() else None

    def _summary_requested(self) -> bool:
        reasoning = self.body.get("reasoning")
        return isinstance(reasoning, dict) and bool(reasoning.get("summary"))

    def _reasoning(self) -> str:
        if self.endpoint == "chat":
            return reasoning_text(self.prompt) if self._chat_reasoning_key() else ""
        return reasoning_text(self.prompt) if self._summary_requested() else ""

    def _token_counts(self, content: str) -> tuple[int, int, int]:
        reasoning = self._reasoning()
        if self.scenario == "think-tags":
            reasoning = THINK_REASONING
        prompt_tokens = 100 + 85 * self.images
        reasoning_tokens = _words(reasoning)
        return prompt_tokens, _words(content) + reasoning_tokens, reasoning_tokens

    def _chat_usage(self, content: str) -> dict[str, Any]:
        usage = self._plain_chat_usage(content)
        return hostile_scenarios.absurd_usage(usage) if self.scenario == "absurd-usage" else usage

    def _responses_usage(self, content: str) -> dict[str, Any]:
        usage = self._plain_responses_usage(content)
        return hostile_scenarios.absurd_usage(usage) if self.scenario == "absurd-usage" else usage

    def _plain_chat_usage(self, content: str) -> dict[str, Any]:
        p, c, r = self._token_counts(content)
        return {
            "prompt_tokens": p,
            "completion_tokens": c,
            "total_tokens": p + c,
            "prompt_tokens_details": {"cached_tokens": 0},
            "completion_tokens_details": {"reasoning_tokens": r},
        }

    def _plain_responses_usage(self, content: str) -> dict[str, Any]:
        p, c, r = self._token_counts(content)
        return {
            "input_tokens": p,
            "input_tokens_details": {"cached_tokens": 0},
            "output_tokens": c,
            "output_tokens_details": {"reasoning_tokens": r},
            "total_tokens": p + c,
        }

    # ---- dispatch

    def run(self) -> None:
        if hostile_scenarios.handle(self):  # issue 12: servers that attack the client
            return
        slow = _slow_delays(self.scenario)
        if slow is not None:
            first, self.delay = slow
            time.sleep(first)
        if self._static_error() or self._conditional_error():
            return
        if self.scenario == "ignore-stream" or (
            self.endpoint == "responses" and self.scenario == "relay-responses-string"
        ):
            self._non_stream()
        elif self.stream:
            self._stream()
        else:
            self._non_stream()

    def _send_unauthorized(self) -> None:
        self.h._send_unauthorized()

    def _static_error(self) -> bool:
        s, h = self.scenario, self.h
        html = re.fullmatch(r"html-(\d{3})", s)
        if html:
            h._send_html(int(html.group(1)))
        elif s == "error-in-200":
            h._send_json(200, _error("Upstream provider error", "server_error", None, "upstream_error"))
        elif s == "unauthorized":
            self._send_unauthorized()
        elif s == "quota":
            h._send_json(
                429,
                _error(
                    "You exceeded your current quota, please check your plan and billing details.",
                    "insufficient_quota",
                    None,
                    "insufficient_quota",
                ),
            )
        elif s == "no-channel":
            h._send_json(
                503,
                {
                    "error": {
                        "message": "当前分组 default 下对于模型 no-channel 无可用渠道",
                        "type": "new_api_error",
                    }
                },
            )
        elif s in ("vllm-error", "vllm-error-200"):
            h._send_json(
                404 if s == "vllm-error" else 200,
                {
                    "object": "error",
                    "message": f"The model `{self.model}` does not exist.",
                    "type": "NotFoundError",
                    "param": None,
                    "code": 404,
                },
            )
        elif s == "bare-string-error":
            h._send_json(400, {"error": "Model is not loaded"})
        elif s == "anthropic-error":
            h._send_json(
                529,
                {"type": "error", "error": {"type": "overloaded_error", "message": "Overloaded"}},
            )
        elif s == "too-large":
            h._send_bytes(413, _html_page(413, "nginx"), "text/html", {"Server": "nginx"})
        else:
            return False
        return True

    def _conditional_error(self) -> bool:
        s, h, body = self.scenario, self.h, self.body
        if s == "retry-after" and self.count == 1:
            h._send_json(
                429,
                _error(
                    f"Rate limit reached for {self.model} on requests per min (RPM): "
                    "Limit 3, Used 3, Requested 1. Please try again in 1s.",
                    "requests",
                    None,
                    "rate_limit_exceeded",
                ),
                headers={"Retry-After": "1", "retry-after-ms": "50"},
            )
        elif s == "server-error-once" and self.count == 1:
            h._send_json(
                500,
                _error(
                    "The server had an error while processing your request. Sorry about that!",
                    "server_error",
                ),
            )
        elif s == "no-responses" and self.endpoint == "responses":
            h._invalid_url(_RESPONSES_PATH)
        elif s == "max-tokens-rejected" and "max_tokens" in body:
            h._send_json(
                400,
                _error(
                    "Unsupported parameter: 'max_tokens' is not supported with this model. "
                    "Use 'max_completion_tokens' instead.",
                    "invalid_request_error",
                    "max_tokens",
                    "unsupported_parameter",
                ),
            )
        elif s == "temperature-rejected" and body.get("temperature", 1) != 1:
            h._send_json(
                400,
                _error(
                    f"Unsupported value: 'temperature' does not support {body['temperature']} "
                    "with this model. Only the default (1) value is supported.",
                    "invalid_request_error",
                    "temperature",
                    "unsupported_value",
                ),
            )
        elif s == "summary-rejected" and self.endpoint == "responses" and self._has_summary():
            h._send_json(
                400,
                _error(
                    "Your organization must be verified to generate reasoning summaries. "
                    "Please go to: https://platform.openai.com/settings/organization/general "
                    "and click on Verify Organization.",
                    "invalid_request_error",
                    "reasoning.summary",
                    "unsupported_value",
                ),
            )
        else:
            return False
        return True

    def _has_summary(self) -> bool:
        reasoning = self.body.get("reasoning")
        return isinstance(reasoning, dict) and "summary" in reasoning

    # ---- non-stream

    def _non_stream(self) -> None:
        s = self.scenario
        if s == "error-mid-stream":
            error = {"error": {"message": "upstream overloaded", "type": "server_error"}}
            self.h._send_json(200, error)
            return
        if self.endpoint == "responses" and s in ("responses-error-event", "responses-error-flat"):
            self.h._send_json(400, self._context_error())
            return
        obj = self._chat_object() if self.endpoint == "chat" else self._response_object()
        data = json.dumps(obj, ensure_ascii=False, separators=(",", ":")).encode()
        if s == "keepalive":
            data = b"\n\n   \n" + data
        if s == "truncated":
            h = self.h
            h.send_response(200)
            h.send_header("Content-Type", "application/json")
            h.send_header("Content-Length", str(len(data)))
            h.end_headers()
            h.wfile.write(data[: len(data) // 2])
            h.wfile.flush()
            self._abort()
            return
        self.h._send_bytes(200, data, "application/json")

    def _chat_object(self) -> dict[str, Any]:
        content = self._content()
        finish = "length" if self.scenario == "responses-incomplete" else "stop"
        message: dict[str, Any] = {"role": "assistant", "content": content, "refusal": None}
        rkey = self._chat_reasoning_key()
        if rkey:
            message[rkey] = self._reasoning()
        return {
            "id": self.chat_id,
            "object": "chat.completion",
            "created": self.created,
            "model": self.model,
            "choices": [{"index": 0, "message": message, "logprobs": None, "finish_reason": finish}],
            "usage": self._chat_usage(content),
        }

    def _reasoning_item(self) -> dict[str, Any]:
        summary = self._reasoning()
        parts = [{"type": "summary_text", "text": summary}] if summary else []
        return {"type": "reasoning", "id": self.rs_id, "summary": parts}

    def _message_item(self, text: str, status: str = "completed") -> dict[str, Any]:
        return {
            "type": "message",
            "id": self.msg_id,
            "status": status,
            "role": "assistant",
            "content": [{"type": "output_text", "text": text, "annotations": []}],
        }

    def _response_object(
        self, status: str | None = None, text: str | None = None, *, streaming: bool = False
    ) -> dict[str, Any]:
        s = self.scenario
        content = self._content() if text is None else text
        if status is None:
            status = {"responses-incomplete": "incomplete", "responses-failed": "failed"}.get(s, "completed")
        if s == "relay-responses-string":
            p, c, _ = self._token_counts(content)
            return {
                "id": self.resp_id,
                "object": "response",
                "model": self.model,
                "status": "completed",
                "output": content,
                "usage": {"prompt_tokens": p, "completion_tokens": c, "total_tokens": p + c},
            }
        output: list[dict[str, Any]] = []
        if status not in ("in_progress", "failed"):
            if isinstance(self.body.get("reasoning"), dict):
                output.append(self._reasoning_item())
            if content or status == "completed":
                output.append(self._message_item(content, status))
        obj: dict[str, Any] = {
            "id": self.resp_id,
            "object": "response",
            "created_at": self.created,
            "status": status,
            "error": None,
            "incomplete_details": None,
            "model": self.model,
            "output": output,
            "usage": None,
        }
        if status == "incomplete":
            obj["incomplete_details"] = {"reason": "max_output_tokens"}
        if status == "failed":
            obj["error"] = {
                "code": "server_error",
                "message": "The model failed to generate a response.",
            }
        if status in ("completed", "incomplete") or (status == "failed" and not streaming):
            obj["usage"] = self._responses_usage(content)
        return obj

    def _context_error(self) -> dict[str, Any]:
        return {
            "type": "error",
            "error": {
                "type": "invalid_request_error",
                "code": "context_length_exceeded",
                "message": "Your input exceeds the context window of this model.",
                "param": None,
            },
        }

    # ---- stream

    def _stream(self) -> None:
        s = self.scenario
        style = _SseStyle(
            eol={"crlf": "\r\n", "cr-only": "\r"}.get(s, "\n"),
            sep="" if s == "no-space" else " ",
            multiline=s == "multiline-data",
        )
        self.chunked = s != "close-delimited"
        parts = self._chat_parts() if self.endpoint == "chat" else self._responses_parts()
        events: list[_Event]
        end = "clean"
        if s in ("truncated", "truncated-clean"):
            events = [*parts.head, *parts.text[:_PARTIAL_PIECES]]
            end = "abort" if s == "truncated" else "clean"
        elif s == "error-mid-stream":
            error = {"error": {"message": "upstream overloaded", "type": "server_error"}}
            events = [*parts.head, *parts.text[:_PARTIAL_PIECES], (None, error)]
        elif self.endpoint == "responses" and s == "responses-incomplete":
            events = [*parts.head, *parts.text[:_INCOMPLETE_PIECES], *parts.tail]
        elif self.endpoint == "responses" and s == "responses-failed":
            failed = self._response_object("failed", "", streaming=True)
            events = [
                *parts.head,
                *parts.text[:_PARTIAL_PIECES],
                ("response.failed", {"type": "response.failed", "response": failed}),
            ]
        elif self.endpoint == "responses" and s in (
            "responses-error-event",
            "responses-error-flat",
        ):
            err = self._context_error()
            if s == "responses-error-flat":
                err = {"type": "error", **{k: v for k, v in err["error"].items() if k != "type"}}
            events = [*parts.head, *parts.text[:_PARTIAL_PIECES], ("error", err)]
        else:
            events = [*parts.head, *parts.text, *parts.tail]
        self._write_stream(events, style, end=end, batch=_fast_count(s) is not None)

    def _chat_chunk(self, delta: dict[str, Any], finish: str | None = None) -> _Event:
        chunk: dict[str, Any] = {
            "id": self.chat_id,
            "object": "chat.completion.chunk",
            "created": self.created,
            "model": self.model,
            "choices": [{"index": 0, "delta": delta, "logprobs": None, "finish_reason": finish}],
        }
        if self._include_usage():
            chunk["usage"] = None
        return (None, chunk)

    def _include_usage(self) -> bool:
        opts = self.body.get("stream_options")
        return isinstance(opts, dict) and bool(opts.get("include_usage"))

    def _chat_parts(self) -> _StreamParts:
        head = [self._chat_chunk({"role": "assistant", "content": ""})]
        rkey = self._chat_reasoning_key()
        if rkey:
            head += [self._chat_chunk({rkey: piece}) for piece in _split(self._reasoning(), 3)]
        content_chunks = self._content_chunks()
        text = [self._chat_chunk({"content": piece}) for piece in content_chunks]
        finish = "length" if self.scenario == "responses-incomplete" else "stop"
        tail: list[_Event] = [self._chat_chunk({}, finish)]
        if self._include_usage():
            usage_chunk = {
                "id": self.chat_id,
                "object": "chat.completion.chunk",
                "created": self.created,
                "model": self.model,
                "choices": [],
                "usage": self._chat_usage("".join(content_chunks)),
            }
            tail.append((None, usage_chunk))
        if self.scenario != "no-done":
            tail.append((None, "[DONE]"))
        return _StreamParts(head, text, tail)

    def _responses_parts(self) -> _StreamParts:
        def ev(type_: str, **fields: Any) -> _Event:
            return (type_, {"type": type_, **fields})

        s = self.scenario
        in_progress = self._response_object("in_progress", "")
        head = [
            ev("response.created", response=in_progress),
            ev("response.in_progress", response=in_progress),
        ]
        out_index = 0
        summary = self._reasoning()
        if summary:
            rs_empty = {"type": "reasoning", "id": self.rs_id, "summary": []}
            part_empty = {"type": "summary_text", "text": ""}
            part_full = {"type": "summary_text", "text": summary}
            ids = {"item_id": self.rs_id, "output_index": out_index, "summary_index": 0}
            head += [
                ev("response.output_item.added", output_index=out_index, item=rs_empty),
                ev("response.reasoning_summary_part.added", **ids, part=part_empty),
                *[
                    ev("response.reasoning_summary_text.delta", **ids, delta=piece)
                    for piece in _split(summary, 3)
                ],
                ev("response.reasoning_summary_text.done", **ids, text=summary),
                ev("response.reasoning_summary_part.done", **ids, part=part_full),
                ev(
                    "response.output_item.done",
                    output_index=out_index,
                    item=self._reasoning_item(),
                ),
            ]
            out_index += 1
        msg_empty = {
            "type": "message",
            "id": self.msg_id,
            "status": "in_progress",
            "role": "assistant",
            "content": [],
        }
        ids = {"item_id": self.msg_id, "output_index": out_index, "content_index": 0}
        head += [
            ev("response.output_item.added", output_index=out_index, item=msg_empty),
            ev(
                "response.content_part.added",
                **ids,
                part={"type": "output_text", "text": "", "annotations": []},
            ),
        ]
        chunks = self._content_chunks()
        text = [ev("response.output_text.delta", **ids, delta=piece) for piece in chunks]
        full = "".join(chunks)
        status = "incomplete" if s == "responses-incomplete" else "completed"
        final = self._response_object(status, full)
        tail = [
            ev("response.output_text.done", **ids, text=full),
            ev(
                "response.content_part.done",
                **ids,
                part={"type": "output_text", "text": full, "annotations": []},
            ),
            ev(
                "response.output_item.done",
                output_index=out_index,
                item=self._message_item(full, status),
            ),
        ]
        if status == "incomplete":
            tail.append(ev("response.incomplete", response=final))
        elif s == "responses-done-event":
            tail.append(ev("response.done", response=final))
        else:
            tail.append(ev("response.completed", response=final))
        if s == "responses-done-marker":
            tail.append((None, "[DONE]"))
        return _StreamParts(head, text, tail)

    def _encode(self, style: _SseStyle, event: _Event) -> bytes:
        name, payload = event
        if isinstance(payload, dict) and self.endpoint == "responses" and "type" in payload:
            payload = {**payload, "sequence_number": self.seq}
            self.seq += 1
        return style.encode(payload, name)

    def _write_stream(self, events: Iterable[_Event], style: _SseStyle, *, end: str, batch: bool) -> None:
        h = self.h
        h.send_response(200)
        h.send_header("Content-Type", "text/event-stream; charset=utf-8")
        h.send_header("Cache-Control", "no-cache")
        h.send_header("x-request-id", _new_id("req_"))
        if self.chunked:
            h.send_header("Transfer-Encoding", "chunked")
        else:
            h.send_header("Connection", "close")
            h.close_connection = True
        h.end_headers()
        h.wfile.flush()
        keepalive = self.scenario == "keepalive"
        if keepalive:
            self._write(style.comment("OPENROUTER PROCESSING"))
        buffer = bytearray()
        text_seen = 0
        for i, event in enumerate(events):
            if i and self.delay:
                time.sleep(self.delay)
            data = self._encode(style, event)
            if batch:
                buffer += data
                if len(buffer) >= _BATCH_BYTES:
                    self._write(bytes(buffer))
                    buffer.clear()
                continue
            if keepalive and i:
                data = style.comment("ping") + data
            self._write(data)
            if keepalive and self._is_text_event(event):
                text_seen += 1
                if text_seen == 1:
                    self._write(style.encode("keep-alive"))
        if buffer:
            self._write(bytes(buffer))
        if end == "abort":
            self._abort()
        elif self.chunked:
            h.wfile.write(b"0\r\n\r\n")
            h.wfile.flush()

    @staticmethod
    def _is_text_event(event: _Event) -> bool:
        name, payload = event
        if name == "response.output_text.delta":
            return True
        if isinstance(payload, dict):
            choices = payload.get("choices")
            if choices and isinstance(choices, list):
                return "content" in choices[0].get("delta", {}) and bool(choices[0]["delta"]["content"])
        return False

    def _write(self, data: bytes) -> None:
        w = self.h.wfile
        if self.chunked:
            w.write(b"%x\r\n" % len(data) + data + b"\r\n")
        else:
            w.write(data)
        w.flush()

    def _abort(self) -> None:
        """Drop the connection without finishing the HTTP message."""
        self.h.close_connection = True
        try:
            self.h.wfile.flush()
            self.h.connection.shutdown(socket.SHUT_RDWR)
        except OSError:
            pass


# --------------------------------------------------------------------------- the server


class FaultServer:
    """OpenAI-compatible fault-injecting server on 127.0.0.1 (see the module docstring).

    Use as a context manager or call :meth:`start` / :meth:`stop`.
    """

    def __init__(
        self,
        host: str = "127.0.0.1",
        port: int = 0,
        *,
        chunk_delay: float = 0.0,
        api_key: str | None = None,
    ) -> None:
        self.host = host
        self.chunk_delay = chunk_delay
        self.api_key = api_key
        self.requests: list[RecordedRequest] = []
        #: Unexpected exceptions inside request handlers (a client hanging up is not one).
        self.errors: list[BaseException] = []
        self._requested_port = port
        self._lock = threading.Lock()
        self._counts: dict[str, int] = {}
        self._httpd: _Server | None = None
        self._thread: threading.Thread | None = None

    # ---- lifecycle

    def start(self) -> Self:
        if self._httpd is not None:
            return self
        httpd = _Server((self.host, self._requested_port), _Handler)
        httpd.owner = self
        self._httpd = httpd
        self._thread = threading.Thread(
            target=httpd.serve_forever,
            kwargs={"poll_interval": 0.05},
            name=f"FaultServer:{self.port}",
            daemon=True,
        )
        self._thread.start()
        log.debug("fault server listening on %s", self.base_url)
        return self

    def stop(self) -> None:
        httpd, self._httpd = self._httpd, None
        if httpd is None:
            return
        httpd.shutdown()
        httpd.server_close()
        if self._thread is not None:
            self._thread.join(timeout=5)
            self._thread = None
        log.debug("fault server stopped")

    def __enter__(self) -> Self:
        return self.start()

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.stop()

    # ---- info

    @property
    def port(self) -> int:
        if self._httpd is None:
            raise RuntimeError("FaultServer is not running")
        return int(self._httpd.server_address[1])

    @property
    def root_url(self) -> str:
        """``http://127.0.0.1:PORT`` (no ``/v1``)."""
        return f"http://{self.host}:{self.port}"

    @property
    def base_url(self) -> str:
        """``http://127.0.0.1:PORT/v1``, what a client takes as its base URL."""
        return f"{self.root_url}/v1"

    @property
    def last_request(self) -> RecordedRequest:
        with self._lock:
            if not self.requests:
                raise LookupError("no request recorded")
            return self.requests[-1]

    def requests_to(self, path: str) -> list[RecordedRequest]:
        """Recorded requests whose path (without query) ends with ``path``."""
        with self._lock:
            return [r for r in self.requests if urlsplit(r.path).path.rstrip("/").endswith(path)]

    def hits(self, model: str) -> int:
        """How many chat/responses requests named exactly ``model`` since the last reset."""
        with self._lock:
            return self._counts.get(model, 0)

    def reset(self) -> None:
        """Forget recorded requests, errors and the per-model counters (``retry-after`` etc.)."""
        with self._lock:
            self.requests.clear()
            self.errors.clear()
            self._counts.clear()

    # ---- used by the handler

    def _add_request(self, rec: RecordedRequest) -> None:
        with self._lock:
            self.requests.append(rec)

    def _add_error(self, exc: BaseException) -> None:
        with self._lock:
            self.errors.append(exc)

    def _bump(self, model: str) -> int:
        with self._lock:
            self._counts[model] = self._counts.get(model, 0) + 1
            return self._counts[model]


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description="Run the VisionDesk fault server standalone.")
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--port", type=int, default=0, help="0 picks a free port")
    parser.add_argument("--chunk-delay-ms", type=float, default=0.0)
    parser.add_argument("--api-key", default=None, help="require 'Authorization: Bearer KEY'")
    parser.add_argument("-v", "--verbose", action="store_true", help="log every request")
    args = parser.parse_args(argv)
    logging.basicConfig(
        level=logging.DEBUG if args.verbose else logging.INFO,
        format="%(asctime)s %(levelname)s %(message)s",
    )
    server = FaultServer(args.host, args.port, chunk_delay=args.chunk_delay_ms / 1000, api_key=args.api_key)
    with server:
        print(server.base_url, flush=True)
        try:
            threading.Event().wait()
        except KeyboardInterrupt:
            log.info("stopping")


if __name__ == "__main__":
    main()
