"""One provider's settings: its display name and id at the top, then three sections:
Connection (base URL, API style, proxy, timeouts, the key), Models (currency, maximum image
side, the per-model table) and Test connection.

The id is what the key and the saved settings are filed under, so it is shown beside the name
and is read-only once the provider exists. A new provider starts empty with greyed examples
(placeholders), never with real-looking values. Local OCR has no server: its page shows no
connection fields and no test.
"""

from __future__ import annotations

import re
from dataclasses import replace
from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent
from PySide6.QtWidgets import (
    QComboBox,
    QDoubleSpinBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QSpinBox,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from visiondesk.gui.settings_connection_test import ConnectionTestPanel
from visiondesk.gui.settings_key_form import KeyForm
from visiondesk.gui.settings_models_table import ModelsTable

if TYPE_CHECKING:
    from visiondesk.config.providers import ProviderConfig
    from visiondesk.gui.settings_services import SettingsServices

API_STYLES = ("auto", "chat", "responses")
CURRENCIES = ("USD", "CNY", "EUR", "GBP", "JPY")
SECTION_CONNECTION, SECTION_MODELS, SECTION_TEST = range(3)
MAX_FETCHED = 2000  # rows added from one model list (OpenRouter lists a few hundred)
_ID_PATTERN = re.compile(r"[a-z0-9][a-z0-9-]{0,63}")


class ProviderForm(QWidget):
    def __init__(self, services: SettingsServices, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("providerForm")
        self.services = services
        self.current: ProviderConfig | None = None
        self.is_new = False
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)

        head = QFormLayout()
        self.name_field = QLineEdit()
        self.name_field.setObjectName("providerName")
        self.name_field.textChanged.connect(self._suggest_id)
        self.id_field = QLineEdit()
        self.id_field.setObjectName("providerId")
        self._name_label, self._id_label = QLabel(), QLabel()
        head.addRow(self._name_label, self.name_field)
        head.addRow(self._id_label, self.id_field)
        layout.addLayout(head)
        self.local_note = QLabel()
        self.local_note.setObjectName("localNote")
        self.local_note.setWordWrap(True)
        layout.addWidget(self.local_note)

        self.sections = QTabWidget()
        self.sections.setObjectName("providerSections")
        layout.addWidget(self.sections, 1)

        connection = QWidget()
        form = QFormLayout(connection)
        self.url_field = QLineEdit()
        self.url_field.setObjectName("baseUrl")
        self.style_combo = QComboBox()
        self.proxy_field = QLineEdit()
        self.connect_timeout = QDoubleSpinBox()
        self.connect_timeout.setRange(1, 600)
        self.read_timeout = QDoubleSpinBox()
        self.read_timeout.setRange(5, 3600)
        for spin in (self.connect_timeout, self.read_timeout):
            spin.setDecimals(2)
            spin.setMaximumWidth(120)
        self.key_form = KeyForm(services)
        self._connection_labels = [QLabel() for _ in range(6)]
        for label, field in zip(self._connection_labels, (
                self.url_field, self.style_combo, self.proxy_field, self.connect_timeout,
                self.read_timeout, self.key_form), strict=True):
            form.addRow(label, field)
        self.sections.addTab(connection, "")

        models = QWidget()
        models_layout = QVBoxLayout(models)
        models_form = QFormLayout()
        self.currency_combo = QComboBox()
        self.currency_combo.setObjectName("currencyCombo")
        self.currency_combo.setEditable(True)
        self.currency_combo.addItems(CURRENCIES)
        self.currency_combo.currentTextChanged.connect(self._currency_changed)
        self.max_side = QSpinBox()
        self.max_side.setRange(256, 16384)
        self.max_side.setSingleStep(256)
        self.max_side.setMaximumWidth(120)
        self.currency_combo.setMaximumWidth(120)
        self._currency_label, self._max_side_label = QLabel(), QLabel()
        models_form.addRow(self._currency_label, self.currency_combo)
        models_form.addRow(self._max_side_label, self.max_side)
        self._models_form = models_form
        models_layout.addLayout(models_form)
        self.models_table = ModelsTable()
        models_layout.addWidget(self.models_table, 1)
        buttons = QHBoxLayout()
        self.add_model_button = QPushButton()
        self.add_model_button.clicked.connect(self._add_model)
        self.remove_model_button = QPushButton()
        self.remove_model_button.clicked.connect(self.models_table.remove_current)
        self.fetch_button = QPushButton()
        self.fetch_button.setObjectName("fetchModelsButton")
        self.fetch_button.clicked.connect(self.fetch_models)
        self.fetch_status = QLabel()
        self.fetch_status.setObjectName("fetchStatus")
        self.fetch_status.setWordWrap(True)
        buttons.addWidget(self.add_model_button)
        buttons.addWidget(self.remove_model_button)
        buttons.addWidget(self.fetch_button)
        buttons.addWidget(self.fetch_status, 1)
        models_layout.addLayout(buttons)
        self.sections.addTab(models, "")

        self.test_panel = ConnectionTestPanel(services, self.provider)
        self.sections.addTab(self.test_panel, "")
        self.retranslate()

    def retranslate(self) -> None:
        self._name_label.setText(self.tr("Name"))
        self._id_label.setText(self.tr("ID"))
        self.name_field.setPlaceholderText(self.tr("My relay"))
        self.name_field.setToolTip(self.tr("The name shown in the window; change it any time"))
        self.url_field.setPlaceholderText("https://relay.example/v1")
        self.url_field.setToolTip(self.tr("The address of the OpenAI-compatible API, usually "
                                          "ending in /v1"))
        self.proxy_field.setPlaceholderText(self.tr("none (the system's proxy settings apply)"))
        for label, text in zip(self._connection_labels, (
                self.tr("Base URL"), self.tr("API style"), self.tr("Proxy"),
                self.tr("Connect timeout (s)"), self.tr("Read timeout (s)"), self.tr("API key")),
                strict=True):
            label.setText(text)
        index = self.style_combo.currentIndex()
        self.style_combo.clear()
        self.style_combo.addItems([self.tr("Automatic"), self.tr("Chat Completions"),
                                   self.tr("Responses")])
        self.style_combo.setCurrentIndex(max(index, 0))
        self._currency_label.setText(self.tr("Currency of prices"))
        self.currency_combo.setToolTip(self.tr("What this provider bills in: a three-letter code "
                                               "such as USD or CNY"))
        self._max_side_label.setText(self.tr("Max image side (px)"))
        self.add_model_button.setText(self.tr("Add model"))
        self.remove_model_button.setText(self.tr("Remove model"))
        self.fetch_button.setText(self.tr("Fetch from server"))
        self.fetch_button.setToolTip(self.tr("Add the models the server lists (GET /models); "
                                             "rows already here are kept"))
        self.local_note.setText(self.tr("Local OCR reads text on this computer: images never "
                                        "leave it, and it needs no server, key or price."))
        self.sections.setTabText(SECTION_CONNECTION, self.tr("Connection"))
        self.sections.setTabText(SECTION_MODELS, self.tr("Models"))
        self.sections.setTabText(SECTION_TEST, self.tr("Test connection"))
        self._update_id_hint()

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    # ---------------------------------------------------------------- showing

    def show_provider(self, provider: ProviderConfig, *, new: bool = False) -> None:
        """Fill the form; ``new``: not created yet (the id may still be chosen)."""
        from visiondesk.gui.display_names import provider_name

        self.current = provider
        self.is_new = new
        self.name_field.setText(provider_name(provider.name) if provider.is_local else provider.name)
        self.id_field.setText("" if new else provider.id)
        self.id_field.setReadOnly(not new)
        self.url_field.setText(provider.base_url)
        self.style_combo.setCurrentIndex(API_STYLES.index(str(provider.api_style)))
        self.proxy_field.setText(provider.proxy or "")
        self.connect_timeout.setValue(provider.connect_timeout)
        self.read_timeout.setValue(provider.read_timeout)
        self.currency_combo.setCurrentText(provider.currency)
        self.models_table.set_currency(provider.currency)
        self.max_side.setValue(provider.max_side)
        self.models_table.set_models(provider.models)
        local = provider.is_local
        self.local_note.setVisible(local)
        self.sections.setTabVisible(SECTION_CONNECTION, not local)
        self.sections.setTabVisible(SECTION_TEST, not local)
        if local:
            self.sections.setCurrentIndex(SECTION_MODELS)
        self.name_field.setReadOnly(local)
        for row in (0, 1):  # currency and image side: Local OCR has neither prices nor a server
            self._models_form.setRowVisible(row, not local)
        self.models_table.show_prices(not local)
        for widget in (self.currency_combo, self.max_side, self.models_table,
                       self.add_model_button, self.remove_model_button):
            widget.setEnabled(not local)
        self.fetch_button.setVisible(not local)
        self.fetch_button.setEnabled(True)
        self.fetch_status.clear()
        self.services.tasks.cancel(("settings", "models"))
        self.key_form.set_provider(None if local or new else provider.id)
        self.key_form.setEnabled(not new)
        if new:
            self.key_form.status.setText(self.tr("Save the provider first; then its key can be "
                                                 "stored."))
        self.test_panel.set_provider(provider)
        self._suggest_id()

    def mark_saved(self, provider: ProviderConfig) -> None:
        """The form now shows ``provider`` as stored: its id is fixed from here on."""
        self.current, self.is_new = provider, False
        self.id_field.setText(provider.id)
        self.id_field.setReadOnly(True)
        self.key_form.setEnabled(True)
        self._update_id_hint()

    def _currency_changed(self, text: str) -> None:
        self.models_table.set_currency(text.strip().upper())

    def _add_model(self) -> None:
        row = self.models_table.add_model()
        self.models_table.setCurrentCell(row, 0)
        item = self.models_table.item(row, 0)
        if item is not None:
            self.models_table.editItem(item)

    def fetch_models(self) -> None:
        """Ask the server for its model list (with the form's unsaved URL and proxy) and add
        the models the table does not have yet; Save keeps them."""
        try:
            provider = self.provider()
        except ValueError as exc:
            self.fetch_status.setText(str(exc))
            return
        self.fetch_button.setEnabled(False)
        self.fetch_status.setText(self.tr("Asking the server…"))

        async def fetch() -> list[str]:
            from visiondesk.core.errors import AnalysisError
            from visiondesk.gui.settings_connection_test import error_words

            runner = self.services.runner
            try:
                key = await runner.resolve_key(provider)
                return await runner.backends.http().list_models(provider, key)
            except AnalysisError as exc:  # in the window's words, with the server's message
                raise RuntimeError(error_words(exc)) from None

        self.services.call("models", fetch(), self._fetched, self._fetch_failed)

    def _fetched(self, ids: list[str]) -> None:
        from visiondesk.config.providers import ModelConfig

        self.fetch_button.setEnabled(True)
        have = {m.id for m in self.models_table.models()}
        new = [i for i in dict.fromkeys(ids) if i and i not in have][:MAX_FETCHED]
        for model_id in new:
            self.models_table.add_model(ModelConfig(model_id))
        if not ids:
            self.fetch_status.setText(self.tr("The server lists no models."))
        else:
            self.fetch_status.setText(self.tr("{0} listed, {1} added; press Save provider to keep "
                                              "them.").format(len(ids), len(new)))

    def _fetch_failed(self, message: str) -> None:
        self.fetch_button.setEnabled(True)
        self.fetch_status.setText(message)

    def _suggest_id(self) -> None:
        """For a new provider, the id it will get unless one is typed (greyed)."""
        if self.is_new:
            self.id_field.setPlaceholderText(self.services.store.new_id(
                self.name_field.text().strip() or "custom"))
        self._update_id_hint()

    def _update_id_hint(self) -> None:
        if self.is_new:
            tip = self.tr("Where the key and settings are filed: lower-case letters, digits and "
                          "hyphens. It cannot be changed later.")
        else:
            tip = self.tr("Where the key and settings are filed; it never changes, so renaming "
                          "keeps the key.")
        self.id_field.setToolTip(tip)

    # ---------------------------------------------------------------- reading

    def provider(self) -> ProviderConfig:
        """The provider as the form describes it now, or ValueError with words for the person."""
        from visiondesk.config.providers import normalise_base_url
        from visiondesk.core.errors import AnalysisError
        from visiondesk.core.request import ApiStyle

        if self.current is None:
            raise ValueError(self.tr("Choose a provider first."))
        name = self.name_field.text().strip()
        if not name:
            raise ValueError(self.tr("Give the provider a name."))
        url = self.url_field.text().strip()
        if not self.current.is_local:
            if not url:
                raise ValueError(self.tr("Enter the base URL, such as https://relay.example/v1."))
            try:
                normalise_base_url(url)
            except AnalysisError:
                raise ValueError(self.tr("The base URL must start with http:// or https://.")) from None
        currency = self.currency_combo.currentText().strip().upper()
        if not (len(currency) == 3 and currency.isascii() and currency.isalpha()):
            raise ValueError(self.tr("The currency must be a three-letter code such as USD or CNY."))
        return replace(
            self.current, id=self._chosen_id(), name=name, base_url=url,
            api_style=ApiStyle(API_STYLES[self.style_combo.currentIndex()]),
            max_side=self.max_side.value(), connect_timeout=self.connect_timeout.value(),
            read_timeout=self.read_timeout.value(), proxy=self.proxy_field.text().strip() or None,
            models=self.models_table.models(), currency=currency)

    def _chosen_id(self) -> str:
        assert self.current is not None
        if not self.is_new:
            return self.current.id
        wanted = self.id_field.text().strip() or self.id_field.placeholderText()
        if not _ID_PATTERN.fullmatch(wanted):
            raise ValueError(self.tr("The ID may only hold lower-case letters, digits and hyphens."))
        if any(p.id == wanted for p in self.services.store.all()):
            raise ValueError(self.tr("Another provider already has the ID {0}.").format(wanted))
        return wanted
