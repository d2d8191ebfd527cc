"""Every analysis run, kept in SQLite so the window, the CLI and batches share one searchable history.

The file is ``history.sqlite3`` in the platform data directory (``config.paths.data_dir()``).
Calls are blocking and each opens its own short-lived connection, so any thread may call them;
async callers use ``asyncio.to_thread``.

Writing (never raises for a database problem; a broken or locked history must not stop an analysis)::

    history = History()
    run_id = history.record(HistoryRecord.from_result(result, prompt, system_prompt=...,
                            options={...}, sources=[SourceRecord(path, "sha256:…", thumbnail)],
                            cost=0.0012, currency="USD", thread_id=..., turn_index=0,
                            comparison_id=...), secrets=[api_key])   # -> id, or None when not saved
    history.add(prompt, results)                                     # the original API, still works

``secrets``: every occurrence of each secret in every stored string becomes ``[redacted]``, and
URLs stored as sources lose their ``user:pass@``. Thumbnails: ``store.thumbnails.make_thumbnail``.

Reading (raises ``HistoryError``; ``HistoryLocked`` when another process holds the file too long)::

    history.search("发票", HistoryFilter(model="gpt-4o", since=ts), limit=100, offset=0)
        # -> [HistorySummary] newest first: a page of a list (prompt/answer cut to 300 characters)
    history.count("发票", filters)      # how many match, for a virtualised list's size
    history.get(run_id)                 # -> HistoryRecord with id, created_at, sources, full texts
    history.thumbnail(run_id, 0)        # -> PNG/JPEG bytes of that source, or None
    history.recent(50), history.recent_prompts(10)

Removing: ``delete([ids])`` -> the ids that existed and are gone; ``clear()`` -> how many.
Deleted text is overwritten in the file (``secure_delete``), not just unlinked.

A corrupt file is moved aside to ``history.sqlite3.corrupt-<timestamp>`` (a warning is logged)
and a new one started; ``moved_aside`` tells this instance's callers where it went, and
``corrupt_copies()`` lists every such file next to the history.
"""

from __future__ import annotations

import json
import logging
import sqlite3
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import contextmanager, suppress
from dataclasses import dataclass
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

from visiondesk.config.paths import data_dir
from visiondesk.store import search as search_sql
from visiondesk.store.database import (
    SCHEMA_V0,
    Database,
    HistoryError,
    HistoryLocked,
    is_corrupt,
    is_locked,
)
from visiondesk.store.records import (
    HistoryFilter,
    HistoryRecord,
    HistorySummary,
    Redactor,
    SourceRecord,
)

if TYPE_CHECKING:
    from visiondesk.core.result import AnalysisResult

__all__ = ["SCHEMA", "History", "HistoryEntry", "HistoryError", "HistoryFilter", "HistoryLocked",
           "HistoryRecord", "HistorySummary", "SourceRecord"]

log = logging.getLogger(__name__)
T = TypeVar("T")

SCHEMA = SCHEMA_V0  # the original schema's text, for tests that build an old file
DEFAULT_TIMEOUT = 2.0  # seconds to wait for another writer before giving up on this write
MAX_THUMBNAIL_BYTES = 256 * 1024
MAX_PAGE = 1000
RECENT_PROMPT_WINDOW = 5000
_CHUNK = 500  # ids per IN (...) list; SQLite allows at least 999 parameters

_INSERT = (
    "INSERT INTO analyses (created_at, source, provider, model, api, prompt, status, text, reasoning,"
    " result_json, system_prompt, options_json, usage_json, first_token_ms, total_ms, cost, currency,"
    " error_kind, error_message, error_code, thread_id, turn_index, comparison_id)"
    " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"
)
_FULL_COLUMNS = (
    "id, created_at, source, provider, model, api, prompt, status, text, reasoning, result_json,"
    " system_prompt, options_json, usage_json, first_token_ms, total_ms, cost, currency, error_kind,"
    " error_message, error_code, thread_id, turn_index, comparison_id"
)


@dataclass(frozen=True, slots=True)
class HistoryEntry:
    """A run as ``recent()`` returns it (the original API)."""

    id: int
    created_at: float
    prompt: str
    result: dict[str, Any]


