"""Small formatters shared by the panes and the image info line (no translation needed): counts,
times, sizes and costs. Exceptions in words are ``gui/error_text.py``."""

from __future__ import annotations


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
