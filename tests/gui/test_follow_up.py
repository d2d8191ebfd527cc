"""Follow-up questions in the window: the box under an answer asks the same model about the same
image, the pane shows the conversation and the new answer; the box under a comparison asks every
column; with no image at all, Run asks a text-only question.

GIVEN/WHEN/THEN in each test; assertions are on what a person sees (the conversation above the
answer, the answer, the box's state) and on what the loopback server received.
"""

from __future__ import annotations

from typing import Any

import pytest
from PySide6.QtCore import Qt

from tests.gui.conftest import RECEIPT, add_provider, until
from tests.support.fault_server import FaultServer, answer_text
from visiondesk.core.request import ApiStyle

pytestmark = pytest.mark.usefixtures("collect_widgets")  # conftest: widget cycles freed per test


def _start(session: Any, server: FaultServer, models: list[str], sources: list[str]) -> Any:
    import keyring

    add_provider(server.base_url, ApiStyle.CHAT, tuple(models))
    keyring.set_password("visiondesk", "loopback", "sk-test")

    async def start() -> None:
        await session.controller.startup(sources, "loopback", models)
        await session.controller.wait_idle("image")

    return start()


def _finished(pane: Any) -> bool:
    return not pane.running and pane.result is not None and pane.result.status is not None


async def _run(session: Any, prompt: str, count: int) -> list[Any]:
    window = session.window
    window.prompt.set_prompt(prompt)
    window.run_button.click()
    await until(lambda: len(window.results.panes) == count and all(map(_finished, window.results.panes)),
                what=f"{count} finished panes")
    return list(window.results.panes)


def test_a_follow_up_in_a_pane_shows_the_conversation(session: Any, run: Any, qtbot: Any) -> None:
    window = session.window
    with FaultServer(api_key="sk-test") as server:
        async def scenario() -> Any:
            await _start(session, server, ["gpt-4o"], [str(RECEIPT)])
            # GIVEN an answer about the receipt (the box waits for it)
            window.prompt.set_prompt("What is the total?")
            window.run_button.click()
            await until(lambda: window.results.panes, what="a pane")
            pane = window.results.panes[0]
            assert not pane.follow_up_box.ready
            await until(lambda: _finished(pane), what="the first answer")
            assert pane.follow_up_box.ready and not pane.conversation.isVisible()
            # WHEN a follow-up is typed in the box under it and Ctrl+Enter pressed there
            window.activateWindow()
            pane.follow_up_box.editor.setFocus()
            qtbot.keyClicks(pane.follow_up_box.editor, "Now as a table")
            qtbot.keyClick(pane.follow_up_box.editor, Qt.Key.Key_Return,
                           Qt.KeyboardModifier.ControlModifier)
            assert pane.running and not pane.follow_up_box.ready
            await until(lambda: _finished(pane), what="the follow-up's answer")
            await session.controller.runner.wait_writes()
            return pane

        pane = run(scenario())
        requests = list(server.requests)
    # THEN the same pane answers the follow-up (the window's Run did not fire: two requests)
    assert window.results.panes == [pane]
    assert len(requests) == 2
    assert pane.result.text == answer_text("Now as a table")
    assert "You asked: Now as a table" in pane.answer_view.toPlainText()
    # and shows the conversation above it: the first question, its answer, the new question
    assert pane.conversation.isVisible()
    assert pane.conversation.transcript() == [
        ("question", "What is the total?"), ("answer", answer_text("What is the total?")),
        ("question", "Now as a table")]
    shown = pane.conversation.toPlainText()
    assert shown.index("What is the total?") < shown.index("You asked: What is the total?") \
        < shown.index("Now as a table")
    assert pane.follow_up_box.ready and pane.follow_up_box.editor.text() == ""
    assert pane.follow_up_box.editor.hasFocus()   # the next question can be typed at once
    # and the server got the earlier turn first, the image with it
    messages = requests[-1].body["messages"]
    assert [m["role"] for m in messages] == ["user", "assistant", "user"]
    assert [p["type"] for p in messages[0]["content"]] == ["text", "image_url"]
    assert messages[1:] == [{"role": "assistant", "content": answer_text("What is the total?")},
                            {"role": "user", "content": "Now as a table"}]
    # and history keeps the two as one thread, turns 0 and 1
    from visiondesk.store.history import History

    records = [History().get(r.id) for r in History().recent(10)]
    rows = sorted((r.turn_index, r.prompt, r.thread_id) for r in records if r)
    assert [row[:2] for row in rows] == [(0, "What is the total?"), (1, "Now as a table")]
    assert rows[0][2] and rows[0][2] == rows[1][2]


