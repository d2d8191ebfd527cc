"""A batch's results file: one JSON object per (source, model) per line, safe against ``kill -9``.

Each line is written whole with one ``os.write`` on an ``O_APPEND`` descriptor and fsynced before
the next job's result is counted, so a killed batch leaves at most one torn last line. Opening the
file again repairs that line (truncates it), skips the pairs already completed and lets the failed
ones run again; when a pair appears more than once its newest line wins. Closing rewrites the file
with one line per pair (atomically, via a temporary file and rename), so a finished batch holds
every pair exactly once. The CSV is regenerated from the JSONL, never written alongside it, so
the two cannot disagree.
"""

from __future__ import annotations

import contextlib
import csv
import json
import logging
import os
import threading
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from types import TracebackType
from typing import IO, Any, Self

from visiondesk.core.compare import csv_safe

log = logging.getLogger(__name__)

MAX_LINE_BYTES = 32 << 20  # one result; longer lines are skipped when reading, never loaded
DONE_STATUS = "completed"

PairKey = tuple[str, str]


class OutputBusyError(RuntimeError):
    """Another batch is writing the same results file."""


def pair_key(row: Mapping[str, Any]) -> PairKey | None:
    source, model = row.get("source"), row.get("model")
    if isinstance(source, str) and isinstance(model, str):
        return source, model
    return None


@dataclass
class BatchOutput:
    """Open with :meth:`open`; ``append`` each result as it finishes; ``close`` at the end."""

    path: Path
    statuses: dict[PairKey, str] = field(default_factory=dict)
    superseded: int = 0  # lines that a newer line for the same pair replaces
    repaired_bytes: int = 0  # size of the torn last line removed on open
    skipped_lines: int = 0  # unreadable lines kept as they were
    _fd: int | None = None
    # Appends may come from worker threads: one line at a time, so a short write (a signal, a
    # full disk) can never be followed by another thread's line in the middle of this one.
    _lock: threading.Lock = field(default_factory=threading.Lock, repr=False)

    @classmethod
    def open(cls, path: Path) -> BatchOutput:
        """Open (creating) the file for appending, repair a torn last line and read what is done.

        Raises ``OutputBusyError`` when another process holds the file."""
        path.parent.mkdir(parents=True, exist_ok=True)
        _tmp_path(path).unlink(missing_ok=True)  # left over from a compaction that was killed
        fd = os.open(path, os.O_RDWR | os.O_APPEND | os.O_CREAT, 0o644)
        try:
            _lock(fd, path)
            output = cls(path=path, _fd=fd)
            output._load()
        except BaseException:
            os.close(fd)
            raise
        return output

    def __enter__(self) -> Self:
        return self

    def __exit__(self, exc_type: type[BaseException] | None, exc: BaseException | None,
                 tb: TracebackType | None) -> None:
        self.close(compact=exc_type is None)

    def _load(self) -> None:
        assert self._fd is not None
        size = os.fstat(self._fd).st_size
        with open(self.path, "rb") as handle:
            for offset, line in _lines(handle):
                if line is None:
                    self.skipped_lines += 1
                    continue
                if not line.endswith(b"\n"):
                    self._repair_tail(offset, line, size)
                    continue
                self._index(line)

    def _repair_tail(self, offset: int, tail: bytes, size: int) -> None:
        """The last line has no newline: a write cut short by a kill, unless it is whole JSON."""
        assert self._fd is not None
        if _parse(tail) is not None:
            os.write(self._fd, b"\n")  # a whole object someone saved without a final newline
            self._index(tail)
            return
        log.warning("Removing an incomplete last line (%d bytes) from %s", size - offset, self.path)
        os.ftruncate(self._fd, offset)
        os.fsync(self._fd)
        self.repaired_bytes = size - offset

    def _index(self, line: bytes) -> None:
        row = _parse(line)
        key = pair_key(row) if row is not None else None
        if row is None or key is None:
            self.skipped_lines += 1
            return
        if key in self.statuses:
            self.superseded += 1
        self.statuses[key] = str(row.get("status"))

    def is_done(self, source: str, model: str) -> bool:
        return self.statuses.get((source, model)) == DONE_STATUS

    def status(self, source: str, model: str) -> str | None:
        return self.statuses.get((source, model))

    def append(self, row: Mapping[str, Any]) -> None:
        """Write one result as one line, durably. A row needs string ``source`` and ``model``."""
        if self._fd is None:
            raise ValueError("the results file is closed")
        key = pair_key(row)
        if key is None:
            raise ValueError("a result row needs 'source' and 'model'")
        data = (json.dumps(row, ensure_ascii=False, separators=(",", ":")) + "\n").encode("utf-8")
        if len(data) > MAX_LINE_BYTES:
            raise ValueError(f"a result of {len(data)} bytes is over the {MAX_LINE_BYTES} byte limit")
        with self._lock:
            view = memoryview(data)
            while view:  # a regular file takes it in one write unless a signal interrupts it
                written = os.write(self._fd, view)
                view = view[written:]
            os.fsync(self._fd)
            if key in self.statuses:
                self.superseded += 1
            self.statuses[key] = str(row.get("status"))

    def close(self, compact: bool = True) -> None:
        if self._fd is None:
            return
        try:
            if compact and (self.superseded or self.skipped_lines):
                self.compact()
        finally:
            os.close(self._fd)
            self._fd = None

    def compact(self) -> None:
        """Rewrite the file with the newest line of each pair, atomically. Unreadable lines
        (not ours) are kept at the end rather than thrown away."""
        tmp = _tmp_path(self.path)
        with open(self.path, "rb") as source, open(tmp, "wb") as target:
            # The newest line of each pair, at the place the pair first appeared.
            for offset in _newest_offsets(self.path).values():
                source.seek(offset)
                target.write(source.readline(MAX_LINE_BYTES + 1))
            source.seek(0)
            for _, line in _lines(source):
                if line is not None and line.endswith(b"\n"):
                    row = _parse(line)
                    if row is None or pair_key(row) is None:
                        target.write(line)
            target.flush()
            os.fsync(target.fileno())
        os.replace(tmp, self.path)
        _fsync_dir(self.path.parent)
        self.superseded = 0
        self.skipped_lines = 0


