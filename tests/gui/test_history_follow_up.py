"""A follow-up question under an answer reopened from history: the same model is asked about the
same image, with the earlier turns sent along, and history keeps the new answer in the same
thread. Where the image can no longer be found, the box says so and nothing is sent.

GIVEN/WHEN/THEN in each test; the history is a real SQLite file in the test's VISIONDESK_HOME,
the model a real loopback server. Assertions are on what a person sees (the conversation above
the answer, the box) and on what the server received and history kept.
"""

from __future__ import annotations

import shutil
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt

from tests.gui.conftest import RECEIPT, add_provider, until
from tests.support.fault_server import FaultServer, answer_text
from visiondesk.core.request import ApiStyle
from visiondesk.store.history import History
from visiondesk.store.records import HistoryFilter, HistoryRecord, SourceRecord

YESTERDAY_ANSWER = "The total is 12.50 EUR."


pytestmark = pytest.mark.usefixtures("collect_widgets")  # conftest: widget cycles freed per test


def _provider(server: FaultServer) -> Any:
    import keyring

    provider = add_provider(server.base_url, ApiStyle.CHAT, ("gpt-4o", "vision-2"))
    keyring.set_password("visiondesk", "loopback", "sk-test")
    return provider


def _saved(sources: list[SourceRecord], *, model: str = "vision-2", thread: str | None = "thread-yesterday",
           text: str = YESTERDAY_ANSWER, **more: Any) -> HistoryRecord:
    fields: dict[str, Any] = {"turn_index": 0, **more}
    return HistoryRecord(prompt="What is the total?", provider="Loopback", model=model, status="completed",
                         text=text, system_prompt="Answer briefly.", options={"temperature": 0.2},
                         sources=sources, thread_id=thread,
                         usage={"input_tokens": 10, "output_tokens": 5}, **fields)


def _finished(pane: Any) -> bool:
    return not pane.running and pane.result is not None and pane.result.status is not None


async def _reopen(session: Any, run_id: int) -> Any:
    window = session.window
    await session.controller.startup([], "loopback", ["gpt-4o"])
    session.controller.history.reopen(run_id)
    await until(lambda: window.results.panes and window.results.panes[0].result is not None
                and window.results.panes[0].result.status is not None, what="the reopened answer")
    return window.results.panes[0]


def test_a_reopened_answer_takes_a_follow_up_about_its_image(session: Any, run: Any, qtbot: Any,
                                                             tmp_path: Path) -> None:
    window = session.window
    image = tmp_path / "receipt yesterday.png"
    shutil.copyfile(RECEIPT, image)
    with FaultServer(api_key="sk-test") as server:
        _provider(server)
        # GIVEN yesterday's answer about a receipt, saved in history
        run_id = History().record(_saved([SourceRecord(str(image))]))
        assert run_id is not None

        async def scenario() -> Any:
            # WHEN it is reopened from the history (into an empty window)
            pane = await _reopen(session, run_id)
            assert pane.result.text == YESTERDAY_ANSWER
            assert pane.follow_up_box.ready   # the box takes a question at once
            # and a follow-up is typed in its box, Ctrl+Enter pressed there
            window.activateWindow()
            pane.follow_up_box.editor.setFocus()
            qtbot.keyClicks(pane.follow_up_box.editor, "Now as a table")
            qtbot.keyClick(pane.follow_up_box.editor, Qt.Key.Key_Return,
                           Qt.KeyboardModifier.ControlModifier)
            assert pane.running
            await until(lambda: _finished(pane), what="the follow-up's answer")
            await session.controller.runner.wait_writes()
            return pane

        pane = run(scenario())
        requests = list(server.requests)
    # THEN the same model answers in the same pane, below the conversation so far
    assert window.results.panes == [pane] and len(requests) == 1
    assert pane.result.text == answer_text("Now as a table", "vision-2")
    assert pane.conversation.isVisible()
    assert pane.conversation.transcript() == [
        ("question", "What is the total?"), ("answer", YESTERDAY_ANSWER), ("question", "Now as a table")]
    assert pane.follow_up_box.ready and pane.follow_up_box.editor.text() == ""
    # and the server got the earlier turn with the image, the run's system prompt and options
    body = requests[0].body
    assert body["model"] == "vision-2" and body["temperature"] == 0.2
    messages = body["messages"]
    assert [m["role"] for m in messages] == ["system", "user", "assistant", "user"]
    assert messages[0]["content"] == "Answer briefly."
    assert [p["type"] for p in messages[1]["content"]] == ["text", "image_url"]
    assert messages[1]["content"][0]["text"] == "What is the total?"
    assert messages[1]["content"][1]["image_url"]["url"].startswith("data:image/")
    assert messages[2:] == [{"role": "assistant", "content": YESTERDAY_ANSWER},
                            {"role": "user", "content": "Now as a table"}]
    # and history keeps the new answer as the thread's next turn, about the same image
    ids = History().ids("", HistoryFilter(thread_id="thread-yesterday"))
    rows = sorted((r.turn_index, r.prompt, [s.location for s in r.sources])
                  for r in History().get_many(ids))
    assert rows == [(0, "What is the total?", [str(image)]), (1, "Now as a table", [str(image)])]
    # and the window's own images were not touched
    assert window.image_panel.entries == []


