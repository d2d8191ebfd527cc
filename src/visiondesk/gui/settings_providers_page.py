"""The Providers page: the list, New / New from preset / Remove, the chosen provider's form and
Save.

Built-in providers (the presets and Local OCR) cannot be removed: Remove is disabled with the
reason in its tooltip. Removing one of the person's own asks first, naming it, and deletes its
key from the keyring too. A new provider exists only once saved; until then the list shows
nothing chosen and the form shows greyed examples.
"""

from __future__ import annotations

import asyncio
import contextlib
from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, Qt
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QMenu,
    QMessageBox,
    QPushButton,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from visiondesk.gui.settings_provider_form import ProviderForm
from visiondesk.gui.settings_services import _to_thread

if TYPE_CHECKING:
    from collections.abc import Callable

    from visiondesk.config.providers import ProviderConfig
    from visiondesk.gui.settings_services import SettingsServices

ERROR_STYLE = "color: #c62828;"


def display_name(provider: ProviderConfig) -> str:
    """The provider's name; the built-ins' own names in the window's language."""
    from visiondesk.gui.display_names import provider_name

    return provider_name(provider.name)


def builtin_ids() -> set[str]:
    from visiondesk.config.providers import LOCAL_OCR_ID, PRESETS

    return {LOCAL_OCR_ID, *(p.id for p in PRESETS)}


