"""Run a batch's jobs on the session ``Runner`` into a results file, for the CLI and the window.

A pool of ``concurrency`` workers takes the jobs in order, so a folder of thousands never has
more than that many images decoded or requests in flight; images are prepared a few jobs ahead
(``prefetch``). Pairs the results file already has as completed are skipped. An answer that does
not fit the schema is asked once more. Each finished pair is appended to the file at once and
handed to ``on_row``; a cancelled pair is not written (the next run does it). ``pause`` lets the
requests in flight finish and starts no new one until ``resume``.
"""

from __future__ import annotations

import asyncio
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from visiondesk.batch.prefetch import Prefetcher
from visiondesk.batch.rows import INVALID, result_row
from visiondesk.core.events import Status

if TYPE_CHECKING:
    from visiondesk.config.providers import ProviderConfig
    from visiondesk.core.result import AnalysisResult
    from visiondesk.core.structured import ResponseSchema
    from visiondesk.session.plan import Job
    from visiondesk.session.runner import Runner
    from visiondesk.session.workspace import Workspace
    from visiondesk.store.batch_output import BatchOutput

PREFETCH_AHEAD = 16  # images prepared ahead of the workers (the workspace caches 64)

RowCallback = Callable[[dict[str, Any]], None]


@dataclass
class BatchTally:
    total: int = 0
    written: int = 0
    skipped: int = 0
    failures: list[tuple[str, str, str, str]] = field(default_factory=list)  # source, model, status, reason


def failure_reason(row: dict[str, Any]) -> str:
    error = row.get("error")
    message = error.get("message") if isinstance(error, dict) else None
    return str(message or row.get("status"))


@dataclass
class BatchEngine:
    """``provider`` None: each job's own provider from the runner (the window's targets may span
    several)."""

    runner: Runner
    workspace: Workspace
    provider: ProviderConfig | None
    output: BatchOutput
    schema: ResponseSchema | None = None
    concurrency: int = 4
    max_side: int | None = None
    on_row: RowCallback | None = None  # every row written, as it is written
    on_retry: Callable[[AnalysisResult], None] | None = None  # an invalid answer is asked again
    tally: BatchTally = field(default_factory=BatchTally)
    _gate: asyncio.Event | None = None
    _writes: set[asyncio.Task[None]] = field(default_factory=set)

    @property
    def paused(self) -> bool:
        return self._gate is not None and not self._gate.is_set()

    def pause(self) -> None:
        self._ensure_gate().clear()

    def resume(self) -> None:
        self._ensure_gate().set()

    def _ensure_gate(self) -> asyncio.Event:
        if self._gate is None:
            self._gate = asyncio.Event()
            self._gate.set()
        return self._gate

    def label(self, job: Job) -> str:
        return self.runner.new_result(job, self.workspace).source

    def pending(self, jobs: Sequence[Job]) -> list[Job]:
        """The jobs whose pair the results file does not have as completed."""
        return [job for job in jobs if not self.output.is_done(self.label(job), job.target.model)]

    async def run(self, jobs: Sequence[Job]) -> BatchTally:
        """Run what is not done yet. Cancelling the task cancels the pairs in flight."""
        todo = self.pending(jobs)
        self.tally.total = len(jobs)
        self.tally.skipped = len(jobs) - len(todo)
        if not todo:
            return self.tally
        gate = self._ensure_gate()
        for provider in {self._provider(job).id: self._provider(job) for job in todo}.values():
            if not provider.is_local:
                await self.runner.resolve_key(provider)  # the keyring's first answer is slow: once
        prefetch = Prefetcher(todo, self._prepare, ahead=min(self.concurrency, PREFETCH_AHEAD))
        prefetch.start()
        queue: asyncio.Queue[tuple[int, Job]] = asyncio.Queue()
        for item in enumerate(todo):
            queue.put_nowait(item)

        async def worker() -> None:
            while not queue.empty():
                await gate.wait()
                if queue.empty():
                    return
                index, job = queue.get_nowait()
                await prefetch.take(index)
                await self._run_pair(job)

        try:
            await asyncio.gather(*(worker() for _ in range(min(self.concurrency, len(todo)))))
        finally:
            await prefetch.aclose()
            # Lines being written finish (a write in a thread cannot be stopped half-way anyway).
            await asyncio.shield(asyncio.gather(*self._writes))
        return self.tally

    def _provider(self, job: Job) -> ProviderConfig:
        return self.provider or self.runner.provider(job.target.provider_id)

    async def _prepare(self, job: Job) -> None:
        provider = self._provider(job)
        side = self.max_side or provider.max_side_for(job.target.model)
        for ref in job.inputs:
            await self.workspace.resolve_ref(ref, max_side=side, provider=provider)

    async def _run_pair(self, job: Job) -> None:
        row: dict[str, Any] = {}
        for attempt in (1, 2):
            result = await self.runner.run(job, self.workspace, max_side=self.max_side, inline_urls=True)
            if result.status is Status.CANCELLED:
                return  # not written: the next run does it again
            local = self._provider(job).is_local  # OCR text is not asked to be JSON
            row = result_row(result, None if local else self.schema)
            if row["status"] != INVALID or attempt == 2:
                break
            if self.on_retry is not None:
                self.on_retry(result)
        # The line is written (with its fsync) in a thread while this worker starts its next
        # request; the pair counts as done only once its line is on disk.
        write = asyncio.get_running_loop().create_task(self._write(row))
        self._writes.add(write)
        write.add_done_callback(self._writes.discard)

    async def _write(self, row: dict[str, Any]) -> None:
        await asyncio.to_thread(self.output.append, row)
        self.tally.written += 1
        if row["status"] != str(Status.COMPLETED):
            self.tally.failures.append((row["source"], row["model"], str(row["status"]),
                                        failure_reason(row)))
        if self.on_row is not None:
            self.on_row(row)
