"""The window's Capture (Ctrl+Shift+S) and Capture and copy (Ctrl+Shift+X).

Both await the same ``select_region`` as ``visiondesk capture``, so the window is hidden while
the person drags, shown again afterwards, and the app never quits because of it. Capture adds
the region as an image; Capture and copy, with Local OCR selected, also reads it through the
session runner and puts the text on the clipboard ("Copied N lines").

The controller spawns these as tasks; they only talk back through ``say`` and the image loader.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Callable
from typing import TYPE_CHECKING, Protocol

from PySide6.QtCore import QCoreApplication
from PySide6.QtGui import QGuiApplication

from visiondesk.gui.capture import CaptureUnavailable, select_region

if TYPE_CHECKING:
    from PySide6.QtGui import QImage
    from PySide6.QtWidgets import QWidget

    from visiondesk.session.runner import Runner
    from visiondesk.session.workspace import Workspace

log = logging.getLogger(__name__)

Say = Callable[..., None]  # say(text, error=False)


class ImageSink(Protocol):
    """What the window's image loader offers a capture (gui/image_loading.ImageLoading)."""

    @property
    def workspace(self) -> Workspace: ...

    def add_qimage(self, image: QImage, label: str) -> None: ...

    def add_bytes(self, data: bytes, label: str) -> None: ...


def _tr(text: str) -> str:
    return QCoreApplication.translate("CaptureFlow", text)


def capture_problem(exc: CaptureUnavailable) -> str:
    """The message for the window, in the interface language (no command-line advice)."""
    sentence = ("Screen capture is unavailable on this desktop." if exc.unsupported
                else "The screen could not be captured.")
    worded = _tr(sentence)
    if worded == sentence:  # English: the details too (which way failed and why)
        worded = f"{sentence[:-1]} ({exc.reason.rstrip('.')})."
    log.info("capture failed: %s", exc)
    return f"{worded} " + _tr("Take a screenshot with your desktop's tool and paste it with Ctrl+V.")


async def _select(window: QWidget, say: Say) -> QImage | None:
    try:
        image = await select_region(window)
    except CaptureUnavailable as exc:
        say(capture_problem(exc), True)
        return None
    if image is None:
        say(_tr("Capture cancelled."))
    return image


async def capture_into(window: QWidget, images: ImageSink, say: Say) -> None:
    """Capture: the region the person drags becomes an image of the window."""
    image = await _select(window, say)
    if image is None:
        return
    images.add_qimage(image, _tr("screen capture"))
    say(_tr("Added a {0} × {1} screen capture.").format(image.width(), image.height()))


async def capture_and_copy(window: QWidget, images: ImageSink, runner: Runner, say: Say,
                           *, local_ocr: bool) -> None:
    """Capture and copy: add the region and, with Local OCR selected, copy its text at once."""
    if not local_ocr:
        await capture_into(window, images, say)
        say(_tr("Added the capture. Choose Local OCR (offline) to copy its text at once."))
        return
    image = await _select(window, say)
    if image is None:
        return
    from visiondesk.gui.pixels import copy_pixels, pixels_to_png

    data = await asyncio.to_thread(pixels_to_png, copy_pixels(image))
    images.add_bytes(data, _tr("screen capture"))
    source_id = images.workspace.ids[-1]  # the source add_bytes just made
    say(_tr("Recognising text…"))
    text = await recognise_source(runner, images.workspace, source_id)
    if text is None:
        say(_tr("The text could not be recognised."), True)
        return
    lines = [line for line in text.splitlines() if line.strip()]
    if not lines:
        say(_tr("No text was found in the capture."), True)
        return
    QGuiApplication.clipboard().setText(text)
    say(_tr("Copied 1 line") if len(lines) == 1 else _tr("Copied {0} lines").format(len(lines)))


async def recognise_source(runner: Runner, workspace: Workspace, source_id: int,
                           mode: str = "lines") -> str | None:
    """One workspace image read by Local OCR through the session runner, laid out as ``mode``."""
    from visiondesk.config.providers import LOCAL_OCR
    from visiondesk.session.plan import Job, ModelTarget
    from visiondesk.session.workspace import InputRef

    job = Job(ModelTarget(LOCAL_OCR.id, LOCAL_OCR.models[0].id), (InputRef(source_id),), prompt="")
    result = await runner.run(job, workspace)
    if result.status != "completed":
        log.info("capture OCR failed: %s", result.error)
        return None
    if result.lines is None:
        return result.text
    from visiondesk.ocr.layout import format_text

    return format_text(result.lines, mode)
