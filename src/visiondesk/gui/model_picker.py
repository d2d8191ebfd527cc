"""Which provider and models to ask, and how: a provider chooser, a checkable model list (several
checked = compare), a field to type a model by hand, and the run options (API style, reasoning
effort, streaming). The controller fills it; it only reports what the person picked.

Models of other providers join a comparison through "Add from another provider…": they are
listed below the current provider's models as "model · provider" and stay there when the
provider changes, so one run can ask gpt-4o at one relay, doubao at another and the local OCR.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, Qt, Signal
from PySide6.QtGui import QBrush, QPalette
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QMenu,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from visiondesk.gui.display_names import provider_name

if TYPE_CHECKING:
    from PySide6.QtCore import QPoint

    from visiondesk.session.plan import RequestSplit

ONE_REQUEST = "one-request"  # session.plan.RequestSplit.ONE_REQUEST
STORED_NAME = Qt.ItemDataRole.UserRole + 1  # a provider item's name as configured (English)

EFFORTS = ("", "minimal", "low", "medium", "high")
API_STYLES = ("", "chat", "responses")  # "" = the provider's own setting


ROLE_MODEL = Qt.ItemDataRole.UserRole
ROLE_VISION = Qt.ItemDataRole.UserRole + 1
ROLE_PROVIDER = Qt.ItemDataRole.UserRole + 2       # set only on other providers' models
ROLE_PROVIDER_NAME = Qt.ItemDataRole.UserRole + 3


@dataclass(frozen=True)
class ModelRow:
    id: str
    vision: bool | None = None


@dataclass(frozen=True)
class Target:
    """One (provider, model) to ask."""

    provider_id: str
    model: str


class ModelPicker(QWidget):
    provider_changed = Signal(str)      # provider id
    refresh_requested = Signal()
    checked_changed = Signal()
    add_other_requested = Signal()      # "Add from another provider…"

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("modelPicker")
        self._provider_ids: list[str] = []
        self._build()
        self.retranslate()

    def _build(self) -> None:
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(6)

        # "Provider … Refresh" on one line and the chooser below it at the column's full width,
        # so "Local OCR (offline)" and relay names are not clipped by the button beside them.
        self._provider_label = QLabel()
        self._provider_label.setObjectName("sectionLabel")
        self.refresh_button = QToolButton()
        self.refresh_button.setObjectName("refreshModelsButton")
        self.refresh_button.setAutoRaise(True)
        self.refresh_button.clicked.connect(self.refresh_requested)
        row = QHBoxLayout()
        row.setSpacing(4)
        row.addWidget(self._provider_label, 1)
        row.addWidget(self.refresh_button)
        layout.addLayout(row)
        self.provider_combo = QComboBox()
        self.provider_combo.setObjectName("providerCombo")
        self.provider_combo.setSizeAdjustPolicy(
            QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        self.provider_combo.setMinimumContentsLength(12)
        self.provider_combo.currentIndexChanged.connect(self._provider_index_changed)
        layout.addWidget(self.provider_combo)

        self._models_label = QLabel()
        self._models_label.setObjectName("sectionLabel")
        layout.addWidget(self._models_label)
        self.model_list = QListWidget()
        self.model_list.setObjectName("modelList")
        self.model_list.itemChanged.connect(lambda _item: self.checked_changed.emit())
        self.model_list.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.model_list.customContextMenuRequested.connect(self._context_menu)
        layout.addWidget(self.model_list, 1)
        self.add_field = QLineEdit()
        self.add_field.setObjectName("addModelField")
        self.add_field.setClearButtonEnabled(True)
        self.add_field.returnPressed.connect(self._add_typed_model)
        layout.addWidget(self.add_field)
        self.other_button = QToolButton()
        self.other_button.setObjectName("addOtherProviderButton")
        self.other_button.clicked.connect(self.add_other_requested)
        layout.addWidget(self.other_button, 0, Qt.AlignmentFlag.AlignLeft)
        self.status = QLabel()
        self.status.setObjectName("modelStatus")
        self.status.setWordWrap(True)
        layout.addWidget(self.status)

        form = QFormLayout()
        form.setContentsMargins(0, 6, 0, 0)
        form.setSpacing(6)
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        self.api_combo = QComboBox()
        self.api_combo.setObjectName("apiStyleCombo")
        self.effort_combo = QComboBox()
        self.effort_combo.setObjectName("effortCombo")
        self.stream_check = QCheckBox()
        self.stream_check.setObjectName("streamCheck")
        self.stream_check.setChecked(True)
        # Several images: one answer per image (the default, as on the command line) or one
        # answer about all of them together.
        self.one_request_check = QCheckBox()
        self.one_request_check.setObjectName("oneRequestCheck")
        self._api_label, self._effort_label = QLabel(), QLabel()
        form.addRow(self._api_label, self.api_combo)
        form.addRow(self._effort_label, self.effort_combo)
        form.addRow(self.stream_check)
        form.addRow(self.one_request_check)
        layout.addLayout(form)

    def retranslate(self) -> None:
        self._provider_label.setText(self.tr("Provider"))
        for i in range(self.provider_combo.count()):
            stored = self.provider_combo.itemData(i, STORED_NAME)
            if stored:
                self.provider_combo.setItemText(i, provider_name(str(stored)))
        self.provider_combo.setAccessibleName(self.tr("Provider"))
        self.refresh_button.setText(self.tr("Refresh"))
        self.refresh_button.setToolTip(self.tr("Fetch the model list from the server (F5)"))
        self.refresh_button.setAccessibleName(self.tr("Refresh models"))
        self._models_label.setText(self.tr("Models"))
        self._models_label.setToolTip(self.tr("Check several models to compare their answers"))
        self.model_list.setAccessibleName(self.tr("Models"))
        self.add_field.setPlaceholderText(self.tr("Type a model name and press Enter"))
        self.add_field.setAccessibleName(self.tr("Add a model by name"))
        self.other_button.setText(self.tr("+ Add from another provider…"))
        self.other_button.setToolTip(self.tr(
            "Compare with a model of another provider in the same run"))
        self._api_label.setText(self.tr("API style"))
        self._effort_label.setText(self.tr("Reasoning effort"))
        self.stream_check.setText(self.tr("Stream the answer"))
        self.stream_check.setAccessibleName(self.tr("Stream the answer"))
        self.one_request_check.setText(self.tr("All images in one request"))
        self.one_request_check.setToolTip(self.tr(
            "Unchecked, each image is asked about on its own (one answer per image); checked, the "
            "model sees all images at once and gives one answer"))
        self._local_tip = self.tr("Local OCR reads the text of the image: it has no API style, "
                                  "reasoning or streaming")
        _refill(self.api_combo, [self.tr("Default"), self.tr("Chat Completions"),
                                 self.tr("Responses")])
        self.api_combo.setAccessibleName(self.tr("API style"))
        _refill(self.effort_combo, [self.tr("Default"), self.tr("Minimal"), self.tr("Low"),
                                    self.tr("Medium"), self.tr("High")])
        self.effort_combo.setAccessibleName(self.tr("Reasoning effort"))
        self._relabel_items()

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    # ---------------------------------------------------------------- providers

    def set_providers(self, providers: list[tuple[str, str]], current: str | None) -> None:
        """``providers`` is ``[(id, display name)]``."""
        self.provider_combo.blockSignals(True)
        self.provider_combo.clear()
        self._provider_ids = [pid for pid, _ in providers]
        for pid, name in providers:
            self.provider_combo.addItem(provider_name(name), pid)  # presets' names translated
            self.provider_combo.setItemData(self.provider_combo.count() - 1, name, STORED_NAME)
        index = self._provider_ids.index(current) if current in self._provider_ids else 0
        self.provider_combo.setCurrentIndex(index)
        self.provider_combo.blockSignals(False)

    def current_provider_id(self) -> str | None:
        data = self.provider_combo.currentData()
        return str(data) if data else None

    def _provider_index_changed(self, _index: int) -> None:
        pid = self.current_provider_id()
        if pid:
            self.provider_changed.emit(pid)

    # ---------------------------------------------------------------- models

    def set_models(self, rows: list[ModelRow], checked: list[str]) -> None:
        """The current provider's models; other providers' models in the list are kept."""
        self.model_list.blockSignals(True)
        extras = [(str(item.data(ROLE_PROVIDER)), str(item.data(ROLE_PROVIDER_NAME)),
                   self._item_id(item), item.checkState() == Qt.CheckState.Checked)
                  for item in self._items() if item.data(ROLE_PROVIDER)]
        self.model_list.clear()
        for row in rows:
            self._append(row, row.id in checked)
        for model in checked:
            if not any(r.id == model for r in rows):
                self._append(ModelRow(model), True)
        current = self.current_provider_id()
        for pid, name, model, on in extras:
            if pid != current:
                self._append_extra(pid, name, model, on)
        if self.model_list.count() and not self.checked_targets():
            first = self.model_list.item(0)
            if first is not None:
                first.setCheckState(Qt.CheckState.Checked)
        self.model_list.blockSignals(False)
        self.checked_changed.emit()

    def _items(self) -> list[QListWidgetItem]:
        return [self.model_list.item(i) for i in range(self.model_list.count())]

    def models(self) -> list[str]:
        """The current provider's models."""
        return [self._item_id(item) for item in self._items() if not item.data(ROLE_PROVIDER)]

    def checked_models(self) -> list[str]:
        """The current provider's checked models."""
        return [self._item_id(item) for item in self._items()
                if item.checkState() == Qt.CheckState.Checked and not item.data(ROLE_PROVIDER)]

    def checked_targets(self) -> list[Target]:
        """Every checked (provider, model), other providers' included, in list order."""
        current = self.current_provider_id() or ""
        return [Target(str(item.data(ROLE_PROVIDER) or current), self._item_id(item))
                for item in self._items() if item.checkState() == Qt.CheckState.Checked]

    def add_extra(self, provider_id: str, provider_name: str, model: str) -> None:
        """Add (and check) a model of another provider, shown as "model · provider"."""
        if provider_id == self.current_provider_id():
            if model not in self.models():
                self._append(ModelRow(model), True)
            self.set_checked([*self.checked_models(), model])
        else:
            for item in self._items():
                if item.data(ROLE_PROVIDER) == provider_id and self._item_id(item) == model:
                    item.setCheckState(Qt.CheckState.Checked)
                    break
            else:
                self._append_extra(provider_id, provider_name, model, True)
        self.checked_changed.emit()

    def _append_extra(self, provider_id: str, provider_name: str, model: str, checked: bool) -> None:
        item = QListWidgetItem(f"{model} · {provider_name}")
        item.setData(ROLE_MODEL, model)
        item.setData(ROLE_PROVIDER, provider_id)
        item.setData(ROLE_PROVIDER_NAME, provider_name)
        item.setToolTip(self.tr("{0} at {1}").format(model, provider_name))
        item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
        item.setCheckState(Qt.CheckState.Checked if checked else Qt.CheckState.Unchecked)
        self.model_list.addItem(item)

    def _context_menu(self, position: QPoint) -> None:
        """Other providers' models can be taken off the list again."""
        item = self.model_list.itemAt(position)
        if item is None or not item.data(ROLE_PROVIDER):
            return
        menu = QMenu(self)
        remove = menu.addAction(self.tr("Remove from the list"))
        remove.triggered.connect(lambda: self.model_list.takeItem(self.model_list.row(item)))
        menu.popup(self.model_list.viewport().mapToGlobal(position))

    def set_checked(self, models: list[str]) -> None:
        for model in models:
            if model not in self.models():
                self._append(ModelRow(model), True)
        for item in self._items():
            if item.data(ROLE_PROVIDER):
                continue
            state = Qt.CheckState.Checked if self._item_id(item) in models else Qt.CheckState.Unchecked
            item.setCheckState(state)

    def options(self) -> tuple[str | None, str | None, bool]:
        """(API style override or None, reasoning effort or None, stream)."""
        api = API_STYLES[max(self.api_combo.currentIndex(), 0)] or None
        effort = EFFORTS[max(self.effort_combo.currentIndex(), 0)] or None
        return api, effort, self.stream_check.isChecked()

    def split(self) -> RequestSplit:
        from visiondesk.session.plan import RequestSplit  # the run plan's model: not before the first paint

        return RequestSplit.ONE_REQUEST if self.one_request_check.isChecked() else RequestSplit.PER_IMAGE

    def set_split(self, split: str) -> None:
        # The window restores this while it is built: compared with RequestSplit.ONE_REQUEST's
        # value (a StrEnum), so the run plan is not imported before the first paint.
        self.one_request_check.setChecked(split == ONE_REQUEST)

    def set_local(self, local: bool) -> None:
        """Local OCR: the options that do not apply are disabled, and say why."""
        for widget in (self.api_combo, self.effort_combo, self.stream_check):
            widget.setEnabled(not local)
            widget.setToolTip(self._local_tip if local else "")

    def uncheck(self, provider_id: str, model: str) -> None:
        current = self.current_provider_id() or ""
        for item in self._items():
            if self._item_id(item) == model and str(item.data(ROLE_PROVIDER) or current) == provider_id:
                item.setCheckState(Qt.CheckState.Unchecked)

    def set_options(self, api: str | None, effort: str | None, stream: bool) -> None:
        self.api_combo.setCurrentIndex(API_STYLES.index(api) if api in API_STYLES else 0)
        self.effort_combo.setCurrentIndex(EFFORTS.index(effort) if effort in EFFORTS else 0)
        self.stream_check.setChecked(stream)

    def _append(self, row: ModelRow, checked: bool) -> None:
        item = QListWidgetItem()
        item.setData(Qt.ItemDataRole.UserRole, row.id)
        item.setData(Qt.ItemDataRole.UserRole + 1, row.vision)
        item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
        item.setCheckState(Qt.CheckState.Checked if checked else Qt.CheckState.Unchecked)
        self.model_list.addItem(item)
        self._label_item(item)

    def _relabel_items(self) -> None:
        for item in self._items():
            self._label_item(item)

    def _label_item(self, item: QListWidgetItem) -> None:
        if item.data(ROLE_PROVIDER):
            name = str(item.data(ROLE_PROVIDER_NAME))
            item.setToolTip(self.tr("{0} at {1}").format(self._item_id(item), name))
            return
        model = self._item_id(item)
        vision = item.data(Qt.ItemDataRole.UserRole + 1)
        if vision is False:
            item.setText(self.tr("{0}  (text only)").format(model))
            item.setForeground(QBrush(self.palette().color(QPalette.ColorRole.PlaceholderText)))
            item.setToolTip(self.tr("This model does not see images"))
        else:
            item.setText(model)
            item.setToolTip(self.tr("Sees images") if vision else self.tr("Unknown whether it sees images"))

    @staticmethod
    def _item_id(item: QListWidgetItem) -> str:
        return str(item.data(Qt.ItemDataRole.UserRole))

    def _add_typed_model(self) -> None:
        name = self.add_field.text().strip()
        if not name:
            return
        if name in self.models():
            self.set_checked([*self.checked_models(), name])
        else:
            self._append(ModelRow(name), True)
        self.add_field.clear()
        self.checked_changed.emit()


def _refill(combo: QComboBox, labels: list[str]) -> None:
    index = combo.currentIndex()
    combo.blockSignals(True)
    combo.clear()
    combo.addItems(labels)
    combo.setCurrentIndex(max(index, 0))
    combo.blockSignals(False)
