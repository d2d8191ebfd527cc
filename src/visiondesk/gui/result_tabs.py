"""What the result pane's tabs show, apart from the pane itself: the Usage tab's table, the Raw
tab's text (the request sent and the response an event a line, head and tail when huge), and
the read-only text views that keep their scroll position (or follow the end) while an answer
streams in.

Translated texts use the context ``ResultPane`` for the Raw tab's (they show in the pane) and
``UsageView`` for the Usage table's.
"""

from __future__ import annotations

import json
from collections import deque
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtGui import QFont, QTextCursor, QTextOption
from PySide6.QtWidgets import (
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QMenu,
    QPlainTextEdit,
    QScrollArea,
    QToolButton,
    QWidget,
)

from visiondesk.gui.formatting import format_count, format_ms

if TYPE_CHECKING:
    from PySide6.QtWidgets import QTabWidget

    from visiondesk.core.result import AnalysisResult

RAW_HEAD_EVENTS = 150      # the first events of a stream the Raw tab keeps
RAW_TAIL_EVENTS = 150      # and the last ones; those between are counted, not kept
RAW_EVENT_CHARS = 4_000    # characters of one event shown (a whole non-streamed body is one)


def format_request(method_url: str, headers: dict[str, str], body: dict[str, Any]) -> str:
    """The request as the Raw tab shows it: the line, the headers, a blank line, the JSON body."""
    lines = [method_url, *(f"{k}: {v}" for k, v in headers.items()), "",
             json.dumps(body, ensure_ascii=False, indent=2)]
    return "\n".join(lines)


class RawLog:
    """The response as received, one event a line, bounded: the head and the tail of a huge
    stream are kept, with the number of events left out between them."""

    def __init__(self) -> None:
        self.head: list[str] = []
        self.tail: deque[str] = deque(maxlen=RAW_TAIL_EVENTS)
        self.omitted = 0

    def add(self, text: str) -> None:
        line = text.rstrip("\r\n")
        if len(line) > RAW_EVENT_CHARS:
            more = len(line) - RAW_EVENT_CHARS
            line = line[:RAW_EVENT_CHARS] + QCoreApplication.translate(
                "ResultPane", "… {0} more characters not shown").format(format_count(more))
        if len(self.head) < RAW_HEAD_EVENTS:
            self.head.append(line)
            return
        if len(self.tail) == self.tail.maxlen:
            self.omitted += 1
        self.tail.append(line)

    def lines(self) -> list[str]:
        if not self.omitted:
            return [*self.head, *self.tail]
        gap = QCoreApplication.translate("ResultPane", "… {0} events omitted …").format(
            format_count(self.omitted))
        return [*self.head, gap, *self.tail]


def raw_text(request_text: str, log: RawLog) -> str:
    """The Raw tab's text: the request, then the response received so far, an event a line."""
    request = request_text or QCoreApplication.translate(
        "ResultPane", "(the request is shown once it is sent)")
    request_title = QCoreApplication.translate("ResultPane", "Request")
    response_title = QCoreApplication.translate("ResultPane", "Response")
    response = "\n".join(log.lines())
    return f"{request_title}\n{request}\n\n{response_title}\n{response}"


