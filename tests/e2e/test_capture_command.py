"""``visiondesk capture`` on a real X server: the text is on the clipboard after the command exits.

Each test starts its own Xvfb (display number chosen by Xvfb itself), shows the sample receipt
in a small window of another process, runs the real command in a subprocess and reads the
clipboard with ``xclip`` afterwards, as a person pasting would. Skipped where Xvfb, xclip or
xdotool are not installed (CI installs them).
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

from tests.support.fault_server import FaultServer, answer_text

ROOT = Path(__file__).resolve().parents[2]
RECEIPT = ROOT / "resources" / "samples" / "receipt.png"
XCLIP = shutil.which("xclip")
XDOTOOL = shutil.which("xdotool")

pytestmark = pytest.mark.skipif(not (shutil.which("Xvfb") and XCLIP and XDOTOOL),
                                reason="needs Xvfb, xclip and xdotool")

SHOW_IMAGE = """
import sys
from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QPixmap
from PySide6.QtWidgets import QApplication, QLabel
app = QApplication([])
label = QLabel()
label.setPixmap(QPixmap(sys.argv[1]))
label.setWindowFlags(Qt.WindowType.FramelessWindowHint | Qt.WindowType.X11BypassWindowManagerHint)
label.move(0, 0)
label.adjustSize()
label.show()
QTimer.singleShot(200, lambda: print("shown", flush=True))
app.exec()
"""

# The window's own path: a main window awaits capture_region, the person presses Esc or drags,
# and the process must go on (print "alive") and exit 0 instead of quitting mid-capture.
WINDOW_CAPTURE = """
import asyncio, sys
import qasync
from PySide6.QtWidgets import QApplication, QLabel, QMainWindow
from visiondesk.gui.capture import capture_region
app = QApplication([])
window = QMainWindow()
window.setCentralWidget(QLabel("VisionDesk"))
window.resize(400, 300)
window.show()
async def main():
    await asyncio.sleep(0.3)
    print("capturing", flush=True)
    image = await capture_region(window)
    print("result", None if image is None else image.size, flush=True)
    await asyncio.sleep(0.3)
    print("alive", window.isVisible(), flush=True)
with asyncio.Runner(loop_factory=qasync.QEventLoop) as runner:
    runner.run(main())
