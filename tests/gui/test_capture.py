"""Screen capture: regions come out as selected (HiDPI, several screens), Esc cancels, the app lives.

The selector and the capture flow run on the offscreen platform with a frozen desktop made of
known colours, so every pixel of a crop can be checked; the real X11 grab is tested end to end
in tests/e2e/test_capture_command.py.
"""

from __future__ import annotations

import asyncio
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QPoint, QRect, Qt
from PySide6.QtGui import QColor, QImage, QPainter
from PySide6.QtWidgets import QApplication, QLabel, QMainWindow

from visiondesk.gui import capture
from visiondesk.gui.capture.models import CaptureUnavailable, FrozenDesktop, ScreenImage, Selected
from visiondesk.gui.capture.selector import RegionSelector

OUT = Path(__file__).resolve().parents[2] / "build" / "capture"


def _screen(name: str, geometry: QRect, ratio: float, colour: str, mark: QRect | None = None
            ) -> ScreenImage:
    """A screen image in device pixels: one colour, and a red mark at logical ``mark``."""
    image = QImage(round(geometry.width() * ratio), round(geometry.height() * ratio),
                   QImage.Format.Format_RGB32)
    image.fill(QColor(colour))
    if mark is not None:
        painter = QPainter(image)
        painter.fillRect(QRect(round(mark.x() * ratio), round(mark.y() * ratio),
                               round(mark.width() * ratio), round(mark.height() * ratio)),
                         QColor("red"))
        painter.end()
    return ScreenImage(name, geometry, image)


def _colour(image: QImage, x: int, y: int) -> str:
    return image.pixelColor(x, y).name()


def test_a_selection_on_a_hidpi_screen_comes_out_in_device_pixels() -> None:
    # GIVEN a 200 % screen with a red 40x20 (logical) mark at 100,50
    desktop = FrozenDesktop((_screen("hidpi", QRect(0, 0, 400, 300), 2.0, "white",
                                     QRect(100, 50, 40, 20)),))
    # WHEN exactly the mark is selected (logical pixels, as the person drags)
    image = desktop.crop(QRect(100, 50, 40, 20))
    # THEN the image has twice the logical size and is the mark, edge to edge
    assert (image.width(), image.height()) == (80, 40)
    assert {_colour(image, x, y) for x in (0, 79) for y in (0, 39)} == {"#ff0000"}


def test_a_selection_on_the_second_screen_reads_that_screen() -> None:
    # GIVEN two screens side by side, the right one at 150 % with a mark near its corner
    left = _screen("left", QRect(0, 0, 300, 200), 1.0, "blue")
    right = _screen("right", QRect(300, 0, 200, 200), 1.5, "white", QRect(10, 10, 20, 20))
    desktop = FrozenDesktop((left, right))
    assert desktop.bounds == QRect(0, 0, 500, 200)
    # WHEN the mark is selected in desktop coordinates
    image = desktop.crop(QRect(310, 10, 20, 20))
    # THEN it comes out at the right screen's ratio and is all mark
    assert (image.width(), image.height()) == (30, 30)
    assert {_colour(image, x, y) for x in (0, 29) for y in (0, 29)} == {"#ff0000"}


def test_a_selection_across_two_screens_holds_both() -> None:
    desktop = FrozenDesktop((_screen("left", QRect(0, 0, 300, 200), 1.0, "blue"),
                             _screen("right", QRect(300, 0, 200, 200), 2.0, "white")))
    image = desktop.crop(QRect(250, 50, 100, 40))
    # Composed at the larger ratio: the left half blue, the right half white.
    assert (image.width(), image.height()) == (200, 80)
    assert _colour(image, 10, 40) == "#0000ff"
    assert _colour(image, 190, 40) == "#ffffff"


def test_a_selection_outside_every_screen_is_empty() -> None:
    desktop = FrozenDesktop((_screen("only", QRect(0, 0, 100, 100), 1.0, "white"),))
    assert desktop.crop(QRect(200, 200, 10, 10)).isNull()


def _drag(selector: RegionSelector, qtbot: Any, start: QPoint, end: QPoint) -> None:
    qtbot.mousePress(selector, Qt.MouseButton.LeftButton, pos=start)
    qtbot.mouseMove(selector, end)
    qtbot.mouseRelease(selector, Qt.MouseButton.LeftButton, pos=end)


def test_the_selector_reports_the_dragged_rectangle_and_is_worth_looking_at(qtbot: Any) -> None:
    desktop = FrozenDesktop((_screen("a", QRect(0, 0, 640, 400), 1.0, "#dde6f0",
                                     QRect(100, 100, 200, 60)),))
    selector = RegionSelector(desktop)
    qtbot.addWidget(selector)
    selector.show()
    qtbot.mousePress(selector, Qt.MouseButton.LeftButton, pos=QPoint(90, 90))
    qtbot.mouseMove(selector, QPoint(320, 170))
    # A look at it mid-selection: dimmed desktop, bright selection, its size.
    OUT.mkdir(parents=True, exist_ok=True)
    assert selector.grab().save(str(OUT / "selector-mid-drag.png"))
    assert selector.selection() == QRect(90, 90, 230, 80)
    with qtbot.waitSignal(selector.selected, timeout=1000) as blocker:
        qtbot.mouseRelease(selector, Qt.MouseButton.LeftButton, pos=QPoint(320, 170))
    assert blocker.args == [QRect(90, 90, 230, 80)]


