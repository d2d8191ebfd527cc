"""Time to window shown: VisionDesk's main window vs a bare PySide6 window with the same kinds of
widgets (list, combos, text edits, graphics view, tab widget, splitters), in fresh processes.

Each run is a new interpreter (imports included), offscreen, measured from process start to the
window shown and its first events processed (``show_window``, the path ``visiondesk`` takes);
the ``--screenshot`` path is timed end to end as well.
Prints medians and the ratio (target: under 2x, aiming for 1.5x).

    python benchmarks/bench_window_startup.py [--runs 7]
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]

BARE = r"""
import time, sys
from PySide6.QtCore import Qt
from PySide6.QtWidgets import (QApplication, QComboBox, QGraphicsView, QLabel, QListWidget,
    QMainWindow, QPlainTextEdit, QPushButton, QSplitter, QTabWidget, QTextBrowser, QVBoxLayout, QWidget)
app = QApplication(sys.argv[:1])
w = QMainWindow(); w.setWindowTitle("bare")
for m in ("File", "Run", "Settings"): w.menuBar().addMenu(m)
split = QSplitter(Qt.Orientation.Horizontal)
left = QWidget(); l = QVBoxLayout(left)
for _ in range(3): l.addWidget(QComboBox())
l.addWidget(QListWidget()); l.addWidget(QLabel("x"))
mid = QWidget(); m = QVBoxLayout(mid)
m.addWidget(QGraphicsView()); m.addWidget(QPlainTextEdit()); m.addWidget(QPlainTextEdit())
m.addWidget(QPushButton("Run"))
tabs = QTabWidget()
for name in ("Answer", "Text", "Reasoning", "Usage", "Raw"):
    tabs.addTab(QTextBrowser() if name == "Answer" else QPlainTextEdit(), name)
for part in (left, mid, tabs): split.addWidget(part)
w.setCentralWidget(split); w.resize(1360, 840); w.show()
app.processEvents()
print(time.perf_counter())
"""

VISIONDESK = r"""
import time
from visiondesk.app import build_parser
from visiondesk.gui.application import show_window
session = show_window(build_parser().parse_args(["--lang", "en"]))
print(time.perf_counter())
"""


def timed(code: str, env: dict[str, str]) -> float:
    start = time.perf_counter()
    out = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, text=True,
                         check=True).stdout
    shown = float(out.strip().splitlines()[-1])
    # perf_counter is CLOCK_MONOTONIC on Linux: comparable across processes
    return shown - start


def timed_screenshot(env: dict[str, str], out: Path) -> float:
    """End to end, process start to exit: ``visiondesk --screenshot``."""
    start = time.perf_counter()
    subprocess.run([sys.executable, "-m", "visiondesk.app", "--screenshot", str(out)], env=env,
                   capture_output=True, check=True)
    return time.perf_counter() - start


def timed_bare_screenshot(env: dict[str, str], out: Path) -> float:
    """End to end, process start to exit: the bare window grabbed and saved as PNG."""
    code = BARE.replace("print(time.perf_counter())", f"w.grab().save({str(out)!r}, 'PNG')")
    start = time.perf_counter()
    subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, check=True)
    return time.perf_counter() - start


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=7)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as home:
        env = dict(os.environ, QT_QPA_PLATFORM="offscreen", VISIONDESK_HOME=home,
                   PYTHONPATH=str(ROOT / "src"))
        for code in (BARE, VISIONDESK):  # warm the OS file cache once
            timed(code, env)
        bare = [timed(BARE, env) for _ in range(args.runs)]
        ours = [timed(VISIONDESK, env) for _ in range(args.runs)]
        shots = [timed_screenshot(env, Path(home) / "shot.png") for _ in range(args.runs)]
        bare_shots = [timed_bare_screenshot(env, Path(home) / "bare.png") for _ in range(args.runs)]
    b, o, s = statistics.median(bare), statistics.median(ours), statistics.median(shots)
    bs = statistics.median(bare_shots)
    print(f"runs per case: {args.runs}")
    print(f"bare PySide6 window shown     median {b * 1000:7.1f} ms")
    print(f"VisionDesk window shown       median {o * 1000:7.1f} ms   ratio {o / b:.2f}x")
    print(f"bare window grabbed to PNG    median {bs * 1000:7.1f} ms   (process start to exit)")
    print(f"visiondesk --screenshot       median {s * 1000:7.1f} ms   ratio {s / bs:.2f}x "
          "(process start to exit; providers and history loaded, PNG written)")


if __name__ == "__main__":
    main()
