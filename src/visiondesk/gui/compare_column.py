"""One column of a comparison: a header card (model, provider, status, timings, tokens, cost,
CER, stop / run again / remove) above a ``ResultPane`` whose tabs gain a Differences tab.

The Differences tab shows the column's answer against the comparison's reference: text only in
this answer on green, reference text it lacks struck through on red. Every highlighted stretch
carries its diff operation in the character format (``DIFF_OP_PROPERTY``), which is what
:func:`highlighted` reads back for tests and accessibility checks.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, Qt, Signal
from PySide6.QtGui import QColor, QTextCharFormat, QTextCursor, QTextFormat
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QLabel,
    QSizePolicy,
    QTextBrowser,
    QToolButton,
    QVBoxLayout,
)

from visiondesk.core.compare import format_cer
from visiondesk.gui.formatting import format_count, format_ms
from visiondesk.gui.pane_figures import join_figures
from visiondesk.gui.result_pane import ResultPane

if TYPE_CHECKING:
    from PySide6.QtGui import QResizeEvent
    from PySide6.QtWidgets import QWidget

    from visiondesk.gui.compare_agreement import ColumnAgreement

DIFF_OP_PROPERTY = QTextFormat.Property.UserProperty + 1
INSERT_BACKGROUND = "#d6f2dc"
DELETE_BACKGROUND = "#fbe1de"


class CompareColumn(QFrame):
    """A model's column in the comparison grid; the pane's signals drive stop and run again."""

    remove_requested = Signal(object)   # this column's ResultPane

    def __init__(self, pane: ResultPane | None = None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("compareColumn")
        self.pane = pane or ResultPane()
        self.pane.set_compact(True)
        self.is_local = False
        self.is_baseline = False
        self.agreement: ColumnAgreement | None = None
        self._build()
        self.retranslate()
        self.pane.updated.connect(self.refresh_header)
        self.refresh_header()

    def _build(self) -> None:
        layout = QVBoxLayout(self)
        layout.setContentsMargins(10, 8, 10, 10)
        layout.setSpacing(4)
        # The model's name and the run's status on the first line (the name elided in the
        # middle only when even that is too narrow); provider and the buttons on the second.
        self.title = _ElidedLabel()
        self.title.setObjectName("columnTitle")
        self.title.setTextFormat(Qt.TextFormat.PlainText)
        self.title.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
        self.stop_button = QToolButton()
        self.stop_button.setObjectName("columnStopButton")
        self.stop_button.clicked.connect(self.pane.stop_requested)
        self.rerun_button = QToolButton()
        self.rerun_button.setObjectName("columnRerunButton")
        self.rerun_button.clicked.connect(self.pane.rerun_requested)
        self.copy_button = QToolButton()
        self.copy_button.setObjectName("columnCopyButton")
        self.copy_button.clicked.connect(self.pane.copy_current_tab)
        self.copy_button.setPopupMode(QToolButton.ToolButtonPopupMode.MenuButtonPopup)
        self.copy_button.setMenu(self.pane.copy_menu)   # as plain text / as Markdown
        self.remove_button = QToolButton()
        self.remove_button.setObjectName("columnRemoveButton")
        self.remove_button.clicked.connect(self._remove_clicked)
        self.status = QLabel()
        self.status.setObjectName("columnStatus")
        self.status.setTextFormat(Qt.TextFormat.RichText)
        first = QHBoxLayout()
        first.setSpacing(6)
        first.addWidget(self.title, 1)
        first.addWidget(self.status)
        layout.addLayout(first)
        self.subtitle = QLabel()
        self.subtitle.setObjectName("columnSubtitle")
        self.subtitle.setTextFormat(Qt.TextFormat.RichText)
        self.subtitle.setWordWrap(True)
        self.subtitle.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
        second = QHBoxLayout()
        second.setSpacing(2)
        second.addWidget(self.subtitle, 1)
        for button in (self.stop_button, self.rerun_button, self.copy_button, self.remove_button):
            button.setAutoRaise(True)
            second.addWidget(button)
        layout.addLayout(second)
        self.figures = QLabel()
        self.figures.setObjectName("columnFigures")
        self.figures.setTextFormat(Qt.TextFormat.RichText)
        self.figures.setWordWrap(True)
        self.figures.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        # Two lines at least, so the tabs of neighbouring columns line up whatever the figures.
        self.figures.setMinimumHeight(2 * self.figures.fontMetrics().lineSpacing())
        self.figures.setAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop)
        layout.addWidget(self.figures)
        layout.addWidget(self.pane, 1)

        self.diff_view = QTextBrowser(self)
        self.diff_view.setObjectName("diffView")
        self.diff_view.document().setDocumentMargin(10)
        self.diff_tab = self.pane.add_tab(self.diff_view, "")

    def retranslate(self) -> None:
        self.pane.tabs.setTabText(self.diff_tab, self.tr("Differences"))
        self.stop_button.setText(self.tr("Stop"))
        self.stop_button.setToolTip(self.tr("Stop this model"))
        self.rerun_button.setText("↻")   # a glyph: the column's width goes to its name
        self.rerun_button.setAccessibleName(self.tr("Run again"))
        self.rerun_button.setToolTip(self.tr("Run this model again; the other columns stay"))
        self.copy_button.setText(self.tr("Copy"))
        self.copy_button.setToolTip(self.tr("Copy the contents of the open tab"))
        self.remove_button.setText("✕")
        self.remove_button.setToolTip(self.tr("Remove this column from the comparison"))
        self.remove_button.setAccessibleName(self.tr("Remove column"))
        self.diff_view.setAccessibleName(self.tr("Differences from the reference"))
        self.refresh_header()
        self._render_diff()

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def _remove_clicked(self) -> None:
        self.remove_requested.emit(self.pane)

    # ---------------------------------------------------------------- header

    def refresh_header(self) -> None:
        pane = self.pane
        self.title.setText(pane.model_label)
        self.title.setToolTip(f"{pane.model_label} · {pane.provider_label}")
        self.stop_button.setVisible(pane.running)
        self.rerun_button.setVisible(not pane.running and bool(pane.model_label))
        status = pane.status_text()
        state = str(pane.result.status) if pane.result and pane.result.status else (
            "running" if pane.running else "")
        colour = {"completed": "#2e7d4f", "failed": "#b3261e", "cancelled": "#8a6d1f",
                  "incomplete": "#8a6d1f", "running": "#2f6fdf"}.get(state, "#5f6675")
        self.status.setText(f'<span style="color:{colour}">● {_esc(status)}</span>'
                            if status else "")
        parts = [f'<span style="color:#5f6675">{_esc(pane.provider_label)}</span>']
        if self.is_baseline:
            baseline = self.tr("baseline")   # outside the f-string, where lupdate finds it
            parts.append(f'<b style="color:#1f4fae">{_esc(baseline)}</b>')
        self.subtitle.setText("  ·  ".join(parts))
        # Times on the first line, tokens, cost and CER on the second: a line never breaks
        # inside a figure (Chinese could otherwise break inside 费用).
        parts = self.figure_parts()
        self.figures.setText(f"{join_figures(parts[:2])}<br>{join_figures(parts[2:])}")

    def figure_parts(self) -> list[str]:
        """Time to first token, total time, tokens, estimated cost and CER, as shown."""
        result = self.pane.result
        dash = "—"
        first = format_ms(result.first_token_ms) if result else ""
        total = format_ms(result.total_ms) if result else ""
        tokens = result.usage.total_tokens if result else None
        if result and tokens is None and result.usage.input_tokens is not None:
            tokens = result.usage.input_tokens + (result.usage.output_tokens or 0)
        cost = self.pane.cost_text()
        parts = [self.tr("first token {0}").format(first or dash),
                 self.tr("total {0}").format(total or dash),
                 self.tr("{0} tokens").format(dash if tokens is None else format_count(tokens)),
                 self.tr("cost ≈ {0}").format(cost or dash)]
        if self.agreement is not None and not self.is_baseline:
            parts.append(self.tr("CER {0}").format(format_cer(self.agreement.cer)))
        return parts

    # ---------------------------------------------------------------- differences

    def show_agreement(self, agreement: ColumnAgreement | None, *, baseline: bool) -> None:
        self.agreement = agreement
        self.is_baseline = baseline
        self.refresh_header()
        self._render_diff()

    def _render_diff(self) -> None:
        view = self.diff_view
        view.clear()
        cursor = QTextCursor(view.document())
        note = QTextCharFormat()
        note.setForeground(QColor("#5f6675"))
        note.setFontItalic(True)
        if self.is_baseline:
            cursor.insertText(self.tr("This column is the reference the others are compared with."),
                              note)
            cursor.insertText("\n\n", QTextCharFormat())
            cursor.insertText(self.pane.plain_text(), QTextCharFormat())
            return
        if self.agreement is None:
            text = self.tr("Waiting for this answer…") if self.pane.running else self.tr(
                "Choose a reference above: a column or pasted text.")
            cursor.insertText(text, note)
            return
        plain = QTextCharFormat()
        for segment in self.agreement.segments:
            if segment.op == "equal":
                cursor.insertText(segment.text, plain)
                continue
            if segment.reference:
                cursor.insertText(segment.reference, _diff_format("delete"))
            if segment.text:
                cursor.insertText(segment.text, _diff_format("insert"))
        view.moveCursor(QTextCursor.MoveOperation.Start)


class _ElidedLabel(QLabel):
    """A one-line label that elides its text in the middle when the column is narrow (model
    names differ most at their ends: doubao-1.5-vision-pro-250328); the tooltip has it all."""

    def __init__(self) -> None:
        super().__init__()
        self._full = ""

    def setText(self, text: str) -> None:
        self._full = text
        self._elide()

    def text(self) -> str:
        return self._full

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._elide()

    def _elide(self) -> None:
        elided = self.fontMetrics().elidedText(self._full, Qt.TextElideMode.ElideMiddle,
                                               max(self.width(), 40))
        super().setText(elided)


def _diff_format(op: str) -> QTextCharFormat:
    fmt = QTextCharFormat()
    fmt.setProperty(DIFF_OP_PROPERTY, op)
    if op == "insert":
        fmt.setBackground(QColor(INSERT_BACKGROUND))
        fmt.setForeground(QColor("#14532d"))
    else:
        fmt.setBackground(QColor(DELETE_BACKGROUND))
        fmt.setForeground(QColor("#8a2a20"))
        fmt.setFontStrikeOut(True)
    return fmt


def highlighted(view: QTextBrowser) -> list[tuple[str, str]]:
    """The highlighted stretches of a Differences view as ``(op, text)``: what a person sees
    marked, read back from the document's character formats."""
    out: list[tuple[str, str]] = []
    previous = ""
    block = view.document().begin()
    while block.isValid():
        it = block.begin()
        while not it.atEnd():
            fragment = it.fragment()
            op = str(fragment.charFormat().property(DIFF_OP_PROPERTY) or "")
            if op and op == previous:
                out[-1] = (op, out[-1][1] + fragment.text())
            elif op:
                out.append((op, fragment.text()))
            previous = op
            it += 1
        block = block.next()
        previous = ""
    return out


def _esc(text: str) -> str:
    from html import escape

    return escape(text)
