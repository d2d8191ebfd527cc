"""Reading an answer in a result pane: thoughts visible while they stream and folding when the
answer starts, Markdown rendered (code blocks copied by their own link), no sideways scrolling,
long answers bounded, the Raw tab an event a line, and status lines that tell the current state.

Events are replayed through ``ResultPane.on_event``, the path a live run takes (the engine folds
each event into the ``AnalysisResult`` first, as here).
"""

from __future__ import annotations

import time
from typing import Any

from PySide6.QtCore import QPoint, Qt
from PySide6.QtGui import QGuiApplication, QTextDocument
from PySide6.QtWidgets import QApplication

from visiondesk.core.errors import AnalysisError, ErrorKind
from visiondesk.core.events import (
    Failed,
    Finished,
    Notice,
    RawChunk,
    ReasoningDelta,
    Started,
    Status,
    TextDelta,
    UsageReport,
)
from visiondesk.core.result import AnalysisResult
from visiondesk.core.usage import Usage
from visiondesk.gui.answer_view import DISPLAY_LIMIT
from visiondesk.gui.result_pane import TAB_RAW, TAB_TEXT, ResultPane

CODE_ANSWER = """Here is the total:

```python
total = 3.20 + 4.10  # a comment long enough that it has to wrap inside a narrow answer column
```

| Item | Price |
|---|--:|
| Coffee | 3.20 |
"""


def _pane(qtbot: Any, width: int = 520) -> ResultPane:
    pane = ResultPane()
    qtbot.addWidget(pane)
    pane.resize(width, 600)
    pane.show()
    return pane


def _feed(pane: ResultPane, result: AnalysisResult, *events: Any) -> None:
    for event in events:
        result.apply(event)
        pane.on_event(result, event)


def _settle(pane: ResultPane) -> None:
    pane._render_now()
    QApplication.processEvents()


def _started(stream: bool = True) -> Started:
    return Started("chat", "http://127.0.0.1/v1/chat/completions", {"model": "m", "stream": stream})


def test_thoughts_are_visible_while_only_reasoning_streams_then_fold(qtbot: Any) -> None:
    # GIVEN a reasoning model that has sent only thoughts so far
    pane = _pane(qtbot)
    pane.start("reasoner", "Loopback")
    result = AnalysisResult("receipt.png", "reasoner", "Loopback")
    _feed(pane, result, _started(), ReasoningDelta("The receipt shows two "),
          ReasoningDelta("items; add them up."))
    _settle(pane)
    # THEN the Answer tab is not blank: the thoughts show, open, under "Thinking…"
    assert pane.thinking.isVisible() and pane.thinking.view.isVisible()
    assert "add them up" in pane.thinking.view.toPlainText()
    assert pane.thinking.header.text().startswith("Thinking…")
    assert pane.status_text() == "Thinking…"
    # WHEN the answer starts
    time.sleep(0.05)
    _feed(pane, result, TextDelta("Total: **7.30**"))
    _settle(pane)
    # THEN the thoughts fold to one line saying how long they took, the answer shows below
    assert pane.thinking.isVisible() and not pane.thinking.view.isVisible()
    assert pane.thinking.header.text().startswith("Thought for ")
    assert "Total: 7.30" in pane.answer_view.toPlainText() and pane.answer_view.isVisible()
    # AND a click opens them again; the person's choice holds while the answer streams on
    qtbot.mouseClick(pane.thinking.header, Qt.MouseButton.LeftButton)
    _feed(pane, result, TextDelta(" EUR"), Finished(Status.COMPLETED))
    _settle(pane)
    assert pane.thinking.view.isVisible()
    # and the Reasoning tab still has them
    assert "add them up" in result.reasoning


