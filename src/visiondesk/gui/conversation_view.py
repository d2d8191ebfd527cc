"""A thread's earlier turns above the answer: each question on a line of its own (tinted, "You"),
its answer below it, and last the question being answered now; the new answer streams in the
pane's Answer tab underneath. Hidden while a pane shows a thread's first answer.

The view grows with its text up to a share of the pane's height and then scrolls, kept at its
end so the question being answered stays in sight.
"""

from __future__ import annotations

from collections.abc import Sequence
from html import escape
from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, Qt
from PySide6.QtGui import QPalette
from PySide6.QtWidgets import QFrame, QTextBrowser

from visiondesk.core.markdown_html import DARK, LIGHT, MarkdownRenderer

if TYPE_CHECKING:
    from PySide6.QtGui import QResizeEvent
    from PySide6.QtWidgets import QWidget

    from visiondesk.core.request import Turn

ANSWER_SHOWN_CHARS = 20_000   # of each earlier answer; the whole answer still goes on the wire
HEIGHT_SHARE = 0.4            # of the pane's height, at most
MIN_CAP, DEFAULT_CAP = 80, 220


class ConversationView(QTextBrowser):
    """Shows ``turns`` and the current question; see :meth:`show_thread`."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("conversationView")
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.setOpenLinks(False)
        self.setOpenExternalLinks(False)
        self.document().setDocumentMargin(8)
        self.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAsNeeded)
        self._turns: tuple[Turn, ...] = ()
        self._question = ""
        self.setVisible(False)
        self._retranslate()

    def _retranslate(self) -> None:
        self.setAccessibleName(self.tr("Earlier questions and answers"))

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self._retranslate()
            self._render()
        elif event.type() == QEvent.Type.PaletteChange:
            self._render()
        super().changeEvent(event)

    @property
    def turns(self) -> tuple[Turn, ...]:
        return self._turns

    @property
    def question(self) -> str:
        return self._question

    def show_thread(self, turns: Sequence[Turn], question: str) -> None:
        """The earlier ``turns`` and the ``question`` now asked; nothing (hidden) without turns."""
        self._turns = tuple(turns)
        self._question = question
        self.setVisible(bool(self._turns))
        self._render()

    def transcript(self) -> list[tuple[str, str]]:
        """What the view shows, as ``(role, text)`` in order ("question" / "answer")."""
        out: list[tuple[str, str]] = []
        for turn in self._turns:
            out += [("question", turn.prompt), ("answer", turn.answer)]
        if self._turns:
            out.append(("question", self._question))
        return out

    # ---------------------------------------------------------------- rendering

    def _dark(self) -> bool:
        return self.palette().color(QPalette.ColorRole.Base).lightness() < 128

    def _render(self) -> None:
        if not self._turns:
            self.clear()
            return
        dark = self._dark()
        renderer = MarkdownRenderer(DARK if dark else LIGHT)
        tint, accent = ("#26324a", "#9dbbff") if dark else ("#e9f0fe", "#1f4fae")
        you = escape(self.tr("You"))
        parts = []
        for turn in self._turns:
            parts.append(_question_html(turn.prompt, you, tint, accent))
            answer = turn.answer[:ANSWER_SHOWN_CHARS]
            if len(turn.answer) > ANSWER_SHOWN_CHARS:
                answer += "\n\n…"
            parts.append(renderer.render(answer, highlight=False).html)
        parts.append(_question_html(self._question, you, tint, accent))
        self.setHtml("".join(parts))
        self._fit()

    def _fit(self) -> None:
        """As tall as the text, up to a share of the pane; scrolled to the current question."""
        parent = self.parentWidget()
        cap = max(MIN_CAP, int(parent.height() * HEIGHT_SHARE)) if parent is not None else DEFAULT_CAP
        document = self.document()
        document.setTextWidth(self.viewport().width())
        wanted = int(document.size().height()) + 2 * self.frameWidth() + 2
        self.setFixedHeight(min(wanted, cap))
        bar = self.verticalScrollBar()
        bar.setValue(bar.maximum())

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        if self._turns and event.size().width() != event.oldSize().width():
            self._fit()


def _question_html(text: str, you: str, tint: str, accent: str) -> str:
    body = escape(text).replace("\n", "<br>")
    return (f'<table width="100%" cellspacing="0" cellpadding="6" bgcolor="{tint}" '
            f'style="margin-top:6px; margin-bottom:6px"><tr><td>'
            f'<b style="color:{accent}">{you}</b>&nbsp;&nbsp;{body}</td></tr></table>')
