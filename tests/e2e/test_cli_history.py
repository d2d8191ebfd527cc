"""``visiondesk history`` as a real process: what a person at a terminal or a script gets."""

from __future__ import annotations

import csv
import io
import json
import os
import subprocess
import sys
from datetime import datetime
from pathlib import Path

import pytest

from tests.support.fault_server import FaultServer
from visiondesk.cli.history import display_width
from visiondesk.store.history import History, HistoryRecord, SourceRecord

INVOICE = "这是一张增值税发票的照片,金额合计人民币一百元整,开票日期二〇二六年三月一日"


def env_for(home: Path, **extra: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k not in ("VISIONDESK_API_KEY", "COLUMNS")}
    env.update(VISIONDESK_HOME=str(home), NO_PROXY="127.0.0.1", PYTHONIOENCODING="utf-8", **extra)
    return env


def history_cli(home: Path, *args: str, **env: str) -> subprocess.CompletedProcess[bytes]:
    return subprocess.run([sys.executable, "-m", "visiondesk", "history", *args], capture_output=True,
                          timeout=60, env=env_for(home, **env))


def out(proc: subprocess.CompletedProcess[bytes]) -> str:
    return proc.stdout.decode("utf-8")


@pytest.fixture
def seeded(isolated_home: Path) -> list[int]:
    """Three runs, oldest first: an English receipt, a Chinese invoice, a failed run."""
    return History().record_many([
        HistoryRecord(prompt="Read the receipt", provider="OpenAI", model="gpt-5-mini", status="completed",
                      text="RECEIPT\nTotal 42.00", sources=[SourceRecord("/tmp/receipt.png")]),
        HistoryRecord(prompt="识别这张发票", provider="DMXAPI", model="gpt-4o", status="completed", text=INVOICE,
                      usage={"input_tokens": 935, "output_tokens": 538}, total_ms=2310, first_token_ms=412),
        HistoryRecord(prompt="=HYPERLINK(\"http://evil\")", provider="DMXAPI", model="gpt-4o", status="failed",
                      error_kind="server", error_message="HTTP 502: Bad gateway"),
    ])


def test_list_is_newest_first_and_fits_a_narrow_terminal(isolated_home: Path, seeded: list[int]) -> None:
    proc = history_cli(isolated_home, COLUMNS="60")
    assert proc.returncode == 0, proc.stderr
    lines = out(proc).splitlines()
    assert [int(line.split()[0]) for line in lines] == seeded[::-1]
    assert all(display_width(line) < 60 for line in lines)
    assert "识别这张发票" in lines[1] and lines[1].endswith("…")
    assert "failed" in lines[0]
    wide = out(history_cli(isolated_home, COLUMNS="100")).splitlines()
    assert "识别这张发票 → 这是一张增值税发票" in wide[1] and wide[1].endswith("…")
    assert "=HYPERLINK(\"http://evil\") → HTTP 502: Bad gateway" in wide[0]


def test_search_and_filters(isolated_home: Path, seeded: list[int]) -> None:
    found = history_cli(isolated_home, "--search", "发票")
    assert [int(line.split()[0]) for line in out(found).splitlines()] == [seeded[1]]
    assert out(history_cli(isolated_home, "--search", "增值税")).split()[0] == str(seeded[1])
    by_model = history_cli(isolated_home, "--model", "gpt-4o", "--status", "completed")
    assert [int(line.split()[0]) for line in out(by_model).splitlines()] == [seeded[1]]
    nothing = history_cli(isolated_home, "--search", "鲸鱼", "--since", "2020-01-01")
    assert nothing.returncode == 0 and out(nothing) == "" and b"No runs found" in nothing.stderr
    limited = history_cli(isolated_home, "--limit", "1", "--offset", "1")
    assert [int(line.split()[0]) for line in out(limited).splitlines()] == [seeded[1]]


def test_json_lines(isolated_home: Path, seeded: list[int]) -> None:
    proc = history_cli(isolated_home, "--json", "--provider", "dmxapi")
    rows = [json.loads(line) for line in out(proc).splitlines()]
    assert [row["id"] for row in rows] == [seeded[2], seeded[1]]
    assert rows[1]["text"] == INVOICE and rows[1]["model"] == "gpt-4o" and rows[1]["status"] == "completed"
    assert datetime.fromisoformat(rows[1]["created_at"]).tzinfo is not None


