"""The Answer tab's text: Markdown rendered as the answer streams, without stalling the window.

Finished top-level blocks (found by :class:`~visiondesk.core.markdown_html.BlockSplitter`) are
rendered once and appended to the document; only the last, unfinished block is rendered again on
each update. A long unfinished block is shown as plain text until it is finished, and an answer
beyond :data:`MARKDOWN_LIMIT` characters is shown as plain text, cut at :data:`DISPLAY_LIMIT`
(copying still takes all of it), so a runaway 7 MB answer costs the event loop nothing.

Links are never followed by the view: ``copy:N`` copies code block N, http(s) and mailto links
open in the system browser when clicked, anything else is ignored.
"""

from __future__ import annotations

import logging
import threading
from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, QTimer, Signal
from PySide6.QtGui import (
    QDesktopServices,
    QGuiApplication,
    QPalette,
    QTextBlockFormat,
    QTextCharFormat,
    QTextCursor,
)
from PySide6.QtWidgets import QTextBrowser

from visiondesk.core.markdown_html import (
    DARK,
    LIGHT,
    SAFE_SCHEMES,
    BlockSplitter,
    MarkdownRenderer,
)

if TYPE_CHECKING:
    from PySide6.QtCore import QUrl
    from PySide6.QtWidgets import QWidget

log = logging.getLogger(__name__)

MARKDOWN_LIMIT = 120_000   # characters rendered as Markdown; a longer answer is plain text
TAIL_LIMIT = 4_000         # an unfinished block longer than this streams as plain text
DISPLAY_LIMIT = 200_000    # characters shown at all; copying takes the whole answer
FULL_RENDER_LIMIT = 6_000  # an answer shown whole at once and this short renders in one go
STEP_CHARS = 4_000         # new characters rendered per turn of the event loop, at most


_warmed = False


def warm_up() -> None:
    """Import the Markdown parser, Pygments and a lexer off the GUI thread (the first code block
    would otherwise stall the window ~0.1 s while they load)."""
    global _warmed
    if _warmed:
        return
    _warmed = True

    def load() -> None:
        try:
            MarkdownRenderer().render("```python\nx = 1\n```\n\n| a |\n|---|\n| b |\n")
        except Exception:   # a warm-up only: the real render reports its own trouble
            log.debug("Markdown warm-up failed", exc_info=True)

    threading.Thread(target=load, name="markdown-warm-up", daemon=True).start()


