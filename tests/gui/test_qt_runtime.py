"""The Qt binding we ship with must not corrupt Python's reference counts.

PySide6 6.12.0 released ``True`` once too often whenever it went through a Python-defined signal;
on Python 3.11 (where ``True`` is not immortal) a window that had emitted it a few thousand
times aborted at exit with "Fatal Python error: bool_dealloc". pyproject pins below 6.12; this
test fails if an upgrade brings the bug back.
"""

from __future__ import annotations

import subprocess
import sys

SCRIPT = """
import sys
from PySide6.QtCore import QCoreApplication, QObject, Signal

app = QCoreApplication([])

class Emitter(QObject):
    flag = Signal(bool)
    value = Signal(object)

emitter = Emitter()
emitter.flag.connect(lambda v: None)
emitter.value.connect(lambda v: None)
before = sys.getrefcount(True)
for _ in range(200):
    emitter.flag.emit(True)
    emitter.value.emit(True)
print(sys.getrefcount(True) - before)
"""


def test_emitting_true_through_python_signals_keeps_refcounts_balanced() -> None:
    proc = subprocess.run([sys.executable, "-c", SCRIPT], capture_output=True, text=True, timeout=60)
    assert proc.returncode == 0, proc.stderr[-500:]
    assert int(proc.stdout.strip()) == 0


def test_garbage_is_collected_on_the_gui_thread_only(qapp: object) -> None:
    """Cycles holding Qt objects must never be freed by a worker thread's allocation burst."""
    import gc
    import threading
    import weakref

    from PySide6.QtCore import QObject, QTimer

    from visiondesk.gui import gc_guard

    guard = gc_guard.install(qapp)  # type: ignore[arg-type]
    assert gc_guard.install(qapp) is guard and not gc.isenabled()  # type: ignore[arg-type]

    class Node:
        def __init__(self) -> None:
            self.me = self  # a reference cycle only the cyclic collector can free
            self.timer = QTimer()
            self.timer.start(10_000)

    node = Node()
    alive = weakref.ref(node)
    del node
    kept: list[object] = []  # alive until the end, so the allocation count stays high
    worker = threading.Thread(target=lambda: kept.extend([{} for _ in range(50)] for _ in range(2_000)))
    worker.start()
    worker.join()
    assert alive() is not None  # the worker's allocations did not trigger a collection

    assert gc.get_count()[0] > gc.get_threshold()[0]  # a collection is due...
    guard.collect_if_due()  # ...and the collector's timer does it, on this thread
    assert alive() is None
    assert isinstance(guard, QObject)
    kept.clear()
    gc_guard.uninstall(qapp)  # type: ignore[arg-type]
    assert gc.isenabled()  # without a turning Qt loop, Python's own collector works again


def test_the_gc_guard_holds_only_while_the_qt_loop_runs(qapp: object) -> None:
    import gc

    from visiondesk.gui import gc_guard

    assert gc.isenabled()
    with gc_guard.active(qapp):  # type: ignore[arg-type]
        assert not gc.isenabled()
    assert gc.isenabled()
