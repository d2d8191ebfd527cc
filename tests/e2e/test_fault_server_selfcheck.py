"""Self-checks of the test servers, so they can be trusted as fixtures.

These talk to :mod:`tests.support.fault_server` with plain httpx over real sockets and look at the
raw bytes: the point is that each scenario really puts its quirk on the wire. One test (marked
``aimock``) does the same for the third-party aimock server when it is installed.
"""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest

from tests.support import fault_server
from tests.support.fault_server import (
    SCENARIOS,
    THINK_REASONING,
    U2028_SUFFIX,
    FaultServer,
    answer_chunks,
    answer_text,
    reasoning_text,
)

IMG = (  # a 1x1 PNG
    "data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8DwHwAFBQIAX8jx0gAAAABJRU5ErkJggg=="
)
PROMPT = "Describe the image"


@pytest.fixture(scope="module")
def srv() -> Iterator[FaultServer]:
    with FaultServer() as server:
        yield server


@pytest.fixture()
def server(srv: FaultServer) -> Iterator[FaultServer]:
    srv.reset()
    yield srv
    assert srv.errors == []


@pytest.fixture(scope="module")
def client() -> Iterator[httpx.Client]:
    with httpx.Client(timeout=10, trust_env=False) as c:
        yield c


def chat_body(model: str, *, stream: bool = True, **extra: Any) -> dict[str, Any]:
    body: dict[str, Any] = {
        "model": model,
        "messages": [
            {"role": "system", "content": "You are an image analysis assistant."},
            {
                "role": "user",
                "content": [
                    {"type": "text", "text": PROMPT},
                    {"type": "image_url", "image_url": {"url": IMG, "detail": "auto"}},
                ],
            },
        ],
        "max_tokens": 256,
        "temperature": 0.1,
        "stream": stream,
    }
    if stream:
        body["stream_options"] = {"include_usage": True}
    body.update(extra)
    return body


def responses_body(model: str, *, stream: bool = True, **extra: Any) -> dict[str, Any]:
    body: dict[str, Any] = {
        "model": model,
        "instructions": "You are an image analysis assistant.",
        "input": [
            {
                "role": "user",
                "content": [
                    {"type": "input_text", "text": PROMPT},
                    {"type": "input_image", "image_url": IMG, "detail": "auto"},
                ],
            }
        ],
        "max_output_tokens": 1024,
        "reasoning": {"effort": "low", "summary": "auto"},
        "store": False,
        "stream": stream,
    }
    body.update(extra)
    return body


def post_raw(client: httpx.Client, url: str, body: dict[str, Any]) -> tuple[httpx.Response, bytes]:
    with client.stream("POST", url, json=body, headers={"Authorization": "Bearer sk-test"}) as r:
        raw = b"".join(r.iter_raw())
    return r, raw


def sse_events(raw: bytes) -> list[tuple[str | None, str]]:
    """Minimal spec-following SSE parser: (event name, joined data) per dispatched event."""
    text = raw.decode("utf-8")
    events: list[tuple[str | None, str]] = []
    name: str | None = None
    data: list[str] = []
    for line in re.split(r"\r\n|\r|\n", text):  # CR, LF, CRLF only (not U+2028 etc.)
        if line == "":
            if data:
                events.append((name, "\n".join(data)))
            name, data = None, []
        elif line.startswith(":"):
            continue
        else:
            field, _, value = line.partition(":")
            value = value.removeprefix(" ")
            if field == "data":
                data.append(value)
            elif field == "event":
                name = value
    return events


def json_payloads(raw: bytes) -> list[dict[str, Any]]:
    out = []
    for _, data in sse_events(raw):
        try:
            out.append(json.loads(data))
        except ValueError:
            continue
    return out


def chat_text(raw: bytes, key: str = "content") -> str:
    return "".join(p["choices"][0]["delta"].get(key) or "" for p in json_payloads(raw) if p.get("choices"))


# --------------------------------------------------------------------------- normal answers


