"""The backend registry: which engine answers for a provider, keyed by the provider's kind.

A backend takes a provider, a request and a key, and yields the shared events of
``core/events.py``. The HTTP backend speaks Chat Completions and the Responses API (the
provider's ``api_style`` chooses, ``auto`` finds out); the local OCR backend reads text offline.
A new backend is one entry in ``REGISTRY``. Backends are made on first use, so a window that
only ever runs local OCR never imports httpx.
"""

from __future__ import annotations

import threading
from collections.abc import AsyncIterator, Callable
from typing import TYPE_CHECKING, Protocol

from visiondesk.config.compat import CompatMemory
from visiondesk.config.providers import LOCAL_OCR_ID

if TYPE_CHECKING:
    from visiondesk.api.http_backend import HttpBackend
    from visiondesk.config.providers import ProviderConfig
    from visiondesk.core.events import Event
    from visiondesk.core.request import AnalysisRequest


class Backend(Protocol):
    def analyze(self, provider: ProviderConfig, request: AnalysisRequest,
                api_key: str | None) -> AsyncIterator[Event]: ...

    async def aclose(self) -> None: ...


class LocalOcrBackend:
    """The offline engine (rapidocr); keys and providers' servers play no part."""

    async def analyze(self, provider: ProviderConfig, request: AnalysisRequest,
                      api_key: str | None) -> AsyncIterator[Event]:
        from visiondesk.ocr.backend import run_local_ocr

        async for event in run_local_ocr(request):
            yield event

    async def aclose(self) -> None:
        return None


def _http(compat: CompatMemory, options: dict[str, object]) -> Backend:
    from visiondesk.api.http_backend import HttpBackend

    return HttpBackend(compat=compat, **options)  # type: ignore[arg-type]


def _local_ocr(compat: CompatMemory, options: dict[str, object]) -> Backend:
    return LocalOcrBackend()


HTTP_KIND = "openai"
REGISTRY: dict[str, Callable[[CompatMemory, dict[str, object]], Backend]] = {
    HTTP_KIND: _http,
    LOCAL_OCR_ID: _local_ocr,
}


class Backends:
    """The backends of one session, made on first use and closed together.

    ``http_options`` go to the HTTP backend (tests pass a transport, a retry policy, a sleep).
    """

    def __init__(self, compat: CompatMemory | None = None, **http_options: object) -> None:
        self.compat = compat if compat is not None else CompatMemory()
        self._options = http_options
        self._made: dict[str, Backend] = {}
        self._making = threading.Lock()  # the runner readies the HTTP backend from workers too

    def use_compat(self, compat: CompatMemory) -> None:
        """The remembered quirks, once read (the window reads them off the GUI thread)."""
        self.compat = compat
        http = self._made.get(HTTP_KIND)
        if http is not None:
            http.compat = compat  # type: ignore[attr-defined]

    def for_provider(self, provider: ProviderConfig) -> Backend:
        kind = provider.kind if provider.kind in REGISTRY else HTTP_KIND
        with self._making:
            backend = self._made.get(kind)
            if backend is None:
                backend = REGISTRY[kind](self.compat, self._options if kind == HTTP_KIND else {})
                self._made[kind] = backend
            return backend

    def http(self) -> HttpBackend:
        """The HTTP backend itself (model lists, the doctor, downloads need its clients)."""
        from visiondesk.api.http_backend import HttpBackend

        with self._making:
            backend = self._made.get(HTTP_KIND)
            if backend is None:
                backend = _http(self.compat, self._options)
                self._made[HTTP_KIND] = backend
        assert isinstance(backend, HttpBackend)
        return backend

    async def aclose(self) -> None:
        with self._making:
            made, self._made = list(self._made.values()), {}
        for backend in made:
            await backend.aclose()
