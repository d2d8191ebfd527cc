"""The service's decisions (retries, adaptations, API fallback, redaction) over a fake transport.

End-to-end behaviour over real sockets lives in tests/e2e; these pin the decision logic.
"""

from __future__ import annotations

import asyncio
import json
from pathlib import Path

import httpx

from visiondesk.api.adaptations import USE_MAX_COMPLETION_TOKENS
from visiondesk.api.http_backend import HttpBackend
from visiondesk.api.runner import run_job
from visiondesk.config.compat import CompatMemory
from visiondesk.config.providers import ProviderConfig
from visiondesk.core.events import Status
from visiondesk.core.inputs import RemoteImage
from visiondesk.core.request import AnalysisRequest, ApiStyle, GenerationOptions
from visiondesk.core.result import AnalysisResult

KEY = "sk-test-secret-1234567890"
CHAT_OK = {"choices": [{"message": {"content": "fine"}, "finish_reason": "stop"}],
           "usage": {"prompt_tokens": 5, "completion_tokens": 1}}


def provider(style: ApiStyle = ApiStyle.CHAT) -> ProviderConfig:
    return ProviderConfig(id="relay", name="Relay", base_url="https://relay.example", api_style=style)


def request(**options: object) -> AnalysisRequest:
    return AnalysisRequest(model="gpt-5-mini", prompt="hi", images=(RemoteImage("https://x/a.png"),),
                           options=GenerationOptions(stream=False, **options))  # type: ignore[arg-type]


class Recorder:
    """A scripted server: each call pops the next response."""

    def __init__(self, *responses: httpx.Response) -> None:
        self.responses = list(responses)
        self.calls: list[httpx.Request] = []

    def __call__(self, req: httpx.Request) -> httpx.Response:
        self.calls.append(req)
        return self.responses.pop(0)

    def bodies(self) -> list[dict]:
        return [json.loads(c.content) for c in self.calls]


def run(recorder: Recorder, prov: ProviderConfig, req: AnalysisRequest, tmp_path: Path,
        sleeps: list[float] | None = None) -> tuple[AnalysisResult, HttpBackend]:
    async def fake_sleep(seconds: float) -> None:
        if sleeps is not None:
            sleeps.append(seconds)

    async def go() -> tuple[AnalysisResult, HttpBackend]:
        service = HttpBackend(compat=CompatMemory.load(tmp_path / "compat.json"),
                                transport=httpx.MockTransport(recorder), sleep=fake_sleep)
        result = AnalysisResult(source="a", model=req.model, provider=prov.name)
        await run_job(service, prov, req, KEY, result)
        await service.aclose()
        return result, service

    return asyncio.run(go())


def test_rate_limit_retries_after_the_servers_wait(tmp_path: Path) -> None:
    sleeps: list[float] = []
    rec = Recorder(httpx.Response(429, json={"error": {"message": "slow down"}}, headers={"retry-after-ms": "50"}),
                   httpx.Response(503, text="<html><title>503 Service Unavailable</title></html>"),
                   httpx.Response(200, json=CHAT_OK))
    result, _ = run(rec, provider(), request(), tmp_path, sleeps)
    assert (result.status, result.text, len(rec.calls)) == (Status.COMPLETED, "fine", 3)
    assert sleeps[0] == 0.05 and 0 < sleeps[1] <= 1.0
    assert len(result.notices) == 2 and "retrying" in result.notices[0]


def test_gives_up_after_two_retries(tmp_path: Path) -> None:
    rec = Recorder(*[httpx.Response(502, text="<title>502 Bad Gateway</title>") for _ in range(3)])
    result, _ = run(rec, provider(), request(), tmp_path, [])
    assert (result.status, len(rec.calls), str(result.error)) == (Status.FAILED, 3, "HTTP 502: 502 Bad Gateway")


def test_quota_and_auth_are_never_retried(tmp_path: Path) -> None:
    for status, payload in ((429, {"error": {"message": "quota", "code": "insufficient_quota"}}),
                            (401, {"error": {"message": "bad key", "code": "invalid_api_key"}})):
        rec = Recorder(httpx.Response(status, json=payload))
        result, _ = run(rec, provider(), request(), tmp_path, [])
        assert (result.status, len(rec.calls)) == (Status.FAILED, 1)


