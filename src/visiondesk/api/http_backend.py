"""The HTTP backend: send one analysis to an OpenAI-compatible server and yield events as they arrive.

Everything a relay can get wrong is handled here, once, for the window and the command line:
streaming or not, retries, parameter rejections adapted and remembered, falling back from the
Responses API to Chat, keys redacted. Errors arrive classified (``api/errors.py``); this module
acts on their kind and facts and never reads their words. The session layer picks this backend
for providers of kind ``openai`` (``session/backends.py``).
"""

from __future__ import annotations

import asyncio
import contextlib
import json
import logging
import threading
from collections.abc import AsyncGenerator, AsyncIterator, Awaitable, Callable, Mapping
from typing import TYPE_CHECKING, Any, cast

import httpx

from visiondesk import __version__
from visiondesk.api import chat, responses
from visiondesk.api.adaptations import FOR_PARAM
from visiondesk.api.bounds import (
    StreamGuard,
    clean_error,
    read_answer_body,
    read_bounded,
    read_error_body,
    secrets_for,
)
from visiondesk.api.errors import error_from_http
from visiondesk.api.retry import RetryPolicy
from visiondesk.api.sse import SSEDecoder, SSELimitError
from visiondesk.config.compat import CompatMemory
from visiondesk.core.errors import AnalysisError, ErrorFact, ErrorKind
from visiondesk.core.events import (
    Failed,
    Finished,
    Notice,
    RawChunk,
    ReasoningDelta,
    Started,
    TextDelta,
    UsageReport,
)
from visiondesk.core.limits import MAX_ANSWER_BODY_BYTES, STREAM_OVERALL_TIMEOUT_S
from visiondesk.core.redaction import AnswerScrubber, clean_server_text, redact, strip_userinfo
from visiondesk.core.request import ApiStyle

if TYPE_CHECKING:
    from visiondesk.config.providers import ProviderConfig
    from visiondesk.core.events import Event
    from visiondesk.core.request import AnalysisRequest

log = logging.getLogger(__name__)

USER_AGENT = f"VisionDesk/{__version__}"


def elide_images(value: Any) -> Any:
    """The request body for display: data URLs shortened, nothing else changed."""
    if isinstance(value, str) and value.startswith("data:") and len(value) > 80:
        head = value.split(",", 1)[0]
        return f"{head},… ({len(value) - len(head) - 1} base64 characters)"
    if isinstance(value, dict):
        return {k: elide_images(v) for k, v in value.items()}
    if isinstance(value, list):
        return [elide_images(v) for v in value]
    return value


