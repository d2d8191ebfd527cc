"""What ``--api auto`` learns is remembered per base URL, and only once Chat actually answered: a
relay without the Responses API does not make every other ad-hoc server skip it, and a wrong
base URL (404 everywhere) teaches nothing."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.support.fault_server import FaultServer
from visiondesk.cli import main


def analyze(capsys: pytest.CaptureFixture[str], base_url: str, image: Path, model: str) -> dict[str, object]:
    code = main(["analyze", str(image), "--base-url", base_url, "--model", model, "--api", "auto", "--json"])
    line = json.loads(capsys.readouterr().out.strip().splitlines()[-1])
    assert code == (0 if line["status"] == "completed" else 1)
    return line


def test_auto_api_is_remembered_per_base_url_after_chat_answered(
        capsys: pytest.CaptureFixture[str], fault_server: FaultServer, receipt_png: Path) -> None:
    with FaultServer() as other:
        # GIVEN a relay without the Responses API: the first run falls back to Chat and says so
        first = analyze(capsys, fault_server.base_url, receipt_png, "no-responses")
        assert first["status"] == "completed" and first["api"] == "chat"
        assert [r.path for r in fault_server.requests] == ["/v1/responses", "/v1/chat/completions"]
        # WHEN the same relay is asked again, it goes straight to Chat
        fault_server.reset()
        analyze(capsys, fault_server.base_url, receipt_png, "no-responses")
        assert [r.path for r in fault_server.requests] == ["/v1/chat/completions"]
        # AND another server still gets the Responses API first
        second = analyze(capsys, other.base_url, receipt_png, "m1")
        assert second["api"] == "responses"
        assert [r.path for r in other.requests] == ["/v1/responses"]


def test_a_wrong_base_url_teaches_nothing(capsys: pytest.CaptureFixture[str], fault_server: FaultServer,
                                          receipt_png: Path) -> None:
    wrong = fault_server.base_url.removesuffix("/v1") + "/nothing-here/v1"
    failed = analyze(capsys, wrong, receipt_png, "m1")
    assert failed["status"] == "failed"
    # the right URL afterwards still starts with the Responses API: nothing was remembered for it
    fault_server.reset()
    assert analyze(capsys, wrong, receipt_png, "m1")["status"] == "failed"
    assert [r.path for r in fault_server.requests][:1] == ["/nothing-here/v1/responses"]
