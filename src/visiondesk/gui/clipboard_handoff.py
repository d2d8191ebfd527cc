"""Put text on the clipboard so that it stays there after our process exits.

On X11 and Wayland the clipboard is not a store: the application that copied keeps serving the
text to whoever pastes, and when it exits the text is gone. A command that copies and exits
(``visiondesk capture``) must therefore hand the text to a process that stays, as NormCap does:

* Wayland: ``wl-copy`` (wl-clipboard), which forks and serves until replaced;
* X11: ``xclip -selection clipboard`` or ``xsel --clipboard --input``, which fork likewise;
* X11 without either: a small detached process of ours (``python -m
  visiondesk.gui.clipboard_handoff --serve``) that owns the selection until another application
  takes it over, then exits;
* Windows and macOS keep the clipboard themselves: Qt's clipboard in this process is enough.

A clipboard manager, when one runs, copies the text as soon as it appears, whichever was used.
Nothing here imports Qt except the serving process and the Windows/macOS path.
"""

from __future__ import annotations

import logging
import os
import select
import shutil
import subprocess
import sys
import tempfile
import time
from collections.abc import Mapping, Sequence

log = logging.getLogger(__name__)

TOOL_TIMEOUT = 5.0  # seconds for a clipboard tool to take the text and fork
SERVE_READY_TIMEOUT = 10.0  # our own server starts Python and Qt first
SERVE_MAX_SECONDS = 24 * 3600  # nobody pastes a capture a day later; do not linger for ever
MAX_TEXT_BYTES = 16 * 1024 * 1024
READY = b"ready\n"


class ClipboardUnavailable(Exception):
    """No way to leave text on the clipboard here; the message says what to install."""


def session_kind(env: Mapping[str, str] | None = None) -> str:
    """"wayland", "x11" or "native" (Windows, macOS: the OS keeps the clipboard)."""
    env = os.environ if env is None else env
    if sys.platform in ("win32", "darwin"):
        return "native"
    if env.get("WAYLAND_DISPLAY") or env.get("XDG_SESSION_TYPE") == "wayland":
        return "wayland"
    return "x11"


def methods_for(kind: str) -> list[str]:
    """The ways to try, best first, for a kind of session."""
    if kind == "native":
        return ["qt"]
    if kind == "wayland":
        return ["wl-copy"]
    return ["xclip", "xsel", "visiondesk"]


def install_advice(kind: str) -> str:
    if kind == "wayland":
        return "install wl-clipboard (e.g. sudo apt install wl-clipboard) so wl-copy can keep it"
    return "install xclip or xsel (e.g. sudo apt install xclip)"


def hand_over(text: str, methods: Sequence[str] | None = None) -> str:
    """Leave ``text`` on the clipboard beyond this process; returns the method that took it.

    Raises ClipboardUnavailable, saying what to install, when no method works.
    """
    kind = session_kind()
    data = text.encode("utf-8")
    if len(data) > MAX_TEXT_BYTES:
        raise ClipboardUnavailable(f"The text is too long to copy ({len(data)} bytes).")
    tried = []
    for method in methods if methods is not None else methods_for(kind):
        try:
            if _try(method, text, data):
                log.debug("clipboard handed to %s", method)
                return method
        except (OSError, subprocess.SubprocessError) as exc:
            log.debug("clipboard method %s failed: %s", method, exc)
        tried.append(method)
    if kind == "x11" and not os.environ.get("DISPLAY"):
        raise ClipboardUnavailable("The text could not be copied: there is no display (DISPLAY "
                                   "is unset).")
    raise ClipboardUnavailable(f"The text could not be left on the clipboard (tried "
                               f"{', '.join(tried) or 'nothing'}): {install_advice(kind)}.")


