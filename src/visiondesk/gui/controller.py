"""The window's controller: wires the widgets' intents to the session layer and pushes state back.

It owns the session objects of the window (one ``Workspace``, one ``Runner``), a ``TaskOwner``
that keeps every task, and the helpers that do the work with narrow collaborators: the
``ImageLoader`` (images in), the ``RunController`` (panes and their runs) and the
``ComparisonController`` (adding models, agreement, export). Widgets never call it: they emit
signals, connected here. Engine modules are imported after the window is shown; blocking calls
(keyring, TOML, SQLite) go through ``asyncio.to_thread``.
"""

from __future__ import annotations

import asyncio
import logging
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Signal

from visiondesk.gui.compare_controller import ComparisonController
from visiondesk.gui.error_text import error_text
from visiondesk.gui.fields_option import FieldsHelper
from visiondesk.gui.image_loading import ImageLoader
from visiondesk.gui.model_picker import ModelRow
from visiondesk.gui.provider_helper import ProviderHelper
from visiondesk.gui.run_controller import RunController
from visiondesk.gui.tasks import TaskOwner

if TYPE_CHECKING:
    from visiondesk.config.compat import CompatMemory
    from visiondesk.config.providers import ProviderConfig, ProviderStore
    from visiondesk.gui.history_helper import HistoryHelper
    from visiondesk.gui.main_window import MainWindow
    from visiondesk.session.keys import KeyPolicy
    from visiondesk.session.plan import RunPlan
    from visiondesk.session.runner import Runner
    from visiondesk.session.workspace import Workspace

log = logging.getLogger(__name__)


