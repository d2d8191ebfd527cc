"""The comparison's layout as a person sees it: columns that share the width (three at the
default size, four at 1600 px, the image side folding to a strip when they need it), every tab
readable, no sideways scrolling inside a column, a 2 x 2 grid on request, a window that fits a
1366 x 768 laptop; and the reference, the ranking and the cost as they should read.

Answers are replayed through ``ResultPane.on_event``, the path a live run takes.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
from PySide6.QtCore import QPoint, QRect, QSize
from PySide6.QtWidgets import QApplication, QWidget

from visiondesk.core.events import Finished, Started, Status, TextDelta, UsageReport
from visiondesk.core.result import AnalysisResult
from visiondesk.core.usage import Usage
from visiondesk.gui.compare_grid import NO_REFERENCE
from visiondesk.gui.result_pane import TAB_ANSWER, ResultPane
from visiondesk.gui.window_size import first_window_size

LONG_LINE = "a_very_long_unbreakable_identifier_" * 6


@pytest.fixture
def window(qtbot: Any) -> Iterator[Any]:
    from visiondesk.gui.application import Session

    session = Session(language="en", attach=False)
    qtbot.addWidget(session.window)
    session.window.show()
    QApplication.processEvents()
    yield session.window


def _settle() -> None:
    for _ in range(3):
        QApplication.processEvents()


def _inside(widget: QWidget, window: QWidget) -> bool:
    top_left = widget.mapTo(window, QPoint(0, 0))
    return QRect(QPoint(0, 0), window.size()).contains(QRect(top_left, widget.size()))


def _answer(pane: ResultPane, model: str, text: str, *, running: bool = False,
            provider: str = "Loopback", api: str = "chat") -> AnalysisResult:
    pane.start(model, provider, prices=(1.0, 2.0))
    result = AnalysisResult("receipt.png", model, provider)
    events: list[Any] = [Started(api, "http://127.0.0.1/v1", {"stream": True}), TextDelta(text)]
    if not running:
        events += [UsageReport(Usage(input_tokens=900, output_tokens=100, total_tokens=1000)),
                   Finished(Status.COMPLETED)]
    for event in events:
        result.apply(event)
        pane.on_event(result, event)
    return result


def _compare(window: Any, models: list[str], *, running: bool = False) -> list[ResultPane]:
    panes = window.results.prepare(len(models))
    for pane, model in zip(panes, models, strict=True):
        _answer(pane, model, f"{model} reads: {LONG_LINE}\n\n```\n{LONG_LINE}\n```",
                running=running)
        window.results.describe(pane, local=False)
    _settle()
    return panes


@pytest.mark.parametrize(("size", "count"), [(QSize(1360, 840), 3), (QSize(1600, 900), 4)])
def test_columns_share_the_width_and_show_whole(window: Any, size: QSize, count: int) -> None:
    # GIVEN the window at its default size (or 1600 px wide)
    window.resize(size)
    _settle()
    # WHEN three (four) models are compared
    models = ["gpt-4o", "doubao-1.5-vision-pro-250328", "gemini-2.5-flash", "qwen-vl-max"]
    _compare(window, models[:count])
    grid = window.results.grid
    # THEN every column's answer is wholly inside the window, with no sideways scrolling
    for column in grid.columns:
        assert _inside(column.pane.answer_view, window), column.pane.model_label
        assert not column.pane.answer_view.horizontalScrollBar().isVisible()
        # every tab fully readable (no "Diffe", no "Ra")
        bar = column.pane.tabs.tabBar()
        for index in range(bar.count()):
            if bar.isTabVisible(index):
                assert bar.rect().contains(bar.tabRect(index)), bar.tabText(index)
        # model names shown whole when they fit
        assert column.title.text() == column.pane.model_label
    assert not grid.scroll_area.horizontalScrollBar().isVisible()
    long_name = grid.columns[1].title
    assert long_name.fontMetrics().horizontalAdvance(long_name.text()) <= long_name.width()
    # AND the image side folded away to a strip that brings it back
    assert window.results.side_folded and window.results.side_button.isVisible()
    window.results.side_button.click()
    _settle()
    assert not window.results.side_folded and window.image_panel.isVisible()


def test_the_grid_layout_puts_two_columns_a_row(window: Any) -> None:
    panes = _compare(window, ["a", "b", "c", "d"])
    grid = window.results.grid
    grid.grid_check.setChecked(True)
    _settle()
    tops = [p.mapTo(window, QPoint(0, 0)).y() for p in panes]
    lefts = [p.mapTo(window, QPoint(0, 0)).x() for p in panes]
    assert tops[0] == tops[1] < tops[2] == tops[3]
    assert lefts[0] == lefts[2] < lefts[1] == lefts[3]
    grid.grid_check.setChecked(False)
    _settle()
    assert len({p.mapTo(window, QPoint(0, 0)).y() for p in panes}) == 1


def test_first_size_fits_a_laptop_screen_and_run_is_reachable(window: Any) -> None:
    class Laptop:   # what QScreen tells about a 1366 x 768 screen with a 32 px panel
        def availableGeometry(self) -> QRect:   # Qt's name
            return QRect(0, 0, 1366, 736)

    size = first_window_size(Laptop())  # type: ignore[arg-type]
    assert size.width() <= 1366 and size.height() <= 736 - 30
    window.resize(size)
    _settle()
    assert _inside(window.run_button, window) and window.run_button.isVisible()
    assert window.run_button.height() >= window.run_button.sizeHint().height() - 2


def test_reference_defaults_and_is_kept_across_runs(window: Any, qtbot: Any) -> None:
    grid_models = ["gpt-4o", "gemini-2.5-flash"]
    _compare(window, grid_models)
    grid = window.results.grid
    # the first column is the reference by default (no Local OCR column here), never "None"
    assert grid.baseline_key() == grid.columns[0].pane.run_key
    # WHEN the person picks the second and ticks "Show differences", then runs again
    grid.set_reference(grid.columns[1].pane.run_key)
    grid.diff_check.setChecked(True)
    _compare(window, grid_models, running=True)
    # panes render a streaming answer on a short timer
    qtbot.waitUntil(lambda: all("reads:" in c.pane.answer_view.toPlainText()
                                for c in grid.columns), timeout=5000)
    # THEN the reference is still that model, and no column stands empty while they stream
    assert grid.baseline_combo.currentText().startswith("gemini-2.5-flash")
    for column in grid.columns:
        assert column.pane.tabs.currentIndex() == TAB_ANSWER
        assert "reads:" in column.pane.answer_view.toPlainText()
    # and the ranking says it is pending, not last run's order
    assert "when every answer is in" in grid.summary.text()
    # choosing "None" by hand is respected too
    grid.set_reference(NO_REFERENCE)
    _compare(window, grid_models)
    assert grid.baseline_key() == NO_REFERENCE


def test_local_ocr_column_is_the_default_reference(window: Any) -> None:
    panes = window.results.prepare(2)
    _answer(panes[0], "gpt-4o", "Total 7.30")
    window.results.describe(panes[0], local=False)
    _answer(panes[1], "rapidocr", "Total 7.30", provider="Local OCR", api="local-ocr")
    window.results.describe(panes[1], local=True)
    assert window.results.grid.baseline_key() == panes[1].run_key


def test_cost_shows_its_currency_in_columns_and_ranking(window: Any) -> None:
    panes = window.results.prepare(2)
    for pane, model in zip(panes, ["a", "b"], strict=True):
        pane.start(model, "DMXAPI", prices=(1.0, 2.0), currency="CNY")
        result = AnalysisResult("receipt.png", model, "DMXAPI")
        for event in (Started("chat", "http://x", {}), TextDelta("x"),
                      UsageReport(Usage(input_tokens=1000, output_tokens=1000)),
                      Finished(Status.COMPLETED)):
            result.apply(event)
            pane.on_event(result, event)
    _settle()
    grid = window.results.grid
    assert "¥0.0030" in grid.columns[0].figures.text()
    assert "¥0.0030" in grid.summary.text()


def test_copy_in_a_comparison_says_whose_answer(window: Any) -> None:
    from PySide6.QtGui import QGuiApplication

    panes = window.results.prepare(2)
    _answer(panes[0], "gpt-4o", "- first answer")
    _answer(panes[1], "gemini-2.5-flash", "- second answer")
    _settle()
    window.copy_action.trigger()   # Ctrl+Shift+C: the focused column, else the first
    assert QGuiApplication.clipboard().text() == "• first answer"
    assert "gpt-4o" in window.statusBar().currentMessage()
    # "Copy Answer as Markdown" sits beside it in the Run menu
    assert window.copy_markdown_action in window.run_menu.actions()
    window.copy_markdown_action.trigger()
    assert QGuiApplication.clipboard().text() == "- first answer"


def test_a_window_closed_while_folded_opens_with_its_image_side(qtbot: Any) -> None:
    from visiondesk.gui.application import Session

    first = Session(language="en", attach=False)
    qtbot.addWidget(first.window)
    first.window.show()
    _settle()
    first.window.results.fold_side(True)
    assert first.window.results.side_folded
    first.window.save_state()
    # WHEN the window opens again (its splitters restored from the saved state)
    second = Session(language="en", attach=False)
    qtbot.addWidget(second.window)
    second.window.show()
    qtbot.waitUntil(lambda: not second.window.results.side_folded, timeout=2000)
    assert second.window.image_panel.isVisible()
