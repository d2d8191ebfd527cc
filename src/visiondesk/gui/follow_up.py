"""The follow-up box: a one-line question about the same image(s) and a Send button.

One sits under every answer (a single pane or a comparison column) and one under a comparison's
grid, which asks every column. The box only emits :attr:`FollowUpBox.send_requested` with the
question; the run controller makes the thread's next job. Enter or Ctrl+Enter in the editor
sends (Ctrl+Enter there is the box's, not the window's Run).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, Qt, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QHBoxLayout, QLineEdit, QPushButton, QWidget

if TYPE_CHECKING:
    from PySide6.QtCore import QObject
    from PySide6.QtWidgets import QBoxLayout

MAX_QUESTION_CHARS = 100_000   # the session's bound too (session/threads.MAX_FOLLOW_UP_CHARS)
_SEND_KEYS = (Qt.Key.Key_Return, Qt.Key.Key_Enter)


class FollowUpBox(QWidget):
    """``send_requested(question)`` when Send is pressed (or Enter / Ctrl+Enter in the editor)."""

    send_requested = Signal(str)

    def __init__(self, *, every_column: bool = False, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("gridFollowUpBox" if every_column else "followUpBox")
        self._every_column = every_column
        self._reason = ""   # why the box cannot be used (Local OCR), shown in its place
        self._refocus = False   # the question was sent from the keyboard: type the next one there
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(6)
        self.editor = QLineEdit()
        self.editor.setObjectName("followUpEdit")
        self.editor.setMaxLength(MAX_QUESTION_CHARS)
        self.editor.setClearButtonEnabled(True)
        self.editor.installEventFilter(self)
        self.editor.textChanged.connect(self._update_button)
        self.send_button = QPushButton()
        self.send_button.setObjectName("followUpSendButton")
        self.send_button.clicked.connect(self.send)
        layout.addWidget(self.editor, 1)
        layout.addWidget(self.send_button)
        self.set_ready(False)
        self.retranslate()

    def retranslate(self) -> None:
        self.send_button.setText(self.tr("Send"))
        if self._every_column:
            self.send_button.setToolTip(self.tr("Ask every column this follow-up (Ctrl+Enter)"))
            self.editor.setAccessibleName(self.tr("Follow-up question for every column"))
        else:
            self.send_button.setToolTip(self.tr("Ask this model a follow-up (Ctrl+Enter)"))
            self.editor.setAccessibleName(self.tr("Follow-up question"))
        self._show_placeholder()

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        # Ctrl+Enter is the window's Run everywhere else; in this editor it sends the question.
        if watched is self.editor and isinstance(event, QKeyEvent) and event.key() in _SEND_KEYS:
            if event.type() == QEvent.Type.ShortcutOverride:
                event.accept()
                return True
            if event.type() == QEvent.Type.KeyPress:
                self.send()
                return True
        return super().eventFilter(watched, event)

    # ---------------------------------------------------------------- state

    @property
    def ready(self) -> bool:
        return self.editor.isEnabled()

    def set_ready(self, ready: bool) -> None:
        """Usable once the answer above it has finished (and the model can answer questions)."""
        self._reason = ""
        self.editor.setEnabled(ready)
        if ready and self._refocus:
            self._refocus = False
            self.editor.setFocus(Qt.FocusReason.OtherFocusReason)
        self._show_placeholder()
        self._update_button()

    def set_unavailable(self, reason: str) -> None:
        """Not usable at all for this answer (Local OCR reads text; it answers no question)."""
        self.set_ready(False)
        self._reason = reason
        self._show_placeholder()

    def question(self) -> str:
        return self.editor.text().strip()

    def send(self) -> None:
        question = self.question()
        if not question or not self.ready:
            return
        self._refocus = self.editor.hasFocus()
        self.editor.clear()
        self.send_requested.emit(question)

    def _show_placeholder(self) -> None:
        if self._reason:
            text = self._reason
        elif self._every_column:
            text = self.tr("Ask every column a follow-up…")
        else:
            text = self.tr("Ask a follow-up question…")
        self.editor.setPlaceholderText(text)
        self.editor.setToolTip(self._reason)

    def _update_button(self, *_args: object) -> None:
        self.send_button.setEnabled(self.ready and bool(self.question()))


def add_follow_up_box(layout: QBoxLayout, *, every_column: bool = False) -> FollowUpBox:
    """A follow-up box at the end of ``layout`` (one line in the widgets that hold one)."""
    box = FollowUpBox(every_column=every_column)
    layout.addWidget(box)
    return box
