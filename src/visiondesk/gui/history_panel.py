"""The history panel: search as you type, filters, a virtualised list of runs, and what to do
with the selected ones (reopen, run again, delete, export) or with all (clear, after asking).

The list is a ``QListView`` over ``HistoryListModel`` (pages of 100 on demand, thumbnails read
lazily). Reading and writing the store happens in workers through the window's ``TaskOwner``.
Reopening and running again concern the panes and the prompt: the panel only asks
(``reopen_requested`` / ``rerun_requested``) and the window's history helper does it.
"""

from __future__ import annotations

import asyncio
import logging
import sqlite3
import time
from collections.abc import Callable
from datetime import datetime, timedelta
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QDate, QEvent, Qt, QTimer, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDateEdit,
    QFileDialog,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListView,
    QMenu,
    QMessageBox,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from visiondesk.gui.formatting import format_count
from visiondesk.gui.history_delegate import HistoryDelegate
from visiondesk.gui.history_model import (
    ID_ROLE,
    STATUS_WORDS,
    HistoryListModel,
    can_start,
    status_word,
)
from visiondesk.store.records import HistoryFilter

if TYPE_CHECKING:
    from PySide6.QtCore import QModelIndex, QPoint

    from visiondesk.gui.tasks import TaskOwner
    from visiondesk.store.history import History

log = logging.getLogger(__name__)

SEARCH_DELAY_MS = 150
MAX_CHOICES = 300   # distinct models/providers offered in a filter
DATE_ANY, DATE_TODAY, DATE_WEEK, DATE_MONTH, DATE_RANGE = range(5)
EXPORT_SUFFIXES = {"md": ".md", "json": ".json", "csv": ".csv"}


