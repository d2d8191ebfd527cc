"""The hostile scenarios of the fault server do what they say (so the hostile tests can trust
them): raw httpx against each, with a bounded read."""

from __future__ import annotations

import json
import time

import httpx
import pytest

from tests.support.fault_server import FaultServer
from tests.support.hostile_scenarios import gzip_bomb

KEY = "sk-hostile-test-1234567890"


@pytest.fixture(scope="module")
def server() -> FaultServer:
    with FaultServer() as srv:
        yield srv


def _post(server: FaultServer, model: str, *, stream: bool = False) -> httpx.Response:
    return httpx.post(f"{server.base_url}/chat/completions", json={
        "model": model, "stream": stream, "messages": [{"role": "user", "content": "hi"}]},
        headers={"Authorization": f"Bearer {KEY}"}, timeout=10)


def test_gzip_bomb_is_small_on_the_wire_and_huge_inflated(server: FaultServer) -> None:
    assert len(gzip_bomb(64)) < 200_000
    with httpx.stream("POST", f"{server.base_url}/chat/completions",
                      json={"model": "gzip-bomb-500-64", "messages": []}, timeout=10) as response:
        assert response.status_code == 500
        assert response.headers["content-encoding"] == "gzip"
        inflated = 0
        for chunk in response.iter_bytes():
            inflated += len(chunk)
            if inflated > 10 * 1024 * 1024:
                break
    assert inflated > 10 * 1024 * 1024


def test_echo_key_puts_the_key_everywhere(server: FaultServer) -> None:
    body = _post(server, "echo-key").json()["error"]
    for field in ("message", "type", "code", "param"):
        assert KEY in body[field]
    assert "\x1b" in body["message"] and "admin:s3cret@" in body["message"]


def test_gzip_stream_decodes(server: FaultServer) -> None:
    with httpx.stream("POST", f"{server.base_url}/chat/completions", json={
            "model": "gzip-stream", "stream": True, "messages": []}, timeout=10) as response:
        assert response.headers["content-encoding"] == "gzip"
        text = b"".join(response.iter_bytes()).decode()
    contents = [json.loads(line[6:])["choices"][0]["delta"]["content"]
                for line in text.splitlines() if line.startswith("data: {")]
    assert "".join(contents) == "gzip streams work"


def test_keepalive_forever_sends_only_comments(server: FaultServer) -> None:
    started = time.monotonic()
    with httpx.stream("POST", f"{server.base_url}/chat/completions", json={
            "model": "keepalive-forever", "stream": True, "messages": []}, timeout=10) as response:
        seen = b""
        for chunk in response.iter_bytes():
            seen += chunk
            if time.monotonic() - started > 0.5:
                break
    assert seen.startswith(b": ping") and b"data:" not in seen


def test_absurd_usage(server: FaultServer) -> None:
    usage = json.loads(_post(server, "absurd-usage").text, parse_int=lambda s: len(s))["usage"]
    assert usage["prompt_tokens"] == 4000  # digits
