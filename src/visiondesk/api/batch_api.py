"""OpenAI's Batch API: upload a JSONL of requests, create a batch, poll it, fetch the results.

``POST /v1/files`` (multipart, ``purpose=batch``) -> ``POST /v1/batches`` -> ``GET
/v1/batches/{id}`` until a terminal status -> ``GET /v1/files/{id}/content`` for the output and
error files, whose lines are mapped back by ``custom_id`` (their order is not guaranteed) and
turned into the same events a live request gives. Many relays have no Batch API: ``probe`` asks
once and says so. Everything read is bounded: JSON answers, result files, and each line.
"""

from __future__ import annotations

import asyncio
import contextlib
import json
import logging
import os
import random
import time
from collections.abc import AsyncGenerator, Awaitable, Callable, Iterator, Mapping
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any, cast

import httpx

from visiondesk.api import chat, responses
from visiondesk.api.errors import error_from_http, error_from_payload, redact
from visiondesk.core.errors import AnalysisError, ErrorKind
from visiondesk.core.events import Failed

if TYPE_CHECKING:
    from visiondesk.core.events import Event

log = logging.getLogger(__name__)

CHAT_ENDPOINT = "/v1/chat/completions"
RESPONSES_ENDPOINT = "/v1/responses"
TERMINAL = frozenset({"completed", "failed", "expired", "cancelled"})
MAX_JSON_BYTES = 4 << 20  # a batch or file object is a few KB
MAX_RESULT_FILE_BYTES = 512 << 20  # OpenAI caps input files at 200 MB; results are similar
MAX_RESULT_LINE_BYTES = 32 << 20
MAX_UPLOAD_BYTES = 200 << 20  # OpenAI's limit for one batch input file
MAX_STATE_BYTES = 64 << 20

Sleep = Callable[[float], Awaitable[None]]


@dataclass(frozen=True, slots=True)
class BatchInfo:
    id: str
    status: str
    output_file_id: str | None = None
    error_file_id: str | None = None
    total: int = 0
    completed: int = 0
    failed: int = 0
    message: str = ""  # why a batch failed (validation errors), when the server says

    @property
    def done(self) -> bool:
        return self.status in TERMINAL

    @classmethod
    def from_wire(cls, payload: Mapping[str, Any]) -> BatchInfo:
        counts = payload.get("request_counts")
        counts = counts if isinstance(counts, Mapping) else {}
        errors = payload.get("errors")
        messages: list[str] = []
        if isinstance(errors, Mapping) and isinstance(errors.get("data"), list):
            for item in errors["data"][:5]:
                if isinstance(item, Mapping) and item.get("message"):
                    line = f" (line {item['line']})" if isinstance(item.get("line"), int) else ""
                    messages.append(f"{str(item['message'])[:300]}{line}")
        return cls(id=str(payload.get("id") or ""), status=str(payload.get("status") or "unknown"),
                   output_file_id=_str_or_none(payload.get("output_file_id")),
                   error_file_id=_str_or_none(payload.get("error_file_id")),
                   total=_int(counts.get("total")), completed=_int(counts.get("completed")),
                   failed=_int(counts.get("failed")), message="; ".join(messages))


@dataclass
class BatchState:
    """What is saved next to the results file so a later run resumes polling, not re-submits."""

    batch_id: str
    endpoint: str
    base_url: str
    jobs: dict[str, list[str]] = field(default_factory=dict)  # custom_id -> [source, model]
    created_at: float = field(default_factory=time.time)

    def save(self, path: Path) -> None:
        tmp = path.with_name(path.name + ".tmp")
        with open(tmp, "w", encoding="utf-8") as handle:
            json.dump(asdict(self), handle, ensure_ascii=False)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(tmp, path)

    @classmethod
    def load(cls, path: Path) -> BatchState | None:
        """The saved state, or None when there is none or it is unreadable (then logged)."""
        try:
            with open(path, "rb") as handle:
                raw = handle.read(MAX_STATE_BYTES + 1)
        except FileNotFoundError:
            return None
        try:
            if len(raw) > MAX_STATE_BYTES:
                raise ValueError("too large")
            data = json.loads(raw)
            jobs = {str(k): [str(v[0]), str(v[1])] for k, v in data["jobs"].items()}
            return cls(batch_id=str(data["batch_id"]), endpoint=str(data["endpoint"]),
                       base_url=str(data["base_url"]), jobs=jobs,
                       created_at=float(data.get("created_at") or 0))
        except (ValueError, KeyError, TypeError, IndexError, AttributeError) as exc:
            log.warning("Ignoring unreadable batch state %s: %s", path, exc)
            return None


