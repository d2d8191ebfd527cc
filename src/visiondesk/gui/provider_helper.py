"""The chosen provider's side of the window: its model list (fetched from the server and saved),
whether it has a key (said at once, not when a run fails), and warming its engine up.

Narrow collaborators: the model picker, the runner (keys, model lists), the task owner, the
provider store, and a way to say something.
"""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject

from visiondesk.gui.error_text import error_text
from visiondesk.gui.model_picker import ModelRow

if TYPE_CHECKING:
    from visiondesk.config.providers import ProviderConfig, ProviderStore
    from visiondesk.gui.model_picker import ModelPicker
    from visiondesk.gui.tasks import TaskOwner
    from visiondesk.session.runner import Runner


class ProviderHelper(QObject):
    def __init__(self, picker: ModelPicker, runner: Callable[[], Runner], tasks: TaskOwner,
                 store: Callable[[], ProviderStore | None],
                 providers_changed: Callable[[list[ProviderConfig]], None],
                 say: Callable[[str, bool], None], parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.picker = picker
        self._runner = runner   # made with its first use
        self.tasks = tasks
        self._store = store
        self._providers_changed = providers_changed
        self._say = say
        self._warned: set[str] = set()  # providers we said have no key

    @property
    def runner(self) -> Runner:
        return self._runner()

    def check_key(self, provider: ProviderConfig) -> None:
        self.tasks.spawn(("key-check",), self._check_key(provider))

    def warm_ocr(self) -> None:
        self.tasks.spawn(("warm", "ocr"), self._warm_ocr())

    def refresh_models(self, provider: ProviderConfig | None) -> None:
        if provider is None:
            return
        if provider.is_local:
            self.picker.status.setText(self.tr("The local OCR engine has one model."))
            return
        self.picker.status.setText(self.tr("Fetching the model list…"))
        self.tasks.spawn(("models",), self._refresh_models(provider))

    async def _warm_ocr(self) -> None:
        """Load the local OCR models in a worker thread, so the first run is quick."""
        from visiondesk.ocr.engine import default_engine

        engine = default_engine()
        if not engine.loaded:
            try:
                await engine.load_async()
            except Exception as exc:
                self.picker.status.setText(error_text(exc))

    async def _check_key(self, provider: ProviderConfig) -> None:
        """Say at once when a provider has no key, rather than let a run fail later."""
        try:
            key = await self.runner.resolve_key(provider)
        except Exception as exc:  # no keyring at all: that is worth saying too
            key, problem = None, error_text(exc)
        else:
            problem = ""
        if self.picker.current_provider_id() != provider.id:
            return
        if key:
            if provider.id in self._warned:  # a key was added since: the warning would mislead
                self._warned.discard(provider.id)
                self.picker.status.setText("")
                self._say("", False)
            return
        self._warned.add(provider.id)
        text = self.tr("{0} has no API key. Add one in Settings (Ctrl+,), or choose "
                       "Local OCR (offline), which needs none.").format(provider.name)
        self.picker.status.setText(f"{text} {problem}".strip())
        self._say(text, True)

    async def _refresh_models(self, provider: ProviderConfig) -> None:
        picker = self.picker
        store = self._store()
        try:
            ids = await self.runner.list_models(provider.id)
        except Exception as exc:
            picker.status.setText(error_text(exc))
            return
        checked = picker.checked_models()
        typed = [m for m in picker.models() if m not in ids]
        assert store is not None
        updated = store.with_models(provider, [*ids, *typed])
        store.put(updated)
        await asyncio.to_thread(store.snapshot().save)  # not the live store: the GUI may change it
        self._providers_changed(store.all())
        picker.set_models([ModelRow(m.id, m.vision) for m in updated.models], checked)
        picker.status.setText(self.tr("{0} models").format(len(ids)))
