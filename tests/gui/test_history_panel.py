"""The history panel: search as you type (Chinese inside an answer too), filters, pages fetched as
the list scrolls, reopening a run into the panes, deleting, clearing (after asking), exporting.

GIVEN/WHEN/THEN in each test; the history is a real SQLite file in the test's VISIONDESK_HOME.
Assertions are on what a person sees: the list's rows, the count, the pane's answer, the file.
"""

from __future__ import annotations

import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from tests.gui.conftest import RECEIPT, until
from visiondesk.gui.history_model import SUMMARY_ROLE
from visiondesk.store.history import History
from visiondesk.store.records import HistoryRecord, SourceRecord
from visiondesk.store.thumbnails import make_thumbnail

INVOICE_ANSWER = "这是一张增值税发票，金额为壹佰贰拾元。\n第二行"


pytestmark = pytest.mark.usefixtures("collect_widgets")  # conftest: widget cycles freed per test


def _record(i: int, *, model: str = "gpt-4o", provider: str = "OpenAI", status: str = "completed",
            text: str | None = None, thumbnail: bytes | None = None, **more: Any) -> HistoryRecord:
    return HistoryRecord(prompt=f"Describe image {i}", provider=provider, model=model, status=status,
                         text=f"Answer number {i}: a receipt on a table." if text is None else text,
                         sources=[SourceRecord(f"/photos/img{i}.png", None, thumbnail)],
                         created_at=time.time() - 1000 + i, usage={"input_tokens": 10, "output_tokens": 5},
                         **more)


def _fill(count: int = 5) -> list[int]:
    thumb = make_thumbnail(RECEIPT.read_bytes())
    records = [_record(i, thumbnail=thumb if i % 2 == 0 else None) for i in range(count)]
    records.append(_record(count, model="qwen-vl-max", provider="DashScope", text=INVOICE_ANSWER,
                           reasoning="先找到金额那一行。"))
    records.append(_record(count + 1, status="failed", text="",
                           error_kind="server", error_message="HTTP 502 bad gateway"))
    return History().record_many(records)


@pytest.fixture
def panel(qtbot: Any, loop: Any) -> Iterator[Any]:
    from visiondesk.gui.history_panel import HistoryPanel
    from visiondesk.gui.tasks import TaskOwner

    tasks = TaskOwner()
    widget = HistoryPanel(tasks, History)
    qtbot.addWidget(widget)
    widget.resize(480, 640)
    widget.show()
    yield widget
    loop.run_until_complete(tasks.shutdown())


def _rows(panel: Any) -> list[Any]:
    return [panel.model.index(r).data(SUMMARY_ROLE) for r in range(panel.model.rowCount())]


def test_search_as_you_type_finds_a_chinese_word_inside_an_answer(panel: Any, run: Any) -> None:
    # GIVEN a history with one Chinese answer among English ones
    _fill()

    async def scenario() -> None:
        panel.open()
        await until(lambda: panel.model.rowCount() == 7, what="every run listed")
        # WHEN a word from the middle of the Chinese sentence is typed
        panel.search_edit.setText("增值税")
        # THEN after the pause the list shows only that run, with its answer's first line
        await until(lambda: panel.model.rowCount() == 1 and not panel.model.busy, what="one match")
        assert _rows(panel)[0].model == "qwen-vl-max"
        assert "增值税发票" in panel.model.index(0).data()
        assert "第二行" not in panel.model.index(0).data()   # the first line only
        assert panel.count_label.text() == "1 run"

    run(scenario())


def test_filters_narrow_by_model_and_status(panel: Any, run: Any) -> None:
    _fill()

    async def scenario() -> None:
        panel.open()
        await until(lambda: panel.model_combo.findData("qwen-vl-max") > 0, what="model choices")
        assert panel.provider_combo.findData("DashScope") > 0
        # WHEN the model filter is set
        panel.model_combo.setCurrentIndex(panel.model_combo.findData("qwen-vl-max"))
        await until(lambda: panel.model.total == 1 and panel.model.rowCount() == 1, what="model filter")
        assert _rows(panel)[0].model == "qwen-vl-max"
        # WHEN the model filter is cleared and "failed" is chosen
        panel.model_combo.setCurrentIndex(0)
        panel.status_combo.setCurrentIndex(panel.status_combo.findData("failed"))
        await until(lambda: panel.model.total == 1 and _rows(panel)[0].status == "failed",
                    what="status filter")
        assert "502" in panel.model.index(0).data()   # a failed run shows its error
        # WHEN "Today" is chosen with no status filter: all 7 runs were made today
        panel.status_combo.setCurrentIndex(0)
        panel.date_combo.setCurrentIndex(1)
        await until(lambda: panel.model.total == 7, what="date filter")

    run(scenario())


