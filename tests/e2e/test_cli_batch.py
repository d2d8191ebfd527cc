"""``visiondesk batch`` as a real process against loopback servers: resume after SIGKILL, CSV
columns from a schema, failures listed with their reasons."""

from __future__ import annotations

import csv
import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

import pytest
from PIL import Image, ImageDraw

from tests.support.batch_api_server import BatchApiServer
from tests.support.fault_server import FaultServer

SCHEMA = {"title": "receipt", "type": "object",
          "properties": {"merchant": {"type": "string"}, "total": {"type": "number"}},
          "required": ["merchant", "total"]}


def env_for(home: Path) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k != "VISIONDESK_API_KEY"}
    env.update(VISIONDESK_HOME=str(home), NO_PROXY="127.0.0.1", no_proxy="127.0.0.1",
               PYTHONUNBUFFERED="1", VISIONDESK_API_KEY="sk-test")
    return env


def make_folder(root: Path, count: int, broken: bool = False) -> Path:
    folder = root / "收据"
    (folder / "more").mkdir(parents=True)
    for i in range(count):
        image = Image.new("RGB", (160, 90), "white")
        ImageDraw.Draw(image).text((10, 10), f"No. {i}", fill="black")
        image.save(folder / ("more" if i % 3 == 0 else ".") / f"r{i:03d}.png")
    (folder / "notes.txt").write_text("not an image", encoding="utf-8")  # not picked up
    (folder / ".hidden.png").write_bytes(b"skipped")
    if broken:
        (folder / "broken.png").write_bytes(b"this is not a PNG")
    return folder


def batch_cmd(*args: str) -> list[str]:
    return [sys.executable, "-m", "visiondesk", "batch", *args]