def latest_rows(path: Path) -> Iterator[dict[str, Any]]:
    """The newest row of each pair, in the order the pairs first appear (a retried pair keeps
    its place). Rows are read one at a time, so a huge file is never held in memory."""
    with open(path, "rb") as handle:
        for offset in _newest_offsets(path).values():
            handle.seek(offset)
            row = _parse(handle.readline(MAX_LINE_BYTES + 1))
            if row is not None:
                yield row


def _newest_offsets(path: Path) -> dict[PairKey, int]:
    newest: dict[PairKey, int] = {}
    with open(path, "rb") as handle:
        for offset, line in _lines(handle):
            if line is None or not line.endswith(b"\n"):
                continue
            row = _parse(line)
            key = pair_key(row) if row is not None else None
            if key is not None:
                newest.pop(key, None)  # re-insert: dict order becomes "last written"
                newest[key] = offset
    # Order by first appearance instead, so a retried pair keeps its place in the CSV.
    first: dict[PairKey, int] = {}
    with open(path, "rb") as handle:
        for offset, line in _lines(handle):
            if line is None or not line.endswith(b"\n"):
                continue
            row = _parse(line)
            key = pair_key(row) if row is not None else None
            if key is not None and key not in first:
                first[key] = offset
    return {key: newest[key] for key in sorted(newest, key=first.__getitem__)}


def write_csv(jsonl: Path, csv_path: Path, columns: Sequence[str] | None = None) -> int:
    """Regenerate the CSV from the JSONL; returns the number of rows.

    With schema ``columns`` each top-level property gets a column (from the row's ``data``),
    else the answer ``text``. UTF-8 with a BOM so Excel and WPS read Chinese correctly; cells
    that a spreadsheet would run as a formula start with a single quote."""
    fields = ["source", "model", "status", *(columns if columns else ["text"]), "error"]
    tmp = _tmp_path(csv_path)
    count = 0
    with open(tmp, "w", encoding="utf-8-sig", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow([_cell(name) for name in fields])
        for row in latest_rows(jsonl):
            writer.writerow(_csv_row(row, columns))
            count += 1
        handle.flush()
        os.fsync(handle.fileno())
    os.replace(tmp, csv_path)
    return count


def _csv_row(row: Mapping[str, Any], columns: Sequence[str] | None) -> list[str]:
    cells: list[Any] = [row.get("source"), row.get("model"), row.get("status")]
    if columns:
        data = row.get("data")
        cells += [data.get(name) if isinstance(data, Mapping) else None for name in columns]
    else:
        cells.append(row.get("text"))
    error = row.get("error")
    cells.append(error.get("message") if isinstance(error, Mapping) else error)
    return [_cell(value) for value in cells]


def _cell(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int | float):
        return repr(value) if isinstance(value, float) else str(value)  # a number is never a formula
    text = value if isinstance(value, str) else json.dumps(value, ensure_ascii=False)
    return str(csv_safe(text))


def _lines(handle: IO[bytes]) -> Iterator[tuple[int, bytes | None]]:
    """(offset, line) for each line, newline kept; ``None`` for a line over the limit, which
    is skipped without being held in memory."""
    offset = 0
    while True:
        line = handle.readline(MAX_LINE_BYTES + 1)
        if not line:
            return
        if len(line) > MAX_LINE_BYTES and not line.endswith(b"\n"):
            start = offset
            offset += len(line)
            while line and not line.endswith(b"\n"):
                line = handle.readline(1 << 20)
                offset += len(line)
            yield start, None
            continue
        yield offset, line
        offset += len(line)


def _parse(line: bytes) -> dict[str, Any] | None:
    try:
        value = json.loads(line)
    except ValueError:
        return None
    return value if isinstance(value, dict) else None


def _tmp_path(path: Path) -> Path:
    return path.with_name(path.name + ".tmp")


def _lock(fd: int, path: Path) -> None:
    try:
        import fcntl
    except ImportError:  # Windows: no advisory locks here; one batch per file is then on the user
        return
    try:
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except BlockingIOError:
        raise OutputBusyError(f"another batch is writing {path}; wait for it or pick another --out") from None


def _fsync_dir(directory: Path) -> None:
    with contextlib.suppress(OSError):  # not every platform can open a directory
        fd = os.open(directory, os.O_RDONLY)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)