class History:
    def __init__(self, path: Path | None = None, *, timeout: float = DEFAULT_TIMEOUT) -> None:
        self.path = path or data_dir() / "history.sqlite3"
        self._db = Database(self.path, timeout)

    @property
    def moved_aside(self) -> Path | None:
        """Where this instance moved a corrupt history file, if it did."""
        return self._db.moved_aside

    def corrupt_copies(self) -> list[Path]:
        """Every damaged history file set aside next to this one, oldest first."""
        if not self.path.parent.is_dir():
            return []
        return sorted(p for p in self.path.parent.glob(f"{self.path.name}.corrupt-*")
                      if not p.name.endswith(("-wal", "-shm")))

    # -- writing ---------------------------------------------------------------------------------

    def add(self, prompt: str, results: Iterable[AnalysisResult],
            secrets: Sequence[str] | None = None) -> list[int]:
        """Store finished results of one prompt (the original API); returns the new ids."""
        return self.record_many([HistoryRecord.from_result(r, prompt) for r in results], secrets)

    def record(self, record: HistoryRecord, secrets: Sequence[str] | None = None) -> int | None:
        """Store one run; its id, or None when the history could not be written (a warning says why)."""
        ids = self.record_many([record], secrets)
        return ids[0] if ids else None

    add_run = record

    def record_many(self, records: Sequence[HistoryRecord],
                    secrets: Sequence[str] | None = None) -> list[int]:
        redactor = Redactor(secrets)
        rows = [redactor.record(r) for r in records]
        if not rows:
            return []

        def write(connection: sqlite3.Connection) -> list[int]:
            with _transaction(connection):
                return [_insert(connection, row) for row in rows]

        try:
            return self._run(write)
        except HistoryError as exc:
            log.warning("History not saved: %s", exc)
        return []

    # -- reading ---------------------------------------------------------------------------------

    def search(self, query: str = "", filters: HistoryFilter | None = None, limit: int = 100,
               offset: int = 0) -> list[HistorySummary]:
        """Runs whose prompt and answer contain every term of ``query``, newest first."""
        limit = max(0, min(int(limit), MAX_PAGE))
        offset = max(0, int(offset))

        def read(connection: sqlite3.Connection) -> list[HistorySummary]:
            sql = search_sql.build(query, filters, self._db.has_fts)
            cursor = connection.execute(
                f"SELECT {search_sql.SUMMARY_COLUMNS} {sql.from_where} {sql.order_by} LIMIT ? OFFSET ?",
                [*sql.params, limit, offset])
            return [_summary_from_row(row) for row in cursor]

        return self._run(read)

    def count(self, query: str = "", filters: HistoryFilter | None = None) -> int:
        def read(connection: sqlite3.Connection) -> int:
            sql = search_sql.build(query, filters, self._db.has_fts)
            return int(connection.execute(f"SELECT count(*) {sql.from_where}", sql.params).fetchone()[0])

        return self._run(read)

    def ids(self, query: str = "", filters: HistoryFilter | None = None) -> list[int]:
        """The ids of every matching run, newest first (for exporting or selecting all)."""

        def read(connection: sqlite3.Connection) -> list[int]:
            sql = search_sql.build(query, filters, self._db.has_fts)
            cursor = connection.execute(f"SELECT a.id {sql.from_where} {sql.order_by}", sql.params)
            return [int(row[0]) for row in cursor]

        return self._run(read)

    def get(self, run_id: int) -> HistoryRecord | None:
        """The whole run, with its sources and their thumbnails; None when there is no such run."""
        found = self.get_many([run_id])
        return found[0] if found else None

    def get_many(self, run_ids: Iterable[int]) -> list[HistoryRecord]:
        """The runs that exist among ``run_ids``, in the order asked."""
        return list(self.iter_records(run_ids))

    def iter_records(self, run_ids: Iterable[int]) -> Iterator[HistoryRecord]:
        """Whole runs, read a chunk at a time (one short read each), for exporting many."""
        wanted = [int(i) for i in run_ids]
        for start in range(0, len(wanted), _CHUNK):
            chunk = wanted[start:start + _CHUNK]
            by_id = self._run(partial(_read_records, ids=chunk))
            yield from (by_id[i] for i in chunk if i in by_id)

    def thumbnail(self, run_id: int, position: int = 0) -> bytes | None:
        def read(connection: sqlite3.Connection) -> bytes | None:
            row = connection.execute(
                "SELECT thumbnail FROM analysis_sources WHERE analysis_id = ? AND position = ?",
                (int(run_id), int(position))).fetchone()
            return bytes(row[0]) if row and row[0] is not None else None

        return self._run(read)

    def recent(self, limit: int = 50) -> list[HistoryEntry]:
        def read(connection: sqlite3.Connection) -> list[HistoryEntry]:
            cursor = connection.execute(
                "SELECT id, created_at, prompt, result_json FROM analyses ORDER BY id DESC LIMIT ?",
                (limit,))
            return [HistoryEntry(row[0], row[1], row[2] or "", _loads(row[3])) for row in cursor]

        return self._run(read)

    def recent_prompts(self, limit: int = 10) -> list[str]:
        def read(connection: sqlite3.Connection) -> list[str]:
            cursor = connection.execute(
                # Only the newest runs: a prompt unused for thousands of runs is not "recent", and
                # grouping the whole history would take ~70 ms at 100,000 runs.
                "SELECT prompt FROM (SELECT id, prompt FROM analyses ORDER BY id DESC LIMIT ?)"
                " WHERE prompt != '' GROUP BY prompt ORDER BY MAX(id) DESC LIMIT ?",
                (RECENT_PROMPT_WINDOW, limit))
            return [row[0] for row in cursor]

        return self._run(read)

    # -- removing --------------------------------------------------------------------------------

    def delete(self, run_ids: Iterable[int]) -> list[int]:
        """Delete these runs; returns the ids that existed (and are now gone)."""
        wanted = sorted({int(i) for i in run_ids})

        def write(connection: sqlite3.Connection) -> list[int]:
            found: list[int] = []
            with _transaction(connection):
                for start in range(0, len(wanted), _CHUNK):
                    chunk = wanted[start:start + _CHUNK]
                    marks = ",".join("?" * len(chunk))
                    found += [row[0] for row in connection.execute(
                        f"SELECT id FROM analyses WHERE id IN ({marks})", chunk)]
                    connection.execute(f"DELETE FROM analyses WHERE id IN ({marks})", chunk)
            connection.execute("PRAGMA wal_checkpoint(TRUNCATE)")  # old pages leave the WAL too
            return found

        return self._run(write) if wanted else []

    def clear(self) -> int:
        """Delete every run; returns how many there were."""

        def write(connection: sqlite3.Connection) -> int:
            with _transaction(connection):
                count = int(connection.execute("SELECT count(*) FROM analyses").fetchone()[0])
                connection.execute("DELETE FROM analyses")
                connection.execute("DELETE FROM analysis_sources")
                if self._db.has_fts:  # merge the index so deleted words are dropped from it, too
                    connection.execute("INSERT INTO analyses_fts (analyses_fts) VALUES ('optimize')")
            connection.execute("PRAGMA wal_checkpoint(TRUNCATE)")
            return count

        return self._run(write)

    # -- plumbing --------------------------------------------------------------------------------

    def _run(self, operation: Callable[[sqlite3.Connection], T]) -> T:
        """Run ``operation`` on a fresh connection; a corrupt file is moved aside once and retried."""
        for attempt in range(2):
            inode = self._db.inode()
            try:
                connection = self._db.connect()
                try:
                    return operation(connection)
                finally:
                    connection.close()
            except sqlite3.Error as exc:
                if is_corrupt(exc) and attempt == 0:
                    self._db.move_aside(exc, inode)
                    continue
                if is_locked(exc):
                    raise HistoryLocked(
                        f"the history file {self.path} is busy (another VisionDesk is using it)") from exc
                raise HistoryError(f"cannot use the history file {self.path}: {exc}") from exc
            except OSError as exc:  # the folder cannot be made, or a damaged file cannot be moved
                raise HistoryError(f"cannot use the history file {self.path}: {exc}") from exc
        raise AssertionError("unreachable")  # pragma: no cover


