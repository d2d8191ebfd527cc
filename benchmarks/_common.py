"""Helpers shared by the benchmark scripts: the repository root on sys.path, medians, a verdict."""

from __future__ import annotations

import statistics
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))  # for tests.support.fault_server


def median_ms(seconds: list[float]) -> float:
    return statistics.median(seconds) * 1000


def verdict(ok: bool) -> str:
    return "PASS" if ok else "FAIL"