class HttpBackend:
    """One per session. Holds a connection pool per (proxy, timeouts); ``aclose()`` when done."""

    def __init__(
        self,
        compat: CompatMemory | None = None,
        retry: RetryPolicy | None = None,
        transport: httpx.AsyncBaseTransport | None = None,
        sleep: Callable[[float], Awaitable[None]] = asyncio.sleep,
    ) -> None:
        self.compat = compat or CompatMemory()
        self.retry = retry or RetryPolicy()
        self._transport = transport
        self._sleep = sleep
        self._clients: dict[tuple[Any, ...], httpx.AsyncClient] = {}
        # The window builds clients in worker threads (a TLS context takes ~50 ms): one lock
        # so two threads never build, or one never reads, a half-filled cache.
        self._clients_lock = threading.Lock()

    async def aclose(self) -> None:
        with self._clients_lock:
            clients, self._clients = list(self._clients.values()), {}
        for client in clients:
            await client.aclose()

    def client_for(self, provider: ProviderConfig) -> httpx.AsyncClient:
        key = (provider.proxy, provider.connect_timeout, provider.read_timeout)
        with self._clients_lock:
            return self._clients.get(key) or self._new_client(key, provider)

    def _new_client(self, key: tuple[Any, ...], provider: ProviderConfig) -> httpx.AsyncClient:
        timeout = httpx.Timeout(connect=provider.connect_timeout, read=provider.read_timeout,
                                write=120.0, pool=30.0)
        # trust_env: the standard proxy variables (HTTPS_PROXY, NO_PROXY...) are honoured.
        client = httpx.AsyncClient(
            timeout=timeout, proxy=provider.proxy or None, transport=self._transport,
            trust_env=True, follow_redirects=True, headers={"User-Agent": USER_AGENT},
        )
        self._clients[key] = client
        return client

    @staticmethod
    def headers(api_key: str | None, stream: bool) -> dict[str, str]:
        headers = {"Accept": "text/event-stream" if stream else "application/json"}
        if api_key:
            headers["Authorization"] = f"Bearer {api_key}"
        return headers

    def initial_api(self, provider: ProviderConfig) -> str:
        if provider.api_style is not ApiStyle.AUTO:
            return str(provider.api_style)
        # Remembered style first; else try Responses (relays recommend it for images) and fall
        # back to Chat the first time a server turns out not to have it.
        return self.compat.api_style(provider.id) or ApiStyle.RESPONSES

    async def analyze(
        self, provider: ProviderConfig, request: AnalysisRequest, api_key: str | None
    ) -> AsyncIterator[Event]:
        # Everything a server said is redacted (the key, URL credentials), stripped of terminal
        # escapes and bounded before anyone sees it: relays have been seen echoing the key.
        secrets = secrets_for(api_key, provider.base_url, provider.proxy or "")
        scrub = AnswerScrubber(secrets)
        async for event in self._analyze_remote(provider, request, api_key):
            if isinstance(event, TextDelta | ReasoningDelta):
                cleaned = scrub.stream(type(event).__name__, event.text)
                if not cleaned:
                    continue  # all of it may be the start of a key: wait for the next delta
                if cleaned != event.text:
                    event = type(event)(cleaned)
            elif not isinstance(event, RawChunk):  # a run of deltas ended: what was kept back first
                for kind in (ReasoningDelta, TextDelta):
                    if rest := scrub.flush(kind.__name__):
                        yield kind(rest)
            if isinstance(event, Failed):
                clean_error(event.error, secrets)
            elif isinstance(event, Notice):
                event = Notice(clean_server_text(event.message, secrets))
            elif isinstance(event, RawChunk):
                event = RawChunk(redact(event.text, secrets))
            elif isinstance(event, Started):
                event = Started(event.api, strip_userinfo(event.url), event.request)
            yield event

    async def _analyze_remote(
        self, provider: ProviderConfig, request: AnalysisRequest, api_key: str | None
    ) -> AsyncIterator[Event]:
        client = self.client_for(provider)
        api = self.initial_api(provider)
        adaptations = set(self.compat.adapted(provider.id, request.model))
        retries = 0
        while True:
            builder = chat.build_chat_body if api == ApiStyle.CHAT else responses.build_responses_body
            body = builder(request, frozenset(adaptations))
            path = chat.PATH if api == ApiStyle.CHAT else responses.PATH
            url = provider.api_root + path
            yield Started(api, url, elide_images(body) if request.capture_raw else {})
            error: AnalysisError
            try:
                async with client.stream("POST", url, json=body,
                                         headers=self.headers(api_key, request.options.stream)) as resp:
                    if resp.status_code >= 400:
                        # Read once and only up to a cap (after gzip inflation): a 1 MB body
                        # inflating to 1 GiB costs 64 KiB here.
                        error = error_from_http(resp.status_code, await read_error_body(resp),
                                                resp.headers)
                    else:
                        async for event in self._read_answer(api, resp, request.capture_raw,
                                                             provider):
                            yield event
                        if provider.api_style is ApiStyle.AUTO:
                            self.compat.remember_api_style(provider.id, api)
                        return
            except httpx.TimeoutException as exc:
                error = AnalysisError(ErrorKind.TIMEOUT, _timeout_message(exc, provider))
                reached = _may_have_reached(exc)
            except httpx.HTTPError as exc:
                error = AnalysisError(ErrorKind.NETWORK, _network_message(exc, provider))
                reached = _may_have_reached(exc)
            else:
                reached = False  # the server answered with an HTTP error; its status decides

            if (api == ApiStyle.RESPONSES and provider.api_style is ApiStyle.AUTO
                    and error.has(ErrorFact.ENDPOINT_MISSING)):
                # Remembered only once Chat has answered: a wrong base URL 404s on both.
                api = ApiStyle.CHAT
                yield Notice("This server has no Responses API; using Chat Completions.")
                continue
            adaptation = FOR_PARAM.get(error.param or "") if error.has(ErrorFact.REJECTED_PARAM) else None
            if adaptation is not None and adaptation.name not in adaptations:
                adaptations.add(adaptation.name)
                self.compat.remember_adaptation(provider.id, request.model, adaptation.name)
                yield Notice(adaptation.notice)
                continue
            # A request that may have reached the server (a read timeout, a dropped connection)
            # is never sent again: it may be running and billed. Only connection failures and
            # what the server itself asked for (429/5xx) are retried.
            if not reached and self.retry.should_retry(error, retries):
                delay = self.retry.delay(error, retries)
                retries += 1
                yield Notice(f"{error} — retrying in {delay:.1f} s "
                             f"(attempt {retries + 1} of {self.retry.max_retries + 1}).")
                await self._sleep(delay)
                continue
            yield Failed(error)
            return

    async def _read_answer(
        self, api: str, resp: httpx.Response, capture_raw: bool, provider: ProviderConfig
    ) -> AsyncIterator[Event]:
        """Events from a 2xx answer. Never raises for network trouble: once a server has
        answered, the request may have been billed, so it ends as Failed and is not resent.

        Bounded: the body by MAX_ANSWER_BODY_BYTES (after decoding), a stream by an idle
        deadline that keep-alives do not reset (the read timeout), an overall deadline, the
        answer's length, and the SSE decoder's line and event caps. Hitting any of them keeps
        the text so far and ends with one clear Failed.
        """
        guard = StreamGuard(idle=provider.read_timeout,
                            overall=max(STREAM_OVERALL_TIMEOUT_S, provider.read_timeout))
        content_type = resp.headers.get("content-type", "")
        if "event-stream" not in content_type:
            # Not SSE: a server that ignored stream=true, or a non-stream request.
            try:
                async with asyncio.timeout(guard.remaining()):
                    raw = await read_answer_body(resp)
            except TimeoutError:
                yield Failed(AnalysisError(ErrorKind.TIMEOUT, f"The answer took longer than "
                                           f"{guard.overall:g} s in all; VisionDesk stopped waiting."))
                return
            except AnalysisError as exc:
                yield Failed(exc)
                return
            except httpx.TimeoutException as exc:
                yield Failed(AnalysisError(ErrorKind.TIMEOUT, _timeout_message(exc, provider)))
                return
            except httpx.HTTPError as exc:
                yield Failed(AnalysisError(ErrorKind.NETWORK, _network_message(exc, provider)))
                return
            if capture_raw:
                yield RawChunk(raw.decode("utf-8", errors="replace"))
            for event in _capped(_parse_whole_body(api, raw, resp), guard):
                yield event
            return
        decoder = SSEDecoder()
        parser: chat.ChatStreamParser | responses.ResponsesStreamParser
        parser = chat.ChatStreamParser() if api == ApiStyle.CHAT else responses.ResponsesStreamParser()
        saw_done = False
        broken: AnalysisError | None = None
        try:
            # aiter_bytes, not aiter_raw: it undoes Content-Encoding (gzip-compressed streams)
            # and the caps count decoded bytes. aclosing: leaving the loop early (the end event
            # arrived) closes the byte iterator now, not whenever the garbage collector finds it.
            raw_chunks = cast(AsyncGenerator[bytes, None], resp.aiter_bytes())  # typed as an iterator
            async with contextlib.aclosing(raw_chunks) as chunks, \
                    contextlib.aclosing(guard.chunks(chunks)) as guarded:
                async for chunk in guarded:
                    limit: SSELimitError | None = None
                    try:
                        messages = decoder.feed(chunk)
                    except SSELimitError as exc:
                        messages, limit = exc.messages, exc
                    for message in messages:
                        for event in _message_events(message.data, parser, capture_raw):
                            _count(event, guard)
                            yield event
                        saw_done = saw_done or message.data.strip() == "[DONE]"
                    if limit is not None:
                        raise AnalysisError(
                            ErrorKind.INVALID_RESPONSE,
                            f"The server sent a stream {limit.what} longer than "
                            f"{limit.limit // (1024 * 1024):,} MB; VisionDesk stopped reading. "
                            "The text so far is kept.")
                    if parser.done and api == ApiStyle.RESPONSES:
                        break  # the end event arrived; nothing after it matters
            for message in decoder.close():
                for event in _message_events(message.data, parser, capture_raw):
                    yield event
                saw_done = saw_done or message.data.strip() == "[DONE]"
        except AnalysisError as exc:  # a deadline or a cap
            broken = exc
        except httpx.TimeoutException as exc:
            broken = AnalysisError(ErrorKind.TIMEOUT, _timeout_message(exc, provider))
        except httpx.HTTPError as exc:
            log.info("Stream broke: %s", type(exc).__name__)
        ended = False
        for event in parser.close(saw_done):
            if broken is not None and isinstance(event, Failed | Finished):
                event = Failed(broken)
            ended = ended or isinstance(event, Failed | Finished)
            yield event
        if broken is not None and not ended:
            yield Failed(broken)

    async def list_models(self, provider: ProviderConfig, api_key: str | None) -> list[str]:
        client = self.client_for(provider)
        secrets = secrets_for(api_key, provider.base_url, provider.proxy or "")
        try:
            async with client.stream("GET", provider.api_root + "/models",
                                     headers=self.headers(api_key, stream=False)) as resp:
                if resp.status_code >= 400:
                    error = error_from_http(resp.status_code, await read_error_body(resp),
                                            resp.headers)
                    raise clean_error(error, secrets)
                body, more = await read_bounded(resp, MAX_ANSWER_BODY_BYTES)
        except httpx.TimeoutException as exc:
            raise AnalysisError(ErrorKind.TIMEOUT, _timeout_message(exc, provider)) from None
        except httpx.HTTPError as exc:
            raise AnalysisError(ErrorKind.NETWORK, _network_message(exc, provider)) from None
        if more:
            raise AnalysisError(ErrorKind.INVALID_RESPONSE, "The model list is larger than "
                                f"{MAX_ANSWER_BODY_BYTES // (1024 * 1024)} MB.", status=resp.status_code)
        try:
            payload = json.loads(body)
        except ValueError:
            raise AnalysisError(ErrorKind.INVALID_RESPONSE,
                                "The model list is not JSON.", status=resp.status_code) from None
        return _model_ids(payload)


