"""Running jobs: the one loop the command line, the window, comparisons and batches share.

For each job the runner finds the provider and its key (``keys.KeyPolicy``), resolves the sources
through the workspace, picks the backend from the registry, folds the events into an
``AnalysisResult`` (handing each to the caller), computes the cost once, and writes history and
remembered server quirks in worker threads. Every surprise becomes a visible ``Failed``, never a
traceback; a cancelled job is marked cancelled, keeps its partial text and is still saved.

Runs started with ``start`` get ids 1, 2, 3…; ``cancel(run_id)`` cancels exactly that run.
A semaphore per provider bounds how many requests are in flight; the rest wait their turn.

The run machinery (the engine, events, pricing, schemas) is imported by the methods that run
jobs: a window that only opens need not load it (the window warms it up in a worker instead).
"""

from __future__ import annotations

import asyncio
import importlib
import itertools
import logging
import threading
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING, Any

from visiondesk.core.errors import AnalysisError, ErrorFact, ErrorKind
from visiondesk.session.backends import Backends
from visiondesk.session.history import save_to_history
from visiondesk.session.keys import KeyPolicy

if TYPE_CHECKING:
    from visiondesk.api.runner import EventCallback
    from visiondesk.config.providers import ProviderConfig
    from visiondesk.core.events import Event
    from visiondesk.core.result import AnalysisResult
    from visiondesk.session.plan import Job
    from visiondesk.session.workspace import ResolvedInput, Workspace

log = logging.getLogger(__name__)

HistorySink = Callable[["Job", "AnalysisResult", Sequence["ResolvedInput"], tuple[str, ...]], None]

def import_run_machinery() -> None:
    """Import what the first run will need (httpx and the HTTP engine, the key store, events,
    pricing, schemas). Blocking: a window calls it in a worker thread once it is shown, so its
    first run does not pay for it."""
    import visiondesk.api.http_backend
    import visiondesk.api.runner
    import visiondesk.config.keys
    import visiondesk.core.pricing
    import visiondesk.core.structured  # noqa: F401


DEFAULT_CONCURRENCY = 8   # requests in flight per provider
LOCAL_CONCURRENCY = 1     # the OCR engine uses every core for one image already


@dataclass(frozen=True, slots=True)
class RunHandle:
    run_id: int
    job: Job
    result: AnalysisResult
    task: asyncio.Task[AnalysisResult]