"""


@dataclass
class Display:
    env: dict[str, str]

    def run(self, *argv: str, timeout: float = 10) -> subprocess.CompletedProcess[str]:
        return subprocess.run(argv, env=self.env, capture_output=True, text=True, timeout=timeout,
                              check=False)

    def clipboard(self) -> str:
        assert XCLIP is not None
        return self.run(XCLIP, "-o", "-selection", "clipboard").stdout

    def set_clipboard(self, text: str) -> None:
        assert XCLIP is not None
        subprocess.run([XCLIP, "-selection", "clipboard", "-in"], input=text, text=True,
                       env=self.env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                       timeout=5, check=True)
        deadline = time.monotonic() + 3
        while self.clipboard() != text and time.monotonic() < deadline:
            time.sleep(0.02)

    def selector_shown(self, timeout: float = 20) -> None:
        assert XDOTOOL is not None
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.run(XDOTOOL, "search", "--name", "^Select a region$").stdout.strip():
                time.sleep(0.2)  # mapped and keyboard grabbed
                return
            time.sleep(0.05)
        raise AssertionError("the region selector never appeared")

    def drag(self, x0: int, y0: int, x1: int, y1: int) -> None:
        assert XDOTOOL is not None
        self.run(XDOTOOL, "mousemove", str(x0), str(y0), "mousedown", "1",
                 "mousemove", str((x0 + x1) // 2), str((y0 + y1) // 2),
                 "mousemove", str(x1), str(y1), "mouseup", "1")


def _start_xvfb(processes: list[subprocess.Popen[bytes]]) -> str:
    read, write = os.pipe()
    xvfb = subprocess.Popen(["Xvfb", "-displayfd", str(write), "-screen", "0", "1280x1024x24",
                             "-nolisten", "tcp"], pass_fds=(write,), stdout=subprocess.DEVNULL,
                            stderr=subprocess.DEVNULL)
    processes.append(xvfb)
    os.close(write)
    with os.fdopen(read) as numbers:
        number = numbers.readline().strip()
    assert number, "Xvfb did not report its display number"
    return f":{number}"


def _display(window_manager: bool) -> Iterator[Display]:
    processes: list[subprocess.Popen[bytes]] = []
    try:
        env = {k: v for k, v in os.environ.items()
               if k not in ("WAYLAND_DISPLAY", "DBUS_SESSION_BUS_ADDRESS", "QT_QPA_PLATFORM")}
        env["DISPLAY"] = _start_xvfb(processes)
        env["XDG_SESSION_TYPE"] = "x11"
        if window_manager:
            if not shutil.which("openbox"):
                pytest.skip("needs openbox")
            processes.append(subprocess.Popen(["openbox"], env=env, stdout=subprocess.DEVNULL,
                                              stderr=subprocess.DEVNULL))
            time.sleep(0.5)
        viewer = subprocess.Popen([sys.executable, "-c", SHOW_IMAGE, str(RECEIPT)], env=env,
                                  stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True)
        processes.append(viewer)  # type: ignore[arg-type]
        assert viewer.stdout is not None and viewer.stdout.readline().strip() == "shown"
        yield Display(env)
    finally:
        for process in reversed(processes):
            process.terminate()
            try:
                process.wait(5)
            except subprocess.TimeoutExpired:
                process.kill()


@pytest.fixture
def display() -> Iterator[Display]:
    yield from _display(window_manager=False)


@pytest.fixture(params=[False, True], ids=["no-window-manager", "openbox"])
def any_display(request: pytest.FixtureRequest) -> Iterator[Display]:
    yield from _display(window_manager=request.param)


def _capture(display: Display, *args: str, path: str | None = None,
             timeout: float = 60) -> subprocess.Popen[str]:
    env = dict(display.env)
    if path is not None:
        env["PATH"] = path
    return subprocess.Popen([sys.executable, "-m", "visiondesk", "capture", *args], env=env,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)


def _finish(process: subprocess.Popen[str], timeout: float = 60) -> tuple[int, str, str]:
    out, err = process.communicate(timeout=timeout)
    return process.returncode, out, err


def test_a_region_is_read_and_stays_on_the_clipboard_after_exit(display: Display) -> None:
    # GIVEN a receipt on screen and something else on the clipboard
    display.set_clipboard("before")
    # WHEN the region is captured and the command exits
    code, out, err = _finish(_capture(display, "--region", "0,0,900,520", "--print"))
    # THEN it printed the receipt's lines and they are still on the clipboard
    assert code == 0, err
    assert "Portsmouth" in out and "Avocado toast 8.50" in out
    assert display.clipboard() == out.rstrip("\n")


def test_without_clipboard_tools_our_own_process_keeps_the_text(display: Display,
                                                                tmp_path: Path) -> None:
    # GIVEN a PATH with neither xclip nor xsel (only the interpreter's directory)
    empty_bin = tmp_path / "bin"
    empty_bin.mkdir()
    display.set_clipboard("before")
    code, out, err = _finish(_capture(display, "--region", "0,0,900,200", "--print",
                                      path=str(empty_bin)))
    assert code == 0, err
    assert "Portsmouth" in out
    # THEN the text outlives the command, served by the detached helper...
    assert display.clipboard() == out.rstrip("\n")
    # ...which steps aside when another application copies.
    display.set_clipboard("someone else")
    assert display.clipboard() == "someone else"


def test_dragging_a_region_reads_what_was_selected(any_display: Display) -> None:
    process = _capture(any_display, "--print", "--no-copy")
    any_display.selector_shown()
    any_display.drag(0, 0, 900, 140)
    code, out, err = _finish(process)
    assert code == 0, err
    assert "Portsmouth" in out
    assert "Avocado" not in out  # below the dragged region


def test_esc_cancels_with_exit_1_and_copies_nothing(any_display: Display) -> None:
    any_display.set_clipboard("untouched")
    process = _capture(any_display)
    any_display.selector_shown()
    assert XDOTOOL is not None
    any_display.run(XDOTOOL, "key", "Escape")
    code, out, err = _finish(process)
    assert code == 1
    assert "cancelled" in err and out == ""
    assert any_display.clipboard() == "untouched"


def test_the_window_survives_a_capture_and_a_cancel(any_display: Display) -> None:
    assert XDOTOOL is not None
    for finish in ("drag", "esc"):
        process = subprocess.Popen([sys.executable, "-c", WINDOW_CAPTURE], env=any_display.env,
                                   stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        any_display.selector_shown()
        if finish == "drag":
            any_display.drag(10, 10, 210, 110)
        else:
            any_display.run(XDOTOOL, "key", "Escape")
        code, out, err = _finish(process, timeout=30)
        expected = "result (200, 100)" if finish == "drag" else "result None"
        assert code == 0, err
        assert expected in out and "alive True" in out, out + err
        assert "Traceback" not in err


def test_a_vision_model_reads_the_region_when_asked(display: Display, fault_server: FaultServer,
                                                    tmp_path: Path) -> None:
    # GIVEN a provider on a loopback OpenAI-compatible server
    env = dict(display.env, VISIONDESK_HOME=str(tmp_path / "home"), NO_PROXY="127.0.0.1")
    added = subprocess.run([sys.executable, "-m", "visiondesk", "providers", "add", "Loopback",
                            "--base-url", fault_server.base_url, "--api", "chat",
                            "--model", "gpt-4o"], env=env, capture_output=True, text=True,
                           timeout=60, check=False)
    assert added.returncode == 0, added.stderr
    # WHEN the region is captured with --provider/--model
    done = subprocess.run([sys.executable, "-m", "visiondesk", "capture", "--region",
                           "0,0,600,300", "--provider", "Loopback", "--model", "gpt-4o",
                           "--print"], env=env, capture_output=True, text=True, timeout=120,
                          check=False)
    # THEN the model was asked to transcribe, with the region as a PNG, and its answer is copied
    assert done.returncode == 0, done.stderr
    body = fault_server.last_request.body
    parts = body["messages"][-1]["content"]
    prompt = next(p["text"] for p in parts if p["type"] == "text")
    image = next(p["image_url"]["url"] for p in parts if p["type"] == "image_url")
    assert prompt.startswith("Transcribe all text in this image verbatim")
    assert image.startswith("data:image/png;base64,")
    expected = answer_text(prompt, "gpt-4o")
    assert done.stdout.rstrip("\n") == expected
    assert display.clipboard() == expected


def test_modes_shape_the_text_and_an_empty_region_copies_nothing(display: Display) -> None:
    code, out, err = _finish(_capture(display, "--region", "0,0,900,520", "--mode", "single-line",
                                      "--no-copy"))
    assert code == 0, err
    assert len(out.rstrip("\n").splitlines()) == 1
    assert "Portsmouth" in out and "Subtotal 26.35" in out
    # Far right of the screen, where nothing is drawn.
    display.set_clipboard("untouched")
    code, out, err = _finish(_capture(display, "--region", "1100,900,150,100"))
    assert code == 1 and "no text was found" in err
    assert display.clipboard() == "untouched"
    # links mode copies only web and e-mail addresses: the receipt has none
    code, out, err = _finish(_capture(display, "--region", "0,0,900,520", "--mode", "links"))
    assert code == 1 and "no web or e-mail address" in err
    assert display.clipboard() == "untouched"


def test_on_a_hidpi_screen_the_region_is_in_logical_pixels(display: Display) -> None:
    # At 200 % the receipt's 900x520 device pixels are 450x260 logical ones: the same text.
    display.env["QT_SCALE_FACTOR"] = "2"
    try:
        code, out, err = _finish(_capture(display, "--region", "0,0,450,260", "--print",
                                          "--no-copy"))
    finally:
        del display.env["QT_SCALE_FACTOR"]
    assert code == 0, err
    assert "Portsmouth" in out and "Avocado toast 8.50" in out
