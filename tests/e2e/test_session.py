"""The session layer over a real loopback server: exact cancellation by run id, request splits,
cost computed once, key binding, history written off the loop."""

from __future__ import annotations

import asyncio
from pathlib import Path

import pytest

from tests.support.fault_server import FaultServer
from visiondesk.config.providers import ModelConfig, ProviderConfig
from visiondesk.core.events import Status
from visiondesk.core.request import ApiStyle, GenerationOptions
from visiondesk.session.plan import ModelTarget, RequestSplit, RunPlan
from visiondesk.session.runner import Runner
from visiondesk.session.workspace import InputRef, Workspace


def loopback(server: FaultServer, **changes: object) -> ProviderConfig:
    return ProviderConfig(id="loopback", name="Loopback", base_url=server.base_url, api_style=ApiStyle.CHAT,
                          models=(ModelConfig("priced", price_input=2.5, price_output=10.0),),
                          **changes)  # type: ignore[arg-type]


def test_cancelling_run_1_leaves_run_12_running(fault_server: FaultServer, receipt_png: Path) -> None:
    # GIVEN twelve slow runs started one after another (ids 1..12)
    async def scenario() -> tuple[list[Status | None], list[int]]:
        runner = Runner([loopback(fault_server)], history=None)
        workspace = Workspace()
        source = workspace.add_path(str(receipt_png))
        job = RunPlan((ModelTarget("loopback", "slow-300-100"),), "Read it").jobs([InputRef(source.id)])[0]
        handles = [runner.start(job, workspace) for _ in range(12)]
        assert [h.run_id for h in handles] == list(range(1, 13))
        # WHEN run 1 is cancelled
        assert runner.cancel(1)
        await asyncio.gather(*(h.task for h in handles), return_exceptions=True)
        statuses = [h.result.status for h in handles]
        await runner.aclose()
        return statuses, runner.running

    statuses, running = asyncio.run(scenario())
    # THEN only run 1 stopped; 12 (and every other) finished its answer
    assert statuses[0] == Status.CANCELLED
    assert statuses[1:] == [Status.COMPLETED] * 11
    assert running == []


@pytest.mark.parametrize(("split", "requests", "images_per_request"),
                         [(RequestSplit.PER_IMAGE, 2, [1, 1]), (RequestSplit.ONE_REQUEST, 1, [2])])
def test_the_split_decides_how_many_requests_go_out(fault_server: FaultServer, receipt_png: Path,
                                                      split: RequestSplit, requests: int,
                                                      images_per_request: list[int]) -> None:
    async def scenario() -> list[Status | None]:
        runner = Runner([loopback(fault_server)], history=None)
        workspace = Workspace()
        workspace.add_path(str(receipt_png))
        workspace.add_path(str(receipt_png), label="again.png")
        plan = RunPlan((ModelTarget("loopback", "priced"),), "Read it", split=split,
                       options=GenerationOptions(stream=False))
        results = [await runner.run(job, workspace) for job in plan.jobs(await workspace.units())]
        await runner.aclose()
        return [r.status for r in results]

    assert asyncio.run(scenario()) == [Status.COMPLETED] * requests
    bodies = [r.body for r in fault_server.requests]
    sent = [sum(1 for part in b["messages"][-1]["content"] if part["type"] == "image_url") for b in bodies]
    assert sent == images_per_request


def test_cost_is_computed_once_with_the_providers_currency(fault_server: FaultServer, receipt_png: Path) -> None:
    async def scenario() -> object:
        runner = Runner([loopback(fault_server, currency="CNY")], history=None)
        workspace = Workspace()
        source = workspace.add_path(str(receipt_png))
        job = RunPlan((ModelTarget("loopback", "priced"),), "Read it").jobs([InputRef(source.id)])[0]
        result = await runner.run(job, workspace)
        await runner.aclose()
        return result

    result = asyncio.run(scenario())
    usage = result.usage  # type: ignore[attr-defined]
    expected = (usage.input_tokens * 2.5 + usage.output_tokens * 10.0) / 1_000_000
    assert result.cost.currency == "CNY" and result.cost.amount == pytest.approx(expected)  # type: ignore[attr-defined]
    assert result.to_json()["cost"] == {"amount": round(expected, 6), "currency": "CNY"}  # type: ignore[attr-defined]


def test_a_missing_file_fails_alone_and_says_so(fault_server: FaultServer, receipt_png: Path,
                                                tmp_path: Path) -> None:
    async def scenario() -> list[object]:
        runner = Runner([loopback(fault_server)], history=None)
        workspace = Workspace()
        workspace.add_path(str(tmp_path / "gone.png"))
        workspace.add_path(str(receipt_png))
        plan = RunPlan((ModelTarget("loopback", "priced"),), "Read it")
        results = [await runner.run(job, workspace) for job in plan.jobs(await workspace.units())]
        await runner.aclose()
        return results

    missing, fine = asyncio.run(scenario())
    assert missing.status == Status.FAILED and "does not exist" in missing.error.message  # type: ignore[attr-defined]
    assert "source_missing" in missing.to_json()["error"]["facts"]  # type: ignore[attr-defined]
    assert fine.status == Status.COMPLETED  # type: ignore[attr-defined]
    assert len(fault_server.requests) == 1  # nothing was sent for the missing file


@pytest.mark.parametrize(("model", "stream", "has_speed"), [
    ("m1", True, True),
    ("m1", False, False),             # asked for the whole answer
    ("ignore-stream", True, False),   # asked to stream, the server sent it whole anyway
])
def test_tokens_per_second_only_when_the_answer_streamed(fault_server: FaultServer, receipt_png: Path,
                                                         model: str, stream: bool, has_speed: bool) -> None:
    async def scenario() -> object:
        runner = Runner([loopback(fault_server)], history=None)
        workspace = Workspace()
        source = workspace.add_path(str(receipt_png))
        plan = RunPlan((ModelTarget("loopback", model),), "Read it", options=GenerationOptions(stream=stream))
        result = await runner.run(plan.jobs([InputRef(source.id)])[0], workspace)
        await runner.aclose()
        return result

    result = asyncio.run(scenario())
    assert result.status == Status.COMPLETED  # type: ignore[attr-defined]
    assert (result.tokens_per_second is not None) == has_speed  # type: ignore[attr-defined]
