"""One model's answer: tabs Answer / Text / Reasoning / Usage / Raw, a summary line and errors.

``ResultPane`` is self-contained so a comparison grid can hold several of them: it knows nothing
of the network or of tasks. The controller calls :meth:`ResultPane.start`, then
:meth:`ResultPane.on_event` for every event of the run (the ``AnalysisResult`` already folded by
``run_job``), and listens to :attr:`stop_requested` / :attr:`rerun_requested`.

Streaming is throttled: events only mark the pane dirty; the visible tab is rendered at most
every :data:`RENDER_INTERVAL_MS` (hidden tabs when shown), and the Answer re-renders only its
last unfinished block (:mod:`visiondesk.gui.answer_view`).
"""

from __future__ import annotations

import itertools
import time
import weakref
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QEvent, Qt, QTimer, Signal
from PySide6.QtGui import QFontMetricsF, QGuiApplication
from PySide6.QtWidgets import QLabel, QTabWidget, QVBoxLayout, QWidget

from visiondesk.core.events import Failed, Finished, RawChunk, ReasoningDelta, Started, TextDelta, UsageReport
from visiondesk.core.text import display_width, markdown_to_plain
from visiondesk.gui.answer_page import AnswerPage
from visiondesk.gui.answer_view import DISPLAY_LIMIT
from visiondesk.gui.conversation_view import ConversationView
from visiondesk.gui.follow_up import add_follow_up_box
from visiondesk.gui.formatting import format_count
from visiondesk.gui.pane_figures import (
    cost_estimate,
    is_local_ocr,
    join_figures,
    status_text,
    stream_speed,
    summary_parts,
)
from visiondesk.gui.pane_header import PaneHeader
from visiondesk.gui.render_queue import render_later
from visiondesk.gui.result_errors import error_html
from visiondesk.gui.result_tabs import (
    RawLog,
    UsageView,
    copy_corner,
    format_request,
    plain_view,
    raw_text,
    raw_view,
    scrolled,
    set_plain_keep_scroll,
)

if TYPE_CHECKING:
    from visiondesk.core.events import Event
    from visiondesk.core.pricing import Cost
    from visiondesk.core.result import AnalysisResult

RENDER_INTERVAL_MS = 50
LIVE_TEXT_LIMIT = 50_000   # beyond this the Text tab is converted again only when the run ends

TAB_ANSWER, TAB_TEXT, TAB_REASONING, TAB_USAGE, TAB_RAW = range(5)

_RUN_KEYS = itertools.count(1)


