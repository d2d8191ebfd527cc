"""The results of the current run: a quiet hint before the first run, one ``ResultPane`` for one
model, or the comparison grid (one column per model) when several models are asked."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, Qt, Signal
from PySide6.QtWidgets import QLabel, QStackedWidget, QVBoxLayout, QWidget

from visiondesk.gui.result_pane import ResultPane

if TYPE_CHECKING:
    from visiondesk.gui.compare_grid import CompareGrid

PAGE_HINT, PAGE_SINGLE, PAGE_GRID = range(3)


class ResultsArea(QWidget):
    comparison_changed = Signal()   # a comparison appeared, changed or went away
    grid_created = Signal(object)   # the CompareGrid, made the first time a comparison is shown

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("resultsArea")
        self._single: ResultPane | None = None
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        self._stack = QStackedWidget()
        self._hint = QLabel()
        self._hint.setObjectName("resultsPlaceholder")
        self._hint.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self._hint.setWordWrap(True)
        self._single_page = QWidget()
        self._single_layout = QVBoxLayout(self._single_page)
        self._single_layout.setContentsMargins(0, 0, 0, 0)
        self._grid: CompareGrid | None = None  # built on first use: most runs compare nothing
        self._stack.addWidget(self._hint)
        self._stack.addWidget(self._single_page)
        layout.addWidget(self._stack)
        self._stack.currentChanged.connect(self.comparison_changed)
        self.retranslate()

    @property
    def grid(self) -> CompareGrid:
        if self._grid is None:
            from visiondesk.gui.compare_grid import CompareGrid

            self._grid = CompareGrid()
            self._stack.insertWidget(PAGE_GRID, self._grid)
            self._grid.rows_changed.connect(self.comparison_changed)
            self.grid_created.emit(self._grid)
        return self._grid

    def retranslate(self) -> None:
        self._hint.setText(self.tr(
            "Answers appear here.\n\nAdd an image, write a prompt, check one or more models\n"
            "and press Ctrl+Enter. Esc stops."))

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    @property
    def comparing(self) -> bool:
        return self._stack.currentIndex() == PAGE_GRID

    def can_export(self) -> bool:
        """A comparison with at least one answer is on screen."""
        return self.comparing and bool(self.grid.rows(with_cer=False))

    @property
    def panes(self) -> list[ResultPane]:
        if self.comparing:
            return self.grid.panes
        return [self._single] if self._single is not None else []

    def prepare(self, count: int) -> list[ResultPane]:
        """Fresh panes for a new run: one pane, or a grid of ``count`` columns."""
        if count >= 2:
            self._drop_single()
            self.grid.clear()
            for _ in range(count):
                self.grid.add_column()
            self._stack.setCurrentIndex(PAGE_GRID)
            return self.grid.panes
        if self._grid is not None:
            self._grid.clear()
        if count == 0:
            self._drop_single()
            self._stack.setCurrentIndex(PAGE_HINT)
            return []
        if self._single is None:
            self._single = ResultPane()
            self._single_layout.addWidget(self._single)
        self._stack.setCurrentIndex(PAGE_SINGLE)
        return [self._single]

    def add_pane(self) -> ResultPane:
        """One more column; a single answer already shown becomes the comparison's first column."""
        if not self.comparing:
            single, self._single = self._single, None
            if single is not None:
                self._single_layout.removeWidget(single)
                self.grid.add_column(single)
            self._stack.setCurrentIndex(PAGE_GRID)
        return self.grid.add_column().pane

    def remove_pane(self, pane: ResultPane) -> None:
        if self.comparing:
            self.grid.remove_column(pane)
            if not self.grid.columns:
                self._stack.setCurrentIndex(PAGE_HINT)
        elif pane is self._single:
            self._drop_single()
            self._stack.setCurrentIndex(PAGE_HINT)

    def describe(self, pane: ResultPane, *, local: bool) -> None:
        if self.comparing:
            self.grid.describe(pane, local=local)

    def _drop_single(self) -> None:
        if self._single is not None:
            self._single_layout.removeWidget(self._single)
            self._single.hide()
            self._single.deleteLater()
            self._single = None

    def current_pane(self) -> ResultPane | None:
        """The pane with focus, else the first one."""
        focus = self.focusWidget()
        for pane in self.panes:
            if focus is not None and pane.isAncestorOf(focus):
                return pane
        panes = self.panes
        return panes[0] if panes else None
