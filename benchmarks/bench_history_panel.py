"""History panel speed over 100,000 runs: opening, searching and scrolling without a stall.

Fills a temporary history (as bench_history_search does; the newest 3,000 runs get a thumbnail),
then, on the offscreen platform with a real qasync loop:
- opens the panel (construction, first page shown) and searches as a person types;
- scrolls the list a screenful every 16 ms through 3,000 rows (pages fetched as it goes,
  thumbnails read as rows are painted) and then drags to the end of what is loaded.
A 1 ms heartbeat timer measures the longest time the GUI thread was busy (a stall); each scroll
step's synchronous work (scroll + paint) is timed too. Target: no stall over 16 ms.

    QT_QPA_PLATFORM=offscreen .venv/bin/python benchmarks/bench_history_panel.py [--runs 100000]
"""

from __future__ import annotations

import argparse
import asyncio
import gc
import os
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from _common import ROOT, verdict
from bench_history_search import fill

from visiondesk.store.history import History
from visiondesk.store.thumbnails import make_thumbnail

TARGET_MS = 16.0
THUMBNAILED = 3_000
SCROLL_ROWS = 3_000


class Heartbeat:
    """Records the gaps between ticks of a 1 ms timer: a long gap is a stalled GUI thread."""

    def __init__(self) -> None:
        from PySide6.QtCore import Qt, QTimer

        self.gaps: list[float] = []
        self.ticks: list[float] = []
        self._last = time.perf_counter()
        self._timer = QTimer()
        self._timer.setTimerType(Qt.TimerType.PreciseTimer)
        self._timer.setInterval(1)
        self._timer.timeout.connect(self._tick)

    def _tick(self) -> None:
        now = time.perf_counter()
        self.gaps.append((now - self._last) * 1000)
        self.ticks.append(now)
        self._last = now

    def start(self) -> None:
        self.gaps, self.ticks = [], []
        self._last = time.perf_counter()
        self._timer.start()

    def stop(self) -> list[float]:
        self._timer.stop()
        return self.gaps


def _gc_timer() -> Callable[[str, dict[str, int]], None]:
    started = [0.0]

    def callback(phase: str, _info: dict[str, int]) -> None:
        if phase == "start":
            started[0] = time.perf_counter()
        else:
            COLLECTIONS.append((started[0], time.perf_counter()))

    return callback


def _warm_up_widgets() -> None:
    """The panel opens in a window that is already up: its style, fonts and widget classes are
    initialised. Show (and drop) a widget of the same kinds first, so that is not counted."""
    from PySide6.QtWidgets import (
        QComboBox,
        QDateEdit,
        QLabel,
        QLineEdit,
        QListView,
        QPushButton,
        QVBoxLayout,
        QWidget,
    )

    window = QWidget()
    layout = QVBoxLayout(window)
    for widget in (QLineEdit("x"), QComboBox(), QDateEdit(), QLabel("x"), QListView(),
                   QPushButton("x")):
        layout.addWidget(widget)
    window.show()
    window.grab()
    window.close()


def _add_thumbnails(path: Path, runs: int) -> None:
    import sqlite3

    thumb = make_thumbnail((ROOT / "resources" / "samples" / "receipt.png").read_bytes())
    with sqlite3.connect(path) as connection:
        connection.execute("UPDATE analysis_sources SET thumbnail = ? WHERE analysis_id > ?",
                           (thumb, runs - THUMBNAILED))


COLLECTIONS: list[tuple[float, float]] = []   # (start, end) of each cyclic collection


def _figures(name: str, beat: Heartbeat) -> float:
    """Print the stalls; returns the longest one that no garbage collection ran inside."""
    gaps = beat.stop()
    worst = max(gaps) if gaps else 0.0
    p99 = statistics.quantiles(gaps, n=100)[98] if len(gaps) > 100 else worst
    def collecting(tick: float, gap: float) -> bool:   # a collection ran inside this gap
        return any(tick - gap / 1000 <= begin and end <= tick for begin, end in COLLECTIONS)

    pairs = list(zip(beat.ticks, gaps, strict=True))
    over = [(tick, gap) for tick, gap in pairs if gap > TARGET_MS]
    collected = [(tick, gap) for tick, gap in over if collecting(tick, gap)]
    own = max((gap for tick, gap in pairs if not collecting(tick, gap)), default=0.0)
    print(f"  {name:<34} longest stall {worst:6.1f} ms   p99 gap {p99:5.1f} ms   "
          f"{len(over)} over {TARGET_MS:.0f} ms, {len(collected)} of them a garbage collection "
          f"({len(gaps)} ticks)")
    return own


