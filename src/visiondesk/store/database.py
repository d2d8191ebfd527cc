"""The history file itself: opening it, its schema and migrations, and what to do when it is broken.

- WAL mode (readers never wait for the writer) and a short busy timeout: a locked database raises
  ``HistoryLocked`` after ``timeout`` seconds instead of holding up an analysis.
- ``PRAGMA user_version`` is the schema version. Version 0 is the original single ``analyses``
  table (or an empty file); migrations only ever add to it, so rows written by older versions stay
  readable and an older VisionDesk can still append to the same file.
- A file that is not a database, or is malformed, is renamed to ``<name>.corrupt-<timestamp>``
  (with its -wal/-shm files), a warning says where, and a new file is started. Nothing else
  (locked, read-only, disk full) ever replaces the file.
"""

from __future__ import annotations

import contextlib
import logging
import os
import sqlite3
import time
from pathlib import Path

log = logging.getLogger(__name__)

SCHEMA_VERSION = 1
SQLITE_BUSY, SQLITE_LOCKED, SQLITE_CORRUPT, SQLITE_NOTADB = 5, 6, 11, 26

# Version 0: the schema every earlier VisionDesk created (kept verbatim: it is also how a fresh
# file starts, so there is only one path to the current schema).
SCHEMA_V0 = """
CREATE TABLE IF NOT EXISTS analyses (
    id INTEGER PRIMARY KEY,
    created_at REAL NOT NULL,
    source TEXT NOT NULL,
    provider TEXT NOT NULL,
    model TEXT NOT NULL,
    api TEXT,
    prompt TEXT,
    status TEXT,
    text TEXT,
    reasoning TEXT,
    result_json TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS analyses_created ON analyses(created_at);
"""

_V1_COLUMNS = (
    ("system_prompt", "TEXT"), ("options_json", "TEXT"), ("usage_json", "TEXT"),
    ("first_token_ms", "REAL"), ("total_ms", "REAL"), ("cost", "REAL"), ("currency", "TEXT"),
    ("error_kind", "TEXT"), ("error_message", "TEXT"), ("error_code", "TEXT"),
    ("thread_id", "TEXT"), ("turn_index", "INTEGER"), ("comparison_id", "TEXT"),
)

_V1_SCRIPT = """
CREATE TABLE IF NOT EXISTS analysis_sources (
    analysis_id INTEGER NOT NULL,
    position INTEGER NOT NULL,
    location TEXT NOT NULL,
    content_hash TEXT,
    thumbnail BLOB,
    PRIMARY KEY (analysis_id, position)
) WITHOUT ROWID;
INSERT OR IGNORE INTO analysis_sources (analysis_id, position, location)
    SELECT id, 0, source FROM analyses;
UPDATE analyses SET
    usage_json = json_extract(result_json, '$.usage'),
    first_token_ms = json_extract(result_json, '$.timing.first_token_ms'),
    total_ms = json_extract(result_json, '$.timing.total_ms'),
    error_kind = json_extract(result_json, '$.error.kind'),
    error_message = json_extract(result_json, '$.error.message'),
    error_code = json_extract(result_json, '$.error.code')
    WHERE json_valid(result_json);
CREATE INDEX IF NOT EXISTS analyses_model ON analyses(model COLLATE NOCASE);
CREATE INDEX IF NOT EXISTS analyses_provider ON analyses(provider COLLATE NOCASE);
CREATE INDEX IF NOT EXISTS analyses_thread ON analyses(thread_id, turn_index) WHERE thread_id IS NOT NULL;
CREATE INDEX IF NOT EXISTS analyses_comparison ON analyses(comparison_id) WHERE comparison_id IS NOT NULL;
CREATE TRIGGER IF NOT EXISTS analyses_sources_ad AFTER DELETE ON analyses BEGIN
    DELETE FROM analysis_sources WHERE analysis_id = old.id;
END;
"""

# Full-text index over prompt and answer. The trigram tokenizer indexes every 3-character window,
# so a word inside a run of Chinese characters (which has no spaces) is found; shorter queries
# fall back to LIKE (see store.search).
_FTS_SCRIPT = """
CREATE VIRTUAL TABLE IF NOT EXISTS analyses_fts USING fts5(
    prompt, text, content='analyses', content_rowid='id', tokenize='trigram');
CREATE TRIGGER IF NOT EXISTS analyses_fts_ai AFTER INSERT ON analyses BEGIN
    INSERT INTO analyses_fts (rowid, prompt, text) VALUES (new.id, new.prompt, new.text);
END;
CREATE TRIGGER IF NOT EXISTS analyses_fts_ad AFTER DELETE ON analyses BEGIN
    INSERT INTO analyses_fts (analyses_fts, rowid, prompt, text)
        VALUES ('delete', old.id, old.prompt, old.text);
END;
CREATE TRIGGER IF NOT EXISTS analyses_fts_au AFTER UPDATE OF prompt, text ON analyses BEGIN
    INSERT INTO analyses_fts (analyses_fts, rowid, prompt, text)
        VALUES ('delete', old.id, old.prompt, old.text);
    INSERT INTO analyses_fts (rowid, prompt, text) VALUES (new.id, new.prompt, new.text);
END;
INSERT INTO analyses_fts (analyses_fts) VALUES ('rebuild');
"""


class HistoryError(Exception):
    """History could not be read or written (the message says why, in plain words)."""


class HistoryLocked(HistoryError):
    """Another process held the database longer than the busy timeout."""