def test_code_block_copy_link_puts_the_code_on_the_clipboard(qtbot: Any) -> None:
    # GIVEN a finished answer with a code block
    pane = _pane(qtbot)
    pane.start("gpt-4o", "Loopback")
    result = AnalysisResult("receipt.png", "gpt-4o", "Loopback")
    _feed(pane, result, _started(), TextDelta(CODE_ANSWER), Finished(Status.COMPLETED))
    _settle(pane)
    view = pane.answer_view
    QGuiApplication.clipboard().setText("before")
    # WHEN the person clicks the block's "Copy" link
    cursor = view.document().find("Copy", 0, QTextDocument.FindFlag.FindCaseSensitively)
    assert not cursor.isNull()
    cursor.setPosition(cursor.selectionStart() + 1)
    point = view.cursorRect(cursor).center()
    qtbot.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, pos=point)
    # THEN exactly the code is on the clipboard
    assert QGuiApplication.clipboard().text() == (
        "total = 3.20 + 4.10  # a comment long enough that it has to wrap inside a narrow "
        "answer column")
    # AND nothing scrolls sideways: the long code line wraps
    assert not view.horizontalScrollBar().isVisible()
    assert view.document().size().width() <= view.viewport().width() + 1


def test_copy_as_markdown_and_as_plain_text_keeping_bullets(qtbot: Any) -> None:
    pane = _pane(qtbot)
    pane.start("gpt-4o", "Loopback")
    result = AnalysisResult("receipt.png", "gpt-4o", "Loopback")
    answer = "## Items\n\n- **Coffee** 3.20\n- Cake 4.10\n"
    _feed(pane, result, _started(), TextDelta(answer), Finished(Status.COMPLETED))
    pane.copy_markdown()
    assert QGuiApplication.clipboard().text() == answer
    pane.copy_plain_text()   # Ctrl+Shift+C
    assert QGuiApplication.clipboard().text() == "Items\n\n• Coffee 3.20\n• Cake 4.10"
    # both sit in the Copy button's menu
    assert [a.text() for a in pane.copy_menu.actions()] == ["Copy as Plain Text",
                                                             "Copy as Markdown"]
    pane.tabs.setCurrentIndex(TAB_TEXT)
    assert pane.text_view.toPlainText().startswith("Items\n\n• Coffee")


def test_streamed_markdown_matches_the_whole_answer(qtbot: Any) -> None:
    # GIVEN an answer arriving in small pieces, rendered as it comes
    pane = _pane(qtbot)
    pane.start("gpt-4o", "Loopback")
    result = AnalysisResult("receipt.png", "gpt-4o", "Loopback")
    _feed(pane, result, _started())
    answer = CODE_ANSWER + "\n1. one\n2. two\n\nEnd of the *answer*.\n"
    for i in range(0, len(answer), 9):
        _feed(pane, result, TextDelta(answer[i:i + 9]))
        if i % 45 == 0:
            _settle(pane)
    _settle(pane)
    # THEN what shows while streaming already reads as the rendered answer
    shown = pane.answer_view.toPlainText()
    assert "End of the answer." in shown and "Coffee" in shown and "**" not in shown
    assert pane.answer_view.code_blocks[0].startswith("total = 3.20")


def test_a_huge_answer_is_shown_bounded_and_copied_whole(qtbot: Any) -> None:
    # GIVEN a runaway answer of 3 MB in one paragraph
    pane = _pane(qtbot)
    pane.start("gpt-4o", "Loopback")
    result = AnalysisResult("receipt.png", "gpt-4o", "Loopback")
    _feed(pane, result, _started())
    chunk = "w12345 " * 1000
    for _ in range(430):
        _feed(pane, result, TextDelta(chunk))
        pane._render_dirty()
    _feed(pane, result, Finished(Status.COMPLETED))
    _settle(pane)
    # THEN the view holds a bounded plain text with a note, and copying takes everything
    assert pane.answer_view.shown_as_plain
    shown = pane.answer_view.toPlainText()
    assert len(shown) < DISPLAY_LIMIT + 200 and "more characters" in shown
    pane.copy_markdown()
    assert len(QGuiApplication.clipboard().text()) == len(result.text) > 3_000_000


