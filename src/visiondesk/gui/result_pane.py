"""One model's answer: tabs Answer / Text / Reasoning / Usage / Raw, a summary line and errors.

``ResultPane`` is self-contained so a comparison grid can hold several of them: it knows nothing
of the network or of tasks. The controller calls :meth:`ResultPane.start`, then
:meth:`ResultPane.on_event` for every event of the run (the ``AnalysisResult`` already folded by
``run_job``), and listens to :attr:`stop_requested` / :attr:`rerun_requested`.

Streaming is throttled: events only mark the pane dirty; the visible tab is rendered at most
every :data:`RENDER_INTERVAL_MS`, and hidden tabs when they are shown. So four models streaming
hundreds of chunks a second cost a few Markdown renders per second each, not one per chunk.
"""

from __future__ import annotations

import itertools
from html import escape
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QEvent, Qt, QTimer, Signal
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QPlainTextEdit,
    QSizePolicy,
    QTabWidget,
    QTextBrowser,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from visiondesk.core.text import markdown_to_plain
from visiondesk.gui.formatting import format_count, format_ms
from visiondesk.gui.result_tabs import (
    UsageView,
    format_request,
    plain_view,
    raw_text,
    set_markdown_keep_scroll,
    set_plain_keep_scroll,
    set_text_keep_scroll,
)

if TYPE_CHECKING:
    from visiondesk.core.events import Event
    from visiondesk.core.result import AnalysisResult

RENDER_INTERVAL_MS = 50

TAB_ANSWER, TAB_TEXT, TAB_REASONING, TAB_USAGE, TAB_RAW = range(5)

_RUN_KEYS = itertools.count(1)

LOCAL_OCR_API = "local-ocr"   # ``Started.api`` of the offline OCR engine (visiondesk.ocr.backend)


def is_local_ocr(result: AnalysisResult | None) -> bool:
    """Local OCR answers with the recognised text line by line, not with Markdown."""
    return result is not None and (result.api == LOCAL_OCR_API or result.lines is not None)


def join_figures(parts: list[str]) -> str:
    """Figures as rich text that wraps only at the `` · `` separators, never inside a figure
    (Chinese text would otherwise break between any two characters, e.g. inside 费用)."""
    return "  ·  ".join(f'<span style="white-space:nowrap">{escape(part)}</span>'
                        for part in parts)


