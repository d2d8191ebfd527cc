"""The per-model table of a provider: id, whether it sees images, its own maximum image side,
and its prices in the provider's currency.

At least six rows show without scrolling; a model id too long for its column is elided in the
middle with the whole id in the tooltip. "Sees images" is a three-state box (yes, no, unknown),
so no "yes"/"no" text needs translating or parsing.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, Qt
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QTableWidget, QTableWidgetItem

from visiondesk.config.providers import ModelConfig
from visiondesk.gui.settings_services import _cell, _float, _int

if TYPE_CHECKING:
    from PySide6.QtWidgets import QWidget

VISIBLE_ROWS = 6
COLUMNS = 5
_STATES = {True: Qt.CheckState.Checked, False: Qt.CheckState.Unchecked,
           None: Qt.CheckState.PartiallyChecked}


class ModelsTable(QTableWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(0, COLUMNS, parent)
        self.setObjectName("modelsTable")
        self.currency = "USD"
        self.verticalHeader().setVisible(False)
        self.setTextElideMode(Qt.TextElideMode.ElideMiddle)
        self.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        header = self.horizontalHeader()
        header.setMinimumSectionSize(40)
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)  # the model id gets the rest
        for column in range(1, COLUMNS):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.ResizeToContents)
        self.setMinimumHeight(self.height_for_rows(VISIBLE_ROWS))
        self.itemChanged.connect(self._tooltip_follows_text)
        self.retranslate()

    def height_for_rows(self, rows: int) -> int:
        """Header, ``rows`` rows, a horizontal scroll bar's worth and the frame."""
        header = self.horizontalHeader().sizeHint().height()
        row = self.verticalHeader().defaultSectionSize()
        return header + rows * row + 2 * self.frameWidth() + 2

    def retranslate(self) -> None:
        # Short headers (the tooltips say it all) so the model id keeps most of the width.
        labels = [self.tr("Model"), self.tr("Images"), self.tr("Max side"),
                  self.tr("Input {0}/1M").format(self.currency),
                  self.tr("Output {0}/1M").format(self.currency)]
        tips = [self.tr("The model's id, exactly as the server names it"),
                self.tr("Ticked: sees images. Empty: text only. Half-ticked: not known."),
                self.tr("Longest image side sent to this model; empty: the provider's setting"),
                self.tr("Price per million input tokens, in {0}").format(self.currency),
                self.tr("Price per million output tokens, in {0}").format(self.currency)]
        self.setHorizontalHeaderLabels(labels)
        for column, tip in enumerate(tips):
            header_item = self.horizontalHeaderItem(column)
            if header_item is not None:
                header_item.setToolTip(tip)

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def show_prices(self, shown: bool) -> None:
        for column in (2, 3, 4):
            self.setColumnHidden(column, not shown)

    def set_currency(self, currency: str) -> None:
        self.currency = currency or "USD"
        self.retranslate()

    def set_models(self, models: tuple[ModelConfig, ...]) -> None:
        self.setRowCount(0)
        for model in models:
            self.add_model(model)

    def add_model(self, model: ModelConfig | None = None) -> int:
        model = model or ModelConfig("")
        row = self.rowCount()
        self.insertRow(row)
        name = QTableWidgetItem(model.id)
        self.setItem(row, 0, name)
        vision = QTableWidgetItem()
        vision.setFlags(Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
                        | Qt.ItemFlag.ItemIsUserCheckable | Qt.ItemFlag.ItemIsUserTristate)
        vision.setCheckState(_STATES[model.vision])
        self.setItem(row, 1, vision)
        for column, value in ((2, model.max_side), (3, model.price_input), (4, model.price_output)):
            item = QTableWidgetItem("" if value is None else format(value, ".15g"))
            item.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
            self.setItem(row, column, item)
        return row

    def remove_current(self) -> None:
        if self.currentRow() >= 0:
            self.removeRow(self.currentRow())

    def models(self) -> tuple[ModelConfig, ...]:
        """The rows as models; rows without an id are left out, unreadable numbers are empty."""
        models = []
        for row in range(self.rowCount()):
            model_id = _cell(self.item(row, 0))
            if not model_id:
                continue
            box = self.item(row, 1)
            state = box.checkState() if box is not None else Qt.CheckState.PartiallyChecked
            vision = {Qt.CheckState.Checked: True, Qt.CheckState.Unchecked: False}.get(state)
            models.append(ModelConfig(model_id, vision=vision, max_side=_int(_cell(self.item(row, 2))),
                                      price_input=_float(_cell(self.item(row, 3))),
                                      price_output=_float(_cell(self.item(row, 4)))))
        return tuple(models)

    def _tooltip_follows_text(self, item: QTableWidgetItem) -> None:
        if item.column() == 0 and item.toolTip() != item.text():
            item.setToolTip(item.text())
