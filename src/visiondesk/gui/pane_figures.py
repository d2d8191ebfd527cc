"""The figures a result pane shows about a run, computed without widgets: the summary line's
parts, tokens per second (only for a real stream), the estimated cost with its currency, the
notice still worth showing, and the status word.

Texts keep the translation context ``ResultPane``, where they were first written.
"""

from __future__ import annotations

from html import escape
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication

from visiondesk.core.pricing import DEFAULT_CURRENCY, Cost
from visiondesk.gui.engine_text import worded
from visiondesk.gui.formatting import format_count, format_ms

if TYPE_CHECKING:
    from visiondesk.core.result import AnalysisResult

MIN_SPEED_SPAN_MS = 250    # tokens/s needs at least this much streaming to mean anything
LOCAL_OCR_API = "local-ocr"   # ``Started.api`` of the offline OCR engine (visiondesk.ocr.backend)


def _tr(text: str) -> str:
    return QCoreApplication.translate("ResultPane", text)


def is_local_ocr(result: AnalysisResult | None) -> bool:
    """Local OCR answers with the recognised text line by line, not with Markdown."""
    return result is not None and (result.api == LOCAL_OCR_API or result.lines is not None)


def join_figures(parts: list[str]) -> str:
    """Figures as rich text that wraps only at the `` · `` separators, never inside a figure
    (Chinese text would otherwise break between any two characters, e.g. inside 费用)."""
    return "  ·  ".join(f'<span style="white-space:nowrap">{escape(part)}</span>'
                        for part in parts)


def is_retry_notice(notice: str) -> bool:
    """A notice about a retry still to come (its wording, English or translated, says so)."""
    return "retrying" in notice.lower() or "重试" in notice


def current_notices(result: AnalysisResult | None, running: bool) -> list[str]:
    """The last notice, while it still holds: a retry's "retrying in 1.0 s" is news only while
    the run goes on (the error box tells how a failed run ended)."""
    if result is None or not result.notices:
        return []
    notice = result.notices[-1]
    if not running and is_retry_notice(notice):
        return []
    return [worded(notice)]  # the engine's English notice in the window's language


def stream_speed(result: AnalysisResult | None, streamed: bool | None) -> float | None:
    """Output tokens per second of streaming; None for a run that did not stream (its whole
    answer came at once: "124000 tokens/s" would be nonsense) or streamed too briefly."""
    if result is None or streamed is False or not getattr(result, "streamed", True):
        return None
    if is_local_ocr(result) or result.total_ms is None or result.first_token_ms is None:
        return None
    if result.total_ms - result.first_token_ms < MIN_SPEED_SPAN_MS:
        return None
    return result.tokens_per_second


def run_cost(result: AnalysisResult | None,
             prices: tuple[float | None, float | None]) -> float | None:
    """Estimated from the prices per million tokens (a missing price counts 0)."""
    if result is None:
        return None
    price_in, price_out = prices
    if price_in is None and price_out is None:
        return None
    usage = result.usage
    if usage.input_tokens is None and usage.output_tokens is None:
        return None
    cost = 0.0
    if price_in is not None and usage.input_tokens is not None:
        cost += usage.input_tokens * price_in / 1_000_000
    if price_out is not None and usage.output_tokens is not None:
        cost += usage.output_tokens * price_out / 1_000_000
    return cost


def cost_estimate(result: AnalysisResult | None, prices: tuple[float | None, float | None],
                  currency: str) -> Cost | None:
    """The run's cost with its currency: the session's figure once it set one, else estimated
    here from the prices (USD unless the provider says otherwise)."""
    session_cost = getattr(result, "cost", None)
    if isinstance(session_cost, Cost):
        return session_cost
    amount = run_cost(result, prices)
    return None if amount is None else Cost(amount, currency or DEFAULT_CURRENCY)


def summary_parts(result: AnalysisResult | None, *, speed: float | None, cost: str | None,
                  running: bool) -> list[str]:
    """The line under the tabs: tokens and time, visible whichever tab is open."""
    if result is None:
        return []
    usage = result.usage
    parts: list[str] = []
    if usage.input_tokens is not None:
        parts.append(_tr("{0} in").format(format_count(usage.input_tokens)))
    if usage.output_tokens is not None:
        parts.append(_tr("{0} out").format(format_count(usage.output_tokens)))
    if usage.reasoning_tokens:
        parts.append(_tr("{0} reasoning").format(format_count(usage.reasoning_tokens)))
    if result.first_token_ms is not None:
        parts.append(_tr("first token {0}").format(format_ms(result.first_token_ms)))
    if result.total_ms is not None:
        parts.append(_tr("total {0}").format(format_ms(result.total_ms)))
    if speed is not None:
        parts.append(_tr("{0} tokens/s").format(f"{speed:.0f}"))
    if cost is not None:
        parts.append(_tr("cost ≈ {0}").format(cost))
    parts.extend(current_notices(result, running))
    return parts


def status_text(result: AnalysisResult | None, running: bool) -> str:
    """One word or two on where the run stands, true to its current state."""
    if running:
        if is_local_ocr(result):
            return _tr("Recognising text…")
        if result is not None and result.first_token_ms is not None:
            return _tr("Thinking…") if result.reasoning and not result.text else \
                _tr("Streaming…")
        return _tr("Waiting for the server…")
    status = result.status if result else None
    labels = {
        "completed": _tr("Done"),
        "incomplete": _tr("Incomplete"),
        "failed": _tr("Failed"),
        "cancelled": _tr("Cancelled"),
    }
    return labels.get(str(status), "") if status else ""
