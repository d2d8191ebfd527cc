"""The window's Capture and Capture and copy, over a known desktop, through the real session runner.

The desktop is a QImage with text drawn on it, "grabbed" by a handler that works offscreen; the
image loader is a stand-in with a real Workspace, and Local OCR really reads the region.
"""

from __future__ import annotations

import asyncio
from typing import Any

import pytest
from PySide6.QtCore import QPoint, QRect, Qt
from PySide6.QtGui import QColor, QFont, QGuiApplication, QImage, QPainter
from PySide6.QtWidgets import QApplication, QLabel

from visiondesk.gui import capture, capture_flow
from visiondesk.gui.capture.models import CaptureUnavailable, FrozenDesktop, ScreenImage
from visiondesk.gui.capture.selector import RegionSelector
from visiondesk.session.workspace import Workspace


class Loader:
    """The part of the window's image loader a capture uses."""

    def __init__(self) -> None:
        self.workspace = Workspace()
        self.qimages: list[tuple[QImage, str]] = []

    def add_qimage(self, image: QImage, label: str) -> None:
        self.qimages.append((image, label))

    def add_bytes(self, data: bytes, label: str) -> None:
        self.workspace.add_bytes(data, label)


class Said:
    def __init__(self) -> None:
        self.lines: list[tuple[str, bool]] = []

    def __call__(self, text: str, error: bool = False) -> None:
        self.lines.append((text, error))


class Desktop:
    name = "fake"

    def __init__(self, desktop: FrozenDesktop) -> None:
        self.desktop = desktop

    def available(self) -> str | None:
        return None

    async def grab(self) -> FrozenDesktop:
        return self.desktop


def _desktop_with_text() -> FrozenDesktop:
    image = QImage(800, 300, QImage.Format.Format_RGB32)
    image.fill(QColor("white"))
    painter = QPainter(image)
    font = QFont()
    font.setPixelSize(36)
    painter.setFont(font)
    painter.setPen(QColor("black"))
    painter.drawText(QPoint(40, 80), "Total 42.00")
    painter.drawText(QPoint(40, 160), "Thank you")
    painter.end()
    return FrozenDesktop((ScreenImage("a", QRect(0, 0, 800, 300), image),))


@pytest.fixture
def window(qtbot: Any, monkeypatch: pytest.MonkeyPatch) -> QLabel:
    monkeypatch.setattr(capture, "handlers", lambda: [Desktop(_desktop_with_text())])
    monkeypatch.setattr(capture, "HIDE_SETTLE_SECONDS", 0.0)
    label = QLabel("VisionDesk")
    qtbot.addWidget(label)
    label.show()
    return label


async def _drag_when_shown(qtbot: Any, rect: QRect | None) -> None:
    for _ in range(300):
        found = [w for w in QApplication.topLevelWidgets()
                 if isinstance(w, RegionSelector) and w.isVisible()]
        if found:
            if rect is None:
                qtbot.keyClick(found[0], Qt.Key.Key_Escape)
                return
            qtbot.mousePress(found[0], Qt.MouseButton.LeftButton, pos=rect.topLeft())
            end = rect.topLeft() + QPoint(rect.width(), rect.height())
            qtbot.mouseMove(found[0], end)
            qtbot.mouseRelease(found[0], Qt.MouseButton.LeftButton, pos=end)
            return
        await asyncio.sleep(0.01)
    raise AssertionError("the selector never appeared")


def test_capture_adds_the_region_as_an_image(window: QLabel, qtbot: Any, run: Any) -> None:
    loader, said = Loader(), Said()

    async def scenario() -> None:
        task = asyncio.ensure_future(capture_flow.capture_into(window, loader, said))
        await _drag_when_shown(qtbot, QRect(20, 30, 400, 80))
        await task

    run(scenario())
    assert [(img.width(), img.height(), label) for img, label in loader.qimages] == [
        (400, 80, "screen capture")]
    assert said.lines == [("Added a 400 × 80 screen capture.", False)]
    assert window.isVisible()


