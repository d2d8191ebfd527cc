"""Garbage collection on the GUI thread only.

Python's cyclic collector runs in whichever thread happens to allocate when a threshold is
crossed. When that is a worker thread (``asyncio.to_thread``, the OCR engine, HTTP), the collector
destroys Qt objects caught in reference cycles *there*; their timers cannot be unregistered from
a foreign thread, stay registered with the GUI thread's dispatcher, and later fire on freed
memory (a crash in ``QTimerInfoList::activateTimers``). pyqtgraph's ``GarbageCollector`` solves
this the same way: switch automatic collection off and collect from a timer on the GUI thread,
generation by generation, when the usual thresholds are crossed.
"""

from __future__ import annotations

import gc

from PySide6.QtCore import QObject, QTimer


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


def install(app: QObject) -> MainThreadGarbageCollector:
    """Once per application; the collector lives as long as the application object."""
    existing = app.findChild(MainThreadGarbageCollector)
    return existing if existing is not None else MainThreadGarbageCollector(app)