class Controller(QObject):
    providers_ready = Signal()

    def __init__(self, window: MainWindow) -> None:
        super().__init__(window)
        self.window = window
        self.tasks = TaskOwner(self)
        self.store: ProviderStore | None = None
        self.providers: list[ProviderConfig] = []
        # Made when first needed (a run, a key check, the first image), not while the window starts.
        self._runner: Runner | None = None
        self._workspace: Workspace | None = None
        self._keys: KeyPolicy | None = None
        self._warm = True  # warm engines up in the background (not for --screenshot)
        self.images = ImageLoader(window.image_panel, lambda: self.workspace, self.tasks, self._say,
                                  self.provider, self._max_side, self)
        self.provider_helper = ProviderHelper(window.picker, lambda: self.runner, self.tasks,
                                              lambda: self.store, self._set_providers, self._say, self)
        self.runs = RunController(window.results, lambda: self.runner, self.images, self.tasks,
                                  self._say, self)
        self.compare = ComparisonController(window, self.runs, self.tasks, self._say,
                                            lambda: self.providers, self._plan, self)
        self._history: HistoryHelper | None = None  # made when first needed (Ctrl+H, reopen)
        self.fields = FieldsHelper(window.fields_button, self.tasks, self._say, self)
        self._connect()

    def _connect(self) -> None:
        w = self.window
        self.tasks.failed.connect(lambda text: w.show_message(text, error=True))
        self.tasks.busy_changed.connect(w.set_busy)
        w.run_requested.connect(self.run)
        w.stop_requested.connect(self.stop)
        w.paste_requested.connect(self.images.paste)
        w.image_panel.paste_requested.connect(self.images.paste)
        w.image_panel.message.connect(w.show_message)
        w.files_chosen.connect(self._add_paths)
        w.mime_dropped.connect(self._dropped)
        w.settings_requested.connect(self.open_settings)
        w.batch_requested.connect(self.open_batch)
        w.capture_requested.connect(self.capture)
        w.capture_copy_requested.connect(self.capture_and_copy)
        w.history_requested.connect(lambda: self.history.toggle())
        self.runs.ran.connect(self._run_recorded)
        w.picker.provider_changed.connect(self.select_provider)
        for changed in (w.picker.checked_changed, w.picker.provider_changed, w.image_panel.selected,
                        w.files_chosen, w.mime_dropped, w.paste_requested):
            changed.connect(w.clear_error)
        w.picker.refresh_requested.connect(self.refresh_models)
        self.runs.pane_finished.connect(self.compare.refresh_agreement)
        self.runs.ran.connect(lambda: self.tasks.spawn(("recent",), self._load_recent()))

    @property
    def runner(self) -> Runner:
        """The window's runner, made with its first use (its module brings the key store)."""
        if self._runner is None:
            from visiondesk.session.backends import Backends
            from visiondesk.session.runner import Runner

            self._runner = Runner(self.providers, backends=Backends(), keys=self._keys)
        return self._runner

    @property
    def workspace(self) -> Workspace:
        """The window's sources, made with the first image."""
        if self._workspace is None:
            from visiondesk.session.workspace import Workspace

            self._workspace = Workspace(downloader=self._download)
        return self._workspace

    @property
    def history(self) -> HistoryHelper:
        """The history panel's helper; its module (SQLite, the panel's widgets) loads on first use,
        not while the window starts."""
        if self._history is None:
            from visiondesk.gui.history_helper import HistoryHelper

            self._history = HistoryHelper(self.window, self.runs, self.images, self.tasks, self._say,
                                          lambda: self.providers, self.select_provider, parent=self)
        return self._history

    def _run_recorded(self) -> None:
        if self._history is not None:  # no helper yet: no panel open to refresh
            self._history.run_recorded()

    def _say(self, text: str, error: bool = False) -> None:
        self.window.show_message(text, error=error)

    # ---------------------------------------------------------------- start-up and shutdown

    async def startup(self, sources: list[str], provider_name: str | None, models: list[str],
                      *, warm_up: bool = True) -> None:
        """Load providers, the images and recent prompts; runs right after the window is shown.

        ``warm_up`` is for a window a person will use: it imports the network engine in a worker
        thread, so the first run does not stall the window for the ~100 ms httpx takes to import,
        and reads the recent prompts. A render (``--screenshot``) and the tests go without."""
        from visiondesk.config.providers import ProviderStore

        self._warm = warm_up
        store = await asyncio.to_thread(ProviderStore.load)
        self.store = store
        self._set_providers(store.all())
        for problem in store.problems:
            self._say(problem, True)
        wanted: ProviderConfig | None = None
        if provider_name:
            try:
                wanted = store.find(provider_name)
                # VISIONDESK_API_KEY goes to the provider named on the command line, and no other.
                from visiondesk.session.keys import KeyPolicy

                self._keys = KeyPolicy(generic_for=wanted.id)
                if self._runner is not None:
                    self._runner.keys = self._keys
            except Exception as exc:
                self._say(error_text(exc), True)
        remembered = self.window.settings.last_provider()
        if wanted is None and remembered:
            wanted = next((p for p in self.providers if p.id == remembered), None)
        wanted = wanted or store.default()
        self.window.picker.set_providers([(p.id, p.name) for p in self.providers], wanted.id)
        self.select_provider(wanted.id, models or None)
        for source in sources:
            self.images.add_text_source(source)
        if warm_up:
            self.tasks.spawn(("recent",), self._load_recent())
            self.tasks.spawn(("warm", "up"), self._warm_up())
        self.providers_ready.emit()

    async def shutdown(self) -> None:
        """Cancel everything, wait for history, close every connection while the loop runs."""
        await self.tasks.shutdown()
        if self._runner is not None:
            await self._runner.aclose()

    async def wait_idle(self, kind: str = "") -> None:
        """Until no task of ``kind`` ("image", "pane", "agreement", "warm"…) runs."""
        if kind == "pane":
            await self.tasks.wait_idle(("start",))  # a run resolves its images before its panes
        await self.tasks.wait_idle((kind,) if kind else ())

    def _set_providers(self, providers: list[ProviderConfig]) -> None:
        self.providers = providers
        if self._runner is not None:
            self._runner.set_providers(providers)

    def reload_providers(self) -> None:
        """After the settings dialog saved: refresh the chooser, keeping the selection."""
        if self.store is None:
            return
        self._set_providers(self.store.all())
        current = self.window.picker.current_provider_id()
        self.window.picker.set_providers([(p.id, p.name) for p in self.providers], current)
        pid = self.window.picker.current_provider_id()
        if pid:
            self.select_provider(pid, self.window.picker.checked_models() or None)

    def provider(self, provider_id: str | None = None) -> ProviderConfig | None:
        pid = provider_id or self.window.picker.current_provider_id()
        return next((p for p in self.providers if p.id == pid), None)

    def _max_side(self) -> int:
        from visiondesk.core.inputs import DEFAULT_MAX_SIDE

        provider = self.provider()
        models = self.window.picker.checked_models()
        if provider is None:
            return DEFAULT_MAX_SIDE
        return provider.max_side_for(models[0]) if models else provider.max_side

    def select_provider(self, provider_id: str, checked: list[str] | None = None) -> None:
        provider = self.provider(provider_id)
        if provider is None:
            return
        picker = self.window.picker
        self.window.settings.set_last_provider(provider.id)
        remembered = checked if checked is not None else self.window.settings.checked_models(provider.id)
        picker.set_models([ModelRow(m.id, m.vision) for m in provider.models], remembered)
        picker.set_local(provider.is_local)
        picker.status.setText("")
        self.images.prepare_all()
        if provider.is_local:
            if self._warm:
                self.provider_helper.warm_ocr()
            return
        self.provider_helper.check_key(provider)
        if not provider.models:  # nothing to choose from: ask the server once, by itself
            self.refresh_models()
        if self._warm:  # the first client of a proxy/timeout set builds a TLS context (~50 ms)
            self.tasks.spawn(("warm", "client"),
                             asyncio.to_thread(self.runner.backends.http().client_for, provider))

    async def _warm_up(self) -> None:
        """Import the engine and read the remembered server quirks in a worker thread."""
        self.runner.backends.use_compat(await asyncio.to_thread(_import_engine_and_load_compat))

    async def _load_recent(self) -> None:
        try:
            prompts = await asyncio.to_thread(_recent_prompts)
        except Exception as exc:  # a locked or broken history must not block the window
            log.warning("Cannot read recent prompts: %s", exc)
            return
        self.window.prompt.set_recent(prompts)

    async def _download(self, url: str, provider: ProviderConfig) -> bytes:
        from visiondesk.session.downloads import download

        return await download(url, provider, self.runner.backends)

    # ---------------------------------------------------------------- intents

    def refresh_models(self) -> None:
        self.provider_helper.refresh_models(self.provider())

    def add_path(self, path: str) -> None:
        self.images.add_path(path)

    def _add_paths(self, paths: list[str]) -> None:
        for path in paths:
            self.images.add_path(path)

    def _dropped(self, mime: object) -> None:
        from PySide6.QtCore import QMimeData

        if not isinstance(mime, QMimeData) or not self.images.add_mime(mime):
            self._say(self.tr("Drop an image file, an image or an image URL."), True)

    def _plan(self) -> RunPlan:
        """The run plan of the window's current choices (models, prompts, options, split)."""
        from visiondesk.core.request import ApiStyle, GenerationOptions
        from visiondesk.session.plan import ModelTarget, RunPlan

        picker, prompt = self.window.picker, self.window.prompt
        api, effort, stream = picker.options()
        text = prompt.prompt() or prompt.template_text("describe")
        return RunPlan(
            targets=tuple(ModelTarget(t.provider_id, t.model) for t in picker.checked_targets()
                          if self.provider(t.provider_id)),
            prompt=text, system=prompt.system_prompt(), capture_raw=True, split=picker.split(),
            options=GenerationOptions(reasoning_effort=effort, stream=stream,
                                      reasoning_summary="auto" if effort else None,
                                      response_schema=self.fields.schema),
            api=ApiStyle(api) if api else None)

    def run(self) -> None:
        """Ask every checked (provider, model), concurrently, each with its own provider's key."""
        from visiondesk.gui.compare_grid import MAX_COLUMNS

        plan = self._plan()
        provider = self.provider()
        if provider is None or not plan.targets:
            self._say(self.tr("Check at least one model first."), True)
            return
        if not self.window.prompt.prompt():
            self.window.prompt.set_prompt(plan.prompt)
        self.window.settings.set_checked_models(provider.id, self.window.picker.checked_models())
        self.tasks.spawn(("start",), self.runs.run(plan, MAX_COLUMNS))

    def stop(self) -> None:
        if self.runs.stop_all():
            self._say(self.tr("Stopped."))

    def capture(self) -> None:
        from visiondesk.gui.capture_flow import capture_into

        self.tasks.spawn(("capture",), capture_into(self.window, self.images, self._say))

    def capture_and_copy(self) -> None:
        from visiondesk.gui.capture_flow import capture_and_copy

        provider = self.provider()
        local = provider is not None and provider.is_local
        self.tasks.spawn(("capture",), capture_and_copy(self.window, self.images, self.runner,
                                                        self._say, local_ocr=local))

    def open_batch(self) -> None:
        from visiondesk.gui.dialogs import open_batch_dialog

        paths = [s.path for s in self.workspace.sources if s.path]  # the window's files
        open_batch_dialog(self.window, self.runner, self._plan(), self.tasks, self._download, paths)

    def open_settings(self) -> None:
        from visiondesk.gui.dialogs import open_settings_dialog

        if self.store is None:
            self._say(self.tr("Still loading the providers…"), True)
            return
        open_settings_dialog(self.window, self.store, self.tasks, self.runner, self.reload_providers)

def _recent_prompts() -> list[str]:
    from visiondesk.store.history import History  # SQLite and the schema: in the worker

    return History().recent_prompts(15)


def _import_engine_and_load_compat() -> CompatMemory:
    import visiondesk.core.text  # noqa: F401  (the answer panes' text tools)
    from visiondesk.config.compat import CompatMemory
    from visiondesk.core.markdown_html import warm_up as warm_up_markdown
    from visiondesk.session.runner import import_run_machinery

    import_run_machinery()
    warm_up_markdown()
    return CompatMemory.load()
