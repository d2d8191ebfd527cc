"""How one history row is painted: thumbnail, time, model, status, and the answer's first line.

Every row has the same height (the view is told so: ``setUniformItemSizes``), which keeps
scrolling a list of 100,000 runs cheap: Qt never measures rows it does not paint.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QRect, QSize, Qt
from PySide6.QtGui import QColor, QFontMetrics, QPalette, QPixmap
from PySide6.QtWidgets import QStyle, QStyledItemDelegate

from visiondesk.gui.history_model import SUMMARY_ROLE, THUMB_SIDE, first_line, status_word, when_text
from visiondesk.store.records import HistorySummary

if TYPE_CHECKING:
    from PySide6.QtCore import QModelIndex, QPersistentModelIndex
    from PySide6.QtGui import QPainter
    from PySide6.QtWidgets import QStyleOptionViewItem

PAD = 6
STATUS_COLOURS = {"failed": "#c0392b", "cancelled": "#8a6d3b", "incomplete": "#8a6d3b",
                  "invalid": "#c0392b"}


class HistoryDelegate(QStyledItemDelegate):
    def sizeHint(self, option: QStyleOptionViewItem,
                 index: QModelIndex | QPersistentModelIndex) -> QSize:
        line = QFontMetrics(option.font).height()
        return QSize(200, max(THUMB_SIDE, 2 * line + 4) + 2 * PAD)

    def paint(self, painter: QPainter, option: QStyleOptionViewItem,
              index: QModelIndex | QPersistentModelIndex) -> None:
        summary = index.data(SUMMARY_ROLE)
        if not isinstance(summary, HistorySummary):
            return
        rect: QRect = option.rect
        state = option.state
        palette: QPalette = option.palette
        widget = option.widget
        style = widget.style() if widget is not None else None
        painter.save()
        selected = bool(state & QStyle.StateFlag.State_Selected)
        if style is not None:
            style.drawPrimitive(QStyle.PrimitiveElement.PE_PanelItemViewItem, option, painter, widget)
        text_colour = palette.color(QPalette.ColorRole.HighlightedText if selected
                                    else QPalette.ColorRole.Text)
        muted = QColor(text_colour)
        muted.setAlpha(170)

        thumb = QRect(rect.left() + PAD, rect.top() + (rect.height() - THUMB_SIDE) // 2,
                      THUMB_SIDE, THUMB_SIDE)
        pixmap = index.data(Qt.ItemDataRole.DecorationRole)
        if isinstance(pixmap, QPixmap) and not pixmap.isNull():
            x = thumb.left() + (THUMB_SIDE - pixmap.width()) // 2
            y = thumb.top() + (THUMB_SIDE - pixmap.height()) // 2
            painter.drawPixmap(x, y, pixmap)
        else:   # an empty frame: no picture (a text-only question), or not read yet
            frame = QColor(text_colour)
            frame.setAlpha(40)
            painter.setPen(frame)
            painter.drawRoundedRect(thumb.adjusted(0, 0, -1, -1), 4, 4)

        font = option.font
        metrics = QFontMetrics(font)
        left = thumb.right() + PAD + 2
        width = max(rect.right() - PAD - left, 10)
        line_height = metrics.height()
        top = rect.top() + (rect.height() - 2 * line_height - 4) // 2

        status = status_word(summary.status)
        status_width = metrics.horizontalAdvance(status) + 4
        colour = STATUS_COLOURS.get(summary.status or "")
        painter.setPen(QColor(colour) if colour and not selected else muted)
        painter.drawText(QRect(rect.right() - PAD - status_width, top, status_width, line_height),
                         int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter), status)

        bold = font.__class__(font)
        bold.setBold(True)
        painter.setFont(bold)
        painter.setPen(text_colour)
        head = f"{summary.model}  ·  {when_text(summary.created_at)}"
        head_width = max(width - status_width - PAD, 10)
        painter.drawText(QRect(left, top, head_width, line_height),
                         int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter),
                         QFontMetrics(bold).elidedText(head, Qt.TextElideMode.ElideRight, head_width))
        painter.setFont(font)
        painter.setPen(muted)
        body = first_line(summary)
        painter.drawText(QRect(left, top + line_height + 4, width, line_height),
                         int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter),
                         metrics.elidedText(body, Qt.TextElideMode.ElideRight, width))
        painter.restore()
