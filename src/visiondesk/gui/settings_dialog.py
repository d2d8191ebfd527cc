"""Settings: providers (add from presets, edit, remove), the API key (OS keyring only), a
connection test (the engine's doctor, as a table), proxy, timeouts, max image side, prices and
the interface language.

Blocking or network work (keyring, saving TOML, the doctor) runs as tasks of the window's task
owner, with the narrow services the dialog is given (``SettingsServices``); it only shows results.
"""

from __future__ import annotations

from dataclasses import replace
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QEvent, Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QDoubleSpinBox,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QMenu,
    QPushButton,
    QSpinBox,
    QTableWidget,
    QTableWidgetItem,
    QTabWidget,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from visiondesk.gui.i18n import LANGUAGES
from visiondesk.gui.settings_services import SettingsServices, _cell, _float, _int, _to_thread

if TYPE_CHECKING:
    from visiondesk.config.providers import ProviderConfig

API_STYLES = ("auto", "chat", "responses")
MODEL_COLUMNS = 5


class SettingsDialog(QDialog):
    language_requested = Signal(str)   # "" = follow the system

    def __init__(self, services: SettingsServices, parent: QWidget) -> None:
        super().__init__(parent)
        self.setObjectName("settingsDialog")
        self.services = services
        self._current: ProviderConfig | None = None
        self._build()
        self.retranslate()
        self._fill_providers(services.current_provider_id)
        self.resize(860, 600)
        services.call("keyring", self._keyring_status(), self._show_keyring_status)

    # ---------------------------------------------------------------- construction

    def _build(self) -> None:
        layout = QVBoxLayout(self)
        self.tabs = QTabWidget()
        layout.addWidget(self.tabs)

        general = QWidget()
        general_form = QFormLayout(general)
        self.language_combo = QComboBox()
        self.language_combo.setObjectName("languageCombo")
        self._language_label = QLabel()
        general_form.addRow(self._language_label, self.language_combo)
        self.keyring_label = QLabel()
        self.keyring_label.setObjectName("keyringStatus")
        self.keyring_label.setWordWrap(True)
        self._keyring_caption = QLabel()
        general_form.addRow(self._keyring_caption, self.keyring_label)
        self.tabs.addTab(general, "")

        providers = QWidget()
        row = QHBoxLayout(providers)
        left = QVBoxLayout()
        self.provider_list = QListWidget()
        self.provider_list.setObjectName("providerList")
        self.provider_list.currentItemChanged.connect(self._provider_chosen)
        left.addWidget(self.provider_list, 1)
        buttons = QHBoxLayout()
        self.preset_button = QToolButton()
        self.preset_button.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        self.preset_menu = QMenu(self)
        self.preset_button.setMenu(self.preset_menu)
        self.new_button = QPushButton()
        self.new_button.clicked.connect(self._new_provider)
        self.remove_button = QPushButton()
        self.remove_button.clicked.connect(self._remove_provider)
        buttons.addWidget(self.preset_button)
        buttons.addWidget(self.new_button)
        buttons.addWidget(self.remove_button)
        left.addLayout(buttons)
        row.addLayout(left, 1)

        right = QVBoxLayout()
        form = QFormLayout()
        self.name_field = QLineEdit()
        self.url_field = QLineEdit()
        self.style_combo = QComboBox()
        self.max_side = QSpinBox()
        self.max_side.setRange(256, 16384)
        self.max_side.setSingleStep(256)
        self.connect_timeout = QDoubleSpinBox()
        self.connect_timeout.setRange(1, 600)
        self.read_timeout = QDoubleSpinBox()
        self.read_timeout.setRange(5, 3600)
        self.proxy_field = QLineEdit()
        self._labels = [QLabel() for _ in range(7)]
        for label, field in zip(self._labels, (self.name_field, self.url_field, self.style_combo,
                                               self.max_side, self.connect_timeout, self.read_timeout,
                                               self.proxy_field), strict=True):
            form.addRow(label, field)
        right.addLayout(form)

        self.models_table = QTableWidget(0, MODEL_COLUMNS)
        self.models_table.setObjectName("modelsTable")
        self.models_table.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        self.models_table.verticalHeader().setVisible(False)
        right.addWidget(self.models_table, 1)
        model_buttons = QHBoxLayout()
        self.add_model_button = QPushButton()
        self.add_model_button.clicked.connect(lambda: self._add_model_row("", None, None, None, None))
        self.remove_model_button = QPushButton()
        self.remove_model_button.clicked.connect(
            lambda: self.models_table.removeRow(self.models_table.currentRow()))
        model_buttons.addWidget(self.add_model_button)
        model_buttons.addWidget(self.remove_model_button)
        model_buttons.addStretch(1)
        right.addLayout(model_buttons)

        key_row = QHBoxLayout()
        self._key_label = QLabel()
        self.key_field = QLineEdit()
        self.key_field.setObjectName("keyField")
        self.key_field.setEchoMode(QLineEdit.EchoMode.Password)
        self.save_key_button = QPushButton()
        self.save_key_button.clicked.connect(self._save_key)
        self.delete_key_button = QPushButton()
        self.delete_key_button.clicked.connect(self._delete_key)
        key_row.addWidget(self._key_label)
        key_row.addWidget(self.key_field, 1)
        key_row.addWidget(self.save_key_button)
        key_row.addWidget(self.delete_key_button)
        right.addLayout(key_row)
        self.key_status = QLabel()
        self.key_status.setObjectName("keyStatus")
        self.key_status.setWordWrap(True)
        right.addWidget(self.key_status)

        test_row = QHBoxLayout()
        self.test_button = QPushButton()
        self.test_button.setObjectName("testConnectionButton")
        self.test_button.clicked.connect(self._test_connection)
        self.save_provider_button = QPushButton()
        self.save_provider_button.setObjectName("saveProviderButton")
        self.save_provider_button.clicked.connect(self._save_provider)
        test_row.addWidget(self.test_button)
        test_row.addStretch(1)
        test_row.addWidget(self.save_provider_button)
        right.addLayout(test_row)
        self.doctor_table = QTableWidget(0, 3)
        self.doctor_table.setObjectName("doctorTable")
        self.doctor_table.horizontalHeader().setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)
        self.doctor_table.verticalHeader().setVisible(False)
        self.doctor_table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.doctor_table.setMaximumHeight(150)
        right.addWidget(self.doctor_table)
        row.addLayout(right, 3)
        self.tabs.addTab(providers, "")

        self.button_box = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        self.button_box.rejected.connect(self.reject)
        layout.addWidget(self.button_box)
        self.language_combo.activated.connect(self._language_chosen)

    def retranslate(self) -> None:
        self.setWindowTitle(self.tr("Settings"))
        self.tabs.setTabText(0, self.tr("General"))
        self.tabs.setTabText(1, self.tr("Providers"))
        self._language_label.setText(self.tr("Language"))
        self._keyring_caption.setText(self.tr("Key storage"))
        self.language_combo.clear()
        self.language_combo.addItem(self.tr("Follow the system"), "")
        for code, name in LANGUAGES.items():
            self.language_combo.addItem(name, code)
        current = self.services.language
        self.language_combo.setCurrentIndex(max(self.language_combo.findData(current), 0))
        self.preset_button.setText(self.tr("Add preset"))
        self.new_button.setText(self.tr("New"))
        self.remove_button.setText(self.tr("Remove"))
        for label, text in zip(self._labels, (
                self.tr("Name"), self.tr("Base URL"), self.tr("API style"), self.tr("Max image side"),
                self.tr("Connect timeout (s)"), self.tr("Read timeout (s)"), self.tr("Proxy")),
                strict=True):
            label.setText(text)
        self.proxy_field.setPlaceholderText(self.tr("none (system proxy variables apply)"))
        self.style_combo.clear()
        self.style_combo.addItems([self.tr("Automatic"), self.tr("Chat Completions"), self.tr("Responses")])
        self.models_table.setHorizontalHeaderLabels([
            self.tr("Model"), self.tr("Sees images"), self.tr("Max side"),
            self.tr("Price in / 1M"), self.tr("Price out / 1M")])
        self.add_model_button.setText(self.tr("Add model"))
        self.remove_model_button.setText(self.tr("Remove model"))
        self._key_label.setText(self.tr("API key"))
        self.key_field.setPlaceholderText(self.tr("Paste a key to store it in the OS keyring"))
        self.save_key_button.setText(self.tr("Save key"))
        self.delete_key_button.setText(self.tr("Delete key"))
        self.test_button.setText(self.tr("Test connection"))
        self.save_provider_button.setText(self.tr("Save provider"))
        self.doctor_table.setHorizontalHeaderLabels([self.tr("Check"), self.tr("Result"),
                                                     self.tr("Detail")])
        self._fill_presets()

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    # ---------------------------------------------------------------- providers

    def _fill_presets(self) -> None:
        from visiondesk.config.providers import PRESETS

        self.preset_menu.clear()
        for preset in PRESETS:
            action = self.preset_menu.addAction(preset.name)
            action.triggered.connect(lambda _c=False, p=preset: self._add_preset(p))

    def _fill_providers(self, select: str | None) -> None:
        store = self.services.store
        assert store is not None
        self.provider_list.clear()
        for provider in store.all():
            item = QListWidgetItem(provider.name)
            item.setData(Qt.ItemDataRole.UserRole, provider.id)
            self.provider_list.addItem(item)
            if provider.id == select:
                self.provider_list.setCurrentItem(item)
        if self.provider_list.currentItem() is None and self.provider_list.count():
            self.provider_list.setCurrentRow(0)

    def _provider_chosen(self, item: QListWidgetItem | None, _previous: Any = None) -> None:
        if item is None or self.services.store is None:
            return
        provider = self.services.store.find(str(item.data(Qt.ItemDataRole.UserRole)))
        self._show_provider(provider)

    def _show_provider(self, provider: ProviderConfig) -> None:
        self._current = provider
        self.name_field.setText(provider.name)
        self.url_field.setText(provider.base_url)
        self.style_combo.setCurrentIndex(API_STYLES.index(str(provider.api_style)))
        self.max_side.setValue(provider.max_side)
        self.connect_timeout.setValue(provider.connect_timeout)
        self.read_timeout.setValue(provider.read_timeout)
        self.proxy_field.setText(provider.proxy or "")
        self.models_table.setRowCount(0)
        for model in provider.models:
            self._add_model_row(model.id, model.vision, model.max_side, model.price_input,
                                model.price_output)
        editable = not provider.is_local
        for widget in (self.name_field, self.url_field, self.style_combo, self.max_side,
                       self.connect_timeout, self.read_timeout, self.proxy_field, self.models_table,
                       self.key_field, self.save_key_button, self.delete_key_button,
                       self.test_button, self.save_provider_button, self.add_model_button,
                       self.remove_model_button):
            widget.setEnabled(editable)
        self.key_field.clear()
        self.key_status.setText("")
        self.doctor_table.setRowCount(0)
        if editable:
            self.services.call("key", self._has_key(provider.id), self._show_key_present)

    def _add_model_row(self, model_id: str, vision: bool | None, max_side: int | None,
                       price_in: float | None, price_out: float | None) -> None:
        row = self.models_table.rowCount()
        self.models_table.insertRow(row)
        vision_text = {True: "yes", False: "no", None: ""}[vision]
        for column, value in enumerate((model_id, vision_text, max_side, price_in, price_out)):
            self.models_table.setItem(row, column, QTableWidgetItem("" if value is None else str(value)))

    def _provider_from_form(self) -> ProviderConfig | None:
        from visiondesk.config.providers import ModelConfig
        from visiondesk.core.request import ApiStyle

        if self._current is None:
            return None
        models = []
        for row in range(self.models_table.rowCount()):
            cells = [_cell(self.models_table.item(row, c)) for c in range(MODEL_COLUMNS)]
            if not cells[0]:
                continue
            vision = {"yes": True, "no": False, "true": True, "false": False}.get(cells[1].lower())
            models.append(ModelConfig(cells[0], vision=vision, max_side=_int(cells[2]),
                                      price_input=_float(cells[3]), price_output=_float(cells[4])))
        return replace(
            self._current, name=self.name_field.text().strip() or self._current.name,
            base_url=self.url_field.text().strip(),
            api_style=ApiStyle(API_STYLES[self.style_combo.currentIndex()]),
            max_side=self.max_side.value(), connect_timeout=self.connect_timeout.value(),
            read_timeout=self.read_timeout.value(), proxy=self.proxy_field.text().strip() or None,
            models=tuple(models))

    def _save_provider(self) -> None:
        provider = self._provider_from_form()
        store = self.services.store
        if provider is None or store is None:
            return
        try:
            store.put(provider)
        except Exception as exc:
            self.key_status.setText(str(exc))
            return

        def saved(_value: object) -> None:
            self.services.providers_changed()
            self._fill_providers(provider.id)
            self.key_status.setText(self.tr("Saved."))

        self.services.call("save", _to_thread(store.snapshot().save), saved, self.key_status.setText)

    def _add_preset(self, preset: ProviderConfig) -> None:
        store = self.services.store
        if store is None:
            return
        provider = replace(preset, id=store.new_id(preset.name)) if preset.id in store.custom else preset
        store.put(provider)
        self._fill_providers(provider.id)

    def _new_provider(self) -> None:
        from visiondesk.config.providers import ProviderConfig

        store = self.services.store
        if store is None:
            return
        name = self.tr("New provider")
        provider = ProviderConfig(id=store.new_id("custom"), name=name, base_url="https://example.com/v1")
        store.put(provider)
        self._fill_providers(provider.id)

    def _remove_provider(self) -> None:
        store = self.services.store
        if store is None or self._current is None:
            return
        try:
            store.remove(self._current.id)
        except Exception as exc:
            self.key_status.setText(str(exc))
            return

        def saved(_value: object) -> None:
            self.services.providers_changed()
            self._fill_providers(None)

        self.services.call("save", _to_thread(store.snapshot().save), saved, self.key_status.setText)

    # ---------------------------------------------------------------- keys and doctor

    @staticmethod
    async def _keyring_status() -> Any:
        import asyncio

        from visiondesk.config.keys import keyring_status

        return await asyncio.to_thread(keyring_status)

    def _show_keyring_status(self, status: Any) -> None:
        if status.usable:
            self.keyring_label.setText(self.tr("OS keyring in use ({0}).").format(status.backend))
        else:
            self.keyring_label.setText(self.tr("No usable OS keyring: {0}").format(status.detail))

    async def _has_key(self, provider_id: str) -> tuple[bool, str | None]:
        import asyncio

        from visiondesk.config.keys import stored_key

        stored = bool(await asyncio.to_thread(stored_key, provider_id))
        return stored, self.services.runner.keys.environment_variable(provider_id)

    def _show_key_present(self, present: tuple[bool, str | None]) -> None:
        stored, variable = present
        text = self.tr("A key is stored in the OS keyring.") if stored \
            else self.tr("No key stored for this provider.")
        if variable and not stored:
            text = self.tr("The key comes from the environment variable {0}.").format(variable)
        self.key_status.setText(text)

    def _save_key(self) -> None:
        from visiondesk.config.keys import set_key

        if self._current is None:
            return
        secret = self.key_field.text()
        self.key_field.clear()
        self.services.call("key", _to_thread(set_key, self._current.id, secret),
                             lambda _v: self._show_key_present((True, None)), self.key_status.setText)

    def _delete_key(self) -> None:
        from visiondesk.config.keys import delete_key

        if self._current is None:
            return
        self.services.call("key", _to_thread(delete_key, self._current.id),
                             lambda _v: self._show_key_present((False, None)), self.key_status.setText)

    def _test_connection(self) -> None:
        provider = self._provider_from_form()
        if provider is None:
            return
        self.doctor_table.setRowCount(0)
        self.test_button.setEnabled(False)
        model = provider.models[0].id if provider.models else None
        self.services.call("doctor", self._doctor(provider, model), self._show_doctor,
                             self._doctor_failed)

    async def _doctor(self, provider: ProviderConfig, model: str | None) -> list[Any]:
        try:
            from visiondesk.api.doctor import run_doctor
        except ImportError:
            raise RuntimeError(self.tr("The connection test is not available in this build.")) from None
        runner = self.services.runner
        key = await runner.resolve_key(provider)
        return list(await run_doctor(runner.backends.http(), provider, key, model))

    def _show_doctor(self, checks: list[Any]) -> None:
        self.test_button.setEnabled(True)
        self.doctor_table.setRowCount(len(checks))
        for row, check in enumerate(checks):
            verdict = {True: self.tr("OK"), False: self.tr("Failed"), None: "—"}[check.ok]
            for column, text in enumerate((check.name, verdict, check.detail)):
                self.doctor_table.setItem(row, column, QTableWidgetItem(str(text)))
        self.doctor_table.resizeColumnsToContents()

    def _doctor_failed(self, message: str) -> None:
        self.test_button.setEnabled(True)
        self.key_status.setText(message)

    def _language_chosen(self, index: int) -> None:
        self.language_requested.emit(str(self.language_combo.itemData(index) or ""))
