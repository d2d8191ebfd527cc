"""Issue 12 items 6 and 12: what is retried (only what cannot have reached the server, or what
the server asked for) and how a wait for a free connection is worded."""

from __future__ import annotations

import asyncio
from collections.abc import Callable

import httpx
import pytest

from visiondesk.api.http_backend import HttpBackend, _timeout_message
from visiondesk.config.providers import ProviderConfig
from visiondesk.core.events import Failed, Notice
from visiondesk.core.inputs import RemoteImage
from visiondesk.core.request import AnalysisRequest, ApiStyle, GenerationOptions

PROVIDER = ProviderConfig(id="relay", name="Relay", base_url="https://u:pw123456@relay.example/v1",
                          api_style=ApiStyle.CHAT, read_timeout=5)
OK = {"choices": [{"message": {"content": "fine"}, "finish_reason": "stop"}]}


def _run(handler: Callable[[httpx.Request], httpx.Response]) -> tuple[int, list[object]]:
    calls = 0

    def counting(request: httpx.Request) -> httpx.Response:
        nonlocal calls
        calls += 1
        return handler(request)

    async def no_sleep(_seconds: float) -> None:
        return None

    async def go() -> list[object]:
        backend = HttpBackend(transport=httpx.MockTransport(counting), sleep=no_sleep)
        request = AnalysisRequest(model="m", prompt="hi", images=(RemoteImage("https://x/a.png"),),
                                  options=GenerationOptions(stream=False))
        try:
            return [event async for event in backend.analyze(PROVIDER, request, "sk-resend-123456")]
        finally:
            await backend.aclose()

    events = asyncio.run(go())
    return calls, events


@pytest.mark.parametrize("exc", [httpx.ReadTimeout("slow"), httpx.RemoteProtocolError("closed"),
                                 httpx.ReadError("reset"), httpx.WriteTimeout("stuck")])
def test_a_request_that_may_have_arrived_is_sent_once(exc: Exception) -> None:
    def handler(request: httpx.Request) -> httpx.Response:
        raise exc

    calls, events = _run(handler)
    assert calls == 1
    assert not any(isinstance(e, Notice) for e in events)
    failed = [e for e in events if isinstance(e, Failed)]
    assert len(failed) == 1
    assert "pw123456" not in failed[0].error.message


def test_a_read_timeout_says_it_was_not_sent_again() -> None:
    def handler(request: httpx.Request) -> httpx.Response:
        raise httpx.ReadTimeout("slow")

    _calls, events = _run(handler)
    [failed] = [e for e in events if isinstance(e, Failed)]
    assert "not sent again" in failed.error.message
    assert "https://relay.example/v1" in failed.error.message  # without the credentials


@pytest.mark.parametrize("exc", [httpx.ConnectError("refused"), httpx.ConnectTimeout("slow"),
                                 httpx.PoolTimeout("busy")])
def test_failures_before_sending_are_retried(exc: Exception) -> None:
    attempts: list[int] = []

    def handler(request: httpx.Request) -> httpx.Response:
        attempts.append(1)
        if len(attempts) < 3:
            raise exc
        return httpx.Response(200, json=OK)

    calls, events = _run(handler)
    assert calls == 3
    assert sum(isinstance(e, Notice) for e in events) == 2
    assert not any(isinstance(e, Failed) for e in events)


def test_a_server_error_is_retried_as_the_server_allows() -> None:
    statuses = [503, 500, 200]

    def handler(request: httpx.Request) -> httpx.Response:
        status = statuses.pop(0)
        return httpx.Response(status, json=OK if status == 200 else {"error": {"message": "busy"}})

    calls, events = _run(handler)
    assert calls == 3 and not any(isinstance(e, Failed) for e in events)


def test_a_pool_wait_is_worded_as_what_it_is() -> None:
    message = _timeout_message(httpx.PoolTimeout("busy"), PROVIDER)
    assert "connection" in message and "never sent" in message
    assert "No answer" not in message