class ResultPane(QWidget):
    """Shows one ``AnalysisResult`` as it streams in."""

    stop_requested = Signal()
    rerun_requested = Signal()
    updated = Signal()      # the header figures were rendered again (throttled)
    finished = Signal()     # the run ended: completed, failed or cancelled

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("resultPane")
        self.run_key = next(_RUN_KEYS)  # stable id for task names, whatever column it sits in
        self._compact = False
        self._result: AnalysisResult | None = None
        self._model_label = ""
        self._provider_label = ""
        self._prices: tuple[float | None, float | None] = (None, None)
        self._request_text = ""
        self._raw_chunks: list[str] = []
        self._raw_size = 0
        self._dirty: set[int] = set()
        self._running = False
        self._render_timer = QTimer(self)
        self._render_timer.setSingleShot(True)
        self._render_timer.setInterval(RENDER_INTERVAL_MS)
        self._render_timer.timeout.connect(self._render_dirty)
        self._build()
        self.retranslate()
        self._show_idle()

    # ---------------------------------------------------------------- construction

    def _build(self) -> None:
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(6)

        header = QHBoxLayout()
        header.setSpacing(6)
        self._title = QLabel()
        self._title.setObjectName("resultTitle")
        self._title.setTextFormat(Qt.TextFormat.PlainText)
        self._title.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
        self._status = QLabel()
        self._status.setObjectName("resultStatus")
        self._stop_button = QToolButton()
        self._stop_button.setObjectName("paneStopButton")
        self._stop_button.clicked.connect(self.stop_requested)
        self._rerun_button = QToolButton()
        self._rerun_button.setObjectName("paneRerunButton")
        self._rerun_button.clicked.connect(self.rerun_requested)
        header.addWidget(self._title, 1)
        header.addWidget(self._status)
        header.addWidget(self._stop_button)
        header.addWidget(self._rerun_button)
        layout.addLayout(header)

        self._error = QLabel()
        self._error.setObjectName("resultError")
        self._error.setWordWrap(True)
        self._error.setTextFormat(Qt.TextFormat.RichText)
        self._error.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self._error.setVisible(False)
        layout.addWidget(self._error)

        self.tabs = QTabWidget()
        self.tabs.setObjectName("resultTabs")
        self.tabs.setDocumentMode(True)
        self.answer_view = QTextBrowser()
        self.answer_view.setObjectName("answerView")
        self.answer_view.setOpenExternalLinks(True)
        self.answer_view.document().setDefaultStyleSheet(
            "table { border-collapse: collapse; } th, td { padding: 3px 8px; }")
        self.answer_view.document().setDocumentMargin(10)
        self.text_view = plain_view("textView")
        self.reasoning_view = plain_view("reasoningView")
        self.usage_view = UsageView()
        self.raw_view = plain_view("rawView")
        self.raw_view.setLineWrapMode(QPlainTextEdit.LineWrapMode.NoWrap)
        for widget in (self.answer_view, self.text_view, self.reasoning_view, self.usage_view,
                       self.raw_view):
            self.tabs.addTab(widget, "")
        self.tabs.currentChanged.connect(self._tab_changed)
        self._copy_button = QToolButton()
        self._copy_button.setObjectName("copyTabButton")
        self._copy_button.setAutoRaise(True)
        self._copy_button.clicked.connect(self.copy_current_tab)
        # In a holder as tall as the tab bar, centred, so it sits on the tabs' baseline.
        self._corner = QWidget(self.tabs)
        corner_layout = QHBoxLayout(self._corner)
        corner_layout.setContentsMargins(0, 0, 4, 0)
        corner_layout.addWidget(self._copy_button, 0, Qt.AlignmentFlag.AlignVCenter)
        self.tabs.setCornerWidget(self._corner, Qt.Corner.TopRightCorner)
        layout.addWidget(self.tabs, 1)

        self.summary = QLabel()
        self.summary.setObjectName("resultSummary")
        self.summary.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.summary.setTextFormat(Qt.TextFormat.RichText)
        self.summary.setWordWrap(True)
        layout.addWidget(self.summary)

    def retranslate(self) -> None:
        names = [self.tr("Answer"), self.tr("Text"), self.tr("Reasoning"), self.tr("Usage"),
                 self.tr("Raw")]
        for index, name in enumerate(names):
            self.tabs.setTabText(index, name)
        self._copy_button.setText(self.tr("Copy"))
        self._copy_button.setToolTip(self.tr("Copy the contents of this tab"))
        self._copy_button.setAccessibleName(self.tr("Copy tab contents"))
        self._stop_button.setText(self.tr("Stop"))
        self._stop_button.setAccessibleName(self.tr("Stop this model"))
        self._rerun_button.setText(self.tr("Run again"))
        self._rerun_button.setAccessibleName(self.tr("Run this model again"))
        self.tabs.setAccessibleName(self.tr("Result tabs"))
        self.answer_view.setAccessibleName(self.tr("Answer"))
        self.text_view.setAccessibleName(self.tr("Plain text of the answer"))
        self.reasoning_view.setAccessibleName(self.tr("Reasoning"))
        self.raw_view.setAccessibleName(self.tr("Raw request and response"))
        self.usage_view.retranslate()
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
        for widget in (self._title, self._status, self._stop_button, self._rerun_button,
                       self.summary):
            widget.setVisible(not compact)
        # The column's header shows the same figures; a narrow column needs the room for tabs.
        self.tabs.setTabVisible(TAB_USAGE, not compact)
        self.tabs.tabBar().setStyleSheet("QTabBar::tab { padding: 6px 8px; }" if compact else "")
        self._corner.setVisible(not compact)   # the column's header has its own Copy
        self._render_header()

    def add_tab(self, widget: QWidget, title: str) -> int:
        """An extra tab after Raw (the comparison's Differences); copied as its plain text."""
        return self.tabs.addTab(widget, title)

    def start(self, model_label: str, provider_label: str, *,
              prices: tuple[float | None, float | None] = (None, None)) -> None:
        """Clear the pane for a new run of ``model_label`` at ``provider_label``."""
        self._result = None
        self._model_label = model_label
        self._provider_label = provider_label
        self._prices = prices
        self._request_text = ""
        self._raw_chunks = []
        self._raw_size = 0
        self._running = True
        self._error.setVisible(False)
        self.answer_view.clear()
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
        from visiondesk.core.events import (
            Failed,
            Finished,
            RawChunk,
            ReasoningDelta,
            Started,
            TextDelta,
            UsageReport,
        )

        self._result = result
        match event:
            case TextDelta():
                self._mark(TAB_ANSWER, TAB_TEXT)
            case ReasoningDelta():
                self._mark(TAB_REASONING)
            case UsageReport():
                self._mark(TAB_USAGE)
            case RawChunk(text=text):
                self._raw_chunks.append(text)
                self._raw_size += len(text)
                self._mark(TAB_RAW)
            case Started(api=api, url=url, request=body):
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

    def plain_text(self) -> str:
        """The answer as plain text (Markdown stripped), what Ctrl+Shift+C copies.

        Local OCR's text is already plain: it is kept exactly as recognised ("Card **** 4417")."""
        if self._result is None:
            return ""
        if is_local_ocr(self._result):
            return self._result.text
        return markdown_to_plain(self._result.text)

    def copy_plain_text(self) -> None:
        QGuiApplication.clipboard().setText(self.plain_text())

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
        self._title.setText(title)
        self._title.setToolTip(title)
        self._stop_button.setVisible(self._running and not self._compact)
        self._rerun_button.setVisible(not self._running and bool(self._model_label)
                                      and not self._compact)
        self._status.setText(self.status_text())
        self.summary.setText(join_figures(self._summary_parts()))
        self._render_error()
        self.updated.emit()

    def _summary_parts(self) -> list[str]:
        """The line under the tabs: tokens and time, visible whichever tab is open."""
        result = self._result
        if result is None:
            return []
        usage = result.usage
        parts: list[str] = []
        if usage.input_tokens is not None:
            parts.append(self.tr("{0} in").format(format_count(usage.input_tokens)))
        if usage.output_tokens is not None:
            parts.append(self.tr("{0} out").format(format_count(usage.output_tokens)))
        if usage.reasoning_tokens:
            parts.append(self.tr("{0} reasoning").format(format_count(usage.reasoning_tokens)))
        if result.first_token_ms is not None:
            parts.append(self.tr("first token {0}").format(format_ms(result.first_token_ms)))
        if result.total_ms is not None:
            parts.append(self.tr("total {0}").format(format_ms(result.total_ms)))
        speed = result.tokens_per_second
        if speed is not None:
            parts.append(self.tr("{0} tokens/s").format(f"{speed:.0f}"))
        cost = self.cost()
        if cost is not None:
            parts.append(self.tr("cost ≈ {0}").format(f"{cost:.4f}"))
        for notice in result.notices[-1:]:
            parts.append(notice)
        return parts

    def status_text(self) -> str:
        if self._running:
            return self.tr("Streaming…") if self._result and self._result.first_token_ms else \
                self.tr("Waiting for the server…")
        status = self._result.status if self._result else None
        labels = {
            "completed": self.tr("Done"),
            "incomplete": self.tr("Incomplete"),
            "failed": self.tr("Failed"),
            "cancelled": self.tr("Cancelled"),
        }
        return labels.get(str(status), "") if status else ""

    def _render_error(self) -> None:
        error = self._result.error if self._result else None
        if error is None or str(error.kind) == "cancelled":
            self._error.setVisible(False)
            return

        status = f"HTTP {error.status} · " if error.status else ""
        parts = [f"<b>{escape(self._error_title(str(error.kind)))}</b>",
                 f"{escape(status)}{escape(error.message)}"]
        hint = self._error_hint(str(error.kind), error.hint)
        if hint:
            parts.append(f"<i>{escape(hint)}</i>")
        self._error.setText("<br>".join(parts))
        self._error.setVisible(True)

    def _error_title(self, kind: str) -> str:
        titles = {
            "auth": self.tr("The server refused the API key"),
            "permission": self.tr("No permission for this model"),
            "rate_limit": self.tr("Rate limited"),
            "quota": self.tr("No quota left"),
            "bad_request": self.tr("The server refused the request"),
            "not_found": self.tr("Model or address not found"),
            "too_large": self.tr("The image is too large for this server"),
            "server": self.tr("The server failed"),
            "network": self.tr("Could not reach the server"),
            "timeout": self.tr("The server took too long"),
            "invalid_response": self.tr("Unexpected answer from the server"),
            "image": self.tr("The image cannot be sent"),
            "config": self.tr("Configuration problem"),
        }
        return titles.get(kind, self.tr("Error"))

    def _error_hint(self, kind: str, engine_hint: str) -> str:
        hints = {
            "auth": self.tr("Check the API key for this provider in Settings."),
            "permission": self.tr("The key may lack access to this model, or the balance is empty."),
            "rate_limit": self.tr("Wait a moment and try again."),
            "quota": self.tr("Top up the account with the provider."),
            "bad_request": self.tr("A smaller image often helps."),
            "not_found": self.tr("Check the model name and the base URL."),
            "too_large": self.tr("Lower the maximum image side in Settings."),
            "server": self.tr("The server or a proxy in front of it failed; try again later."),
            "network": self.tr("Check the base URL, the proxy and the network."),
            "timeout": self.tr("Raise the read timeout in Settings for slow reasoning models."),
            "invalid_response": self.tr("The server did not answer like an OpenAI-compatible API."),
            "image": self.tr("Pick a different file or re-save the image as PNG or JPEG."),
            "config": self.tr("Open Settings to check the provider."),
        }
        if "channel" in engine_hint.lower():
            return self.tr("The relay has no channel serving this model; pick another model or relay.")
        return hints.get(kind, engine_hint)

    def _render_tab(self, index: int) -> None:
        result = self._result
        if index == TAB_ANSWER:
            if is_local_ocr(result):
                set_text_keep_scroll(self.answer_view, result.text if result else "")
            else:
                set_markdown_keep_scroll(self.answer_view, result.text if result else "")
        elif index == TAB_TEXT:
            set_plain_keep_scroll(self.text_view, self.plain_text())
        elif index == TAB_REASONING:
            if result and result.reasoning:
                text = result.reasoning
            elif result and not self._running:
                text = self.tr("The model returned no reasoning.")
            else:
                text = ""
            set_plain_keep_scroll(self.reasoning_view, text)
        elif index == TAB_USAGE:
            self.usage_view.show_result(result, self.cost(), self._prices)
        else:
            set_plain_keep_scroll(self.raw_view, self._raw_text())

    def _raw_text(self) -> str:
        return raw_text(self._request_text, self._raw_chunks)

    def cost(self) -> float | None:
        """Estimated cost from the model's prices per million tokens (a missing price counts 0)."""
        result = self._result
        price_in, price_out = self._prices
        if result is None or (price_in is None and price_out is None):
            return None
        usage = result.usage
        if usage.input_tokens is None and usage.output_tokens is None:
            return None
        cost = 0.0
        if price_in is not None and usage.input_tokens is not None:
            cost += usage.input_tokens * price_in / 1_000_000
        if price_out is not None and usage.output_tokens is not None:
            cost += usage.output_tokens * price_out / 1_000_000
        return cost

    def _show_idle(self) -> None:
        self._render_header()
