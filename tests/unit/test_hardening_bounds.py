"""Issue 12 items 2, 3, 7, 8: bounded bodies (counted after gzip), stream deadlines, error redaction."""

from __future__ import annotations

import asyncio
import time
import zlib
from collections.abc import AsyncIterator

import httpx
import pytest

from visiondesk.api.bounds import (
    StreamGuard,
    clean_error,
    read_answer_body,
    read_bounded,
    read_error_body,
    secrets_for,
)
from visiondesk.core.errors import AnalysisError, ErrorKind
from visiondesk.core.limits import MAX_ERROR_BODY_BYTES

KEY = "sk-bounds-test-abcdefghijkl"


def _gzip(data: bytes) -> bytes:
    comp = zlib.compressobj(9, zlib.DEFLATED, 31)
    return comp.compress(data) + comp.flush()


async def _response(body: bytes, status: int = 200, gzip: bool = False) -> httpx.Response:
    headers = {"Content-Encoding": "gzip"} if gzip else {}
    transport = httpx.MockTransport(lambda request: httpx.Response(status, content=body, headers=headers))
    client = httpx.AsyncClient(transport=transport)
    request = client.build_request("POST", "http://relay.test/v1/chat/completions")
    return await client.send(request, stream=True)


def test_a_gzip_bomb_error_body_stops_at_the_cap() -> None:
    async def run() -> bytes:
        response = await _response(_gzip(b"a" * (64 * 1024 * 1024)), 500, gzip=True)
        try:
            return await read_error_body(response)
        finally:
            await response.aclose()

    body = asyncio.run(run())
    assert len(body) == MAX_ERROR_BODY_BYTES


def test_an_answer_over_the_cap_is_a_clear_error() -> None:
    async def run() -> None:
        response = await _response(_gzip(b"a" * (4 * 1024 * 1024)), gzip=True)
        try:
            await read_answer_body(response, limit=1024 * 1024)
        finally:
            await response.aclose()

    with pytest.raises(AnalysisError, match="larger than 1 MB") as caught:
        asyncio.run(run())
    assert caught.value.kind is ErrorKind.INVALID_RESPONSE


def test_a_small_body_is_read_whole() -> None:
    async def run() -> tuple[bytes, bool]:
        response = await _response(b'{"ok": true}')
        return await read_bounded(response, 100)

    assert asyncio.run(run()) == (b'{"ok": true}', False)


async def _pings(count: int, pause: float) -> AsyncIterator[bytes]:
    for _ in range(count):
        await asyncio.sleep(pause)
        yield b": ping\n\n"


def test_keepalives_do_not_reset_the_idle_deadline() -> None:
    guard = StreamGuard(idle=0.3, overall=10)

    async def run() -> int:
        seen = 0
        async for _chunk in guard.chunks(_pings(1000, 0.02)):
            seen += 1  # no content() call: comments are not content
        return seen

    started = time.monotonic()
    with pytest.raises(AnalysisError, match=r"no content for 0\.3 s") as caught:
        asyncio.run(run())
    assert caught.value.kind is ErrorKind.TIMEOUT
    assert time.monotonic() - started < 2


def test_content_resets_idle_but_not_the_overall_deadline() -> None:
    guard = StreamGuard(idle=0.2, overall=0.6)

    async def run() -> None:
        async for _chunk in guard.chunks(_pings(1000, 0.05)):
            guard.content(5)

    started = time.monotonic()
    with pytest.raises(AnalysisError, match=r"longer than 0\.6 s in all"):
        asyncio.run(run())
    assert 0.5 < time.monotonic() - started < 2


def test_a_silent_server_hits_the_deadline_while_waiting() -> None:
    guard = StreamGuard(idle=0.2, overall=10)

    async def run() -> None:
        async for _chunk in guard.chunks(_pings(1, 30)):
            pass

    started = time.monotonic()
    with pytest.raises(AnalysisError, match="no content"):
        asyncio.run(run())
    assert time.monotonic() - started < 2


def test_the_answer_size_cap() -> None:
    guard = StreamGuard(idle=10, max_chars=100)
    guard.content(60)
    with pytest.raises(AnalysisError, match="passed 100 characters"):
        guard.content(60)


def test_error_fields_are_cleaned() -> None:
    error = AnalysisError(ErrorKind.AUTH, f"\x1b[2Jbad key {KEY} at http://u:hunter22@relay/v1",
                          code=f"\x1b]0;x\x07{KEY}", param=f"Bearer {KEY}")
    secrets = secrets_for(KEY, "http://u:hunter22@relay/v1")
    assert "hunter22" in secrets
    clean_error(error, secrets)
    for text in (error.message, error.code, error.param):
        assert text is not None
        assert KEY not in text and "hunter22" not in text and "\x1b" not in text
    assert error.message == "bad key [redacted] at http://relay/v1"