def test_normal_chat_stream_has_text_usage_and_done(server: FaultServer, client: httpx.Client) -> None:
    r, raw = post_raw(client, f"{server.base_url}/chat/completions", chat_body("gpt-4o"))
    assert r.status_code == 200
    assert r.headers["content-type"].startswith("text/event-stream")
    assert r.headers["transfer-encoding"] == "chunked"
    events = sse_events(raw)
    assert events[-1] == (None, "[DONE]")
    assert (
        chat_text(raw)
        == answer_text(PROMPT)
        == f"You asked: {PROMPT}. " + ("The fault server answers in several chunks.")
    )
    payloads = json_payloads(raw)
    assert len([p for p in payloads if p["choices"] and p["choices"][0]["delta"].get("content")]) == len(
        answer_chunks(PROMPT)
    )
    assert payloads[-2]["choices"][0]["finish_reason"] == "stop"
    usage_chunk = payloads[-1]
    assert usage_chunk["choices"] == []
    assert usage_chunk["usage"]["prompt_tokens"] == 100 + 85  # one image
    # the request was recorded as sent
    rec = server.last_request
    assert rec.method == "POST"
    assert rec.path == "/v1/chat/completions"
    assert rec.headers["authorization"] == "Bearer sk-test"
    assert rec.body["max_tokens"] == 256
    assert rec.body["messages"][1]["content"][1]["image_url"]["url"] == IMG
    assert json.loads(rec.raw) == rec.body


def test_chat_without_include_usage_sends_no_usage_chunk(server: FaultServer, client: httpx.Client) -> None:
    body = chat_body("gpt-4o")
    del body["stream_options"]
    _, raw = post_raw(client, f"{server.base_url}/chat/completions", body)
    assert all("usage" not in p for p in json_payloads(raw))
    assert sse_events(raw)[-1] == (None, "[DONE]")


def test_reasoning_models_send_reasoning_content(server: FaultServer, client: httpx.Client) -> None:
    _, raw = post_raw(client, f"{server.base_url}/chat/completions", chat_body("my-reasoner"))
    assert chat_text(raw, "reasoning_content") == reasoning_text(PROMPT)
    assert chat_text(raw) == answer_text(PROMPT)
    _, raw = post_raw(client, f"{server.base_url}/chat/completions", chat_body("reasoning-field"))
    assert chat_text(raw, "reasoning") == reasoning_text(PROMPT)
    r = client.post(f"{server.base_url}/chat/completions", json=chat_body("my-reasoner", stream=False))
    message = r.json()["choices"][0]["message"]
    assert message["content"] == answer_text(PROMPT)
    assert message["reasoning_content"] == reasoning_text(PROMPT)


def test_responses_stream_uses_real_event_types(server: FaultServer, client: httpx.Client) -> None:
    r, raw = post_raw(client, f"{server.base_url}/responses", responses_body("gpt-5-mini"))
    assert r.status_code == 200
    events = sse_events(raw)
    assert "[DONE]" not in [data for _, data in events]
    payloads = [json.loads(data) for _, data in events]
    types = [p["type"] for p in payloads]
    assert [name for name, _ in events] == types  # event: line matches the JSON type
    assert types[:2] == ["response.created", "response.in_progress"]
    assert types[-1] == "response.completed"
    assert "response.output_item.added" in types
    seqs = [p["sequence_number"] for p in payloads]
    assert seqs == list(range(len(seqs)))
    text = "".join(p["delta"] for p in payloads if p["type"] == "response.output_text.delta")
    summary = "".join(p["delta"] for p in payloads if p["type"] == "response.reasoning_summary_text.delta")
    assert text == answer_text(PROMPT)
    assert summary == reasoning_text(PROMPT)
    final = payloads[-1]["response"]
    assert final["status"] == "completed"
    assert final["usage"]["input_tokens"] == 185
    assert final["usage"]["output_tokens_details"]["reasoning_tokens"] > 0
    assert all(p.get("response", {}).get("usage") is None for p in payloads[:-1])


def test_responses_non_stream(server: FaultServer, client: httpx.Client) -> None:
    r = client.post(f"{server.base_url}/responses", json=responses_body("gpt-5", stream=False))
    obj = r.json()
    assert obj["object"] == "response"
    assert [item["type"] for item in obj["output"]] == ["reasoning", "message"]
    assert obj["output"][0]["summary"][0]["text"] == reasoning_text(PROMPT)
    assert obj["output"][1]["content"][0]["text"] == answer_text(PROMPT)


# --------------------------------------------------------------------------- raw-byte quirks


def test_u2028_is_sent_as_raw_utf8(server: FaultServer, client: httpx.Client) -> None:
    for url, body in (
        (f"{server.base_url}/chat/completions", chat_body("u2028")),
        (f"{server.base_url}/chat/completions", chat_body("u2028", stream=False)),
        (f"{server.base_url}/responses", responses_body("u2028")),
    ):
        _, raw = post_raw(client, url, body)
        for char in ("\u2028", "\u2029", "\u0085"):
            assert char.encode("utf-8") in raw
            assert json.dumps(char).strip('"').encode() not in raw  # no \\u escape
    _, raw = post_raw(client, f"{server.base_url}/chat/completions", chat_body("u2028"))
    assert chat_text(raw) == answer_text(PROMPT, "u2028")
    assert chat_text(raw).endswith(U2028_SUFFIX)


