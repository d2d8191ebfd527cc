"""The window's side of the history panel: the dock it lives in, reopening a run into the panes,
and running a run again.

Reopening reads the run (and, when it belongs to one, its comparison or its thread) in a worker
and shows it as a finished answer: one pane; a grid with a column per thread of the comparison
(each at the reopened run's turn); a thread's earlier turns above its answer. Each pane gets the run back
as its job (``session.history.resume``: same model, prompt, options, thread, and its sources in
a workspace of its own), so its follow-up box continues the conversation with the same images;
where an image can no longer be found, the box says so instead. Running again loads the run's
sources that still exist, its prompt, system prompt, provider and model into the window, then
presses Run. The controller creates this helper and connects its signals; nothing else calls it.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path, PurePath
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
from visiondesk.session.threads import run_of_thread
from visiondesk.store.records import HistoryFilter

if TYPE_CHECKING:
    from visiondesk.config.providers import ProviderConfig
    from visiondesk.gui.image_loading import ImageLoader
    from visiondesk.gui.main_window import MainWindow
    from visiondesk.gui.result_pane import ResultPane
    from visiondesk.gui.run_controller import RunController
    from visiondesk.gui.tasks import TaskOwner
    from visiondesk.session.history import Resumed
    from visiondesk.session.workspace import Source, Workspace
    from visiondesk.store.history import History
    from visiondesk.store.records import HistoryRecord

log = logging.getLogger(__name__)

Say = Callable[[str, bool], None]
MAX_GROUP = 12   # runs of one comparison shown (a grid holds few columns)
MAX_GROUP_ROWS = 200   # rows of one comparison read (its columns and their follow-ups)
REFRESH_AFTER_RUN_MS = 800   # the runner writes history in a worker after the run ends


def default_history() -> History:
    from visiondesk.store.history import History

    return History()


@dataclass(slots=True)
class Column:
    """One reopened answer: its record, its thread's earlier turns, and the run as a job again."""

    record: HistoryRecord
    turns: tuple[Turn, ...] = ()
    resumed: Resumed | None = None   # None: its provider is no longer set up
    provider: ProviderConfig | None = None


@dataclass(slots=True)
class RunGroup:
    """What reopening one run shows: one answer, or a comparison's answers."""

    columns: list[Column] = field(default_factory=list)
    comparison: bool = False

    @property
    def records(self) -> list[HistoryRecord]:
        return [c.record for c in self.columns]


def load_group(history: History, run_id: int) -> RunGroup | None:
    """Blocking: the run and the runs that belong with it."""
    record = history.get(run_id)
    if record is None:
        return None
    if record.comparison_id:
        ids = history.ids("", HistoryFilter(comparison_id=record.comparison_id))[:MAX_GROUP_ROWS]
        rows = history.get_many(ids)
        # A column's follow-ups share its comparison: one column per thread, in the order the
        # comparison ran, each at the reopened run's turn (or its latest before it): the grid as
        # it was when that answer came.
        latest: dict[str, HistoryRecord] = {}
        first_id: dict[str, int] = {}
        for row in sorted(rows, key=lambda r: (r.turn_index or 0, r.id or 0)):
            key = row.thread_id or f"#{row.id}"
            first_id.setdefault(key, row.id or 0)
            if (row.turn_index or 0) <= (record.turn_index or 0):
                latest[key] = row
        if record.thread_id:
            latest[record.thread_id] = record
        if len(latest) > 1:
            chosen = sorted(latest, key=lambda k: first_id.get(k, 0))[:MAX_GROUP]
            return RunGroup([Column(latest[k], _earlier_turns(rows, latest[k])) for k in chosen],
                            comparison=True)
    if record.thread_id and record.turn_index:
        ids = history.ids("", HistoryFilter(thread_id=record.thread_id))[:MAX_GROUP_ROWS]
        first = run_of_thread(record.thread_id)   # a run recorded without a thread: its turn 0
        return RunGroup([Column(record, _earlier_turns(history.get_many(
            [first, *ids] if first is not None else ids), record))])
    return RunGroup([Column(record)])


