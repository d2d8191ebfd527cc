"""``--via batch-api`` against a loopback server implementing /v1/files and /v1/batches."""

from __future__ import annotations

import asyncio
import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest

from tests.support.batch_api_server import BatchApiServer
from visiondesk.api.batch_api import CHAT_ENDPOINT, RESPONSES_ENDPOINT, BatchApiClient, BatchInfo
from visiondesk.batch.remote import RemoteBatch, RemoteJob, state_path_for
from visiondesk.core.errors import AnalysisError
from visiondesk.core.structured import schema_from_mapping
from visiondesk.store.batch_output import BatchOutput

KEY = "sk-batch-secret-123"


@pytest.fixture
def server() -> Iterator[BatchApiServer]:
    with BatchApiServer(polls_to_finish=3) as srv:
        yield srv
        assert srv.errors == []


def jobs(models: tuple[str, ...] = ("gpt-4o-mini",), count: int = 3, **body: Any) -> list[RemoteJob]:
    return [RemoteJob(f"scans/img{i}.png", model,
                      {"model": model, "messages": [{"role": "user", "content": [
                          {"type": "text", "text": f"Read img{i}"}]}], "stream": True, **body})
            for i in range(count) for model in models]


async def run(server: BatchApiServer, out: Path, todo: list[RemoteJob], **kwargs: Any) -> list[dict[str, Any]]:
    async with httpx.AsyncClient() as http:
        client = BatchApiClient(http, server.base_url, KEY)
        with BatchOutput.open(out) as output:
            batch = RemoteBatch(client, output, server.base_url, kwargs.pop("endpoint", CHAT_ENDPOINT),
                                "Loopback", first_poll=0.01, max_poll=0.02, **kwargs)
            return await batch.run(todo)


def rows(out: Path) -> list[dict[str, Any]]:
    return [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]


def test_batch_is_uploaded_polled_and_mapped_back_by_custom_id(server: BatchApiServer, tmp_path: Path) -> None:
    out = tmp_path / "results.jsonl"
    updates: list[str] = []
    written = asyncio.run(run(server, out, jobs(("gpt-4o-mini", "fail-model")),
                              on_update=lambda info: updates.append(info.status)))
    assert len(written) == 6
    assert updates[0] == "validating" and updates[-1] == "completed"
    by_pair = {(r["source"], r["model"]): r for r in rows(out)}
    assert len(by_pair) == 6
    ok = by_pair[("scans/img1.png", "gpt-4o-mini")]
    # the server answers in reverse order: the text proves each line found its own pair
    assert ok["status"] == "completed" and ok["text"] == "Batch answer to: Read img1"
    assert ok["usage"]["input_tokens"] == 185 and ok["batch_id"].startswith("batch_")
    failed = by_pair[("scans/img2.png", "fail-model")]
    assert failed["status"] == "failed"
    assert failed["error"]["message"] == "Invalid image for vd-5" and failed["error"]["status"] == 400
    assert not state_path_for(out).exists()
    uploaded = next(iter(server.files.values())).splitlines()
    first = json.loads(uploaded[0])
    assert first["url"] == CHAT_ENDPOINT and first["method"] == "POST"
    assert "stream" not in first["body"]  # batch requests are never streamed
    assert ("GET", "/v1/batches") in server.requests  # probed once before uploading


def test_a_later_run_resumes_polling_instead_of_submitting_again(server: BatchApiServer, tmp_path: Path) -> None:
    out = tmp_path / "results.jsonl"
    server.polls_to_finish = 1000

    async def interrupted() -> None:
        with pytest.raises(TimeoutError):
            await asyncio.wait_for(run(server, out, jobs()), timeout=0.5)

    asyncio.run(interrupted())
    state = json.loads(state_path_for(out).read_text(encoding="utf-8"))
    assert state["batch_id"] in server.batches and len(state["jobs"]) == 3
    assert out.read_bytes() == b""

    server.polls_to_finish = 1  # it finishes while we were away
    written = asyncio.run(run(server, out, jobs()))
    assert len(server.batches) == 1  # polled the saved batch, paid for nothing twice
    assert [r["status"] for r in written] == ["completed"] * 3
    assert not state_path_for(out).exists()
    assert asyncio.run(run(server, out, jobs())) == []  # all done: nothing submitted
    assert len(server.batches) == 1


