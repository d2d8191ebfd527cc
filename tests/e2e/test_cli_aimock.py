"""``visiondesk analyze`` against a third-party OpenAI-compatible mock server nobody here wrote
(@copilotkit/aimock, installed by tests/support/install-aimock.sh), over both wire APIs."""

from __future__ import annotations

import json
import os
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.support import aimock
from visiondesk.cli import main

pytestmark = pytest.mark.aimock


@pytest.fixture(scope="module")
def aimock_url() -> Iterator[str]:
    if not aimock.aimock_installed():
        if os.environ.get("CI"):
            pytest.fail("CI must install aimock (tests/support/install-aimock.sh)")
        pytest.skip("aimock is not installed: run tests/support/install-aimock.sh (needs node >= 20.15)")
    with aimock.aimock_server() as base_url:
        yield base_url


def analyze(capsys: pytest.CaptureFixture[str], url: str, image: Path, prompt: str, *args: str) -> tuple[int, dict]:
    code = main(["analyze", str(image), "--base-url", url, "--model", "gpt-4o", "--prompt", prompt, "--json",
                 *args])
    return code, json.loads(capsys.readouterr().out)


@pytest.mark.parametrize("api", ["chat", "responses"])
@pytest.mark.parametrize("stream", [True, False])
def test_vision_answer_reasoning_and_usage(capsys, aimock_url, receipt_png, api, stream) -> None:
    args = ["--api", api] + ([] if stream else ["--no-stream"])
    code, row = analyze(capsys, aimock_url, receipt_png, aimock.VISION_PROMPT, *args)
    assert (code, row["status"], row["api"]) == (0, "completed", api)
    assert row["text"] == aimock.VISION_ANSWER
    assert row["reasoning"] == aimock.VISION_REASONING
    if api == "chat":
        assert (row["usage"]["input_tokens"], row["usage"]["output_tokens"]) == (850, 16)


def test_auto_api_works_against_aimock(capsys, aimock_url, receipt_png) -> None:
    code, row = analyze(capsys, aimock_url, receipt_png, aimock.VISION_PROMPT, "--api", "auto")
    assert (code, row["text"]) == (0, aimock.VISION_ANSWER)


def test_slow_stream_keeps_order(capsys, aimock_url, receipt_png) -> None:
    code, row = analyze(capsys, aimock_url, receipt_png, aimock.SLOW_PROMPT, "--api", "chat")
    assert (code, row["text"]) == (0, aimock.SLOW_ANSWER)
    assert row["timing"]["total_ms"] > row["timing"]["first_token_ms"]


def test_truncated_stream_keeps_partial_text(capsys, aimock_url, receipt_png) -> None:
    code, row = analyze(capsys, aimock_url, receipt_png, aimock.TRUNCATED_PROMPT, "--api", "chat")
    assert (code, row["status"]) == (1, "failed")
    full = "AIMOCK-TRUNCATED: this answer is cut off after a few chunks and never finishes."  # the fixture
    assert row["text"] and full.startswith(row["text"]) and row["text"] != full


def test_rate_limit_error_is_readable(capsys, aimock_url, receipt_png) -> None:
    code, row = analyze(capsys, aimock_url, receipt_png, aimock.RATE_LIMIT_PROMPT, "--api", "chat")
    assert (code, row["status"], row["error"]["kind"]) == (1, "failed", "rate_limit")
    assert row["error"]["message"] == "Rate limit reached for requests"


def test_model_list(capsys, aimock_url) -> None:
    assert main(["models", "--base-url", aimock_url, "--json"]) == 0
    assert "gpt-4o" in json.loads(capsys.readouterr().out)