def _earlier_turns(rows: list[HistoryRecord], record: HistoryRecord) -> tuple[Turn, ...]:
    """The questions and answers of ``record``'s thread before it (a turn asked twice: its
    latest answer)."""
    if not record.thread_id or not record.turn_index:
        return ()
    first = run_of_thread(record.thread_id)

    def turn(r: HistoryRecord) -> int | None:
        return 0 if first is not None and r.id == first else \
            r.turn_index if r.thread_id == record.thread_id else None

    earlier = sorted((r for r in rows if (t := turn(r)) is not None and t < record.turn_index
                      and r.model == record.model),
                     key=lambda r: (turn(r) or 0, r.id or 0))
    by_turn = {turn(r): r for r in earlier}
    return tuple(Turn(r.prompt, r.text) for _, r in sorted(by_turn.items()))


def resume_group(group: RunGroup | None, providers: list[ProviderConfig],
                 open_sources: list[Source], make_workspace: Callable[[], Workspace]
                 ) -> RunGroup | None:
    """Blocking (it looks for the files): each answer's run as a job again, in a workspace of
    its own, for the provider still set up under its name."""
    from visiondesk.session.history import resume

    for column in group.columns if group is not None else []:
        record = column.record
        column.provider = next((p for p in providers if record.provider in (p.name, p.id)), None)
        if column.provider is None:
            continue
        column.resumed = resume(record, column.provider.id, column.turns, make_workspace(),
                                open_sources=open_sources,
                                max_side=column.provider.max_side_for(record.model))
    return group


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
        providers = list(self._providers())
        open_sources = self.images.workspace.sources   # pasted pixels still open may be reused

        def load() -> RunGroup | None:
            return resume_group(load_group(history, run_id), providers, open_sources,
                                self._new_workspace)

        self.tasks.call(("history", "reopen"), asyncio.to_thread(load), self.show_group,
                        lambda text: self._say(text, True))

    def _new_workspace(self) -> Workspace:
        from visiondesk.session.workspace import Workspace

        return Workspace(downloader=self._download)

    async def _download(self, url: str, provider: ProviderConfig) -> bytes:
        from visiondesk.session.downloads import download

        return await download(url, provider, self.runs.runner.backends)

    def show_group(self, group: RunGroup | None) -> None:
        if group is None or not group.columns:
            self._say(self.tr("That run is no longer in the history."), True)
            return
        self.runs.stop_all()
        panes = self.runs.results.prepare(len(group.columns))
        self.runs.forget_jobs()   # the panes no longer show what the controller ran in them
        for pane, column in zip(panes, group.columns, strict=True):
            self._fill(pane, column)
        if group.comparison:
            self.runs.pane_finished.emit()   # the comparison's agreement, for these answers
        first = group.records[0]
        said = self.tr("Reopened run #{0} from {1}.").format(first.id, first.created_iso[:16]
                                                             .replace("T", " "))
        missing = sorted({m for c in group.columns if c.resumed for m in c.resumed.missing})
        if missing:   # the box shows the names; here, where they were
            said = f"{said} {self._missing_note(tuple(missing), full=True)}"
        self._say(said, False)

    def _fill(self, pane: ResultPane, column: Column) -> None:
        record, provider = column.record, column.provider
        prices: tuple[float | None, float | None] = (None, None)
        if provider is not None:
            model = provider.model(record.model)
            prices = (model.price_input, model.price_output)
        pane.start(record.model, record.provider, prices=prices,
                   currency=record.currency or (provider.currency if provider else "USD"))
        pane.conversation.show_thread(column.turns, record.prompt)
        result, last = result_of(record)
        pane.on_event(result, last)   # a finished answer: every tab renders once
        resumed = column.resumed
        if resumed is None:
            self.runs.resume(pane, None, problem=self.tr(
                "The provider {0} is no longer set up.").format(record.provider))
        else:
            self.runs.resume(pane, resumed.job, resumed.workspace, self._missing_note(resumed.missing))

    def _missing_note(self, missing: tuple[str, ...], *, full: bool = False) -> str:
        """Asking without the images would get an answer about something else: say so instead
        (by file name, or ``full`` path)."""
        if not missing:
            return ""
        if not full:
            missing = tuple(PurePath(m).name or m for m in missing)
        if len(missing) == 1:
            return self.tr("The image of this answer is no longer available: {0}").format(missing[0])
        return self.tr("The images of this answer are no longer available: {0}").format(
            ", ".join(missing))

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