def test_a_click_is_not_a_selection_and_esc_cancels(qtbot: Any) -> None:
    selector = RegionSelector(FrozenDesktop((_screen("a", QRect(0, 0, 200, 200), 1.0, "white"),)))
    qtbot.addWidget(selector)
    selector.show()
    with qtbot.assertNotEmitted(selector.selected):
        _drag(selector, qtbot, QPoint(50, 50), QPoint(51, 51))
    with qtbot.waitSignal(selector.cancelled, timeout=1000):
        qtbot.keyClick(selector, Qt.Key.Key_Escape)


class FakeScreenGrab:
    """A handler that 'grabs' a known desktop, as the X11 grab would."""

    name = "fake"

    def __init__(self, desktop: FrozenDesktop | Selected | None) -> None:
        self.desktop = desktop
        self.grabs = 0

    def available(self) -> str | None:
        return None

    async def grab(self) -> FrozenDesktop | Selected | None:
        self.grabs += 1
        return self.desktop


class Unavailable:
    name = "nothing"

    def available(self) -> str | None:
        return "no screen here"

    async def grab(self) -> None:
        raise AssertionError("an unavailable handler must not be asked")


def _window(qtbot: Any) -> QMainWindow:
    window = QMainWindow()
    window.setCentralWidget(QLabel("main window"))
    qtbot.addWidget(window)
    window.show()
    return window


def _selector() -> RegionSelector | None:
    found = [w for w in QApplication.topLevelWidgets()
             if isinstance(w, RegionSelector) and w.isVisible()]
    return found[0] if found else None


async def _when_selector(act: Any) -> None:
    for _ in range(200):
        selector = _selector()
        if selector is not None:
            act(selector)
            return
        await asyncio.sleep(0.01)
    raise AssertionError("the selector never appeared")


def test_capture_hides_the_window_returns_the_region_and_the_app_lives(
        qtbot: Any, run: Any, monkeypatch: pytest.MonkeyPatch, qapp: Any) -> None:
    # GIVEN a window and a desktop with a red mark, captured by a handler that works here
    desktop = FrozenDesktop((_screen("a", QRect(0, 0, 640, 400), 1.0, "white",
                                     QRect(100, 100, 50, 30)),))
    monkeypatch.setattr(capture, "handlers", lambda: [Unavailable(), FakeScreenGrab(desktop)])
    monkeypatch.setattr(capture, "HIDE_SETTLE_SECONDS", 0.0)
    window = _window(qtbot)
    quits: list[bool] = []
    qapp.lastWindowClosed.connect(lambda: quits.append(True))
    assert qapp.quitOnLastWindowClosed()
    seen: dict[str, object] = {}

    def select(selector: RegionSelector) -> None:
        seen["window visible while selecting"] = window.isVisible()
        seen["quit on last close while selecting"] = qapp.quitOnLastWindowClosed()
        _drag(selector, qtbot, QPoint(100, 100), QPoint(150, 130))

    async def scenario() -> Any:
        task = asyncio.ensure_future(capture.capture_region(window))
        await _when_selector(select)
        return await task

    # WHEN the person drags over the mark
    image = run(scenario())
    # THEN the region comes back as a Pillow image of the mark, the window is back, nothing quit
    assert image.size == (50, 30)
    assert image.getpixel((0, 0)) == (255, 0, 0) and image.getpixel((49, 29)) == (255, 0, 0)
    assert seen == {"window visible while selecting": False,
                    "quit on last close while selecting": False}
    assert window.isVisible()
    assert qapp.quitOnLastWindowClosed()
    assert _selector() is None
    assert quits == []


def test_esc_cancels_a_capture_and_the_window_comes_back(
        qtbot: Any, run: Any, monkeypatch: pytest.MonkeyPatch, qapp: Any) -> None:
    desktop = FrozenDesktop((_screen("a", QRect(0, 0, 300, 200), 1.0, "white"),))
    monkeypatch.setattr(capture, "handlers", lambda: [FakeScreenGrab(desktop)])
    monkeypatch.setattr(capture, "HIDE_SETTLE_SECONDS", 0.0)
    window = _window(qtbot)

    async def scenario() -> Any:
        task = asyncio.ensure_future(capture.capture_region(window))
        await _when_selector(lambda s: qtbot.keyClick(s, Qt.Key.Key_Escape))
        return await task

    assert run(scenario()) is None
    assert window.isVisible() and _selector() is None