@contextmanager
def _transaction(connection: sqlite3.Connection) -> Iterator[None]:
    """A write transaction that takes the lock up front (so waiting happens once, at the start)."""
    connection.execute("BEGIN IMMEDIATE")
    try:
        yield
        connection.execute("COMMIT")
    except BaseException:
        if connection.in_transaction:
            with suppress(sqlite3.Error):
                connection.execute("ROLLBACK")
        raise


def _insert(connection: sqlite3.Connection, r: HistoryRecord) -> int:
    first_source = r.sources[0].location if r.sources else str(r.result.get("source") or "")
    cursor = connection.execute(_INSERT, (
        r.created_at, first_source, r.provider, r.model, r.api, r.prompt, r.status, r.text, r.reasoning,
        json.dumps(r.result, ensure_ascii=False), r.system_prompt,
        json.dumps(r.options, ensure_ascii=False), json.dumps(r.usage, ensure_ascii=False)
        if r.usage is not None else None, r.first_token_ms, r.total_ms, r.cost, r.currency,
        r.error_kind, r.error_message, r.error_code, r.thread_id, r.turn_index, r.comparison_id))
    run_id = int(cursor.lastrowid or 0)
    connection.executemany(
        "INSERT INTO analysis_sources (analysis_id, position, location, content_hash, thumbnail)"
        " VALUES (?, ?, ?, ?, ?)",
        [(run_id, i, s.location, s.content_hash, _bounded_thumbnail(s.thumbnail))
         for i, s in enumerate(r.sources)])
    return run_id