def test_the_comparison_box_asks_every_column(session: Any, run: Any) -> None:
    window = session.window
    models = ["gpt-4o", "model-b"]
    with FaultServer(api_key="sk-test") as server:
        async def scenario() -> list[Any]:
            await _start(session, server, models, [str(RECEIPT)])
            # GIVEN a finished comparison of two models
            panes = await _run(session, "Read it", 2)
            grid = window.results.grid
            assert grid.follow_up_box.isVisible() and grid.follow_up_box.ready
            # WHEN a follow-up is sent from the box under the grid
            grid.follow_up_box.editor.setText("Only the total")
            grid.follow_up_box.send_button.click()
            assert all(p.running for p in panes) and not grid.follow_up_box.ready
            await until(lambda: all(map(_finished, panes)), what="every column's follow-up")
            return panes

        panes = run(scenario())
        bodies = [r.body for r in server.requests]
    # THEN every column answers it, below its own conversation
    assert [c.title.text() for c in window.results.grid.columns] == models
    for pane in panes:
        assert pane.result.text == answer_text("Only the total", pane.model_label)
        assert pane.conversation.transcript() == [
            ("question", "Read it"), ("answer", answer_text("Read it", pane.model_label)),
            ("question", "Only the total")]
        assert pane.follow_up_box.ready
    assert window.results.grid.follow_up_box.ready
    # and each model got its own earlier answer
    follow_ups = sorted((b["model"], b["messages"][1]["content"]) for b in bodies[2:])
    assert follow_ups == [(m, answer_text("Read it", m)) for m in models]


def test_a_question_without_an_image(session: Any, run: Any) -> None:
    window = session.window
    with FaultServer(api_key="sk-test") as server:
        async def scenario() -> list[Any]:
            # GIVEN no image at all WHEN a question is run
            await _start(session, server, ["gpt-4o"], [])
            return await _run(session, "What does OCR stand for?", 1)

        (pane,) = run(scenario())
        body = server.last_request.body
    # THEN the model answers the text-only question, and nothing asks for an image
    assert pane.result.text == answer_text("What does OCR stand for?")
    assert "Add an image" not in window.statusBar().currentMessage()
    assert "image_url" not in str(body)
    assert pane.follow_up_box.ready


def test_local_ocr_has_no_follow_up_and_needs_an_image(session: Any, run: Any) -> None:
    window = session.window

    async def scenario() -> None:
        # GIVEN a fresh home (Local OCR checked) and no image WHEN Run is pressed
        await session.controller.startup([], None, [])
        window.prompt.set_prompt("What is the total?")
        window.run_button.click()
        await session.controller.wait_idle("start")

    run(scenario())
    # THEN it says what Local OCR needs, and nothing runs
    assert window.statusBar().currentMessage() == (
        "Local OCR reads text from images: add an image first.")
    assert window.results.panes == []

    async def read_receipt() -> Any:
        # WHEN it reads an image
        session.controller.images.add_path(str(RECEIPT))
        await session.controller.wait_idle("image")
        return (await _run(session, "Read it", 1))[0]

    pane = run(read_receipt(), timeout=90)
    # THEN its box says why it cannot take a question, and a follow-up is refused in those words
    reason = "Local OCR reads text; it cannot answer questions. Choose a vision model."
    assert str(pane.result.status) == "completed"
    assert not pane.follow_up_box.ready and pane.follow_up_box.editor.placeholderText() == reason
    assert not session.controller.runs.follow_up(pane, "What is the total?")
    assert window.statusBar().currentMessage() == reason