def test_the_list_holds_only_the_pages_it_fetched(panel: Any, run: Any) -> None:
    # GIVEN 250 runs
    History().record_many([_record(i) for i in range(250)])

    async def scenario() -> None:
        panel.open()
        await until(lambda: panel.model.rowCount() == 100 and not panel.model.busy, what="first page")
        # THEN the count says 250 but only one page is held
        assert panel.model.total == 250
        await until(lambda: panel.count_label.text() == "250 runs")
        assert panel.model.rowCount() == 100
        # WHEN the list is scrolled to its end, the next page is fetched (and only that one)
        panel.list.scrollToBottom()
        await until(lambda: panel.model.rowCount() == 200 and not panel.model.busy, what="page two")
        assert panel.model.loaded == 200
        ids = [s.id for s in _rows(panel)]
        assert len(set(ids)) == 200 and ids == sorted(ids, reverse=True)   # newest first, no repeats

    run(scenario())


def test_thumbnails_are_read_for_painted_rows(panel: Any, run: Any) -> None:
    _fill()

    async def scenario() -> None:
        panel.open()
        await until(lambda: panel.model.rowCount() == 7)
        panel.list.viewport().repaint()
        await until(lambda: panel.model.thumbnails_cached() >= 3, what="thumbnails")
        pictures = [panel.model.thumbnail(s) for s in _rows(panel)]
        assert sum(p is not None and not p.isNull() for p in pictures) == 3   # runs 0, 2, 4

    run(scenario())


def test_delete_removes_the_row_and_the_run(panel: Any, run: Any) -> None:
    ids = _fill()

    async def scenario() -> None:
        panel.open()
        await until(lambda: panel.model.rowCount() == 7)
        panel.select_row(0)   # the newest: the failed run
        assert panel.selected_ids() == [ids[-1]]
        panel.delete_button.click()
        await until(lambda: panel.model.rowCount() == 6, what="row removed")
        assert ids[-1] not in [s.id for s in _rows(panel)]
        assert panel.count_label.text() == "6 runs"
        assert History().get(ids[-1]) is None

    run(scenario())


def test_clear_all_asks_first(panel: Any, run: Any, monkeypatch: pytest.MonkeyPatch) -> None:
    _fill()

    async def scenario() -> None:
        panel.open()
        await until(lambda: panel.model.rowCount() == 7)
        monkeypatch.setattr(panel, "confirm_clear", lambda: False)
        panel.clear_button.click()
        await panel._tasks.wait_idle()
        assert History().count() == 7   # declined: nothing gone
        monkeypatch.setattr(panel, "confirm_clear", lambda: True)
        panel.clear_button.click()
        await until(lambda: History().count() == 0 and panel.model.total == 0
                    and panel.model.rowCount() == 0, what="cleared")

    run(scenario())


def test_export_selected_runs_writes_the_file(panel: Any, run: Any, tmp_path: Path) -> None:
    ids = _fill()

    async def scenario() -> None:
        panel.open()
        await until(lambda: panel.model.rowCount() == 7)
        panel.list.selectAll()
        chosen = panel.selected_ids()
        assert sorted(chosen) == sorted(ids)
        for fmt in ("csv", "md", "json"):
            path = tmp_path / f"runs.{fmt}"
            panel.export_to(chosen, path, fmt)
            await until(path.exists, what=f"{fmt} file")
            await panel._tasks.wait_idle()
        csv_text = (tmp_path / "runs.csv").read_bytes().decode("utf-8")
        assert csv_text.startswith("\ufeff") and "增值税发票" in csv_text
        assert csv_text.count("\r\n") >= 8   # a header and seven runs
        assert "## #" in (tmp_path / "runs.md").read_text(encoding="utf-8")
        assert '"model": "qwen-vl-max"' in (tmp_path / "runs.json").read_text(encoding="utf-8")

    run(scenario())


def test_ctrl_h_opens_the_panel_and_reopen_shows_the_answer(session: Any, run: Any) -> None:
    ids = _fill()
    window = session.window

    async def scenario() -> None:
        await session.controller.startup([], None, [])
        # WHEN View > History is triggered
        window.history_action.trigger()
        helper = session.controller.history
        await until(lambda: helper.panel is not None and helper.panel.model.rowCount() == 7,
                    what="the panel lists the runs")
        assert helper.dock.isVisible() and window.history_action.isChecked()
        # WHEN the Chinese answer's row is reopened
        panel = helper.panel
        panel.select_row(panel.model.row_of(ids[5]))
        panel.reopen_button.click()
        await until(lambda: window.results.panes and window.results.panes[0].result is not None
                    and "增值税发票" in window.results.panes[0].result.text, what="reopened answer")
        pane = window.results.panes[0]
        assert not pane.running
        assert pane.model_label == "qwen-vl-max"
        assert "增值税发票" in pane.plain_text()
        assert pane.result.usage.input_tokens == 10
        assert pane.result.reasoning == "先找到金额那一行。"
        assert pane.result.status == "completed"
        # WHEN Ctrl+H again: the panel hides
        window.history_action.trigger()
        assert not helper.dock.isVisible()

    run(scenario())