def test_capture_and_copy_puts_the_text_on_the_clipboard(window: QLabel, qtbot: Any,
                                                         run: Any) -> None:
    from visiondesk.config.providers import LOCAL_OCR
    from visiondesk.session.runner import Runner

    loader, said = Loader(), Said()
    runner = Runner([LOCAL_OCR], history=None)
    QGuiApplication.clipboard().setText("before")

    async def scenario() -> None:
        task = asyncio.ensure_future(capture_flow.capture_and_copy(
            window, loader, runner, said, local_ocr=True))
        await _drag_when_shown(qtbot, QRect(20, 20, 600, 180))
        await task
        await runner.aclose()

    run(scenario(), timeout=120)
    assert QGuiApplication.clipboard().text() == "Total 42.00\nThank you"
    assert said.lines[-1] == ("Copied 2 lines", False)
    assert len(loader.workspace.ids) == 1  # the capture was added as an image too


def test_capture_and_copy_without_local_ocr_only_adds(window: QLabel, qtbot: Any, run: Any) -> None:
    loader, said = Loader(), Said()

    async def scenario() -> None:
        task = asyncio.ensure_future(capture_flow.capture_and_copy(
            window, loader, None, said, local_ocr=False))  # type: ignore[arg-type]
        await _drag_when_shown(qtbot, QRect(20, 30, 100, 50))
        await task

    run(scenario())
    assert len(loader.qimages) == 1
    assert "Local OCR" in said.lines[-1][0]


def test_esc_adds_nothing_and_says_so(window: QLabel, qtbot: Any, run: Any) -> None:
    loader, said = Loader(), Said()

    async def scenario() -> None:
        task = asyncio.ensure_future(capture_flow.capture_into(window, loader, said))
        await _drag_when_shown(qtbot, None)
        await task

    run(scenario())
    assert loader.qimages == [] and said.lines == [("Capture cancelled.", False)]


def test_an_unsupported_desktop_is_explained(qtbot: Any, run: Any) -> None:
    loader, said = Loader(), Said()
    label = QLabel("VisionDesk")
    qtbot.addWidget(label)
    label.show()
    run(capture_flow.capture_into(label, loader, said))  # the real handlers, offscreen
    [(text, error)] = said.lines
    assert error
    # Why, in the window's words: no command-line advice (the portal's reason depends on the bus).
    assert text.startswith("Screen capture is unavailable on this desktop (there is no screen to "
                           "capture on the 'offscreen' platform; ")
    assert text.endswith("Take a screenshot with your desktop's tool and paste it with Ctrl+V.")
    assert "visiondesk" not in text
    failed = capture_flow.capture_problem(CaptureUnavailable("The portal refused.", reason="it refused"))
    assert failed == ("The screen could not be captured (it refused). Take a screenshot with your "
                      "desktop's tool and paste it with Ctrl+V.")


def test_the_window_captures_and_copies_with_its_shortcuts(window: QLabel, session: Any, qtbot: Any,
                                                           run: Any) -> None:
    # GIVEN the real window with Local OCR (the default in a fresh home)
    main = session.window
    QGuiApplication.clipboard().setText("before")

    async def scenario() -> None:
        await session.controller.startup([], None, [])
        # WHEN Ctrl+Shift+S captures a region
        qtbot.keyClick(main, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier
                       | Qt.KeyboardModifier.ShiftModifier)
        await _drag_when_shown(qtbot, QRect(20, 20, 600, 180))
        for _ in range(500):
            if main.image_panel.entries:
                break
            await asyncio.sleep(0.01)
        # AND Ctrl+Shift+X captures another and copies its text
        qtbot.keyClick(main, Qt.Key.Key_X, Qt.KeyboardModifier.ControlModifier
                       | Qt.KeyboardModifier.ShiftModifier)
        await _drag_when_shown(qtbot, QRect(20, 20, 600, 180))
        for _ in range(3000):
            if QGuiApplication.clipboard().text() != "before":
                break
            await asyncio.sleep(0.01)
        await asyncio.sleep(0.05)

    run(scenario(), timeout=120)
    # THEN both captures are images of the window, the text is copied, the app is alive
    assert [e.label for e in main.image_panel.entries] == ["screen capture", "screen capture"]
    assert QGuiApplication.clipboard().text() == "Total 42.00\nThank you"
    assert main.statusBar().currentMessage() == "Copied 2 lines"
    assert main.isVisible()
