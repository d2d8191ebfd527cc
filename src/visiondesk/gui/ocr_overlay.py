"""The local OCR engine's boxes drawn over the preview: hover highlights, click copies a line.

The boxes live in one group item that is a child of the preview's pixmap item and is scaled from
the boxes' pixel space (the original image) to the pixmap's (a downscaled preview or the full
image), so they line up at fit, at 100 % and at any zoom without being recomputed.
Pens are cosmetic: one or two screen pixels wide whatever the zoom.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QBrush, QColor, QPen, QPolygonF
from PySide6.QtWidgets import (
    QGraphicsPolygonItem,
    QGraphicsRectItem,
)

if TYPE_CHECKING:
    from PySide6.QtWidgets import (
        QGraphicsItem,
        QGraphicsSceneHoverEvent,
        QGraphicsSceneMouseEvent,
    )

    from visiondesk.core.events import OcrLine  # a type only: core.events loads after the first paint
    from visiondesk.gui.image_entry import OcrLayer

_EDGE = QColor(37, 99, 235)            # the accent blue of the style sheet
_FILL = QColor(37, 99, 235, 28)
_HOT_EDGE = QColor(234, 88, 12)        # orange: the line under the mouse or in the band
_HOT_FILL = QColor(251, 146, 60, 70)


def _pen(color: QColor, width: float) -> QPen:
    pen = QPen(color, width)
    pen.setCosmetic(True)
    pen.setJoinStyle(Qt.PenJoinStyle.RoundJoin)
    return pen


class OcrBoxItem(QGraphicsPolygonItem):
    """One recognised line; ``on_click`` gets its index when it is clicked."""

    def __init__(self, index: int, line: OcrLine, on_click: Callable[[int], None],
                 parent: QGraphicsItem) -> None:
        super().__init__(QPolygonF([QPointF(x, y) for x, y in line.box]), parent)
        self.index = index
        self.line = line
        self._on_click = on_click
        self.setAcceptHoverEvents(True)
        self.setCursor(Qt.CursorShape.PointingHandCursor)
        self.setToolTip(line.text)
        self.set_hot(False)

    def set_hot(self, hot: bool) -> None:
        self.setPen(_pen(_HOT_EDGE if hot else _EDGE, 2.0 if hot else 1.2))
        self.setBrush(QBrush(_HOT_FILL if hot else _FILL))
        self.setZValue(1 if hot else 0)

    @property
    def hot(self) -> bool:
        return self.zValue() > 0

    def hoverEnterEvent(self, event: QGraphicsSceneHoverEvent) -> None:
        self.set_hot(True)
        super().hoverEnterEvent(event)

    def hoverLeaveEvent(self, event: QGraphicsSceneHoverEvent) -> None:
        self.set_hot(False)
        super().hoverLeaveEvent(event)

    def mousePressEvent(self, event: QGraphicsSceneMouseEvent) -> None:
        if event.button() == Qt.MouseButton.LeftButton:
            event.accept()  # ours: the view must not start panning
        else:
            super().mousePressEvent(event)

    def mouseReleaseEvent(self, event: QGraphicsSceneMouseEvent) -> None:
        if event.button() == Qt.MouseButton.LeftButton and self.contains(event.pos()):
            self._on_click(self.index)
        super().mouseReleaseEvent(event)


class OcrOverlay:
    """The boxes of one OcrLayer over a pixmap item."""

    def __init__(self, pixmap_item: QGraphicsItem, on_click: Callable[[OcrLine], None]) -> None:
        self._group = QGraphicsRectItem(pixmap_item)  # invisible: only holds and scales the boxes
        self._group.setPen(QPen(Qt.PenStyle.NoPen))
        # QBrush() is no brush; QBrush(style) would make PySide weigh every overload, building the
        # Python types of QImage, QPixmap and QGradient (~1.5 ms of start-up).
        self._group.setBrush(QBrush())
        self._items: list[OcrBoxItem] = []
        self._on_click = on_click
        self.layer: OcrLayer | None = None

    @property
    def items(self) -> list[OcrBoxItem]:
        return list(self._items)

    @property
    def active(self) -> bool:
        return bool(self._items)

    def show(self, layer: OcrLayer | None, pixmap_width: int) -> None:
        """Draw ``layer``'s boxes over a pixmap ``pixmap_width`` pixels wide (None clears)."""
        scene = self._group.scene()
        for item in self._items:
            if scene is not None:
                scene.removeItem(item)  # detaches it from the group too
        self._items = []
        self.layer = layer
        if layer is None or not layer.lines or pixmap_width <= 0 or layer.width <= 0:
            return
        self._group.setScale(pixmap_width / layer.width)
        self._group.setRect(QRectF(0, 0, layer.width, layer.height))
        for index, line in enumerate(layer.lines):
            self._items.append(OcrBoxItem(index, line, self._clicked, self._group))

    def _clicked(self, index: int) -> None:
        self._on_click(self._items[index].line)

    def items_in(self, scene_rect: QRectF) -> list[OcrBoxItem]:
        """Boxes the scene rectangle touches, in reading order."""
        band = QPolygonF(scene_rect)
        return [item for item in self._items
                if item.mapToScene(item.polygon()).intersects(band)]

    def mark(self, items: Sequence[OcrBoxItem]) -> None:
        chosen = {id(item) for item in items}
        for item in self._items:
            item.set_hot(id(item) in chosen)


def selection_text(lines: Sequence[OcrLine]) -> str:
    """Lines as text in reading order: rows top to bottom, each row left to right."""
    from visiondesk.ocr.engine import group_rows, layout_text

    return layout_text(group_rows(list(lines)))