class AnswerView(QTextBrowser):
    """A read-only view of one answer as Markdown (or plain text) that follows the stream."""

    code_copied = Signal(int)   # index of the code block put on the clipboard

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("answerView")
        self.setOpenLinks(False)            # we decide what a click does
        self.setOpenExternalLinks(False)
        self.anchorClicked.connect(self._anchor_clicked)
        warm_up()
        self.document().setDocumentMargin(10)
        self._renderer: MarkdownRenderer | None = None
        self._copy_label = "Copy"
        self._image_label = "image"
        self._more_label = "… {0} more characters: Copy takes the whole answer"
        self._splitter = BlockSplitter()
        self._source = ""            # the text as last shown
        self._plain = False          # shown as plain text (too long, or not Markdown)
        self._markdown_wanted = True
        self._tail_start = 0         # document position where the unfinished block starts
        self._tail_cut = 0           # where to cut to remove it (with the break before it)
        self._tail_plain = ""        # that block as shown in plain text (too long to re-render)
        self._code_blocks: list[str] = []
        self._stable_codes = 0       # code blocks in the finished blocks
        self._cut = False
        self._final_shown = False
        self._pending: tuple[str, bool] = ("", False)
        self._more = QTimer(self)   # renders the rest of a long answer, a step per loop turn
        self._more.setSingleShot(True)
        self._more.setInterval(0)
        self._more.timeout.connect(self._show_more)

    # ---------------------------------------------------------------- public

    def set_labels(self, copy: str, image: str, more: str) -> None:
        """Translated words the rendering uses; takes effect at the next full render."""
        if (copy, image, more) != (self._copy_label, self._image_label, self._more_label):
            self._copy_label, self._image_label, self._more_label = copy, image, more
            self._renderer = None
            self._restart()

    @property
    def code_blocks(self) -> list[str]:
        return list(self._code_blocks)

    @property
    def shown_as_plain(self) -> bool:
        return self._plain

    def clear_answer(self) -> None:
        self._more.stop()
        self._source = ""
        self._splitter.reset()
        self._code_blocks = []
        self._stable_codes = 0
        self._tail_start = self._tail_cut = 0
        self._tail_plain = ""
        self._cut = False
        self._final_shown = False
        self._plain = not self._markdown_wanted
        self.clear()

    def show_answer(self, text: str, *, markdown: bool = True, final: bool = False) -> None:
        """Show ``text``, which usually extends what is shown; ``final`` once it is complete.

        At most :data:`STEP_CHARS` new characters are rendered per call; the rest follows on
        the next turns of the event loop, so even a long answer shown at once never stalls."""
        self._more.stop()
        if markdown != self._markdown_wanted:
            self._markdown_wanted = markdown
            self.clear_answer()
        if text == self._source and (not final or self._final_shown):
            return
        if not text.startswith(self._source):
            self.clear_answer()
        bar = self.verticalScrollBar()
        follow = bar.value() >= bar.maximum() - 4
        position = bar.value()
        if not self._plain and len(text) > MARKDOWN_LIMIT:
            self.clear_answer()
            self._plain = True
        shown, complete = text, True
        if self._plain:
            self._append_plain(text)
        elif final and not self._source and len(text) <= FULL_RENDER_LIMIT:
            self._render_whole(text)
        else:
            # Always a step past what is shown: one long paragraph (no block ends, so ``stable``
            # stays put) must not be rendered again and again without getting anywhere.
            shown = text[:max(len(self._source), self._splitter.stable) + STEP_CHARS]
            complete = len(shown) == len(text)
            if not complete:   # the rest on the next turns of the event loop
                self._pending = (text, final)
                self._more.start()
            self._render_markdown(shown, final and complete)
        self._source = shown
        self._final_shown = final and complete
        bar.setValue(bar.maximum() if follow else position)

    def _show_more(self) -> None:
        text, final = self._pending
        self.show_answer(text, markdown=self._markdown_wanted, final=final)

    def repaint_everything(self) -> None:
        """Render again from scratch (the palette or the language changed)."""
        self._renderer = None
        self._restart()

    # ---------------------------------------------------------------- rendering

    def _restart(self) -> None:
        text = self._source
        if text:
            self.clear_answer()
            self.show_answer(text, markdown=self._markdown_wanted, final=True)

    def _markdown(self) -> MarkdownRenderer:
        if self._renderer is None:
            dark = self.palette().color(QPalette.ColorRole.Base).lightness() < 128
            self._renderer = MarkdownRenderer(DARK if dark else LIGHT, copy_label=self._copy_label,
                                              image_label=self._image_label)
        return self._renderer

    def _render_whole(self, text: str) -> None:
        rendered = self._markdown().render(text)
        self.setHtml(rendered.html)
        self._code_blocks = rendered.code_blocks
        self._stable_codes = len(rendered.code_blocks)
        self._splitter.reset()
        self._splitter.advance(text + "\n")
        self._tail_start = self._tail_cut = self.document().characterCount()

    def _render_markdown(self, text: str, final: bool) -> None:
        old_stable = self._splitter.stable
        stable = self._splitter.advance(text + "\n" if final else text,
                                        old_stable + STEP_CHARS)
        if final:
            stable = len(text)
        cursor = QTextCursor(self.document())
        tail = text[stable:]
        if (stable == old_stable and self._tail_plain and len(tail) > TAIL_LIMIT
                and tail.startswith(self._tail_plain)):
            # A long unfinished block shown as plain text grows by appending, not re-rendering.
            cursor.movePosition(QTextCursor.MoveOperation.End)
            cursor.insertText(tail[len(self._tail_plain):])
            self._tail_plain = tail
            return
        self._tail_plain = tail if len(tail) > TAIL_LIMIT and not final else ""
        if old_stable == 0 and stable == 0:
            self._tail_start = self._tail_cut = 0
            self._code_blocks = []
            self.setHtml(self._piece_html(tail, 0, final))
            return
        # Remove the unfinished block as last shown, with the separator before it.
        self._code_blocks = self._code_blocks[:self._stable_codes]
        if self._tail_cut <= 0:
            self.clear()
        else:
            cursor.setPosition(self._tail_cut)
            cursor.movePosition(QTextCursor.MoveOperation.End, QTextCursor.MoveMode.KeepAnchor)
            cursor.removeSelectedText()
        if stable > old_stable:
            self._insert(cursor, self._piece_html(text[old_stable:stable], self._stable_codes,
                                                  True))
            self._stable_codes = len(self._code_blocks)
        self._tail_start = self._insert(cursor, self._piece_html(tail, self._stable_codes, final)
                                        if tail else "")

    def _piece_html(self, piece: str, first_code: int, finished: bool) -> str:
        """HTML of one piece; a long unfinished (or huge) piece as escaped plain text."""
        limit = TAIL_LIMIT if not finished else MARKDOWN_LIMIT
        if len(piece) > limit:
            from html import escape

            return f'<p style="white-space:pre-wrap">{escape(piece)}</p>'
        rendered = self._markdown().render(piece, first_code, highlight=finished)
        self._code_blocks.extend(rendered.code_blocks)
        return rendered.html

    def _insert(self, cursor: QTextCursor, html: str) -> int:
        """Append ``html`` in a fresh block; returns where that block starts, and remembers
        where to cut to remove it again (never inside a table that ends before it)."""
        cursor.movePosition(QTextCursor.MoveOperation.End)
        block = cursor.block()
        if block.length() <= 1:
            # An empty last block (after a table, or in an empty document): reuse it, plain.
            text_list = block.textList()
            if text_list is not None:
                text_list.remove(block)
            cursor.setBlockFormat(QTextBlockFormat())
            cursor.setCharFormat(QTextCharFormat())
            self._tail_cut = cursor.position()
        else:
            cursor.insertBlock(QTextBlockFormat(), QTextCharFormat())
            self._tail_cut = cursor.position() - 1
        start = cursor.position()
        if html:
            cursor.insertHtml(html)
        return start

    def _append_plain(self, text: str) -> None:
        """Plain text, appended; cut at DISPLAY_LIMIT with a line saying how much is left out."""
        cursor = QTextCursor(self.document())
        shown = min(len(self._source), DISPLAY_LIMIT) if not self._cut else DISPLAY_LIMIT
        if not self._source:
            self.clear()
            self._code_blocks = []
            shown = 0
        cursor.movePosition(QTextCursor.MoveOperation.End)
        if len(text) <= DISPLAY_LIMIT:
            cursor.insertText(text[shown:])
            return
        if not self._cut:
            cursor.insertText(text[shown:DISPLAY_LIMIT])
            cursor.insertBlock()
            self._tail_start = cursor.position()
            self._cut = True
        cursor.setPosition(self._tail_start)
        cursor.movePosition(QTextCursor.MoveOperation.End, QTextCursor.MoveMode.KeepAnchor)
        note = QTextCharFormat()
        note.setFontItalic(True)
        note.setForeground(self.palette().color(QPalette.ColorRole.PlaceholderText))
        cursor.insertText(self._more_label.format(f"{len(text) - DISPLAY_LIMIT:,}"), note)

    def changeEvent(self, event: QEvent) -> None:
        """A light or dark palette: the answer's colours follow it."""
        if event.type() == QEvent.Type.PaletteChange and self._renderer is not None:
            dark = self.palette().color(QPalette.ColorRole.Base).lightness() < 128
            if (self._renderer.palette is DARK) != dark:
                self.repaint_everything()
        super().changeEvent(event)

    # ---------------------------------------------------------------- links

    def _anchor_clicked(self, url: QUrl) -> None:
        target = url.toString()
        if target.startswith("copy:"):
            index = int(target[5:]) if target[5:].isdigit() else -1
            if 0 <= index < len(self._code_blocks):
                QGuiApplication.clipboard().setText(self._code_blocks[index].rstrip("\n"))
                self.code_copied.emit(index)
            return
        if target.lower().startswith(SAFE_SCHEMES):
            QDesktopServices.openUrl(url)
            return
        log.info("Ignored a link the answer contains: %.80s", target)

    def loadResource(self, kind: int, name: QUrl | str) -> object:
        """Nothing is ever loaded for an answer (no images, no style sheets from anywhere)."""
        return None