def test_max_tokens_rejection_is_adapted_once_and_remembered(tmp_path: Path) -> None:
    rejection = {"error": {"message": "Unsupported parameter: 'max_tokens' is not supported with this model.",
                           "type": "invalid_request_error", "param": "max_tokens",
                           "code": "unsupported_parameter"}}
    rec = Recorder(httpx.Response(400, json=rejection), httpx.Response(200, json=CHAT_OK))
    result, service = run(rec, provider(), request(max_tokens=100), tmp_path)
    assert result.status == Status.COMPLETED
    assert "max_tokens" in rec.bodies()[0] and rec.bodies()[1]["max_completion_tokens"] == 100
    assert USE_MAX_COMPLETION_TOKENS in service.compat.adapted("relay", "gpt-5-mini")
    service.compat.save_if_changed()  # the session's runner does this in a worker thread
    # The next run (a fresh process reading the same file) sends the right name first time.
    rec2 = Recorder(httpx.Response(200, json=CHAT_OK))
    run(rec2, provider(), request(max_tokens=100), tmp_path)
    assert "max_completion_tokens" in rec2.bodies()[0]


def test_auto_falls_back_from_responses_to_chat_and_remembers(tmp_path: Path) -> None:
    missing = {"error": {"message": "Invalid URL (POST /v1/responses)", "type": "invalid_request_error"}}
    rec = Recorder(httpx.Response(404, json=missing), httpx.Response(200, json=CHAT_OK))
    result, service = run(rec, provider(ApiStyle.AUTO), request(), tmp_path)
    assert [c.url.path for c in rec.calls] == ["/v1/responses", "/v1/chat/completions"]
    assert (result.status, result.api, service.compat.api_style("relay")) == (Status.COMPLETED, "chat", "chat")


def test_model_not_found_on_responses_is_not_an_api_fallback(tmp_path: Path) -> None:
    rec = Recorder(httpx.Response(404, json={"error": {"message": "The model `x` does not exist",
                                                       "code": "model_not_found"}}))
    result, _ = run(rec, provider(ApiStyle.AUTO), request(), tmp_path)
    assert (result.status, result.error.kind, len(rec.calls)) == (Status.FAILED, "not_found", 1)


def test_key_is_sent_as_bearer_and_redacted_from_errors(tmp_path: Path) -> None:
    rec = Recorder(httpx.Response(401, json={"error": {"message": f"Incorrect API key provided: {KEY}"}}))
    result, _ = run(rec, provider(), request(), tmp_path)
    assert rec.calls[0].headers["authorization"] == f"Bearer {KEY}"
    assert KEY not in result.error.message and KEY not in json.dumps(result.to_json())
    assert result.error.kind == "auth"


def test_plain_json_answer_to_a_stream_request(tmp_path: Path) -> None:
    rec = Recorder(httpx.Response(200, json=CHAT_OK))
    result, _ = run(rec, provider(), request().with_options(stream=True), tmp_path)
    assert (result.status, result.text) == (Status.COMPLETED, "fine")


def test_html_page_with_200_is_an_invalid_response(tmp_path: Path) -> None:
    rec = Recorder(httpx.Response(200, text="<html><title>Login</title></html>",
                                  headers={"content-type": "text/html"}))
    result, _ = run(rec, provider(), request(), tmp_path)
    assert (result.status, result.error.kind) == (Status.FAILED, "invalid_response")
    assert "Login" in result.error.message


def test_connection_refused_is_retried_then_reported(tmp_path: Path) -> None:
    def refuse(req: httpx.Request) -> httpx.Response:
        raise httpx.ConnectError("refused", request=req)

    sleeps: list[float] = []

    async def go() -> AnalysisResult:
        async def fake_sleep(s: float) -> None:
            sleeps.append(s)

        service = HttpBackend(transport=httpx.MockTransport(refuse), sleep=fake_sleep)
        result = AnalysisResult(source="a", model="m", provider="p")
        return await run_job(service, provider(), request(), None, result)

    result = asyncio.run(go())
    assert (result.status, result.error.kind, len(sleeps)) == (Status.FAILED, "network", 2)
    assert "Could not connect to https://relay.example/v1" in result.error.message