@dataclass(frozen=True, slots=True)
class BatchLine:
    """One line of an output or error file."""

    custom_id: str
    status_code: int | None
    body: Mapping[str, Any] | None
    error: AnalysisError | None


class BatchApiClient:
    """Speaks the Batch API of one provider (``api_root`` is its ``.../v1``)."""

    def __init__(self, client: httpx.AsyncClient, api_root: str, api_key: str | None,
                 sleep: Sleep = asyncio.sleep) -> None:
        self._client = client
        self._root = api_root.rstrip("/")
        self._key = api_key
        self._sleep = sleep

    def _headers(self) -> dict[str, str]:
        return {"Authorization": f"Bearer {self._key}"} if self._key else {}

    async def _json(self, method: str, path: str, **kwargs: Any) -> dict[str, Any]:
        url = self._root + path
        try:
            async with self._client.stream(method, url, headers=self._headers(), **kwargs) as resp:
                body = await _read_bounded(resp, MAX_JSON_BYTES)
                if resp.status_code >= 400:
                    raise self._redacted(error_from_http(resp.status_code, body, resp.headers))
        except httpx.TimeoutException:
            raise AnalysisError(ErrorKind.TIMEOUT, f"No answer from {self._root} ({method} {path})."
                                ) from None
        except httpx.HTTPError as exc:
            raise AnalysisError(ErrorKind.NETWORK, f"Network error talking to {self._root} "
                                f"({type(exc).__name__}).") from None
        try:
            payload = json.loads(body)
        except ValueError:
            raise AnalysisError(ErrorKind.INVALID_RESPONSE,
                                f"{method} {path} did not answer with JSON.") from None
        if not isinstance(payload, dict):
            raise AnalysisError(ErrorKind.INVALID_RESPONSE, f"{method} {path} answered {payload!r:.80}.")
        error = error_from_payload(payload)
        if error is not None and "id" not in payload:
            raise self._redacted(error)
        return payload

    def _redacted(self, error: AnalysisError) -> AnalysisError:
        error.message = redact(error.message, self._key)
        return error

    async def probe(self) -> None:
        """Raises an ``AnalysisError`` saying so when the provider has no Batch API."""
        try:
            await self._json("GET", "/batches", params={"limit": 1})
        except AnalysisError as exc:
            if exc.status in (404, 405, 501):
                raise AnalysisError(
                    ErrorKind.NOT_FOUND,
                    f"This provider has no Batch API (GET {self._root}/batches answered "
                    f"HTTP {exc.status}); run the batch without --via batch-api.",
                    status=exc.status) from None
            raise

    async def upload(self, data: bytes, filename: str = "batch.jsonl") -> str:
        if len(data) > MAX_UPLOAD_BYTES:
            raise AnalysisError(ErrorKind.TOO_LARGE,
                                f"The batch input is {len(data) >> 20} MB, over the "
                                f"{MAX_UPLOAD_BYTES >> 20} MB a Batch API file may hold; "
                                "split the images into smaller batches.")
        payload = await self._json("POST", "/files", data={"purpose": "batch"},
                                   files={"file": (filename, data, "application/jsonl")})
        file_id = payload.get("id")
        if not isinstance(file_id, str) or not file_id:
            raise AnalysisError(ErrorKind.INVALID_RESPONSE, "The file upload answered without an id.")
        return file_id

    async def create(self, input_file_id: str, endpoint: str, window: str = "24h",
                     metadata: Mapping[str, str] | None = None) -> BatchInfo:
        body: dict[str, Any] = {"input_file_id": input_file_id, "endpoint": endpoint,
                                "completion_window": window}
        if metadata:
            body["metadata"] = dict(metadata)
        info = BatchInfo.from_wire(await self._json("POST", "/batches", json=body))
        if not info.id:
            raise AnalysisError(ErrorKind.INVALID_RESPONSE, "The batch was created without an id.")
        return info

    async def retrieve(self, batch_id: str) -> BatchInfo:
        return BatchInfo.from_wire(await self._json("GET", f"/batches/{_safe_id(batch_id)}"))

    async def wait(self, batch_id: str, on_update: Callable[[BatchInfo], None] | None = None,
                   first_interval: float = 1.0, max_interval: float = 60.0) -> BatchInfo:
        """Poll until the batch ends, waiting longer each time (with jitter) up to ``max_interval``.
        A poll that fails for a passing reason (network, 5xx, 429) is tried again."""
        interval = first_interval
        failures = 0
        while True:
            try:
                info = await self.retrieve(batch_id)
                failures = 0
            except AnalysisError as exc:
                failures += 1
                if exc.kind not in (ErrorKind.NETWORK, ErrorKind.TIMEOUT, ErrorKind.SERVER,
                                    ErrorKind.RATE_LIMIT) or failures > 5:
                    raise
                log.info("Polling batch %s failed (%s); trying again", batch_id, exc)
            else:
                if on_update is not None:
                    on_update(info)
                if info.done:
                    return info
            await self._sleep(interval * (1 - 0.2 * random.random()))
            interval = min(interval * 1.5, max_interval)

    async def download(self, file_id: str, max_bytes: int = MAX_RESULT_FILE_BYTES) -> bytes:
        url = f"{self._root}/files/{_safe_id(file_id)}/content"
        try:
            async with self._client.stream("GET", url, headers=self._headers()) as resp:
                body = await _read_bounded(resp, max_bytes)
                if resp.status_code >= 400:
                    raise self._redacted(error_from_http(resp.status_code, body, resp.headers))
                return body
        except httpx.TimeoutException:
            raise AnalysisError(ErrorKind.TIMEOUT, f"Downloading {file_id} timed out.") from None
        except httpx.HTTPError as exc:
            raise AnalysisError(ErrorKind.NETWORK,
                                f"Downloading {file_id} failed ({type(exc).__name__}).") from None