def error_code(exc: sqlite3.Error) -> int:
    return (getattr(exc, "sqlite_errorcode", 0) or 0) & 0xFF  # primary code of an extended one


def is_corrupt(exc: sqlite3.Error) -> bool:
    if getattr(exc, "sqlite_errorcode", None) is not None:
        return error_code(exc) in (SQLITE_CORRUPT, SQLITE_NOTADB)
    # No code on the exception: only SQLite's own words for a damaged file ("malformed JSON" is not).
    text = str(exc).lower()
    return "file is not a database" in text or "database disk image is malformed" in text


def is_locked(exc: sqlite3.Error) -> bool:
    return error_code(exc) in (SQLITE_BUSY, SQLITE_LOCKED) or "locked" in str(exc).lower()


class Database:
    """Opens connections to one history file, migrating it first when needed."""

    def __init__(self, path: Path, timeout: float) -> None:
        self.path = path
        self.timeout = timeout
        self.moved_aside: Path | None = None
        self.has_fts = True

    def connect(self) -> sqlite3.Connection:
        """A ready connection in autocommit mode (callers ``BEGIN IMMEDIATE`` to write)."""
        self.path.parent.mkdir(parents=True, exist_ok=True)
        connection = sqlite3.connect(self.path, timeout=self.timeout, isolation_level=None)
        try:
            connection.execute("PRAGMA synchronous=NORMAL")  # durable enough in WAL mode, much faster
            connection.execute("PRAGMA secure_delete=ON")  # deleted history is overwritten, not left behind
            version = connection.execute("PRAGMA user_version").fetchone()[0]
            if version < SCHEMA_VERSION:
                self._migrate(connection)
            self.has_fts = connection.execute(
                "SELECT 1 FROM sqlite_master WHERE name = 'analyses_fts'").fetchone() is not None
        except BaseException:
            connection.close()
            raise
        return connection

    def inode(self) -> int | None:
        try:
            return os.stat(self.path).st_ino
        except OSError:
            return None

    def _migrate(self, connection: sqlite3.Connection) -> None:
        if connection.execute("PRAGMA journal_mode=WAL").fetchone()[0].lower() != "wal":
            log.debug("History %s is not in WAL mode (file system without shared memory?)", self.path)
        connection.execute("BEGIN IMMEDIATE")
        try:
            version = connection.execute("PRAGMA user_version").fetchone()[0]  # another process may have won
            if version < 1:
                self._migrate_to_v1(connection)
            connection.execute(f"PRAGMA user_version = {SCHEMA_VERSION}")
            connection.execute("COMMIT")
        except BaseException:
            if connection.in_transaction:
                connection.execute("ROLLBACK")
            raise
        log.info("History %s migrated to schema version %d", self.path, SCHEMA_VERSION)

    def _migrate_to_v1(self, connection: sqlite3.Connection) -> None:
        _run_script(connection, SCHEMA_V0)
        existing = {row[1] for row in connection.execute("PRAGMA table_info(analyses)")}
        for name, kind in _V1_COLUMNS:
            if name not in existing:
                connection.execute(f"ALTER TABLE analyses ADD COLUMN {name} {kind}")
        _run_script(connection, _V1_SCRIPT)
        try:
            connection.execute("SAVEPOINT fts")
            _run_script(connection, _FTS_SCRIPT)
            connection.execute("RELEASE fts")
            _try_fts_secure_delete(connection)
        except sqlite3.OperationalError as exc:  # SQLite older than 3.34 has no trigram tokenizer
            connection.execute("ROLLBACK TO fts")
            connection.execute("RELEASE fts")
            log.warning("History search without a full-text index (%s); searching will be slower", exc)

    def move_aside(self, reason: sqlite3.Error, seen_inode: int | None) -> Path | None:
        """Rename a corrupt file (and its -wal/-shm) out of the way; the next connect starts anew.

        ``seen_inode`` is the file the error came from: if another process already replaced it,
        the new file is left alone.
        """
        if seen_inode is not None and self.inode() != seen_inode:
            return None
        stamp = time.strftime("%Y%m%d-%H%M%S")
        target = self.path.with_name(f"{self.path.name}.corrupt-{stamp}")
        counter = 1
        while target.exists():
            counter += 1
            target = self.path.with_name(f"{self.path.name}.corrupt-{stamp}-{counter}")
        try:
            os.replace(self.path, target)
        except FileNotFoundError:
            return None
        for suffix in ("-wal", "-shm"):
            with contextlib.suppress(FileNotFoundError):
                os.replace(f"{self.path}{suffix}", f"{target}{suffix}")
        self.moved_aside = target
        log.warning("History database %s is damaged (%s); moved it to %s and started a new one",
                    self.path, reason, target)
        return target


def _try_fts_secure_delete(connection: sqlite3.Connection) -> None:
    """SQLite 3.42+: a deleted run's words leave the full-text index at once, not at the next merge."""
    try:
        connection.execute("SAVEPOINT secure")
        connection.execute("INSERT INTO analyses_fts (analyses_fts, rank) VALUES ('secure-delete', 1)")
        connection.execute("RELEASE secure")
    except sqlite3.Error:
        connection.execute("ROLLBACK TO secure")
        connection.execute("RELEASE secure")


def _run_script(connection: sqlite3.Connection, script: str) -> None:
    """Run ``;``-separated statements inside the current transaction (executescript would commit)."""
    statement = ""
    for line in script.splitlines(keepends=True):
        statement += line
        if sqlite3.complete_statement(statement):
            connection.execute(statement)
            statement = ""
