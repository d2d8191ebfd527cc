"""Garbage collection on the GUI thread only.

Python's cyclic collector runs in whichever thread happens to allocate when a threshold is
crossed. When that is a worker thread (``asyncio.to_thread``, the OCR engine, HTTP), the collector
destroys Qt objects caught in reference cycles *there*; their timers cannot be unregistered from
a foreign thread, stay registered with the GUI thread's dispatcher, and later fire on freed
memory (a crash in ``QTimerInfoList::activateTimers``). pyqtgraph's ``GarbageCollector`` solves
this the same way: switch automatic collection off and collect from a timer on the GUI thread,
generation by generation, when the usual thresholds are crossed.

The guard applies only while the Qt loop runs (``active``): collecting from a timer needs a
turning loop, and a process that uses the engine without one (a test, a script) keeps Python's
own collector.
"""

from __future__ import annotations

import contextlib
import gc
from collections.abc import Iterator

from PySide6.QtCore import QObject, QTimer
from shiboken6 import isValid


class MainThreadGarbageCollector(QObject):
    def __init__(self, parent: QObject | None = None, interval_ms: int = 500) -> None:
        super().__init__(parent)
        self._thresholds = gc.get_threshold()
        gc.disable()
        self._timer = QTimer(self)
        self._timer.timeout.connect(self.collect_if_due)
        self._timer.start(interval_ms)

    def collect_if_due(self) -> None:
        counts = gc.get_count()
        generation = -1
        for level in range(3):
            if counts[level] > self._thresholds[level]:
                generation = level
            else:
                break
        if generation >= 0:
            gc.collect(generation)


    def stop(self) -> None:
        self._timer.stop()
        gc.enable()
        gc.collect()  # what piled up while the guard held, freed here on the GUI thread


# The one guard of this process. Looking it up with app.findChild(MainThreadGarbageCollector)
# instead made PySide wrap every object in the application's tree to test its type (~7 ms per
# look-up at start-up, again at exit).
_guard: MainThreadGarbageCollector | None = None


def install(app: QObject) -> MainThreadGarbageCollector:
    """Switch automatic collection off and collect on the GUI thread; idempotent."""
    global _guard
    if _guard is None or not isValid(_guard):  # none yet, or gone with an earlier application
        _guard = MainThreadGarbageCollector(app)
    return _guard


def uninstall(app: QObject) -> None:
    """Python's own collector again (the Qt loop no longer runs)."""
    global _guard
    guard, _guard = _guard, None
    if guard is None or not isValid(guard):
        gc.enable()
        return
    guard.stop()
    guard.setParent(None)
    guard.deleteLater()


@contextlib.contextmanager
def active(app: QObject) -> Iterator[MainThreadGarbageCollector]:
    """The guard for as long as the Qt loop runs in this block."""
    guard = install(app)
    try:
        yield guard
    finally:
        uninstall(app)