def test_reopen_a_thread_shows_its_earlier_turns(session: Any, run: Any) -> None:
    first = _record(1, thread_id="t-1", turn_index=0, text="A receipt from a café.")
    second = _record(2, thread_id="t-1", turn_index=1, text="| item | price |")
    second.prompt = "Now as a table"
    ids = History().record_many([first, second])
    window = session.window

    async def scenario() -> None:
        await session.controller.startup([], None, [])
        session.controller.history.reopen(ids[1])
        await until(lambda: window.results.panes and window.results.panes[0].result is not None
                    and "item" in window.results.panes[0].result.text, what="the thread's answer")
        pane = window.results.panes[0]
        roles = pane.conversation.transcript()
        assert ("answer", "A receipt from a café.") in roles
        assert any(role == "question" and "Now as a table" in text for role, text in roles)

    run(scenario())


def test_reopen_a_comparison_fills_its_grid(session: Any, run: Any) -> None:
    # GIVEN three runs of one comparison (and an unrelated run)
    runs = [_record(i, model=model, comparison_id="cmp-1", text=f"{model} says hello")
            for i, model in enumerate(("gpt-4o", "qwen-vl-max", "gemini-2.5-flash"))]
    ids = History().record_many([*runs, _record(9)])
    window = session.window

    async def scenario() -> None:
        await session.controller.startup([], None, [])
        # WHEN one of its runs is reopened
        session.controller.history.reopen(ids[1])
        await until(lambda: window.results.comparing and len(window.results.panes) == 3
                    and all(p.result is not None for p in window.results.panes), what="the grid")
        # THEN every column shows its model's answer, in the order they ran
        assert [p.model_label for p in window.results.panes] == [
            "gpt-4o", "qwen-vl-max", "gemini-2.5-flash"]
        assert [p.result.text for p in window.results.panes] == [
            "gpt-4o says hello", "qwen-vl-max says hello", "gemini-2.5-flash says hello"]

    run(scenario())


def test_run_again_loads_the_run_and_runs_it(session: Any, run: Any) -> None:
    import keyring

    from tests.gui.conftest import add_provider
    from tests.support.fault_server import FaultServer, answer_text
    from visiondesk.core.request import ApiStyle

    window = session.window
    with FaultServer(api_key="sk-test") as server:
        add_provider(server.base_url, ApiStyle.CHAT, ("gpt-4o", "vision-2"))
        keyring.set_password("visiondesk", "loopback", "sk-test")
        # GIVEN an earlier run of vision-2 at this provider about the sample receipt
        old = _record(1, model="vision-2", provider="Loopback")
        old.prompt, old.system_prompt = "What is the total?", "Answer briefly."
        old.sources = [SourceRecord(str(RECEIPT))]
        run_id = History().record(old)

        async def scenario() -> None:
            await session.controller.startup([], "loopback", ["gpt-4o"])
            # WHEN it is run again from the panel
            session.controller.history.rerun(run_id)
            await until(lambda: window.results.panes and window.results.panes[0].result is not None
                        and window.results.panes[0].result.status is not None, what="the new answer")

        run(scenario())
        requests = list(server.requests)
    # THEN its image, prompt, system prompt and model were loaded and asked again
    assert window.picker.checked_models() == ["vision-2"]
    assert window.prompt.prompt() == "What is the total?"
    assert [e.label for e in window.image_panel.entries] == [RECEIPT.name]
    pane = window.results.panes[0]
    assert pane.model_label == "vision-2"
    assert pane.result.text == answer_text("What is the total?")
    body = requests[-1].body
    assert body["model"] == "vision-2"
    assert body["messages"][0] == {"role": "system", "content": "Answer briefly."}
    assert any(p["type"] == "image_url" for p in body["messages"][-1]["content"])


