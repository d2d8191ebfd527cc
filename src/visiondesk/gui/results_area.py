"""The results of the current run: a quiet hint before the first run, one ``ResultPane`` for one
model, or the comparison grid (one column per model) when several models are asked.

At its left edge a thin strip folds the image/prompt side of the window away (and back): a
comparison whose columns would not fit folds it by itself, so the columns share the width.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, Qt, QTimer, Signal
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QSizePolicy,
    QStackedWidget,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

if TYPE_CHECKING:
    from PySide6.QtWidgets import QSplitter

    from visiondesk.gui.compare_grid import CompareGrid
    from visiondesk.gui.result_pane import ResultPane

PAGE_HINT, PAGE_SINGLE, PAGE_GRID = range(3)


def _warm_up_markdown() -> None:
    # answer_view (and the Markdown module it imports) loads here, 1.5 s after start, not before
    # the first paint: no answer is on the first screen.
    from visiondesk.gui.answer_view import warm_up

    warm_up()


class ResultsArea(QWidget):
    comparison_changed = Signal()   # a comparison appeared, changed or went away
    grid_created = Signal(object)   # the CompareGrid, made the first time a comparison is shown

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("resultsArea")
        self._single: ResultPane | None = None
        self._side: tuple[QSplitter, int] | None = None
        self._side_width = 0
        self._auto_folded = False
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(4)
        self.side_button = QToolButton()
        self.side_button.setObjectName("foldSideButton")
        self.side_button.setAutoRaise(True)
        self.side_button.setSizePolicy(QSizePolicy.Policy.Fixed, QSizePolicy.Policy.Expanding)
        self.side_button.setFixedWidth(16)
        self.side_button.clicked.connect(self._side_clicked)
        self.side_button.setVisible(False)
        layout.addWidget(self.side_button)
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
        # Markdown and Pygments load in a thread once the window is up, not at the first run.
        QTimer.singleShot(1500, _warm_up_markdown)
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

    # ---------------------------------------------------------------- the image/prompt side

    def attach_side(self, splitter: QSplitter, index: int) -> None:
        """``splitter``'s child ``index`` (the image and prompt) may fold away to give the
        results its width; the strip at this area's left edge folds and unfolds it."""
        self._side = (splitter, index)
        splitter.setCollapsible(index, True)
        splitter.splitterMoved.connect(self._update_side_button)
        self.side_button.setVisible(True)
        self._update_side_button()
        # A layout saved while comparing may come back folded: open the side for a fresh start
        # (after the window restored its splitters).
        QTimer.singleShot(0, self._open_side_if_idle)

    def _open_side_if_idle(self) -> None:
        if not self.comparing and self.side_folded:
            self.fold_side(False)

    @property
    def side_folded(self) -> bool:
        return self._side is not None and self._side[0].sizes()[self._side[1]] == 0

    def fold_side(self, folded: bool) -> None:
        if self._side is None or folded == self.side_folded:
            return
        splitter, index = self._side
        sizes = splitter.sizes()
        mine = next((i for i in range(splitter.count())
                     if (child := splitter.widget(i)) is not None and child.isAncestorOf(self)),
                    len(sizes) - 1)
        if folded:
            self._side_width = sizes[index]
            sizes[mine] += sizes[index]
            sizes[index] = 0
        else:
            side = splitter.widget(index)
            hint = side.minimumSizeHint().width() if side is not None else 0
            width = max(self._side_width, hint, 320)
            sizes[mine] = max(sizes[mine] - width, 1)
            sizes[index] = width
        splitter.setSizes(sizes)
        self._update_side_button()

    def _side_clicked(self) -> None:
        self._auto_folded = False   # the person decides from now on
        self.fold_side(not self.side_folded)

    def _update_side_button(self, *_args: int) -> None:
        folded = self.side_folded
        self.side_button.setArrowType(Qt.ArrowType.RightArrow if folded else Qt.ArrowType.LeftArrow)
        tip = self.tr("Show the image and the prompt") if folded else self.tr(
            "Hide the image and the prompt: the answers get the width")
        self.side_button.setToolTip(tip)
        self.side_button.setAccessibleName(tip)

    def fit_columns(self, count: int | None = None) -> None:
        """Fold the image side when ``count`` columns would not fit; unfold it again for a
        single answer if it was folded for a comparison."""
        if self._side is None:
            return
        if count is None:
            count = len(self.panes)
        if count >= 2 and not self.side_folded:
            if self.width() < self.grid.needed_width(count) + 40:
                self._auto_folded = True
                self.fold_side(True)
        elif count < 2 and self._auto_folded:
            self._auto_folded = False
            self.fold_side(False)

    def retranslate(self) -> None:
        self._update_side_button()
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
            self.fit_columns(count)
            return self.grid.panes
        if self._grid is not None:
            self._grid.clear()
        if count == 0:
            self._drop_single()
            self._stack.setCurrentIndex(PAGE_HINT)
            return []
        if self._single is None:
            from visiondesk.gui.result_pane import ResultPane  # with Markdown and Pygments: not at start-up

            self._single = ResultPane()
            self._single_layout.addWidget(self._single)
        self._stack.setCurrentIndex(PAGE_SINGLE)
        self.fit_columns(1)
        return [self._single]

    def add_pane(self) -> ResultPane:
        """One more column; a single answer already shown becomes the comparison's first column."""
        if not self.comparing:
            single, self._single = self._single, None
            if single is not None:
                self._single_layout.removeWidget(single)
                self.grid.add_column(single)
            self._stack.setCurrentIndex(PAGE_GRID)
        pane = self.grid.add_column().pane
        self.fit_columns(len(self.grid.columns))
        return pane

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
