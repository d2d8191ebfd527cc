"""Local OCR and PDF documents in the window: boxes over the preview, copying lines, pages.

GIVEN/WHEN/THEN; assertions are on what a person sees: the Text tab, where the boxes are drawn
over the picture, the clipboard, the status bar, the page thumbnails. The OCR engine is loaded
once for the whole module (it is shared per process), so only the first run pays for it.
"""

from __future__ import annotations

import logging
from pathlib import Path
from typing import Any

import pytest
from PIL import Image, ImageDraw, ImageFont
from PySide6.QtCore import QPoint, QRectF, Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QLabel

from tests.gui.conftest import add_provider, until
from visiondesk.gui.result_pane import TAB_TEXT

FONT = Path(__file__).resolve().parents[1] / "fixtures" / "fonts" / "NotoSansCJKsc-Regular-subset.otf"
SAMPLES = Path(__file__).resolve().parents[2] / "resources" / "samples"

# (text, left, top) in a 2400 × 1200 picture: bigger than the 1600-px preview and the engine's
# 2000-px limit, so the boxes must be scaled twice to line up.
LINES = [("你好世界 欢迎光临", 200, 200), ("Hello World 2024", 200, 520), ("Total 42.50", 1500, 520),
         ("发票号码 12345", 200, 860)]
SIZE = (2400, 1200)


@pytest.fixture(scope="module", autouse=True)
def warm_engine() -> None:
    """Load the OCR models once for every test here (``default_engine`` is process-wide)."""
    from visiondesk.ocr.engine import default_engine

    default_engine().load()


def _draw(lines: list[tuple[str, int, int]], size: tuple[int, int], font_size: int = 96
          ) -> tuple[Image.Image, dict[str, tuple[int, int, int, int]]]:
    font = ImageFont.truetype(str(FONT), font_size)
    image = Image.new("RGB", size, "white")
    draw = ImageDraw.Draw(image)
    boxes = {}
    for text, left, top in lines:
        draw.text((left, top), text, fill="black", font=font)
        boxes[text] = draw.textbbox((left, top), text, font=font)
    return image, boxes


@pytest.fixture
def picture(tmp_path: Path) -> tuple[Path, dict[str, tuple[int, int, int, int]]]:
    image, boxes = _draw(LINES, SIZE)
    path = tmp_path / "mixed.png"
    image.save(path)
    return path, boxes


def _status(window: Any) -> str:
    return str(window.statusBar().currentMessage())


async def _ocr(session: Any, path: Path) -> Any:
    controller = session.controller
    await controller.startup([], None, [])
    controller.add_path(str(path))
    await until(lambda: session.window.image_panel.entries, what="the file")
    await controller.wait_idle("image")
    controller.run()
    await controller.wait_idle("pane")
    await until(lambda: session.window.image_panel.view.overlay.active, what="OCR boxes")
    return session.window.results.panes[0]


def _item(window: Any, prefix: str) -> Any:
    return next(i for i in window.image_panel.view.overlay.items if i.line.text.startswith(prefix))


def _close(a: QRectF, b: tuple[int, int, int, int], scale: float, slack: float) -> bool:
    want = QRectF(b[0] * scale, b[1] * scale, (b[2] - b[0]) * scale, (b[3] - b[1]) * scale)
    return (abs(a.center().x() - want.center().x()) < slack
            and abs(a.center().y() - want.center().y()) < slack
            and a.intersects(want))


def test_fresh_home_defaults_to_local_ocr_with_its_model_checked(session: Any, run: Any) -> None:
    # GIVEN a fresh VISIONDESK_HOME WHEN the window starts
    run(session.controller.startup([], None, []))
    # THEN Local OCR is chosen and its one model is checked, so Run works at once
    picker = session.window.picker
    assert picker.current_provider_id() == "local-ocr"
    assert picker.checked_models() == ["rapidocr"]


