"""The history file: the original API, rich records, migration from the first schema, deleting."""

from __future__ import annotations

import io
import json
import sqlite3
import time
from pathlib import Path

from PIL import Image

from visiondesk.config.paths import data_dir
from visiondesk.core.errors import AnalysisError, ErrorKind
from visiondesk.core.events import Failed, Finished, Started, Status, TextDelta, UsageReport
from visiondesk.core.result import AnalysisResult
from visiondesk.core.usage import Usage
from visiondesk.store.history import SCHEMA, History, HistoryFilter, HistoryRecord, SourceRecord
from visiondesk.store.thumbnails import content_hash, make_thumbnail


def finished_result(text: str, model: str = "gpt-4o") -> AnalysisResult:
    result = AnalysisResult(source="receipt.png", model=model, provider="DMXAPI")
    for event in (Started(api="chat", url="https://relay.example/v1/chat/completions"), TextDelta(text), UsageReport(Usage(935, 538, 192, 0, 1473)),
                  Finished(Status.COMPLETED)):
        result.apply(event)
    return result


def test_the_original_api_still_works() -> None:
    history = History()
    history.add("Read the receipt", [finished_result("Total 42", "gpt-4o"), finished_result("Total 42.00", "m2")])
    history.add("这张图片里有什么?", [finished_result("一只猫")])
    entries = history.recent()
    assert [e.result["text"] for e in entries] == ["一只猫", "Total 42.00", "Total 42"]
    assert entries[0].prompt == "这张图片里有什么?" and entries[0].result["usage"]["output_tokens"] == 538
    assert history.recent_prompts() == ["这张图片里有什么?", "Read the receipt"]
    assert history.path == data_dir() / "history.sqlite3"


def test_a_cancelled_run_keeps_its_partial_text_and_error() -> None:
    result = AnalysisResult(source="a.png", model="slow", provider="Relay")
    result.apply(TextDelta("The first half of"))
    result.apply(Failed(AnalysisError(ErrorKind.CANCELLED, "Cancelled by the user")))
    history = History()
    run_id = history.record(HistoryRecord.from_result(result, "Describe"))
    assert run_id is not None
    record = history.get(run_id)
    assert record is not None
    assert (record.status, record.text, record.error_kind) == ("cancelled", "The first half of", "cancelled")
    assert record.error_message == "Cancelled by the user"
    assert history.search("first half", HistoryFilter(status="cancelled"))[0].id == run_id


def test_a_rich_record_round_trips() -> None:
    png = io.BytesIO()
    Image.new("RGB", (1200, 800), "red").save(png, "PNG")
    thumbnail = make_thumbnail(png.getvalue())
    assert thumbnail is not None and Image.open(io.BytesIO(thumbnail)).size == (160, 107)
    record = HistoryRecord.from_result(
        finished_result("这是一张增值税发票的照片"), "识别发票", system_prompt="You read invoices.",
        options={"temperature": 0.1, "max_tokens": 1024, "detail": "high"},
        sources=[SourceRecord("/photos/a.png", content_hash(png.getvalue()), thumbnail),
                 SourceRecord("https://example.com/b.jpg")],
        cost=0.0123, currency="CNY", thread_id="thread-1", turn_index=2, comparison_id="cmp-9")
    history = History()
    run_id = history.record(record)
    assert run_id is not None
    stored = history.get(run_id)
    assert stored is not None
    assert stored.id == run_id and abs(stored.created_at - time.time()) < 60
    assert [s.location for s in stored.sources] == ["/photos/a.png", "https://example.com/b.jpg"]
    assert stored.sources[0].content_hash == content_hash(png.getvalue()) and stored.sources[0].thumbnail == thumbnail
    assert history.thumbnail(run_id) == thumbnail and history.thumbnail(run_id, 1) is None
    assert (stored.system_prompt, stored.options["detail"], stored.cost, stored.currency) == (
        "You read invoices.", "high", 0.0123, "CNY")
    assert (stored.thread_id, stored.turn_index, stored.comparison_id) == ("thread-1", 2, "cmp-9")
    assert stored.usage == {"input_tokens": 935, "output_tokens": 538, "reasoning_tokens": 192,
                            "cached_tokens": 0, "total_tokens": 1473}
    assert stored.result["api"] == "chat" and stored.api == "chat"
    assert [r.id for r in history.search(filters=HistoryFilter(thread_id="thread-1"))] == [run_id]
    assert [r.id for r in history.search(filters=HistoryFilter(comparison_id="cmp-9"))] == [run_id]
    as_json = stored.to_json()
    assert as_json["id"] == run_id and as_json["text"] == "这是一张增值税发票的照片"
    assert as_json["cost"] == {"amount": 0.0123, "currency": "CNY"}  # the result object's shape
    [summary] = history.search("发票")
    assert summary.has_thumbnail and summary.source == "/photos/a.png"
    assert [r.id for r in history.get_many([run_id, 999, run_id])] == [run_id, run_id]
    assert as_json["created_at"].startswith(time.strftime("%Y-"))


