"""VisionDesk's command line against a real llama.cpp server (Gemma 3 270M, text only), end to end.

Everything goes through ``python -m visiondesk`` as a user would run it; the server is asked the
same questions directly for reference. The model cannot see images, so image requests show how
a real refusal is reported.
"""

from __future__ import annotations

import json
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

import pytest

from tests.real.conftest import LlamaServer

pytestmark = pytest.mark.real

QUESTION = "Name the three primary colours of light, in one short sentence."
MAX_TOKENS = 24
RECEIPT = Path(__file__).resolve().parents[2] / "resources" / "samples" / "receipt.png"


def cli(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "visiondesk", *args], capture_output=True, text=True,
                          timeout=300)


def ask(server: LlamaServer, api: str, *extra: str) -> tuple[dict[str, Any], subprocess.CompletedProcess[str]]:
    proc = cli("analyze", "--base-url", server.base_url, "--model", server.model, "--api", api,
               "--prompt", QUESTION, "--temperature", "0", "--max-tokens", str(MAX_TOKENS), "--json", *extra)
    lines = proc.stdout.splitlines()
    assert len(lines) == 1, proc.stdout + proc.stderr
    return json.loads(lines[0]), proc


def reference(server: LlamaServer, api: str) -> tuple[str, int, int]:
    """The server's own answer and token counts for the same question, asked without VisionDesk."""
    if api == "chat":
        body = server.post("/chat/completions", {
            "model": server.model, "messages": [{"role": "user", "content": QUESTION}],
            "temperature": 0, "max_tokens": MAX_TOKENS}).json()
        usage = body["usage"]
        return body["choices"][0]["message"]["content"], usage["prompt_tokens"], usage["completion_tokens"]
    body = server.post("/responses", {"model": server.model, "input": QUESTION, "temperature": 0,
                                      "max_output_tokens": MAX_TOKENS}).json()
    text = "".join(part.get("text", "") for item in body["output"] if item.get("type") == "message"
                   for part in item["content"])
    return text, body["usage"]["input_tokens"], body["usage"]["output_tokens"]


def test_the_model_list_is_the_servers(llama_server: LlamaServer, isolated_home: Path) -> None:
    proc = cli("models", "--base-url", llama_server.base_url, "--json")
    assert proc.returncode == 0, proc.stderr
    assert json.loads(proc.stdout) == [llama_server.model]


@pytest.mark.parametrize("api", ["chat", "responses"])
def test_a_text_question_streamed_and_not_gives_the_servers_text_and_usage(
        llama_server: LlamaServer, isolated_home: Path, api: str) -> None:
    streamed, streamed_proc = ask(llama_server, api)
    whole, whole_proc = ask(llama_server, api, "--no-stream")
    text, input_tokens, output_tokens = reference(llama_server, api)
    # The tiny model rarely stops by itself within MAX_TOKENS: "incomplete" (exit 1) is its honest
    # status then; what matters is that both deliveries agree with each other and the server.
    assert streamed["status"] == whole["status"] and streamed["status"] in ("completed", "incomplete")
    expected_exit = 0 if streamed["status"] == "completed" else 1
    assert streamed_proc.returncode == whole_proc.returncode == expected_exit, streamed_proc.stderr
    assert streamed["api"] == whole["api"] == api
    assert streamed["text"].strip()
    assert streamed["text"] == whole["text"] == text  # temperature 0: one answer, however delivered
    for row in (streamed, whole):
        assert (row["usage"]["input_tokens"], row["usage"]["output_tokens"]) == (input_tokens, output_tokens)


@pytest.mark.parametrize("api", ["chat", "responses"])
def test_an_image_is_refused_as_unseeable_at_once_with_a_fitting_hint(
        llama_server: LlamaServer, isolated_home: Path, api: str) -> None:
    started = time.monotonic()
    proc = cli("analyze", str(RECEIPT), "--base-url", llama_server.base_url, "--model", llama_server.model,
               "--api", api, "--json")
    elapsed = time.monotonic() - started
    assert proc.returncode == 1, proc.stdout + proc.stderr
    row = json.loads(proc.stdout)
    assert row["status"] == "failed"
    assert row["error"]["kind"] == "unsupported_input", row["error"]
    assert "retry" not in proc.stderr.lower(), proc.stderr  # a refusal is not a passing fault
    assert elapsed < 60
    # At a terminal: the server's words, then advice that fits a model without eyes.
    plain = cli("analyze", str(RECEIPT), "--base-url", llama_server.base_url, "--model", llama_server.model,
                "--api", api)
    assert plain.returncode == 1
    assert "image input is not supported" in plain.stderr
    assert "cannot see images" in plain.stderr and "try again later" not in plain.stderr, plain.stderr


def test_a_question_longer_than_the_context_keeps_llama_cpps_error_name(
        llama_server: LlamaServer, isolated_home: Path) -> None:
    long_prompt = "Please count these words. " + " ".join(f"word{i}" for i in range(3000))
    proc = cli("analyze", "--base-url", llama_server.base_url, "--model", llama_server.model, "--api", "chat",
               "--prompt", long_prompt, "--json")
    assert proc.returncode == 1, proc.stdout + proc.stderr
    error = json.loads(proc.stdout)["error"]
    assert error["code"] == "exceed_context_size_error", error


def test_doctor_lists_the_model_reports_the_refusals_and_fails(
        llama_server: LlamaServer, isolated_home: Path) -> None:
    proc = cli("doctor", "--base-url", llama_server.base_url, "--model", llama_server.model)
    assert proc.returncode == 1, proc.stdout + proc.stderr
    rows = {line[7:].split("  ")[0]: line for line in proc.stdout.splitlines()[1:]}
    assert rows["model list"].startswith("  ok ") and llama_server.model in rows["model list"]
    for name in ("chat with an image", "chat streaming + usage", "responses API"):
        assert rows[name].startswith("  FAIL") and "unsupported_input" in rows[name], rows[name]
    assert "not checked" in rows["reasoning text"]
    assert "may not reason" not in proc.stdout