async def scenario(history_path: Path) -> dict[str, float]:
    from visiondesk.gui.history_panel import HistoryPanel
    from visiondesk.gui.tasks import TaskOwner

    _warm_up_widgets()
    beat = Heartbeat()
    tasks = TaskOwner()
    results: dict[str, float] = {}

    def history() -> History:
        return History(history_path)

    beat.start()
    started = time.perf_counter()
    panel = HistoryPanel(tasks, history)
    built = time.perf_counter()
    panel.resize(460, 820)
    panel.show()
    results["construct_ms"] = (time.perf_counter() - started) * 1000
    print(f"  panel built in {(built - started) * 1000:.1f} ms, shown in "
          f"{(time.perf_counter() - built) * 1000:.1f} ms")
    panel.open()
    while panel.model.rowCount() == 0 or panel.model.busy:
        await asyncio.sleep(0.001)
    results["first_page_ms"] = (time.perf_counter() - started) * 1000
    await asyncio.sleep(0.3)   # thumbnails of the first screen, the filters' choices
    results["open_stall_ms"] = _figures("open (first page, thumbnails)", beat)
    print(f"  {'':<34} built in {results['construct_ms']:.1f} ms, first page shown after "
          f"{results['first_page_ms']:.1f} ms; {panel.model.total:,} runs counted")

    beat.start()
    waits = []
    for query in ("增", "增值", "增值税", "增值税发", "zebra", "zebra crossing"):
        typed = time.perf_counter()
        panel.search_edit.setText(query)
        await asyncio.sleep(0.02)
        while panel.model.busy or panel.search_edit.text() != panel.model.query:
            await asyncio.sleep(0.001)
        waits.append((time.perf_counter() - typed) * 1000)
    results["search_stall_ms"] = _figures("search as you type", beat)
    print(f"  {'':<34} results {statistics.median(waits):.0f} ms after typing (median, "
          f"incl. the 150 ms pause)")
    panel.search_edit.setText("")
    panel.search_now()
    while panel.model.busy:
        await asyncio.sleep(0.001)

    view, bar = panel.list, panel.list.verticalScrollBar()
    row_height = max(view.sizeHintForRow(0), 1)
    steps: list[float] = []
    beat.start()
    while bar.value() < SCROLL_ROWS * row_height:
        began = time.perf_counter()
        bar.setValue(bar.value() + bar.pageStep())
        view.viewport().repaint()   # paint now: the cost a person sees
        steps.append((time.perf_counter() - began) * 1000)
        if os.environ.get("BENCH_DETAIL") and steps[-1] > 6:
            print(f"    step {len(steps)}: {steps[-1]:.1f} ms, rows {panel.model.loaded}, thumbs "
                  f"{panel.model.thumbnails_cached()}, worker busy {tasks.running(('history',))}")
        await asyncio.sleep(0.016)
        if bar.value() >= bar.maximum() and panel.model.busy:
            while panel.model.busy:
                await asyncio.sleep(0.001)
    for _ in range(5):   # drag to the end of what is loaded, five times (each fetches a page)
        bar.setValue(bar.maximum())
        view.viewport().repaint()
        await asyncio.sleep(0.05)
    await asyncio.sleep(0.3)
    results["scroll_stall_ms"] = _figures("scroll (a screenful per 16 ms)", beat)
    results["scroll_step_max_ms"] = max(steps)
    print(f"  {'':<34} scroll+paint per step: median {statistics.median(steps):.2f} ms, "
          f"max {max(steps):.2f} ms over {len(steps)} steps "
          f"({sum(s > TARGET_MS for s in steps)} over {TARGET_MS:.0f} ms)")
    print(f"  {'':<34} rows held {panel.model.loaded:,} of {panel.model.total:,}; "
          f"thumbnails cached {panel.model.thumbnails_cached()}")
    panel.close()
    await tasks.shutdown()
    return results


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=100_000)
    args = parser.parse_args()

    import qasync
    from PySide6.QtWidgets import QApplication

    from visiondesk.gui import gc_guard

    app = QApplication(sys.argv[:1])
    app.setQuitOnLastWindowClosed(False)
    gc_guard.install(app)   # as the app does: cyclic collection on the GUI thread, from a timer
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "history.sqlite3"
        history = History(path)
        seconds = fill(history, args.runs)
        _add_thumbnails(path, args.runs)
        print(f"History panel over {args.runs:,} runs (filled in {seconds:.1f} s; "
              f"newest {THUMBNAILED:,} with a thumbnail)")
        gc.collect()   # the fill's garbage is not the panel's
        gc.callbacks.append(_gc_timer())
        loop = qasync.QEventLoop(app, already_running=False)
        asyncio.set_event_loop(loop)
        results = loop.run_until_complete(scenario(path))
        loop.close()
        gc_guard.uninstall(app)
        gc.callbacks.clear()
    if COLLECTIONS:
        longest = max(e - s for s, e in COLLECTIONS) * 1000
        print(f"  Python's cyclic garbage collector (gc_guard, on the GUI thread): "
              f"{len(COLLECTIONS)} collections, longest {longest:.1f} ms")
    worst = max(results["open_stall_ms"], results["search_stall_ms"], results["scroll_stall_ms"])
    print(f"Longest stall without a garbage collection in it {worst:.1f} ms "
          f"(target under {TARGET_MS:.0f} ms): "
          f"{verdict(worst < TARGET_MS)}")
    return 0 if worst < TARGET_MS else 1


if __name__ == "__main__":
    raise SystemExit(main())
