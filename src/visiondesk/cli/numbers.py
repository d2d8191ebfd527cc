"""Argument types that check numbers when the command line is parsed.

Each returns a converter for ``argparse``'s ``type=``; a bad value becomes argparse's usage error
(exit status 2) naming the option and the accepted range, before anything is loaded or sent.
NaN and infinities are refused: ``float("nan")`` parses, but no server or renderer can use it.
"""

from __future__ import annotations

import argparse
import math
from collections.abc import Callable


def int_in(low: int, high: int | None = None) -> Callable[[str], int]:
    """A whole number from ``low`` to ``high`` (no upper bound when ``high`` is None)."""
    wanted = f"a whole number from {low} to {high}" if high is not None else f"a whole number ≥ {low}"

    def convert(text: str) -> int:
        try:
            value = int(text.strip())
        except ValueError:
            raise argparse.ArgumentTypeError(f"expected {wanted}, got {text!r}") from None
        if value < low or (high is not None and value > high):
            raise argparse.ArgumentTypeError(f"expected {wanted}, got {value}")
        return value

    return convert


def float_in(low: float, high: float | None = None, *, low_open: bool = False) -> Callable[[str], float]:
    """A finite number from ``low`` to ``high``; with ``low_open``, strictly above ``low``."""
    if high is None:
        wanted = f"a number greater than {low:g}" if low_open else f"a number ≥ {low:g}"
    else:
        wanted = f"a number from {low:g} to {high:g}"

    def convert(text: str) -> float:
        try:
            value = float(text.strip())
        except ValueError:
            raise argparse.ArgumentTypeError(f"expected {wanted}, got {text!r}") from None
        too_low = value <= low if low_open else value < low
        if not math.isfinite(value) or too_low or (high is not None and value > high):
            raise argparse.ArgumentTypeError(f"expected {wanted}, got {text.strip()}")
        return value

    return convert


MAX_SIDE = int_in(64, 16384)         # pixels; below 64 nothing is legible, above 16384 no server takes it
DPI = float_in(36, 600)              # PDF rendering; 600 dpi is already ~35 MP for an A4 page
TEMPERATURE = float_in(0, 2)         # the OpenAI range; relays reject values outside it
TIMEOUT = float_in(0, low_open=True)  # seconds
MAX_TOKENS = int_in(1)
