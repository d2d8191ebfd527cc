"""What the runner writes to history for one job: the result with its prompts, options, the
sources it looked at (content hash, a small thumbnail) and the key to redact. Blocking: the
runner calls it in a worker thread."""

from __future__ import annotations

import logging
from collections.abc import Sequence
from dataclasses import asdict
from typing import TYPE_CHECKING

from visiondesk.core.inputs import PreparedImage, RemoteImage

if TYPE_CHECKING:
    from visiondesk.core.result import AnalysisResult
    from visiondesk.session.plan import Job
    from visiondesk.session.workspace import ResolvedInput

log = logging.getLogger(__name__)

THUMBNAILS_PER_RUN = 4  # a PDF of 300 pages keeps its first few, not 300 thumbnails


def save_to_history(job: Job, result: AnalysisResult, inputs: Sequence[ResolvedInput],
                    secrets: tuple[str, ...]) -> None:
    """The default history sink: the SQLite history the window and the CLI share."""
    from visiondesk.store.history import History
    from visiondesk.store.records import HistoryRecord, SourceRecord
    from visiondesk.store.thumbnails import content_hash, make_thumbnail

    sources = []
    for index, resolved in enumerate(inputs):
        image = resolved.input
        if isinstance(image, PreparedImage):
            thumbnail = None
            if index < THUMBNAILS_PER_RUN:
                try:
                    thumbnail = make_thumbnail(image.data)
                except Exception as exc:  # a thumbnail is a nicety; never lose the run over it
                    log.info("No thumbnail for %s: %s", resolved.label, exc)
            sources.append(SourceRecord(_where(resolved), content_hash(image.data), thumbnail))
        elif isinstance(image, RemoteImage):
            sources.append(SourceRecord(image.url))
        else:
            sources.append(SourceRecord(_where(resolved)))
    record = HistoryRecord.from_result(
        result, job.prompt, system_prompt=job.system or "",
        options={k: v for k, v in asdict(job.options).items() if v is not None},
        sources=sources or None, thread_id=job.thread_id, comparison_id=job.comparison_id,
        turn_index=len(job.turns) if job.thread_id else None)
    History().record(record, secrets)


def _where(resolved: ResolvedInput) -> str:
    """The full path or URL (so "run again" finds it), printable; the label for pasted images."""
    from visiondesk.core.file_reading import display_name

    return display_name(resolved.location) if resolved.location else resolved.label