@pytest.mark.parametrize(("model", "eol"), [("crlf", b"\r\n"), ("cr-only", b"\r"), ("gpt-4o", b"\n")])
def test_line_endings(server: FaultServer, client: httpx.Client, model: str, eol: bytes) -> None:
    _, raw = post_raw(client, f"{server.base_url}/chat/completions", chat_body(model))
    assert raw.endswith(b"data: [DONE]" + eol + eol)
    lines = re.findall(rb"\r\n|\r|\n", raw)
    assert lines
    assert set(lines) == {eol}
    assert chat_text(raw) == answer_text(PROMPT)


def test_no_space_after_data_colon(server: FaultServer, client: httpx.Client) -> None:
    _, raw = post_raw(client, f"{server.base_url}/chat/completions", chat_body("no-space"))
    assert raw.startswith(b"data:{")
    assert b"data: " not in raw
    assert chat_text(raw) == answer_text(PROMPT)


def test_keepalive_comments_and_non_json_payload(server: FaultServer, client: httpx.Client) -> None:
    _, raw = post_raw(client, f"{server.base_url}/chat/completions", chat_body("keepalive"))
    assert raw.startswith(b": OPENROUTER PROCESSING\n\n")
    assert b": ping\n\n" in raw
    assert b"data: keep-alive\n\n" in raw
    assert chat_text(raw) == answer_text(PROMPT)
    assert sse_events(raw)[-1] == (None, "[DONE]")


def test_multiline_data_joins_to_json(server: FaultServer, client: httpx.Client) -> None:
    _, raw = post_raw(client, f"{server.base_url}/chat/completions", chat_body("multiline-data"))
    assert raw.count(b"data:") > 3 * len(sse_events(raw))
    assert chat_text(raw) == answer_text(PROMPT)


def test_think_tags_are_split_across_chunks(server: FaultServer, client: httpx.Client) -> None:
    _, raw = post_raw(client, f"{server.base_url}/chat/completions", chat_body("think-tags"))
    deltas = [
        p["choices"][0]["delta"]["content"]
        for p in json_payloads(raw)
        if p.get("choices") and p["choices"][0]["delta"].get("content")
    ]
    assert deltas[0] == "<thi"
    assert not any("<think>" in d or "</think>" in d for d in deltas)
    content = "".join(deltas)
    assert content.startswith(f"<think>\n{THINK_REASONING}\n</think>\n\n")
    assert content.split("</think>", 1)[1].lstrip() == answer_text(PROMPT, "think-tags")


# --------------------------------------------------------------------------- failures


def test_retry_after_then_success(server: FaultServer, client: httpx.Client) -> None:
    url = f"{server.base_url}/chat/completions"
    r = client.post(url, json=chat_body("retry-after", stream=False))
    assert r.status_code == 429
    assert r.headers["retry-after"] == "1"
    assert r.headers["retry-after-ms"] == "50"
    assert r.json()["error"]["code"] == "rate_limit_exceeded"
    r = client.post(url, json=chat_body("retry-after", stream=False))
    assert r.status_code == 200
    # a tagged model counts separately; reset() starts over
    assert client.post(url, json=chat_body("retry-after@x", stream=False)).status_code == 429
    assert server.hits("retry-after") == 2
    server.reset()
    assert client.post(url, json=chat_body("retry-after", stream=False)).status_code == 429


def test_server_error_once(server: FaultServer, client: httpx.Client) -> None:
    url = f"{server.base_url}/responses"
    assert client.post(url, json=responses_body("server-error-once")).status_code == 500
    r, raw = post_raw(client, url, responses_body("server-error-once"))
    assert r.status_code == 200
    assert json_payloads(raw)[-1]["type"] == "response.completed"


@pytest.mark.parametrize("endpoint", ["chat/completions", "responses"])
def test_truncated_stream_drops_connection(server: FaultServer, client: httpx.Client, endpoint: str) -> None:
    body = chat_body("truncated") if endpoint == "chat/completions" else responses_body("truncated")
    received = b""
    with (
        pytest.raises(httpx.RemoteProtocolError),
        client.stream("POST", f"{server.base_url}/{endpoint}", json=body) as r,
    ):
        for part in r.iter_raw():
            received += part
    first, second = answer_chunks(PROMPT)[:2]
    assert first.encode() in received
    assert second.encode() in received
    assert b"[DONE]" not in received
    assert b'finish_reason":"stop' not in received
    assert b"response.completed" not in received