def old_database(path: Path) -> None:
    """A history file exactly as the first VisionDesk wrote it."""
    path.parent.mkdir(parents=True, exist_ok=True)
    with sqlite3.connect(path) as connection:
        connection.executescript(SCHEMA)
        for i, (prompt, text, status) in enumerate([("Read it", "这是一张增值税发票的照片", "completed"),
                                                    ("Describe", "A cat.", "failed")]):
            result = {"source": f"img{i}.png", "model": "gpt-4o", "provider": "DMXAPI", "api": "chat",
                      "status": status, "text": text, "reasoning": "", "usage": {"output_tokens": 7},
                      "timing": {"first_token_ms": 100, "total_ms": 900}, "sent_image": None,
                      "error": {"kind": "server", "status": 502, "code": None, "message": "Bad gateway"}
                      if status == "failed" else None}
            connection.execute(
                "INSERT INTO analyses (created_at, source, provider, model, api, prompt, status, text, reasoning,"
                " result_json) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                (1_700_000_000 + i, f"img{i}.png", "DMXAPI", "gpt-4o", "chat", prompt, status, text, "",
                 json.dumps(result, ensure_ascii=False)))
    connection.close()


def test_a_database_of_the_first_schema_is_migrated_and_its_rows_stay_readable() -> None:
    history = History()
    old_database(history.path)
    assert history.recent_prompts() == ["Describe", "Read it"]
    assert [r.text for r in history.search("发票")] == ["这是一张增值税发票的照片"]
    assert [r.text for r in history.search("增值税")] == ["这是一张增值税发票的照片"]  # index rebuilt
    failed = history.get(2)
    assert failed is not None
    assert [s.location for s in failed.sources] == ["img1.png"]
    assert (failed.error_kind, failed.error_message, failed.total_ms) == ("server", "Bad gateway", 900)
    assert failed.usage == {"output_tokens": 7}
    new_id = history.record(HistoryRecord(prompt="新的", provider="P", model="m", text="新的发票"))
    assert [r.id for r in history.search("发票")] == [new_id, 1]
    with sqlite3.connect(history.path) as connection:
        assert connection.execute("PRAGMA user_version").fetchone()[0] == 1
        assert connection.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
        # An older VisionDesk still writing to the same file: its rows are searchable too.
        connection.execute(
            "INSERT INTO analyses (created_at, source, provider, model, api, prompt, status, text, reasoning,"
            " result_json) VALUES (1, 'x.png', 'P', 'm', 'chat', 'p', 'completed', 'written by an old version', '', '{}')")
    connection.close()
    assert [r.text for r in history.search("old version")] == ["written by an old version"]


def test_delete_and_clear() -> None:
    history = History()
    ids = history.record_many([HistoryRecord(prompt="p", provider="P", model="m", text=f"answer number {i}")
                               for i in range(5)])
    assert history.delete([ids[0], ids[1], 999]) == [ids[0], ids[1]]
    assert history.count() == 3 and history.search("number 0") == []
    assert history.delete([ids[0]]) == []
    assert history.clear() == 3
    assert history.count() == 0 and history.search("answer") == [] and history.recent() == []


def test_deleted_text_is_gone_from_the_file() -> None:
    history = History()
    marker = "unmistakable-private-sentence-0417"
    kept = history.record(HistoryRecord(prompt="p", provider="P", model="m", text="keep me"))
    gone = history.record(HistoryRecord(prompt=marker, provider="P", model="m", text=marker))
    assert kept and gone
    history.delete([gone])
    history.clear()
    data = b"".join(p.read_bytes() for p in history.path.parent.iterdir() if p.is_file())
    assert marker.encode() not in data
