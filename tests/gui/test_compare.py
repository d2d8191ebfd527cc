"""Comparing models side by side in the window: a column per model, streaming together, each
with its own stop / run again / remove; models from several providers in one run; the agreement
view (differences and CER against a reference); ranking; exports.

GIVEN/WHEN/THEN in each test; assertions are on what a person sees: column headers, highlighted
stretches of the Differences tab, the summary line, the exported files.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from PySide6.QtWidgets import QApplication, QLabel

from tests.gui.conftest import RECEIPT, add_provider, until
from tests.support.fault_server import U2028_SUFFIX, FaultServer, answer_text
from visiondesk.config.providers import ModelConfig, ProviderConfig, ProviderStore
from visiondesk.core.request import ApiStyle
from visiondesk.gui.compare_add_dialog import AddModelDialog
from visiondesk.gui.compare_column import highlighted
from visiondesk.gui.compare_grid import PASTED_REFERENCE

pytestmark = pytest.mark.usefixtures("collect_widgets")  # conftest: widget cycles freed per test


def _start(session: Any, server: FaultServer, models: list[str]) -> Any:
    import keyring

    add_provider(server.base_url, ApiStyle.CHAT, tuple(models))
    keyring.set_password("visiondesk", "loopback", "sk-test")

    async def start() -> None:
        await session.controller.startup([str(RECEIPT)], "loopback", models)
        await session.controller.wait_idle("image")

    return start()


async def _run_all(session: Any, prompt: str, count: int, timeout: float = 20) -> None:
    window = session.window
    window.prompt.set_prompt(prompt)
    window.run_button.click()
    await until(lambda: len(window.results.panes) == count and all(
        p.result is not None and p.result.status is not None for p in window.results.panes),
        timeout=timeout, what=f"{count} finished columns")
    await session.controller.wait_idle("agreement")


def _columns(session: Any) -> list[Any]:
    return session.window.results.grid.columns


def test_three_models_fill_three_columns(session: Any, run: Any) -> None:
    # GIVEN three models that answer differently WHEN they are run together
    with FaultServer(api_key="sk-test") as server:
        models = ["gpt-4o", "u2028", "think-tags"]

        async def scenario() -> None:
            await _start(session, server, models)
            await _run_all(session, "Read it", 3)

        run(scenario())
    columns = _columns(session)
    # THEN there is one column per model, in order, each with its answer and its own header
    assert session.window.results.comparing
    assert [c.title.text() for c in columns] == models
    assert columns[0].pane.result.text == answer_text("Read it")
    assert columns[1].pane.result.text == answer_text("Read it") + U2028_SUFFIX
    assert "You asked: Read it" in columns[2].pane.answer_view.toPlainText()
    assert "<think>" not in columns[2].pane.result.text
    assert "Plan: read the image first." in columns[2].pane.result.reasoning
    for column in columns:
        assert "Loopback" in column.subtitle.text() and "Done" in column.status.text()
        figures = column.figures.text()
        assert "first token" in figures and "total" in figures and "tokens" in figures
        assert "cost" in figures
        assert column.rerun_button.isVisibleTo(column) and not column.stop_button.isVisibleTo(column)
        assert [column.pane.tabs.tabText(i) for i in range(column.pane.tabs.count())] == [
            "Answer", "Text", "Reasoning", "Usage", "Raw", "Differences"]
    # and the summary ranks the columns by time and tokens
    summary = session.window.results.grid.summary.text()
    assert "Fastest" in summary and "Fewest tokens" in summary
    assert all(model in summary for model in models)


def test_a_failing_model_shows_its_error_while_the_others_finish(session: Any, run: Any) -> None:
    with FaultServer(api_key="sk-test") as server:
        async def scenario() -> None:
            await _start(session, server, ["gpt-4o", "html-502", "model-b"])
            await _run_all(session, "hello", 3, timeout=30)

        run(scenario(), timeout=45)
    ok, failed, other = _columns(session)
    assert str(ok.pane.result.status) == "completed" and str(other.pane.result.status) == "completed"
    assert ok.pane.result.text == answer_text("hello")
    error = failed.pane.findChild(QLabel, "resultError")
    assert error.isVisible() and "502" in error.text() and "<html" not in error.text().lower()
    assert "Failed" in failed.status.text()


def test_agreement_marks_the_differences_and_the_cer(session: Any, run: Any) -> None:
    # GIVEN a finished comparison of a normal answer and one with extra text
    with FaultServer(api_key="sk-test") as server:
        async def scenario() -> None:
            await _start(session, server, ["gpt-4o", "u2028"])
            await _run_all(session, "Read it", 2)
            # WHEN the first column is picked as the baseline
            grid = session.window.results.grid
            grid.set_reference(_columns(session)[0].pane.run_key)
            await session.controller.wait_idle("agreement")

        run(scenario())
    baseline, other = _columns(session)
    # THEN the other column shows the words only it has, marked as inserted, and its CER
    assert "baseline" in baseline.subtitle.text()
    assert other.pane.tabs.currentIndex() == other.diff_tab
    marks = highlighted(other.diff_view)
    assert {op for op, _ in marks} == {"insert"}   # nothing missing, only extra text
    marked = "".join(text for _, text in marks)
    assert "".join(marked.split()) == "lineparaend"
    reference = answer_text("Read it")
    expected = len("lineparaend") / len("".join(reference.split()))   # by hand: 11 extra letters
    assert other.agreement is not None and abs(other.agreement.cer - expected) < 1e-9
    assert f"CER {expected * 100:.1f}%" in other.figures.text()
    assert "Closest to the reference" in session.window.results.grid.summary.text()


def test_pasted_reference_compares_chinese_by_character(session: Any, run: Any) -> None:
    prompt = "这张收据上的合计金额是多少钱"
    with FaultServer(api_key="sk-test") as server:
        async def scenario() -> None:
            await _start(session, server, ["gpt-4o", "model-b"])
            await _run_all(session, prompt, 2)
            grid = session.window.results.grid
            # WHEN a reference with one character different (总 for 合) is pasted
            grid.set_reference(PASTED_REFERENCE)
            grid.reference_edit.setPlainText(answer_text(prompt).replace("合计", "总计"))
            await until(lambda: _columns(session)[0].agreement is not None, what="agreement")
            await session.controller.wait_idle("agreement")

        run(scenario())
    grid = session.window.results.grid
    assert grid.reference_edit.isVisible()
    reference = answer_text(prompt).replace("合计", "总计")
    for column in _columns(session):
        # THEN only that character is marked, not the whole phrase
        assert highlighted(column.diff_view) == [("delete", "总"), ("insert", "合")]
        assert abs(column.agreement.cer - 1 / len("".join(reference.split()))) < 1e-9


def test_remove_rerun_and_add_a_column(session: Any, run: Any, qtbot: Any) -> None:
    with FaultServer(api_key="sk-test") as server:
        async def scenario() -> None:
            await _start(session, server, ["model-a", "model-b", "model-c"])
            await _run_all(session, "compare", 3)
            grid = session.window.results.grid
            first, second, third = _columns(session)
            kept = first.pane.result
            # WHEN the middle column is removed
            second.remove_button.click()
            assert [c.title.text() for c in _columns(session)] == ["model-a", "model-c"]
            # AND the last one is run again
            requests = len(server.requests)
            third.rerun_button.click()
            await until(lambda: third.pane.running, what="rerun started")
            await until(lambda: not third.pane.running, what="rerun done")
            assert len(server.requests) == requests + 1
            assert first.pane.result is kept   # the others were not run again
            # AND a model is added through "Add model…"
            grid.add_button.click()
            dialog = session.controller.compare.dialog
            assert isinstance(dialog, AddModelDialog) and dialog.isVisible()
            dialog.provider_combo.setCurrentIndex(dialog.provider_combo.findData("loopback"))
            dialog.model_combo.setEditText("model-d")
            dialog.buttons.accepted.emit()
            await until(lambda: len(_columns(session)) == 3 and _columns(session)[2].pane.result
                        is not None and _columns(session)[2].pane.result.status is not None,
                        what="added column finished")
            assert first.pane.result is kept
            assert len(server.requests) == requests + 2

        run(scenario())
    columns = _columns(session)
    assert [c.title.text() for c in columns] == ["model-a", "model-c", "model-d"]
    assert columns[2].pane.result.text == answer_text("compare")


def test_models_from_two_providers_use_their_own_keys(session: Any, run: Any) -> None:
    import keyring

    with FaultServer(api_key="sk-test") as one, FaultServer(api_key="sk-other") as two:
        # GIVEN a second relay with its own key
        store = ProviderStore.load()
        store.put(ProviderConfig(id="relay2", name="Relay Two", base_url=two.base_url,
                                 api_style=ApiStyle.CHAT,
                                 models=(ModelConfig("doubao-vision", vision=True),)))
        store.save()
        keyring.set_password("visiondesk", "relay2", "sk-other")

        async def scenario() -> None:
            await _start(session, one, ["gpt-4o"])
            # WHEN doubao at the other relay is added through the picker and both are run
            session.window.picker.other_button.click()
            dialog = session.controller.compare.dialog
            dialog.provider_combo.setCurrentIndex(dialog.provider_combo.findData("relay2"))
            assert dialog.model_combo.currentText() == "doubao-vision"
            dialog.buttons.accepted.emit()
            QApplication.processEvents()
            assert "doubao-vision · Relay Two" in [
                session.window.picker.model_list.item(i).text()
                for i in range(session.window.picker.model_list.count())]
            await _run_all(session, "two relays", 2)

        run(scenario())
        one_keys = {r.headers["authorization"] for r in one.requests}
        two_keys = {r.headers["authorization"] for r in two.requests}
    # THEN each model went to its own provider with that provider's key
    assert one_keys == {"Bearer sk-test"} and two_keys == {"Bearer sk-other"}
    columns = _columns(session)
    assert [c.title.text() for c in columns] == ["gpt-4o", "doubao-vision"]
    assert "Relay Two" in columns[1].subtitle.text()
    assert all(str(c.pane.result.status) == "completed" for c in columns)


def test_export_holds_every_answer(session: Any, run: Any, tmp_path: Path) -> None:
    export_action = session.window.export_action
    with FaultServer(api_key="sk-test") as server:
        async def scenario() -> None:
            await _start(session, server, ["gpt-4o", "u2028", "think-tags"])
            # GIVEN no comparison yet THEN File ▸ Export Comparison… is disabled
            assert not export_action.isEnabled()
            assert export_action in session.window.file_menu.actions()
            await _run_all(session, "Export me", 3)
            # WHEN the comparison has finished THEN it is enabled
            assert export_action.isEnabled()
            session.window.results.grid.set_reference(_columns(session)[0].pane.run_key)
            await session.controller.wait_idle("agreement")
            for suffix in (".md", ".json", ".csv"):
                await session.controller.compare.export(tmp_path / f"comparison{suffix}")

        run(scenario())
    answers = [c.pane.result.text for c in _columns(session)]
    for suffix in (".md", ".json", ".csv"):
        text = (tmp_path / f"comparison{suffix}").read_text(encoding="utf-8")
        for model in ("gpt-4o", "u2028", "think-tags"):
            assert model in text, (suffix, model)
        assert "You asked: Export me" in text
        assert "para" in text, suffix
    markdown = (tmp_path / "comparison.md").read_text(encoding="utf-8")
    assert "CER" in markdown and all(answer.split("\u2028")[0] in markdown for answer in answers)
    assert "Comparison saved to" in session.window.statusBar().currentMessage()


def test_sync_scrolling_moves_the_other_answers(session: Any, run: Any) -> None:
    run(session.controller.startup([], None, []))
    panes = session.window.results.prepare(2)
    long_text = "\n\n".join(f"line {i}" for i in range(300))
    for pane in panes:
        pane.answer_view.setMarkdown(long_text)
    QApplication.processEvents()
    grid = session.window.results.grid
    grid.sync_check.setChecked(True)
    first, second = (p.answer_view.verticalScrollBar() for p in panes)
    first.setValue(first.maximum() // 2)
    assert abs(second.value() / second.maximum() - 0.5) < 0.05


def test_demo_comparison_for_the_documentation(session: Any, run: Any) -> None:
    from tools.docs_demo import show_demo

    # GIVEN three models checked, one of them the local OCR
    run(session.controller.startup([str(RECEIPT)], None,
                                   ["gpt-4o", "doubao-1.5-vision-pro-250328", "rapidocr"]))
    run(session.controller.wait_idle("image"))
    window = session.window
    # WHEN the documentation's canned answers fill the results
    show_demo(window)
    # THEN three finished columns, Local OCR the reference, differences shown and ranked
    columns = {c.pane.model_label: c for c in _columns(session)}
    assert sorted(columns) == ["doubao-1.5-vision-pro-250328", "gpt-4o", "rapidocr"]
    assert all(str(c.pane.result.status) == "completed" for c in columns.values())
    ocr = columns["rapidocr"]
    assert ocr.is_baseline and "Card **** 4417" in ocr.pane.plain_text()
    assert "Card **** 4417" in columns["gpt-4o"].diff_view.toPlainText()
    slips = highlighted(columns["doubao-1.5-vision-pro-250328"].diff_view)
    assert ("insert", "4418") in slips or any("4418" in text for _op, text in slips)
    summary = window.results.grid.summary.text()
    assert "Fastest" in summary and "Closest to the reference" in summary
    assert "nothing was sent" in window.statusBar().currentMessage()
    assert window.export_action.isEnabled()