def test_a_region_the_desktop_chose_needs_no_selector(
        qtbot: Any, run: Any, monkeypatch: pytest.MonkeyPatch) -> None:
    # The Wayland portal in interactive mode returns the region the person chose there.
    chosen = QImage(120, 40, QImage.Format.Format_RGB32)
    chosen.fill(QColor("green"))
    monkeypatch.setattr(capture, "handlers", lambda: [FakeScreenGrab(Selected(chosen))])
    monkeypatch.setattr(capture, "HIDE_SETTLE_SECONDS", 0.0)
    image = run(capture.capture_region(_window(qtbot)))
    assert image.size == (120, 40) and image.getpixel((5, 5)) == (0, 128, 0)


def test_offscreen_says_capture_is_unavailable_and_suggests_pasting(qtbot: Any, run: Any) -> None:
    # The real handlers on the offscreen platform: neither Qt's grab nor a portal can work.
    window = _window(qtbot)
    with pytest.raises(CaptureUnavailable) as caught:
        run(capture.capture_region(window))
    message = str(caught.value)
    assert "unavailable" in message and "offscreen" in message and "paste" in message
    assert window.isVisible()  # nothing was hidden for a capture that cannot happen


def test_a_fixed_region_needs_a_real_screen() -> None:
    with pytest.raises(CaptureUnavailable, match="offscreen"):
        capture.grab_fixed_region(QRect(0, 0, 10, 10))


def test_qt_images_become_independent_pillow_images() -> None:
    image = QImage(33, 7, QImage.Format.Format_ARGB32)  # odd width: rows are padded
    image.fill(QColor(10, 20, 30))
    pil = capture.qimage_to_pil(image)
    del image
    assert pil.size == (33, 7) and pil.getpixel((32, 6)) == (10, 20, 30)


MULTI_SCREEN = """
import json, sys
from PySide6.QtCore import QPoint, QRect, Qt
from PySide6.QtGui import QColor, QGuiApplication, QImage
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication
from visiondesk.gui.capture.models import FrozenDesktop, ScreenImage
from visiondesk.gui.capture.selector import RegionSelector

app = QApplication([])
screens = []
for screen, colour in zip(QGuiApplication.screens(), ("blue", "white")):
    ratio = screen.devicePixelRatio()
    image = QImage(round(screen.geometry().width() * ratio), round(screen.geometry().height() * ratio),
                   QImage.Format.Format_RGB32)
    image.fill(QColor(colour))
    screens.append(ScreenImage(screen.name(), screen.geometry(), image))
desktop = FrozenDesktop(tuple(screens))
selector = RegionSelector(desktop)
chosen = []
selector.selected.connect(chosen.append)
selector.show()
QTest.qWaitForWindowExposed(selector)
QTest.mousePress(selector, Qt.MouseButton.LeftButton, pos=QPoint(700, 100))
QTest.mouseMove(selector, QPoint(900, 200))
selector.grab().save(sys.argv[1])
QTest.mouseRelease(selector, Qt.MouseButton.LeftButton, pos=QPoint(900, 200))
crop = desktop.crop(chosen[0])
shot = QImage(sys.argv[1])
print(json.dumps({"geometry": selector.geometry().getRect(), "chosen": chosen[0].getRect(),
                  "gap": shot.pixelColor(1000, 550).name(),
                  "crop": [crop.width(), crop.height()],
                  "left": crop.pixelColor(10, 100).name(), "right": crop.pixelColor(390, 100).name()}))
"""


def test_the_selector_spans_every_screen_and_crops_across_them(tmp_path: Path) -> None:
    # Two screens side by side, the right one at 200 %, on Qt's offscreen platform's screen config.
    import json
    import os
    import subprocess
    import sys

    config = tmp_path / "screens.json"
    config.write_text(json.dumps({"screens": [
        {"name": "left", "x": 0, "y": 0, "width": 800, "height": 600, "logicalDpi": 96,
         "logicalBaseDpi": 96, "dpr": 1},
        {"name": "right", "x": 800, "y": 0, "width": 640, "height": 480, "logicalDpi": 96,
         "logicalBaseDpi": 96, "dpr": 2}]}))
    env = dict(os.environ, QT_QPA_PLATFORM=f"offscreen:configfile={config}")
    OUT.mkdir(parents=True, exist_ok=True)
    done = subprocess.run([sys.executable, "-c", MULTI_SCREEN, str(OUT / "selector-two-screens.png")],
                          env=env, capture_output=True, text=True, timeout=60, check=False)
    assert done.returncode == 0, done.stderr
    result = json.loads(done.stdout.strip().splitlines()[-1])
    assert result["geometry"] == [0, 0, 1440, 600]  # the union of both screens
    assert result["chosen"] == [700, 100, 200, 100]
    assert result["crop"] == [400, 200]  # composed at the larger ratio
    assert (result["left"], result["right"]) == ("#0000ff", "#ffffff")
    assert result["gap"] == "#000000"  # below the smaller screen: nothing, not a stale backdrop