class Runner:
    """Runs jobs against the providers it knows. One per window or command; ``aclose()`` at the end."""

    def __init__(self, providers: Iterable[ProviderConfig] = (), *, backends: Backends | None = None,
                 keys: KeyPolicy | None = None, history: HistorySink | None = save_to_history,
                 concurrency: int = DEFAULT_CONCURRENCY) -> None:
        self.backends = backends or Backends()
        self.keys = keys or KeyPolicy()
        self._history = history
        self._concurrency = concurrency
        self._providers: dict[str, ProviderConfig] = {}
        self.set_providers(providers)
        self._run_ids = itertools.count(1)
        self._runs: dict[int, RunHandle] = {}
        self._slots: dict[str, asyncio.Semaphore] = {}
        self._writes: set[asyncio.Future[None]] = set()
        self._writing = threading.Lock()

    # ------------------------------------------------------------ providers

    def set_providers(self, providers: Iterable[ProviderConfig]) -> None:
        self._providers = {p.id: p for p in providers}

    def provider(self, provider_id: str) -> ProviderConfig:
        try:
            return self._providers[provider_id]
        except KeyError:
            raise AnalysisError(ErrorKind.CONFIG, f"No provider {provider_id!r}.",
                                subject=provider_id) from None

    def check_model(self, provider_id: str, model: str) -> None:
        """A model the provider cannot have is refused before anything runs.

        Local OCR has exactly the models it lists; a server's list is only a suggestion (relays
        serve models they do not list), so any model may be tried there.
        """
        provider = self.provider(provider_id)
        if provider.is_local and model not in {m.id for m in provider.models}:
            raise AnalysisError(
                ErrorKind.CONFIG, f"{provider.name} has no model {model!r}; it reads text offline "
                f"with {', '.join(m.id for m in provider.models)}.",
                facts=frozenset({ErrorFact.MODEL_NOT_FOUND}), subject=provider.name)

    async def resolve_key(self, provider: ProviderConfig) -> str | None:
        if provider.is_local:
            return None
        return (await asyncio.to_thread(self.keys.resolve, provider.id)).secret

    async def list_models(self, provider_id: str) -> list[str]:
        provider = self.provider(provider_id)
        key = await self.resolve_key(provider)
        return await self.backends.http().list_models(provider, key)

    # ------------------------------------------------------------ runs

    def new_result(self, job: Job, workspace: Workspace) -> AnalysisResult:
        from visiondesk.core.result import AnalysisResult  # run machinery: with the first run

        try:
            name = self.provider(job.target.provider_id).name
        except AnalysisError:
            name = job.target.provider_id
        labels = []
        for ref in job.inputs:
            try:
                labels.append(workspace.label(ref))
            except AnalysisError:
                continue
        return AnalysisResult(source=", ".join(labels), model=job.target.model, provider=name)

    def start(self, job: Job, workspace: Workspace, on_event: EventCallback | None = None,
              **options: Any) -> RunHandle:
        """Run ``job`` as a task of its own; ``cancel(handle.run_id)`` stops exactly this one."""
        run_id = next(self._run_ids)
        result = self.new_result(job, workspace)
        task = asyncio.get_running_loop().create_task(
            self.run(job, workspace, on_event, result=result, **options), name=f"run:{run_id}")
        handle = RunHandle(run_id, job, result, task)
        self._runs[run_id] = handle

        def settled(done: asyncio.Task[AnalysisResult]) -> None:
            self._runs.pop(run_id, None)
            if done.cancelled() and result.status is None:  # cancelled before it even began
                from visiondesk.core.events import Finished, Status

                event = Finished(Status.CANCELLED)
                result.apply(event)
                if on_event is not None:
                    on_event(result, event)

        task.add_done_callback(settled)
        return handle

    def cancel(self, run_id: int) -> bool:
        handle = self._runs.get(run_id)
        if handle is None or handle.task.done():
            return False
        handle.task.cancel()
        return True

    @property
    def running(self) -> list[int]:
        return [run_id for run_id, h in self._runs.items() if not h.task.done()]

    async def run(self, job: Job, workspace: Workspace, on_event: EventCallback | None = None, *,
                  result: AnalysisResult | None = None, max_side: int | None = None,
                  inline_urls: bool = True,
                  on_inputs: Callable[[list[ResolvedInput]], None] | None = None) -> AnalysisResult:
        """Run one job to its end and return its result (also cancelled or failed).

        ``on_inputs`` hears what the job's sources resolved to, before anything is sent (the
        window places local OCR's boxes with it)."""
        from visiondesk.api.runner import run_job
        from visiondesk.core.events import Failed, Finished, Status
        from visiondesk.core.request import AnalysisRequest

        result = result or self.new_result(job, workspace)

        def emit(event: Event) -> None:
            result.apply(event)
            if on_event is not None:
                on_event(result, event)

        provider: ProviderConfig | None = None
        secrets: tuple[str, ...] = ()
        inputs: list[ResolvedInput] = []
        try:
            try:
                provider = self.provider(job.target.provider_id)
                if job.api is not None and not provider.is_local:
                    provider = replace(provider, api_style=job.api)
                self.check_model(provider.id, job.target.model)
                side = max_side or provider.max_side_for(job.target.model)
                # The HTTP engine (httpx, a TLS context) gets ready in one worker while the images
                # are prepared in another: a one-shot command need not pay for both in turn.
                warming = None if provider.is_local or not job.inputs else \
                    asyncio.ensure_future(asyncio.to_thread(self._ready_client, provider))
                try:
                    for ref in job.inputs:
                        inputs += await workspace.resolve_ref(ref, max_side=side, provider=provider,
                                                              inline_urls=inline_urls)
                finally:
                    if warming is not None:
                        await asyncio.gather(warming, return_exceptions=True)
                key = await self.resolve_key(provider)
            except AnalysisError as exc:  # nothing was sent: a source, a key or a setting
                emit(Failed(exc))
                return result
            except (OSError, ValueError) as exc:
                log.warning("Could not prepare %s: %s", result.source, exc)
                emit(Failed(AnalysisError(ErrorKind.IMAGE, f"{result.source}: {exc}")))
                return result
            if inputs:
                result.sent_image = inputs[0].input.describe()
            if on_inputs is not None:
                on_inputs(inputs)
            secrets = (key,) if key else ()
            request = AnalysisRequest(model=job.target.model, prompt=job.prompt,
                                      images=tuple(i.input for i in inputs), system=job.system,
                                      options=job.options, capture_raw=job.capture_raw, turns=job.turns)
            async with self._slot(provider):
                await run_job(self.backends.for_provider(provider), provider, request, key, result,
                              on_event)
        except asyncio.CancelledError:  # before the request, or waiting for a free slot
            if result.status is None:
                emit(Finished(Status.CANCELLED))
            raise
        finally:
            self._finish(job, result, provider, secrets, inputs)
        return result

    def _ready_client(self, provider: ProviderConfig) -> None:
        self.backends.http().client_for(provider)
        # The client's first connection loads httpcore's async network layer (anyio: ~15 ms of
        # imports on the way to the first byte); load it here, while the images are prepared.
        for name in ("httpcore._backends.anyio", "anyio._backends._asyncio"):
            try:
                importlib.import_module(name)
            except ImportError:  # another httpcore: it loads what it needs when it connects
                log.debug("no %s to load ahead", name)

    def _slot(self, provider: ProviderConfig) -> asyncio.Semaphore:
        slot = self._slots.get(provider.id)
        if slot is None:
            limit = LOCAL_CONCURRENCY if provider.is_local else self._concurrency
            slot = self._slots[provider.id] = asyncio.Semaphore(limit)
        return slot

    def _finish(self, job: Job, result: AnalysisResult, provider: ProviderConfig | None,
                secrets: tuple[str, ...], inputs: Sequence[ResolvedInput]) -> None:
        """Cost, then history and compat memory in a worker thread. Not awaited: this also runs
        while a cancellation unwinds; ``aclose`` waits for the writes."""
        from visiondesk.core.pricing import estimate_cost
        from visiondesk.core.structured import apply_structured

        # An answer asked to fit a schema is checked before it is stored, whoever asked.
        apply_structured(result, job.options.response_schema)
        if provider is not None:
            if provider.is_local:
                result.cost = None
            else:
                model = provider.model(job.target.model)
                result.cost = estimate_cost(result.usage, model.price_input, model.price_output,
                                            provider.currency)
        self._write_later(job, result, list(inputs), secrets)

    def _write_later(self, job: Job, result: AnalysisResult, inputs: list[ResolvedInput],
                     secrets: tuple[str, ...]) -> None:
        compat = self.backends.compat
        history = self._history

        def write() -> None:
            # One writer at a time: SQLite takes one anyway, and two first writes racing to
            # create a new history file (and switch it to WAL) lose one of them as "locked".
            with self._writing:
                compat.save_if_changed()
                if history is None:
                    return
                try:
                    history(job, result, inputs, secrets)
                except Exception as exc:  # history is a convenience; never fail a run over it
                    log.warning("Could not save history: %s", exc)

        future = asyncio.get_running_loop().run_in_executor(None, write)
        self._writes.add(future)
        future.add_done_callback(self._writes.discard)

    async def wait_writes(self) -> None:
        """Until every history and compat write so far has landed (the CLI before it exits)."""
        while self._writes:
            await asyncio.gather(*list(self._writes), return_exceptions=True)

    async def aclose(self) -> None:
        """Cancel every run, wait for their history, close the backends' connections."""
        handles = list(self._runs.values())
        for handle in handles:
            handle.task.cancel()
        await asyncio.gather(*(h.task for h in handles), return_exceptions=True)
        await self.wait_writes()
        await self.backends.aclose()
