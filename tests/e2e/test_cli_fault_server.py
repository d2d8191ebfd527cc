"""``visiondesk analyze`` against our fault-injecting server over real sockets.

Each test reads the JSON lines a script would read, so they assert what a user of the command
line sees: the text, the reasoning, the status and a readable error.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.support.fault_server import THINK_REASONING, FaultServer, answer_text, reasoning_text
from visiondesk.cli import main

PROMPT = "Read the receipt"


def analyze(capsys: pytest.CaptureFixture[str], server: FaultServer, image: Path, *args: str,
            model: str = "gpt-4o", api: str = "chat") -> tuple[int, list[dict], str]:
    code = main(["analyze", str(image), "--base-url", server.base_url, "--model", model, "--api", api,
                 "--prompt", PROMPT, "--json", *args])
    out, err = capsys.readouterr()
    return code, [json.loads(line) for line in out.splitlines()], err


@pytest.mark.parametrize("model", ["gpt-4o", "keepalive", "no-space", "crlf", "cr-only", "multiline-data",
                                   "ignore-stream", "no-done", "close-delimited", "slow-20"])
@pytest.mark.parametrize("api", ["chat", "responses"])
def test_stream_quirks_still_give_the_whole_answer(capsys, fault_server, receipt_png, model, api) -> None:
    code, (row,), _ = analyze(capsys, fault_server, receipt_png, model=model, api=api)
    assert (code, row["status"], row["text"]) == (0, "completed", answer_text(PROMPT, model))
    assert row["api"] == api and row["usage"]["input_tokens"] == 185  # 100 + 85 for one image
    assert row["sent_image"] == {"width": 480, "height": 260, "bytes": receipt_png.stat().st_size,
                                 "mime": "image/png"} or row["sent_image"]["mime"] == "image/png"
    assert row["timing"]["first_token_ms"] is not None and row["timing"]["total_ms"] >= row["timing"]["first_token_ms"]


def test_u2028_inside_json_strings_survives(capsys, fault_server, receipt_png) -> None:
    _, (row,), _ = analyze(capsys, fault_server, receipt_png, model="u2028")
    assert row["text"].endswith("\u2028line\u2029para\u0085end")


def test_think_tags_split_across_chunks_become_reasoning(capsys, fault_server, receipt_png) -> None:
    _, (row,), _ = analyze(capsys, fault_server, receipt_png, model="think-tags")
    assert row["reasoning"].strip() == THINK_REASONING.strip()
    assert row["text"] == answer_text(PROMPT)


@pytest.mark.parametrize("model", ["reasoner", "reasoning-field"])
def test_chat_reasoning_fields(capsys, fault_server, receipt_png, model) -> None:
    _, (row,), _ = analyze(capsys, fault_server, receipt_png, model=model)
    assert row["status"] == "completed" and row["reasoning"]
    if model == "reasoner":
        assert row["reasoning"] == reasoning_text(PROMPT)


def test_responses_reasoning_summary_and_usage(capsys, fault_server, receipt_png) -> None:
    _, (row,), _ = analyze(capsys, fault_server, receipt_png, "--reasoning-summary", "auto",
                           "--reasoning-effort", "low", api="responses")
    sent = fault_server.requests[-1].body
    assert sent["reasoning"] == {"effort": "low", "summary": "auto"} and sent["store"] is False
    assert sent["input"][0]["content"][1]["image_url"].startswith("data:image/png;base64,")
    assert row["reasoning"] and row["usage"]["total_tokens"]


@pytest.mark.parametrize(
    ("model", "kind", "message", "requests"),
    [
        ("html-502", "server", "502 Bad Gateway", 3),
        ("error-in-200", "server", "Upstream provider error", 1),
        ("unauthorized", "auth", "Incorrect API key", 1),
        ("quota", "quota", "quota", 1),
        ("no-channel", "not_found", "无可用渠道", 1),
        ("vllm-error", "not_found", "does not exist", 1),
        ("vllm-error-200", "not_found", "does not exist", 1),
        ("bare-string-error", "bad_request", "Model is not loaded", 1),
        ("too-large", "too_large", "413 Request Entity Too Large", 1),
    ],
)
def test_errors_are_classified_and_readable(capsys, fault_server, receipt_png, model, kind, message,
                                            requests) -> None:
    code, (row,), err = analyze(capsys, fault_server, receipt_png, model=model)
    assert (code, row["status"], row["error"]["kind"]) == (1, "failed", kind)
    assert message in row["error"]["message"]
    assert "Traceback" not in err
    assert len(fault_server.requests) == requests


def test_no_channel_error_tells_the_user_what_to_do(capsys, fault_server, receipt_png) -> None:
    main(["analyze", str(receipt_png), "--base-url", fault_server.base_url, "--model", "no-channel",
          "--api", "chat"])
    err = capsys.readouterr().err
    assert "无可用渠道" in err and "relay has no channel" in err


@pytest.mark.parametrize("model", ["error-mid-stream", "truncated", "truncated-clean"])
def test_cut_streams_keep_the_partial_answer(capsys, fault_server, receipt_png, model) -> None:
    code, (row,), _ = analyze(capsys, fault_server, receipt_png, model=model)
    assert (code, row["status"]) == (1, "failed")
    assert row["text"] and answer_text(PROMPT).startswith(row["text"])
    assert len(fault_server.requests) == 1  # text was shown: never sent twice


@pytest.mark.parametrize(("model", "requests"), [("retry-after", 2), ("server-error-once", 2)])
def test_temporary_failures_are_retried(capsys, fault_server, receipt_png, model, requests) -> None:
    code, (row,), _ = analyze(capsys, fault_server, receipt_png, model=model)
    assert (code, row["text"]) == (0, answer_text(PROMPT, model))
    assert len(fault_server.requests) == requests


@pytest.mark.parametrize(
    ("model", "args", "api", "sent_field"),
    [
        ("max-tokens-rejected", ["--max-tokens", "64"], "chat", "max_completion_tokens"),
        ("temperature-rejected", ["--temperature", "0.2"], "chat", None),
        ("summary-rejected", ["--reasoning-summary", "auto"], "responses", None),
    ],
)
def test_parameter_rejections_are_adapted_and_remembered(capsys, fault_server, receipt_png, model, args, api,
                                                         sent_field) -> None:
    code, (row,), _ = analyze(capsys, fault_server, receipt_png, *args, model=model, api=api)
    assert (code, row["status"], len(fault_server.requests)) == (0, "completed", 2)
    if sent_field:
        assert sent_field in fault_server.requests[-1].body
    fault_server.reset()
    code, (row,), _ = analyze(capsys, fault_server, receipt_png, *args, model=model, api=api)
    assert (code, len(fault_server.requests)) == (0, 1)  # remembered: no second 400


def test_auto_api_falls_back_to_chat_and_remembers(capsys, fault_server, receipt_png) -> None:
    code, (row,), err = analyze(capsys, fault_server, receipt_png, model="no-responses", api="auto")
    assert (code, row["api"], row["text"]) == (0, "chat", answer_text(PROMPT, "no-responses"))
    assert [r.path for r in fault_server.requests] == ["/v1/responses", "/v1/chat/completions"]
    assert "no Responses API" in err
    fault_server.reset()
    analyze(capsys, fault_server, receipt_png, model="no-responses", api="auto")
    assert [r.path for r in fault_server.requests] == ["/v1/chat/completions"]


def test_relay_responses_with_string_output(capsys, fault_server, receipt_png) -> None:
    code, (row,), _ = analyze(capsys, fault_server, receipt_png, model="relay-responses-string", api="responses")
    assert (code, row["text"]) == (0, answer_text(PROMPT, "relay-responses-string"))
    assert row["usage"]["input_tokens"] == 185


@pytest.mark.parametrize(("model", "status"), [("responses-incomplete", "incomplete"),
                                                ("responses-failed", "failed")])
def test_responses_end_states(capsys, fault_server, receipt_png, model, status) -> None:
    code, (row,), _ = analyze(capsys, fault_server, receipt_png, model=model, api="responses")
    assert (code, row["status"]) == (1, status) and row["text"]


def test_broken_image_sends_nothing_and_says_why(capsys, fault_server, tmp_path) -> None:
    broken = tmp_path / "scan.jpg"
    broken.write_bytes(b"\xff\xd8\xff\xe0 not really a jpeg")
    code, (row,), _ = analyze(capsys, fault_server, broken)
    assert (code, row["status"], row["error"]["kind"], row["sent_image"]) == (1, "failed", "image", None)
    assert "scan.jpg" in row["error"]["message"]
    assert fault_server.requests == []


def test_every_source_with_every_model(capsys, fault_server, receipt_png, tmp_path) -> None:
    second = tmp_path / "second.png"
    second.write_bytes(receipt_png.read_bytes())
    code = main(["analyze", str(receipt_png), str(second), "--base-url", fault_server.base_url, "--api", "chat",
                 "--model", "gpt-4o", "--model", "html-502", "--json"])
    rows = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
    assert code == 1
    assert sorted((Path(r["source"]).name, r["model"], r["status"]) for r in rows) == [
        ("receipt.png", "gpt-4o", "completed"), ("receipt.png", "html-502", "failed"),
        ("second.png", "gpt-4o", "completed"), ("second.png", "html-502", "failed")]


def test_plain_output_streams_the_answer_and_reports_usage_on_stderr(capsys, fault_server, receipt_png) -> None:
    code = main(["analyze", str(receipt_png), "--base-url", fault_server.base_url, "--model", "reasoner",
                 "--api", "chat", "--prompt", PROMPT])
    out, err = capsys.readouterr()
    assert code == 0 and out == answer_text(PROMPT, "reasoner") + "\n"
    assert reasoning_text(PROMPT) in err and "completed · 185 in /" in err


def test_usage_error_exits_2(capsys) -> None:
    assert main(["analyze"]) == 2
    assert main(["analyze", "x.png", "--api", "soap"]) == 2


def test_compare_prints_a_table_with_cer(capsys, fault_server, receipt_png, tmp_path) -> None:
    reference = tmp_path / "reference.txt"
    reference.write_text(answer_text(PROMPT), encoding="utf-8")
    code = main(["analyze", str(receipt_png), "--base-url", fault_server.base_url, "--api", "chat",
                 "--prompt", PROMPT, "--model", "gpt-4o", "--model", "u2028", "--model", "html-502",
                 "--compare", "--reference", str(reference)])
    out = capsys.readouterr().out
    rows = {line.split()[0]: line for line in out.splitlines()[2:] if line and not line.startswith(" ")}
    assert code == 1 and set(rows) == {"gpt-4o", "u2028", "html-502"}
    assert "completed" in rows["gpt-4o"] and rows["gpt-4o"].rstrip().endswith("0.0%")
    assert "failed" in rows["html-502"]
    # u2028 adds "line", "para" and "end" (11 characters; the separators are whitespace) to n characters
    n = len("".join(answer_text(PROMPT).split()))
    assert rows["u2028"].rstrip().endswith(f"{11 / n * 100:.1f}%")
