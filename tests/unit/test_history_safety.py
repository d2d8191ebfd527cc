"""A broken or busy history never stops an analysis, is never silently replaced, and never holds a key."""

from __future__ import annotations

import logging
import sqlite3
import threading
import time
from pathlib import Path

import pytest

from visiondesk.core.errors import AnalysisError, ErrorKind
from visiondesk.core.events import Failed, ReasoningDelta, TextDelta
from visiondesk.core.result import AnalysisResult
from visiondesk.store.database import is_corrupt
from visiondesk.store.history import History, HistoryError, HistoryLocked, HistoryRecord, SourceRecord

SECRET = "sk-live-Zx81QpSECRETvalue42"


def record(text: str = "answer") -> HistoryRecord:
    return HistoryRecord(prompt="p", provider="P", model="m", text=text)


def test_a_file_that_is_not_a_database_is_moved_aside_and_a_new_one_started(
        caplog: pytest.LogCaptureFixture) -> None:
    history = History()
    history.path.parent.mkdir(parents=True)
    garbage = b"this is not SQLite at all\n" * 200
    history.path.write_bytes(garbage)
    with caplog.at_level(logging.WARNING):
        run_id = history.record(record("saved anyway"))
    assert run_id is not None and [r.text for r in history.search("saved")] == ["saved anyway"]
    moved = history.moved_aside
    assert moved is not None and moved.name.startswith("history.sqlite3.corrupt-")
    assert moved.read_bytes() == garbage  # kept, byte for byte, for the user to inspect
    assert history.corrupt_copies() == [moved]
    assert str(moved) in caplog.text and "damaged" in caplog.text


def test_a_malformed_database_is_moved_aside_when_it_is_read() -> None:
    history = History()
    history.record_many([record(f"answer {i} " + "x" * 3000) for i in range(50)])
    with sqlite3.connect(history.path) as connection:
        connection.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    connection.close()
    data = bytearray(history.path.read_bytes())
    page = 4096
    data[page * 2: len(data)] = b"\xa5" * (len(data) - page * 2)  # every page after the second is garbage
    history.path.write_bytes(bytes(data))
    fresh = History()
    assert fresh.search("answer") == []  # a new, empty history instead of an exception
    assert fresh.moved_aside is not None and fresh.moved_aside.exists()
    assert fresh.record(record("after the damage")) is not None


def test_only_a_damaged_file_counts_as_corrupt() -> None:
    connection = sqlite3.connect(":memory:")
    with pytest.raises(sqlite3.Error) as bad_json:
        connection.execute("SELECT json_extract('{not json', '$.a')")
    assert not is_corrupt(bad_json.value)  # "malformed JSON" is not a malformed database


def test_a_locked_database_times_out_quickly_with_a_warning(caplog: pytest.LogCaptureFixture) -> None:
    history = History(timeout=0.2)
    assert history.record(record("first")) is not None
    holder = sqlite3.connect(history.path, isolation_level=None)
    holder.execute("BEGIN EXCLUSIVE")
    try:
        started = time.monotonic()
        with caplog.at_level(logging.WARNING):
            assert history.record(record("second")) is None
        assert time.monotonic() - started < 2
        assert "busy" in caplog.text
        with pytest.raises(HistoryLocked):
            history.delete([1])
        assert [r.text for r in history.search()] == ["first"]  # WAL: reading goes on
    finally:
        holder.execute("ROLLBACK")
        holder.close()
    assert history.moved_aside is None and history.corrupt_copies() == []
    assert history.record(record("third")) is not None


def test_writers_in_several_threads_all_land() -> None:
    history = History()
    history.count()  # create and migrate once

    def write(n: int) -> None:
        for i in range(20):
            assert History().record(record(f"thread {n} run {i}")) is not None

    threads = [threading.Thread(target=write, args=(n,)) for n in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert history.count() == 80


def test_secrets_and_url_credentials_are_never_stored() -> None:
    result = AnalysisResult(source=f"https://user:{SECRET}@images.example/a.png?x=1", model="m", provider="P")
    result.apply(ReasoningDelta(f"the key is {SECRET}"))
    result.apply(TextDelta(f"Partial answer {SECRET} and more"))
    result.apply(Failed(AnalysisError(ErrorKind.AUTH, f"Incorrect API key provided: {SECRET}",
                                      status=401, code=f"bad_key_{SECRET}")))
    history = History()
    run_id = history.record(HistoryRecord.from_result(
        result, f"prompt with {SECRET}", system_prompt=f"system {SECRET}",
        options={"headers": {"Authorization": f"Bearer {SECRET}"}, SECRET: [SECRET]},
        sources=[SourceRecord(f"https://user:{SECRET}@images.example/a.png?x=1"),
                 SourceRecord("ftp://anon:pw@files.example/b.png")]), secrets=[SECRET, ""])
    assert run_id is not None
    stored = history.get(run_id)
    assert stored is not None
    assert stored.text == "Partial answer [redacted] and more"
    assert stored.error_message == "Incorrect API key provided: [redacted]"
    assert stored.error_code == "bad_key_[redacted]" and stored.result["error"]["code"] == "bad_key_[redacted]"
    assert [s.location for s in stored.sources] == ["https://images.example/a.png?x=1",
                                                    "ftp://files.example/b.png"]
    assert stored.result["source"] == "https://images.example/a.png?x=1"
    assert history.search("Partial")[0].source == "https://images.example/a.png?x=1"
    files = [p for p in history.path.parent.iterdir() if p.is_file()]
    assert files
    for path in files:
        data = path.read_bytes()
        assert SECRET.encode() not in data, path
        assert SECRET.encode("utf-16-le") not in data
        assert b"user:" not in data and b"anon:pw" not in data


def test_an_unusable_data_folder_is_a_warning_for_writers_and_an_error_for_readers(
        isolated_home: Path, caplog: pytest.LogCaptureFixture) -> None:
    isolated_home.mkdir(parents=True)
    (isolated_home / "data").write_text("a file where the data folder should be")
    history = History()
    with caplog.at_level(logging.WARNING):
        assert history.record(record()) is None
    assert "History not saved" in caplog.text
    with pytest.raises(HistoryError):
        history.search("x")
