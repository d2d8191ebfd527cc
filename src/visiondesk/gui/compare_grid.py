"""The comparison grid: one ``CompareColumn`` per model, side by side in a horizontal scroll
area, with a toolbar (reference for the agreement view, show differences, synchronised
scrolling, add a model, export) and a summary that ranks the columns.

It starts no tasks: the controller fills the columns, computes the agreement in a worker thread
and hands it back through :meth:`CompareGrid.apply_agreement`.
"""

from __future__ import annotations

from dataclasses import replace
from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, Qt, QTimer, Signal
from PySide6.QtWidgets import (
    QAbstractScrollArea,
    QCheckBox,
    QComboBox,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QScrollArea,
    QScrollBar,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from visiondesk.core.compare import comparison_row
from visiondesk.gui.compare_column import CompareColumn
from visiondesk.gui.compare_ranking import pending_html, ranking_html
from visiondesk.gui.follow_up import add_follow_up_box
from visiondesk.gui.result_pane import TAB_ANSWER

if TYPE_CHECKING:
    from visiondesk.core.compare import ComparisonRow
    from visiondesk.core.result import AnalysisResult
    from visiondesk.gui.compare_agreement import ColumnAgreement
    from visiondesk.gui.result_pane import ResultPane

MAX_COLUMNS = 8
MIN_COLUMN_WIDTH = 240
NO_REFERENCE, PASTED_REFERENCE = -1, 0   # baseline combo data; columns use their run_key (> 0)


class CompareGrid(QWidget):
    add_requested = Signal()
    export_requested = Signal()
    remove_requested = Signal(object)      # the ResultPane of the column
    agreement_changed = Signal()           # the reference changed: compute the agreement again
    rows_changed = Signal()                # columns came, went or finished (export, summary)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("compareGrid")
        self.columns: list[CompareColumn] = []
        # The person's pick of reference, kept across runs: a column's (model, provider),
        # PASTED_REFERENCE or NO_REFERENCE; None = automatic (Local OCR, else the first column).
        self._choice: tuple[str, str] | int | None = None
        self._running: frozenset[int] = frozenset()
        self._syncing = False
        self._agreements: dict[int, ColumnAgreement] = {}
        self._reference_timer = QTimer(self)
        self._reference_timer.setSingleShot(True)
        self._reference_timer.setInterval(400)
        self._reference_timer.timeout.connect(self.agreement_changed)
        self._build()
        self.retranslate()

    # ---------------------------------------------------------------- construction

    def _build(self) -> None:
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(6)
        bar = QHBoxLayout()
        bar.setSpacing(8)
        self._reference_label = QLabel()
        self.baseline_combo = QComboBox()
        self.baseline_combo.setObjectName("baselineCombo")
        self.baseline_combo.setSizeAdjustPolicy(
            QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        self.baseline_combo.setMinimumContentsLength(14)
        self.baseline_combo.activated.connect(self._baseline_picked)
        self.diff_check = QCheckBox()
        self.diff_check.setObjectName("showDifferencesCheck")
        self.diff_check.toggled.connect(self._show_differences)
        self.sync_check = QCheckBox()
        self.sync_check.setObjectName("syncScrollCheck")
        self.grid_check = QCheckBox()
        self.grid_check.setObjectName("gridLayoutCheck")
        self.grid_check.toggled.connect(self._relayout)
        self.add_button = QPushButton()
        self.add_button.setObjectName("addColumnButton")
        self.add_button.clicked.connect(self.add_requested)
        self.export_button = QPushButton()
        self.export_button.setObjectName("exportComparisonButton")
        self.export_button.clicked.connect(self.export_requested)
        # Two short rows rather than one long one: the results column stays narrow enough for
        # the window's default 1360 px (the grid's minimum counts even while it is hidden).
        bar.addWidget(self._reference_label)
        bar.addWidget(self.baseline_combo, 1)
        bar.addSpacing(8)
        bar.addWidget(self.add_button)
        bar.addWidget(self.export_button)
        layout.addLayout(bar)
        checks = QHBoxLayout()
        checks.setSpacing(16)
        checks.addWidget(self.diff_check)
        checks.addWidget(self.sync_check)
        checks.addWidget(self.grid_check)
        checks.addStretch(1)
        layout.addLayout(checks)

        self.reference_edit = QPlainTextEdit()
        self.reference_edit.setObjectName("referenceEdit")
        self.reference_edit.setMaximumHeight(90)
        self.reference_edit.setVisible(False)
        self.reference_edit.textChanged.connect(self._reference_timer.start)
        layout.addWidget(self.reference_edit)

        self.scroll_area = QScrollArea()
        self.scroll_area.setObjectName("compareScroll")
        self.scroll_area.setWidgetResizable(True)
        self.scroll_area.setFrameShape(QScrollArea.Shape.NoFrame)
        # Columns share the width; the strip scrolls sideways only when even their minimum
        # (every tab readable) does not fit. In the 2 x 2 grid the rows share the height.
        self.scroll_area.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.scroll_area.setSizeAdjustPolicy(QAbstractScrollArea.SizeAdjustPolicy.AdjustIgnored)
        self._strip = QWidget(self.scroll_area)
        self._strip.setObjectName("compareStrip")
        self._row = QGridLayout(self._strip)
        self._row.setContentsMargins(0, 0, 0, 0)
        self._row.setSpacing(8)
        self.scroll_area.setWidget(self._strip)
        layout.addWidget(self.scroll_area, 1)

        self.summary = QLabel()
        self.summary.setObjectName("compareSummary")
        self.summary.setTextFormat(Qt.TextFormat.RichText)
        self.summary.setWordWrap(True)
        self.summary.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.summary.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Maximum)
        layout.addWidget(self.summary)
        self.follow_up_box = add_follow_up_box(layout, every_column=True)   # asks every column

    def retranslate(self) -> None:
        self._reference_label.setText(self.tr("Reference"))
        self.baseline_combo.setToolTip(self.tr(
            "The text every other column is compared with: a column, or text you paste"))
        self.baseline_combo.setAccessibleName(self.tr("Reference for the agreement view"))
        self.diff_check.setText(self.tr("Show differences"))
        self.diff_check.setToolTip(self.tr("Show every column's differences from the reference"))
        self.sync_check.setText(self.tr("Sync scrolling"))
        self.sync_check.setToolTip(self.tr("Scrolling one answer scrolls the others alike"))
        self.grid_check.setText(self.tr("Grid"))
        self.grid_check.setToolTip(self.tr("Arrange the columns in a grid, two per row"))
        self.add_button.setText(self.tr("Add model…"))
        self.add_button.setToolTip(self.tr("Add a model to this comparison; the others are kept"))
        self.export_button.setText(self.tr("Export…"))
        self.export_button.setToolTip(self.tr("Save the comparison as Markdown, JSON or CSV"))
        self.reference_edit.setPlaceholderText(self.tr(
            "Paste the correct text here; every column is compared with it"))
        self.refresh_baselines()
        self.refresh_summary()

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    # ---------------------------------------------------------------- columns

    @property
    def panes(self) -> list[ResultPane]:
        return [column.pane for column in self.columns]

    def column_for(self, pane: ResultPane) -> CompareColumn | None:
        return next((c for c in self.columns if c.pane is pane), None)

    def clear(self) -> None:
        """Drop every column for a new run; the chosen reference is kept (by model)."""
        for column in list(self.columns):
            self._drop(column)
        self._agreements.clear()
        self.refresh_baselines()
        self.refresh_summary()

    def add_column(self, pane: ResultPane | None = None) -> CompareColumn:
        column = CompareColumn(pane)
        # Never narrower than its tabs: a clipped "Diffe" or "Ra" is worse than scrolling.
        tabs = column.pane.tabs.tabBar().sizeHint().width()
        column.setMinimumWidth(max(MIN_COLUMN_WIDTH, tabs + 24))
        column.remove_requested.connect(self.remove_requested)
        column.pane.finished.connect(self.refresh_summary)
        column.pane.updated.connect(self._pane_updated)
        for view in _scroll_views(column):
            view.verticalScrollBar().valueChanged.connect(self._scrolled)
        self.columns.append(column)
        self._relayout()
        self.refresh_baselines()
        self.refresh_summary()
        return column

    def _relayout(self) -> None:
        """Side by side, or two per row in the grid layout; every cell stretches alike."""
        for column in self.columns:
            self._row.removeWidget(column)
        per_row = 2 if self.grid_check.isChecked() and len(self.columns) > 2 else \
            max(len(self.columns), 1)
        # Up to two rows always fit; more may need scrolling down (never a stray scroll bar).
        rows = -(-len(self.columns) // per_row)
        self.scroll_area.setVerticalScrollBarPolicy(
            Qt.ScrollBarPolicy.ScrollBarAsNeeded if rows > 2 else Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        for i in range(self._row.columnCount()):
            self._row.setColumnStretch(i, 0)
        for i in range(self._row.rowCount()):
            self._row.setRowStretch(i, 0)
        for index, column in enumerate(self.columns):
            row, col = divmod(index, per_row)
            self._row.addWidget(column, row, col)
            self._row.setColumnStretch(col, 1)
            self._row.setRowStretch(row, 1)

    def needed_width(self, count: int | None = None) -> int:
        """The width ``count`` columns side by side need (their minimum, every tab readable)."""
        count = len(self.columns) if count is None else count
        if self.grid_check.isChecked() and count > 2:
            count = 2
        probe = self.columns[0].minimumWidth() if self.columns else MIN_COLUMN_WIDTH + 60
        return count * probe + (count - 1) * self._row.spacing()

    def remove_column(self, pane: ResultPane) -> None:
        column = self.column_for(pane)
        if column is None:
            return
        self._drop(column)
        self._agreements.pop(pane.run_key, None)
        self.refresh_baselines()
        self.refresh_summary()

    def _drop(self, column: CompareColumn) -> None:
        self.columns.remove(column)
        self._row.removeWidget(column)
        column.hide()
        column.deleteLater()   # Qt owns it to the end: no Python-side delete racing the timers
        self._relayout()

    def describe(self, pane: ResultPane, *, local: bool) -> None:
        """The column's run identity changed (model, provider, local OCR or not)."""
        column = self.column_for(pane)
        if column is not None:
            column.is_local = local
            column.refresh_header()
        self.refresh_baselines()

    # ---------------------------------------------------------------- reference

    def refresh_baselines(self) -> None:
        """Refill the reference chooser and select the reference: the person's pick when it is
        still here, else Local OCR's column, else the first column (never "None" by itself)."""
        combo = self.baseline_combo
        current = self._chosen_key()
        combo.blockSignals(True)
        combo.clear()
        combo.addItem(self.tr("None"), NO_REFERENCE)
        for column in self.columns:
            label = column.pane.model_label or self.tr("(empty)")
            if column.pane.provider_label:
                label = f"{label} · {column.pane.provider_label}"
            combo.addItem(label, column.pane.run_key)
        combo.addItem(self.tr("Pasted text…"), PASTED_REFERENCE)
        index = combo.findData(current)
        combo.setCurrentIndex(max(index, 0))
        combo.blockSignals(False)
        self.reference_edit.setVisible(combo.currentData() == PASTED_REFERENCE)

    def _chosen_key(self) -> int:
        choice = self._choice
        if isinstance(choice, int):
            return choice
        if isinstance(choice, tuple):
            for column in self.columns:
                if (column.pane.model_label, column.pane.provider_label) == choice:
                    return column.pane.run_key
        local = next((c.pane.run_key for c in self.columns if c.is_local), None)
        if local is not None:
            return local
        return self.columns[0].pane.run_key if self.columns else NO_REFERENCE

    def set_reference(self, key: int) -> None:
        """Pick the reference as a person would: a column's run_key, PASTED or NO_REFERENCE."""
        index = self.baseline_combo.findData(key)
        if index >= 0:
            self.baseline_combo.setCurrentIndex(index)
            self._baseline_picked(index)

    def _baseline_picked(self, _index: int) -> None:
        key = self.baseline_combo.currentData()
        column = next((c for c in self.columns if c.pane.run_key == key), None)
        self._choice = (column.pane.model_label, column.pane.provider_label) \
            if column is not None else int(key)
        self.reference_edit.setVisible(key == PASTED_REFERENCE)
        if key != NO_REFERENCE:
            self.diff_check.setChecked(True)
        self.agreement_changed.emit()

    def baseline_key(self) -> int:
        data = self.baseline_combo.currentData()
        return int(data) if isinstance(data, int) else NO_REFERENCE

    def reference_text(self) -> str | None:
        """The reference as it stands: a finished baseline column's answer or the pasted text."""
        key = self.baseline_key()
        if key == PASTED_REFERENCE:
            text = self.reference_edit.toPlainText()
            return text if text.strip() else None
        column = next((c for c in self.columns if c.pane.run_key == key), None)
        if column is None or column.pane.running or column.pane.result is None:
            return None
        if str(column.pane.result.status) != "completed":
            return None
        return column.pane.result.text

    def reference_label(self) -> str | None:
        """What the agreement view compares with, in words for an export: the baseline
        column's model and provider, or the pasted text itself; None without a reference."""
        key = self.baseline_key()
        if key == PASTED_REFERENCE:
            text = self.reference_edit.toPlainText().strip()
            return f"pasted text\n{text}" if text else None
        column = next((c for c in self.columns if c.pane.run_key == key), None)
        if column is None:
            return None
        return f"{column.pane.model_label} ({column.pane.provider_label})"

    def comparable_texts(self) -> dict[int, str]:
        """Finished answers to compare with the reference (not the baseline column itself)."""
        key = self.baseline_key()
        return {c.pane.run_key: c.pane.result.text for c in self.columns
                if c.pane.run_key != key and not c.pane.running and c.pane.result is not None
                and c.pane.result.status is not None}

    def apply_agreement(self, agreements: dict[int, ColumnAgreement] | None) -> None:
        """Show the agreement (None: no reference) in every column, then the summary."""
        self._agreements = dict(agreements or {})
        baseline = self.baseline_key() if agreements is not None else NO_REFERENCE
        for column in self.columns:
            column.show_agreement(self._agreements.get(column.pane.run_key),
                                  baseline=column.pane.run_key == baseline)
        self._show_differences(self.diff_check.isChecked())
        self.refresh_summary()

    def _show_differences(self, shown: bool) -> None:
        """Each column's differences, once there are some to show; until then (and for the
        baseline itself) its answer, so no column ever stands empty."""
        baseline = self.baseline_key()
        for column in self.columns:
            has_diff = column.agreement is not None and column.pane.run_key != baseline
            tabs = column.pane.tabs
            if shown and has_diff:
                tabs.setCurrentIndex(column.diff_tab)
            elif tabs.currentIndex() == column.diff_tab:
                tabs.setCurrentIndex(TAB_ANSWER)

    # ---------------------------------------------------------------- summary

    def rows(self, with_cer: bool = True) -> list[tuple[ComparisonRow, AnalysisResult]]:
        """One row per column that has a result, with the CER of the agreement view."""
        out = []
        for column in self.columns:
            result = column.pane.result
            if result is None:
                continue
            row = comparison_row(result, column.pane.cost_estimate())
            agreement = self._agreements.get(column.pane.run_key) if with_cer else None
            if agreement is not None:
                row = replace(row, cer=agreement.cer)
            out.append((row, result))
        return out

    def _pane_updated(self) -> None:
        """A pane started or ended: the ranking goes pending, or can be made again."""
        running = frozenset(c.pane.run_key for c in self.columns if c.pane.running)
        if running != self._running:
            self._running = running
            self.refresh_summary()

    def refresh_summary(self) -> None:
        self._running = frozenset(c.pane.run_key for c in self.columns if c.pane.running)
        if self._running:
            # Last run's ranking would name models that are not the ones now streaming.
            self.summary.setText(pending_html())
            self.summary.setVisible(len(self.columns) >= 2)
            self.rows_changed.emit()
            return
        done = [row for row, _ in self.rows() if row.status == "completed"]
        text = ranking_html(done) if len(done) >= 2 else ""
        self.summary.setText(text)
        self.summary.setVisible(bool(text))
        self.rows_changed.emit()

    # ---------------------------------------------------------------- synchronised scrolling

    def _scrolled(self, _value: int) -> None:
        source = self.sender()
        if (not isinstance(source, QScrollBar) or not self.sync_check.isChecked()
                or self._syncing or source.maximum() <= 0):
            return
        fraction = source.value() / source.maximum()
        self._syncing = True
        try:
            for column in self.columns:
                for view in _scroll_views(column):
                    bar = view.verticalScrollBar()
                    if bar is not source and view.isVisible():
                        bar.setValue(round(fraction * bar.maximum()))
        finally:
            self._syncing = False


def _scroll_views(column: CompareColumn) -> list[QAbstractScrollArea]:
    pane = column.pane
    return [pane.answer_view, pane.text_view, pane.reasoning_view, column.diff_view]