def request_line(custom_id: str, endpoint: str, body: Mapping[str, Any]) -> bytes:
    """One line of the input file. Batch requests are never streamed."""
    wire = {key: value for key, value in body.items() if key not in ("stream", "stream_options")}
    line = {"custom_id": custom_id, "method": "POST", "url": endpoint, "body": wire}
    return (json.dumps(line, ensure_ascii=False, separators=(",", ":")) + "\n").encode("utf-8")


def parse_result_file(data: bytes) -> Iterator[BatchLine]:
    """The lines of an output or error file; unreadable lines are logged and skipped."""
    for number, raw in enumerate(data.splitlines(), 1):
        if not raw.strip():
            continue
        if len(raw) > MAX_RESULT_LINE_BYTES:
            log.warning("Skipping result line %d: %d bytes", number, len(raw))
            continue
        try:
            item = json.loads(raw)
        except ValueError:
            log.warning("Skipping result line %d: not JSON", number)
            continue
        if not isinstance(item, Mapping) or not isinstance(item.get("custom_id"), str):
            continue
        yield _batch_line(item)


def _batch_line(item: Mapping[str, Any]) -> BatchLine:
    response = item.get("response")
    response = response if isinstance(response, Mapping) else {}
    code = response.get("status_code")
    status_code = code if isinstance(code, int) else None
    body = response.get("body")
    body = body if isinstance(body, Mapping) else None
    error: AnalysisError | None = None
    wire_error = item.get("error")
    if isinstance(wire_error, Mapping) and wire_error:
        error = error_from_payload({"error": wire_error}, status_code) or AnalysisError(
            ErrorKind.SERVER, str(wire_error.get("message") or wire_error)[:500], status=status_code)
    elif status_code is not None and status_code >= 400:
        raw = json.dumps(body).encode() if body is not None else b""
        error = error_from_http(status_code, raw, {})
    elif body is None:
        error = AnalysisError(ErrorKind.INVALID_RESPONSE, "The batch result has no response body.")
    return BatchLine(str(item["custom_id"]), status_code, body, error)


def events_for(line: BatchLine, endpoint: str) -> list[Event]:
    """The events a live, non-streamed request would have given."""
    if line.error is not None or line.body is None:
        return [Failed(line.error or AnalysisError(ErrorKind.INVALID_RESPONSE, "No response body."))]
    if endpoint == RESPONSES_ENDPOINT:
        return responses.parse_responses_body(line.body)
    return chat.parse_chat_body(line.body)


async def _read_bounded(resp: httpx.Response, limit: int) -> bytes:
    chunks: list[bytes] = []
    size = 0
    body = cast(AsyncGenerator[bytes, None], resp.aiter_bytes())
    async with contextlib.aclosing(body) as pieces:  # closed now when we stop early, not by the gc
        async for chunk in pieces:
            size += len(chunk)
            if size > limit:
                raise AnalysisError(ErrorKind.TOO_LARGE,
                                    f"{resp.request.method} {resp.request.url.path} sent more than "
                                    f"{limit >> 20} MB; stopped reading.")
            chunks.append(chunk)
    return b"".join(chunks)


def _safe_id(value: str) -> str:
    """An id from a server or the saved state goes into a URL path: letters, digits, - _ . only."""
    if not value or len(value) > 200 or not all(c.isascii() and (c.isalnum() or c in "-_.") for c in value):
        raise AnalysisError(ErrorKind.INVALID_RESPONSE, f"Unusable batch or file id {value[:80]!r}.")
    return value


def _str_or_none(value: object) -> str | None:
    return value if isinstance(value, str) and value else None


def _int(value: object) -> int:
    return value if isinstance(value, int) and not isinstance(value, bool) else 0
