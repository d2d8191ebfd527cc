"""``session.history.resume``: a recorded run becomes a job again, in a workspace of its own, so
a reopened answer can take a follow-up. What is checked is what the job would send: its
sources (a file, a PDF page, a PDF sent whole, a URL), its options and its thread."""

from __future__ import annotations

import asyncio
from pathlib import Path
from typing import TYPE_CHECKING

from tests.support.hostile_files import pdf_bytes
from visiondesk.core.request import Turn
from visiondesk.session.history import resume
from visiondesk.session.threads import follow_up
from visiondesk.session.workspace import InputRef, SourceKind, Workspace
from visiondesk.store.records import HistoryRecord, SourceRecord

if TYPE_CHECKING:
    from visiondesk.core.result import AnalysisResult

RECEIPT = Path(__file__).resolve().parents[2] / "resources" / "samples" / "receipt.png"
SCHEMA = {"name": "total", "wire": {"type": "object"},
          "original": {"type": "object", "properties": {"total": {"type": "number"}}}}


def _record(sources: list[SourceRecord], **more: object) -> HistoryRecord:
    return HistoryRecord(prompt="What is the total?", provider="Loopback", model="vision-2",
                         system_prompt="Answer briefly.", sources=sources, status="completed",
                         text="12.50", **more)  # type: ignore[arg-type]


def test_a_files_pages_and_urls_come_back_as_the_jobs_sources(tmp_path: Path) -> None:
    # GIVEN a run about an image file, page 2 of a PDF, a PDF sent whole and an image URL
    pdf = tmp_path / "scan.pdf"
    pdf.write_bytes(pdf_bytes(b"", pages=3))
    record = _record([SourceRecord(str(RECEIPT)), SourceRecord(f"{pdf}#page=2"),
                      SourceRecord(str(pdf)), SourceRecord("https://example.com/a/photo.jpg")],
                     options={"temperature": 0.2, "max_tokens": 300, "detail": "high",
                              "response_schema": SCHEMA, "from_a_newer_version": 1},
                     thread_id="t-9", turn_index=1, comparison_id="c-1")
    # WHEN it is resumed for the provider now called "loopback"
    workspace = Workspace()
    resumed = resume(record, "loopback", (Turn("First?", "First answer"),), workspace)
    # THEN the job asks the same model the same thing about the same sources, in its thread
    job = resumed.job
    assert resumed.missing == () and resumed.workspace is workspace
    assert (job.target.provider_id, job.target.model) == ("loopback", "vision-2")
    assert (job.prompt, job.system, job.thread_id, job.comparison_id) == (
        "What is the total?", "Answer briefly.", "t-9", "c-1")
    assert job.turns == (Turn("First?", "First answer"),)
    assert (job.options.temperature, job.options.max_tokens, job.options.detail) == (0.2, 300, "high")
    assert job.options.response_schema is not None and job.options.response_schema.columns == ["total"]
    sources = workspace.sources
    assert [(s.kind, s.label) for s in sources] == [
        (SourceKind.FILE, "receipt.png"), (SourceKind.FILE, "scan.pdf"), (SourceKind.FILE, "scan.pdf"),
        (SourceKind.URL, "https://example.com/a/photo.jpg")]
    assert job.inputs == (InputRef(sources[0].id), InputRef(sources[1].id, 2), InputRef(sources[2].id),
                          InputRef(sources[3].id))
    assert sources[1].pdf.pages == (2,) and sources[2].pdf.as_file
    assert asyncio.run(workspace.units()) == list(job.inputs)
    # and its next question carries this turn after the earlier one
    nxt = follow_up(job, _answer("12.50"), "In words?")
    assert nxt.turns == (Turn("First?", "First answer"), Turn("What is the total?", "12.50"))
    assert nxt.thread_id == "t-9" and nxt.inputs == job.inputs


def test_what_can_no_longer_be_found_is_named_and_left_out(tmp_path: Path) -> None:
    # GIVEN a run about a deleted file, a pasted image (only a thumbnail kept) and a file
    record = _record([SourceRecord(str(tmp_path / "gone.png")), SourceRecord("pasted image", "sha256:00"),
                      SourceRecord(str(RECEIPT))])
    resumed = resume(record, "loopback", (), Workspace())
    # THEN the missing ones are named, in order, and the job never asks without saying so
    assert resumed.missing == (str(tmp_path / "gone.png"), "pasted image")
    assert [s.label for s in resumed.workspace.sources] == ["receipt.png"]


def test_a_text_only_run_resumes_without_sources() -> None:
    resumed = resume(_record([SourceRecord("")]), "loopback", (), Workspace())
    assert resumed.job.inputs == () and resumed.missing == ()


def _answer(text: str) -> AnalysisResult:
    from visiondesk.core.events import Finished, Status, TextDelta
    from visiondesk.core.result import AnalysisResult

    result = AnalysisResult(source="", model="vision-2", provider="Loopback")
    result.apply(TextDelta(text))
    result.apply(Finished(Status.COMPLETED))
    return result


def test_a_run_recorded_without_a_thread_continues_in_its_own() -> None:
    from visiondesk.session.threads import new_thread_id, run_of_thread

    record = _record([SourceRecord("")], id=41)
    job = resume(record, "loopback", (), Workspace()).job
    assert job.thread_id == "run-41" and run_of_thread(job.thread_id) == 41
    assert run_of_thread(new_thread_id()) is None and run_of_thread("run-") is None
