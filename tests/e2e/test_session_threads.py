"""Follow-up questions through the session against a real loopback server: the server receives
the earlier turns in order (the image with the first), history keeps the thread together, and
Local OCR refuses a follow-up in words a person understands."""

from __future__ import annotations

import asyncio
import json
from pathlib import Path

import pytest

from tests.support.fault_server import FaultServer, answer_text
from visiondesk.config.providers import LOCAL_OCR, LOCAL_OCR_MODEL, ModelConfig, ProviderConfig
from visiondesk.core.errors import AnalysisError
from visiondesk.core.events import Status
from visiondesk.core.request import ApiStyle, GenerationOptions, Turn
from visiondesk.core.result import AnalysisResult
from visiondesk.session.plan import ModelTarget, RunPlan
from visiondesk.session.runner import Runner
from visiondesk.session.threads import LOCAL_OCR_CANNOT_ANSWER, follow_up, in_thread
from visiondesk.session.workspace import InputRef, Workspace


def loopback(server: FaultServer, api: ApiStyle = ApiStyle.CHAT) -> ProviderConfig:
    return ProviderConfig(id="loopback", name="Loopback", base_url=server.base_url, api_style=api,
                          models=(ModelConfig("gpt-4o", vision=True),))


@pytest.mark.parametrize("api", [ApiStyle.CHAT, ApiStyle.RESPONSES])
def test_a_follow_up_sends_the_earlier_turns_in_order(fault_server: FaultServer, receipt_png: Path,
                                                      api: ApiStyle) -> None:
    # GIVEN an answer about an image
    async def scenario() -> list[AnalysisResult]:
        runner = Runner([loopback(fault_server, api)])
        workspace = Workspace()
        source = workspace.add_path(str(receipt_png))
        plan = RunPlan((ModelTarget("loopback", "gpt-4o"),), "What is the total?",
                       options=GenerationOptions(stream=True))
        first = in_thread(plan.jobs([InputRef(source.id)])[0])
        results = [await runner.run(first, workspace)]
        # WHEN two follow-ups are asked, each after the answer before it
        second = follow_up(first, results[0], "  Now as a table  ")
        results.append(await runner.run(second, workspace))
        third = follow_up(second, results[1], "In which currency?")
        results.append(await runner.run(third, workspace))
        await runner.aclose()
        assert second.inputs == first.inputs and second.target == first.target
        assert third.turns == (Turn("What is the total?", answer_text("What is the total?")),
                               Turn("Now as a table", answer_text("Now as a table")))
        assert first.thread_id and second.thread_id == third.thread_id == first.thread_id
        return results

    results = asyncio.run(scenario())
    # THEN every answer answers its own question
    assert [r.status for r in results] == [Status.COMPLETED] * 3
    assert results[2].text == answer_text("In which currency?")
    # and the server received the whole conversation, the image with the first question only
    body = fault_server.requests[-1].body
    if api is ApiStyle.CHAT:
        messages = body["messages"]
        assert [m["role"] for m in messages] == ["user", "assistant", "user", "assistant", "user"]
        first_content = messages[0]["content"]
        assert first_content[0] == {"type": "text", "text": "What is the total?"}
        assert [p["type"] for p in first_content] == ["text", "image_url"]
        assert [m["content"] for m in messages[1:]] == [
            answer_text("What is the total?"), "Now as a table", answer_text("Now as a table"),
            "In which currency?"]
    else:
        items = body["input"]
        assert [i["role"] for i in items] == ["user", "assistant", "user", "assistant", "user"]
        assert items[0]["content"][0] == {"type": "input_text", "text": "What is the total?"}
        assert [p["type"] for p in items[0]["content"]] == ["input_text", "input_image"]
        assert items[1]["content"][0]["text"] == answer_text("What is the total?")
        assert items[2]["content"] == [{"type": "input_text", "text": "Now as a table"}]
        assert items[-1]["content"] == [{"type": "input_text", "text": "In which currency?"}]


def test_history_keeps_a_thread_together(fault_server: FaultServer, receipt_png: Path) -> None:
    from visiondesk.store.history import History

    async def scenario() -> str:
        runner = Runner([loopback(fault_server)])   # the default sink: the SQLite history
        workspace = Workspace()
        source = workspace.add_path(str(receipt_png))
        first = in_thread(RunPlan((ModelTarget("loopback", "gpt-4o"),), "Read it")
                          .jobs([InputRef(source.id)])[0])
        answer = await runner.run(first, workspace)
        await runner.run(follow_up(first, answer, "Only the total"), workspace)
        await runner.aclose()   # waits for the history writes
        assert first.thread_id is not None
        return first.thread_id

    thread_id = asyncio.run(scenario())
    # (the two rows are written by worker threads, in either order)
    records = [History().get(r.id) for r in History().recent(10)]
    rows = sorted(((r.prompt, r.thread_id, r.turn_index) for r in records if r), key=lambda r: r[2] or 0)
    assert rows == [
        ("Read it", thread_id, 0), ("Only the total", thread_id, 1)]


def test_a_question_without_an_image_is_one_text_only_request(fault_server: FaultServer) -> None:
    async def scenario() -> AnalysisResult:
        runner = Runner([loopback(fault_server)], history=None)
        job = RunPlan((ModelTarget("loopback", "gpt-4o"),), "What is OCR?").jobs([])[0]
        result = await runner.run(job, Workspace())
        await runner.aclose()
        return result

    result = asyncio.run(scenario())
    assert result.status == Status.COMPLETED and result.text == answer_text("What is OCR?")
    assert len(fault_server.requests) == 1
    assert "image_url" not in json.dumps(fault_server.requests[-1].body)


def test_local_ocr_cannot_answer_a_follow_up(receipt_png: Path) -> None:
    job = RunPlan((ModelTarget(LOCAL_OCR.id, LOCAL_OCR_MODEL),), "Read").jobs([InputRef(1)])[0]
    answer = AnalysisResult(source="receipt.png", model=LOCAL_OCR_MODEL, provider="Local OCR",
                            status=Status.COMPLETED)
    with pytest.raises(AnalysisError) as caught:
        follow_up(job, answer, "What is the total?")
    assert str(caught.value.message) == LOCAL_OCR_CANNOT_ANSWER


def test_a_follow_up_needs_a_finished_answer(fault_server: FaultServer) -> None:
    job = RunPlan((ModelTarget("loopback", "gpt-4o"),), "Read").jobs([])[0]
    running = AnalysisResult(source="", model="gpt-4o", provider="Loopback")
    with pytest.raises(AnalysisError, match="Wait for the answer"):
        follow_up(job, running, "And?")
    with pytest.raises(AnalysisError, match="follow-up question first"):
        follow_up(job, running, "   ")