class HistoryPanel(QWidget):
    reopen_requested = Signal(int)   # a run's id: show it in the panes
    rerun_requested = Signal(int)    # a run's id: load its sources, prompt and model, run again
    message = Signal(str, bool)      # (text, is_error) for the status bar

    def __init__(self, tasks: TaskOwner, history: Callable[[], History],
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("historyPanel")
        self._tasks = tasks
        self._history = history
        self.model = HistoryListModel(tasks, history, self)
        self._build()
        self.retranslate()
        self.model.count_changed.connect(self._show_count)
        self.model.failed.connect(lambda text: self.message.emit(text, True))
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(SEARCH_DELAY_MS)
        self._timer.timeout.connect(self.search_now)

    # ------------------------------------------------------------ construction

    def _build(self) -> None:
        self.search_edit = QLineEdit()
        self.search_edit.setObjectName("historySearch")
        self.search_edit.setClearButtonEnabled(True)
        self.search_edit.textChanged.connect(self._search_later)
        self.model_combo = self._combo("historyModelFilter")
        self.provider_combo = self._combo("historyProviderFilter")
        self.status_combo = self._combo("historyStatusFilter")
        self.date_combo = self._combo("historyDateFilter")
        self.from_date = QDateEdit(QDate.currentDate().addDays(-7))
        self.to_date = QDateEdit(QDate.currentDate())
        for edit in (self.from_date, self.to_date):
            edit.setCalendarPopup(True)
            edit.setDisplayFormat("yyyy-MM-dd")
            edit.setVisible(False)
            edit.dateChanged.connect(self._search_later)
        self.count_label = QLabel()
        self.count_label.setObjectName("historyCount")

        self.list = QListView()
        self.list.setObjectName("historyList")
        self.list.setModel(self.model)
        self.list.setItemDelegate(HistoryDelegate(self.list))
        self.list.setUniformItemSizes(True)   # rows are never measured one by one
        self.list.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.list.setVerticalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        self.list.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.list.customContextMenuRequested.connect(self._context_menu)
        self.list.activated.connect(self._activated)
        self.list.selectionModel().selectionChanged.connect(self._update_buttons)
        self.model.modelReset.connect(self._update_buttons)
        self.model.rowsRemoved.connect(self._update_buttons)
        delete = QShortcut(QKeySequence(QKeySequence.StandardKey.Delete), self.list)
        delete.setContext(Qt.ShortcutContext.WidgetShortcut)
        delete.activated.connect(self.delete_selected)

        self.reopen_button = QPushButton()
        self.reopen_button.setObjectName("historyReopen")
        self.reopen_button.clicked.connect(self.reopen_selected)
        self.rerun_button = QPushButton()
        self.rerun_button.setObjectName("historyRerun")
        self.rerun_button.clicked.connect(self.rerun_selected)
        self.delete_button = QPushButton()
        self.delete_button.setObjectName("historyDelete")
        self.delete_button.clicked.connect(self.delete_selected)
        self.export_button = QPushButton()
        self.export_button.setObjectName("historyExport")
        self.export_button.clicked.connect(self.export_selected)
        self.clear_button = QPushButton()
        self.clear_button.setObjectName("historyClear")
        self.clear_button.clicked.connect(self.clear_all)

        filters = QGridLayout()   # two by two: each filter keeps room for its words in a narrow dock
        filters.setContentsMargins(0, 0, 0, 0)
        filters.setSpacing(6)
        for i, combo in enumerate((self.model_combo, self.provider_combo, self.status_combo,
                                   self.date_combo)):
            filters.addWidget(combo, i // 2, i % 2)
        dates = QHBoxLayout()
        dates.setContentsMargins(0, 0, 0, 0)
        dates.addWidget(self.from_date)
        dates.addWidget(self.to_date)
        dates.addStretch(1)
        dates.addWidget(self.count_label)
        buttons = QHBoxLayout()
        buttons.setContentsMargins(0, 0, 0, 0)
        for button in (self.reopen_button, self.rerun_button, self.delete_button, self.export_button):
            buttons.addWidget(button)
        buttons.addStretch(1)
        buttons.addWidget(self.clear_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 6, 6, 6)
        layout.setSpacing(6)
        layout.addWidget(self.search_edit)
        layout.addLayout(filters)
        layout.addLayout(dates)
        layout.addWidget(self.list, 1)
        layout.addLayout(buttons)
        self._update_buttons()

    def _combo(self, name: str) -> QComboBox:
        combo = QComboBox()
        combo.setObjectName(name)
        combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        combo.setMinimumContentsLength(6)
        combo.currentIndexChanged.connect(self._filters_changed)
        return combo

    def retranslate(self) -> None:
        self.setWindowTitle(self.tr("History"))   # the dock's title follows it
        self.search_edit.setPlaceholderText(self.tr("Search prompts and answers…"))
        self.search_edit.setAccessibleName(self.tr("Search history"))
        self._fill(self.model_combo, self.tr("All models"), self._choices(self.model_combo))
        self._fill(self.provider_combo, self.tr("All providers"), self._choices(self.provider_combo))
        status = self.status_combo.currentData()
        self.status_combo.blockSignals(True)
        self.status_combo.clear()
        self.status_combo.addItem(self.tr("Any status"), None)
        for word in STATUS_WORDS:
            self.status_combo.addItem(status_word(word), word)
        self.status_combo.setCurrentIndex(max(self.status_combo.findData(status), 0))
        self.status_combo.blockSignals(False)
        date = max(self.date_combo.currentIndex(), 0)
        self.date_combo.blockSignals(True)
        self.date_combo.clear()
        for text in (self.tr("Any time"), self.tr("Today"), self.tr("Last 7 days"),
                     self.tr("Last 30 days"), self.tr("Between dates…")):
            self.date_combo.addItem(text)
        self.date_combo.setCurrentIndex(date)
        self.date_combo.blockSignals(False)
        self.from_date.setToolTip(self.tr("From this day"))
        self.to_date.setToolTip(self.tr("Up to and including this day"))
        for button, text, tip in (
                (self.reopen_button, self.tr("Reopen"), self.tr("Show the run in the answer panes")),
                (self.rerun_button, self.tr("Run Again"),
                 self.tr("Load its images, prompt and model into the window and run it again")),
                (self.delete_button, self.tr("Delete"), self.tr("Delete the selected runs (Del)")),
                (self.export_button, self.tr("Export…"),
                 self.tr("Save the selected runs as Markdown, JSON or CSV")),
                (self.clear_button, self.tr("Clear All…"), self.tr("Delete every run in the history"))):
            button.setText(text)
            button.setToolTip(tip)
        self._show_count(self.model.total)

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
            self.list.viewport().update()
        super().changeEvent(event)

    # ------------------------------------------------------------ searching

    def open(self) -> None:
        """The panel is shown: read the filters' choices and search (the newest runs first)."""
        self.search_now()
        self.load_choices()
        self.search_edit.setFocus()

    def _search_later(self, *_args: object) -> None:
        self._timer.start()   # typing restarts the wait: one search per pause, ~150 ms after it

    def _filters_changed(self, *_args: object) -> None:
        custom = self.date_combo.currentIndex() == DATE_RANGE
        self.from_date.setVisible(custom)
        self.to_date.setVisible(custom)
        self._search_later()

    def search_now(self) -> None:
        self._timer.stop()
        if not can_start(self._tasks):
            return
        self.model.set_search(self.search_edit.text().strip(), self.filters())

    def filters(self) -> HistoryFilter:
        since: float | None = None
        until: float | None = None
        today = datetime.now().replace(hour=0, minute=0, second=0, microsecond=0)
        choice = self.date_combo.currentIndex()
        if choice == DATE_TODAY:
            since = today.timestamp()
        elif choice in (DATE_WEEK, DATE_MONTH):
            since = (today - timedelta(days=6 if choice == DATE_WEEK else 29)).timestamp()
        elif choice == DATE_RANGE:
            start, end = self.from_date.date(), self.to_date.date()
            since = datetime(start.year(), start.month(), start.day()).timestamp()
            until = (datetime(end.year(), end.month(), end.day()) + timedelta(days=1)).timestamp()
        return HistoryFilter(model=self.model_combo.currentData() or None,
                             provider=self.provider_combo.currentData() or None,
                             status=self.status_combo.currentData() or None, since=since, until=until)

    def load_choices(self) -> None:
        history = self._history()
        self._tasks.call(("history", "choices"), asyncio.to_thread(distinct_choices, history.path),
                         self._set_choices, lambda text: log.warning("History filters: %s", text))

    def _set_choices(self, found: tuple[list[str], list[str]]) -> None:
        self._fill(self.model_combo, self.tr("All models"), found[0])
        self._fill(self.provider_combo, self.tr("All providers"), found[1])

    @staticmethod
    def _choices(combo: QComboBox) -> list[str]:
        return [str(combo.itemData(i)) for i in range(1, combo.count())]

    def _fill(self, combo: QComboBox, everything: str, values: list[str]) -> None:
        current = combo.currentData()
        combo.blockSignals(True)
        combo.clear()
        combo.addItem(everything, None)
        for value in values:
            combo.addItem(value, value)
        combo.setCurrentIndex(max(combo.findData(current), 0) if current else 0)
        combo.blockSignals(False)

    def runs_text(self, count: int) -> str:
        """``1 run`` / ``1,234 runs`` in the window's language."""
        return self.tr("1 run") if count == 1 else self.tr("{0} runs").format(format_count(count))

    def _show_count(self, total: int) -> None:
        self.count_label.setText(self.runs_text(total))

    # ------------------------------------------------------------ the selection

    def selected_ids(self) -> list[int]:
        rows = sorted(index.row() for index in self.list.selectionModel().selectedRows())
        return [int(self.model.index(row).data(ID_ROLE)) for row in rows]

    def select_row(self, row: int) -> None:
        self.list.setCurrentIndex(self.model.index(row))

    def _update_buttons(self, *_args: object) -> None:
        count = len(self.list.selectionModel().selectedRows())
        self.reopen_button.setEnabled(count == 1)
        self.rerun_button.setEnabled(count == 1)
        self.delete_button.setEnabled(count > 0)
        self.export_button.setEnabled(count > 0)

    def _activated(self, index: QModelIndex) -> None:
        if index.isValid():
            self.reopen_requested.emit(int(index.data(ID_ROLE)))

    def reopen_selected(self) -> None:
        ids = self.selected_ids()
        if len(ids) == 1:
            self.reopen_requested.emit(ids[0])

    def rerun_selected(self) -> None:
        ids = self.selected_ids()
        if len(ids) == 1:
            self.rerun_requested.emit(ids[0])

    def _context_menu(self, position: QPoint) -> None:
        if not self.list.indexAt(position).isValid():
            return
        menu = QMenu(self)
        for button in (self.reopen_button, self.rerun_button, self.delete_button, self.export_button):
            action = menu.addAction(button.text())
            action.setEnabled(button.isEnabled())
            action.triggered.connect(button.click)
        menu.popup(self.list.viewport().mapToGlobal(position))

    # ------------------------------------------------------------ deleting and exporting

    def delete_selected(self) -> None:
        ids = self.selected_ids()
        if ids:
            self.delete_ids(ids)

    def delete_ids(self, ids: list[int]) -> None:
        history = self._history()
        self._tasks.call(("history", "delete"), asyncio.to_thread(history.delete, ids),
                         self._deleted, lambda text: self.message.emit(text, True))

    def _deleted(self, gone: list[int]) -> None:
        self.model.remove_ids(gone)
        self.message.emit(self.tr("Deleted: {0}.").format(self.runs_text(len(gone))), False)

    def confirm_clear(self) -> bool:
        answer = QMessageBox.question(
            self, self.tr("Clear History"),
            self.tr("Delete every run in the history ({0})? This cannot be undone.").format(
                self.runs_text(self.model.total)),
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.Cancel,
            QMessageBox.StandardButton.Cancel)
        return answer == QMessageBox.StandardButton.Yes

    def clear_all(self) -> None:
        if not self.confirm_clear():
            return
        history = self._history()
        self._tasks.call(("history", "delete"), asyncio.to_thread(history.clear), self._cleared,
                         lambda text: self.message.emit(text, True))

    def _cleared(self, count: int) -> None:
        self.message.emit(self.tr("History cleared: {0} deleted.").format(self.runs_text(count)), False)
        self.search_now()
        self.load_choices()

    def export_selected(self) -> None:
        ids = self.selected_ids()
        if not ids:
            return
        markdown, json_name, csv_name = self.tr("Markdown"), self.tr("JSON"), self.tr("CSV")
        filters = {f"{markdown} (*.md)": "md", f"{json_name} (*.json)": "json",
                   f"{csv_name} (*.csv)": "csv"}
        name = f"visiondesk-history-{time.strftime('%Y%m%d-%H%M')}.md"
        path, chosen = QFileDialog.getSaveFileName(self, self.tr("Export Runs"), name,
                                                   ";;".join(filters))
        if not path:
            return
        fmt = next((f for f, suffix in EXPORT_SUFFIXES.items() if path.lower().endswith(suffix)),
                   filters.get(chosen, "md"))
        self.export_to(ids, Path(path), fmt)

    def export_to(self, ids: list[int], path: Path, fmt: str) -> None:
        """Write runs ``ids`` to ``path`` in ``fmt`` (md, json or csv) in a worker."""
        history = self._history()
        self._tasks.call(("history", "export"), asyncio.to_thread(export_runs, history, ids, path, fmt),
                         lambda count: self.message.emit(
                             self.tr("Exported {0} to {1}.").format(self.runs_text(count), path),
                             False),
                         lambda text: self.message.emit(text, True))


def export_runs(history: History, ids: list[int], path: Path, fmt: str) -> int:
    """Blocking: stream the runs to a file (a partial file is removed on failure)."""
    from visiondesk.store.export import write_export

    try:
        with path.open("w", encoding="utf-8", newline="") as out:
            return write_export(history.iter_records(ids), fmt, out)
    except BaseException:
        path.unlink(missing_ok=True)
        raise


def distinct_choices(path: Path) -> tuple[list[str], list[str]]:
    """Blocking: the models and providers in the history (read-only; none when there is no file).

    Both columns are indexed, so this walks two indexes, not 100,000 rows."""
    if not path.is_file():
        return [], []
    connection = sqlite3.connect(f"{path.as_uri()}?mode=ro", uri=True, timeout=1.0)
    try:
        found = []
        for column in ("model", "provider"):
            rows = connection.execute(
                f"SELECT {column} FROM analyses WHERE {column} != '' GROUP BY {column} COLLATE NOCASE"
                f" ORDER BY {column} COLLATE NOCASE LIMIT ?", (MAX_CHOICES,))
            found.append([str(row[0]) for row in rows])
        return found[0], found[1]
    except sqlite3.Error as exc:
        log.warning("Cannot list the history's models: %s", exc)
        return [], []
    finally:
        connection.close()