def test_truncated_clean_and_error_mid_stream(server: FaultServer, client: httpx.Client) -> None:
    url = f"{server.base_url}/chat/completions"
    _, raw = post_raw(client, url, chat_body("truncated-clean"))
    assert chat_text(raw) == "".join(answer_chunks(PROMPT)[:2])
    assert b"[DONE]" not in raw
    assert all(p["choices"][0]["finish_reason"] is None for p in json_payloads(raw))
    _, raw = post_raw(client, url, chat_body("error-mid-stream"))
    assert chat_text(raw) == "".join(answer_chunks(PROMPT)[:2])
    assert raw.endswith(b'data: {"error":{"message":"upstream overloaded","type":"server_error"}}\n\n')


def test_responses_terminal_failures(server: FaultServer, client: httpx.Client) -> None:
    url = f"{server.base_url}/responses"
    _, raw = post_raw(client, url, responses_body("responses-incomplete"))
    last = json_payloads(raw)[-1]
    assert last["type"] == "response.incomplete"
    assert last["response"]["incomplete_details"]["reason"] == "max_output_tokens"
    _, raw = post_raw(client, url, responses_body("responses-failed"))
    last = json_payloads(raw)[-1]
    assert last["type"] == "response.failed"
    assert last["response"]["error"]["code"] == "server_error"
    _, raw = post_raw(client, url, responses_body("responses-error-event"))
    assert sse_events(raw)[-1][0] == "error"
    assert json_payloads(raw)[-1]["error"]["code"] == "context_length_exceeded"


def test_parameter_rejections(server: FaultServer, client: httpx.Client) -> None:
    url = f"{server.base_url}/chat/completions"
    r = client.post(url, json=chat_body("max-tokens-rejected", stream=False))
    assert r.status_code == 400
    assert r.json()["error"]["param"] == "max_tokens"
    body = chat_body("max-tokens-rejected", stream=False)
    body["max_completion_tokens"] = body.pop("max_tokens")
    assert client.post(url, json=body).status_code == 200
    r = client.post(url, json=chat_body("temperature-rejected", stream=False))
    assert (r.status_code, r.json()["error"]["code"]) == (400, "unsupported_value")
    ok = chat_body("temperature-rejected", stream=False, temperature=1)
    assert client.post(url, json=ok).status_code == 200
    r = client.post(f"{server.base_url}/responses", json=responses_body("summary-rejected"))
    assert (r.status_code, r.json()["error"]["param"]) == (400, "reasoning.summary")
    r = client.post(f"{server.base_url}/responses", json=responses_body("no-responses"))
    assert r.status_code == 404
    assert r.json()["error"]["message"] == "Invalid URL (POST /v1/responses)"


def test_slow_delays_first_byte(server: FaultServer, client: httpx.Client) -> None:
    start = time.monotonic()
    _, raw = post_raw(client, f"{server.base_url}/chat/completions", chat_body("slow-150-0"))
    assert time.monotonic() - start >= 0.15
    assert chat_text(raw) == answer_text(PROMPT)


def test_fast_stream_sends_n_chunks(server: FaultServer, client: httpx.Client) -> None:
    _, raw = post_raw(client, f"{server.base_url}/chat/completions", chat_body("fast-stream-500"))
    assert chat_text(raw) == answer_text(PROMPT, "fast-stream-500")
    assert len(json_payloads(raw)) == 1 + 500 + 2  # role, text, finish, usage


# --------------------------------------------------------------------------- every scenario


ERROR_STATUS = {
    "html-502": 502,
    "unauthorized": 401,
    "quota": 429,
    "no-channel": 503,
    "vllm-error": 404,
    "bare-string-error": 400,
    "anthropic-error": 529,
    "too-large": 413,
    "max-tokens-rejected": 400,
    "temperature-rejected": 400,
    "retry-after": 429,
    "server-error-once": 500,
}


@pytest.mark.parametrize("endpoint", ["chat/completions", "responses"])
@pytest.mark.parametrize("stream", [True, False], ids=["stream", "plain"])
@pytest.mark.parametrize("model", [s for s in SCENARIOS if not s.startswith("slow")])
def test_every_scenario_answers(
    server: FaultServer, client: httpx.Client, model: str, endpoint: str, stream: bool
) -> None:
    make = chat_body if endpoint == "chat/completions" else responses_body
    try:
        r, _ = post_raw(client, f"{server.base_url}/{endpoint}", make(model, stream=stream))
    except httpx.RemoteProtocolError:
        assert model == "truncated"
        return
    expected = ERROR_STATUS.get(model)
    if endpoint == "responses" and model in ("max-tokens-rejected", "temperature-rejected"):
        expected = None  # the Responses body has neither max_tokens nor temperature
    elif endpoint == "responses" and model == "summary-rejected":
        expected = 400
    elif endpoint == "responses" and model == "no-responses":
        expected = 404
    elif endpoint == "responses" and model in ("responses-error-event", "responses-error-flat"):
        expected = None if stream else 400
    assert r.status_code == (expected or 200)


