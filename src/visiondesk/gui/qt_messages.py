"""Qt's own messages go to our log, not straight to the terminal.

The platform plugins say things that are notes about the platform, not problems of the app
("This plugin does not support propagateSizeHints()" offscreen; "XGetInputFocus returned the
focused window of 1" on X11 without a window manager): those become debug lines (``-v`` shows
them). Anything else Qt warns about stays a warning, through the key-redacting log handler.
Installed by the app only: the tests keep pytest-qt's handler, which fails a test on a Qt warning.
"""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING

from PySide6.QtCore import QtMsgType, qInstallMessageHandler

if TYPE_CHECKING:
    from PySide6.QtCore import QMessageLogContext

log = logging.getLogger("qt")

PLATFORM_NOTES = ("This plugin does not support", "XGetInputFocus returned the focused window")
_LEVELS = {QtMsgType.QtDebugMsg: logging.DEBUG, QtMsgType.QtInfoMsg: logging.INFO,
           QtMsgType.QtWarningMsg: logging.WARNING, QtMsgType.QtCriticalMsg: logging.ERROR,
           QtMsgType.QtFatalMsg: logging.CRITICAL}


def _handle(kind: QtMsgType, context: QMessageLogContext, message: str) -> None:
    level = _LEVELS.get(kind, logging.WARNING)
    if message.startswith(PLATFORM_NOTES):
        level = logging.DEBUG
    log.log(level, "%s", message)


def route_qt_messages() -> None:
    qInstallMessageHandler(_handle)