def test_show(isolated_home: Path, seeded: list[int]) -> None:
    proc = history_cli(isolated_home, "show", str(seeded[1]))
    text = out(proc)
    assert proc.returncode == 0
    assert f"Run {seeded[1]}" in text and "Model:      gpt-4o" in text
    assert "Tokens:     935 in, 538 out" in text and "412 ms to first token, 2310 ms total" in text
    assert "Prompt:\n识别这张发票" in text and f"Answer:\n{INVOICE}" in text
    missing = history_cli(isolated_home, "show", "999")
    assert missing.returncode == 1 and b"no run with id 999" in missing.stderr


def test_export_csv_for_a_spreadsheet(isolated_home: Path, seeded: list[int], tmp_path: Path) -> None:
    target = tmp_path / "history.csv"
    proc = history_cli(isolated_home, "export", "--format", "csv", "--out", str(target))
    assert proc.returncode == 0 and b"Exported 3 runs" in proc.stderr
    data = target.read_bytes()
    assert data.startswith(b"\xef\xbb\xbf")
    rows = list(csv.DictReader(io.StringIO(data.decode("utf-8-sig"), newline="")))
    assert [int(r["id"]) for r in rows] == seeded[::-1]
    assert rows[0]["prompt"] == "'=HYPERLINK(\"http://evil\")"
    assert rows[1]["text"] == INVOICE
    stdout = history_cli(isolated_home, "export", "--format", "csv", str(seeded[1]))
    assert stdout.stdout.startswith(b"\xef\xbb\xbf") and INVOICE.encode() in stdout.stdout


def test_export_markdown_and_json_by_id(isolated_home: Path, seeded: list[int]) -> None:
    markdown = out(history_cli(isolated_home, "export", str(seeded[1])))
    assert markdown.startswith("# VisionDesk history") and f"## #{seeded[1]} · gpt-4o (DMXAPI)" in markdown
    assert INVOICE in markdown and "Total 42.00" not in markdown
    as_json = json.loads(out(history_cli(isolated_home, "export", "--format", "json", "--search", "receipt")))
    assert [item["id"] for item in as_json] == [seeded[0]]
    partly = history_cli(isolated_home, "export", "--format", "json", str(seeded[0]), "999")
    assert partly.returncode == 1 and b"no run with id 999" in partly.stderr
    assert [item["id"] for item in json.loads(out(partly))] == [seeded[0]]


def test_delete_and_clear(isolated_home: Path, seeded: list[int]) -> None:
    deleted = history_cli(isolated_home, "delete", str(seeded[0]))
    assert deleted.returncode == 0 and out(deleted) == "Deleted 1 run.\n"
    again = history_cli(isolated_home, "delete", str(seeded[0]))
    assert again.returncode == 1 and b"no run with id" in again.stderr
    refused = history_cli(isolated_home, "clear")
    assert refused.returncode == 2 and b"--yes" in refused.stderr
    assert len(out(history_cli(isolated_home)).splitlines()) == 2
    cleared = history_cli(isolated_home, "clear", "--yes")
    assert cleared.returncode == 0 and out(cleared) == "Deleted 2 runs.\n"
    assert out(history_cli(isolated_home)) == ""


def test_usage_errors_exit_2(isolated_home: Path) -> None:
    for args in (["--since", "last tuesday"], ["--limit", "many"], ["show"], ["delete"], ["export", "--format", "xls"]):
        proc = history_cli(isolated_home, *args)
        assert proc.returncode == 2, args
        assert b"Traceback" not in proc.stderr


def test_a_damaged_history_file_is_set_aside_and_the_user_told_where(isolated_home: Path) -> None:
    path = isolated_home / "data" / "history.sqlite3"
    path.parent.mkdir(parents=True)
    path.write_bytes(b"\x00garbage" * 1000)
    proc = history_cli(isolated_home)
    assert proc.returncode == 0
    moved = list(path.parent.glob("history.sqlite3.corrupt-*"))
    assert len(moved) == 1 and moved[0].read_bytes() == b"\x00garbage" * 1000
    assert str(moved[0]).encode() in proc.stderr


def test_what_analyze_ran_is_in_the_history(isolated_home: Path, fault_server: FaultServer,
                                             receipt_png: Path) -> None:
    analyze = subprocess.run(
        [sys.executable, "-m", "visiondesk", "analyze", str(receipt_png), "--base-url", fault_server.base_url,
         "--model", "gpt-4o", "--api", "chat", "--prompt", "Read the receipt", "--json"],
        capture_output=True, timeout=60, env=env_for(isolated_home))
    assert analyze.returncode == 0, analyze.stderr
    answer = json.loads(analyze.stdout)["text"]
    [row] = [json.loads(line) for line in out(history_cli(isolated_home, "--json")).splitlines()]
    assert row["text"] == answer and row["prompt"] == "Read the receipt" and row["status"] == "completed"
    assert row["source"] == str(receipt_png)