def run(home: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(batch_cmd(*args), capture_output=True, text=True, timeout=120, env=env_for(home))


def read_rows(out: Path) -> list[dict[str, Any]]:
    data = out.read_bytes()
    assert data.endswith(b"\n"), "the results file ends inside a line"
    return [json.loads(line) for line in data.splitlines()]


def test_sigkill_mid_batch_then_resume_writes_every_pair_exactly_once(
        fault_server: FaultServer, tmp_path: Path, isolated_home: Path) -> None:
    folder = make_folder(tmp_path, 12)
    out = tmp_path / "results.jsonl"
    models = ("slow-100-10@a", "slow-100-10@b")
    args = [str(folder), "--base-url", fault_server.base_url, "--model", models[0], "--model", models[1],
            "--api", "chat", "--concurrency", "3", "--out", str(out)]
    proc = subprocess.Popen(batch_cmd(*args), stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
                            env=env_for(isolated_home))
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline and (not out.exists() or out.read_bytes().count(b"\n") < 5):
        time.sleep(0.01)
    proc.send_signal(signal.SIGKILL)
    proc.wait(timeout=30)
    before = out.read_bytes()
    assert 5 <= before.count(b"\n") < 24, "killed too late to test resuming"
    done_before = {(r["source"], r["model"]) for r in
                   (json.loads(line) for line in before.splitlines(keepends=True) if line.endswith(b"\n"))}
    sent_before = len(fault_server.requests)

    again = run(isolated_home, *args)
    assert again.returncode == 0, again.stderr
    rows = read_rows(out)
    pairs = [(r["source"], r["model"]) for r in rows]
    assert len(pairs) == len(set(pairs)) == 24  # every pair, exactly once
    assert all(r["status"] == "completed" for r in rows)
    assert {Path(s).name for s, _ in pairs} == {f"r{i:03d}.png" for i in range(12)}
    # the rerun sent only what was not already done
    assert len(fault_server.requests) - sent_before == 24 - len(done_before)
    assert f"{len(done_before)} already done" in again.stderr

    third = run(isolated_home, *args)  # nothing left: nothing sent, the file unchanged
    assert third.returncode == 0 and len(fault_server.requests) - sent_before == 24 - len(done_before)
    assert read_rows(out) == rows


def test_schema_gives_a_csv_with_one_column_per_field(tmp_path: Path, isolated_home: Path) -> None:
    folder = make_folder(tmp_path, 3)
    schema = tmp_path / "receipt.schema.json"
    schema.write_text(json.dumps(SCHEMA), encoding="utf-8")
    out, table = tmp_path / "results.jsonl", tmp_path / "results.csv"
    with BatchApiServer() as server:
        proc = run(isolated_home, str(folder), "--base-url", server.base_url, "--model", "gpt-4o",
                   "--model", "prose-relay", "--api", "chat", "--schema", str(schema),
                   "--out", str(out), "--csv", str(table))
        sent = server.live_requests[0]
    assert proc.returncode == 0, proc.stderr
    assert sent["response_format"]["type"] == "json_schema"
    assert sent["response_format"]["json_schema"]["strict"] is True
    raw = table.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")
    lines = list(csv.reader(raw.decode("utf-8-sig").splitlines()))
    assert lines[0] == ["source", "model", "status", "merchant", "total", "error"]
    assert len(lines) == 7
    by_model = {row[1]: row for row in lines[1:]}
    assert by_model["gpt-4o"][2:5] == ["completed", "华联超市 gpt-4o", "42.5"]
    # prose around fenced JSON still gives the fields
    assert by_model["prose-relay"][2:5] == ["completed", "华联超市 prose-relay", "42.5"]
    assert read_rows(out)[0]["data"]["total"] == 42.5


def test_an_answer_that_does_not_fit_is_retried_once_then_marked_invalid(
        tmp_path: Path, isolated_home: Path) -> None:
    folder = make_folder(tmp_path, 1)
    schema = tmp_path / "receipt.json"
    schema.write_text(json.dumps(SCHEMA), encoding="utf-8")
    out = tmp_path / "r.jsonl"
    with BatchApiServer() as server:
        proc = run(isolated_home, str(folder), "--base-url", server.base_url, "--model", "flaky-json",
                   "--model", "json-misfit", "--api", "chat", "--schema", str(schema), "--out", str(out))
        models = [r["model"] for r in server.live_requests]
    assert proc.returncode == 1
    assert models.count("flaky-json") == 2 and models.count("json-misfit") == 2  # one retry each
    rows = {r["model"]: r for r in read_rows(out)}
    assert rows["flaky-json"]["status"] == "completed" and rows["flaky-json"]["data"]["total"] == 42.5
    misfit = rows["json-misfit"]
    assert misfit["status"] == "invalid" and misfit["data"] == {"merchant": "华联超市", "total": "十二元"}
    assert "$.total: '十二元' is not of type 'number'" in misfit["error"]["message"]
    assert "json-misfit: invalid: Does not fit the schema" in proc.stderr
    # history has every attempt, checked the same way
    listed = subprocess.run([sys.executable, "-m", "visiondesk", "history", "--json"], capture_output=True,
                            text=True, timeout=60, env=env_for(isolated_home))
    runs = [json.loads(line) for line in listed.stdout.splitlines()]
    assert sorted((r["model"], r["status"]) for r in runs) == [
        ("flaky-json", "completed"), ("flaky-json", "invalid"), ("json-misfit", "invalid"),
        ("json-misfit", "invalid")]
    assert {r["data"]["total"] for r in runs if r["model"] == "json-misfit"} == {"十二元"}


def test_a_failing_image_is_listed_with_its_reason_and_the_rest_complete(
        fault_server: FaultServer, tmp_path: Path, isolated_home: Path) -> None:
    folder = make_folder(tmp_path, 4, broken=True)
    out = tmp_path / "r.jsonl"
    table = tmp_path / "r.csv"
    proc = run(isolated_home, str(folder), "--base-url", fault_server.base_url, "--model", "gpt-4o",
               "--api", "chat", "--out", str(out), "--csv", str(table))
    assert proc.returncode == 1
    rows = read_rows(out)
    assert len(rows) == 5
    broken = [r for r in rows if r["status"] != "completed"]
    assert [Path(r["source"]).name for r in broken] == ["broken.png"]
    assert "1 not completed:" in proc.stderr
    assert "broken.png × gpt-4o: failed:" in proc.stderr and "image" in broken[0]["error"]["message"]
    lines = list(csv.reader(table.read_text(encoding="utf-8-sig").splitlines()))
    assert lines[0] == ["source", "model", "status", "text", "error"]
    assert sum(1 for row in lines if row[2] == "failed" and row[4]) == 1


def test_usage_errors(tmp_path: Path, isolated_home: Path) -> None:
    bad = tmp_path / "bad.json"
    bad.write_text('{"type": "object", "properties": {"a": {"type": "nope"}}}', encoding="utf-8")
    proc = run(isolated_home, str(tmp_path), "--base-url", "http://127.0.0.1:9/v1", "--model", "m",
               "--schema", str(bad), "--out", str(tmp_path / "r.jsonl"))
    assert proc.returncode == 2 and "not a valid JSON Schema" in proc.stderr
    empty = tmp_path / "empty"
    empty.mkdir()
    proc = run(isolated_home, str(empty), "--base-url", "http://127.0.0.1:9/v1", "--model", "m",
               "--out", str(tmp_path / "r.jsonl"))
    assert proc.returncode == 2 and "no images found" in proc.stderr


@pytest.mark.parametrize("via_missing", [False, True])
def test_via_batch_api_collects_the_batch(tmp_path: Path, isolated_home: Path, via_missing: bool) -> None:
    folder = make_folder(tmp_path, 3)
    out = tmp_path / "r.jsonl"
    with BatchApiServer(polls_to_finish=2, has_batch_api=not via_missing) as server:
        proc = run(isolated_home, str(folder), "--base-url", server.base_url, "--model", "gpt-4o",
                   "--via", "batch-api", "--out", str(out))
    if via_missing:
        assert proc.returncode == 1 and "This provider has no Batch API" in proc.stderr
        return
    assert proc.returncode == 0, proc.stderr
    rows = read_rows(out)
    assert len(rows) == 3 and {r["status"] for r in rows} == {"completed"}
    assert all(r["text"].startswith("Batch answer to: ") for r in rows)
    assert not (tmp_path / "r.jsonl.batch.json").exists()


def test_analyze_schema_gives_data_or_invalid_after_one_retry(
        receipt_png: Path, tmp_path: Path, isolated_home: Path) -> None:
    schema = tmp_path / "receipt.json"
    schema.write_text(json.dumps(SCHEMA), encoding="utf-8")
    with BatchApiServer() as server:
        command = [sys.executable, "-m", "visiondesk", "analyze", str(receipt_png), "--base-url", server.base_url,
                   "--api", "chat", "--schema", str(schema), "--model", "json-misfit"]
        proc = subprocess.run([*command, "--model", "gpt-4o", "--json"],
                              capture_output=True, text=True, timeout=60, env=env_for(isolated_home))
        models = [r["model"] for r in server.live_requests]
        plain = subprocess.run(command, capture_output=True, text=True, timeout=60, env=env_for(isolated_home))
    assert proc.returncode == 1
    results = {r["model"]: r for r in map(json.loads, proc.stdout.splitlines())}
    assert results["gpt-4o"]["status"] == "completed"
    assert results["gpt-4o"]["data"] == {"merchant": "华联超市 gpt-4o", "total": 42.5}
    assert results["json-misfit"]["status"] == "invalid"
    assert results["json-misfit"]["error"]["code"] == "schema_mismatch"
    assert models.count("json-misfit") == 2 and models.count("gpt-4o") == 1
    assert "[json-misfit] Does not fit the schema: $.total: '十二元' is not of type 'number'; asking once more." \
        in proc.stderr
    assert plain.returncode == 1 and plain.stdout.count('"merchant"') == 2  # both answers shown
    assert "[json-misfit] error (invalid_response): Does not fit the schema" in plain.stderr
    assert "does not fit --schema" in plain.stderr


def test_a_relay_without_json_schema_gets_json_object_and_the_schema_in_the_prompt(
        tmp_path: Path, isolated_home: Path) -> None:
    folder = make_folder(tmp_path, 2)
    schema = tmp_path / "receipt.json"
    schema.write_text(json.dumps(SCHEMA), encoding="utf-8")
    out = tmp_path / "r.jsonl"
    with BatchApiServer() as server:
        args = [str(folder), "--base-url", server.base_url, "--model", "no-json-schema", "--api", "chat",
                "--schema", str(schema), "--concurrency", "1", "--out", str(out)]
        proc = run(isolated_home, *args)
        sent = list(server.live_requests)
        out.unlink()
        again = run(isolated_home, *args)  # remembered: no second 400
        sent_again = list(server.live_requests[len(sent):])
    assert proc.returncode == 0, proc.stderr
    assert [r["response_format"]["type"] for r in sent] == ["json_schema", "json_object", "json_object"]
    prompt = sent[1]["messages"][-1]["content"][0]["text"]
    assert "Answer with one JSON object only" in prompt and '"merchant"' in prompt
    assert {r["status"] for r in read_rows(out)} == {"completed"}
    assert read_rows(out)[0]["data"]["total"] == 42.5
    assert again.returncode == 0 and [r["response_format"]["type"] for r in sent_again] == ["json_object"] * 2


def test_via_batch_api_interrupted_then_run_again_polls_the_same_batch(tmp_path: Path, isolated_home: Path) -> None:
    folder = make_folder(tmp_path, 2)
    out = tmp_path / "r.jsonl"
    state = tmp_path / "r.jsonl.batch.json"
    with BatchApiServer(polls_to_finish=10_000) as server:
        args = [str(folder), "--base-url", server.base_url, "--model", "gpt-4o", "--via", "batch-api",
                "--out", str(out)]
        proc = subprocess.Popen(batch_cmd(*args), stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
                                env=env_for(isolated_home))
        deadline = time.monotonic() + 60
        while not state.exists() and time.monotonic() < deadline and proc.poll() is None:
            time.sleep(0.02)
        proc.send_signal(signal.SIGINT)
        _, err = proc.communicate(timeout=30)
        assert proc.returncode == 130, err
        assert json.loads(state.read_text(encoding="utf-8"))["batch_id"] in server.batches
        server.polls_to_finish = 1
        again = run(isolated_home, *args)
        assert again.returncode == 0, again.stderr
        assert len(server.batches) == 1 and len(server.files) == 2  # one input, one output: nothing re-sent
    assert [r["status"] for r in read_rows(out)] == ["completed", "completed"]
    assert not state.exists()
