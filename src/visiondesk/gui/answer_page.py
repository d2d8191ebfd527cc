"""The Answer tab: the model's thoughts (a folding block) above its rendered answer.

While only thoughts have arrived they fill the tab; once the answer starts they fold to one line
above it. A right click on the answer offers copying it as plain text or as Markdown.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QVBoxLayout, QWidget

from visiondesk.gui.answer_view import AnswerView
from visiondesk.gui.thinking_block import ThinkingBlock

if TYPE_CHECKING:
    from PySide6.QtCore import QPoint


class AnswerPage(QWidget):
    copy_plain_requested = Signal()
    copy_markdown_requested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("answerPage")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        self.thinking = ThinkingBlock()
        self.view = AnswerView()
        # Answers wrap: a column never scrolls sideways (code blocks wrap too).
        self.view.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.view.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.view.customContextMenuRequested.connect(self._menu)
        layout.addWidget(self.thinking)
        layout.addWidget(self.view, 1)

    def clear(self) -> None:
        self.thinking.reset()
        self.view.clear_answer()
        self.view.setVisible(True)

    def show_run(self, text: str, reasoning: str, *, running: bool, markdown: bool,
                 since: float | None = None, until: float | None = None) -> None:
        """The run as it stands: thoughts so far, then the answer so far."""
        self.thinking.show_thoughts(reasoning, running=running, answer_started=bool(text),
                                    since=since, until=until)
        waiting_for_answer = not text and self.thinking.isVisible() and running
        self.thinking.set_fills(waiting_for_answer)
        self.view.setVisible(not waiting_for_answer)
        self.view.show_answer(text, markdown=markdown, final=not running)

    def _menu(self, position: QPoint) -> None:
        menu = self.view.createStandardContextMenu(position)
        menu.addSeparator()
        menu.addAction(self.tr("Copy Answer as Plain Text"), self.copy_plain_requested.emit)
        menu.addAction(self.tr("Copy Answer as Markdown"), self.copy_markdown_requested.emit)
        menu.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        menu.popup(self.view.viewport().mapToGlobal(position))
