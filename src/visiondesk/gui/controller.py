"""The window's async controller: the only place that starts asyncio tasks.

Every task has a name and a reference kept in ``_tasks``; starting a task under a name that is
still running cancels the older one ("latest wins", as FeelUOwn's ``PreemptiveTaskSpec``), so a
new run of a pane replaces its previous run. Closing the window cancels everything. Any exception
a task raises becomes a visible message, never a traceback.

Engine modules (httpx service, keyring, history, Pillow) are imported inside methods, after the
window is shown. Blocking calls (image decoding, keyring, SQLite, TOML) go through
``asyncio.to_thread``.
"""

from __future__ import annotations

import asyncio
import functools
import logging
from collections.abc import Callable, Coroutine
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QMimeData, QObject, Signal
from PySide6.QtGui import QImage

from visiondesk.gui.formatting import plain_error
from visiondesk.gui.image_loading import IMAGE_SUFFIXES as IMAGE_SUFFIXES
from visiondesk.gui.image_loading import ImageLoader
from visiondesk.gui.model_picker import ModelRow

if TYPE_CHECKING:
    from visiondesk.api.service import VisionService
    from visiondesk.config.providers import ProviderConfig, ProviderStore
    from visiondesk.core.result import AnalysisResult
    from visiondesk.gui.main_window import MainWindow
    from visiondesk.gui.result_pane import ResultPane

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class RunSpec:
    """What one result pane asks: which provider and model, with which prompts."""

    provider_id: str
    model: str
    prompt: str
    system: str | None


