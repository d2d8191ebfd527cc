"""Panes due a render take turns, one per turn of the event loop.

Four columns streaming together become due at the same moment; rendered back to back they
would hold the loop four renders long. Queued here, each renders in its own turn and input,
painting and the network get served in between.
"""

from __future__ import annotations

import weakref
from collections.abc import Callable

from PySide6.QtCore import QObject, QTimer

_queue: RenderQueue | None = None


class RenderQueue(QObject):
    def __init__(self) -> None:
        super().__init__()
        self._due: list[weakref.WeakMethod[Callable[[], None]]] = []
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(0)
        self._timer.timeout.connect(self._next)

    def add(self, render: Callable[[], None]) -> None:
        """``render`` (a bound method) runs in a turn of its own; once however often added."""
        ref = weakref.WeakMethod(render)
        if ref not in self._due:
            self._due.append(ref)
        if not self._timer.isActive():
            self._timer.start()

    def _next(self) -> None:
        while self._due:
            render = self._due.pop(0)()
            if render is None:
                continue
            try:
                render()
            except RuntimeError:   # its widget was deleted meanwhile
                continue
            break
        if self._due:
            self._timer.start()


def render_later(render: Callable[[], None]) -> None:
    global _queue
    if _queue is None:
        _queue = RenderQueue()
    _queue.add(render)