def test_a_comparison_run_in_the_window_reopens_as_its_grid(session: Any, run: Any) -> None:
    import keyring

    from tests.gui.conftest import add_provider
    from tests.support.fault_server import FaultServer, answer_text
    from visiondesk.core.request import ApiStyle

    window = session.window
    with FaultServer(api_key="sk-test") as server:
        add_provider(server.base_url, ApiStyle.CHAT, ("gpt-4o", "vision-2"))
        keyring.set_password("visiondesk", "loopback", "sk-test")

        async def scenario() -> None:
            await session.controller.startup([str(RECEIPT)], "loopback", ["gpt-4o", "vision-2"])
            await session.controller.wait_idle("image")
            # GIVEN a comparison of two models run in the window, then a single answer
            window.prompt.set_prompt("What is the total?")
            window.run_button.click()
            await until(lambda: len(window.results.panes) == 2 and all(
                p.result is not None and p.result.status is not None for p in window.results.panes))
            await session.controller.runner.wait_writes()
            window.picker.set_checked(["gpt-4o"])
            window.prompt.set_prompt("Anything else?")
            window.run_button.click()
            await until(lambda: not window.results.comparing and window.results.panes[0].result
                        is not None and window.results.panes[0].result.status is not None)
            await session.controller.runner.wait_writes()
            # WHEN the panel is opened and the comparison's vision-2 row reopened
            window.history_action.trigger()
            panel = session.controller.history.panel
            await until(lambda: panel.model.rowCount() == 3, what="three runs listed")
            row = next(r for r in range(3) if panel.model.summary(r).model == "vision-2")
            panel.list.activated.emit(panel.model.index(row))   # double-click / Enter
            # THEN both columns come back
            await until(lambda: window.results.comparing and len(window.results.panes) == 2
                        and all(p.result is not None for p in window.results.panes), what="the grid")
            assert sorted(p.model_label for p in window.results.panes) == ["gpt-4o", "vision-2"]
            assert {p.result.text for p in window.results.panes} == {
                answer_text("What is the total?", m) for m in ("gpt-4o", "vision-2")}

        run(scenario())


def test_run_again_of_a_window_run_finds_its_open_image(session: Any, run: Any) -> None:
    import keyring

    from tests.gui.conftest import add_provider
    from tests.support.fault_server import FaultServer
    from visiondesk.core.request import ApiStyle

    window = session.window
    with FaultServer(api_key="sk-test") as server:
        add_provider(server.base_url, ApiStyle.CHAT, ("gpt-4o",))
        keyring.set_password("visiondesk", "loopback", "sk-test")

        async def scenario() -> None:
            await session.controller.startup([str(RECEIPT)], "loopback", ["gpt-4o"])
            await session.controller.wait_idle("image")
            # GIVEN a run made in the window (history records the file by its name)
            window.prompt.set_prompt("What is the total?")
            window.run_button.click()
            await until(lambda: window.results.panes and window.results.panes[0].result is not None
                        and window.results.panes[0].result.status is not None)
            await session.controller.runner.wait_writes()
            run_id = History().search()[0].id
            window.prompt.set_prompt("something else")
            # WHEN it is run again from the history
            session.controller.history.rerun(run_id)
            await until(lambda: len(server.requests) == 2, what="a second request")
            await session.controller.runs.wait()

        run(scenario())
        requests = list(server.requests)
    # THEN the same image went with the same prompt
    assert window.prompt.prompt() == "What is the total?"
    assert [e.label for e in window.image_panel.entries] == [RECEIPT.name]
    content = requests[1].body["messages"][-1]["content"]
    assert [p["type"] for p in content] == ["text", "image_url"]
    assert content[0]["text"] == "What is the total?"


def test_the_panel_speaks_chinese_after_a_live_switch(session: Any, run: Any) -> None:
    _fill()
    window = session.window

    async def scenario() -> None:
        await session.controller.startup([], None, [])
        window.history_action.trigger()
        helper = session.controller.history
        await until(lambda: helper.panel is not None and helper.panel.model.rowCount() == 7)
        panel = helper.panel
        # WHEN the window switches to Chinese while the panel is open
        session.set_language("zh_CN")
        # THEN the panel, its dock, its rows and the menu speak Chinese
        await until(lambda: helper.dock.windowTitle() == "历史记录", what="the dock's title")
        assert panel.reopen_button.text() == "重新打开"
        assert panel.count_label.text() == "7 次运行"
        assert panel.status_combo.itemText(0) == "任意状态"
        assert panel.search_edit.placeholderText() == "搜索提示词和回答…"
        assert "失败" in panel.model.index(0).data()   # the newest run failed
        assert window.history_action.text() == "历史记录(&H)"

    run(scenario())


def test_a_row_shows_the_answers_words_not_its_markdown() -> None:
    from visiondesk.gui.history_model import first_line
    from visiondesk.store.records import HistorySummary

    def row(text: str, status: str = "completed", error: str | None = None) -> HistorySummary:
        return HistorySummary(1, 0.0, "relay", "gpt-4o", status, "What is the total?", text,
                              "receipt.png", error, None, None, None, None, False)

    assert first_line(row("\n## Total\n\nIt is **12.50 EUR**")) == "Total"
    assert first_line(row("```json\n{\"total\": 12.5}\n```")) == '{"total": 12.5}'
    assert first_line(row("The total is **12.50 EUR**, paid by `card`.")) == "The total is 12.50 EUR, paid by card."
    assert first_line(row("", "failed", "HTTP 500: **boom**")) == "HTTP 500: **boom**"  # a server's words, as sent
    assert first_line(row("")) == "What is the total?"
