"""Small number formatters shared by the panes and the image info line (no translation needed)."""

from __future__ import annotations

import re


def format_count(value: int) -> str:
    """``12345`` -> ``12,345``."""
    return f"{value:,}"


def format_ms(ms: float | None) -> str:
    """Milliseconds for people: ``850 ms``, ``3.2 s``, ``2 min 05 s``; empty for None."""
    if ms is None:
        return ""
    if ms < 1000:
        return f"{ms:.0f} ms"
    seconds = ms / 1000
    if seconds < 60:
        return f"{seconds:.1f} s"
    minutes, rest = divmod(round(seconds), 60)
    return f"{minutes} min {rest:02d} s"


def format_bytes(size: int) -> str:
    """``532 B``, ``312 KB``, ``4.2 MB``."""
    if size < 1024:
        return f"{size} B"
    if size < 1024 * 1024:
        return f"{size / 1024:.0f} KB"
    return f"{size / (1024 * 1024):.1f} MB"


# A run of asterisks between spaces ("Card **** 4417") is literal text, never emphasis, but
# core.text.markdown_to_plain halves it; such runs are kept aside while Markdown is stripped.
_LITERAL_STARS = re.compile(r"(?<=[^\s*] )\*{2,}(?= )")
_KEPT = re.compile("\ue000(\\d+)\ue001")


def markdown_plain(text: str) -> str:
    """Markdown stripped for reading and copying, masked numbers ("Card **** 4417") intact."""
    from visiondesk.core.text import markdown_to_plain

    kept: list[str] = []

    def keep(match: re.Match[str]) -> str:
        kept.append(match.group())
        return f"\ue000{len(kept) - 1}\ue001"

    plain = markdown_to_plain(_LITERAL_STARS.sub(keep, text))
    return _KEPT.sub(lambda m: kept[int(m.group(1))], plain) if kept else plain
