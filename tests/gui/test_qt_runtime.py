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
