"""The model's thoughts above its answer, as Cherry Studio and Chatbox show them.

While only reasoning has arrived the block is open and its header counts the seconds
("Thinking… 3.1 s"); when the answer starts (or the run ends) it folds to one line,
"Thought for 4.2 s", and a click opens it again. A person's own click is kept: a block opened
by hand does not fold by itself.
"""

from __future__ import annotations

import time
from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, Qt, QTimer
from PySide6.QtWidgets import QFrame, QPlainTextEdit, QSizePolicy, QToolButton, QVBoxLayout

from visiondesk.gui.result_tabs import set_plain_keep_scroll

if TYPE_CHECKING:
    from PySide6.QtWidgets import QWidget

THOUGHTS_LIMIT = 100_000   # characters of reasoning shown here; the Reasoning tab has the rest
VIEW_HEIGHT = 170


class ThinkingBlock(QFrame):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("thinkingBlock")
        self.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Maximum)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 6)
        layout.setSpacing(2)
        self.header = QToolButton()
        self.header.setObjectName("thinkingHeader")
        self.header.setCheckable(True)
        self.header.setAutoRaise(True)
        self.header.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
        self.header.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Fixed)
        self.header.clicked.connect(self._clicked)
        self.view = QPlainTextEdit()
        self.view.setObjectName("thinkingView")
        self.view.setReadOnly(True)
        self.view.setFrameShape(QFrame.Shape.NoFrame)
        self.view.setMaximumHeight(VIEW_HEIGHT)
        layout.addWidget(self.header, 0, Qt.AlignmentFlag.AlignLeft)
        layout.addWidget(self.view)
        self._timer = QTimer(self)
        self._timer.setInterval(100)
        self._timer.timeout.connect(self._update_header)
        self._started: float | None = None
        self._ended: float | None = None
        self._thinking = False
        self._user_choice: bool | None = None   # expanded by hand (True) or folded (False)
        self.reset()

    def reset(self) -> None:
        self._timer.stop()
        self._started = self._ended = None
        self._thinking = False
        self._user_choice = None
        self.view.clear()
        self.setVisible(False)
        self._set_expanded(True)

    @property
    def expanded(self) -> bool:
        return self.header.isChecked()

    @property
    def thinking(self) -> bool:
        return self._thinking

    def show_thoughts(self, reasoning: str, *, running: bool, answer_started: bool,
                      since: float | None = None, until: float | None = None) -> None:
        """The reasoning so far; ``answer_started`` folds the block (unless opened by hand).

        ``since`` and ``until`` (``time.perf_counter()``) are when the first thought and the
        first word of the answer arrived, as the pane saw them."""
        if not reasoning and not self.isVisible():
            return
        if since is not None:
            self._started = since
        elif self._started is None and reasoning:
            self._started = time.perf_counter()
        thinking = running and not answer_started and bool(reasoning)
        if until is not None:
            self._ended = until
        elif self._thinking and not thinking and self._ended is None:
            self._ended = time.perf_counter()
        self._thinking = thinking
        if thinking and not self._timer.isActive():
            self._timer.start()
        elif not thinking:
            self._timer.stop()
        shown = reasoning[:THOUGHTS_LIMIT]
        if len(reasoning) > THOUGHTS_LIMIT:
            shown += "\n…"
        set_plain_keep_scroll(self.view, shown)
        self.setVisible(bool(reasoning))
        wanted = self._user_choice if self._user_choice is not None else thinking
        if wanted != self.expanded:
            self._set_expanded(wanted)
        self._update_header()

    def set_fills(self, fills: bool) -> None:
        """Take the whole tab (nothing of the answer yet) or stay a box above the answer."""
        policy = QSizePolicy.Policy.Expanding if fills else QSizePolicy.Policy.Maximum
        if self.sizePolicy().verticalPolicy() != policy:
            self.setSizePolicy(QSizePolicy.Policy.Preferred, policy)
            self.view.setMaximumHeight(16_777_215 if fills else VIEW_HEIGHT)
            self.updateGeometry()

    def toggle(self) -> None:
        self.header.click()

    def _clicked(self, checked: bool) -> None:
        self._user_choice = checked
        self._set_expanded(checked)

    def _set_expanded(self, expanded: bool) -> None:
        self.header.setChecked(expanded)
        self.header.setArrowType(Qt.ArrowType.DownArrow if expanded else Qt.ArrowType.RightArrow)
        self.view.setVisible(expanded)

    def _update_header(self) -> None:
        seconds = None if self._started is None else \
            (self._ended or time.perf_counter()) - self._started
        if self._thinking:
            text = self.tr("Thinking… {0}").format(f"{seconds or 0:.1f} s")
        elif seconds is not None and self._ended is not None and seconds >= 0.05:
            text = self.tr("Thought for {0}").format(f"{seconds:.1f} s")
        else:   # not timed (an answer shown again, not streamed): no made-up duration
            text = self.tr("Thoughts")
        self.header.setText(text)
        self.header.setToolTip(self.tr("Show or hide the model's thoughts"))
        self.header.setAccessibleName(text)

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self._update_header()
        super().changeEvent(event)
