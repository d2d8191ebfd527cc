"""The batch dialog: files or folders x the window's checked models, into a results file.

The same engine as ``visiondesk batch`` (``visiondesk.batch.engine``): a results file that
resumes (completed pairs are skipped, so "Retry Failed" is simply another run), optional fields
(a JSON Schema) and a CSV. Results appear in the table as they arrive; a click shows the whole
answer or the reason it failed. Pause lets the requests in flight finish and starts no new one.
"""

from __future__ import annotations

import asyncio
import logging
import time
from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QStandardPaths, Qt
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QDialog,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QListWidget,
    QPlainTextEdit,
    QProgressBar,
    QPushButton,
    QSpinBox,
    QSplitter,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

if TYPE_CHECKING:
    from visiondesk.batch.engine import BatchEngine
    from visiondesk.gui.tasks import TaskOwner
    from visiondesk.session.plan import RunPlan
    from visiondesk.session.runner import Runner
    from visiondesk.session.workspace import Downloader

log = logging.getLogger(__name__)

TASK_KEY = ("batch",)
_FAILED_COLOUR = QColor("#b3261e")
_PREVIEW_CHARS = 200


class BatchDialog(QDialog):
    def __init__(self, runner: Runner, plan: RunPlan, tasks: TaskOwner,
                 downloader: Downloader | None = None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("batchDialog")
        self._runner, self._plan, self._tasks, self._downloader = runner, plan, tasks, downloader
        self._engine: BatchEngine | None = None
        self._task: asyncio.Task[Any] | None = None
        self._rows: list[dict[str, Any]] = []
        self._done = self._total = self._failed = 0
        self._started_at = 0.0
        self._build()
        self.retranslate()
        self._update_buttons()

    # ------------------------------------------------------------------ layout

    def _build(self) -> None:
        layout = QVBoxLayout(self)
        self._intro = QLabel()
        self._intro.setWordWrap(True)
        layout.addWidget(self._intro)
        sources_row = QHBoxLayout()
        self.sources = QListWidget()
        self.sources.setObjectName("batchSources")
        self.sources.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.sources.setMaximumHeight(96)
        sources_row.addWidget(self.sources, 1)
        buttons = QVBoxLayout()
        self.add_files_button, self.add_folder_button, self.remove_button = (
            QPushButton(), QPushButton(), QPushButton())
        self.add_files_button.clicked.connect(self._choose_files)
        self.add_folder_button.clicked.connect(self._choose_folder)
        self.remove_button.clicked.connect(self._remove_selected)
        for button in (self.add_files_button, self.add_folder_button, self.remove_button):
            buttons.addWidget(button)
        buttons.addStretch(1)
        sources_row.addLayout(buttons)
        layout.addLayout(sources_row)

        form = QFormLayout()
        self.models_label = QLabel(", ".join(t.model for t in self._plan.targets))
        self.models_label.setObjectName("batchModels")
        self.models_label.setWordWrap(True)
        self.prompt_edit = QPlainTextEdit(self._plan.prompt)
        self.prompt_edit.setObjectName("batchPrompt")
        self.prompt_edit.setMaximumHeight(56)
        self.out_edit = QLineEdit(str(_default_output()))
        self.out_edit.setObjectName("batchOutput")
        self.schema_edit = QLineEdit()
        self.schema_edit.setObjectName("batchSchema")
        self.csv_check = QCheckBox()
        self.csv_check.setChecked(True)
        self.concurrency = QSpinBox()
        self.concurrency.setRange(1, 64)
        self.concurrency.setValue(4)
        self.concurrency.setMaximumWidth(90)
        self._out_button, self._schema_button = QPushButton(), QPushButton()
        self._out_button.clicked.connect(self._choose_output)
        self._schema_button.clicked.connect(self._choose_schema)
        self._labels = [QLabel() for _ in range(6)]
        form.addRow(self._labels[0], self.models_label)
        form.addRow(self._labels[1], self.prompt_edit)
        form.addRow(self._labels[2], _with_button(self.out_edit, self._out_button))
        form.addRow(self._labels[3], _with_button(self.schema_edit, self._schema_button))
        form.addRow(self._labels[4], self.csv_check)
        form.addRow(self._labels[5], self.concurrency)
        layout.addLayout(form)

        controls = QHBoxLayout()
        self.start_button, self.pause_button, self.cancel_button, self.retry_button = (
            QPushButton(), QPushButton(), QPushButton(), QPushButton())
        self.start_button.setObjectName("batchStart")
        self.start_button.clicked.connect(self.start)
        self.pause_button.clicked.connect(self.toggle_pause)
        self.cancel_button.clicked.connect(self.cancel)
        self.retry_button.clicked.connect(self.start)  # completed pairs are skipped: only failures run
        for button in (self.start_button, self.pause_button, self.cancel_button, self.retry_button):
            controls.addWidget(button)
        controls.addStretch(1)
        self.failures_only = QCheckBox()
        self.failures_only.toggled.connect(self._filter_rows)
        controls.addWidget(self.failures_only)
        layout.addLayout(controls)
        self.progress = QProgressBar()
        self.progress.setObjectName("batchProgress")
        self.status_label = QLabel()
        self.status_label.setObjectName("batchStatus")
        self.status_label.setWordWrap(True)
        layout.addWidget(self.progress)
        layout.addWidget(self.status_label)

        splitter = QSplitter(Qt.Orientation.Vertical)
        self.table = QTableWidget(0, 4)
        self.table.setObjectName("batchResults")
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.verticalHeader().setVisible(False)
        self.table.setWordWrap(False)  # one line per pair; the whole answer is shown below
        self.table.horizontalHeader().setSectionResizeMode(3, QHeaderView.ResizeMode.Stretch)
        self.table.itemSelectionChanged.connect(self._show_selected)
        self.detail = QPlainTextEdit()
        self.detail.setObjectName("batchDetail")
        self.detail.setReadOnly(True)
        splitter.addWidget(self.table)
        splitter.addWidget(self.detail)
        splitter.setSizes([260, 120])
        layout.addWidget(splitter, 1)
        self.resize(760, 720)

    def retranslate(self) -> None:
        self.setWindowTitle(self.tr("Batch"))
        self._intro.setText(self.tr(
            "Every image of these files and folders goes to every model checked in the window. "
            "Each result is saved as it arrives; run the same batch again to skip what is done "
            "and retry what failed."))
        self.add_files_button.setText(self.tr("Add Files…"))
        self.add_folder_button.setText(self.tr("Add Folder…"))
        self.remove_button.setText(self.tr("Remove"))
        for label, text in zip(self._labels, (
                self.tr("Models"), self.tr("Prompt"), self.tr("Results file"),
                self.tr("Fields (JSON Schema)"), self.tr("Spreadsheet"), self.tr("At a time")), strict=True):
            label.setText(text)
        self.schema_edit.setPlaceholderText(self.tr("optional: ask for these fields as JSON"))
        self.csv_check.setText(self.tr("Also write a CSV next to the results file"))
        self._out_button.setText(self.tr("Choose…"))
        self._schema_button.setText(self.tr("Choose…"))
        self.start_button.setText(self.tr("Start"))
        self.cancel_button.setText(self.tr("Cancel"))
        self.retry_button.setText(self.tr("Retry Failed"))
        self.failures_only.setText(self.tr("Only failures"))
        self.table.setHorizontalHeaderLabels(
            [self.tr("Image"), self.tr("Model"), self.tr("Status"), self.tr("Answer or reason")])
        self._update_buttons()

    # ------------------------------------------------------------------ sources

    def add_paths(self, paths: list[str]) -> None:
        known = {self.sources.item(i).text() for i in range(self.sources.count())}
        for path in paths:
            if path and path not in known:
                self.sources.addItem(path)
                known.add(path)
        self._update_buttons()

    def source_paths(self) -> list[str]:
        return [self.sources.item(i).text() for i in range(self.sources.count())]

    def _choose_files(self) -> None:
        paths, _ = QFileDialog.getOpenFileNames(
            self, self.tr("Add Images"), "",
            self.tr("Images and PDFs (*.png *.jpg *.jpeg *.webp *.gif *.bmp *.tif *.tiff *.heic *.heif "
                    "*.pdf);;All files (*)"))
        self.add_paths(paths)

    def _choose_folder(self) -> None:
        folder = QFileDialog.getExistingDirectory(self, self.tr("Add a Folder"))
        self.add_paths([folder] if folder else [])

    def _remove_selected(self) -> None:
        for item in self.sources.selectedItems():
            self.sources.takeItem(self.sources.row(item))
        self._update_buttons()

    def _choose_output(self) -> None:
        path, _ = QFileDialog.getSaveFileName(self, self.tr("Results File"), self.out_edit.text(),
                                              self.tr("JSON Lines (*.jsonl)"))
        if path:
            self.out_edit.setText(path)

    def _choose_schema(self) -> None:
        path, _ = QFileDialog.getOpenFileName(self, self.tr("Fields (JSON Schema)"), "",
                                              self.tr("JSON Schema (*.json)"))
        if path:
            self.schema_edit.setText(path)

    # ------------------------------------------------------------------ running

    @property
    def running(self) -> bool:
        return self._task is not None and not self._task.done()

    def start(self) -> None:
        if self.running:
            return
        if not self.source_paths():
            self._say(self.tr("Add files or a folder first."), error=True)
            return
        if not self._plan.targets:
            self._say(self.tr("Check at least one model in the window first."), error=True)
            return
        self.table.setRowCount(0)
        self._rows.clear()
        self.detail.clear()
        self._task = self._tasks.spawn(TASK_KEY, self._run())
        self._task.add_done_callback(lambda _task: self._finished())
        self._update_buttons()

    def toggle_pause(self) -> None:
        if self._engine is None or not self.running:
            return
        if self._engine.paused:
            self._engine.resume()
        else:
            self._engine.pause()
        self._update_buttons()
        self._show_progress()

    def cancel(self) -> None:
        if self._task is not None and not self._task.done():
            self._task.cancel()

    async def _run(self) -> None:
        from visiondesk.batch.engine import BatchEngine
        from visiondesk.batch.sources import discover
        from visiondesk.core.structured import SchemaError, load_schema
        from visiondesk.session.workspace import Workspace
        from visiondesk.store.batch_output import BatchOutput, OutputBusyError

        out = Path(self.out_edit.text().strip()).expanduser()
        schema = None
        if self.schema_edit.text().strip():
            try:
                schema = await asyncio.to_thread(load_schema, Path(self.schema_edit.text().strip()))
            except SchemaError as exc:
                self._say(str(exc), error=True)
                return
        files = await asyncio.to_thread(discover, self.source_paths())
        if not files:
            self._say(self.tr("No images or PDFs in these folders."), error=True)
            return
        try:
            output = await asyncio.to_thread(BatchOutput.open, out)
        except (OutputBusyError, OSError) as exc:
            self._say(str(exc), error=True)
            return
        workspace = Workspace(downloader=self._downloader)
        for path in files:
            (workspace.add_url if path.startswith(("http://", "https://")) else workspace.add_path)(path)
        plan = replace(self._plan, prompt=self.prompt_edit.toPlainText().strip() or self._plan.prompt,
                       capture_raw=False, options=replace(self._plan.options, response_schema=schema))
        jobs = plan.jobs(await workspace.units())
        engine = self._engine = BatchEngine(self._runner, workspace, None, output, schema=schema,
                                            concurrency=self.concurrency.value(), on_row=self._add_row)
        self._total = len(jobs)
        self._done = self._total - len(engine.pending(jobs))
        self._failed = 0
        self._started_at = time.monotonic()
        self._show_progress()
        try:
            await engine.run(jobs)
        finally:
            await asyncio.to_thread(output.close)
            if self.csv_check.isChecked() and out.exists():
                from visiondesk.store.batch_output import write_csv

                csv_path = out.with_suffix(".csv")
                try:
                    await asyncio.to_thread(write_csv, out, csv_path, schema.columns if schema else None)
                except OSError as exc:
                    self._say(str(exc), error=True)

    def _add_row(self, row: dict[str, Any]) -> None:
        ok = row.get("status") == "completed"
        self._done += 1
        self._failed += 0 if ok else 1
        self._rows.append(row)
        index = self.table.rowCount()
        self.table.insertRow(index)
        text = _preview(row)
        status = self._status_text(str(row.get("status")))
        for column, value in enumerate((Path(str(row["source"])).name, row["model"], status, text)):
            item = QTableWidgetItem(str(value))
            item.setToolTip(str(row["source"]) if column == 0 else str(value))
            if not ok:
                item.setForeground(QBrush(_FAILED_COLOUR))
            self.table.setItem(index, column, item)
        self.table.setRowHidden(index, self.failures_only.isChecked() and ok)
        self._show_progress()

    def _status_text(self, status: str) -> str:
        return {"completed": self.tr("completed"), "failed": self.tr("failed"),
                "invalid": self.tr("does not fit the fields"), "incomplete": self.tr("cut short"),
                "cancelled": self.tr("cancelled")}.get(status, status)

    def _finished(self) -> None:
        engine, self._engine = self._engine, None
        cancelled = self._task is not None and self._task.cancelled()
        self._show_progress(finished=True, cancelled=cancelled)
        self._update_buttons()
        if engine is not None and engine.tally.failures:
            self.retry_button.setFocus()

    # ------------------------------------------------------------------ display

    def _show_progress(self, finished: bool = False, cancelled: bool = False) -> None:
        self.progress.setRange(0, max(self._total, 1))
        self.progress.setValue(self._done)
        parts = [self.tr("{0} of {1}").format(self._done, self._total),
                 self.tr("{0} failed").format(self._failed)]
        elapsed = time.monotonic() - self._started_at if self._started_at else 0.0
        new = len(self._rows)
        if new and elapsed > 0 and not finished:
            rate = new / elapsed
            parts.append(self.tr("{0:.1f} per second").format(rate))
            left = self._total - self._done
            if left > 0:
                parts.append(self.tr("about {0} s left").format(round(left / rate)))
        if cancelled:
            parts.append(self.tr("cancelled; start again to go on"))
        elif finished:
            parts.append(self.tr("finished"))
        elif self._engine is not None and self._engine.paused:
            parts.append(self.tr("paused"))
        self.status_label.setText(" · ".join(parts))

    def _say(self, text: str, error: bool = False) -> None:
        self.status_label.setText(text)
        self.status_label.setStyleSheet("color: #b3261e;" if error else "")

    def _update_buttons(self) -> None:
        running = self.running
        self.start_button.setEnabled(not running)
        self.pause_button.setEnabled(running)
        self.cancel_button.setEnabled(running)
        self.retry_button.setEnabled(not running and self._failed > 0)
        paused = self._engine is not None and self._engine.paused
        self.pause_button.setText(self.tr("Resume") if paused else self.tr("Pause"))
        for widget in (self.add_files_button, self.add_folder_button, self.remove_button,
                       self.prompt_edit, self.out_edit, self.schema_edit, self.concurrency):
            widget.setEnabled(not running)
        if not running:
            self.status_label.setStyleSheet("")

    def _filter_rows(self, only_failures: bool) -> None:
        for index, row in enumerate(self._rows):
            self.table.setRowHidden(index, only_failures and row.get("status") == "completed")

    def _show_selected(self) -> None:
        rows = self.table.selectionModel().selectedRows()
        if not rows:
            return
        row = self._rows[rows[0].row()]
        error = row.get("error")
        lines = [f"{row['source']} · {row['model']} · {self._status_text(str(row.get('status')))}"]
        if isinstance(error, dict) and error.get("message"):
            lines.append(str(error["message"]))
        if row.get("data") is not None:
            import json

            lines.append(json.dumps(row["data"], ensure_ascii=False, indent=1))
        elif row.get("text"):
            lines.append(str(row["text"]))
        self.detail.setPlainText("\n\n".join(lines))

    def reject(self) -> None:
        self.cancel()  # closing the dialog stops the batch; what finished is saved
        super().reject()


def _preview(row: dict[str, Any]) -> str:
    error = row.get("error")
    if row.get("status") != "completed" and isinstance(error, dict):
        text = str(error.get("message") or "")
    elif row.get("data") is not None:
        import json

        text = json.dumps(row["data"], ensure_ascii=False)
    else:
        text = str(row.get("text") or "")
    text = " ".join(text.split())
    return text if len(text) <= _PREVIEW_CHARS else text[:_PREVIEW_CHARS - 1] + "…"


def _with_button(edit: QLineEdit, button: QPushButton) -> QWidget:
    box = QWidget()
    row = QHBoxLayout(box)
    row.setContentsMargins(0, 0, 0, 0)
    row.addWidget(edit, 1)
    row.addWidget(button)
    return box


def _default_output() -> Path:
    documents = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation)
    return Path(documents or Path.home()) / "visiondesk-batch.jsonl"
