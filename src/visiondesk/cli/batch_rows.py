"""One batch result as the row written to the results file, with the structured ``data`` checked.

Shared by live batches, ``--via batch-api`` and ``analyze --schema`` so they write the same shape:
``AnalysisResult.to_json()`` plus ``data`` when a schema was asked for. An answer that does not
fit the schema gets status ``invalid`` and the validation error, so a resumed batch tries it again.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from visiondesk.core.structured import ResponseSchema, parse_answer

if TYPE_CHECKING:
    from visiondesk.core.result import AnalysisResult

INVALID = "invalid"


def check_structured(result: AnalysisResult, schema: ResponseSchema | None) -> tuple[Any, str | None]:
    """(data, error): the parsed answer and why it does not fit, for a completed result.
    Other results (failed, cancelled, cut short) are left to their own status: (None, None)."""
    if schema is None or str(result.status) != "completed":
        return None, None
    outcome = parse_answer(result.text, schema)
    return outcome.data, outcome.error


def result_row(result: AnalysisResult, schema: ResponseSchema | None = None,
               extra: dict[str, Any] | None = None) -> dict[str, Any]:
    row = result.to_json()
    if schema is not None:
        data, error = check_structured(result, schema)
        row["data"] = data
        if error is not None:
            row["status"] = INVALID
            row["error"] = {"kind": INVALID, "status": None, "code": "schema", "message": error}
    if extra:
        row.update(extra)
    return row
