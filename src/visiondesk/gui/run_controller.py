"""Runs in the window: one pane per job, each run a task keyed ``("pane", run_key)``.

A run asks every checked (provider, model) about the images in the workspace through the
session's ``Runner``; the split (one request per image, or all images in one) is the window's
visible option, with the same default as the command line. Stopping, re-running or removing a
pane touches exactly that pane's task. History, cost and compat memory are the runner's job.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Callable
from dataclasses import replace
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Signal

from visiondesk.gui.display_names import provider_name
from visiondesk.session.plan import Job, ModelTarget, RequestSplit, RunPlan

if TYPE_CHECKING:
    from visiondesk.gui.image_loading import ImageLoader
    from visiondesk.gui.result_pane import ResultPane
    from visiondesk.gui.results_area import ResultsArea
    from visiondesk.gui.tasks import TaskOwner
    from visiondesk.session.runner import Runner

log = logging.getLogger(__name__)

Say = Callable[[str, bool], None]


class RunController(QObject):
    pane_finished = Signal()   # a pane's run ended (the agreement view may change)
    ran = Signal()             # a run finished (recent prompts may have changed)

    def __init__(self, results: ResultsArea, runner: Runner, images: ImageLoader, tasks: TaskOwner,
                 say: Say, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.results = results
        self.runner = runner
        self.images = images
        self.tasks = tasks
        self._say = say
        self._jobs: dict[int, Job] = {}  # pane.run_key -> the job it shows

    # ------------------------------------------------------------ starting

    async def run(self, plan: RunPlan, max_columns: int) -> None:
        """Every job of ``plan`` in a pane of its own (a comparison grid when more than one)."""
        ready, left_out = self.images.sendable()
        if not ready and not left_out:
            self._say(self.tr("Add an image first."), True)
            return
        notes = [self.tr("Left out (could not be loaded): {0}").format(
            ", ".join(e.label for e in left_out))] if left_out else []
        if not ready:
            self._say(notes[0], True)
            return
        self.stop_all()
        jobs = plan.jobs(await self.images.workspace.units(ready))
        if len(jobs) > max_columns:
            notes.append(self.tr("A comparison holds up to {0} answers; the first {0} run.").format(
                max_columns))
            jobs = jobs[:max_columns]
        panes = self.results.prepare(len(jobs))
        self._jobs = {}
        for pane, job in zip(panes, jobs, strict=True):
            self.start(pane, job)
        self._say(" ".join(notes), bool(notes))

    def add_column(self, target: ModelTarget, plan: RunPlan) -> None:
        """Ask one more model about the same images, with the comparison's prompt (or, before
        any run, with ``plan``'s); the other columns keep their answers."""
        first = next(iter(self._jobs.values()), None)
        if first is not None:
            self.start(self.results.add_pane(), replace(first, target=target))
            return
        ready, _ = self.images.sendable()
        if not ready:
            self._say(self.tr("Add an image first."), True)
            return
        self.tasks.spawn(("column", target), self._add_first(target, plan, ready))

    async def _add_first(self, target: ModelTarget, plan: RunPlan, ready: list[int]) -> None:
        whole = replace(plan, targets=(target,), split=RequestSplit.ONE_REQUEST)  # one column: all images
        job = whole.jobs(await self.images.workspace.units(ready))[0]
        self.start(self.results.add_pane(), job)

    def start(self, pane: ResultPane, job: Job) -> None:
        try:
            provider = self.runner.provider(job.target.provider_id)
        except Exception as exc:
            self._say(str(exc), True)
            return
        self._jobs[pane.run_key] = job
        model = provider.model(job.target.model)
        pane.start(job.target.model, provider_name(provider.name),
                   prices=(model.price_input, model.price_output), currency=provider.currency)
        self.results.describe(pane, local=provider.is_local)
        if not pane.property("vdConnected"):  # once, however many runs the pane shows
            pane.setProperty("vdConnected", True)
            pane.stop_requested.connect(self._stop_sender)
            pane.rerun_requested.connect(self._rerun_sender)
            pane.finished.connect(self.pane_finished)
        self.tasks.spawn(("pane", pane.run_key), self._run_pane(pane, job, provider.is_local))

    async def _run_pane(self, pane: ResultPane, job: Job, local: bool) -> None:
        on_event, on_inputs = self.images.ocr_observer(pane.on_event) if local else (pane.on_event, None)
        try:
            await self.runner.run(job, self.images.workspace, on_event, on_inputs=on_inputs)
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
        job = self._jobs.get(pane.run_key)
        if job is not None and pane in self.results.panes:
            self.start(pane, job)

    def stop(self, pane: ResultPane) -> None:
        self.tasks.cancel(("pane", pane.run_key))

    def stop_all(self) -> int:
        """Esc: cancel every running model; text received so far stays."""
        return self.tasks.cancel(("pane",))

    def remove(self, pane: ResultPane) -> None:
        """Take a column out of the comparison, stopping it if it still runs."""
        self.tasks.cancel(("pane", pane.run_key))
        self._jobs.pop(pane.run_key, None)
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

    async def wait(self) -> None:
        await self.tasks.wait_idle(("pane",))
        await asyncio.sleep(0)
