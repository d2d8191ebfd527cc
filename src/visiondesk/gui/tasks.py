"""The window's task owner: every asyncio task the window starts has a key and a reference here.

Keys are tuples such as ``("pane", 12)`` or ``("image", 3, "page")``. Starting a task under a
key that is still running cancels the older one ("latest wins", as FeelUOwn's
``PreemptiveTaskSpec``). Cancelling matches keys exactly, or by leading elements
(``cancel(("image", 3))`` stops ``("image", 3)`` and ``("image", 3, "page")`` but never
``("image", 31)``): no string prefixes. Closing the window cancels everything. Any exception a
task raises becomes the ``failed`` signal with words a person can read, never a traceback.
"""

from __future__ import annotations

import asyncio
import functools
import logging
from collections.abc import Callable, Coroutine
from typing import Any

from PySide6.QtCore import QObject, Signal

from visiondesk.core.errors import AnalysisError
from visiondesk.gui.error_text import error_text

log = logging.getLogger(__name__)

TaskKey = tuple[object, ...]


def _matches(key: TaskKey, pattern: TaskKey) -> bool:
    return key[:len(pattern)] == pattern


class TaskOwner(QObject):
    failed = Signal(str)            # a task raised: the words to show
    busy_changed = Signal(bool)     # whether any ("pane", ...) task runs

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._tasks: dict[TaskKey, asyncio.Task[Any]] = {}
        self.closing = False

    def spawn(self, key: TaskKey, coro: Coroutine[Any, Any, Any]) -> asyncio.Task[Any]:
        old = self._tasks.get(key)
        if old is not None and not old.done():
            old.cancel()
        task = asyncio.get_running_loop().create_task(coro, name=repr(key))
        self._tasks[key] = task
        task.add_done_callback(functools.partial(self._done, key))
        self._update_busy()
        return task

    def call(self, key: TaskKey, coro: Coroutine[Any, Any, Any], on_done: Callable[[Any], None],
             on_error: Callable[[str], None] | None = None) -> None:
        """Run ``coro`` as task ``key`` and hand its result (or readable error) to a callback."""

        async def wrapper() -> None:
            try:
                value = await coro
            except asyncio.CancelledError:
                raise
            except Exception as exc:
                if on_error is None:
                    raise
                on_error(error_text(exc))
                return
            on_done(value)

        task = self.spawn(key, wrapper())
        # Replaced before it ever ran (a person clicking through providers), ``coro`` was never
        # awaited: close it, or Python warns about it when it is collected. (No-op once it ran.)
        task.add_done_callback(lambda _task: coro.close())

    def _done(self, key: TaskKey, task: asyncio.Task[Any]) -> None:
        if self._tasks.get(key) is task:
            del self._tasks[key]
        if self.closing:
            return
        self._update_busy()
        if task.cancelled():
            return
        exc = task.exception()
        if exc is None:
            return
        if isinstance(exc, AnalysisError):  # worded for people: no traceback in the log
            log.warning("Task %s failed: %s", key, exc)
        else:
            log.error("Task %s failed", key, exc_info=exc)
        self.failed.emit(error_text(exc))

    def _update_busy(self) -> None:
        self.busy_changed.emit(self.running(("pane",)))

    def running(self, pattern: TaskKey = ()) -> bool:
        return any(_matches(k, pattern) and not t.done() for k, t in self._tasks.items())

    def cancel(self, pattern: TaskKey) -> int:
        """Cancel every running task whose key starts with the elements of ``pattern``."""
        count = 0
        for key, task in list(self._tasks.items()):
            if _matches(key, pattern) and not task.done():
                task.cancel()
                count += 1
        return count

    async def wait_idle(self, pattern: TaskKey = ()) -> None:
        """Until no task matching ``pattern`` runs (screenshots, tests)."""
        while True:
            pending = [t for k, t in self._tasks.items() if _matches(k, pattern) and not t.done()]
            if not pending:
                return
            await asyncio.gather(*pending, return_exceptions=True)

    async def shutdown(self) -> None:
        self.closing = True
        tasks = [t for t in self._tasks.values() if not t.done()]
        for task in tasks:
            task.cancel()
        await asyncio.gather(*tasks, return_exceptions=True)
        await asyncio.sleep(0)  # let the tasks' done callbacks run while the loop still turns
