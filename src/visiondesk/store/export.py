"""History runs written out as Markdown, JSON or CSV, for ``visiondesk history export`` and the window.

Each writer streams to a text file opened with ``encoding="utf-8", newline=""``; records come from
an iterable, so exporting a large history never holds it all in memory.
CSV starts with a byte-order mark (Excel and WPS then read the Chinese text as UTF-8) and every
cell that a spreadsheet would run as a formula is neutralised.
"""

from __future__ import annotations

import csv
import json
from collections.abc import Iterable
from typing import TYPE_CHECKING, Any, TextIO

from visiondesk.core.compare import csv_safe

if TYPE_CHECKING:
    from visiondesk.store.records import HistoryRecord

FORMATS = ("md", "json", "csv")
CSV_COLUMNS = (
    "id", "created_at", "provider", "model", "api", "status", "sources", "prompt", "system_prompt",
    "text", "reasoning", "input_tokens", "output_tokens", "reasoning_tokens", "total_tokens",
    "first_token_ms", "total_ms", "cost", "currency", "error_kind", "error_message", "thread_id",
    "turn_index", "comparison_id",
)


def write_export(records: Iterable[HistoryRecord], fmt: str, out: TextIO) -> int:
    """Write ``records`` in ``fmt`` (md, json or csv); returns how many were written."""
    if fmt == "json":
        return _write_json(records, out)
    if fmt == "csv":
        return _write_csv(records, out)
    if fmt == "md":
        return _write_markdown(records, out)
    raise ValueError(f"unknown export format {fmt!r} (choose from {', '.join(FORMATS)})")


def _write_json(records: Iterable[HistoryRecord], out: TextIO) -> int:
    count = 0
    out.write("[")
    for record in records:
        out.write(",\n" if count else "\n")
        out.write(json.dumps(record.to_json(), ensure_ascii=False))
        count += 1
    out.write("\n]\n" if count else "]\n")
    return count


def csv_row(record: HistoryRecord) -> list[Any]:
    usage = record.usage or {}
    values: list[Any] = [
        record.id, record.created_iso, record.provider, record.model, record.api, record.status,
        "\n".join(s.location for s in record.sources), record.prompt, record.system_prompt, record.text,
        record.reasoning, usage.get("input_tokens"), usage.get("output_tokens"),
        usage.get("reasoning_tokens"), usage.get("total_tokens"), _rounded(record.first_token_ms),
        _rounded(record.total_ms), record.cost, record.currency, record.error_kind, record.error_message,
        record.thread_id, record.turn_index, record.comparison_id,
    ]
    return ["" if v is None else csv_safe(v) for v in values]


def _write_csv(records: Iterable[HistoryRecord], out: TextIO) -> int:
    out.write("\ufeff")
    writer = csv.writer(out)  # default dialect: CRLF line ends, as spreadsheets expect
    writer.writerow(CSV_COLUMNS)
    count = 0
    for record in records:
        writer.writerow(csv_row(record))
        count += 1
    return count


def _write_markdown(records: Iterable[HistoryRecord], out: TextIO) -> int:
    out.write("# VisionDesk history\n")
    count = 0
    for record in records:
        out.write("\n" + markdown_run(record))
        count += 1
    return count


def markdown_run(record: HistoryRecord) -> str:
    """One run as a Markdown section."""
    when = record.created_iso.replace("T", " ")
    lines = [f"## #{record.id} · {record.model} ({record.provider}) · {when} · {record.status or 'unknown'}",
             ""]
    facts = []
    if record.sources:
        facts.append("Sources: " + ", ".join(f"`{s.location}`" for s in record.sources))
    usage = record.usage or {}
    tokens = [f"{usage[k]} {label}" for k, label in (("input_tokens", "in"), ("output_tokens", "out"),
                                                      ("reasoning_tokens", "reasoning"))
              if usage.get(k) is not None]
    details = [f"API: {record.api}"] if record.api else []
    if tokens:
        details.append("Tokens: " + " / ".join(tokens))
    if record.total_ms is not None:
        first = (f"{record.first_token_ms:.0f} ms to first token, "
                 if record.first_token_ms is not None else "")
        details.append(f"Time: {first}{record.total_ms:.0f} ms total")
    if record.cost is not None:
        details.append(f"Cost: {record.cost:.6g} {record.currency or ''}".rstrip())
    if details:
        facts.append(" · ".join(details))
    if record.thread_id:
        facts.append(f"Thread: {record.thread_id} (turn {record.turn_index})")
    if record.comparison_id:
        facts.append(f"Comparison: {record.comparison_id}")
    if record.error_kind or record.error_message:
        facts.append(f"Error: {record.error_kind or 'error'}: {record.error_message or ''}".rstrip(": "))
    lines += [f"- {fact}" for fact in facts]
    for title, body, quoted in (("System prompt", record.system_prompt, True),
                                ("Prompt", record.prompt, True), ("Answer", record.text, False)):
        if body:
            lines += ["", f"**{title}**", "", _quote(body) if quoted else body.rstrip()]
    if record.reasoning:
        lines += ["", "<details><summary>Reasoning</summary>", "", record.reasoning.rstrip(), "",
                  "</details>"]
    return "\n".join(lines) + "\n"


def _quote(text: str) -> str:
    return "\n".join(f"> {line}" if line else ">" for line in text.rstrip().splitlines())


def _rounded(value: float | None) -> int | None:
    return None if value is None else round(value)