def _try(method: str, text: str, data: bytes) -> bool:
    if method == "qt":
        return _qt_in_process(text)
    if method == "visiondesk":
        return _serve_detached(data)
    argv = {"wl-copy": ["wl-copy", "--type", "text/plain;charset=utf-8"],
            "xclip": ["xclip", "-selection", "clipboard", "-in"],
            "xsel": ["xsel", "--clipboard", "--input"]}[method]
    executable = shutil.which(argv[0])
    if executable is None:
        return False
    # The tool forks a child that keeps serving; that child inherits whatever pipes it is given,
    # so stdout goes to /dev/null and stderr to a file: waiting for a pipe's end would wait for
    # the child, that is, until someone else copies.
    with tempfile.TemporaryFile() as errors:
        done = subprocess.run([executable, *argv[1:]], input=data, stdout=subprocess.DEVNULL,
                              stderr=errors, timeout=TOOL_TIMEOUT, check=False,
                              start_new_session=True)
        if done.returncode != 0:
            errors.seek(0)
            log.debug("%s exited %d: %s", argv[0], done.returncode,
                      errors.read(500).decode("utf-8", "replace").strip())
            return False
    return _confirm(method, data)


# How each tool reads the clipboard back. The tool's parent returns as soon as it has forked,
# possibly before the child owns the selection; until it does, a paste gets the old text.
_READ_BACK = {"xclip": ["xclip", "-o", "-selection", "clipboard"],
              "xsel": ["xsel", "--clipboard", "--output"],
              "wl-copy": ["wl-paste", "--no-newline"]}


def _confirm(method: str, data: bytes, timeout: float = 2.0) -> bool:
    argv = _READ_BACK[method]
    if shutil.which(argv[0]) is None:
        return True  # nothing to read back with; trust the exit status
    deadline = time.monotonic() + timeout
    while True:
        try:
            current = subprocess.run(argv, capture_output=True, timeout=TOOL_TIMEOUT,
                                     check=False).stdout
        except subprocess.TimeoutExpired:
            current = b""
        if current == data or time.monotonic() > deadline:
            return current == data
        time.sleep(0.01)


def _qt_in_process(text: str) -> bool:
    from PySide6.QtGui import QGuiApplication

    app = QGuiApplication.instance()
    if not isinstance(app, QGuiApplication):
        return False
    QGuiApplication.clipboard().setText(text)
    return True


def _serve_detached(data: bytes) -> bool:
    """Start our own serving process and wait until it owns the clipboard."""
    if not os.environ.get("DISPLAY"):
        return False
    child = subprocess.Popen(
        [sys.executable, "-m", "visiondesk.gui.clipboard_handoff", "--serve"],
        stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL,
        start_new_session=True, close_fds=True,
        env={**os.environ, "QT_QPA_PLATFORM": "xcb"})
    assert child.stdin is not None and child.stdout is not None
    try:
        child.stdin.write(data)
        child.stdin.close()
        ready, _, _ = select.select([child.stdout], [], [], SERVE_READY_TIMEOUT)
        answer = child.stdout.readline() if ready else b""
    finally:
        child.stdout.close()
    if answer != READY:
        log.debug("the clipboard server did not start (%r)", answer[:100])
        if child.poll() is None:
            child.kill()
        return False
    return True


def serve(text: str) -> int:
    """Own the clipboard with ``text`` until another application takes it (``--serve``)."""
    from PySide6.QtCore import QTimer
    from PySide6.QtGui import QClipboard, QGuiApplication

    app = QGuiApplication(["visiondesk-clipboard"])
    clipboard = QGuiApplication.clipboard()
    clipboard.setText(text, QClipboard.Mode.Clipboard)
    app.processEvents()
    if not clipboard.ownsClipboard():
        return 1

    def changed() -> None:
        if not clipboard.ownsClipboard():
            app.quit()  # someone else copied: nothing left for us to serve

    clipboard.dataChanged.connect(changed)
    QTimer.singleShot(SERVE_MAX_SECONDS * 1000, app.quit)
    # Tell the parent we hold it, then let go of the pipe so it can exit.
    os.write(1, READY)
    devnull = os.open(os.devnull, os.O_WRONLY)
    os.dup2(devnull, 1)
    return int(app.exec())


def _main(argv: Sequence[str]) -> int:
    if list(argv) != ["--serve"]:
        sys.stderr.write("usage: python -m visiondesk.gui.clipboard_handoff --serve < text\n")
        return 2
    data = sys.stdin.buffer.read(MAX_TEXT_BYTES + 1)
    if len(data) > MAX_TEXT_BYTES:
        return 2
    return serve(data.decode("utf-8", "replace"))


if __name__ == "__main__":
    raise SystemExit(_main(sys.argv[1:]))
