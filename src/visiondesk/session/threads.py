"""Conversations: a follow-up question about the same image(s), with the earlier turns sent along.

A thread is a run of jobs sharing a ``thread_id``: the first job asks about the images, each next
job asks the same model about the same inputs with every earlier (question, answer) as its
``turns``. History records each job with the thread id and its turn index (0, 1, 2…), so a thread
can be found and reopened as a whole. A run recorded without a thread (by the command line, or
an older version) continues in the thread ``run-<its history id>``, itself as turn 0. Local OCR
reads text and cannot answer a question, so it has no follow-ups.
"""

from __future__ import annotations

import os
from dataclasses import replace
from typing import TYPE_CHECKING

from visiondesk.config.providers import LOCAL_OCR_ID
from visiondesk.core.errors import AnalysisError, ErrorKind
from visiondesk.core.request import Turn

if TYPE_CHECKING:
    from visiondesk.core.result import AnalysisResult
    from visiondesk.session.plan import Job

LOCAL_OCR_CANNOT_ANSWER = ("Local OCR reads text; it cannot answer questions. "
                           "Choose a vision model.")
MAX_FOLLOW_UP_CHARS = 100_000   # a question, not a document: bounds what a thread carries
RUN_THREAD_PREFIX = "run-"   # new_thread_id()s are hex: never mistaken for one of these


def new_thread_id() -> str:
    """32 random hex digits, like ``uuid4().hex`` without importing uuid (and platform)."""
    return os.urandom(16).hex()


def thread_of_run(run_id: int) -> str:
    """The thread a history run recorded without one continues in (it is that thread's turn 0)."""
    return f"{RUN_THREAD_PREFIX}{run_id}"


def run_of_thread(thread_id: str | None) -> int | None:
    """The history id whose follow-ups ``thread_id`` holds, for a ``thread_of_run`` id."""
    number = thread_id[len(RUN_THREAD_PREFIX):] if thread_id else ""
    if thread_id and thread_id.startswith(RUN_THREAD_PREFIX) and number.isdigit():
        return int(number)
    return None


def in_thread(job: Job) -> Job:
    """``job`` with a thread id (its own new one when it has none), so its history row can be
    the first turn of a conversation before anyone asks a follow-up."""
    return job if job.thread_id else replace(job, thread_id=new_thread_id())


def turn_index(job: Job) -> int:
    """0 for the first question of a thread, 1 for the first follow-up, and so on."""
    return len(job.turns)


def is_local_ocr(job: Job) -> bool:
    return job.target.provider_id == LOCAL_OCR_ID


def follow_up(job: Job, result: AnalysisResult, prompt: str) -> Job:
    """The next job of ``job``'s thread: the same model, inputs and options, asked ``prompt``
    with ``job``'s question and ``result``'s answer appended to the earlier turns.

    Raises ``AnalysisError(CONFIG)`` for Local OCR (it cannot answer questions), for an empty
    question, and for a run that has not ended or gave no answer to follow up on."""
    prompt = prompt.strip()
    if is_local_ocr(job) or result.lines is not None:
        raise AnalysisError(ErrorKind.CONFIG, LOCAL_OCR_CANNOT_ANSWER, subject=job.target.model)
    if not prompt:
        raise AnalysisError(ErrorKind.CONFIG, "Write a follow-up question first.")
    if len(prompt) > MAX_FOLLOW_UP_CHARS:
        raise AnalysisError(ErrorKind.CONFIG, f"A follow-up question holds up to "
                                              f"{MAX_FOLLOW_UP_CHARS:,} characters.")
    if result.status is None:
        raise AnalysisError(ErrorKind.CONFIG, "Wait for the answer to finish first.")
    if not result.text.strip():
        raise AnalysisError(ErrorKind.CONFIG, "There is no answer to follow up on; run it again first.")
    return replace(job, prompt=prompt, turns=(*job.turns, Turn(job.prompt, result.text)),
                   thread_id=job.thread_id or new_thread_id())
