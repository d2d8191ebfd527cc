"""Hostile scenarios for the fault server (issue 12): servers that try to exhaust memory or
time, leak the key back, or drive the terminal. Chosen by model name like the others; the fault
server calls :func:`handle` before its own scenarios.

==========================  ===========================================================================
model                       behaviour
==========================  ===========================================================================
``gzip-bomb-N``             HTTP 200, ``Content-Encoding: gzip``, a ~1 MB body inflating to N MiB of
                            ``a`` (default 1024); ``Content-Type: application/json``
``gzip-bomb-500-N``         the same as HTTP 500 (so every retry would re-read it)
``huge-answer-N``           non-stream: a valid answer whose content is N MiB of text
``endless-stream``          stream: text deltas of 1 KiB, forever (until the client goes away)
``endless-event``           stream: ``data: xxx...`` lines that never end an event, forever
``keepalive-forever``       stream: ``: ping`` comments every 50 ms, never any content
``long-line``               stream: ``data: `` then bytes without a line end, forever
``slowloris``               stream: one text delta, then one byte of the next line every 200 ms, forever
``echo-key``                HTTP 401 whose message, code, type and param echo the request's key (as is,
                            URL-encoded and base64) with terminal escapes, and a URL with credentials
``echo-key-429``            1st: HTTP 429 echoing the key the same way (``Retry-After: 0``); later:
                            normal
``echo-key-stream``         stream: 2 text deltas, then an error event echoing the key with escapes
``ansi-answer``             stream: answer text with terminal escapes (title, clear screen, C1 CSI) and
                            the request's key, then ``[DONE]``
``absurd-usage``            normal answer whose usage has a 4000-digit prompt count and a negative
                            completion count
``gzip-stream``             normal stream sent with ``Content-Encoding: gzip`` (one sync flush per event)
==========================  ===========================================================================

"Forever" loops stop when a write fails (the client closed) or after :data:`FOREVER_S` seconds.
"""

from __future__ import annotations

import base64
import functools
import json
import re
import time
import zlib
from typing import TYPE_CHECKING, Any
from urllib.parse import quote

if TYPE_CHECKING:
    from tests.support.fault_server import _Exchange

FOREVER_S = 120.0
ANSI = "\x1b]0;pwned\x07\x1b[2J\x1b[31m"

HOSTILE_SCENARIOS: tuple[str, ...] = (
    "gzip-bomb-64", "gzip-bomb-500-64", "huge-answer-64", "endless-stream", "endless-event",
    "keepalive-forever", "long-line", "slowloris", "echo-key", "echo-key-429", "echo-key-stream",
    "absurd-usage", "gzip-stream", "ansi-answer",
)


@functools.lru_cache(maxsize=4)
def gzip_bomb(mib: int) -> bytes:
    """gzip of ``mib`` MiB of ``a``: about 1 MB per GiB."""
    comp = zlib.compressobj(9, zlib.DEFLATED, 31)  # wbits 31: gzip framing
    block = b"a" * (1024 * 1024)
    parts = [comp.compress(block) for _ in range(mib)]
    parts.append(comp.flush())
    return b"".join(parts)


def _key_of(ex: _Exchange) -> str:
    auth = ex.headers.get("authorization", "")
    return auth.removeprefix("Bearer ").strip()


def _echo(ex: _Exchange) -> dict[str, Any]:
    key = _key_of(ex)
    b64 = base64.b64encode(key.encode()).decode()
    message = (f"{ANSI}Invalid key {key} (encoded {quote(key, safe='')}, {b64}); "
               f"retry at http://admin:s3cret@relay.invalid/v1\r\x1b[0m")
    return {"error": {"message": message, "type": f"auth_{key}", "code": f"{ANSI}{key}",
                      "param": f"Authorization: Bearer {key}"}}


def _headers(ex: _Exchange, status: int, content_type: str, extra: dict[str, str] | None = None) -> None:
    h = ex.h
    h.send_response(status)
    h.send_header("Content-Type", content_type)
    for name, value in (extra or {}).items():
        h.send_header(name, value)
    h.end_headers()


def _stream_start(ex: _Exchange, extra: dict[str, str] | None = None) -> None:
    _headers(ex, 200, "text/event-stream; charset=utf-8", {"Transfer-Encoding": "chunked", **(extra or {})})
    ex.h.wfile.flush()


def _chunk(ex: _Exchange, data: bytes) -> None:
    ex.h.wfile.write(b"%x\r\n" % len(data) + data + b"\r\n")
    ex.h.wfile.flush()


