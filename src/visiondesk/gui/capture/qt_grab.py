"""Capture with Qt's own screen grab: X11, Windows and macOS (with the recording permission).

``QScreen.grabWindow(0)`` reads the whole of one screen; doing it for every screen gives the
frozen desktop the selector shows. It cannot read anything on Wayland (the compositor keeps the
screen to itself) nor on platforms with no screen at all (offscreen, minimal).
"""

from __future__ import annotations

import logging

from PySide6.QtGui import QGuiApplication, QImage

from visiondesk.gui.capture.models import CaptureUnavailable, FrozenDesktop, ScreenImage

log = logging.getLogger(__name__)

# Platforms where grabWindow(0) cannot read what the person sees.
NO_SCREEN_PLATFORMS = ("offscreen", "minimal", "vnc", "eglfs", "linuxfb")


def platform_name() -> str:
    return QGuiApplication.platformName().split("-")[0].lower()


class QtScreenGrab:
    """Every screen through ``QScreen.grabWindow``."""

    name = "qt"

    def available(self) -> str | None:
        platform = platform_name()
        if platform == "wayland":
            return "Wayland does not let applications read the screen directly"
        if platform in NO_SCREEN_PLATFORMS:
            return f"there is no screen to capture on the {platform!r} platform"
        if not QGuiApplication.screens():
            return "no screen is connected"
        return None

    async def grab(self) -> FrozenDesktop | None:
        return grab_desktop()


def grab_desktop() -> FrozenDesktop:
    """Every screen now, synchronously (on the GUI thread: Qt's grab is a GUI-thread call)."""
    screens = []
    for screen in QGuiApplication.screens():
        pixmap = screen.grabWindow(0)
        if pixmap.isNull():
            log.warning("could not grab screen %s", screen.name())
            continue
        # QImage, not QPixmap: crops and conversions then need no window-system round trips.
        image = pixmap.toImage().convertToFormat(QImage.Format.Format_RGB32)
        screens.append(ScreenImage(screen.name(), screen.geometry(), image))
    if not screens:
        raise CaptureUnavailable("The screen could not be captured here.")
    return FrozenDesktop(tuple(screens))
