"""The history list's model: pages of 100 runs fetched as the list scrolls, thumbnails on demand.

``HistoryListModel`` never holds the whole history. ``set_search`` counts the matches and reads
the first page in a worker; ``canFetchMore``/``fetchMore`` (called by the view as it nears the
end of what it has) read the next page. A page read for an older search is dropped (each search
has a generation number). Thumbnails are read only for rows the view paints, a batch at a time in
a worker, which also shrinks them to the list's size (raw RGBA bytes: decoding 40 JPEGs here would
cost the GUI thread ~7 ms); they become QPixmaps here, on the GUI thread, in a bounded cache.
"""

from __future__ import annotations

import asyncio
import functools
import logging
from collections import OrderedDict
from collections.abc import Callable, Iterable
from datetime import datetime
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import (
    QAbstractListModel,
    QCoreApplication,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
    QTimer,
    Signal,
)
from PySide6.QtGui import QImage, QPixmap

from visiondesk.core.text import markdown_to_plain
from visiondesk.store.records import HistoryFilter

if TYPE_CHECKING:
    from visiondesk.gui.tasks import TaskOwner
    from visiondesk.store.history import History
    from visiondesk.store.records import HistorySummary

log = logging.getLogger(__name__)

PAGE_SIZE = 100
THUMB_SIDE = 48          # pixels in the list
THUMB_CACHE = 1000       # pixmaps kept (about 9 MB at 48 px)
THUMB_BATCH = 24         # thumbnails read per worker call
# Thumbnails are read once the list has been still this long: a worker decoding while the list
# scrolls competes with the GUI thread for the GIL and made scroll steps stall (bench_history_panel).
THUMB_DELAY_MS = 80
SUMMARY_ROLE = Qt.ItemDataRole.UserRole + 1
ID_ROLE = Qt.ItemDataRole.UserRole + 2

Index = QModelIndex | QPersistentModelIndex
STATUS_WORDS = ("completed", "incomplete", "failed", "cancelled", "invalid")


def can_start(tasks: TaskOwner) -> bool:
    """Whether a worker can start now: the loop turns and the window is not closing. (A timer
    may fire while a test's loop is paused, or while the window shuts down.)"""
    try:
        asyncio.get_running_loop()
    except RuntimeError:
        return False
    return not tasks.closing


def status_word(status: str | None) -> str:
    """A run's status in the window's language."""
    words = {
        "completed": QCoreApplication.translate("HistoryModel", "completed"),
        "incomplete": QCoreApplication.translate("HistoryModel", "incomplete"),
        "failed": QCoreApplication.translate("HistoryModel", "failed"),
        "cancelled": QCoreApplication.translate("HistoryModel", "cancelled"),
        "invalid": QCoreApplication.translate("HistoryModel", "invalid"),
    }
    return words.get(status or "", status or QCoreApplication.translate("HistoryModel", "unknown"))


def when_text(timestamp: float) -> str:
    """``2026-11-29 17:32`` in local time (today's runs: ``17:32``)."""
    moment = datetime.fromtimestamp(timestamp)
    if moment.date() == datetime.now().date():
        return moment.strftime("%H:%M")
    return moment.strftime("%Y-%m-%d %H:%M")


def first_line(summary: HistorySummary) -> str:
    """The answer's first line of words (a failure's error first), else the prompt's; the
    answer's Markdown is read, not shown ("The total is 12.50 EUR", not "**12.50 EUR**")."""
    texts = [(summary.text, True), (summary.error_message or "", False), (summary.prompt, False)]
    if summary.status in ("failed", "invalid") and summary.error_message:
        texts.insert(0, texts.pop(1))
    for text, markdown in texts:
        shown = _first_plain_line(text) if markdown else _first_words(text)
        if shown:
            return shown
    return ""


def _first_words(text: str) -> str:
    return next((line.strip() for line in text.splitlines() if line.strip()), "")


@functools.lru_cache(maxsize=4096)  # rows are painted again at every scroll step
def _first_plain_line(markdown: str) -> str:
    """The first line of ``markdown``'s words (a summary holds its first few hundred characters)."""
    return _first_words(markdown_to_plain(markdown))


Pixels = tuple[int, int, bytes]   # width, height, RGBA


