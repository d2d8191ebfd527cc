"""The shapes every way of capturing shares: a frozen desktop, a handler Protocol, the errors.

A handler either freezes the whole desktop (every screen, in device pixels, with where each
screen sits in Qt's logical coordinates) so our selector lets the person drag a region over it,
or, like the Wayland portal in interactive mode, lets the desktop do the selecting and returns
the chosen region itself.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Protocol

from PySide6.QtCore import QPointF, QRect, QRectF, Qt
from PySide6.QtGui import QImage, QPainter


class CaptureUnavailable(Exception):
    """Capturing did not work; the message says why and what to do instead.

    ``unsupported`` is True when this platform cannot capture at all (offscreen, Wayland without
    a portal), False when a capture was tried and failed (the portal refused, a bad file).
    """

    def __init__(self, message: str, *, unsupported: bool = False, reason: str = "") -> None:
        super().__init__(message)
        self.unsupported = unsupported
        self.reason = reason or message  # the why alone, for a front end to word around


@dataclass(frozen=True)
class ScreenImage:
    """One screen as it looked: ``geometry`` in logical pixels, ``image`` in device pixels."""

    name: str
    geometry: QRect
    image: QImage

    @property
    def ratio(self) -> float:
        """Device pixels per logical pixel (2.0 on a 200 % HiDPI screen)."""
        if self.geometry.width() <= 0:
            return 1.0
        return self.image.width() / self.geometry.width()


@dataclass(frozen=True)
class FrozenDesktop:
    """Every screen at one instant; ``crop`` cuts a logical rectangle out in device pixels."""

    screens: tuple[ScreenImage, ...]

    @property
    def bounds(self) -> QRect:
        """The union of the screens' logical geometries (the virtual desktop)."""
        union = QRect()
        for screen in self.screens:
            union = union.united(screen.geometry)
        return union

    def crop(self, rect: QRect) -> QImage:
        """The pixels under ``rect`` (logical, desktop coordinates) at full device resolution.

        Inside one screen this is an exact copy of that screen's device pixels, so a selection
        on a 200 % screen comes out at twice its logical size. A selection spanning screens of
        different ratios is composed at the largest ratio.
        """
        rect = rect.intersected(self.bounds)
        if rect.isEmpty():
            return QImage()
        touched = [s for s in self.screens if s.geometry.intersects(rect)]
        if len(touched) == 1:
            screen = touched[0]
            return screen.image.copy(_device_rect(rect.intersected(screen.geometry), screen))
        ratio = max(s.ratio for s in touched)
        out = QImage(round(rect.width() * ratio), round(rect.height() * ratio),
                     QImage.Format.Format_RGB32)
        out.fill(Qt.GlobalColor.black)  # gaps between screens of different sizes
        painter = QPainter(out)
        try:
            for screen in touched:
                part = rect.intersected(screen.geometry)
                target = QRectF(QPointF((part.x() - rect.x()) * ratio, (part.y() - rect.y()) * ratio),
                                QPointF((part.right() + 1 - rect.x()) * ratio,
                                        (part.bottom() + 1 - rect.y()) * ratio))
                painter.drawImage(target, screen.image, QRectF(_device_rect(part, screen)))
        finally:
            painter.end()
        return out


def _device_rect(part: QRect, screen: ScreenImage) -> QRect:
    """``part`` (logical, desktop coordinates, inside ``screen``) in the screen image's pixels."""
    ratio = screen.ratio
    left = round((part.x() - screen.geometry.x()) * ratio)
    top = round((part.y() - screen.geometry.y()) * ratio)
    right = round((part.right() + 1 - screen.geometry.x()) * ratio)
    bottom = round((part.bottom() + 1 - screen.geometry.y()) * ratio)
    return QRect(left, top, max(right - left, 1), max(bottom - top, 1)).intersected(screen.image.rect())


@dataclass(frozen=True)
class Selected:
    """A region the desktop itself let the person choose (the portal): nothing left to select."""

    image: QImage


class CaptureHandler(Protocol):
    """One way of reading the screen. ``available`` is cheap; ``grab`` may wait for the desktop."""

    name: str

    def available(self) -> str | None:
        """None when this handler can work here, else why not (shown if no handler works)."""

    async def grab(self) -> FrozenDesktop | Selected | None:
        """The frozen desktop, or the region already chosen, or None if the person cancelled."""
