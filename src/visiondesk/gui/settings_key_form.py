"""The API key of one provider: a password field, Save and Delete, and one line beside it that
says where the key comes from (the OS keyring, an environment variable, nowhere) or what went
wrong.

The typed key is only cleared once the keyring accepted it; a refused key stays in the field,
with the focus, and the reason appears in the line under it (whose height is reserved, so the
form does not jump).
"""

from __future__ import annotations

import asyncio
import re
from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent
from PySide6.QtWidgets import QGridLayout, QLabel, QLineEdit, QPushButton, QWidget

if TYPE_CHECKING:
    from visiondesk.gui.settings_services import SettingsServices

ERROR_STYLE = "color: #c62828;"


class KeyForm(QWidget):
    def __init__(self, services: SettingsServices, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("keyForm")
        self.services = services
        self.provider_id: str | None = None
        self._stored = False
        self._variable: str | None = None
        grid = QGridLayout(self)
        grid.setContentsMargins(0, 0, 0, 0)
        self.field = QLineEdit()
        self.field.setObjectName("keyField")
        self.field.setEchoMode(QLineEdit.EchoMode.Password)
        self.field.returnPressed.connect(self.save)
        self.save_button = QPushButton()
        self.save_button.setObjectName("saveKeyButton")
        self.save_button.clicked.connect(self.save)
        self.delete_button = QPushButton()
        self.delete_button.setObjectName("deleteKeyButton")
        self.delete_button.clicked.connect(self.delete)
        self.status = QLabel()
        self.status.setObjectName("keyStatus")
        self.status.setWordWrap(True)
        # Two lines reserved: an error appearing here must not push the form around.
        self.status.setMinimumHeight(2 * self.status.fontMetrics().lineSpacing() + 4)
        grid.addWidget(self.field, 0, 0)
        grid.addWidget(self.save_button, 0, 1)
        grid.addWidget(self.delete_button, 0, 2)
        grid.addWidget(self.status, 1, 0, 1, 3)
        grid.setColumnStretch(0, 1)
        self.retranslate()

    def retranslate(self) -> None:
        self.field.setPlaceholderText(self.tr("Paste a key"))
        self.field.setToolTip(self.tr("Saved in the OS keyring, never in a file"))
        self.save_button.setText(self.tr("Save key"))
        self.delete_button.setText(self.tr("Delete key"))
        if self.provider_id is not None and not self.status.property("error"):
            self._show_origin()

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def set_provider(self, provider_id: str | None) -> None:
        """Show ``provider_id``'s key status; a half-typed key for another provider is dropped."""
        self.provider_id = provider_id
        self.field.clear()
        self._say("")
        if provider_id is not None:
            self.services.call("key", self._lookup(provider_id), self._looked_up)

    # ---------------------------------------------------------------- status

    async def _lookup(self, provider_id: str) -> tuple[str, bool, str | None]:
        from visiondesk.config.keys import stored_key

        stored = bool(await asyncio.to_thread(stored_key, provider_id))
        return provider_id, stored, self.services.runner.keys.environment_variable(provider_id)

    def _looked_up(self, found: tuple[str, bool, str | None]) -> None:
        provider_id, self._stored, self._variable = found
        if provider_id == self.provider_id:
            self._show_origin()

    def _show_origin(self) -> None:
        if self._stored and self._variable:
            text = self.tr("A key is stored in the OS keyring; it is used instead of the "
                           "environment variable {0}.").format(self._variable)
        elif self._stored:
            text = self.tr("A key is stored in the OS keyring.")
        elif self._variable:
            text = self.tr("The key comes from the environment variable {0}. A key saved here "
                           "is used instead.").format(self._variable)
        else:
            text = self.tr("No key stored for this provider.")
        self._say(text)

    def _say(self, text: str, error: bool = False) -> None:
        self.status.setText(text)
        self.status.setProperty("error", error)
        self.status.setStyleSheet(ERROR_STYLE if error else "")

    # ---------------------------------------------------------------- saving

    def save(self) -> None:
        from visiondesk.config.keys import clean_key

        if self.provider_id is None:
            return
        try:
            secret = clean_key(self.field.text())
        except ValueError as exc:
            self._refused(self._why_unusable(self.field.text(), str(exc)))
            return
        self.save_button.setEnabled(False)
        self.services.call("key", self._store(self.provider_id, secret), self._stored_done,
                           self._refused)

    def _why_unusable(self, raw: str, engine_words: str) -> str:
        if not raw.strip():
            return self.tr("Paste the key into the field first.")
        found = re.search(r"character (\d+)", engine_words)  # where the engine found the problem
        if found:
            return self.tr("The key contains a space, line break or other character that cannot "
                           "be part of an API key (character {0}). Paste it again.").format(found[1])
        return self.tr("This is not a usable API key. Paste it again.")

    async def _store(self, provider_id: str, secret: str) -> str:
        """Write the key; returns the provider id, or raises with words for the person."""
        from visiondesk.config.keys import ENV_KEY, keyring_status, set_key
        from visiondesk.core.errors import AnalysisError

        status = await asyncio.to_thread(keyring_status)
        if not status.usable:
            raise RuntimeError(self.tr(
                "No working OS keyring was found, so the key cannot be stored safely. On Linux "
                "install and start a Secret Service (GNOME Keyring or KWallet) and unlock it; on "
                "a machine without one, set the environment variable {0} instead.").format(ENV_KEY))
        try:
            await asyncio.to_thread(set_key, provider_id, secret)
        except AnalysisError:
            raise RuntimeError(self.tr("The OS keyring refused the key, so nothing was saved. "
                                       "Unlock the keyring and try again.")) from None
        return provider_id

    def _stored_done(self, provider_id: str) -> None:
        self.save_button.setEnabled(True)
        if provider_id != self.provider_id:
            return
        self.field.clear()   # only now: the keyring has it
        self._stored = True
        self._show_origin()

    def _refused(self, message: str) -> None:
        self.save_button.setEnabled(True)
        self._say(message, error=True)
        self.field.setFocus()

    def delete(self) -> None:
        from visiondesk.config.keys import delete_key

        provider_id = self.provider_id
        if provider_id is None:
            return

        async def remove() -> str:
            from visiondesk.core.errors import AnalysisError

            try:
                await asyncio.to_thread(delete_key, provider_id)
            except AnalysisError:
                raise RuntimeError(self.tr("The OS keyring refused to delete the key. Unlock "
                                           "the keyring and try again.")) from None
            return provider_id

        def removed(_pid: str) -> None:
            self._stored = False
            if self.provider_id == provider_id:
                self._show_origin()

        self.services.call("key", remove(), removed, lambda m: self._say(m, error=True))