def test_an_answer_whose_image_is_gone_says_so_and_sends_nothing(session: Any, run: Any,
                                                                 tmp_path: Path) -> None:
    window = session.window
    gone = tmp_path / "moved away.png"
    with FaultServer(api_key="sk-test") as server:
        _provider(server)
        # GIVEN a saved answer about an image that has since been deleted
        run_id = History().record(_saved([SourceRecord(str(gone))]))
        assert run_id is not None

        async def scenario() -> Any:
            # WHEN it is reopened and a follow-up (or the pane's Run again) is tried anyway
            pane = await _reopen(session, run_id)
            reopened = window.statusBar().currentMessage()
            assert not session.controller.runs.follow_up(pane, "Now as a table")
            status = window.statusBar().currentMessage()
            session.controller.runs.rerun(pane)
            await session.controller.runs.wait()
            return pane, status, reopened

        pane, status, reopened = run(scenario())
        requests = list(server.requests)
    # THEN the box says plainly that the image is gone, and no question went without it
    note = "The image of this answer is no longer available: moved away.png"
    box = pane.follow_up_box
    assert not box.ready and box.editor.placeholderText() == note
    assert status == note
    # and the status line said where it was when the answer was reopened
    assert reopened.endswith(f"The image of this answer is no longer available: {gone}")
    assert requests == []
    assert pane.result.text == YESTERDAY_ANSWER   # the reopened answer is still shown
    assert History().count() == 1


def test_a_text_only_answer_takes_a_follow_up_without_images(session: Any, run: Any) -> None:
    with FaultServer(api_key="sk-test") as server:
        _provider(server)
        # GIVEN a saved answer to a question asked without any image
        run_id = History().record(_saved([], model="gpt-4o", text="Optical character recognition."))
        assert run_id is not None

        async def scenario() -> Any:
            pane = await _reopen(session, run_id)
            # WHEN a follow-up is sent from its box
            assert pane.follow_up_box.ready
            pane.follow_up_box.editor.setText("And OMR?")
            pane.follow_up_box.send_button.click()
            await until(lambda: _finished(pane), what="the follow-up's answer")
            return pane

        pane = run(scenario())
        body = server.last_request.body
    # THEN it is asked as text, the earlier turn first
    assert pane.result.text == answer_text("And OMR?", "gpt-4o")
    assert "image_url" not in str(body)
    assert [m["content"] for m in body["messages"][1:]] == [
        [{"type": "text", "text": "What is the total?"}], "Optical character recognition.", "And OMR?"]


def test_a_pasted_image_counts_only_while_the_same_pixels_are_open(session: Any, run: Any) -> None:
    from visiondesk.core.images import prepare_image
    from visiondesk.store.thumbnails import content_hash

    window = session.window
    data = RECEIPT.read_bytes()
    with FaultServer(api_key="sk-test") as server:
        provider = _provider(server)
        # GIVEN a saved answer about a pasted image (history keeps the hash of what was sent, as
        # the runner prepared it for vision-2, and a thumbnail; not the image)
        sent = prepare_image(data, max_side=provider.max_side_for("vision-2"), name="pasted image")
        record = _saved([SourceRecord("pasted image", content_hash(sent.data), None)])
        run_id = History().record(record)
        assert run_id is not None

        async def scenario() -> tuple[Any, Any]:
            # WHEN it is reopened with no such picture open: the box says the image is gone
            first = await _reopen(session, run_id)
            gone_note = first.follow_up_box.editor.placeholderText()
            # WHEN the same picture is pasted again and the answer reopened
            session.controller.images.add_bytes(data, "pasted image")
            await session.controller.wait_idle("image")
            session.controller.history.reopen(run_id)
            await until(lambda: window.results.panes[0].follow_up_box.ready, what="a usable box")
            pane = window.results.panes[0]
            pane.follow_up_box.editor.setText("Which shop?")
            pane.follow_up_box.send_button.click()
            await until(lambda: _finished(pane) and pane.result.text != YESTERDAY_ANSWER,
                        what="the follow-up's answer")
            return gone_note, pane

        gone_note, pane = run(scenario())
        body = server.last_request.body
    assert gone_note == "The image of this answer is no longer available: pasted image"
    # THEN the follow-up went with the pasted picture
    assert pane.result.text == answer_text("Which shop?", "vision-2")
    assert [p["type"] for p in body["messages"][1]["content"]] == ["text", "image_url"]


