"""Fold one backend's events into a finished ``AnalysisResult``: the loop every run ends in.

It turns every surprise into a visible error (never a traceback in front of a person) and marks
a cancelled job as cancelled before letting the cancellation go on. The session's ``Runner`` uses
it for every job; the doctor uses it for its probes.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import AsyncIterator, Callable
from typing import TYPE_CHECKING, Protocol

from visiondesk.core.errors import AnalysisError, ErrorKind
from visiondesk.core.events import Event, Failed, Finished, Status
from visiondesk.core.result import AnalysisResult

if TYPE_CHECKING:
    from visiondesk.config.providers import ProviderConfig
    from visiondesk.core.request import AnalysisRequest

log = logging.getLogger(__name__)

EventCallback = Callable[[AnalysisResult, Event], None]


class EventSource(Protocol):
    def analyze(self, provider: ProviderConfig, request: AnalysisRequest,
                api_key: str | None) -> AsyncIterator[Event]: ...


async def run_job(
    service: EventSource,
    provider: ProviderConfig,
    request: AnalysisRequest,
    api_key: str | None,
    result: AnalysisResult,
    on_event: EventCallback | None = None,
) -> AnalysisResult:
    def emit(event: Event) -> None:
        result.apply(event)
        if on_event is not None:
            on_event(result, event)

    try:
        async for event in service.analyze(provider, request, api_key):
            emit(event)
    except asyncio.CancelledError:
        emit(Finished(Status.CANCELLED))
        raise
    except AnalysisError as exc:
        emit(Failed(exc))
    except Exception as exc:  # a bug of ours or a server beyond parsing: say so, keep the text
        log.exception("Unexpected failure analysing %s with %s", result.source, result.model)
        emit(Failed(AnalysisError(ErrorKind.INVALID_RESPONSE, f"Unexpected error: {exc}")))
    if result.status is None:
        emit(Failed(AnalysisError(ErrorKind.INVALID_RESPONSE, "The answer ended without a status.")))
    return result