def test_a_provider_without_a_key_says_so(session: Any, run: Any) -> None:
    # GIVEN a remote provider that is the default but has no key in the keyring
    add_provider("http://127.0.0.1:9/v1", models=("gpt-4o",))

    async def scenario() -> None:
        await session.controller.startup([], None, [])
        await session.controller.wait_idle("key-check")

    run(scenario())
    # THEN the picker and the status bar say that a key is missing
    assert "has no API key" in session.window.picker.status.text()
    assert "has no API key" in _status(session.window)


def test_local_ocr_text_and_boxes_over_the_right_places(session: Any, run: Any, picture: Any
                                                        ) -> None:
    path, boxes = picture
    window = session.window
    # WHEN Local OCR runs on a picture with Chinese and English lines
    pane = run(_ocr(session, path))
    # THEN the Text tab holds every line, rows in reading order
    pane.tabs.setCurrentIndex(TAB_TEXT)
    text = pane.text_view.toPlainText()
    assert "你好世界" in text and "Hello World 2024" in text and "Total 42.50" in text
    assert text.index("你好世界") < text.index("Hello") < text.index("Total") < text.index("发票")
    assert "Hello World 2024 Total 42.50" in text  # one row, left to right
    # AND a box is drawn over each line, on the 1600-px preview (scale 2/3 of the original)
    view = window.image_panel.view
    scale = view._item.pixmap().width() / SIZE[0]
    assert scale == pytest.approx(1600 / 2400)
    for text_, prefix in (("Hello World 2024", "Hello"), ("Total 42.50", "Total"),
                          ("你好世界 欢迎光临", "你好")):
        assert _close(_item(window, prefix).sceneBoundingRect(), boxes[text_], scale, 25), prefix
    # AND at 100 % (the full-resolution image) they still line up
    async def actual_size() -> None:
        window.image_panel._actual_button.click()
        await until(lambda: view._item.pixmap().width() == SIZE[0], what="the full image")

    run(actual_size())
    assert _close(_item(window, "Total").sceneBoundingRect(), boxes["Total 42.50"], 1.0, 30)
    # AND Ctrl+Shift+C copies the whole text
    window.copy_answer()
    assert "Hello World 2024" in QGuiApplication.clipboard().text()


def test_click_a_box_copies_its_line(session: Any, run: Any, picture: Any, qtbot: Any) -> None:
    path, _boxes = picture
    window = session.window
    run(_ocr(session, path))
    view = window.image_panel.view
    item = _item(window, "Total")
    # WHEN the person clicks the box over "Total 42.50"
    point = view.mapFromScene(item.sceneBoundingRect().center())
    qtbot.mouseMove(view.viewport(), point)
    qtbot.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, pos=point)
    # THEN that line is on the clipboard and the status bar says so
    assert QGuiApplication.clipboard().text() == "Total 42.50"
    assert "Copied" in _status(window) and "Total 42.50" in _status(window)
    info = window.findChild(QLabel, "imageInfo").text()
    assert "lines found" in info