class ProvidersPage(QWidget):
    def __init__(self, services: SettingsServices, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("providersPage")
        self.services = services
        self.confirm: QMessageBox | None = None
        row = QHBoxLayout(self)
        left = QVBoxLayout()
        self.provider_list = QListWidget()
        self.provider_list.setObjectName("providerList")
        self.provider_list.currentItemChanged.connect(self._chosen)
        left.addWidget(self.provider_list, 1)
        buttons = QHBoxLayout()
        self.new_button = QPushButton()
        self.new_button.setObjectName("newProviderButton")
        self.new_button.clicked.connect(lambda: self.start_new(None))
        self.preset_button = QToolButton()
        self.preset_button.setObjectName("presetButton")
        self.preset_button.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        self.preset_menu = QMenu(self)
        self.preset_button.setMenu(self.preset_menu)
        self.remove_button = QPushButton()
        self.remove_button.setObjectName("removeProviderButton")
        self.remove_button.clicked.connect(self.ask_remove)
        for button in (self.new_button, self.preset_button, self.remove_button):
            buttons.addWidget(button)
        left.addLayout(buttons)
        row.addLayout(left, 1)

        right = QVBoxLayout()
        self.form = ProviderForm(services)
        right.addWidget(self.form, 1)
        bottom = QHBoxLayout()
        self.status = QLabel()
        self.status.setObjectName("providerStatus")
        self.status.setWordWrap(True)
        self.save_button = QPushButton()
        self.save_button.setObjectName("saveProviderButton")
        self.save_button.setDefault(False)
        self.save_button.setAutoDefault(False)
        self.save_button.clicked.connect(self.save)
        self.reset_button = QPushButton()
        self.reset_button.setObjectName("resetProviderButton")
        self.reset_button.setAutoDefault(False)
        self.reset_button.clicked.connect(self.ask_reset)
        bottom.addWidget(self.status, 1)
        bottom.addWidget(self.reset_button)
        bottom.addWidget(self.save_button)
        right.addLayout(bottom)
        row.addLayout(right, 3)
        self.retranslate()
        self.fill(services.current_provider_id)

    def retranslate(self) -> None:
        from visiondesk.config.providers import PRESETS

        self.new_button.setText(self.tr("New"))
        self.preset_button.setText(self.tr("From preset"))
        self.preset_button.setToolTip(self.tr("A new provider that starts from a built-in one "
                                              "(for a second account, say)"))
        self.remove_button.setText(self.tr("Remove"))
        self.save_button.setText(self.tr("Save provider"))
        self.reset_button.setText(self.tr("Restore defaults"))
        self.preset_menu.clear()
        for preset in PRESETS:
            action = self.preset_menu.addAction(display_name(preset))
            action.triggered.connect(lambda _c=False, p=preset: self.start_new(p))
        for index in range(self.provider_list.count()):
            item = self.provider_list.item(index)
            provider = self._provider_of(item)
            if provider is not None:
                item.setText(display_name(provider))
        self._update_remove()

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    # ---------------------------------------------------------------- the list

    def fill(self, select: str | None) -> None:
        chosen = self._rebuild(select, keep_current=False)
        if chosen is not None:
            self.provider_list.setCurrentItem(chosen)
        elif self.provider_list.count():
            self.provider_list.setCurrentRow(0)

    def _rebuild(self, select: str | None, keep_current: bool) -> QListWidgetItem | None:
        """The list anew, quietly; ``keep_current`` marks ``select`` current without showing it
        again (the form keeps what is being typed)."""
        self.provider_list.blockSignals(True)
        self.provider_list.clear()
        chosen = None
        for provider in self.services.store.all():
            item = QListWidgetItem(display_name(provider))
            item.setData(Qt.ItemDataRole.UserRole, provider.id)
            item.setToolTip(provider.id)
            self.provider_list.addItem(item)
            if provider.id == select:
                chosen = item
        if keep_current and chosen is not None:
            self.provider_list.setCurrentItem(chosen)
        self.provider_list.blockSignals(False)
        return chosen

    def _provider_of(self, item: QListWidgetItem | None) -> ProviderConfig | None:
        from visiondesk.core.errors import AnalysisError

        if item is None:
            return None
        try:
            return self.services.store.find(str(item.data(Qt.ItemDataRole.UserRole)))
        except AnalysisError:
            return None

    def _chosen(self, item: QListWidgetItem | None, _previous: object = None) -> None:
        provider = self._provider_of(item)
        if provider is None:
            return
        self._say("")
        self.save_pending()
        self.form.show_provider(provider)
        self.save_button.setVisible(not provider.is_local)
        self._update_remove()

    def _update_remove(self) -> None:
        current = None if self.form.is_new else self.form.current
        if current is None:
            self.remove_button.setEnabled(False)
            self.remove_button.setToolTip(self.tr("Choose a provider you added to remove it"))
        elif current.id in builtin_ids():
            self.remove_button.setEnabled(False)
            self.remove_button.setToolTip(self.tr(
                "“{0}” is built in and cannot be removed; its settings can still be changed.")
                .format(display_name(current)))
        else:
            self.remove_button.setEnabled(True)
            self.remove_button.setToolTip(self.tr("Remove “{0}” and its key").format(current.name))
        changed = self._changed_preset()
        self.reset_button.setVisible(changed is not None)
        if changed is not None:
            self.reset_button.setToolTip(self.tr("Undo your changes to “{0}”: its built-in "
                                                 "settings come back, its key stays.")
                                         .format(display_name(changed)))

    def _changed_preset(self) -> ProviderConfig | None:
        """The provider shown, when it is a built-in preset the person has changed."""
        from visiondesk.config.providers import PRESETS

        current = None if self.form.is_new else self.form.current
        if current is None or current.id not in self.services.store.custom:
            return None
        return current if any(p.id == current.id for p in PRESETS) else None
    # ---------------------------------------------------------------- new, save, remove

    def start_new(self, preset: ProviderConfig | None) -> None:
        """An empty form (greyed examples), or one filled from ``preset``; nothing is created
        until Save."""
        from visiondesk.config.providers import ProviderConfig

        self._say("")
        self.save_pending()
        self.provider_list.blockSignals(True)
        self.provider_list.setCurrentRow(-1)
        self.provider_list.clearSelection()
        self.provider_list.blockSignals(False)
        if preset is None:
            provider = ProviderConfig(id="", name="", base_url="")
        else:
            provider = ProviderConfig(id="", name=display_name(preset), base_url=preset.base_url,
                                      api_style=preset.api_style, models=preset.models,
                                      currency=preset.currency)
        self.form.show_provider(provider, new=True)
        self.save_button.setVisible(True)
        self._update_remove()
        if not self.status.text():
            self._say(self.tr("Fill in the new provider, then press Save provider."))
        self.form.name_field.setFocus()

    def save(self) -> None:
        try:
            provider = self.form.provider()
        except ValueError as exc:
            self._say(str(exc), error=True)
            return
        self._store(provider, show=True)

    def save_pending(self) -> None:
        """Edits are kept when the person moves on (another provider, New, Close), as in
        Cherry Studio; what cannot be saved is said, never dropped silently."""
        form = self.form
        current = form.current
        if current is None or current.is_local:
            return
        if form.is_new and not (form.name_field.text().strip() or form.url_field.text().strip()):
            return  # a New form nobody filled in
        try:
            provider = form.provider()
        except ValueError as exc:
            name = form.name_field.text().strip() or current.name or self.tr("the new provider")
            self._say(self.tr("Changes to “{0}” were not saved: {1}").format(name, exc), error=True)
            return
        if form.is_new or provider != current:
            self._store(provider, show=False)

    def _store(self, provider: ProviderConfig, show: bool) -> None:
        """Put ``provider`` in the store and write the file; ``show``: choose it in the list
        afterwards (an explicit Save), else leave the person where they went."""
        store = self.services.store
        store.put(provider)  # the form already refused what put would refuse
        if show:
            self.form.mark_saved(provider)

        def saved(_value: object) -> None:
            self.services.providers_changed()
            if show:
                self.fill(provider.id)
            else:
                chosen = self.provider_list.currentItem()
                self._rebuild(chosen.data(Qt.ItemDataRole.UserRole) if chosen else None, True)
            self._say(self.tr("Saved “{0}”.").format(provider.name))

        self.services.call("save", self._write(store.snapshot()), saved,
                           lambda message: self._say(message, error=True))

    async def _write(self, snapshot: object) -> None:
        from visiondesk.core.errors import AnalysisError

        try:
            await _to_thread(snapshot.save)  # type: ignore[attr-defined]
        except AnalysisError:
            raise RuntimeError(self.tr("The settings file could not be written: {0}").format(
                str(getattr(snapshot, "path", "")))) from None

    def ask_remove(self) -> None:
        provider = self.form.current
        if provider is None or self.form.is_new or provider.id in builtin_ids():
            return
        self._confirm("removeConfirm", self.tr("Remove provider"),
                      self.tr("Remove “{0}” (ID {1})? Its settings and its key in the OS "
                              "keyring are deleted.").format(provider.name, provider.id),
                      self.tr("Remove"), lambda: self.remove(provider.id))

    def ask_reset(self) -> None:
        provider = self._changed_preset()
        if provider is None:
            return
        self._confirm("resetConfirm", self.tr("Restore defaults"),
                      self.tr("Restore “{0}” to its built-in settings? Your changes to it are "
                              "lost; its key stays.").format(display_name(provider)),
                      self.tr("Restore defaults"), lambda: self.reset(provider.id))

    def _confirm(self, name: str, title: str, text: str, action: str,
                 confirmed: Callable[[], None]) -> None:
        """Ask a question (Cancel by default, ``action`` on the other button); window-modal, so
        the dialog stays responsive. ``self.confirm`` is the open box (tests answer it)."""
        box = QMessageBox(QMessageBox.Icon.Question, title, text,
                          QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.Cancel, self)
        box.setObjectName(name)
        box.setDefaultButton(QMessageBox.StandardButton.Cancel)
        yes = box.button(QMessageBox.StandardButton.Yes)
        yes.setText(action)
        box.buttonClicked.connect(lambda button: confirmed() if button is yes else None)
        box.finished.connect(box.deleteLater)
        self.confirm = box
        box.open()

    def reset(self, provider_id: str) -> None:
        store = self.services.store
        store.remove(provider_id)  # drops the person's copy; the preset shows through again
        self.form.show_provider(store.find(provider_id))  # nothing left pending to save back

        def restored(_value: object) -> None:
            self.services.providers_changed()
            self.fill(provider_id)
            self._say(self.tr("Restored the built-in settings."))

        self.services.call("save", self._write(store.snapshot()), restored,
                           lambda message: self._say(message, error=True))

    def remove(self, provider_id: str) -> None:
        from visiondesk.config.keys import delete_key

        store = self.services.store
        store.remove(provider_id)
        snapshot = store.snapshot()

        async def work() -> None:
            await self._write(snapshot)
            # The provider is gone either way; a keyring that refuses keeps one orphaned entry.
            with contextlib.suppress(Exception):
                await asyncio.to_thread(delete_key, provider_id)

        def removed(_value: object) -> None:
            self.services.providers_changed()
            self.fill(None)
            self._say(self.tr("Removed."))

        self.services.call("save", work(), removed, lambda message: self._say(message, error=True))

    def _say(self, text: str, error: bool = False) -> None:
        self.status.setText(text)
        self.status.setStyleSheet(ERROR_STYLE if error else "")
