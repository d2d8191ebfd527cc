"""The command line's surface as a person meets it: words, help, options, numbers, exit codes.

Most checks call ``visiondesk.cli.main`` in this process (what the ``visiondesk`` script runs);
the window is replaced by a recorder so a wrong decision shows as a test failure, not a window.
"""

from __future__ import annotations

import argparse
import json
import logging
import subprocess
import sys
from pathlib import Path

import pytest

import visiondesk.app
from tests.support.fault_server import FaultServer
from visiondesk.cli import HANDLERS, build_parser, main


@pytest.fixture
def window_calls(monkeypatch: pytest.MonkeyPatch) -> list[list[str]]:
    """Records the arguments the window would have been opened with, instead of opening it."""
    calls: list[list[str]] = []

    def fake_window(argv: list[str] | None = None) -> int:
        calls.append(list(argv or []))
        return 0

    monkeypatch.setattr(visiondesk.app, "main", fake_window)
    return calls


def test_a_mistyped_command_is_named_with_a_suggestion_and_opens_no_window(
        window_calls: list[list[str]], capsys: pytest.CaptureFixture[str], isolated_home: Path) -> None:
    assert main(["analyse", "x.png"]) == 2
    err = capsys.readouterr().err
    assert "visiondesk: unknown command 'analyse' (did you mean 'analyze'?)" in err
    assert main(["frobnicate"]) == 2
    err = capsys.readouterr().err
    assert "unknown command 'frobnicate'" in err and "analyze" in err  # lists the commands instead
    assert main(["-v", "doctr"]) == 2
    assert "did you mean 'doctor'?" in capsys.readouterr().err
    assert window_calls == []


def test_a_missing_file_or_a_misplaced_command_opens_no_window(
        window_calls: list[list[str]], capsys: pytest.CaptureFixture[str], tmp_path: Path,
        isolated_home: Path) -> None:
    assert main([str(tmp_path / "photo.png")]) == 2
    assert "no such file" in capsys.readouterr().err
    existing = tmp_path / "real.png"
    existing.write_bytes(b"")
    assert main([str(existing), "analyze"]) == 2
    assert "the command must come first" in capsys.readouterr().err
    assert window_calls == []


def test_existing_files_urls_and_window_options_open_the_window(
        window_calls: list[list[str]], tmp_path: Path, isolated_home: Path) -> None:
    photo = tmp_path / "photo.png"
    photo.write_bytes(b"")
    assert main([str(photo)]) == 0
    assert main(["https://example.com/a.jpg", "--model", "gpt-4o"]) == 0
    assert main(["--screenshot", str(tmp_path / "out.png"), "--lang", "zh_CN"]) == 0
    assert main(["-v"]) == 0  # -v is the command line's; the window gets the rest
    assert window_calls == [[str(photo)], ["https://example.com/a.jpg", "--model", "gpt-4o"],
                            ["--screenshot", str(tmp_path / "out.png"), "--lang", "zh_CN"], []]


def test_help_shows_every_command_and_the_window_options(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["--help"]) == 0
    out = capsys.readouterr().out
    for command in HANDLERS:
        assert f"\n    {command} " in out, command
    window_options = [a.option_strings[0] for a in visiondesk.app.build_parser()._actions
                      if a.option_strings and a.dest != "help"]
    assert window_options  # the window parser has options; each must be in the help
    for option in window_options:
        assert option in out, option
    assert "With no COMMAND, visiondesk opens the window" in out
    assert "130" in out  # the exit statuses


def _all_parsers(parser: argparse.ArgumentParser) -> list[argparse.ArgumentParser]:
    found = [parser]
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction):
            for child in action.choices.values():
                found += _all_parsers(child)
    return found


def test_every_option_and_argument_has_help_text() -> None:
    missing = [f"{p.prog}: {a.option_strings or a.dest}" for p in _all_parsers(build_parser())
               for a in p._actions
               if not isinstance(a, argparse._SubParsersAction) and not a.help]
    assert missing == []


@pytest.mark.parametrize("argv", [["-v", "providers", "list"], ["providers", "-v", "list"],
                                  ["providers", "list", "-v"], ["providers", "list", "--verbose"]])
def test_verbose_works_before_or_after_the_command(argv: list[str], isolated_home: Path,
                                                   capsys: pytest.CaptureFixture[str]) -> None:
    assert main(argv) == 0
    assert logging.getLogger().level == logging.DEBUG
    assert main(["providers", "list"]) == 0
    assert logging.getLogger().level == logging.WARNING


@pytest.mark.parametrize(("option", "value"), [
    ("--max-side", "63"), ("--max-side", "16385"), ("--max-side", "1.5e3"), ("--max-side", "big"),
    ("--dpi", "35"), ("--dpi", "601"), ("--dpi", "nan"), ("--dpi", "inf"),
    ("--temperature", "-0.1"), ("--temperature", "2.01"), ("--temperature", "nan"),
    ("--timeout", "0"), ("--timeout", "-3"), ("--timeout", "inf"), ("--timeout", "nan"),
    ("--max-tokens", "0"), ("--max-tokens", "-5"), ("--max-tokens", "1.5"),
])
def test_numbers_out_of_range_are_usage_errors_before_anything_runs(
        option: str, value: str, capsys: pytest.CaptureFixture[str], isolated_home: Path) -> None:
    assert main(["analyze", "missing.png", option, value]) == 2
    err = capsys.readouterr().err
    assert f"argument {option}: expected" in err and value.strip() in err


