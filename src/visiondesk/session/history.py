"""What the runner writes to history for one job: the result with its prompts, options, the
sources it looked at (content hash, a small thumbnail) and the key to redact. Blocking: the
runner calls it in a worker thread.

And the way back: ``resume`` makes a recorded run a job again (same model, prompt, options,
thread and sources), so a reopened answer can take a follow-up question."""

from __future__ import annotations

import logging
from collections.abc import Sequence
from dataclasses import asdict, dataclass
from typing import TYPE_CHECKING, Any

from visiondesk.core.inputs import PreparedImage, RemoteImage

if TYPE_CHECKING:
    from visiondesk.core.request import GenerationOptions, Turn
    from visiondesk.core.result import AnalysisResult
    from visiondesk.session.plan import Job
    from visiondesk.session.workspace import InputRef, ResolvedInput, Source, Workspace
    from visiondesk.store.records import HistoryRecord

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


# ------------------------------------------------------------ reading a run back into a job


@dataclass(frozen=True, slots=True)
class Resumed:
    """A recorded run as a job again (its thread's next question builds on it with
    ``threads.follow_up``), in a workspace of its own holding the run's sources."""

    job: Job
    workspace: Workspace
    missing: tuple[str, ...] = ()   # sources no longer found: asking without them would mislead


def resume(record: HistoryRecord, provider_id: str, turns: tuple[Turn, ...], workspace: Workspace,
           *, open_sources: Sequence[Source] = (), max_side: int | None = None) -> Resumed:
    """Blocking (it looks at files): ``record``'s job, its sources added to ``workspace``.

    Files and PDF pages come back by path, URLs as URLs; a pasted image kept only as a thumbnail
    comes back only while the same pixels are still open (``open_sources``, checked against the
    recorded hash at ``max_side``). A run asked about no image at all is a text-only job."""
    from visiondesk.session.plan import Job, ModelTarget
    from visiondesk.session.threads import thread_of_run

    inputs: list[InputRef] = []
    missing: list[str] = []
    for source in record.sources:
        location = source.location.strip()
        if not location:
            continue
        ref = _restore(location, source.content_hash, workspace, open_sources, max_side)
        if ref is None:
            missing.append(location)
        else:
            inputs.append(ref)
    job = Job(ModelTarget(provider_id, record.model), tuple(inputs), record.prompt,
              record.system_prompt or None, _options(record.options), turns=turns,
              thread_id=record.thread_id or (thread_of_run(record.id) if record.id else None),
              comparison_id=record.comparison_id)
    return Resumed(job, workspace, tuple(missing))


def _restore(location: str, recorded_hash: str | None, workspace: Workspace,
             open_sources: Sequence[Source], max_side: int | None) -> InputRef | None:
    import re
    from pathlib import Path

    from visiondesk.core.sniffing import is_pdf
    from visiondesk.session.workspace import InputRef, SourceKind

    if location.lower().startswith(("http://", "https://")):
        return InputRef(workspace.add_url(location).id)
    page_match = re.fullmatch(r"(.+)#page=(\d+)", location)
    path = Path(page_match.group(1) if page_match else location)
    if path.is_absolute() and path.is_file():
        source = workspace.add_path(str(path), label=path.name)
        if page_match:   # one page of a PDF, sent as an image
            page = int(page_match.group(2))
            workspace.choose_pages(source.id, (page,))
            return InputRef(source.id, page)
        if is_pdf(str(path)):   # a PDF recorded whole was sent as a file
            workspace.choose_pages(source.id, as_file=True)
        return InputRef(source.id)
    # Pasted pixels: history keeps a thumbnail and a hash, not the image; the same pixels may
    # still be open in the window under the same label.
    for open_source in open_sources:
        if (open_source.kind is SourceKind.BYTES and open_source.label == location
                and open_source.data and recorded_hash and max_side
                and _same_pixels(open_source.data, recorded_hash, max_side, location)):
            return InputRef(workspace.add_bytes(open_source.data, location).id)
    return None


def _same_pixels(data: bytes, recorded_hash: str, max_side: int, label: str) -> bool:
    from visiondesk.core.images import prepare_image
    from visiondesk.store.thumbnails import content_hash

    try:   # the hash is of the bytes sent: prepared the same way, the same image hashes the same
        return content_hash(prepare_image(data, max_side=max_side, name=label).data) == recorded_hash
    except Exception as exc:   # an image that no longer prepares is not the one that was sent
        log.info("Cannot compare %s with its history: %s", label, exc)
        return False


def _options(recorded: dict[str, Any]) -> GenerationOptions:
    """The run's generation options as history wrote them (``asdict``, unset ones left out)."""
    from dataclasses import fields

    from visiondesk.core.request import GenerationOptions

    known = {f.name for f in fields(GenerationOptions)}
    values = {k: v for k, v in recorded.items() if k in known and k != "response_schema"}
    schema = recorded.get("response_schema")
    if isinstance(schema, dict) and {"name", "wire", "original"} <= schema.keys():
        from visiondesk.core.structured import ResponseSchema

        values["response_schema"] = ResponseSchema(str(schema["name"]), schema["wire"],
                                                   schema["original"])
    try:
        return GenerationOptions(**values)
    except TypeError:   # a row written by another version: its options, not a crash
        log.info("History options not understood: %s", sorted(values))
        return GenerationOptions()
