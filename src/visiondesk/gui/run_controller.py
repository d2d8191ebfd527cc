"""Runs in the window: one pane per job, each run a task keyed ``("pane", run_key)``.

A run asks every checked (provider, model) about the images in the workspace through the
session's ``Runner``; the split (one request per image, or all images in one) is the window's
visible option, with the same default as the command line. Stopping, re-running or removing a
pane touches exactly that pane's task. History, cost and compat memory are the runner's job.

Every pane's run is a thread (``session/threads``): the follow-up box under a pane asks that
model the next question about the same inputs in the same pane; the box under a comparison asks
every column. With no image at all, Run asks each model a text-only question. An answer reopened
from history becomes a pane's job again (``resume``), with the run's sources in a workspace of its
own, so its box continues that thread too.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Callable
from dataclasses import replace
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Signal

from visiondesk.core.errors import AnalysisError
from visiondesk.gui.display_names import provider_name
from visiondesk.gui.engine_text import worded
from visiondesk.session.threads import follow_up, in_thread, new_thread_id

if TYPE_CHECKING:
    from visiondesk.gui.image_loading import ImageLoader
    from visiondesk.gui.result_pane import ResultPane
    from visiondesk.gui.results_area import ResultsArea
    from visiondesk.gui.tasks import TaskOwner
    from visiondesk.session.plan import Job, ModelTarget, RunPlan
    from visiondesk.session.runner import Runner
    from visiondesk.session.workspace import Workspace

log = logging.getLogger(__name__)

Say = Callable[[str, bool], None]


class RunController(QObject):
    pane_finished = Signal()   # a pane's run ended (the agreement view may change)
    ran = Signal()             # a run finished (recent prompts may have changed)

    def __init__(self, results: ResultsArea, runner: Callable[[], Runner], images: ImageLoader,
                 tasks: TaskOwner, say: Say, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.results = results
        self._runner = runner   # made with its first use
        self.images = images
        self.tasks = tasks
        self._say = say
        self._jobs: dict[int, Job] = {}  # pane.run_key -> the job it shows
        # pane.run_key -> a reopened run's own sources (other panes use the window's workspace),
        # and why a reopened pane cannot ask again (its images are gone, its provider too)
        self._workspaces: dict[int, Workspace] = {}
        self._blocked: dict[int, str] = {}
        results.grid_created.connect(self._grid_created)

    @property
    def runner(self) -> Runner:
        return self._runner()

    # ------------------------------------------------------------ starting

    async def run(self, plan: RunPlan, max_columns: int) -> None:
        """Every job of ``plan`` in a pane of its own (a comparison grid when more than one)."""
        ready, left_out = self.images.sendable()
        notes = [self.tr("Left out (could not be loaded): {0}").format(
            ", ".join(e.label for e in left_out))] if left_out else []
        if not ready and left_out:
            self._say(notes[0], True)
            return
        if not ready:   # no image at all: a text-only question (Local OCR has nothing to read)
            readers = tuple(t for t in plan.targets if self._is_local(t.provider_id))
            if readers:
                plan = replace(plan, targets=tuple(t for t in plan.targets if t not in readers))
                if not plan.targets:
                    self._say(self.tr("Local OCR reads text from images: add an image first."), True)
                    return
                notes.append(self.tr("Local OCR left out: it reads text from images, and there is "
                                     "none."))
        self.stop_all()
        jobs = plan.jobs(await self.images.workspace.units(ready))
        if len(jobs) > max_columns:
            notes.append(self.tr("A comparison holds up to {0} answers; the first {0} run.").format(
                max_columns))
            jobs = jobs[:max_columns]
        if len(jobs) > 1:  # one comparison: history keeps its columns together
            comparison = new_thread_id()  # a random id, like a thread's
            jobs = [replace(job, comparison_id=comparison) for job in jobs]
        panes = self.results.prepare(len(jobs))
        self.forget_jobs()
        for pane, job in zip(panes, jobs, strict=True):
            self.start(pane, job)
        self._say(" ".join(notes), bool(notes))

    def add_column(self, target: ModelTarget, plan: RunPlan) -> None:
        """Ask one more model about the same images, with the comparison's prompt (or, before
        any run, with ``plan``'s); the other columns keep their answers."""
        first_key, first = next(iter(self._jobs.items()), (None, None))
        if first_key is not None and first is not None:   # its first question, in a thread of its own
            if self._blocked.get(first_key):
                self._say(self._blocked[first_key], True)
                return
            question = first.turns[0].prompt if first.turns else first.prompt
            self.start(self.results.add_pane(),
                       replace(first, target=target, prompt=question, turns=(), thread_id=None),
                       self._workspaces.get(first_key))
            return
        ready, left_out = self.images.sendable()
        if (not ready and left_out) or (not ready and self._is_local(target.provider_id)):
            self._say(self.tr("Add an image first."), True)
            return
        self.tasks.spawn(("column", target), self._add_first(target, plan, ready))

    async def _add_first(self, target: ModelTarget, plan: RunPlan, ready: list[int]) -> None:
        from visiondesk.session.plan import RequestSplit  # run machinery: with the first run

        whole = replace(plan, targets=(target,), split=RequestSplit.ONE_REQUEST)  # one column: all images
        job = whole.jobs(await self.images.workspace.units(ready))[0]
        self.start(self.results.add_pane(), job)

    def start(self, pane: ResultPane, job: Job, workspace: Workspace | None = None) -> None:
        """Run ``job`` in ``pane``; its sources are in ``workspace`` (default: the one the pane
        already asks about, else the window's)."""
        try:
            provider = self.runner.provider(job.target.provider_id)
        except Exception as exc:
            self._say(str(exc), True)
            return
        job = in_thread(job)   # history can group a follow-up with the answer before it
        self._jobs[pane.run_key] = job
        if workspace is not None:
            self._workspaces[pane.run_key] = workspace
        model = provider.model(job.target.model)
        pane.start(job.target.model, provider_name(provider.name),
                   prices=(model.price_input, model.price_output), currency=provider.currency)
        pane.conversation.show_thread(job.turns, job.prompt)
        self.results.describe(pane, local=provider.is_local)
        self._connect(pane)
        self._update_box(pane)
        self._update_grid_box()
        self.tasks.spawn(("pane", pane.run_key), self._run_pane(pane, job, provider.is_local))

    def resume(self, pane: ResultPane, job: Job | None, workspace: Workspace | None = None,
               problem: str = "") -> None:
        """``pane`` shows a finished answer reopened from history: ``job`` is the run that gave
        it (its sources in ``workspace``), so the pane's box asks the next question of its thread
        and Run again asks it again. ``problem`` says why it cannot (shown in the box); no job
        at all: the pane asks nothing."""
        key = pane.run_key
        self._jobs.pop(key, None)
        self._workspaces.pop(key, None)
        self._blocked.pop(key, None)
        if job is not None:
            self._jobs[key] = job
            if workspace is not None:
                self._workspaces[key] = workspace
        if problem or job is None:
            self._blocked[key] = problem or self.tr("Run a model first.")
        self._connect(pane)
        self._update_box(pane)
        self._update_grid_box()

    def _connect(self, pane: ResultPane) -> None:
        if not pane.property("vdConnected"):  # once, however many runs the pane shows
            pane.setProperty("vdConnected", True)
            pane.stop_requested.connect(self._stop_sender)
            pane.rerun_requested.connect(self._rerun_sender)
            pane.follow_up_requested.connect(self._follow_up_sender)
            pane.finished.connect(self._finished_sender)
            pane.finished.connect(self.pane_finished)

    def forget_jobs(self) -> None:
        """Every pane shows something new (a run, or answers reopened from history)."""
        self._jobs = {}
        self._workspaces = {}
        self._blocked = {}

    async def _run_pane(self, pane: ResultPane, job: Job, local: bool) -> None:
        own = self._workspaces.get(pane.run_key)   # a reopened run's sources, not the window's
        on_event, on_inputs = self.images.ocr_observer(pane.on_event) if local and own is None \
            else (pane.on_event, None)
        try:
            await self.runner.run(job, own or self.images.workspace, on_event, on_inputs=on_inputs)
        finally:
            if not self.tasks.closing:
                self.ran.emit()

    # ------------------------------------------------------------ the panes' buttons

    @property
    def prompt(self) -> str:
        """The prompt the current panes were asked (the first run's)."""
        first = next(iter(self._jobs.values()), None)
        return first.prompt if first is not None else ""

    def job(self, pane: ResultPane) -> Job | None:
        return self._jobs.get(pane.run_key)

    def rerun(self, pane: ResultPane) -> None:
        """The pane's last question again: a first question starts a new thread, a follow-up
        is asked again in its thread."""
        job = self._jobs.get(pane.run_key)
        if self._blocked.get(pane.run_key):
            self._say(self._blocked[pane.run_key], True)
        elif job is not None and pane in self.results.panes:
            self.start(pane, job if job.turns else replace(job, thread_id=None))

    def stop(self, pane: ResultPane) -> None:
        self.tasks.cancel(("pane", pane.run_key))

    def stop_all(self) -> int:
        """Esc: cancel every running model; text received so far stays."""
        return self.tasks.cancel(("pane",))

    def remove(self, pane: ResultPane) -> None:
        """Take a column out of the comparison, stopping it if it still runs."""
        self.tasks.cancel(("pane", pane.run_key))
        self._jobs.pop(pane.run_key, None)
        self._workspaces.pop(pane.run_key, None)
        self._blocked.pop(pane.run_key, None)
        self.results.remove_pane(pane)
        self.pane_finished.emit()

    def _stop_sender(self) -> None:
        """A pane's Stop (slots read the sender: no lambda keeps the pane alive)."""
        pane = self.sender()
        if pane is not None and hasattr(pane, "run_key"):
            self.stop(pane)  # type: ignore[arg-type]

    def _rerun_sender(self) -> None:
        pane = self.sender()
        if pane is not None and hasattr(pane, "run_key"):
            self.rerun(pane)  # type: ignore[arg-type]

    def _follow_up_sender(self, question: str) -> None:
        pane = self.sender()
        if pane is not None and hasattr(pane, "run_key"):
            self.follow_up(pane, question)  # type: ignore[arg-type]

    def _finished_sender(self) -> None:
        pane = self.sender()
        if pane is not None and hasattr(pane, "run_key"):
            self._update_box(pane)  # type: ignore[arg-type]
        self._update_grid_box()

    # ------------------------------------------------------------ follow-up questions

    def follow_up(self, pane: ResultPane, question: str) -> bool:
        """Ask ``pane``'s model ``question`` about the same inputs, the earlier turns sent
        along; the pane shows the conversation and streams the new answer."""
        job = self._jobs.get(pane.run_key)
        problem = self._follow_up_problem(pane, job)
        if problem or job is None or pane.result is None:
            self._say(problem or self.tr("Run a model first."), True)
            return False
        try:
            next_job = follow_up(job, pane.result, question)
        except AnalysisError as exc:   # an empty or overlong question
            self._say(worded(exc.message), True)
            return False
        self.start(pane, next_job)
        self._say("", False)
        return True

    def follow_up_all(self, question: str) -> int:
        """The comparison's box: every column that can answer gets ``question``."""
        panes = [p for p in self.results.panes if not self._follow_up_problem(p, self.job(p))]
        skipped = [p.model_label for p in self.results.panes if p not in panes]
        for pane in panes:
            self.follow_up(pane, question)
        if not panes:
            self._say(self.tr("No column has an answer to follow up on."), True)
        elif skipped:
            self._say(self.tr("Not asked (Local OCR, or no answer yet): {0}").format(
                ", ".join(skipped)), False)
        return len(panes)

    def _follow_up_problem(self, pane: ResultPane, job: Job | None) -> str:
        """Why ``pane`` cannot take a follow-up now, in the window's words ("" when it can)."""
        if self._blocked.get(pane.run_key):
            return self._blocked[pane.run_key]
        if job is None or pane not in self.results.panes:
            return self.tr("Run a model first.")
        if self._is_local(job.target.provider_id):
            return self.tr("Local OCR reads text; it cannot answer questions. Choose a vision model.")
        if pane.running or pane.result is None or pane.result.status is None:
            return self.tr("Wait for the answer to finish first.")
        if not pane.result.text.strip():
            return self.tr("There is no answer to follow up on; run it again first.")
        return ""

    def _update_box(self, pane: ResultPane) -> None:
        job = self._jobs.get(pane.run_key)
        if job is not None and self._is_local(job.target.provider_id):
            pane.follow_up_box.set_unavailable(self.tr(
                "Local OCR reads text; it cannot answer questions. Choose a vision model."))
        elif self._blocked.get(pane.run_key):
            pane.follow_up_box.set_unavailable(self._blocked[pane.run_key])
        else:
            pane.follow_up_box.set_ready(not self._follow_up_problem(pane, job))

    def _update_grid_box(self) -> None:
        """The comparison's box: usable once every column has ended and one can answer."""
        if not self.results.comparing:
            return
        panes = self.results.panes
        box = self.results.grid.follow_up_box
        if panes and all(self._is_local(j.target.provider_id)
                         for p in panes if (j := self.job(p)) is not None):
            box.set_unavailable(self.tr(
                "Local OCR reads text; it cannot answer questions. Choose a vision model."))
            return
        box.set_ready(not any(p.running for p in panes)
                      and any(not self._follow_up_problem(p, self.job(p)) for p in panes))

    def _grid_created(self, grid: object) -> None:
        box = getattr(grid, "follow_up_box", None)
        if box is not None:
            box.send_requested.connect(self.follow_up_all)

    def _is_local(self, provider_id: str) -> bool:
        try:
            return self.runner.provider(provider_id).is_local
        except AnalysisError:
            return False

    async def wait(self) -> None:
        await self.tasks.wait_idle(("pane",))
        await asyncio.sleep(0)