def _message_events(
    data: str, parser: chat.ChatStreamParser | responses.ResponsesStreamParser, capture_raw: bool
) -> list[Event]:
    if capture_raw:
        prefix: list[Event] = [RawChunk(data)]
    else:
        prefix = []
    if not data or data[0] not in "{[":
        return prefix  # "[DONE]", "keep-alive" and other non-JSON payloads are not fatal
    try:
        payload = json.loads(data)
    except ValueError:
        if data.strip() == "[DONE]":
            return prefix
        log.debug("Skipping a non-JSON SSE payload of %d characters", len(data))
        return prefix
    if not isinstance(payload, Mapping):
        return prefix
    return prefix + parser.feed(payload)


def _parse_whole_body(api: str, raw: bytes, resp: httpx.Response) -> list[Event]:
    try:
        payload = json.loads(raw)
    except ValueError:
        error = error_from_http(resp.status_code, raw, resp.headers)
        if resp.status_code < 400:
            error.kind = ErrorKind.INVALID_RESPONSE
            error.message = f"The server did not answer with JSON: {error.message}"
        return [Failed(error)]
    if not isinstance(payload, Mapping):
        return [Failed(AnalysisError(
            ErrorKind.INVALID_RESPONSE, "The server's answer is not a JSON object."))]
    if "choices" in payload or api == ApiStyle.CHAT:
        return chat.parse_chat_body(payload)
    return responses.parse_responses_body(payload)


