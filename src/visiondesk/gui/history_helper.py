"""The window's side of the history panel: the dock it lives in, reopening a run into the panes,
and running a run again.

Reopening reads the run (and, when it belongs to one, its comparison or its thread) in a worker
and shows it as a finished answer: one pane; a grid with a column per run of the comparison;
a thread's earlier turns above its answer. Running again loads the run's sources that still
exist, its prompt, system prompt, provider and model into the window, then presses Run.
The controller creates this helper and connects its signals; nothing else calls it.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Qt, QTimer
from PySide6.QtWidgets import QDockWidget

from visiondesk.core.errors import AnalysisError, ErrorKind
from visiondesk.core.events import Failed, Finished, ReasoningDelta, Status, TextDelta, UsageReport
from visiondesk.core.pricing import Cost
from visiondesk.core.request import Turn
from visiondesk.core.result import AnalysisResult
from visiondesk.core.usage import Usage
from visiondesk.gui.history_panel import HistoryPanel
from visiondesk.store.records import HistoryFilter

if TYPE_CHECKING:
    from visiondesk.config.providers import ProviderConfig
    from visiondesk.gui.image_loading import ImageLoader
    from visiondesk.gui.main_window import MainWindow
    from visiondesk.gui.result_pane import ResultPane
    from visiondesk.gui.run_controller import RunController
    from visiondesk.gui.tasks import TaskOwner
    from visiondesk.store.history import History
    from visiondesk.store.records import HistoryRecord

log = logging.getLogger(__name__)

Say = Callable[[str, bool], None]
MAX_GROUP = 12   # runs of one comparison shown (a grid holds few columns)
REFRESH_AFTER_RUN_MS = 800   # the runner writes history in a worker after the run ends


def default_history() -> History:
    from visiondesk.store.history import History

    return History()


@dataclass(slots=True)
class RunGroup:
    """What reopening one run shows: one record, a comparison's records, or a thread's turn."""

    records: list[HistoryRecord]
    turns: tuple[Turn, ...] = ()   # a thread's earlier turns, before the (single) record's question
    comparison: bool = False


def load_group(history: History, run_id: int) -> RunGroup | None:
    """Blocking: the run and the runs that belong with it."""
    record = history.get(run_id)
    if record is None:
        return None
    if record.comparison_id:
        ids = history.ids("", HistoryFilter(comparison_id=record.comparison_id))[:MAX_GROUP]
        records = sorted(history.get_many(ids), key=lambda r: r.id or 0)
        if len(records) > 1:
            return RunGroup(records, comparison=True)
    if record.thread_id and record.turn_index:
        ids = history.ids("", HistoryFilter(thread_id=record.thread_id))
        earlier = sorted((r for r in history.get_many(ids)
                          if r.turn_index is not None and r.turn_index < record.turn_index
                          and r.model == record.model),
                         key=lambda r: (r.turn_index or 0, r.id or 0))
        by_turn = {r.turn_index: r for r in earlier}   # a turn asked twice: its latest answer
        return RunGroup([record], tuple(Turn(r.prompt, r.text) for _, r in sorted(by_turn.items())))
    return RunGroup([record])


def result_of(record: HistoryRecord) -> tuple[AnalysisResult, Finished | Failed]:
    """A finished ``AnalysisResult`` like the one the run ended with, and its last event."""
    source = ", ".join(s.location for s in record.sources)
    result = AnalysisResult(source=source, model=record.model, provider=record.provider, api=record.api)
    if record.text:
        result.apply(TextDelta(record.text))
    if record.reasoning:
        result.apply(ReasoningDelta(record.reasoning))
    usage = record.usage or {}
    known = {k: v for k, v in usage.items() if k in Usage.__dataclass_fields__ and
             (v is None or isinstance(v, int))}
    result.apply(UsageReport(Usage(**known)))
    last: Finished | Failed
    if record.error_kind or record.status in ("failed", "cancelled"):
        try:
            kind = ErrorKind(record.error_kind or "cancelled")
        except ValueError:
            kind = ErrorKind.SERVER
        last = Failed(AnalysisError(kind, record.error_message or "", code=record.error_code))
    else:
        try:
            status = Status(record.status or "completed")
        except ValueError:
            status = Status.COMPLETED
        last = Finished(status)
    result.apply(last)
    result.first_token_ms, result.total_ms = record.first_token_ms, record.total_ms
    if record.cost is not None:
        result.cost = Cost(record.cost, record.currency or "USD")
    result.data = record.result.get("data")
    return result, last


class HistoryHelper(QObject):
    def __init__(self, window: MainWindow, runs: RunController, images: ImageLoader,
                 tasks: TaskOwner, say: Say, providers: Callable[[], list[ProviderConfig]],
                 select_provider: Callable[[str, list[str] | None], None],
                 history: Callable[[], History] = default_history, parent: QObject | None = None
                 ) -> None:
        super().__init__(parent)
        self.window = window
        self.runs = runs
        self.images = images
        self.tasks = tasks
        self._say = say
        self._providers = providers
        self._select_provider = select_provider
        self._history = history
        self.dock: QDockWidget | None = None
        self.panel: HistoryPanel | None = None

    # ------------------------------------------------------------ the dock

    def ensure_panel(self) -> HistoryPanel:
        """The panel in its dock at the window's right, made the first time it is asked for."""
        if self.panel is None or self.dock is None:
            self.panel = HistoryPanel(self.tasks, self._history)
            self.panel.reopen_requested.connect(self.reopen)
            self.panel.rerun_requested.connect(self.rerun)
            self.panel.message.connect(self._say)
            self.dock = QDockWidget(self.window)
            self.dock.setObjectName("historyDock")
            self.dock.setWidget(self.panel)
            self.dock.setWindowTitle(self.panel.windowTitle())
            self.panel.windowTitleChanged.connect(self.dock.setWindowTitle)
            self.dock.setAllowedAreas(Qt.DockWidgetArea.LeftDockWidgetArea
                                      | Qt.DockWidgetArea.RightDockWidgetArea)
            self.window.addDockWidget(Qt.DockWidgetArea.RightDockWidgetArea, self.dock)
            self.dock.visibilityChanged.connect(self._visibility_changed)
            self.dock.hide()
        return self.panel

    def toggle(self) -> None:
        """Ctrl+H: show the panel (searching at once) or hide it."""
        panel = self.ensure_panel()
        assert self.dock is not None
        if self.dock.isVisible():
            self.dock.hide()
            return
        self.dock.show()
        self.dock.raise_()
        panel.open()

    def _visibility_changed(self, visible: bool) -> None:
        action = getattr(self.window, "history_action", None)
        if action is not None and action.isCheckable():
            action.setChecked(visible)

    def run_recorded(self) -> None:
        """A run ended: once its history row has landed, show it (if the list is at its top)."""
        if self.panel is not None and self.dock is not None and self.dock.isVisible():
            QTimer.singleShot(REFRESH_AFTER_RUN_MS, self._refresh_if_at_top)

    def _refresh_if_at_top(self) -> None:
        if self.panel is not None and self.panel.list.verticalScrollBar().value() == 0:
            self.panel.search_now()

    # ------------------------------------------------------------ reopening

    def reopen(self, run_id: int) -> None:
        history = self._history()
        self.tasks.call(("history", "reopen"), asyncio.to_thread(load_group, history, run_id),
                        self.show_group, lambda text: self._say(text, True))

    def show_group(self, group: RunGroup | None) -> None:
        if group is None:
            self._say(self.tr("That run is no longer in the history."), True)
            return
        self.runs.stop_all()
        panes = self.runs.results.prepare(len(group.records))
        for pane, record in zip(panes, group.records, strict=True):
            self._fill(pane, record, group.turns)
        if group.comparison:
            self.runs.pane_finished.emit()   # the comparison's agreement, for these answers
        if self.runs.results.comparing:
            self.runs.results.grid.follow_up_box.set_unavailable(self._reopened_note())
        first = group.records[0]
        self._say(self.tr("Reopened run #{0} from {1}.").format(first.id, first.created_iso[:16]
                                                                .replace("T", " ")), False)

    def _fill(self, pane: ResultPane, record: HistoryRecord, turns: tuple[Turn, ...]) -> None:
        # The pane no longer shows the job the run controller started in it: forget that job, so
        # its Run again / follow-up do not act on a different run than the one on screen.
        self.runs._jobs.pop(pane.run_key, None)
        provider = next((p for p in self._providers()
                         if record.provider in (p.name, p.id)), None)
        prices: tuple[float | None, float | None] = (None, None)
        if provider is not None:
            model = provider.model(record.model)
            prices = (model.price_input, model.price_output)
        pane.start(record.model, record.provider, prices=prices,
                   currency=record.currency or (provider.currency if provider else "USD"))
        pane.conversation.show_thread(turns, record.prompt)
        result, last = result_of(record)
        pane.on_event(result, last)   # a finished answer: every tab renders once
        pane.follow_up_box.set_unavailable(self._reopened_note())

    def _reopened_note(self) -> str:
        return self.tr("Reopened from history: use Run Again in the history panel to ask more.")

    # ------------------------------------------------------------ running again

    def rerun(self, run_id: int) -> None:
        history = self._history()
        self.tasks.call(("history", "rerun"), asyncio.to_thread(history.get, run_id), self._rerun_record,
                        lambda text: self._say(text, True))

    def _rerun_record(self, record: HistoryRecord | None) -> None:
        if record is None:
            self._say(self.tr("That run is no longer in the history."), True)
            return
        provider = next((p for p in self._providers() if record.provider in (p.name, p.id)), None)
        if provider is None:
            self._say(self.tr("The provider {0} is no longer set up.").format(record.provider), True)
            return
        window = self.window
        window.picker.set_providers([(p.id, p.name) for p in self._providers()], provider.id)
        self._select_provider(provider.id, [record.model])
        window.prompt.set_prompt(record.prompt)
        window.prompt.set_system_prompt(record.system_prompt)
        # The window records a file by its name (its label): a file still open in the window
        # under that name is the one meant.
        open_files = {s.label: s.path for s in self.images.workspace.sources if s.path}
        for entry in list(window.image_panel.entries):
            self.images.remove_image(entry.id)
        missing = []
        locations = [s.location for s in record.sources if s.location.strip()]
        for location in locations:
            path = Path(open_files.get(location) or location)
            if location.startswith(("http://", "https://")):
                self.images.add_url(location)
            elif path.is_absolute() and path.is_file():
                self.images.add_path(str(path))
            else:
                missing.append(location)
        if locations and len(missing) == len(locations):
            self._say(self.tr("Its images are no longer where they were: {0}. The prompt and model "
                              "are loaded; add the images and press Run.").format(", ".join(missing)),
                      True)
            return
        self.tasks.spawn(("history", "rerun", "run"), self._run_when_loaded(missing))

    async def _run_when_loaded(self, missing: list[str]) -> None:
        await self.tasks.wait_idle(("image",))
        self.window.run_requested.emit()
        if missing:
            self._say(self.tr("Left out (no longer found): {0}").format(", ".join(missing)), True)
