"""The comparison grid's summary: the finished columns ranked by speed, tokens, cost and, with a
reference, closeness to it, as the rich text the grid's summary label shows."""

from __future__ import annotations

from html import escape
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication

from visiondesk.core.compare import format_cer, format_cost, ranking
from visiondesk.gui.formatting import format_count, format_ms

if TYPE_CHECKING:
    from collections.abc import Callable

    from visiondesk.core.compare import ComparisonRow

MUTED = "#5f6675"


def _tr(text: str) -> str:
    return QCoreApplication.translate("CompareGrid", text)


def pending_html() -> str:
    """While answers stream: the last ranking would name models that are not the ones running."""
    return f'<span style="color:{MUTED}">{escape(_tr("The ranking appears when every answer is in…"))}</span>'


def ranking_html(done: list[ComparisonRow]) -> str:
    """One line per criterion, best first; criteria no column has a figure for are left out."""
    criteria: list[tuple[str, str, Callable[[ComparisonRow], str]]] = [
        ("total_ms", _tr("Fastest"), lambda r: format_ms(r.total_ms)),
        ("total_tokens", _tr("Fewest tokens"),
         lambda r: "—" if r.total_tokens is None else format_count(r.total_tokens)),
        ("cost", _tr("Cheapest"), lambda r: format_cost(r.cost)),
    ]
    if any(r.cer is not None for r in done):
        criteria.append(("cer", _tr("Closest to the reference"), lambda r: format_cer(r.cer)))
    lines = []
    for key, title, show in criteria:
        ranked = [r for r in ranking(done, key) if getattr(r, key) is not None]
        if not ranked:
            continue
        cells = "  ›  ".join(
            f'<span style="white-space:nowrap">{i}. <b>{escape(r.model)}</b> '
            f'{escape(show(r))}</span>' for i, r in enumerate(ranked, start=1))
        lines.append(f'<span style="color:{MUTED}">{escape(title)}:</span> {cells}')
    return "<br>".join(lines)
