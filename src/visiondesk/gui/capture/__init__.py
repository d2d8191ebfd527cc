"""Screen-region capture for the window and for ``visiondesk capture``: one code path for both.

Like NormCap, each way of capturing is one handler behind a Protocol (``models.CaptureHandler``)
and the first that works here is used: Qt's own screen grab (X11, Windows, macOS), then the
desktop portal (Wayland). Where neither works (offscreen, Wayland without a portal) the caller
gets ``CaptureUnavailable`` with a sentence that says why and suggests pasting a screenshot.

``await capture_region(parent)`` hides the window, freezes the screen, lets the person drag a
region and returns it as a Pillow image (None after Esc). Qt objects are made and used on the
GUI thread only; what comes back is plain Pillow data that any worker may take.

The app never ends because of a capture: "quit on last window closed" is off while capturing
(the main window is hidden then, and closing the selector would otherwise quit), and the window
is shown again, in its previous state, before the setting is restored.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Sequence
from typing import TYPE_CHECKING

from PySide6.QtCore import QRect, Qt
from PySide6.QtGui import QGuiApplication, QImage

from visiondesk.gui.capture.models import (
    CaptureUnavailable,
    FrozenDesktop,
    ScreenImage,
    Selected,
)

if TYPE_CHECKING:
    from PIL import Image
    from PySide6.QtWidgets import QWidget

    from visiondesk.gui.capture.models import CaptureHandler

__all__ = ["CaptureUnavailable", "FrozenDesktop", "ScreenImage", "capture_region",
           "grab_fixed_region", "handlers", "qimage_to_pil", "select_region"]

log = logging.getLogger(__name__)

# Long enough for a compositor or window manager to take the hidden window off the screen
# before the screen is read (without one, unmapping is immediate).
HIDE_SETTLE_SECONDS = 0.25


def handlers() -> list[CaptureHandler]:
    """Every way of capturing, best first."""
    from visiondesk.gui.capture.portal import PortalScreenshot
    from visiondesk.gui.capture.qt_grab import QtScreenGrab

    return [QtScreenGrab(), PortalScreenshot()]


def pick_handler(candidates: Sequence[CaptureHandler] | None = None) -> CaptureHandler:
    """The first handler that works here, or CaptureUnavailable saying why none does."""
    reasons = []
    for handler in candidates if candidates is not None else handlers():
        reason = handler.available()
        if reason is None:
            log.debug("capturing with %s", handler.name)
            return handler
        reasons.append(reason)
    raise CaptureUnavailable(unavailable_message(reasons), unsupported=True,
                             reason=_joined(reasons))


def _joined(reasons: Sequence[str]) -> str:
    return "; ".join(dict.fromkeys(reasons)) or "no way of capturing is known here"


def unavailable_message(reasons: Sequence[str]) -> str:
    """The command line's wording (the window words its own, translated)."""
    return (f"Screen capture is unavailable here ({_joined(reasons)}). Take a screenshot with "
            "your desktop's tool and read it with: visiondesk analyze FILE (or paste it into "
            "the window with Ctrl+V).")


async def capture_region(parent: QWidget | None = None) -> Image.Image | None:
    """Let the person pick a region of the screen; the pixels as a Pillow image, None if Esc.

    ``parent``'s window is hidden while capturing and shown again afterwards. Raises
    CaptureUnavailable when this platform cannot capture (checked before anything is hidden).
    """
    image = await select_region(parent)
    return None if image is None else qimage_to_pil(image)


async def select_region(parent: QWidget | None = None, *, screen: int | None = None
                        ) -> QImage | None:
    """``capture_region`` before the conversion: the region as a QImage (GUI thread only).

    ``screen`` limits the selection to that screen (0-based), where the platform lets us.
    """
    handler = pick_handler()
    app = QGuiApplication.instance()
    assert isinstance(app, QGuiApplication), "capture needs a running Qt application"
    quit_on_close = app.quitOnLastWindowClosed()
    app.setQuitOnLastWindowClosed(False)
    window = parent.window() if parent is not None else None
    hidden = window is not None and window.isVisible()
    state = window.windowState() if window is not None else Qt.WindowState.WindowNoState
    try:
        if hidden and window is not None:
            window.hide()
            await asyncio.sleep(HIDE_SETTLE_SECONDS)
        grabbed = await handler.grab()
        if grabbed is None or isinstance(grabbed, Selected):
            return None if grabbed is None else grabbed.image
        if screen is not None:
            grabbed = only_screen(grabbed, screen)
        rect = await choose_rect(grabbed)
        return None if rect is None else grabbed.crop(rect)
    finally:
        if hidden and window is not None:
            window.show()
            window.setWindowState(state)
            window.raise_()
            window.activateWindow()
        app.setQuitOnLastWindowClosed(quit_on_close)


async def choose_rect(desktop: FrozenDesktop) -> QRect | None:
    """Show the selector over ``desktop``; the dragged rectangle (logical), None if cancelled."""
    from visiondesk.gui.capture.selector import RegionSelector

    loop = asyncio.get_running_loop()
    chosen: asyncio.Future[QRect | None] = loop.create_future()

    def settle(rect: QRect | None) -> None:
        if not chosen.done():
            chosen.set_result(rect)

    selector = RegionSelector(desktop)
    selector.selected.connect(lambda rect: settle(QRect(rect)))
    selector.cancelled.connect(lambda: settle(None))
    selector.show()
    try:
        return await chosen
    finally:
        # hide + deleteLater, never close(): closing the last visible window would quit the app
        # (the setting is off during a capture, but a caller without it stays safe too).
        selector.hide()
        selector.deleteLater()


def grab_fixed_region(rect: QRect, screen: int | None = None) -> QImage:
    """The pixels of ``rect`` now, without asking (``visiondesk capture --region``).

    ``rect`` is in logical desktop coordinates, or relative to screen number ``screen``.
    """
    from visiondesk.gui.capture.qt_grab import QtScreenGrab, grab_desktop

    # Only a frozen desktop can be cut at given coordinates (the portal picks its own region).
    pick_handler([QtScreenGrab()])
    desktop = grab_desktop()
    if screen is not None:
        desktop = only_screen(desktop, screen)
        rect = rect.translated(desktop.screens[0].geometry.topLeft())
    image = desktop.crop(rect)
    if image.isNull():
        raise CaptureUnavailable(f"The region {rect.x()},{rect.y()},{rect.width()},"
                                 f"{rect.height()} lies outside every screen.")
    return image


def only_screen(desktop: FrozenDesktop, index: int) -> FrozenDesktop:
    """The desktop reduced to screen ``index`` (0-based, in Qt's order)."""
    if not 0 <= index < len(desktop.screens):
        raise CaptureUnavailable(f"There is no screen {index}; screens are numbered 0 to "
                                 f"{len(desktop.screens) - 1}.")
    return FrozenDesktop((desktop.screens[index],))


def qimage_to_pil(image: QImage) -> Image.Image:
    """A Pillow copy of ``image`` (RGB), sharing no memory with Qt, safe for any thread."""
    from PIL import Image

    rgb = image.convertToFormat(QImage.Format.Format_RGB888)
    width, height, stride = rgb.width(), rgb.height(), rgb.bytesPerLine()
    data = bytes(rgb.constBits())  # copies: the QImage may go away on the GUI thread
    return Image.frombuffer("RGB", (width, height), data, "raw", "RGB", stride, 1)
