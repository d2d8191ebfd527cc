"""Structured answers checked on the result itself, and the row a batch writes for a result.

``apply_structured`` parses a completed answer and validates it against the schema: the JSON
becomes ``result.data``; an answer that does not fit becomes status ``invalid`` with the reason,
so a resumed batch (and ``analyze``'s one retry) tries it again. It runs both on the event loop,
right after a run, and in the history writer's thread (``structured_history``), whichever comes
first, so the stored run and the printed one agree; a lock and the result's own state make the
second call a no-op.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from visiondesk.core.events import Status
from visiondesk.core.structured import SCHEMA_MISMATCH as SCHEMA_MISMATCH
from visiondesk.core.structured import apply_structured

if TYPE_CHECKING:
    from visiondesk.core.result import AnalysisResult
    from visiondesk.core.structured import ResponseSchema

INVALID = str(Status.INVALID)



def invalid_once(result: AnalysisResult, schema: ResponseSchema | None,
                 notify: Callable[[AnalysisResult, Any], None] | None) -> bool:
    """Check the answer; True when it does not fit (the caller asks once more), said via ``notify``."""
    apply_structured(result, schema)
    if result.status is not Status.INVALID:
        return False
    if notify is not None:
        from visiondesk.core.events import Notice

        notify(result, Notice(f"{str(result.error).rstrip('.')}; asking once more."))
    return True


def structured_history(schema: ResponseSchema | None,
                       sink: Callable[[Any, AnalysisResult, Any, tuple[str, ...]], None] | None = None,
                       ) -> Callable[[Any, AnalysisResult, Any, tuple[str, ...]], None]:
    """A Runner history sink that checks the answer before the default sink stores it."""
    from visiondesk.session.history import save_to_history

    target = sink or save_to_history

    def save(job: Any, result: AnalysisResult, inputs: Any, secrets: tuple[str, ...]) -> None:
        apply_structured(result, schema)
        target(job, result, inputs, secrets)

    return save


def result_row(result: AnalysisResult, schema: ResponseSchema | None = None,
               extra: dict[str, Any] | None = None) -> dict[str, Any]:
    """The line a batch writes: ``AnalysisResult.to_json()``, with ``data`` (maybe null) when a
    schema was asked for."""
    apply_structured(result, schema)
    row = result.to_json()
    if schema is not None:
        row.setdefault("data", None)
    if extra:
        row.update(extra)
    return row