def test_models_lists_scenarios_and_unknown_paths_404(server: FaultServer, client: httpx.Client) -> None:
    ids = [m["id"] for m in client.get(f"{server.base_url}/models").json()["data"]]
    assert set(SCENARIOS) <= set(ids)
    r = client.post(f"{server.root_url}/chat/completions", json=chat_body("gpt-4o"))
    assert r.status_code == 404
    assert r.json()["error"]["message"] == "Invalid URL (POST /chat/completions)"
    assert [req.path for req in server.requests] == ["/v1/models", "/chat/completions"]


def test_every_scenario_is_documented() -> None:
    doc = fault_server.__doc__ or ""
    for name in SCENARIOS:
        base = re.sub(r"-\d+$", "-N", name)
        assert f"``{name}``" in doc or f"``{base}``" in doc, name


def test_api_key_option() -> None:
    with FaultServer(api_key="sk-right") as s, httpx.Client(trust_env=False) as c:
        url = f"{s.base_url}/chat/completions"
        bad = c.post(url, json=chat_body("gpt-4o", stream=False), headers={"Authorization": "Bearer x"})
        assert bad.status_code == 401
        assert bad.json()["error"]["code"] == "invalid_api_key"
        good = c.post(
            url, json=chat_body("gpt-4o", stream=False), headers={"Authorization": "Bearer sk-right"}
        )
        assert good.status_code == 200


def test_standalone_cli_prints_base_url() -> None:
    script = Path(fault_server.__file__)
    proc = subprocess.Popen(
        [sys.executable, str(script), "--port", "0"],
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
        text=True,
    )
    try:
        assert proc.stdout is not None
        url = proc.stdout.readline().strip()
        assert re.fullmatch(r"http://127\.0\.0\.1:\d+/v1", url)
        r = httpx.get(f"{url}/models", timeout=5, trust_env=False)
        assert r.status_code == 200
    finally:
        proc.terminate()
        proc.wait(5)
        if proc.stdout is not None:
            proc.stdout.close()


# --------------------------------------------------------------------------- aimock


@pytest.mark.aimock
def test_aimock_serves_vision_chat_and_responses() -> None:
    from tests.support import aimock

    if not aimock.aimock_installed():
        message = "aimock not installed: run tests/support/install-aimock.sh"
        if os.environ.get("CI"):
            pytest.fail(message)
        pytest.skip(message)
    messages = [
        {
            "role": "user",
            "content": [
                {"type": "text", "text": aimock.VISION_PROMPT},
                {"type": "image_url", "image_url": {"url": IMG, "detail": "auto"}},
            ],
        }
    ]
    with aimock.aimock_server() as base_url, httpx.Client(timeout=10, trust_env=False) as c:
        body = {
            "model": "gpt-4o",
            "messages": messages,
            "stream": True,
            "stream_options": {"include_usage": True},
        }
        r, raw = post_raw(c, f"{base_url}/chat/completions", body)
        assert r.status_code == 200
        assert chat_text(raw) == aimock.VISION_ANSWER
        assert chat_text(raw, "reasoning_content") == aimock.VISION_REASONING
        assert sse_events(raw)[-1] == (None, "[DONE]")
        assert json_payloads(raw)[-1]["usage"] == aimock.VISION_USAGE
        plain = c.post(f"{base_url}/chat/completions", json={**body, "stream": False}).json()
        assert plain["choices"][0]["message"]["content"] == aimock.VISION_ANSWER
        resp_body = {
            "model": "gpt-5-mini",
            "input": [
                {
                    "role": "user",
                    "content": [
                        {"type": "input_text", "text": aimock.VISION_PROMPT},
                        {"type": "input_image", "image_url": IMG, "detail": "auto"},
                    ],
                }
            ],
            "stream": True,
        }
        _, raw = post_raw(c, f"{base_url}/responses", resp_body)
        payloads = json_payloads(raw)
        assert payloads[-1]["type"] == "response.completed"
        text = "".join(p["delta"] for p in payloads if p["type"] == "response.output_text.delta")
        assert text == aimock.VISION_ANSWER
        miss = c.post(
            f"{base_url}/chat/completions",
            json={"model": "gpt-4o", "messages": [{"role": "user", "content": "unknown"}]},
        )
        assert miss.status_code == 404
