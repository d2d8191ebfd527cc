"""Bounds on what a server sends back: body sizes, stream deadlines, answer length, and the
redaction of everything it says.

The HTTP backend uses these so that no server (broken, slow or hostile) can take unbounded
memory or time, and nothing it echoes (the key, URL credentials, terminal escapes) reaches a
person, a log, the history or an export. Sizes are counted after content decoding: a 1 MB gzip
body that inflates to 1 GiB stops at the cap, not at 1 GiB.
"""

from __future__ import annotations

import asyncio
import contextlib
import time
from collections.abc import AsyncGenerator, AsyncIterator, Iterable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, cast
from urllib.parse import unquote, urlsplit

from visiondesk.core.errors import AnalysisError, ErrorKind
from visiondesk.core.limits import (
    MAX_ANSWER_BODY_BYTES,
    MAX_ANSWER_CHARS,
    MAX_ERROR_BODY_BYTES,
    STREAM_OVERALL_TIMEOUT_S,
    MiB,
)
from visiondesk.core.redaction import clean_optional, clean_server_text

if TYPE_CHECKING:
    import httpx


def secrets_for(api_key: str | None, *urls: str) -> list[str]:
    """What must never be shown: the key and the user/password of any URL (base URL, proxy)."""
    secrets = [api_key] if api_key else []
    for url in urls:
        try:
            parts = urlsplit(url)
        except ValueError:
            continue
        if parts.password:
            # The user name alone is no secret (and "admin" everywhere would mangle text); the
            # password is, and so is "user:password", which Basic auth sends base64-encoded.
            secrets += [parts.password, unquote(parts.password),
                        f"{unquote(parts.username or '')}:{unquote(parts.password)}"]
        elif parts.username:  # a token passed as the user name (https://TOKEN@host)
            secrets += [parts.username, unquote(parts.username)]
    return secrets


def clean_error(error: AnalysisError, secrets: Iterable[str | None]) -> AnalysisError:
    """``error`` with its message, code and param redacted, stripped and bounded (in place)."""
    secrets = list(secrets)
    error.message = clean_server_text(error.message, secrets)
    error.code = clean_optional(error.code, secrets, limit=200)
    error.param = clean_optional(error.param, secrets, limit=200)
    if error.subject is not None:
        error.subject = clean_server_text(error.subject, secrets, limit=200)
    return error


async def read_bounded(response: httpx.Response, limit: int) -> tuple[bytes, bool]:
    """At most ``limit`` decoded bytes of the body, and whether there was more.

    Reading stops at the cap; the rest of the body is never decoded (the connection is closed
    with the response rather than drained).
    """
    parts: list[bytes] = []
    total = 0
    # aclosing: leaving early closes the byte iterator now, on this loop, not whenever the
    # garbage collector finds it ("async generator ignored GeneratorExit" on stderr).
    body = cast(AsyncGenerator[bytes, None], response.aiter_bytes())
    async with contextlib.aclosing(body) as chunks:
        async for chunk in chunks:
            room = limit - total
            if len(chunk) > room:
                parts.append(chunk[:room])
                return b"".join(parts), True
            parts.append(chunk)
            total += len(chunk)
    return b"".join(parts), False


async def read_error_body(response: httpx.Response) -> bytes:
    """An error body, cut at MAX_ERROR_BODY_BYTES: what is useful in one is at its start."""
    body, _more = await read_bounded(response, MAX_ERROR_BODY_BYTES)
    return body


async def read_answer_body(response: httpx.Response, limit: int = MAX_ANSWER_BODY_BYTES) -> bytes:
    """A non-streamed answer; AnalysisError(INVALID_RESPONSE) past ``limit`` decoded bytes."""
    body, more = await read_bounded(response, limit)
    if more:
        raise AnalysisError(ErrorKind.INVALID_RESPONSE,
                            f"The server's answer is larger than {limit / MiB:,.0f} MB; "
                            "VisionDesk stopped reading it.")
    return body


@dataclass(slots=True)
class StreamGuard:
    """Deadlines and size caps for one streamed answer.

    ``idle`` is how long the stream may go without *content* (text or reasoning, usage, the end):
    comments and keep-alive payloads do not reset it, so a server cannot hold a request open
    by pinging. ``overall`` bounds the whole request however steadily it streams; ``max_chars``
    the answer plus reasoning kept.
    """

    idle: float
    overall: float = STREAM_OVERALL_TIMEOUT_S
    max_chars: int = MAX_ANSWER_CHARS
    started: float = field(default_factory=time.monotonic)
    last_content: float = field(default_factory=time.monotonic)
    chars: int = 0

    def content(self, chars: int = 0) -> None:
        """Content arrived: the idle clock restarts; ``chars`` count towards the cap."""
        self.last_content = time.monotonic()
        self.chars += chars
        if self.chars > self.max_chars:
            raise AnalysisError(ErrorKind.INVALID_RESPONSE,
                                f"The answer passed {self.max_chars:,} characters, more than any "
                                "model writes; VisionDesk stopped reading. The text so far is kept.")

    def remaining(self) -> float:
        """Seconds until the nearer deadline; raises AnalysisError(TIMEOUT) once one passed."""
        idle_left, overall_left = self._left()
        if min(idle_left, overall_left) <= 0:
            raise self._expired()
        return min(idle_left, overall_left)

    def _left(self) -> tuple[float, float]:
        now = time.monotonic()
        return self.idle - (now - self.last_content), self.overall - (now - self.started)

    def _expired(self) -> AnalysisError:
        idle_left, overall_left = self._left()
        if overall_left <= idle_left:
            return AnalysisError(ErrorKind.TIMEOUT,
                                 f"The answer took longer than {self.overall:g} s in all; "
                                 "VisionDesk stopped waiting. The text so far is kept.")
        return AnalysisError(ErrorKind.TIMEOUT,
                             f"The server sent no content for {self.idle:g} s (keep-alives do "
                             "not count); VisionDesk stopped waiting. The text so far is kept.")

    async def chunks(self, source: AsyncIterator[bytes]) -> AsyncGenerator[bytes, None]:
        """``source``'s chunks, each awaited no longer than the nearer deadline.

        The wait runs in the caller's task (``asyncio.timeout``, not ``wait_for``), so the HTTP
        stream is never read from another task.
        """
        while True:
            try:
                async with asyncio.timeout(self.remaining()):
                    chunk = await anext(source)
            except StopAsyncIteration:
                return
            except TimeoutError:
                raise self._expired() from None
            yield chunk
