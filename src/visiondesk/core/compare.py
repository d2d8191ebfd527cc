"""A comparison of several models on one image: rows with time, tokens, cost and CER, ranking,
and exports (plain table, Markdown, JSON, CSV). Shared by ``analyze --compare`` and the window."""

from __future__ import annotations

import csv
import io
import json
import unicodedata
from collections.abc import Sequence
from dataclasses import asdict, dataclass
from typing import TYPE_CHECKING

from visiondesk.core.pricing import Cost
from visiondesk.core.text import markdown_to_plain
from visiondesk.core.textmetrics import bounded_character_error_rate

if TYPE_CHECKING:
    from visiondesk.core.result import AnalysisResult


@dataclass(frozen=True, slots=True)
class ComparisonRow:
    model: str
    provider: str
    status: str
    first_token_ms: float | None
    total_ms: float | None
    input_tokens: int | None
    output_tokens: int | None
    total_tokens: int | None
    cost: Cost | None
    cer: float | None
    error: str | None


def comparison_row(result: AnalysisResult, cost: Cost | None = None,
                   reference: str | None = None) -> ComparisonRow:
    """One row of a comparison; ``cost`` defaults to the one the session computed."""
    usage = result.usage
    cer = None
    if reference is not None and result.status is not None:
        cer = bounded_character_error_rate(markdown_to_plain(result.text), markdown_to_plain(reference))
    return ComparisonRow(
        model=result.model, provider=result.provider, status=str(result.status or "running"),
        first_token_ms=result.first_token_ms, total_ms=result.total_ms,
        input_tokens=usage.input_tokens, output_tokens=usage.output_tokens,
        total_tokens=usage.total_tokens, cost=cost if cost is not None else result.cost, cer=cer,
        error=str(result.error) if result.error else None,
    )


def ranking(rows: Sequence[ComparisonRow], key: str) -> list[ComparisonRow]:
    """Rows best first by ``key`` (``total_ms``, ``total_tokens``, ``cost`` or ``cer``); rows
    without that figure, or that did not complete, come last."""
    def sort_key(row: ComparisonRow) -> tuple[int, float]:
        value = getattr(row, key)
        if isinstance(value, Cost):
            value = value.amount
        usable = value is not None and row.status == "completed"
        return (0, float(value)) if usable else (1, 0.0)

    return sorted(rows, key=sort_key)


def _ms(value: float | None) -> str:
    return "-" if value is None else f"{value / 1000:.2f} s"


def _tokens(row: ComparisonRow) -> str:
    if row.input_tokens is None and row.output_tokens is None:
        return "-"
    return f"{row.input_tokens if row.input_tokens is not None else '?'}/" \
           f"{row.output_tokens if row.output_tokens is not None else '?'}"


def format_cost(cost: Cost | None) -> str:
    return "-" if cost is None else cost.format()


def format_cer(cer: float | None) -> str:
    return "-" if cer is None else f"{cer * 100:.1f}%"


def table_cells(rows: Sequence[ComparisonRow], with_cer: bool) -> tuple[list[str], list[list[str]]]:
    header = ["model", "provider", "status", "first token", "total", "tokens in/out", "cost"]
    if with_cer:
        header.append("CER")
    body = []
    for row in rows:
        cells = [row.model, row.provider, row.status, _ms(row.first_token_ms), _ms(row.total_ms),
                 _tokens(row), format_cost(row.cost)]
        if with_cer:
            cells.append(format_cer(row.cer))
        body.append(cells)
    return header, body


def _width(text: str) -> int:
    """Terminal columns: CJK characters take two."""
    return sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in text)


def format_table(rows: Sequence[ComparisonRow], with_cer: bool = False) -> str:
    header, body = table_cells(rows, with_cer)
    widths = [max(_width(line[i]) for line in [header, *body]) for i in range(len(header))]
    lines = []
    for line in [header, *body]:
        lines.append("  ".join(cell + " " * (w - _width(cell)) for cell, w in zip(line, widths, strict=True))
                     .rstrip())
    lines.insert(1, "  ".join("-" * w for w in widths))
    return "\n".join(lines)


def to_markdown(rows: Sequence[ComparisonRow], results: Sequence[AnalysisResult], prompt: str,
                with_cer: bool = False, reference: str | None = None) -> str:
    """The table, then each answer under its model's heading (the answer's own headings are
    demoted below it); ``reference`` says what CER was measured against."""
    from visiondesk.core.text import demote_headings

    header, body = table_cells(rows, with_cer)
    lines = [f"# Comparison\n\n**Prompt:** {prompt}\n"]
    if reference:   # a pasted reference may run over several lines: quoted as a block
        first, _, rest = reference.partition("\n")
        quoted = "".join(f"\n> {line}" for line in rest.splitlines())
        lines.append(f"**Reference:** {first}{chr(10) if quoted else ''}{quoted}\n")
    lines += ["| " + " | ".join(header) + " |", "|" + "---|" * len(header)]
    lines += ["| " + " | ".join(c.replace("|", "\\|") for c in cells) + " |" for cells in body]
    for result in results:
        lines.append(f"\n## {result.model} ({result.provider}) — {result.status}\n")
        lines.append(demote_headings(result.text, 2) if result.text else "_(no answer)_")
        if result.error:
            lines.append(f"\n> Error: {result.error}")
    return "\n".join(lines) + "\n"


def _whole_ms(row: ComparisonRow) -> ComparisonRow:
    """Timings in whole milliseconds, as every export shows them."""
    from dataclasses import replace

    return replace(row, first_token_ms=None if row.first_token_ms is None else round(row.first_token_ms),
                   total_ms=None if row.total_ms is None else round(row.total_ms))


def to_json(rows: Sequence[ComparisonRow], results: Sequence[AnalysisResult], prompt: str,
            reference: str | None = None) -> str:
    payload = {"prompt": prompt, "reference": reference,
               "rows": [asdict(_whole_ms(row)) for row in rows],
               "results": [result.to_json() for result in results]}
    return json.dumps(payload, ensure_ascii=False, indent=1)


# A spreadsheet treats a cell starting with one of these as a formula (=HYPERLINK(...) from an
# answer or an OCR'd receipt would run on opening); TAB and CR start formulas in some of them too.
_FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def csv_safe(value: object) -> object:
    """A CSV cell that no spreadsheet will run: text starting like a formula gets a leading
    apostrophe (shown as text, the usual OWASP advice). Numbers stay numbers."""
    if isinstance(value, str) and value.startswith(_FORMULA_STARTS):
        return "'" + value
    return value


def to_csv(rows: Sequence[ComparisonRow], results: Sequence[AnalysisResult]) -> str:
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    fields = list(ComparisonRow.__dataclass_fields__)
    writer.writerow([*fields, "currency", "text"])
    for row, result in zip(rows, results, strict=True):
        row = _whole_ms(row)
        values = [row.cost.amount if f == "cost" and row.cost else getattr(row, f) for f in fields]
        currency = row.cost.currency if row.cost else ""
        cells = [*("" if v is None else v for v in values), currency, result.text]
        writer.writerow([csv_safe(cell) for cell in cells])
    return buffer.getvalue()