def test_a_reopened_comparison_asks_every_column_in_its_thread(session: Any, run: Any) -> None:
    window = session.window
    models = ("gpt-4o", "vision-2")
    with FaultServer(api_key="sk-test") as server:
        _provider(server)
        # GIVEN a saved comparison of two models about the receipt, each column its own thread
        records = [_saved([SourceRecord(str(RECEIPT))], model=m, thread=f"thread-{m}",
                          text=f"{m}: 12.50", comparison_id="cmp-yesterday") for m in models]
        ids = History().record_many(records)

        async def scenario() -> list[Any]:
            await session.controller.startup([], "loopback", ["gpt-4o"])
            # WHEN it is reopened and a follow-up sent from the box under the grid
            session.controller.history.reopen(ids[1])
            grid_box = lambda: window.results.grid.follow_up_box  # noqa: E731
            await until(lambda: window.results.comparing and grid_box().ready, what="the grid")
            panes = list(window.results.panes)
            grid_box().editor.setText("Only the total")
            grid_box().send_button.click()
            assert all(p.running for p in panes)
            await until(lambda: all(map(_finished, panes)), what="every column's follow-up")
            await session.controller.runner.wait_writes()
            return panes

        async def reopened(run_id: int) -> list[list[tuple[str, str]]]:
            session.controller.history.reopen(run_id)
            await until(lambda: window.results.comparing and window.results.grid.follow_up_box.ready
                        and all(p not in panes for p in window.results.panes), what="the grid again")
            return [p.conversation.transcript() for p in window.results.panes]

        panes = run(scenario())
        follow_up_id = next(r.id for r in History().search() if r.prompt == "Only the total")
        at_follow_up = run(reopened(follow_up_id))
        panes = list(window.results.panes)
        at_first = run(reopened(ids[1]))
        bodies = [r.body for r in server.requests]
    # THEN each column answers below its own conversation
    for pane in panes:
        assert pane.result.text == answer_text("Only the total", pane.model_label)
        assert pane.conversation.transcript() == [
            ("question", "What is the total?"), ("answer", f"{pane.model_label}: 12.50"),
            ("question", "Only the total")]
    # and each model got its own earlier answer, with the image
    for body in bodies:
        assert body["messages"][2] == {"role": "assistant", "content": f"{body['model']}: 12.50"}
        assert [p["type"] for p in body["messages"][1]["content"]] == ["text", "image_url"]
    # and reopening a follow-up's row brings back the grid at that turn, every column with its
    # conversation; reopening a first answer's row, the grid as it was before the follow-up
    assert at_follow_up == [[("question", "What is the total?"), ("answer", f"{m}: 12.50"),
                             ("question", "Only the total")] for m in models]
    assert at_first == [[], []]
    assert [p.result.text for p in window.results.panes] == [f"{m}: 12.50" for m in models]
    # and history keeps each follow-up in its column's thread
    for model in models:
        rows = History().get_many(History().ids("", HistoryFilter(thread_id=f"thread-{model}")))
        assert sorted((r.turn_index, r.prompt) for r in rows) == [
            (0, "What is the total?"), (1, "Only the total")]


def test_a_run_recorded_without_a_thread_starts_one(session: Any, run: Any) -> None:
    window = session.window
    with FaultServer(api_key="sk-test") as server:
        _provider(server)
        # GIVEN an answer the command line saved (history has no thread for it)
        run_id = History().record(_saved([SourceRecord(str(RECEIPT))], thread=None, turn_index=None))
        assert run_id is not None

        async def ask(pane: Any, question: str) -> None:
            pane.follow_up_box.editor.setText(question)
            pane.follow_up_box.send_button.click()
            try:
                await until(lambda: _finished(pane) and question in pane.result.text, what="the answer")
            except AssertionError:
                raise AssertionError((pane.result.status, pane.result.text, pane.follow_up_box.ready,
                                      window.statusBar().currentMessage(), pane.running)) from None
            await session.controller.runner.wait_writes()

        async def scenario() -> list[tuple[str, str]]:
            # WHEN it is reopened and followed up, and that follow-up reopened and followed up
            await ask(await _reopen(session, run_id), "Now as a table")
            second = max(History().ids())
            session.controller.history.reopen(second)
            await until(lambda: f"Reopened run #{second} " in window.statusBar().currentMessage(),
                        what="the follow-up reopened")
            assert window.results.panes[0].result.text == answer_text("Now as a table", "vision-2")
            shown = window.results.panes[0].conversation.transcript()
            await ask(window.results.panes[0], "And the tax?")
            return shown

        shown = run(scenario())
        messages = server.last_request.body["messages"]
    # THEN the reopened follow-up shows the answer it followed
    assert shown == [("question", "What is the total?"), ("answer", YESTERDAY_ANSWER),
                     ("question", "Now as a table")]
    # and the last question went with both earlier turns and the image
    assert [m["role"] for m in messages] == ["system", "user", "assistant", "user", "assistant", "user"]
    assert [p["type"] for p in messages[1]["content"]] == ["text", "image_url"]
    assert messages[2]["content"] == YESTERDAY_ANSWER and messages[-1]["content"] == "And the tax?"
    # and history keeps the follow-ups as turns 1 and 2 of the run's own thread
    rows = History().get_many(History().ids("", HistoryFilter(thread_id=f"run-{run_id}")))
    assert sorted((r.turn_index, r.prompt) for r in rows) == [(1, "Now as a table"), (2, "And the tax?")]