def test_numbers_at_their_limits_are_accepted() -> None:
    args = build_parser().parse_args(
        ["analyze", "x.png", "--max-side", "64", "--dpi", "600", "--temperature", "0", "--timeout", "0.5",
         "--max-tokens", "1"])
    assert (args.max_side, args.dpi, args.temperature, args.timeout, args.max_tokens) == (64, 600, 0, 0.5, 1)
    assert build_parser().parse_args(["analyze", "x", "--max-side", "16384", "--temperature", "2"]).max_side == 16384


def test_compare_with_json_is_refused_and_a_lone_reference_is_warned_about(
        fault_server: FaultServer, receipt_png: Path, tmp_path: Path, isolated_home: Path,
        capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["analyze", str(receipt_png), "--compare", "--json"]) == 2
    assert "not allowed with argument" in capsys.readouterr().err
    truth = tmp_path / "truth.txt"
    truth.write_text("RECEIPT Total 42.00", encoding="utf-8")
    rc = main(["analyze", str(receipt_png), "--base-url", fault_server.base_url, "--model", "gpt-4o",
               "--api", "chat", "--reference", str(truth), "--json"])
    captured = capsys.readouterr()
    assert rc == 0
    assert "warning: --reference does nothing without --compare" in captured.err
    assert json.loads(captured.out)["status"] == "completed"


def test_providers_list_shows_local_ocr_as_offline_not_as_a_chat_api(
        isolated_home: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["providers", "list"]) == 0
    local = next(line for line in capsys.readouterr().out.splitlines() if "local-ocr" in line)
    assert local.rstrip().endswith("offline") and "api=" not in local
    assert main(["providers", "list", "--json"]) == 0
    rows = json.loads(capsys.readouterr().out)
    assert next(r for r in rows if r["id"] == "local-ocr")["api"] is None
    assert next(r for r in rows if r["id"] == "openai")["api"] == "auto"


def _default(capsys: pytest.CaptureFixture[str]) -> str:
    capsys.readouterr()
    assert main(["providers", "list", "--json"]) == 0
    return next(r["id"] for r in json.loads(capsys.readouterr().out) if r["default"])


def test_adding_a_provider_changes_the_default_only_the_first_time_or_when_asked(
        isolated_home: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert _default(capsys) == "local-ocr"
    assert main(["providers", "add", "Relay One", "--base-url", "https://one.example/v1"]) == 0
    assert "Relay One is now the default provider." in capsys.readouterr().out
    assert _default(capsys) == "relay-one"
    assert main(["providers", "add", "Relay Two", "--base-url", "https://two.example/v1"]) == 0
    assert "default" not in capsys.readouterr().out
    assert _default(capsys) == "relay-one"
    assert main(["providers", "add", "Relay Three", "--base-url", "https://three.example", "--default"]) == 0
    assert _default(capsys) == "relay-three"


def test_a_chosen_default_survives_adding_the_first_custom_provider(
        isolated_home: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["providers", "default", "openai"]) == 0
    assert main(["providers", "add", "Relay", "--base-url", "https://relay.example/v1"]) == 0
    assert _default(capsys) == "openai"


def test_doctor_fails_when_nothing_answered_and_says_what_happened(
        fault_server: FaultServer, isolated_home: Path, capsys: pytest.CaptureFixture[str]) -> None:
    rc = main(["doctor", "--base-url", fault_server.base_url, "--model", "unauthorized"])
    captured = capsys.readouterr()
    assert rc == 1, captured.out
    rows = {line[7:].split("  ")[0]: line for line in captured.out.splitlines()[1:]}  # "  FAIL name  detail"
    for name in ("chat with an image", "chat streaming + usage", "responses API"):
        assert "FAIL" in rows[name] and "failed: auth (HTTP 401, invalid_api_key)" in rows[name], rows[name]
    assert "not checked: no streamed request was answered" in rows["reasoning text"]
    assert "may not reason" not in captured.out
    assert "answered on neither API" in captured.err


def test_doctor_on_local_ocr_is_a_usage_error(isolated_home: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["doctor"]) == 2
    assert "Local OCR" in capsys.readouterr().err


def test_the_installed_script_reports_a_mistyped_command_as_a_real_process(isolated_home: Path) -> None:
    proc = subprocess.run([sys.executable, "-m", "visiondesk", "analyse", "x.png"], capture_output=True,
                          text=True, timeout=60)
    assert proc.returncode == 2
    assert proc.stderr.startswith("visiondesk: unknown command 'analyse' (did you mean 'analyze'?)")
    assert proc.stdout == ""
