"""The region selector: the frozen desktop, dimmed, with the dragged rectangle shown bright.

One frameless window covers the union of every screen. On X11 it bypasses the window manager
(so no manager can shrink it to one screen or put a title bar on it) and grabs the keyboard so
Esc works with or without a manager; elsewhere it is a stay-on-top tool window.

It only reports: ``selected(QRect)`` with the rectangle in logical desktop coordinates, or
``cancelled()`` on Esc, a right click or when it is closed. It never closes itself, so the
code that opened it decides what becomes visible next (and the app never sees a "last window
closed" in between).
"""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING

from PySide6.QtCore import QPoint, QRect, QSize, Qt, QTimer, Signal
from PySide6.QtGui import (
    QColor,
    QFont,
    QGuiApplication,
    QPainter,
    QPen,
)
from PySide6.QtWidgets import QWidget

if TYPE_CHECKING:
    from PySide6.QtGui import (
        QCloseEvent,
        QKeyEvent,
        QMouseEvent,
        QPaintEvent,
        QShowEvent,
    )

    from visiondesk.gui.capture.models import FrozenDesktop

log = logging.getLogger(__name__)

MIN_SIDE = 3  # logical pixels: a click, or a twitch of the mouse, selects nothing


class RegionSelector(QWidget):
    selected = Signal(QRect)
    cancelled = Signal()

    def __init__(self, desktop: FrozenDesktop) -> None:
        flags = (Qt.WindowType.Window | Qt.WindowType.FramelessWindowHint
                 | Qt.WindowType.WindowStaysOnTopHint)
        self._x11 = QGuiApplication.platformName() == "xcb"
        if self._x11:
            flags |= Qt.WindowType.X11BypassWindowManagerHint
        else:
            flags |= Qt.WindowType.Tool
        super().__init__(None, flags)
        self.setObjectName("regionSelector")
        self.setWindowTitle(self.tr("Select a region"))
        self._desktop = desktop
        self._bounds = desktop.bounds
        self._origin: QPoint | None = None
        self._rect = QRect()  # widget coordinates
        self._done = False
        self.setCursor(Qt.CursorShape.CrossCursor)
        self.setMouseTracking(True)
        self.setGeometry(self._bounds)

    # --- what it reports -------------------------------------------------------------------

    def selection(self) -> QRect:
        """The dragged rectangle in logical desktop coordinates (empty while nothing is)."""
        return self._rect.translated(self._bounds.topLeft())

    def _finish(self, rect: QRect | None) -> None:
        if self._done:
            return
        self._done = True
        log.debug("selector finished: %s", rect)
        self.releaseKeyboard()
        if rect is None:
            self.cancelled.emit()
        else:
            self.selected.emit(rect)

    # --- showing --------------------------------------------------------------------------

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        self.activateWindow()
        self.raise_()
        if self._x11:
            # An override-redirect window gets no keyboard focus from anyone: take the keyboard,
            # once the window is mapped (grabbing an unmapped window fails).
            QTimer.singleShot(0, self._grab_keyboard)

    def _grab_keyboard(self) -> None:
        if self.isVisible() and not self._done:
            self.grabKeyboard()

    def closeEvent(self, event: QCloseEvent) -> None:
        self._finish(None)
        super().closeEvent(event)

    # --- painting -------------------------------------------------------------------------

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        painter.fillRect(self.rect(), QColor("black"))  # between screens of different sizes
        origin = self._bounds.topLeft()
        for screen in self._desktop.screens:
            painter.drawImage(screen.geometry.translated(-origin), screen.image)
        painter.fillRect(self.rect(), QColor(0, 0, 0, 115))
        if not self._rect.isEmpty():
            global_rect = self.selection()
            for screen in self._desktop.screens:
                part = global_rect.intersected(screen.geometry)
                if part.isEmpty():
                    continue
                ratio = screen.ratio
                source = QRect(round((part.x() - screen.geometry.x()) * ratio),
                               round((part.y() - screen.geometry.y()) * ratio),
                               round(part.width() * ratio), round(part.height() * ratio))
                painter.drawImage(part.translated(-origin), screen.image, source)
            painter.setPen(QPen(QColor("#4da3ff"), 1))
            painter.drawRect(self._rect.adjusted(0, 0, -1, -1))
            self._draw_size(painter)
        else:
            self._draw_hint(painter)
        painter.end()

    def _draw_hint(self, painter: QPainter) -> None:
        text = self.tr("Drag to select a region · Esc to cancel")
        font = QFont(self.font())
        font.setPointSizeF(font.pointSizeF() * 1.3)
        painter.setFont(font)
        metrics = painter.fontMetrics()
        # On the screen under the pointer, so a person with several screens sees it.
        screen = QGuiApplication.screenAt(self.cursor().pos()) or QGuiApplication.primaryScreen()
        area = screen.geometry().translated(-self._bounds.topLeft()) if screen else self.rect()
        box = metrics.boundingRect(text).adjusted(-14, -8, 14, 8)
        box.moveCenter(QPoint(area.center().x(), area.top() + 48))
        painter.fillRect(box, QColor(20, 20, 20, 210))
        painter.setPen(QColor("white"))
        painter.drawText(box, Qt.AlignmentFlag.AlignCenter, text)

    def _draw_size(self, painter: QPainter) -> None:
        # The size the image will have, as FrozenDesktop.crop makes it: device pixels at the
        # largest ratio of the screens it touches (twice the logical size on a 200 % screen).
        selection = self.selection()
        ratio = max((s.ratio for s in self._desktop.screens if s.geometry.intersects(selection)),
                    default=1.0)
        text = f"{round(self._rect.width() * ratio)} × {round(self._rect.height() * ratio)}"
        metrics = painter.fontMetrics()
        box = metrics.boundingRect(text).adjusted(-6, -3, 6, 3)
        box.moveTopLeft(self._rect.bottomLeft() + QPoint(0, 4))
        if box.bottom() > self.height():
            box.moveBottomLeft(self._rect.topLeft() - QPoint(0, 4))
        painter.fillRect(box, QColor(20, 20, 20, 210))
        painter.setPen(QColor("white"))
        painter.drawText(box, Qt.AlignmentFlag.AlignCenter, text)

    # --- input ----------------------------------------------------------------------------

    def mousePressEvent(self, event: QMouseEvent) -> None:
        log.debug("selector press %s at %s", event.button(), event.position())
        if event.button() == Qt.MouseButton.RightButton:
            self._finish(None)
            return
        if event.button() == Qt.MouseButton.LeftButton:
            self._origin = event.position().toPoint()
            self._rect = QRect()
            self.update()

    def mouseMoveEvent(self, event: QMouseEvent) -> None:
        if self._origin is not None:
            self._rect = _span(self._origin, event.position().toPoint())
            self.update()

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:
        log.debug("selector release %s at %s", event.button(), event.position())
        if event.button() != Qt.MouseButton.LeftButton or self._origin is None:
            return
        self._rect = _span(self._origin, event.position().toPoint())
        self._origin = None
        if self._rect.width() < MIN_SIDE or self._rect.height() < MIN_SIDE:
            self._rect = QRect()  # a click: keep waiting for a real drag
            self.update()
            return
        self._finish(self.selection())

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() == Qt.Key.Key_Escape:
            self._finish(None)
        else:
            super().keyPressEvent(event)


def _span(a: QPoint, b: QPoint) -> QRect:
    """The rectangle dragged from ``a`` to ``b``: 100 -> 300 is 200 pixels wide, not 201."""
    return QRect(QPoint(min(a.x(), b.x()), min(a.y(), b.y())),
                 QSize(abs(b.x() - a.x()), abs(b.y() - a.y())))
