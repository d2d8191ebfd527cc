"""``batch --via batch-api``: the pairs still to do go to the provider's Batch API as one batch.

The batch id is saved next to the results file (``results.jsonl.batch.json``) before anything
else can go wrong, so a later run (after Ctrl+C, a crash, or simply to collect a batch that takes
hours) polls the same batch instead of paying for a second one. Results are mapped back by
``custom_id`` into the same rows a live batch writes; the state file is removed once every row is
written. Pairs the batch did not answer (expired, failed) are written as failed rows with the
reason, so the next run submits just those again.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from visiondesk.api.batch_api import (
    BatchState,
    events_for,
    parse_result_file,
    request_line,
)
from visiondesk.batch.rows import result_row
from visiondesk.core.errors import AnalysisError, ErrorKind
from visiondesk.core.events import Failed
from visiondesk.core.result import AnalysisResult

if TYPE_CHECKING:
    from visiondesk.api.batch_api import (
        BatchApiClient,
        BatchInfo,
        BatchLine,
    )
    from visiondesk.core.structured import ResponseSchema
    from visiondesk.store.batch_output import BatchOutput

log = logging.getLogger(__name__)


@dataclass(frozen=True, slots=True)
class RemoteJob:
    source: str
    model: str
    body: dict[str, Any]  # the request body, as a live non-streamed request would send it
    sent_image: dict[str, object] | None = None


def state_path_for(out: Path) -> Path:
    return out.with_name(out.name + ".batch.json")


@dataclass
class RemoteBatch:
    """One ``--via batch-api`` run. ``on_update`` hears every poll (for the progress line)."""

    client: BatchApiClient
    output: BatchOutput
    base_url: str
    endpoint: str
    provider_name: str
    schema: ResponseSchema | None = None
    on_update: Callable[[BatchInfo], None] | None = None
    first_poll: float = 1.0
    max_poll: float = 60.0

    @property
    def state_path(self) -> Path:
        return state_path_for(self.output.path)

    async def run(self, jobs: Sequence[RemoteJob]) -> list[dict[str, Any]]:
        """Submit (or resume) and collect; returns the rows written by this run."""
        state = BatchState.load(self.state_path)
        if state is not None and state.base_url != self.base_url:
            raise AnalysisError(ErrorKind.CONFIG,
                                f"{self.state_path} belongs to a batch at {state.base_url}; "
                                "run against that provider to collect it, or delete the file "
                                "to start a new batch.")
        if state is None:
            state = await self._submit(jobs)
            if state is None:
                return []
        else:
            log.info("Resuming batch %s from %s", state.batch_id, self.state_path)
        info = await self.client.wait(state.batch_id, self.on_update, self.first_poll, self.max_poll)
        rows = await self._collect(state, info, {(j.source, j.model): j for j in jobs})
        self.state_path.unlink(missing_ok=True)
        return rows

    async def _submit(self, jobs: Sequence[RemoteJob]) -> BatchState | None:
        pending = [job for job in jobs if not self.output.is_done(job.source, job.model)]
        if not pending:
            return None
        await self.client.probe()
        ids = {f"vd-{index}": job for index, job in enumerate(pending)}
        data = b"".join(request_line(custom_id, self.endpoint, job.body) for custom_id, job in ids.items())
        file_id = await self.client.upload(data)
        info = await self.client.create(file_id, self.endpoint, metadata={"created_by": "visiondesk"})
        state = BatchState(batch_id=info.id, endpoint=self.endpoint, base_url=self.base_url,
                           jobs={custom_id: [job.source, job.model] for custom_id, job in ids.items()})
        state.save(self.state_path)
        log.info("Created batch %s with %d requests", info.id, len(ids))
        return state

    async def _collect(self, state: BatchState, info: BatchInfo,
                       jobs: dict[tuple[str, str], RemoteJob]) -> list[dict[str, Any]]:
        lines: dict[str, BatchLine] = {}
        for file_id in (info.error_file_id, info.output_file_id):  # output wins over an error
            if file_id:
                for line in parse_result_file(await self.client.download(file_id)):
                    lines[line.custom_id] = line
        rows: list[dict[str, Any]] = []
        for custom_id, (source, model) in state.jobs.items():
            if self.output.is_done(source, model):
                continue  # written by an earlier run that stopped before removing the state
            job = jobs.get((source, model))
            result = AnalysisResult(source=source, model=model, provider=self.provider_name,
                                    api="batch", sent_image=job.sent_image if job else None)
            found = lines.get(custom_id)
            if found is None:
                reason = f"The batch ended {info.status} without an answer for this image"
                reason += f": {info.message}" if info.message else "."
                result.apply(Failed(AnalysisError(ErrorKind.SERVER, reason)))
            else:
                for event in events_for(found, state.endpoint):
                    result.apply(event)
            row = result_row(result, self.schema, {"batch_id": state.batch_id})
            self.output.append(row)
            rows.append(row)
        return rows