def test_expired_batch_writes_failed_rows_and_the_next_run_sends_only_those(tmp_path: Path) -> None:
    out = tmp_path / "results.jsonl"
    with BatchApiServer(polls_to_finish=2, final_status="expired") as server:
        first = asyncio.run(run(server, out, jobs(count=4)))
        assert [r["status"] for r in first] == ["completed", "completed", "failed", "failed"]
        assert "completion window expired" in first[2]["error"]["message"]
        server.final_status = "completed"
        second = asyncio.run(run(server, out, jobs(count=4)))
        assert [(r["source"], r["status"]) for r in second] == [
            ("scans/img2.png", "completed"), ("scans/img3.png", "completed")]
        resent = list(server.files.values())[-2]  # input of the second batch (then its output)
        assert len(resent.splitlines()) == 2
    assert len(rows(out)) == 4 and all(r["status"] == "completed" for r in rows(out))


def test_a_provider_without_a_batch_api_is_told_plainly(tmp_path: Path) -> None:
    with BatchApiServer(has_batch_api=False) as server:
        with pytest.raises(AnalysisError, match=r"This provider has no Batch API .*HTTP 404"):
            asyncio.run(run(server, tmp_path / "r.jsonl", jobs()))
        assert server.requests == [("GET", "/v1/batches")]  # probed, nothing uploaded
        assert not state_path_for(tmp_path / "r.jsonl").exists()


def test_structured_answers_land_as_data(server: BatchApiServer, tmp_path: Path) -> None:
    schema = schema_from_mapping({"type": "object", "properties": {
        "merchant": {"type": "string"}, "total": {"type": "number"}}}, "receipt")
    out = tmp_path / "results.jsonl"
    written = asyncio.run(run(server, out, jobs(count=1, response_format={"type": "json_object"}),
                              schema=schema, endpoint=RESPONSES_ENDPOINT))
    assert written[0]["data"] == {"merchant": "华联超市 gpt-4o-mini", "total": 42.5}
    assert written[0]["status"] == "completed"


def test_a_key_echoed_by_the_server_is_redacted(tmp_path: Path) -> None:
    with BatchApiServer(echo_key_401=True) as server, pytest.raises(AnalysisError) as caught:
        asyncio.run(run(server, tmp_path / "r.jsonl", jobs()))
    assert caught.value.status == 401 and "Incorrect API key provided" in str(caught.value)
    assert KEY not in str(caught.value)


def test_batch_info_reads_validation_errors() -> None:
    info = BatchInfo.from_wire({"id": "batch_1", "status": "failed", "errors": {"data": [
        {"code": "invalid_json", "message": "Line is not JSON", "line": 3}]}})
    assert info.done and info.message == "Line is not JSON (line 3)"


def test_result_files_are_read_defensively() -> None:
    from visiondesk.api.batch_api import events_for, parse_result_file
    from visiondesk.core.events import Failed, TextDelta

    data = b"\n".join([
        b'{"custom_id": "a", "response": {"status_code": 200, "body": {"choices": [{"message": {"content": "hi"}, "finish_reason": "stop"}]}}}',
        b"not json at all",
        b'{"no_custom_id": true}',
        b'{"custom_id": "b", "response": {"status_code": 429, "body": {"error": {"message": "Slow down", "type": "requests"}}}}',
        b'{"custom_id": "c", "response": null, "error": {"code": "batch_expired", "message": "expired"}}',
        b'{"custom_id": "d", "response": {"status_code": 200}}',
        b"",
    ])
    lines = {line.custom_id: line for line in parse_result_file(data)}
    assert sorted(lines) == ["a", "b", "c", "d"]
    assert events_for(lines["a"], CHAT_ENDPOINT)[0] == TextDelta("hi")
    failed = {k: events_for(lines[k], CHAT_ENDPOINT)[-1] for k in "bcd"}
    assert all(isinstance(e, Failed) for e in failed.values())
    assert "Slow down" in str(failed["b"].error) and failed["b"].error.status == 429  # type: ignore[union-attr]
    assert "expired" in str(failed["c"].error)  # type: ignore[union-attr]
    assert "no response body" in str(failed["d"].error)  # type: ignore[union-attr]


def test_ids_from_a_state_file_or_server_cannot_steer_the_url() -> None:
    from visiondesk.api.batch_api import _safe_id

    assert _safe_id("batch_abc-123.x") == "batch_abc-123.x"
    for bad in ("../files", "a/b", "x?y=1", "", "é"):
        with pytest.raises(AnalysisError, match="Unusable batch or file id"):
            _safe_id(bad)