def test_rubber_band_copies_lines_in_reading_order(session: Any, run: Any, picture: Any,
                                                   qtbot: Any) -> None:
    path, boxes = picture
    window = session.window
    run(_ocr(session, path))
    view = window.image_panel.view
    scale = view._item.pixmap().width() / SIZE[0]
    # WHEN a band is dragged from below the bottom line up to above the middle row
    # (bottom-right to top-left, so the order lines are touched in is not the reading order)
    bottom = boxes["发票号码 12345"]
    right = boxes["Total 42.50"]
    start = view.mapFromScene(QRectF(right[2] * scale + 20, bottom[3] * scale + 20, 1, 1).center())
    end = view.mapFromScene(QRectF(150 * scale, 480 * scale, 1, 1).center())
    viewport = view.viewport()
    qtbot.mousePress(viewport, Qt.MouseButton.LeftButton, pos=start)
    qtbot.mouseMove(viewport, QPoint((start.x() + end.x()) // 2, (start.y() + end.y()) // 2))
    qtbot.mouseMove(viewport, end)
    qtbot.mouseRelease(viewport, Qt.MouseButton.LeftButton, pos=end)
    # THEN the three lines it touched are copied, rows top to bottom, left to right
    copied = QGuiApplication.clipboard().text()
    assert copied.splitlines()[0] == "Hello World 2024 Total 42.50"
    assert copied.splitlines()[1].startswith("发票号码")
    assert "你好" not in copied
    assert "Copied 2 lines" in _status(window)  # what was copied: two lines of text (three boxes)


def test_a_drag_that_starts_on_a_line_selects(session: Any, run: Any, picture: Any, qtbot: Any) -> None:
    path, _boxes = picture
    window = session.window
    run(_ocr(session, path))
    view = window.image_panel.view
    # WHEN a drag starts on the "Total" box and ends on the last line
    start = view.mapFromScene(_item(window, "Total").sceneBoundingRect().center())
    end = view.mapFromScene(_item(window, "发票号码").sceneBoundingRect().center())
    viewport = view.viewport()
    qtbot.mousePress(viewport, Qt.MouseButton.LeftButton, pos=start)
    qtbot.mouseMove(viewport, QPoint((start.x() + end.x()) // 2, (start.y() + end.y()) // 2))
    qtbot.mouseMove(viewport, end)
    qtbot.mouseRelease(viewport, Qt.MouseButton.LeftButton, pos=end)
    # THEN it is a selection, not a click on the first line: both lines are copied and counted
    copied = QGuiApplication.clipboard().text().splitlines()
    assert "Total 42.50" in copied[0] and copied[-1].startswith("发票号码")
    assert f"Copied {len(copied)} lines" in _status(window)


def _two_page_pdf(path: Path) -> None:
    first, _ = _draw([("PAGE ONE 第一页", 120, 200)], (1240, 1754), 72)
    second, _ = _draw([("PAGE TWO 第二页", 120, 900)], (1240, 1754), 72)
    first.save(path, "PDF", resolution=150.0, save_all=True, append_images=[second])


def test_pdf_pages_thumbnails_choose_page_two_and_read_it(session: Any, run: Any,
                                                          tmp_path: Path, qtbot: Any) -> None:
    # GIVEN a two-page PDF
    pdf = tmp_path / "two.pdf"
    _two_page_pdf(pdf)
    window = session.window
    bar = window.image_panel.pdf_bar

    async def opened() -> None:
        await session.controller.startup([], None, [])
        session.controller.add_path(str(pdf))
        await until(lambda: window.image_panel.entries, what="the PDF")
        await session.controller.wait_idle("image")

    # WHEN it is opened
    run(opened())
    # THEN its two pages show as checked thumbnails, with the range field and resolution
    assert bar.isVisible()
    assert bar.pages.count() == 2
    assert all(not bar.pages.item(i).icon().isNull() for i in range(2))
    assert all(bar.pages.item(i).checkState() == Qt.CheckState.Checked for i in range(2))
    assert bar.dpi.value() == 150
    assert "2 pages" in window.findChild(QLabel, "imageInfo").text()
    # AND each check box sits under its own thumbnail: clicking page 1's number unchecks page 1
    card = bar.pages.visualItemRect(bar.pages.item(0))
    assert card.height() >= 96 and bar.pages.iconSize().height() >= 96
    label = QPoint(card.center().x(), card.bottom() - 12)
    qtbot.mouseClick(bar.pages.viewport(), Qt.MouseButton.LeftButton, pos=label)
    assert bar.pages.item(0).checkState() == Qt.CheckState.Unchecked
    assert bar.pages.item(1).checkState() == Qt.CheckState.Checked
    assert bar.range_field.text() == "2"
    qtbot.mouseClick(bar.pages.viewport(), Qt.MouseButton.LeftButton, pos=label)
    assert bar.pages.item(0).checkState() == Qt.CheckState.Checked
    # WHEN the person types "2" in the page field, looks at page 2 and runs Local OCR
    async def read() -> Any:
        bar.range_field.setText("2")
        bar.range_field.editingFinished.emit()
        assert bar.pages.item(0).checkState() == Qt.CheckState.Unchecked
        bar.pages.setCurrentRow(1)
        await session.controller.wait_idle("image")
        assert window.image_panel.current.original_size == (1240, 1754)
        session.controller.run()
        await session.controller.wait_idle("pane")
        return window.results.panes[0]

    pane = run(read())
    # THEN the answer is page 2's text only, and its boxes are over page 2 in the preview
    text = pane.result.text
    assert "PAGE TWO" in text and "PAGE ONE" not in text
    view = window.image_panel.view
    item = _item(window, "PAGE TWO")
    assert item.sceneBoundingRect().top() == pytest.approx(900, abs=40)
    assert view._item.pixmap().width() == 1240


def test_a_broken_pdf_gets_a_readable_message(session: Any, run: Any, tmp_path: Path,
                                              caplog: Any) -> None:
    broken = tmp_path / "broken.pdf"
    broken.write_bytes(b"%PDF-1.7\n1 0 obj << /Type /Catalog >> endobj\nthis is not a PDF body")
    window = session.window

    async def scenario() -> None:
        await session.controller.startup([], None, [])
        session.controller.add_path(str(broken))
        await session.controller.wait_idle("image")

    run(scenario())
    # THEN the status bar explains, nothing is added and no traceback is logged
    assert "broken.pdf" in _status(window) and "damaged" in _status(window)
    assert window.image_panel.entries == []
    assert not [r for r in caplog.records if r.exc_info and r.levelno >= logging.ERROR]


def test_a_non_image_file_on_the_command_line_adds_nothing(session: Any, run: Any,
                                                           caplog: Any) -> None:
    window = session.window
    # WHEN the window starts with a Python file as its "image"
    async def scenario() -> None:
        await session.controller.startup([str(SAMPLES / "make_receipt.py")], None, [])
        await session.controller.wait_idle("image")

    run(scenario())
    # THEN a readable message, with a separator between the message and the hint
    message = _status(window)
    assert "make_receipt.py is not an image file VisionDesk can read. Pick a different file" in message
    assert window.image_panel.entries == []
    assert not [r for r in caplog.records if r.exc_info and r.levelno >= logging.ERROR]


def test_local_ocr_text_is_kept_verbatim_line_by_line(session: Any) -> None:
    # GIVEN a Local OCR result whose text looks like Markdown ("****" of a card number)
    from visiondesk.core.events import Finished, OcrLine, OcrLines, Started, Status, TextDelta
    from visiondesk.core.result import AnalysisResult
    from visiondesk.gui.result_pane import TAB_ANSWER

    window = session.window
    text = "Harbour Café\nCard **** 4417\nTotal 26.35"
    box = ((0.0, 0.0), (10.0, 0.0), (10.0, 5.0), (0.0, 5.0))
    lines = tuple(OcrLine(line, 0.99, box) for line in text.splitlines())
    pane = window.results.prepare(1)[0]
    pane.start("rapidocr", "Local OCR (offline)")
    result = AnalysisResult(source="card.png", model="rapidocr", provider="Local OCR (offline)")
    for event in (Started("local-ocr", "local://ocr", {}), OcrLines(lines), TextDelta(text),
                  Finished(Status.COMPLETED)):
        result.apply(event)
        pane.on_event(result, event)
    # THEN the Answer tab shows the lines as they are, one per line, not run together
    pane.tabs.setCurrentIndex(TAB_ANSWER)
    assert pane.answer_view.toPlainText().splitlines() == text.splitlines()
    # AND the Text tab keeps the asterisks
    pane.tabs.setCurrentIndex(TAB_TEXT)
    assert pane.text_view.toPlainText() == text
    # AND Ctrl+Shift+C copies the raw OCR text unchanged
    window.copy_answer()
    assert QGuiApplication.clipboard().text() == text
    # AND the Text tab's Copy button too
    pane.copy_current_tab()
    assert QGuiApplication.clipboard().text() == text
