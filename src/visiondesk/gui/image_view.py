"""The zoomable, pannable image preview, with local OCR's boxes over it to click or drag across."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QPoint, QRect, QSize, Qt, Signal
from PySide6.QtGui import QPainter, QPixmap
from PySide6.QtWidgets import (
    QFrame,
    QGraphicsPixmapItem,
    QGraphicsScene,
    QGraphicsView,
    QRubberBand,
)

from visiondesk.gui.ocr_overlay import OcrOverlay, selection_text

if TYPE_CHECKING:
    from PySide6.QtCore import QRectF
    from PySide6.QtGui import QImage, QMouseEvent, QResizeEvent, QWheelEvent
    from PySide6.QtWidgets import (
        QGraphicsItem,
        QWidget,
    )

    from visiondesk.core.events import OcrLine  # a type only: core.events loads after the first paint
    from visiondesk.gui.image_entry import OcrLayer


class ImageView(QGraphicsView):
    """Fit-to-window or 100 % zoom; drag to pan; Ctrl+wheel zooms.

    With OCR boxes shown: clicking a box copies its line; dragging a band (at fit, where there
    is nothing to pan, or with Shift at any zoom) copies every line it touches.
    """

    line_clicked = Signal(str)
    lines_selected = Signal(str, int)  # text, number of lines

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("imagePreview")
        self._scene = QGraphicsScene(self)
        self._item = QGraphicsPixmapItem()
        self._item.setTransformationMode(Qt.TransformationMode.SmoothTransformation)
        self._scene.addItem(self._item)
        self.setScene(self._scene)
        self.setDragMode(QGraphicsView.DragMode.ScrollHandDrag)
        self.setRenderHint(QPainter.RenderHint.SmoothPixmapTransform)
        self.setTransformationAnchor(QGraphicsView.ViewportAnchor.AnchorUnderMouse)
        self.setFrameShape(QFrame.Shape.NoFrame)
        self.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.fit = True
        self._scale_of_original = 1.0  # the shown pixmap's size relative to the original
        self.overlay = OcrOverlay(self._item, lambda line: self.line_clicked.emit(line.text))
        self._band: QRubberBand | None = None
        self._band_origin = QPoint()
        self._pressed_box: QGraphicsItem | None = None

    def show_image(self, image: QImage | None, original_width: int | None = None,
                   ocr: OcrLayer | None = None) -> None:
        pixmap = QPixmap.fromImage(image) if image is not None else QPixmap()
        self._item.setPixmap(pixmap)
        self._scene.setSceneRect(self._item.boundingRect())
        if image is not None and original_width:
            self._scale_of_original = image.width() / original_width
        else:
            self._scale_of_original = 1.0
        self.overlay.show(ocr if image is not None else None, pixmap.width())
        self.apply_zoom()

    def set_fit(self, fit: bool) -> None:
        self.fit = fit
        self.apply_zoom()

    def _update_drag_mode(self) -> None:
        # At fit there is nothing to pan, so a drag over OCR boxes draws a band instead.
        banding = self.overlay.active and self.fit
        self.setDragMode(QGraphicsView.DragMode.NoDrag if banding
                         else QGraphicsView.DragMode.ScrollHandDrag)
        if banding:
            self.viewport().setCursor(Qt.CursorShape.CrossCursor)
        # else: ScrollHandDrag has put the open hand on the viewport. Not asked for here: the
        # first viewport() makes PySide look up every QWidget class (~6 ms of the start-up).

    # ---------------------------------------------------------------- rubber band

    def mousePressEvent(self, event: QMouseEvent) -> None:
        # A band may start anywhere, on a line too: a press and release in place on a line is
        # still a click that copies that line (mouseReleaseEvent tells the two apart).
        under = self.itemAt(event.position().toPoint())
        self._pressed_box = under if under in self.overlay.items else None
        shift = bool(event.modifiers() & Qt.KeyboardModifier.ShiftModifier)
        if (event.button() == Qt.MouseButton.LeftButton and self.overlay.active
                and (self.fit or shift or self._pressed_box is not None)):
            self._band_origin = event.position().toPoint()
            if self._band is None:
                self._band = QRubberBand(QRubberBand.Shape.Rectangle, self.viewport())
            self._band.setGeometry(QRect(self._band_origin, QSize()))
            self._band.show()
            event.accept()
            return
        super().mousePressEvent(event)

    def mouseMoveEvent(self, event: QMouseEvent) -> None:
        if self._band is not None and self._band.isVisible():
            rect = QRect(self._band_origin, event.position().toPoint()).normalized()
            self._band.setGeometry(rect)
            self.overlay.mark(self.overlay.items_in(self.mapToScene(rect).boundingRect()))
            event.accept()
            return
        super().mouseMoveEvent(event)

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:
        if self._band is not None and self._band.isVisible():
            self._band.hide()
            rect = QRect(self._band_origin, event.position().toPoint()).normalized()
            self.overlay.mark([])
            if rect.width() > 2 or rect.height() > 2:
                self.select_lines(self.mapToScene(rect).boundingRect())
            elif self._pressed_box is not None:  # a click on a line: that line
                self.line_clicked.emit(self._pressed_box.line.text)  # type: ignore[attr-defined]
            self._pressed_box = None
            event.accept()
            return
        super().mouseReleaseEvent(event)

    def select_lines(self, scene_rect: QRectF) -> list[OcrLine]:
        """The lines a band over ``scene_rect`` touches, announced as text in reading order."""
        lines = [item.line for item in self.overlay.items_in(scene_rect)]
        if lines:
            text = selection_text(lines)  # boxes side by side join into one line of text
            self.lines_selected.emit(text, len(text.splitlines()))
        return lines

    def apply_zoom(self) -> None:
        self._update_drag_mode()
        self.resetTransform()
        if self._item.pixmap().isNull():
            return
        if self.fit:
            self.fitInView(self._item, Qt.AspectRatioMode.KeepAspectRatio)
            if self.transform().m11() > 1.0:  # never blow a small image up past 100 %
                self.resetTransform()
                self.scale(1 / self._scale_of_original, 1 / self._scale_of_original)
        else:
            self.scale(1 / self._scale_of_original, 1 / self._scale_of_original)

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        if self.fit:
            self.apply_zoom()

    def wheelEvent(self, event: QWheelEvent) -> None:
        if event.modifiers() & Qt.KeyboardModifier.ControlModifier:
            factor = 1.15 if event.angleDelta().y() > 0 else 1 / 1.15
            self.fit = False
            self._update_drag_mode()
            self.scale(factor, factor)
            event.accept()
            return
        super().wheelEvent(event)
