"""Every finished analysis, kept in SQLite so the window and the CLI share one history.

Rows hold what a person saw (text, reasoning, usage, timings, the error) and never a key.
Calls are blocking; async callers run them with ``asyncio.to_thread``.
"""

from __future__ import annotations

import json
import sqlite3
import time
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from visiondesk.config.paths import data_dir
from visiondesk.core.result import AnalysisResult

SCHEMA = """
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


@dataclass(frozen=True, slots=True)
class HistoryEntry:
    id: int
    created_at: float
    prompt: str
    result: dict[str, Any]


class History:
    def __init__(self, path: Path | None = None) -> None:
        self.path = path or data_dir() / "history.sqlite3"

    def _connect(self) -> sqlite3.Connection:
        self.path.parent.mkdir(parents=True, exist_ok=True)
        connection = sqlite3.connect(self.path, timeout=10)
        connection.executescript(SCHEMA)
        return connection

    def add(self, prompt: str, results: Iterable[AnalysisResult]) -> None:
        rows = [
            (time.time(), r.source, r.provider, r.model, r.api, prompt,
             str(r.status) if r.status else None, r.text, r.reasoning,
             json.dumps(r.to_json(), ensure_ascii=False))
            for r in results
        ]
        with self._connect() as connection:
            connection.executemany(
                "INSERT INTO analyses (created_at, source, provider, model, api, prompt, status,"
                " text, reasoning, result_json) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", rows)

    def recent(self, limit: int = 50) -> list[HistoryEntry]:
        with self._connect() as connection:
            cursor = connection.execute(
                "SELECT id, created_at, prompt, result_json FROM analyses"
                " ORDER BY id DESC LIMIT ?", (limit,))
            return [HistoryEntry(row[0], row[1], row[2] or "", json.loads(row[3]))
                    for row in cursor.fetchall()]

    def recent_prompts(self, limit: int = 10) -> list[str]:
        with self._connect() as connection:
            cursor = connection.execute(
                "SELECT prompt FROM analyses WHERE prompt != '' GROUP BY prompt"
                " ORDER BY MAX(id) DESC LIMIT ?", (limit,))
            return [row[0] for row in cursor.fetchall()]