def test_raw_tab_is_one_event_a_line_and_keeps_head_and_tail(qtbot: Any) -> None:
    pane = _pane(qtbot)
    pane.start("gpt-4o", "Loopback")
    result = AnalysisResult("receipt.png", "gpt-4o", "Loopback")
    _feed(pane, result, _started())
    for i in range(1000):
        _feed(pane, result, RawChunk(f'{{"choices":[{{"delta":{{"content":"w{i}"}}}}]}}'))
    _feed(pane, result, Finished(Status.COMPLETED))
    pane.tabs.setCurrentIndex(TAB_RAW)
    lines = pane.raw_view.toPlainText().splitlines()
    assert lines.count('{"choices":[{"delta":{"content":"w0"}}]}') == 1
    assert lines[-1] == '{"choices":[{"delta":{"content":"w999"}}]}'
    assert "… 700 events omitted …" in lines
    assert pane.raw_view.font().styleHint() == pane.raw_view.font().StyleHint.Monospace


def test_no_tokens_per_second_when_the_answer_came_at_once(qtbot: Any) -> None:
    pane = _pane(qtbot)
    pane.start("gpt-4o", "Loopback")
    result = AnalysisResult("receipt.png", "gpt-4o", "Loopback")
    _feed(pane, result, _started(stream=False), TextDelta("All at once."),
          UsageReport(Usage(input_tokens=900, output_tokens=124, total_tokens=1024)),
          Finished(Status.COMPLETED))
    _settle(pane)
    assert "124 out" in pane.summary.text() and "tokens/s" not in pane.summary.text()
    assert pane.tokens_per_second() is None


def test_retry_text_goes_when_the_run_fails(qtbot: Any) -> None:
    pane = _pane(qtbot)
    pane.start("gpt-4o", "Loopback")
    result = AnalysisResult("receipt.png", "gpt-4o", "Loopback")
    _feed(pane, result, _started(),
          Notice("HTTP 503 — retrying in 1.0 s (attempt 3 of 3)"))
    _settle(pane)
    assert "retrying in 1.0 s" in pane.summary.text()
    _feed(pane, result, Failed(AnalysisError(ErrorKind.SERVER, "Service unavailable")))
    _settle(pane)
    assert pane.status_text() == "Failed"
    assert "retrying" not in pane.summary.text()


def test_a_replaced_runs_last_word_does_not_end_the_new_run(qtbot: Any) -> None:
    # GIVEN a pane streaming a first run
    pane = _pane(qtbot)
    pane.start("gpt-4o", "Loopback")
    first = AnalysisResult("receipt.png", "gpt-4o", "Loopback")
    _feed(pane, first, _started(), TextDelta("old answer"))
    # WHEN Run is pressed again: the pane starts over, then the first run's cancel arrives
    pane.start("gpt-4o", "Loopback")
    _feed(pane, first, Finished(Status.CANCELLED))
    second = AnalysisResult("receipt.png", "gpt-4o", "Loopback")
    _feed(pane, second, _started(), TextDelta("new"))
    _settle(pane)
    # THEN the header says the new run is streaming: Stop, not "Run again"
    assert pane.running and pane.status_text() == "Streaming…"
    assert pane.header.stop_button.isVisible() and not pane.header.rerun_button.isVisible()
    assert "old answer" not in pane.answer_view.toPlainText()


def test_cost_shows_its_currency(qtbot: Any) -> None:
    pane = _pane(qtbot)
    pane.start("gpt-4o", "DMXAPI", prices=(2.5, 10.0), currency="CNY")
    result = AnalysisResult("receipt.png", "gpt-4o", "DMXAPI")
    _feed(pane, result, _started(), TextDelta("ok"),
          UsageReport(Usage(input_tokens=1000, output_tokens=100, total_tokens=1100)),
          Finished(Status.COMPLETED))
    _settle(pane)
    assert "cost ≈ ¥0.0035" in pane.summary.text()
    pane.start("gpt-4o", "OpenAI", prices=(2.5, 10.0))
    _feed(pane, AnalysisResult("r", "gpt-4o", "OpenAI"), _started())
    result = pane.result
    assert result is not None
    _feed(pane, result, UsageReport(Usage(input_tokens=1000, output_tokens=100)),
          Finished(Status.COMPLETED))
    _settle(pane)
    assert "cost ≈ $0.0035" in pane.summary.text()


