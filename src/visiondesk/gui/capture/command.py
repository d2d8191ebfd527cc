"""The Qt half of ``visiondesk capture``: start just enough Qt, freeze the screen, get the region.

With ``--region`` nothing is shown, so a QGuiApplication (no widgets module) is enough and
starts faster; otherwise the selector needs a QApplication and an event loop (qasync, so the
same ``select_region`` coroutine the window awaits runs here too).
"""

from __future__ import annotations

import asyncio
import os
import sys
from typing import TYPE_CHECKING

from PySide6.QtCore import QRect
from PySide6.QtGui import QGuiApplication

from visiondesk.gui.capture import CaptureUnavailable, grab_fixed_region, qimage_to_pil, select_region

if TYPE_CHECKING:
    from PIL import Image

Region = tuple[int, int, int, int]


def no_display_reason() -> str | None:
    """Why Qt could not even start here (checked before it aborts the process)."""
    if os.environ.get("QT_QPA_PLATFORM", "").startswith(("offscreen", "minimal")):
        return f"there is no screen to capture on the {os.environ['QT_QPA_PLATFORM']!r} platform"
    if sys.platform.startswith("linux") and not (os.environ.get("DISPLAY")
                                                 or os.environ.get("WAYLAND_DISPLAY")):
        return "there is no display (DISPLAY and WAYLAND_DISPLAY are unset)"
    return None


def start_qt(widgets: bool) -> QGuiApplication:
    existing = QGuiApplication.instance()
    if isinstance(existing, QGuiApplication):
        return existing
    if widgets:
        from PySide6.QtWidgets import QApplication

        return QApplication(["visiondesk"])
    return QGuiApplication(["visiondesk"])


def capture_for_command(region: Region | None, screen: int | None) -> Image.Image | None:
    """The region (given, or chosen by the person) as a Pillow image; None after Esc.

    Raises CaptureUnavailable with a sentence to show when this desktop cannot capture.
    """
    if reason := no_display_reason():
        from visiondesk.gui.capture import unavailable_message

        raise CaptureUnavailable(unavailable_message([reason]), unsupported=True, reason=reason)
    start_qt(widgets=region is None)
    if region is not None:
        return qimage_to_pil(grab_fixed_region(QRect(*region), screen))
    import signal

    import qasync

    # Qt's loop runs no Python code while it waits for the drag, so Python's Ctrl+C handler would
    # never run: while selecting, Ctrl+C ends the process at once (nothing is copied yet).
    previous = signal.signal(signal.SIGINT, signal.SIG_DFL)
    try:
        with asyncio.Runner(loop_factory=qasync.QEventLoop) as runner:
            image = runner.run(select_region(None, screen=screen))
    finally:
        signal.signal(signal.SIGINT, previous)
    return None if image is None else qimage_to_pil(image)