def _delta(ex: _Exchange, text: str) -> bytes:
    if ex.endpoint == "responses":
        payload: dict[str, Any] = {"type": "response.output_text.delta", "delta": text,
                                   "item_id": ex.msg_id, "output_index": 0, "content_index": 0}
        return b"event: response.output_text.delta\ndata: " + json.dumps(payload).encode() + b"\n\n"
    payload = {"id": ex.chat_id, "object": "chat.completion.chunk", "created": ex.created,
               "model": ex.model, "choices": [{"index": 0, "delta": {"content": text},
                                               "finish_reason": None}]}
    return b"data: " + json.dumps(payload).encode() + b"\n\n"


def _forever(ex: _Exchange, produce: Any, pause: float = 0.0) -> None:
    deadline = time.monotonic() + FOREVER_S
    while time.monotonic() < deadline:
        _chunk(ex, produce())
        if pause:
            time.sleep(pause)
    ex.h.close_connection = True


def handle(ex: _Exchange) -> bool:
    """Answer ``ex`` if its model names a hostile scenario; False otherwise."""
    s = ex.scenario
    bomb = re.fullmatch(r"gzip-bomb(?:-(500))?(?:-(\d+))?", s)
    huge = re.fullmatch(r"huge-answer(?:-(\d+))?", s)
    if bomb:
        body = gzip_bomb(int(bomb.group(2) or 1024))
        _headers(ex, int(bomb.group(1) or 200), "application/json",
                 {"Content-Encoding": "gzip", "Content-Length": str(len(body))})
        ex.h.wfile.write(body)
        ex.h.wfile.flush()
    elif huge:
        content = "spam " * (int(huge.group(1) or 200) * 1024 * 1024 // 5)
        if ex.endpoint == "responses":
            obj: dict[str, Any] = ex._response_object(text=content)
        else:
            obj = ex._chat_object()
            obj["choices"][0]["message"]["content"] = content
        ex.h._send_json(200, obj)
    elif s == "endless-stream":
        _stream_start(ex)
        piece = "spam " * 200
        _forever(ex, lambda: _delta(ex, piece))
    elif s == "endless-event":
        _stream_start(ex)
        line = b"data: " + b"x" * 8192 + b"\n"
        _forever(ex, lambda: line)
    elif s == "keepalive-forever":
        _stream_start(ex)
        _forever(ex, lambda: b": ping\n\n", pause=0.05)
    elif s == "long-line":
        _stream_start(ex)
        _chunk(ex, b"data: ")
        block = b"y" * 65536
        _forever(ex, lambda: block)
    elif s == "slowloris":
        _stream_start(ex)
        _chunk(ex, _delta(ex, "slow "))
        _forever(ex, lambda: b"d", pause=0.2)
    elif s == "echo-key":
        ex.h._send_json(401, _echo(ex))
    elif s == "echo-key-429" and ex.count == 1:
        ex.h._send_json(429, _echo(ex), headers={"Retry-After": "0"})
    elif s == "echo-key-stream" and ex.stream:
        _stream_start(ex)
        _chunk(ex, _delta(ex, "partial ") + _delta(ex, "text "))
        _chunk(ex, b"data: " + json.dumps(_echo(ex)).encode() + b"\n\n")
        _chunk(ex, b"")
    elif s == "ansi-answer" and ex.stream:
        _stream_start(ex)
        for text in ("Hello ", ANSI, "key ", _key_of(ex), "\x1b[0m", " end\x07\x9b2J"):
            _chunk(ex, _delta(ex, text))
        _chunk(ex, b"data: [DONE]\n\n" if ex.endpoint == "chat" else b"")
        _chunk(ex, b"")
    elif s == "gzip-stream" and ex.stream:
        _stream_start(ex, {"Content-Encoding": "gzip"})
        comp = zlib.compressobj(6, zlib.DEFLATED, 31)
        for text in ("gzip ", "streams ", "work"):
            _chunk(ex, comp.compress(_delta(ex, text)) + comp.flush(zlib.Z_SYNC_FLUSH))
        tail = b"data: [DONE]\n\n" if ex.endpoint == "chat" else b""
        _chunk(ex, comp.compress(tail) + comp.flush())
        _chunk(ex, b"")
    else:
        return False
    return True


def absurd_usage(usage: dict[str, Any]) -> dict[str, Any]:
    """``usage`` with counts no server could mean (``absurd-usage``)."""
    huge = int("9" * 4000)
    out = dict(usage)
    for name in ("prompt_tokens", "input_tokens"):
        if name in out:
            out[name] = huge
    for name in ("completion_tokens", "output_tokens"):
        if name in out:
            out[name] = -5
    if "total_tokens" in out:
        out["total_tokens"] = huge
    return out


__all__ = ["FOREVER_S", "HOSTILE_SCENARIOS", "absurd_usage", "gzip_bomb", "handle"]