class Controller(QObject):
    """Drives the engine for the window; owns every task it starts."""

    providers_ready = Signal()
    busy_changed = Signal(bool)

    def __init__(self, window: MainWindow) -> None:
        super().__init__(window)
        self.window = window
        self._tasks: dict[str, asyncio.Task[Any]] = {}
        self._service: VisionService | None = None
        self.store: ProviderStore | None = None
        self.providers: list[ProviderConfig] = []
        self._run_specs: dict[int, RunSpec] = {}  # pane.run_key -> what that pane asks
        self._closing = False
        self._warm = True  # warm engines up in the background (not for --screenshot)
        self.images = ImageLoader(self)  # the image-loading job; its tasks start here too
        self._connect()
        from visiondesk.gui.compare_controller import ComparisonController

        self.compare = ComparisonController(self)

    # ---------------------------------------------------------------- tasks

    def spawn(self, name: str, coro: Coroutine[Any, Any, Any]) -> asyncio.Task[Any]:
        """Start ``coro`` as task ``name``, cancelling a running task of the same name."""
        old = self._tasks.get(name)
        if old is not None and not old.done():
            old.cancel()
        task = asyncio.get_running_loop().create_task(coro, name=name)
        self._tasks[name] = task
        task.add_done_callback(functools.partial(self._task_done, name))
        self._update_busy()
        return task

    def _task_done(self, name: str, task: asyncio.Task[Any]) -> None:
        if self._tasks.get(name) is task:
            del self._tasks[name]
        if self._closing:
            return
        self._update_busy()
        if task.cancelled():
            return
        exc = task.exception()
        if exc is not None and not self._closing:
            from visiondesk.core.errors import AnalysisError

            if isinstance(exc, AnalysisError):  # worded for people: no traceback in the log
                log.warning("Task %s failed: %s", name, exc)
            else:
                log.error("Task %s failed", name, exc_info=exc)
            self.window.show_message(plain_error(exc), error=True)

    def _update_busy(self) -> None:
        self.busy_changed.emit(any(n.startswith("pane:") for n in self._tasks))

    def cancel(self, prefix: str) -> int:
        count = 0
        for name, task in list(self._tasks.items()):
            if name.startswith(prefix) and not task.done():
                task.cancel()
                count += 1
        return count

    async def wait_idle(self, prefix: str = "") -> None:
        """Wait until no task whose name starts with ``prefix`` runs (screenshots, tests)."""
        while True:
            pending = [t for n, t in self._tasks.items() if n.startswith(prefix) and not t.done()]
            if not pending:
                return
            await asyncio.gather(*pending, return_exceptions=True)

    async def shutdown(self) -> None:
        self._closing = True
        tasks = [t for t in self._tasks.values() if not t.done()]
        for task in tasks:
            task.cancel()
        await asyncio.gather(*tasks, return_exceptions=True)
        await asyncio.sleep(0)  # let the tasks' done callbacks run while the loop still turns
        if self._service is not None:
            service, self._service = self._service, None
            await service.aclose()

    # ---------------------------------------------------------------- wiring

    def _connect(self) -> None:
        w = self.window
        images = self.images
        w.image_panel.url_submitted.connect(images.add_text_source)
        w.image_panel.paste_requested.connect(images.paste)
        w.image_panel.remove_requested.connect(images.remove_image)
        w.image_panel.full_resolution_wanted.connect(images._want_full)
        w.image_panel.page_wanted.connect(images.show_pdf_page)
        w.image_panel.pdf_changed.connect(images._pdf_changed)
        w.image_panel.message.connect(w.show_message)
        w.picker.provider_changed.connect(self.select_provider)
        w.picker.refresh_requested.connect(self.refresh_models)

    # ---------------------------------------------------------------- start-up

    async def startup(self, sources: list[str], provider_name: str | None, models: list[str],
                      *, warm_up: bool = True) -> None:
        """Load providers, the images and recent prompts; runs right after the window is shown.

        ``warm_up`` imports the network engine in a worker thread, so the first run does not
        stall the window for the ~100 ms httpx takes to import.
        """
        from visiondesk.config.providers import ProviderStore

        self._warm = warm_up
        store = await asyncio.to_thread(ProviderStore.load)
        self.store = store
        self.providers = store.all()
        wanted: ProviderConfig | None = None
        if provider_name:
            try:
                wanted = store.find(provider_name)
            except Exception as exc:
                self.window.show_message(plain_error(exc), error=True)
        remembered = self.window.settings.last_provider()
        if wanted is None and remembered:
            wanted = next((p for p in self.providers if p.id == remembered), None)
        if wanted is None:
            wanted = store.default()
        self.window.picker.set_providers([(p.id, p.name) for p in self.providers], wanted.id)
        self.select_provider(wanted.id, models or None)
        for source in sources:
            self.add_text_source(source)
        self.spawn("recent", self._load_recent())
        if warm_up:
            self.spawn("warm-up", self._warm_up())
        self.providers_ready.emit()

    def reload_providers(self) -> None:
        """After the settings dialog saved: refresh the chooser, keeping the selection."""
        if self.store is None:
            return
        self.providers = self.store.all()
        current = self.window.picker.current_provider_id()
        self.window.picker.set_providers([(p.id, p.name) for p in self.providers], current)
        pid = self.window.picker.current_provider_id()
        if pid:
            self.select_provider(pid, self.window.picker.checked_models() or None)

    def provider(self, provider_id: str | None = None) -> ProviderConfig | None:
        pid = provider_id or self.window.picker.current_provider_id()
        return next((p for p in self.providers if p.id == pid), None)

    def select_provider(self, provider_id: str, checked: list[str] | None = None) -> None:
        provider = self.provider(provider_id)
        if provider is None:
            return
        self.window.settings.set_last_provider(provider.id)
        remembered = checked if checked is not None else self.window.settings.checked_models(provider.id)
        rows = [ModelRow(m.id, m.vision) for m in provider.models]
        self.window.picker.set_models(rows, remembered)
        self.window.picker.status.setText("")
        self.images.prepare_all()
        if provider.is_local:
            if self._warm:
                self.spawn("warm-ocr", self._warm_ocr())
        else:
            self.spawn("key-check", self._check_key(provider))
        if self._service is not None and not provider.is_local:
            # the first client of a proxy/timeout set builds a TLS context (~50 ms): not on the GUI thread
            self.spawn("warm-client", asyncio.to_thread(self._service.client_for, provider))

    async def _warm_up(self) -> None:
        """Import the engine and build the HTTP client (TLS context) in a worker thread."""
        await asyncio.to_thread(_import_engine)
        if self._service is None:
            from visiondesk.api.service import VisionService
            from visiondesk.config.compat import CompatMemory

            service = await asyncio.to_thread(lambda: VisionService(compat=CompatMemory.load()))
            if self._service is None:
                self._service = service
        provider = self.provider()
        if provider is not None and not provider.is_local:
            await asyncio.to_thread(self._service.client_for, provider)

    async def _warm_ocr(self) -> None:
        """Load the local OCR models in a worker thread, so the first run is quick."""
        from visiondesk.ocr.engine import default_engine

        engine = default_engine()
        if engine.loaded:
            return
        try:
            await engine.load_async()
        except Exception as exc:
            self.window.picker.status.setText(plain_error(exc))

    async def _check_key(self, provider: ProviderConfig) -> None:
        """Say at once when a provider has no key, rather than let a run fail later."""
        from visiondesk.config.keys import resolve_key

        try:
            key = await asyncio.to_thread(resolve_key, provider.id)
        except Exception as exc:  # no keyring at all: that is worth saying too
            key, problem = None, plain_error(exc)
        else:
            problem = ""
        if key or self.window.picker.current_provider_id() != provider.id:
            return
        text = self.tr("{0} has no API key. Add one in Settings (Ctrl+,), or choose "
                       "Local OCR (offline), which needs none.").format(provider.name)
        self.window.picker.status.setText(f"{text} {problem}".strip())
        self.window.show_message(text, error=True)

    def service(self) -> VisionService:
        if self._service is None:
            from visiondesk.api.service import VisionService
            from visiondesk.config.compat import CompatMemory

            self._service = VisionService(compat=CompatMemory.load())
        return self._service

    async def _load_recent(self) -> None:
        from visiondesk.store.history import History

        try:
            prompts = await asyncio.to_thread(History().recent_prompts, 15)
        except Exception as exc:  # a locked or broken history must not block the window
            log.warning("Cannot read recent prompts: %s", exc)
            return
        self.window.prompt.set_recent(prompts)

    # ---------------------------------------------------------------- images in

    def add_mime(self, mime: QMimeData) -> bool:
        """Drops and pastes: local files, image data, image URLs or a path/URL as text."""
        return self.images.add_mime(mime)

    def paste(self) -> None:
        self.images.paste()

    def add_text_source(self, text: str) -> bool:
        return self.images.add_text_source(text)

    def add_path(self, path: str) -> None:
        """A local file: shown once it is known to be an image or a PDF; else only a message."""
        self.images.add_path(path)

    def add_url(self, url: str) -> None:
        self.images.add_url(url)

    def add_bytes(self, data: bytes, label: str) -> None:
        self.images.add_bytes(data, label)

    def add_qimage(self, image: QImage, label: str) -> None:
        self.images.add_qimage(image, label)

    def remove_image(self, entry_id: int) -> None:
        self.images.remove_image(entry_id)

    def show_pdf_page(self, entry_id: int, page: int) -> None:
        self.images.show_pdf_page(entry_id, page)


    # ---------------------------------------------------------------- models

    def refresh_models(self) -> None:
        provider = self.provider()
        if provider is None:
            return
        if provider.is_local:
            self.window.picker.status.setText(self.tr("The local OCR engine has one model."))
            return
        self.window.picker.status.setText(self.tr("Fetching the model list…"))
        self.spawn("models", self._refresh_models(provider))

    async def _refresh_models(self, provider: ProviderConfig) -> None:
        from visiondesk.config.keys import resolve_key

        key = await asyncio.to_thread(resolve_key, provider.id)
        try:
            ids = await self.service().list_models(provider, key)
        except Exception as exc:
            self.window.picker.status.setText(plain_error(exc))
            return
        checked = self.window.picker.checked_models()
        typed = [m for m in self.window.picker.models() if m not in ids]
        assert self.store is not None
        updated = self.store.with_models(provider, [*ids, *typed])
        self.store.put(updated)
        await asyncio.to_thread(self.store.save)
        self.providers = self.store.all()
        self.window.picker.set_models([ModelRow(m.id, m.vision) for m in updated.models], checked)
        self.window.picker.status.setText(self.tr("{0} models").format(len(ids)))

    # ---------------------------------------------------------------- runs

    def run(self) -> None:
        """Ask every checked (provider, model), concurrently: one pane, or a comparison grid
        with a column each. Each model is asked with its own provider's key."""
        from visiondesk.gui.compare_grid import MAX_COLUMNS

        provider = self.provider()
        targets = [t for t in self.window.picker.checked_targets() if self.provider(t.provider_id)]
        prompt = self.window.prompt.prompt()
        if provider is None or not targets:
            self.window.show_message(self.tr("Check at least one model first."), error=True)
            return
        if not self.window.image_panel.entries:
            self.window.show_message(self.tr("Add an image first."), error=True)
            return
        if not prompt:
            prompt = self.window.prompt.template_text("describe")
            self.window.prompt.set_prompt(prompt)
        self.cancel("pane:")
        self.window.settings.set_checked_models(provider.id, self.window.picker.checked_models())
        system = self.window.prompt.system_prompt()
        message = ""
        if len(targets) > MAX_COLUMNS:
            message = self.tr("A comparison holds up to {0} models; the first {0} run.").format(
                MAX_COLUMNS)
            targets = targets[:MAX_COLUMNS]
        panes = self.window.results.prepare(len(targets))
        self._run_specs = {}
        for pane, target in zip(panes, targets, strict=True):
            self._start_pane(pane, RunSpec(target.provider_id, target.model, prompt, system))
        self.window.show_message(message)

    def add_column(self, provider_id: str, model: str) -> ResultPane | None:
        """Add a model to the comparison and run it alone; the other columns keep their answers."""
        from visiondesk.gui.compare_grid import MAX_COLUMNS

        results = self.window.results
        if len(results.panes) >= MAX_COLUMNS:
            self.window.show_message(self.tr("A comparison holds up to {0} models.").format(
                MAX_COLUMNS), error=True)
            return None
        if not self.window.image_panel.entries:
            self.window.show_message(self.tr("Add an image first."), error=True)
            return None
        prompt = self.comparison_prompt() or self.window.prompt.prompt() or \
            self.window.prompt.template_text("describe")
        system = next(iter(self._run_specs.values())).system if self._run_specs else \
            self.window.prompt.system_prompt()
        pane = results.add_pane()
        self._start_pane(pane, RunSpec(provider_id, model, prompt, system))
        return pane

    def comparison_prompt(self) -> str:
        """The prompt the current panes were asked (the first run's)."""
        return next(iter(self._run_specs.values())).prompt if self._run_specs else ""

    def rerun_pane(self, pane: ResultPane) -> None:
        spec = self._run_specs.get(pane.run_key)
        if spec is not None and pane in self.window.results.panes:
            self._start_pane(pane, spec)

    def stop_pane(self, pane: ResultPane) -> None:
        self.cancel(f"pane:{pane.run_key}")

    def _stop_sender(self) -> None:
        """A pane's Stop (slots read the sender: no lambda keeps the pane alive)."""
        from visiondesk.gui.result_pane import ResultPane

        pane = self.sender()
        if isinstance(pane, ResultPane):
            self.stop_pane(pane)

    def _rerun_sender(self) -> None:
        from visiondesk.gui.result_pane import ResultPane

        pane = self.sender()
        if isinstance(pane, ResultPane):
            self.rerun_pane(pane)

    def remove_pane(self, pane: ResultPane) -> None:
        """Take a column out of the comparison, stopping it if it still runs."""
        self.cancel(f"pane:{pane.run_key}")
        self._run_specs.pop(pane.run_key, None)
        self.window.results.remove_pane(pane)
        self.compare.refresh_agreement()

    def stop(self) -> int:
        """Esc: cancel every running model; text received so far stays."""
        return self.cancel("pane:")

    def _start_pane(self, pane: ResultPane, spec: RunSpec) -> None:
        provider = self.provider(spec.provider_id)
        if provider is None:
            return
        self._run_specs[pane.run_key] = spec
        prices = provider.model(spec.model)
        pane.start(spec.model, provider.name, prices=(prices.price_input, prices.price_output))
        self.window.results.describe(pane, local=provider.is_local)
        _connect_once(pane, self)
        self.spawn(f"pane:{pane.run_key}",
                   self._run_pane(pane, provider, spec.model, spec.prompt, spec.system))

    async def _run_pane(self, pane: ResultPane, provider: ProviderConfig, model: str, prompt: str,
                        system: str | None) -> None:
        from visiondesk.api.runner import run_job
        from visiondesk.config.keys import resolve_key
        from visiondesk.core.errors import AnalysisError, ErrorKind
        from visiondesk.core.events import Failed, Finished, Status
        from visiondesk.core.request import AnalysisRequest, ApiStyle, GenerationOptions
        from visiondesk.core.result import AnalysisResult

        entries = self.window.image_panel.entries
        result = AnalysisResult(source=", ".join(e.label for e in entries), model=model,
                                provider=provider.name)
        api, effort, stream = self.window.picker.options()
        if api and not provider.is_local:
            provider = replace(provider, api_style=ApiStyle(api))
        try:
            max_side = provider.max_side_for(model)
            images = []
            sources = []
            for entry in entries:
                for page, prepared in await self.images.inputs(entry, max_side, provider):
                    images.append(prepared)
                    sources.append((entry.id, page, prepared))
                    result.sent_image = prepared.describe()
            key = None if provider.is_local else await asyncio.to_thread(resolve_key, provider.id)
        except asyncio.CancelledError:
            self._emit(pane, result, Finished(Status.CANCELLED))
            raise
        except AnalysisError as exc:
            self._emit(pane, result, Failed(exc))
            return
        except Exception as exc:
            self._emit(pane, result, Failed(AnalysisError(ErrorKind.IMAGE, plain_error(exc))))
            return
        options = GenerationOptions(reasoning_effort=effort, stream=stream,
                                    reasoning_summary="auto" if effort else None)
        request = AnalysisRequest(model=model, prompt=prompt, images=tuple(images), system=system,
                                  options=options, capture_raw=True)
        try:
            on_event = (self.images.ocr_observer(pane.on_event, sources) if provider.is_local
                        else pane.on_event)
            await run_job(self.service(), provider, request, key, result, on_event)
        finally:
            if not self._closing:
                self.spawn(f"history:{id(result)}", self._save_history(prompt, result))

    @staticmethod
    def _emit(pane: ResultPane, result: AnalysisResult, event: Any) -> None:
        result.apply(event)
        pane.on_event(result, event)

    async def _save_history(self, prompt: str, result: AnalysisResult) -> None:
        from visiondesk.store.history import History

        try:
            history = History()
            await asyncio.to_thread(history.add, prompt, [result])
            prompts = await asyncio.to_thread(history.recent_prompts, 15)
        except Exception as exc:
            log.warning("Cannot write history: %s", exc)
            return
        self.window.prompt.set_recent(prompts)

    # ---------------------------------------------------------------- settings helpers

    def call(self, name: str, coro: Coroutine[Any, Any, Any],
             on_done: Callable[[Any], None], on_error: Callable[[str], None] | None = None) -> None:
        """Run ``coro`` as a named task and hand its result (or a readable error) to a callback."""

        async def wrapper() -> None:
            try:
                value = await coro
            except asyncio.CancelledError:
                raise
            except Exception as exc:
                if on_error is not None:
                    on_error(plain_error(exc))
                else:
                    raise
                return
            on_done(value)

        self.spawn(name, wrapper())


def _import_engine() -> None:
    import visiondesk.api.runner
    import visiondesk.api.service
    import visiondesk.config.keys
    import visiondesk.core.text  # noqa: F401


def _connect_once(pane: ResultPane, controller: Controller) -> None:
    """Connect a pane's buttons to the controller once, however many runs it shows."""
    if pane.property("vdConnected"):
        return
    pane.setProperty("vdConnected", True)
    pane.stop_requested.connect(controller._stop_sender)
    pane.rerun_requested.connect(controller._rerun_sender)
    pane.finished.connect(controller.compare.refresh_agreement)