class UsageView(QWidget):
    """Token counts and timings as a two-column grid."""

    FIELDS = ("input", "output", "reasoning", "cached", "total", "first_token", "total_time",
              "speed", "cost")

    def __init__(self) -> None:
        super().__init__()
        self.setObjectName("usageView")
        grid = QGridLayout(self)
        grid.setContentsMargins(12, 12, 12, 12)
        grid.setHorizontalSpacing(24)
        grid.setVerticalSpacing(8)
        self._names: dict[str, QLabel] = {}
        self._values: dict[str, QLabel] = {}
        for row, key in enumerate(self.FIELDS):
            name, value = QLabel(), QLabel("—")
            value.setObjectName(f"usage_{key}")
            value.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
            value.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
            grid.addWidget(name, row, 0)
            grid.addWidget(value, row, 1)
            self._names[key], self._values[key] = name, value
        grid.setColumnStretch(2, 1)
        grid.setRowStretch(len(self.FIELDS), 1)

    def retranslate(self) -> None:
        labels = {
            "input": QCoreApplication.translate("UsageView", "Input tokens"),
            "output": QCoreApplication.translate("UsageView", "Output tokens"),
            "reasoning": QCoreApplication.translate("UsageView", "Reasoning tokens"),
            "cached": QCoreApplication.translate("UsageView", "Cached tokens"),
            "total": QCoreApplication.translate("UsageView", "Total tokens"),
            "first_token": QCoreApplication.translate("UsageView", "Time to first token"),
            "total_time": QCoreApplication.translate("UsageView", "Total time"),
            "speed": QCoreApplication.translate("UsageView", "Tokens per second"),
            "cost": QCoreApplication.translate("UsageView", "Estimated cost"),
        }
        for key, label in labels.items():
            self._names[key].setText(label)

    def value(self, key: str) -> str:
        return self._values[key].text()

    def show_result(self, result: AnalysisResult | None, cost: str | None,
                    prices: tuple[float | None, float | None],
                    speed: float | None = None) -> None:
        """``cost`` as shown (with its currency); ``speed`` in tokens/s, None when unknown."""
        dash = "—"
        if result is None:
            for label in self._values.values():
                label.setText(dash)
            return
        usage = result.usage
        counts = {"input": usage.input_tokens, "output": usage.output_tokens,
                  "reasoning": usage.reasoning_tokens, "cached": usage.cached_tokens,
                  "total": usage.total_tokens}
        for key, count in counts.items():
            self._values[key].setText(dash if count is None else format_count(count))
        self._values["first_token"].setText(format_ms(result.first_token_ms) or dash)
        self._values["total_time"].setText(format_ms(result.total_ms) or dash)
        self._values["speed"].setText(dash if speed is None else f"{speed:.1f}")
        if cost is not None:
            self._values["cost"].setText(cost)
        elif prices == (None, None):
            self._values["cost"].setText(QCoreApplication.translate(
                "_UsageView", "set a price per million tokens in Settings"))
        else:
            self._values["cost"].setText(dash)

    def as_text(self) -> str:
        return "\n".join(f"{self._names[k].text()}\t{self._values[k].text()}" for k in self.FIELDS)


def plain_view(name: str) -> QPlainTextEdit:
    view = QPlainTextEdit()
    view.setObjectName(name)
    view.setReadOnly(True)
    view.setFrameShape(QFrame.Shape.NoFrame)
    return view


def monospaced(view: QPlainTextEdit) -> QPlainTextEdit:
    """A fixed-pitch font, a little smaller than the text around it (raw JSON lines up)."""
    mono = QFont()
    mono.setFamilies(["DejaVu Sans Mono", "Menlo", "Consolas"])
    mono.setStyleHint(QFont.StyleHint.Monospace)
    mono.setPointSizeF(max(view.font().pointSizeF() - 0.5, 8.0))
    view.setFont(mono)
    return view


def raw_view() -> QPlainTextEdit:
    """The Raw tab: monospaced, an event a line, wrapped (a column never scrolls sideways)."""
    view = monospaced(plain_view("rawView"))
    view.setLineWrapMode(QPlainTextEdit.LineWrapMode.WidgetWidth)
    view.setWordWrapMode(QTextOption.WrapMode.WrapAtWordBoundaryOrAnywhere)
    return view


def copy_corner(tabs: QTabWidget) -> tuple[QWidget, QToolButton, QMenu]:
    """The Copy button at the tab bar's right end (click: the open tab; its menu: the answer as
    plain text or as Markdown), in a holder as tall as the tab bar so it sits on its baseline."""
    button = QToolButton()
    button.setObjectName("copyTabButton")
    button.setAutoRaise(True)
    button.setPopupMode(QToolButton.ToolButtonPopupMode.MenuButtonPopup)
    menu = QMenu(button)
    button.setMenu(menu)
    corner = QWidget(tabs)
    layout = QHBoxLayout(corner)
    layout.setContentsMargins(0, 0, 4, 0)
    layout.addWidget(button, 0, Qt.AlignmentFlag.AlignVCenter)
    tabs.setCornerWidget(corner, Qt.Corner.TopRightCorner)
    return corner, button, menu


def scrolled(widget: QWidget) -> QScrollArea:
    """``widget`` in a frameless scroll area: a tall table must not set the tabs' minimum
    height (a 2 x 2 comparison grid would not fit)."""
    area = QScrollArea()
    area.setWidget(widget)
    area.setWidgetResizable(True)
    area.setFrameShape(QFrame.Shape.NoFrame)
    return area


def _at_bottom(bar_value: int, bar_max: int) -> bool:
    return bar_value >= bar_max - 4


def set_plain_keep_scroll(view: QPlainTextEdit, text: str) -> None:
    old = view.toPlainText()
    if old == text:
        return
    bar = view.verticalScrollBar()
    follow = _at_bottom(bar.value(), bar.maximum())
    position = bar.value()
    if old and text.startswith(old):
        cursor = QTextCursor(view.document())
        cursor.movePosition(QTextCursor.MoveOperation.End)
        cursor.insertText(text[len(old):])
    else:
        view.setPlainText(text)
    bar.setValue(bar.maximum() if follow else position)
