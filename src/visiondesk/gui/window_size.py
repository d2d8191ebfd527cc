"""The main window's first size, from the screen it opens on: 1360 x 840 where that fits, else
the screen's available area (a 1366 x 768 laptop keeps its panel and its window frame)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QSize
from PySide6.QtGui import QGuiApplication

if TYPE_CHECKING:
    from PySide6.QtGui import QScreen

PREFERRED = QSize(1360, 840)
FRAME = QSize(16, 48)   # what a window manager typically adds around the window (title bar)


def first_window_size(screen: QScreen | None = None) -> QSize:
    """Offscreen (screenshots, tests) has no real screen: there it is always 1360 x 840."""
    if screen is None:
        if QGuiApplication.platformName() == "offscreen":
            return PREFERRED
        screen = QGuiApplication.primaryScreen()
    if screen is None:
        return PREFERRED
    available = screen.availableGeometry().size()
    if available.width() <= 0 or available.height() <= 0:
        return PREFERRED
    return QSize(min(PREFERRED.width(), available.width() - FRAME.width()),
                 min(PREFERRED.height(), available.height() - FRAME.height()))


def splitter_sizes(width: int) -> list[int]:
    """Models | image and prompt | results, for a window ``width`` wide (250 : 530 : 580 at
    1360 px, the models column never below 230)."""
    models = 250 if width >= 1200 else 230
    rest = max(width - models, 400)
    middle = rest * 530 // 1110
    return [models, middle, rest - middle]
