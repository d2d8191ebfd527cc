"""Screen-region capture, where the platform lets an application read the screen.

Like NormCap, each way of capturing is one handler; the first that works is used. Qt's
``QScreen.grabWindow(0)`` works on X11, Windows and macOS (with the screen-recording permission).
On Wayland an app cannot read the screen without the desktop portal, and offscreen has no
screen: then we say so, and suggest pasting a screenshot, instead of failing silently.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QPoint, QRect, Qt
from PySide6.QtGui import QGuiApplication, QKeyEvent, QMouseEvent, QPainter, QPaintEvent, QPixmap
from PySide6.QtWidgets import QMainWindow, QMessageBox, QWidget

UNSUPPORTED_PLATFORMS = ("wayland", "offscreen", "minimal", "eglfs", "vnc")


def capture_supported() -> bool:
    return QGuiApplication.platformName().split("-")[0] not in UNSUPPORTED_PLATFORMS


class RegionSelector(QWidget):
    """A full-screen frozen copy of the screen; drag a rectangle, Esc cancels."""

    def __init__(self, shot: QPixmap, window: QMainWindow) -> None:
        super().__init__(None, Qt.WindowType.FramelessWindowHint | Qt.WindowType.WindowStaysOnTopHint)
        self.setObjectName("regionSelector")
        self._shot = shot
        self._window = window
        self._origin: QPoint | None = None
        self._rect = QRect()
        self.setCursor(Qt.CursorShape.CrossCursor)

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        painter.drawPixmap(self.rect(), self._shot)
        painter.fillRect(self.rect(), Qt.GlobalColor.transparent)
        painter.setOpacity(0.45)
        painter.fillRect(self.rect(), Qt.GlobalColor.black)
        painter.setOpacity(1.0)
        if not self._rect.isNull():
            ratio = self._shot.devicePixelRatio()
            source = QRect(self._rect.topLeft() * ratio, self._rect.size() * ratio)
            painter.drawPixmap(self._rect, self._shot, source)
            painter.setPen(Qt.GlobalColor.white)
            painter.drawRect(self._rect.adjusted(0, 0, -1, -1))

    def mousePressEvent(self, event: QMouseEvent) -> None:
        self._origin = event.position().toPoint()
        self._rect = QRect(self._origin, self._origin)
        self.update()

    def mouseMoveEvent(self, event: QMouseEvent) -> None:
        if self._origin is not None:
            self._rect = QRect(self._origin, event.position().toPoint()).normalized()
            self.update()

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:
        rect = self._rect
        self.close()
        self._window.show()
        if rect.width() > 4 and rect.height() > 4:
            ratio = self._shot.devicePixelRatio()
            region = self._shot.copy(QRect(rect.topLeft() * ratio, rect.size() * ratio))
            controller = getattr(self._window, "controller", None)
            if controller is not None:
                controller.add_qimage(region.toImage(), self.tr("screen capture"))

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() == Qt.Key.Key_Escape:
            self.close()
            self._window.show()


def capture_region(window: QMainWindow) -> None:
    """Hide the window, freeze the screen and let the person pick a region."""
    if not capture_supported():
        QMessageBox.information(
            window, QCoreApplication.translate("Capture", "Screen capture"),
            QCoreApplication.translate(
                "Capture", "This desktop does not let applications read the screen ({0}). Take a "
                "screenshot with your desktop's tool and paste it with Ctrl+V.")
            .format(QGuiApplication.platformName()))
        return
    screen = window.screen() or QGuiApplication.primaryScreen()
    if screen is None:
        return
    window.hide()
    QGuiApplication.processEvents()
    shot = screen.grabWindow(0)
    if shot.isNull():
        window.show()
        QMessageBox.information(
            window, QCoreApplication.translate("Capture", "Screen capture"),
            QCoreApplication.translate("Capture", "The screen could not be captured here."))
        return
    selector = RegionSelector(shot, window)
    selector.setGeometry(screen.geometry())
    selector.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    selector.showFullScreen()