def _bounded_thumbnail(data: bytes | None) -> bytes | None:
    if data is not None and len(data) > MAX_THUMBNAIL_BYTES:
        log.warning("History thumbnail of %d bytes dropped (over %d)", len(data), MAX_THUMBNAIL_BYTES)
        return None
    return data


def _loads(text: str | None) -> Any:
    try:
        return json.loads(text) if text else {}
    except ValueError:
        return {}


def _read_records(connection: sqlite3.Connection, ids: list[int]) -> dict[int, HistoryRecord]:
    marks = ",".join("?" * len(ids))
    sources: dict[int, list[SourceRecord]] = {}
    for run_id, location, content_hash, thumbnail in connection.execute(
            "SELECT analysis_id, location, content_hash, thumbnail FROM analysis_sources"
            f" WHERE analysis_id IN ({marks}) ORDER BY analysis_id, position", ids):
        sources.setdefault(run_id, []).append(SourceRecord(location, content_hash, thumbnail))
    rows = connection.execute(f"SELECT {_FULL_COLUMNS} FROM analyses WHERE id IN ({marks})", ids)
    return {row[0]: _record_from_row(row, sources.get(row[0], [])) for row in rows}


def _summary_from_row(row: Sequence[Any]) -> HistorySummary:
    (run_id, created_at, provider, model, status, prompt, text, source, error_message, cost, currency,
     thread_id, comparison_id, has_thumbnail) = row
    return HistorySummary(run_id, created_at, provider or "", model or "", status, prompt or "", text or "",
                          source or "", error_message, cost, currency, thread_id, comparison_id,
                          bool(has_thumbnail))


def _record_from_row(row: Sequence[Any], sources: list[SourceRecord]) -> HistoryRecord:
    (run_id, created_at, source, provider, model, api, prompt, status, text, reasoning, result_json,
     system_prompt, options_json, usage_json, first_token_ms, total_ms, cost, currency, error_kind,
     error_message, error_code, thread_id, turn_index, comparison_id) = row
    result = _loads(result_json)
    options = _loads(options_json)
    usage = _loads(usage_json) if usage_json else None
    return HistoryRecord(
        prompt=prompt or "", provider=provider or "", model=model or "", api=api or "",
        system_prompt=system_prompt or "", sources=sources or ([SourceRecord(source)] if source else []),
        options=options if isinstance(options, dict) else {}, status=status, text=text or "",
        reasoning=reasoning or "", usage=usage if isinstance(usage, dict) else None,
        first_token_ms=first_token_ms, total_ms=total_ms, cost=cost, currency=currency,
        error_kind=error_kind, error_message=error_message, error_code=error_code, thread_id=thread_id,
        turn_index=turn_index, comparison_id=comparison_id,
        result=result if isinstance(result, dict) else {}, created_at=created_at, id=run_id,
    )