def _page(history: History, query: str, filters: HistoryFilter, offset: int) -> list[HistorySummary]:
    """Blocking (a worker): a page of runs, their first lines made ready for painting (reading
    the Markdown of each row as it is first painted made scrolling stall)."""
    rows = history.search(query, filters, PAGE_SIZE, offset)
    for row in rows:
        _first_plain_line(row.text)
    return rows


def shrink(data: bytes | None, side: int = THUMB_SIDE) -> Pixels | None:
    """Blocking (a worker): a stored thumbnail as RGBA pixels fitting ``side``; None if unreadable."""
    if not data:
        return None
    import io

    from PIL import Image

    try:
        with Image.open(io.BytesIO(data)) as image:
            if image.width * image.height > 4_000_000:   # stored thumbnails are 160 px: refuse bombs
                return None
            image.draft("RGB", (side, side))
            picture = image.convert("RGBA")
            picture.thumbnail((side, side))
            return picture.width, picture.height, picture.tobytes()
    except Exception as exc:  # a damaged thumbnail: an empty frame, the row is still listed
        log.debug("Unreadable history thumbnail: %s", exc)
        return None


class HistoryListModel(QAbstractListModel):
    count_changed = Signal(int)   # how many runs match the search (not how many are loaded)
    loading_changed = Signal(bool)
    failed = Signal(str)          # a read failed: words to show

    def __init__(self, tasks: TaskOwner, history: Callable[[], History],
                 parent: Any = None) -> None:
        super().__init__(parent)
        self._tasks = tasks
        self._history = history
        self._rows: list[HistorySummary] = []
        self._row_of: dict[int, int] = {}
        self._total = 0
        self._generation = 0
        self._pending = False
        self.query = ""
        self.filters = HistoryFilter()
        self._thumbs: OrderedDict[int, QPixmap | None] = OrderedDict()
        self._wanted: dict[int, None] = {}   # ids whose thumbnail a painted row asked for, in order
        self._thumbs_loading = False
        self._thumb_timer = QTimer(self)
        self._thumb_timer.setSingleShot(True)
        self._thumb_timer.setInterval(THUMB_DELAY_MS)
        self._thumb_timer.timeout.connect(self._load_thumbs)

    # ------------------------------------------------------------ Qt model API

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        summary = self._rows[index.row()]
        if role == SUMMARY_ROLE:
            return summary
        if role == ID_ROLE:
            return summary.id
        if role == Qt.ItemDataRole.DecorationRole:
            return self.thumbnail(summary)
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.AccessibleTextRole):
            return (f"{when_text(summary.created_at)} · {summary.model} · "
                    f"{status_word(summary.status)} — {first_line(summary)}")
        if role == Qt.ItemDataRole.ToolTipRole:
            return summary.prompt[:300]
        return None

    def canFetchMore(self, parent: Index = QModelIndex()) -> bool:  # noqa: B008
        return not parent.isValid() and not self._pending and len(self._rows) < self._total

    def fetchMore(self, parent: Index = QModelIndex()) -> None:  # noqa: B008
        if not self.canFetchMore(parent) or not can_start(self._tasks):
            return   # the view asks again as it scrolls
        self._pending = True
        self.loading_changed.emit(True)
        generation, offset = self._generation, len(self._rows)
        query, filters, history = self.query, self.filters, self._history()
        self._tasks.call(("history", "page"),
                         asyncio.to_thread(_page, history, query, filters, offset),
                         lambda rows: self._add_page(generation, offset, rows), self._read_failed)

    # ------------------------------------------------------------ searching

    @property
    def total(self) -> int:
        return self._total

    @property
    def loaded(self) -> int:
        return len(self._rows)

    @property
    def busy(self) -> bool:
        return self._pending

    def summary(self, row: int) -> HistorySummary | None:
        return self._rows[row] if 0 <= row < len(self._rows) else None

    def row_of(self, run_id: int) -> int | None:
        return self._row_of.get(run_id)

    def set_search(self, query: str, filters: HistoryFilter | None = None) -> None:
        """Show the runs matching ``query`` and ``filters``: their count and the first page."""
        self.query, self.filters = query, filters or HistoryFilter()
        self._generation += 1
        generation = self._generation
        self.beginResetModel()
        self._rows, self._row_of, self._total = [], {}, 0
        self._wanted.clear()
        self._pending = True
        self.endResetModel()
        self.loading_changed.emit(True)
        history, query, filters = self._history(), self.query, self.filters

        def first_page() -> tuple[int, list[HistorySummary]]:
            return history.count(query, filters), _page(history, query, filters, 0)

        self._tasks.call(("history", "page"), asyncio.to_thread(first_page),
                         lambda found: self._first_page(generation, found), self._read_failed)

    def refresh(self) -> None:
        self.set_search(self.query, self.filters)

    def _first_page(self, generation: int, found: tuple[int, list[HistorySummary]]) -> None:
        if generation != self._generation:
            return
        self._total = found[0]
        self.count_changed.emit(self._total)
        self._add_page(generation, 0, found[1])

    def _add_page(self, generation: int, offset: int, rows: list[HistorySummary]) -> None:
        if generation != self._generation or offset != len(self._rows):
            return   # a page of an older search, or one that no longer fits
        self._pending = False
        known = self._row_of
        fresh = [r for r in rows if r.id not in known]   # a run recorded meanwhile shifts pages
        if fresh:
            start = len(self._rows)
            self.beginInsertRows(QModelIndex(), start, start + len(fresh) - 1)
            for i, row in enumerate(fresh):
                known[row.id] = start + i
            self._rows.extend(fresh)
            self.endInsertRows()
        if not rows:
            self._total = len(self._rows)   # the end came sooner than counted (runs deleted)
        self.loading_changed.emit(False)

    def _read_failed(self, text: str) -> None:
        self._pending = False
        self.loading_changed.emit(False)
        self.failed.emit(text)

    # ------------------------------------------------------------ removing

    def remove_ids(self, ids: Iterable[int]) -> int:
        """Take deleted runs out of the list (and the count); returns how many rows went."""
        rows = sorted((r for i in set(ids) if (r := self._row_of.get(i)) is not None), reverse=True)
        for row in rows:
            self.beginRemoveRows(QModelIndex(), row, row)
            del self._rows[row]
            self.endRemoveRows()
        if rows:
            self._row_of = {s.id: i for i, s in enumerate(self._rows)}
            self._total = max(self._total - len(rows), len(self._rows))
            self.count_changed.emit(self._total)
        return len(rows)

    # ------------------------------------------------------------ thumbnails

    def thumbnail(self, summary: HistorySummary) -> QPixmap | None:
        """The run's first thumbnail if read; else asks for it (painted rows only) and says None."""
        if not summary.has_thumbnail:
            return None
        if summary.id in self._thumbs:
            self._thumbs.move_to_end(summary.id)
            return self._thumbs[summary.id]
        self._wanted[summary.id] = None
        if not self._thumbs_loading:
            self._thumb_timer.start()   # (re)start: wait until the list stops moving
        return None

    def _load_thumbs(self) -> None:
        if self._thumbs_loading or not self._wanted or not can_start(self._tasks):
            return
        # The newest requests first: those rows are on screen now; older ones may have scrolled by.
        ids = list(self._wanted)[-THUMB_BATCH:]
        for run_id in ids:
            del self._wanted[run_id]
        self._thumbs_loading = True
        history = self._history()

        def read() -> list[tuple[int, Pixels | None]]:
            return [(run_id, shrink(history.thumbnail(run_id, 0))) for run_id in ids]

        self._tasks.call(("history", "thumbs"), asyncio.to_thread(read), self._thumbs_read,
                         self._thumbs_failed)

    def _thumbs_read(self, found: list[tuple[int, Pixels | None]]) -> None:
        self._thumbs_loading = False
        changed: list[int] = []
        for run_id, pixels in found:
            pixmap: QPixmap | None = None
            if pixels is not None:
                width, height, data = pixels
                image = QImage(data, width, height, width * 4, QImage.Format.Format_RGBA8888)
                pixmap = QPixmap.fromImage(image)   # copies the bytes: ``data`` may go
            self._thumbs[run_id] = pixmap
            if (row := self._row_of.get(run_id)) is not None:
                changed.append(row)
        while len(self._thumbs) > THUMB_CACHE:
            self._thumbs.popitem(last=False)
        for row in changed:
            index = self.index(row)
            self.dataChanged.emit(index, index, [Qt.ItemDataRole.DecorationRole])
        if self._wanted:
            self._thumb_timer.start()

    def _thumbs_failed(self, text: str) -> None:
        self._thumbs_loading = False
        log.warning("History thumbnails not read: %s", text)

    def thumbnails_cached(self) -> int:
        return len(self._thumbs)