def _model_ids(payload: object) -> list[str]:
    items: object = payload
    if isinstance(payload, Mapping):
        items = payload.get("data", payload.get("models", []))
    ids: list[str] = []
    if isinstance(items, list):
        for item in items:
            if isinstance(item, str):
                ids.append(item)
            elif isinstance(item, Mapping):
                model_id = item.get("id") or item.get("name") or item.get("model")
                if model_id:
                    ids.append(str(model_id))
    return sorted(set(ids))


def _may_have_reached(exc: httpx.HTTPError) -> bool:
    """Whether the request may have reached the server (and so must not be sent again)."""
    return not isinstance(exc, httpx.ConnectError | httpx.ConnectTimeout | httpx.PoolTimeout)


def _timeout_message(exc: httpx.TimeoutException, provider: ProviderConfig) -> str:
    root = strip_userinfo(provider.api_root)
    if isinstance(exc, httpx.ConnectTimeout):
        return f"Could not connect to {root} within {provider.connect_timeout:g} s."
    if isinstance(exc, httpx.PoolTimeout):
        # Not the server's fault: every connection of our own pool stayed busy.
        return ("Every connection to the server stayed busy for too long, so this request was "
                "never sent; run fewer jobs at once.")
    if isinstance(exc, httpx.WriteTimeout):
        return f"Sending the request to {root} took too long; it was not sent again."
    return (f"No answer from {root} within {provider.read_timeout:g} s; the request was not "
            "sent again (it may still be running on the server).")


def _network_message(exc: httpx.HTTPError, provider: ProviderConfig) -> str:
    root = strip_userinfo(provider.api_root)
    if isinstance(exc, httpx.ConnectError):
        return f"Could not connect to {root}."
    if isinstance(exc, httpx.RemoteProtocolError):
        return "The server closed the connection unexpectedly."
    if isinstance(exc, httpx.DecodingError):
        return "The server's answer could not be decoded (damaged compression)."
    return f"Network error talking to {root} ({type(exc).__name__})."


def _count(event: Event, guard: StreamGuard) -> None:
    """Tell the guard about content (text, reasoning, usage, the end); raises past the cap."""
    if isinstance(event, TextDelta | ReasoningDelta):
        guard.content(len(event.text))
    elif isinstance(event, UsageReport | Finished | Failed):
        guard.content()


def _capped(events: list[Event], guard: StreamGuard) -> list[Event]:
    """A whole answer's events, cut at the answer-size cap with the text so far kept."""
    out: list[Event] = []
    for event in events:
        if isinstance(event, TextDelta | ReasoningDelta):
            room = guard.max_chars - guard.chars
            if len(event.text) > room:
                out.append(type(event)(event.text[:max(room, 0)]))
                try:
                    guard.content(len(event.text))
                except AnalysisError as exc:
                    out.append(Failed(exc))
                return out
            guard.content(len(event.text))
        out.append(event)
    return out