def test_links_are_not_followed_by_the_view(qtbot: Any) -> None:
    pane = _pane(qtbot)
    pane.start("gpt-4o", "Loopback")
    result = AnalysisResult("receipt.png", "gpt-4o", "Loopback")
    _feed(pane, result, _started(), TextDelta("[a](file:///etc/passwd) [b](https://example.com)"),
          Finished(Status.COMPLETED))
    _settle(pane)
    view = pane.answer_view
    assert not view.openLinks() and not view.openExternalLinks()
    assert 'href="file:' not in view.toHtml()   # shown as text, not a link
    assert view.anchorAt(QPoint(1, 1)) == ""


def test_a_long_answer_arriving_at_once_renders_in_steps_to_the_end(qtbot: Any) -> None:
    # GIVEN a non-streamed answer of some 60,000 characters of Markdown
    pane = _pane(qtbot)
    pane.start("gpt-4o", "Loopback")
    result = AnalysisResult("receipt.png", "gpt-4o", "Loopback")
    answer = "".join(f"## Part {i}\n\n- item **{i}**\n- more\n\n" for i in range(1500))
    _feed(pane, result, _started(stream=False), TextDelta(answer), Finished(Status.COMPLETED))
    # THEN the first turn shows only a first part (the window stays responsive) ...
    assert "Part 1499" not in pane.answer_view.toPlainText()
    # ... and the rest follows on the next turns of the event loop, all of it rendered
    qtbot.waitUntil(lambda: "Part 1499" in pane.answer_view.toPlainText(), timeout=10_000)
    assert "**" not in pane.answer_view.toPlainText()


# ---------------------------------------------------------------- against a real loopback server


def _start_loopback(session: Any, server: Any, models: list[str]) -> Any:
    import keyring

    from tests.gui.conftest import RECEIPT, add_provider
    from visiondesk.core.request import ApiStyle

    add_provider(server.base_url, ApiStyle.CHAT, tuple(models))
    keyring.set_password("visiondesk", "loopback", "sk-test")

    async def start() -> None:
        await session.controller.startup([str(RECEIPT)], "loopback", models)
        await session.controller.wait_idle("image")

    return start()


def test_thoughts_show_on_screen_while_a_reasoning_model_streams(session: Any, run: Any) -> None:
    from tests.gui.conftest import until
    from tests.support.fault_server import FaultServer, reasoning_text

    window = session.window
    seen: dict[str, Any] = {}
    with FaultServer(api_key="sk-test") as server:
        async def scenario() -> None:
            # GIVEN a reasoning model that takes its time between events
            await _start_loopback(session, server, ["slow-50-250@reasoner"])
            window.prompt.set_prompt("What is the total?")
            window.run_button.click()
            await until(lambda: window.results.panes and window.results.panes[0].result
                        and window.results.panes[0].result.reasoning, what="first thought")
            pane = window.results.panes[0]
            await until(lambda: pane.thinking.view.toPlainText(), what="thoughts drawn")
            # THEN, before any answer text, the thoughts are on screen in the Answer tab
            seen["answer"] = pane.result.text
            seen["visible"] = pane.thinking.isVisible() and pane.thinking.view.isVisible()
            seen["shown"] = pane.thinking.view.toPlainText()
            seen["header"] = pane.thinking.header.text()
            await session.controller.wait_idle("pane")

        run(scenario())
    pane = window.results.panes[0]
    assert seen["answer"] == "" and seen["visible"]
    assert seen["shown"] and reasoning_text("What is the total?").startswith(seen["shown"])
    assert seen["header"].startswith("Thinking…")
    # and once the answer came they folded above it, saying how long they took
    assert not pane.thinking.view.isVisible()
    assert pane.thinking.header.text().startswith("Thought for ")
    assert "You asked: What is the total?" in pane.answer_view.toPlainText()


