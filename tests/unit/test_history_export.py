"""Exports a spreadsheet can open safely, and list lines that fit a terminal with Chinese in them."""

from __future__ import annotations

import csv
import io
import json
from datetime import datetime

import pytest

from visiondesk.cli.common import UsageError
from visiondesk.cli.history import clean, display_width, format_rows, parse_date, truncate
from visiondesk.store.export import CSV_COLUMNS, write_export
from visiondesk.store.history import History, HistoryRecord, SourceRecord

FORMULAS = ["=cmd|' /C calc'!A0", "+SUM(1,2)", "-2+3", "@SUM(A1)", "\tTAB", "\rCR"]


def stored(records: list[HistoryRecord]) -> list[HistoryRecord]:
    history = History()
    ids = history.record_many(records)
    return history.get_many(ids)


def test_csv_has_a_bom_keeps_chinese_and_neutralises_formulas() -> None:
    records = stored([
        HistoryRecord(prompt=FORMULAS[0], provider=FORMULAS[1], model=FORMULAS[2], text=FORMULAS[3],
                      reasoning=FORMULAS[4], error_message=FORMULAS[5], status="failed",
                      sources=[SourceRecord("=HYPERLINK(\"http://evil\")")]),
        HistoryRecord(prompt="识别发票", provider="DMXAPI", model="gpt-4o", text="这是一张增值税发票的照片",
                      usage={"input_tokens": 900, "output_tokens": -1}, cost=0.5, currency="CNY"),
    ])
    out = io.StringIO(newline="")
    assert write_export(records, "csv", out) == 2
    data = out.getvalue().encode("utf-8")
    assert data.startswith(b"\xef\xbb\xbf")
    rows = list(csv.DictReader(io.StringIO(data.decode("utf-8-sig"), newline="")))
    assert list(rows[0]) == list(CSV_COLUMNS)
    bad = rows[0]
    assert [bad["prompt"], bad["provider"], bad["model"], bad["text"], bad["reasoning"], bad["error_message"]] == [
        "'" + f for f in FORMULAS]
    assert bad["sources"] == "'=HYPERLINK(\"http://evil\")"
    good = rows[1]
    assert good["text"] == "这是一张增值税发票的照片" and good["prompt"] == "识别发票"
    assert (good["input_tokens"], good["output_tokens"], good["cost"]) == ("900", "-1", "0.5")  # numbers stay numbers


def test_json_and_markdown_exports() -> None:
    records = stored([HistoryRecord(prompt="识别发票\n第二行", provider="DMXAPI", model="gpt-4o", status="completed",
                                    text="这是一张增值税发票的照片", reasoning="想一想", total_ms=2310,
                                    first_token_ms=412, thread_id="t1", turn_index=1)])
    out = io.StringIO()
    write_export(records, "json", out)
    [item] = json.loads(out.getvalue())
    assert item["id"] == records[0].id and item["text"] == "这是一张增值税发票的照片"
    assert datetime.fromisoformat(item["created_at"]).tzinfo is not None
    out = io.StringIO()
    write_export(records, "md", out)
    markdown = out.getvalue()
    assert f"## #{records[0].id} · gpt-4o (DMXAPI)" in markdown
    assert "> 识别发票\n> 第二行" in markdown and "\n这是一张增值税发票的照片\n" in markdown
    assert "412 ms to first token, 2310 ms total" in markdown and "Thread: t1 (turn 1)" in markdown
    out = io.StringIO()
    assert write_export([], "json", out) == 0 and json.loads(out.getvalue()) == []


def test_width_counts_chinese_as_two_columns() -> None:
    assert display_width("发票abc") == 7
    cut = truncate("这是一张增值税发票的照片", 10)
    assert cut == "这是一张…" and display_width(cut) <= 10
    assert truncate("short", 10) == "short"
    assert clean("red \x1b[31mtext\x07 \u202eevil") == "red [31mtext evil"


def test_list_lines_fit_the_terminal() -> None:
    history = History()
    history.record(HistoryRecord(prompt="这张图片里有什么?\n第二行", provider="P", model="gpt-4o", status="completed",
                                 text="\n\n这是一张增值税发票的照片,上面写着金额合计人民币一百元整,日期二〇二六年"))
    history.record(HistoryRecord(prompt="Describe", provider="P", model="m", status="failed",
                                 error_message="HTTP 502: Bad gateway"))
    rows = history.search()
    lines = format_rows(rows, 80)
    assert all(display_width(line) <= 79 for line in lines)
    assert lines[0].split()[0] == str(rows[0].id) and "failed" in lines[0] and "Describe → HTTP" in lines[0]
    assert "这张图片里有什么? → 这是" in lines[1] and lines[1].endswith("…")


def test_dates() -> None:
    assert parse_date("2026-03-01") == datetime(2026, 3, 1).timestamp()
    assert parse_date("2026-03-01", end_of_day=True) == datetime(2026, 3, 2).timestamp()
    assert parse_date("2026-03-01 08:30") == datetime(2026, 3, 1, 8, 30).timestamp()
    now = datetime(2026, 3, 10).astimezone()
    assert parse_date("7d", now=now) == datetime(2026, 3, 3).timestamp()
    with pytest.raises(UsageError):
        parse_date("last tuesday")
