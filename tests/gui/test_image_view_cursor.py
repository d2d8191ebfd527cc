"""The preview's pointer says what a drag does: an open hand pans, a cross draws a band over OCR boxes.

The view no longer sets the open hand itself (the hand-drag mode does; asking for the viewport
early costs start-up time), so this pins what a person sees in each state.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QImage

from visiondesk.core.events import OcrLine
from visiondesk.gui.image_entry import OcrLayer
from visiondesk.gui.image_view import ImageView


def test_open_hand_to_pan_and_a_cross_over_ocr_boxes_at_fit(qtbot: Any) -> None:
    view = ImageView()
    qtbot.addWidget(view)
    view.resize(300, 300)
    view.show()
    image = QImage(100, 100, QImage.Format.Format_RGB32)
    image.fill(Qt.GlobalColor.white)
    layer = OcrLayer((OcrLine("Total", 0.9, ((1, 1), (50, 1), (50, 20), (1, 20))),), 100, 100)

    def pointer() -> Qt.CursorShape:
        return view.viewport().cursor().shape()

    assert pointer() == Qt.CursorShape.OpenHandCursor   # an empty preview
    view.show_image(image)
    assert pointer() == Qt.CursorShape.OpenHandCursor
    view.show_image(image, 100, layer)                   # OCR boxes at fit: drag draws a band
    assert pointer() == Qt.CursorShape.CrossCursor
    view.set_fit(False)                                  # at 100 % a drag pans again
    assert pointer() == Qt.CursorShape.OpenHandCursor
    view.set_fit(True)
    assert pointer() == Qt.CursorShape.CrossCursor
    view.show_image(image)                               # boxes gone
    assert pointer() == Qt.CursorShape.OpenHandCursor