def test_run_pressed_during_a_stream_shows_the_new_run_streaming(session: Any, run: Any) -> None:
    from tests.gui.conftest import until
    from tests.support.fault_server import FaultServer

    window = session.window
    seen: dict[str, Any] = {}
    with FaultServer(api_key="sk-test") as server:
        async def scenario() -> None:
            await _start_loopback(session, server, ["slow-50-200"])
            window.prompt.set_prompt("first")
            window.run_button.click()
            await until(lambda: window.results.panes and window.results.panes[0].result
                        and window.results.panes[0].result.text, what="first text")
            # WHEN Run is pressed again while the answer streams
            window.prompt.set_prompt("second")
            window.run_button.click()
            pane = window.results.panes[0]
            await until(lambda: pane.result is not None and "second" in pane.result.text,
                        what="the new run's text")
            # THEN the header says the new run streams: Stop, not "Run again"
            seen["status"] = pane.status_text()
            seen["stop"] = pane.header.stop_button.isVisible()
            seen["rerun"] = pane.header.rerun_button.isVisible()
            await session.controller.wait_idle("pane")

        run(scenario())
    assert seen == {"status": "Streaming…", "stop": True, "rerun": False}
    assert window.results.panes[0].status_text() == "Done"


def test_a_dark_palette_renders_dark_code_blocks(qtbot: Any) -> None:
    from PySide6.QtGui import QColor, QPalette

    from visiondesk.core.markdown_html import DARK, LIGHT

    pane = _pane(qtbot)
    pane.start("gpt-4o", "Loopback")
    result = AnalysisResult("receipt.png", "gpt-4o", "Loopback")
    _feed(pane, result, _started(), TextDelta("```\nx = 1\n```\n"), Finished(Status.COMPLETED))
    _settle(pane)
    assert LIGHT.code_background in pane.answer_view.toHtml()
    palette = pane.answer_view.palette()
    palette.setColor(QPalette.ColorRole.Base, QColor("#1e1f22"))
    pane.answer_view.setPalette(palette)
    qtbot.waitUntil(lambda: DARK.code_background in pane.answer_view.toHtml(), timeout=3000)


def test_text_tab_lines_up_table_columns_in_its_own_font(qtbot: Any) -> None:
    # GIVEN an answer with a table mixing Chinese and Latin cells
    pane = _pane(qtbot)
    pane.start("gpt-4o", "Loopback")
    result = AnalysisResult("receipt.png", "gpt-4o", "Loopback")
    table = ("| 数量 | 商品 | 金额 |\n|---:|---|---:|\n| 2 | 澳白咖啡 (Flat white) | 7.60 |\n"
             "| 1 | Matcha latte | 4.20 |\n| 1 | 杏仁可颂 | 3.95 |\n")
    _feed(pane, result, _started(), TextDelta(table), Finished(Status.COMPLETED))
    # WHEN the Text tab is open
    pane.tabs.setCurrentIndex(TAB_TEXT)
    lines = pane.text_view.toPlainText().splitlines()
    # THEN the prices (right-aligned, "--:") end at the same place on screen, within half a
    # space
    from PySide6.QtGui import QFontMetricsF

    metrics = QFontMetricsF(pane.text_view.font())
    ends = [metrics.horizontalAdvance(line[:line.index(price) + 4])
            for line, price in zip(lines[1:], ("7.60", "4.20", "3.95"), strict=True)]
    assert max(ends) - min(ends) <= metrics.horizontalAdvance(" ") / 2 + 1
    # AND copying aligns by display width instead (for a monospaced editor or terminal)
    pane.copy_plain_text()
    copied = QGuiApplication.clipboard().text().splitlines()
    from visiondesk.core.text import display_width

    assert len({display_width(line[:line.index(p) + 4]) for line, p in
                zip(copied[1:], ("7.60", "4.20", "3.95"), strict=True)}) == 1
