"""Settings: General (the interface language, where keys are kept) and Providers (the list,
each provider's connection, key, models with prices, and a connection test).

Blocking or network work (keyring, saving TOML, the connection test) runs as tasks of the
window's task owner, through the narrow services the dialog is given (``SettingsServices``);
the dialog never sees the window's controller. The pages live in their own modules:
``settings_providers_page`` (list, New, Remove, Save), ``settings_provider_form`` (one
provider), ``settings_key_form``, ``settings_models_table``, ``settings_connection_test``.
"""

from __future__ import annotations

import asyncio
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QEvent, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QSizePolicy,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from visiondesk.gui.i18n import LANGUAGES
from visiondesk.gui.settings_providers_page import ProvidersPage

if TYPE_CHECKING:
    from visiondesk.config.keys import KeyringStatus
    from visiondesk.gui.settings_services import SettingsServices

TAB_GENERAL, TAB_PROVIDERS = range(2)


class SettingsDialog(QDialog):
    language_requested = Signal(str)   # "" = follow the system

    def __init__(self, services: SettingsServices, parent: QWidget) -> None:
        super().__init__(parent)
        self.setObjectName("settingsDialog")
        self.services = services
        self._keyring: KeyringStatus | None = None
        self._build()
        self.retranslate()
        self.tabs.setCurrentIndex(TAB_PROVIDERS)
        self.resize(920, 640)
        services.call("keyring", self._keyring_status(), self._show_keyring_status)

    def _build(self) -> None:
        layout = QVBoxLayout(self)
        self.tabs = QTabWidget()
        layout.addWidget(self.tabs)

        general = QWidget()
        general_form = QFormLayout(general)
        self.language_combo = QComboBox()
        self.language_combo.setObjectName("languageCombo")
        self.language_combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
        self.language_combo.setSizePolicy(QSizePolicy.Policy.Fixed, QSizePolicy.Policy.Fixed)
        self.language_combo.activated.connect(self._language_chosen)
        self._language_label = QLabel()
        general_form.addRow(self._language_label, self.language_combo)
        self.keyring_label = QLabel()
        self.keyring_label.setObjectName("keyringStatus")
        self.keyring_label.setWordWrap(True)
        self._keyring_caption = QLabel()
        general_form.addRow(self._keyring_caption, self.keyring_label)
        self.tabs.addTab(general, "")

        self.providers = ProvidersPage(self.services)
        self.tabs.addTab(self.providers, "")

        self.button_box = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        self.button_box.rejected.connect(self.reject)
        layout.addWidget(self.button_box)

        # The widgets tests and screenshots reach for, under their old names.
        page = self.providers
        self.provider_list = page.provider_list
        self.form = page.form
        self.key_field = page.form.key_form.field
        self.save_key_button = page.form.key_form.save_button
        self.key_status = page.form.key_form.status
        self.models_table = page.form.models_table
        self.test_panel = page.form.test_panel
        self.test_button = page.form.test_panel.test_button
        self.doctor_table = page.form.test_panel.table

    def retranslate(self) -> None:
        self.setWindowTitle(self.tr("Settings"))
        self.tabs.setTabText(TAB_GENERAL, self.tr("General"))
        self.tabs.setTabText(TAB_PROVIDERS, self.tr("Providers"))
        self._language_label.setText(self.tr("Language"))
        self._keyring_caption.setText(self.tr("Key storage"))
        self.language_combo.clear()
        self.language_combo.addItem(self.tr("Follow the system"), "")
        for code, name in LANGUAGES.items():
            self.language_combo.addItem(name, code)
        current = self.services.language
        self.language_combo.setCurrentIndex(max(self.language_combo.findData(current), 0))
        if self._keyring is not None:
            self._show_keyring_status(self._keyring)

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    @staticmethod
    async def _keyring_status() -> Any:
        from visiondesk.config.keys import keyring_status

        return await asyncio.to_thread(keyring_status)

    def _show_keyring_status(self, status: KeyringStatus) -> None:
        """Worded here, not by the engine, so it follows the window's language."""
        from visiondesk.config.keys import ENV_KEY

        self._keyring = status
        if status.usable:
            self.keyring_label.setText(self.tr("OS keyring in use ({0}).").format(
                status.backend.rsplit(".", 1)[-1]))
            self.keyring_label.setToolTip(status.backend)
        else:
            self.keyring_label.setText(self.tr(
                "No working OS keyring was found, so keys cannot be stored safely. On Linux "
                "install and start a Secret Service (GNOME Keyring or KWallet) and unlock it; on "
                "a machine without one, set the environment variable {0} instead.").format(ENV_KEY))

    def done(self, result: int) -> None:
        self.providers.save_pending()  # Close keeps what was typed, as moving on does
        for name in ("doctor", "models"):  # nobody is left to read a probe's answer
            self.services.tasks.cancel(("settings", name))
        super().done(result)

    def _language_chosen(self, index: int) -> None:
        self.language_requested.emit(str(self.language_combo.itemData(index) or ""))