class ResultPane(QWidget):
    """Shows one ``AnalysisResult`` as it streams in."""

    stop_requested = Signal()
    rerun_requested = Signal()
    updated = Signal()      # the header figures were rendered again (throttled)
    finished = Signal()     # the run ended: completed, failed or cancelled
    follow_up_requested = Signal(str)   # a question from the follow-up box under the answer

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("resultPane")
        self.run_key = next(_RUN_KEYS)  # stable id for task names, whatever column it sits in
        self._compact = False
        self._result: AnalysisResult | None = None
        self._model_label = ""
        self._provider_label = ""
        self._prices: tuple[float | None, float | None] = (None, None)
        self._currency = "USD"
        self._request_text = ""
        self._raw = RawLog()
        self._dirty: set[int] = set()
        self._running = False
        self._started_at = 0.0
        self._streamed: bool | None = None   # the request asked for a stream (from Started)
        self._thinking_since: float | None = None   # first thought arrived (perf_counter)
        self._thinking_until: float | None = None   # first word of the answer after thoughts
        self._old_results: weakref.WeakValueDictionary[int, AnalysisResult] = \
            weakref.WeakValueDictionary()   # id -> result of earlier runs (results are unhashable)
        self._plain_cache: tuple[tuple[int, bool] | None, str] = (None, "")
        self._render_timer = QTimer(self)
        self._render_timer.setSingleShot(True)
        self._render_timer.setInterval(RENDER_INTERVAL_MS)
        self._render_timer.timeout.connect(self._queue_render)
        self._build()
        self.retranslate()
        self._show_idle()

    # ---------------------------------------------------------------- construction

    def _build(self) -> None:
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(6)

        self.header = PaneHeader()
        self.header.stop_button.clicked.connect(self.stop_requested)
        self.header.rerun_button.clicked.connect(self.rerun_requested)
        layout.addWidget(self.header)

        self._error = QLabel()
        self._error.setObjectName("resultError")
        self._error.setWordWrap(True)
        self._error.setTextFormat(Qt.TextFormat.RichText)
        self._error.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self._error.setVisible(False)
        layout.addWidget(self._error)

        self.conversation = ConversationView()   # a thread's earlier turns (gui/run_controller)
        layout.addWidget(self.conversation)
        self.tabs = QTabWidget()
        self.tabs.setObjectName("resultTabs")
        self.tabs.setDocumentMode(True)
        self.answer_page = AnswerPage()   # the Answer tab: thoughts above the answer
        self.answer_page.copy_plain_requested.connect(self.copy_plain_text)
        self.answer_page.copy_markdown_requested.connect(self.copy_markdown)
        self.thinking = self.answer_page.thinking
        self.answer_view = self.answer_page.view
        self.text_view = plain_view("textView")
        self.reasoning_view = plain_view("reasoningView")
        self.usage_view = UsageView()
        self.raw_view = raw_view()
        for widget in (self.answer_page, self.text_view, self.reasoning_view,
                       scrolled(self.usage_view), self.raw_view):
            self.tabs.addTab(widget, "")
        self.tabs.currentChanged.connect(self._tab_changed)
        self._corner, self._copy_button, self.copy_menu = copy_corner(self.tabs)
        self._copy_button.clicked.connect(self.copy_current_tab)
        self._copy_plain_action = self.copy_menu.addAction("", self.copy_plain_text)
        self._copy_markdown_action = self.copy_menu.addAction("", self.copy_markdown)
        layout.addWidget(self.tabs, 1)

        self.summary = QLabel()
        self.summary.setObjectName("resultSummary")
        self.summary.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.summary.setTextFormat(Qt.TextFormat.RichText)
        self.summary.setWordWrap(True)
        layout.addWidget(self.summary)
        self.follow_up_box = add_follow_up_box(layout)
        self.follow_up_box.send_requested.connect(self.follow_up_requested)

    def retranslate(self) -> None:
        names = [self.tr("Answer"), self.tr("Text"), self.tr("Reasoning"), self.tr("Usage"),
                 self.tr("Raw")]
        for index, name in enumerate(names):
            self.tabs.setTabText(index, name)
        self._copy_button.setText(self.tr("Copy"))
        self._copy_button.setToolTip(self.tr("Copy the contents of this tab"))
        self._copy_button.setAccessibleName(self.tr("Copy tab contents"))
        self.header.retranslate()
        self.tabs.setAccessibleName(self.tr("Result tabs"))
        self.answer_view.setAccessibleName(self.tr("Answer"))
        self.text_view.setAccessibleName(self.tr("Plain text of the answer"))
        self.reasoning_view.setAccessibleName(self.tr("Reasoning"))
        self.raw_view.setAccessibleName(self.tr("Raw request and response"))
        self.usage_view.retranslate()
        self._copy_plain_action.setText(self.tr("Copy as Plain Text"))
        self._copy_markdown_action.setText(self.tr("Copy as Markdown"))
        self.answer_view.set_labels(
            self.tr("Copy"), self.tr("image"),
            self.tr("… {0} more characters: Copy takes the whole answer"))
        self._align_corner()
        self._dirty.update(range(5))
        self._render_now()

    def _align_corner(self) -> None:
        self._corner.setFixedHeight(self.tabs.tabBar().sizeHint().height())

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    # ---------------------------------------------------------------- public API

    @property
    def result(self) -> AnalysisResult | None:
        return self._result

    @property
    def running(self) -> bool:
        return self._running

    @property
    def model_label(self) -> str:
        return self._model_label

    @property
    def provider_label(self) -> str:
        return self._provider_label

    def set_compact(self, compact: bool) -> None:
        """In a comparison column the column's header shows title, status, buttons and figures."""
        self._compact = compact
        for widget in (self.header, self.summary):
            widget.setVisible(not compact)
        # The column's header shows the same figures; a narrow column needs the room for tabs.
        self.tabs.setTabVisible(TAB_USAGE, not compact)
        self.tabs.tabBar().setStyleSheet("QTabBar::tab { padding: 6px 4px; }" if compact else "")
        self.tabs.tabBar().setElideMode(Qt.TextElideMode.ElideNone)
        self._corner.setVisible(not compact)   # the column's header has its own Copy
        self._render_header()

    def add_tab(self, widget: QWidget, title: str) -> int:
        """An extra tab after Raw (the comparison's Differences); copied as its plain text."""
        return self.tabs.addTab(widget, title)

    def start(self, model_label: str, provider_label: str, *,
              prices: tuple[float | None, float | None] = (None, None),
              currency: str = "USD") -> None:
        """Clear the pane for a new run of ``model_label`` at ``provider_label``.

        Events of an earlier run of this pane that arrive after this (a cancelled run's last
        word) are ignored: they would otherwise end the new run's display."""
        if self._result is not None:
            self._old_results[id(self._result)] = self._result
        self._result = None
        self._model_label = model_label
        self._provider_label = provider_label
        self._prices = prices
        self._currency = currency or "USD"
        self._request_text = ""
        self._raw = RawLog()
        self._running = True
        self._started_at = time.perf_counter()
        self._streamed = None
        self._thinking_since = self._thinking_until = None
        self._plain_cache = (None, "")
        self._error.setVisible(False)
        self.answer_page.clear()
        self.text_view.clear()
        self.reasoning_view.clear()
        self.raw_view.clear()
        self._dirty.update(range(5))
        self._render_now()

    def set_request(self, method_url: str, headers: dict[str, str], body: dict[str, Any]) -> None:
        """What was sent, for the Raw tab; the caller has elided image data and the key."""
        self._request_text = format_request(method_url, headers, body)
        self._mark(TAB_RAW)

    def on_event(self, result: AnalysisResult, event: Event) -> None:
        """Take one event; ``result`` has already applied it."""
        if self._stale(result):
            return
        self._result = result
        match event:
            case TextDelta():
                if self._thinking_since is not None and self._thinking_until is None:
                    self._thinking_until = time.perf_counter()
                self._mark(TAB_ANSWER, TAB_TEXT)
            case ReasoningDelta():
                if self._thinking_since is None:
                    self._thinking_since = time.perf_counter()
                self._mark(TAB_ANSWER, TAB_REASONING)
            case UsageReport():
                self._mark(TAB_USAGE)
            case RawChunk(text=text):
                self._raw.add(text)
                self._mark(TAB_RAW)
            case Started(api=api, url=url, request=body):
                if isinstance(body, dict) and "stream" in body:
                    self._streamed = bool(body.get("stream"))
                if body:
                    self.set_request(f"POST {url}   ({api})", {
                        "Authorization": "Bearer ••••••••", "Content-Type": "application/json"},
                        body)
            case Finished() | Failed():
                self._running = False
                self._dirty.update(range(5))
                self._render_now()
                self.finished.emit()
                return
        if not self._render_timer.isActive():
            self._render_timer.start()

    def _stale(self, result: AnalysisResult) -> bool:
        """An event of a run this pane no longer shows (it was started again meanwhile)."""
        if result is self._result:
            return False
        if self._old_results.get(id(result)) is result:
            return True
        # A run cancelled before it said anything: older than this run, its one word "cancelled".
        return (self._running and self._result is None and result.started_at < self._started_at
                and str(result.status) == "cancelled")

    def plain_text(self, *, for_view: bool = False) -> str:
        """The answer as plain text (Markdown stripped, list bullets kept, tables aligned), what
        Ctrl+Shift+C copies (tables aligned by display width, as a monospaced editor shows
        them) and the Text tab shows (``for_view``: aligned in the view's own font).

        Local OCR's text is already plain: it is kept exactly as recognised ("Card **** 4417")."""
        if self._result is None:
            return ""
        if is_local_ocr(self._result):
            return self._result.text
        text, key = self._result.text, (len(self._result.text), for_view)
        if self._plain_cache[0] != key:
            metrics = QFontMetricsF(self.text_view.font())   # fractional, as text is laid out
            space = max(metrics.horizontalAdvance(" "), 1.0)
            width = (lambda cell: metrics.horizontalAdvance(cell) / space) if for_view else \
                display_width
            self._plain_cache = (key, markdown_to_plain(text, bullets=True, align_tables=True,
                                                        width=width))
        return self._plain_cache[1]

    def markdown_text(self) -> str:   # the answer as the model wrote it
        return self._result.text if self._result is not None else ""

    def copy_plain_text(self) -> None:
        QGuiApplication.clipboard().setText(self.plain_text())

    def copy_markdown(self) -> None:
        QGuiApplication.clipboard().setText(self.markdown_text())

    def copy_current_tab(self) -> None:
        index = self.tabs.currentIndex()
        result = self._result
        if index == TAB_ANSWER:
            text = result.text if result else ""
        elif index == TAB_TEXT:
            text = self.plain_text()
        elif index == TAB_REASONING:
            text = result.reasoning if result else ""
        elif index == TAB_USAGE:
            text = self.usage_view.as_text()
        elif index == TAB_RAW:
            text = self._raw_text()
        else:
            widget = self.tabs.widget(index)
            to_plain = getattr(widget, "toPlainText", None)
            text = str(to_plain()) if callable(to_plain) else ""
        QGuiApplication.clipboard().setText(text)

    # ---------------------------------------------------------------- rendering

    def _mark(self, *tabs: int) -> None:
        self._dirty.update(tabs)

    def _tab_changed(self, _index: int) -> None:
        self._render_now()

    def _queue_render(self) -> None:   # a turn of its own, after the other panes due
        render_later(self._render_dirty)

    def _render_now(self) -> None:
        self._render_timer.stop()
        self._render_dirty()

    def _render_dirty(self) -> None:
        """Render the summary, the header and the visible tab if it changed."""
        self._render_header()
        current = self.tabs.currentIndex()
        if current in self._dirty:
            self._dirty.discard(current)
            self._render_tab(current)

    def _render_header(self) -> None:
        title = self._model_label
        if self._provider_label:
            title = f"{self._model_label}  ·  {self._provider_label}"
        self.header.show_state(title, self.status_text(), running=self._running,
                               has_model=bool(self._model_label))
        self.summary.setText(join_figures(self._summary_parts()))
        self._render_error()
        self.updated.emit()

    def _summary_parts(self) -> list[str]:
        return summary_parts(self._result, speed=self.tokens_per_second(),
                             cost=self.cost_text(), running=self._running)

    def tokens_per_second(self) -> float | None:
        """Output tokens per second of streaming; None when the run did not really stream."""
        return stream_speed(self._result, self._streamed)

    def status_text(self) -> str:
        return status_text(self._result, self._running)

    def _render_error(self) -> None:
        self._error.setText(html := error_html(self._result.error if self._result else None))
        self._error.setVisible(bool(html))

    def _render_tab(self, index: int) -> None:
        result = self._result
        if index == TAB_ANSWER:
            self.answer_page.show_run(
                result.text if result else "", result.reasoning if result else "",
                running=self._running, markdown=not is_local_ocr(result),
                since=self._thinking_since, until=self._thinking_until)
        elif index == TAB_TEXT:
            set_plain_keep_scroll(self.text_view, self._text_tab())
        elif index == TAB_REASONING:
            text = result.reasoning[:DISPLAY_LIMIT] if result and result.reasoning else (
                self.tr("The model returned no reasoning.") if result and not self._running
                else "")
            set_plain_keep_scroll(self.reasoning_view, text)
        elif index == TAB_USAGE:
            self.usage_view.show_result(result, self.cost_text(), self._prices,
                                        self.tokens_per_second())
        else:
            set_plain_keep_scroll(self.raw_view, self._raw_text())

    def _text_tab(self) -> str:
        """The Text tab: the plain text, bounded; a long answer converts again only when done
        (converting a huge answer on every update would stall the window)."""
        if self._result is None:
            return ""
        if self._running and len(self._result.text) > LIVE_TEXT_LIMIT and self._plain_cache[0]:
            text = self._plain_cache[1]
        else:
            text = self.plain_text(for_view=True)
        if len(text) > DISPLAY_LIMIT:
            more = self.tr("… {0} more characters: Copy takes the whole answer").format(
                format_count(len(text) - DISPLAY_LIMIT))
            text = f"{text[:DISPLAY_LIMIT]}\n{more}"
        return text

    def _raw_text(self) -> str:
        return raw_text(self._request_text, self._raw)

    def cost(self) -> float | None:
        return None if (cost := self.cost_estimate()) is None else cost.amount

    def cost_estimate(self) -> Cost | None:
        """The estimated cost with its currency (the session's figure once it set one)."""
        return cost_estimate(self._result, self._prices, self._currency)

    def cost_text(self) -> str | None:
        """``$0.0123``, ``¥0.0800``, or None when no price is known."""
        return None if (cost := self.cost_estimate()) is None else cost.format()

    def _show_idle(self) -> None:
        self._render_header()
