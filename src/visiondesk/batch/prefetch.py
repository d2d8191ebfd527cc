"""Prepare the next images while the current requests wait for their answers.

Decoding and re-encoding an image takes tens of milliseconds of CPU (mostly under the GIL), and a
job only starts its request once its image is ready. Without a look-ahead, each round of
``--concurrency`` jobs pays for its images one after another before the last request goes out.
One prefetch task walks the jobs in order, at most ``ahead`` jobs in front of the workers, and
leaves the prepared images in the workspace's cache, where the runner finds them.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Awaitable, Callable, Sequence
from typing import Generic, TypeVar

log = logging.getLogger(__name__)

T = TypeVar("T")


class Prefetcher(Generic[T]):
    def __init__(self, items: Sequence[T], prepare: Callable[[T], Awaitable[object]], ahead: int) -> None:
        self._items = items
        self._prepare = prepare
        self._room = asyncio.Semaphore(max(ahead, 1))
        self._ready = [asyncio.Event() for _ in items]
        self._task: asyncio.Task[None] | None = None

    def start(self) -> None:
        self._task = asyncio.get_running_loop().create_task(self._run(), name="batch-prefetch")

    async def _run(self) -> None:
        for index, item in enumerate(self._items):
            await self._room.acquire()
            try:
                await self._prepare(item)
            except asyncio.CancelledError:
                raise
            except Exception as exc:  # the job itself meets the same trouble and reports it
                log.debug("Prefetch of item %d failed: %s", index, exc)
            finally:
                self._ready[index].set()

    async def take(self, index: int) -> None:
        """Item ``index`` is about to be used: wait until it is prepared, and make room for one more."""
        self._room.release()
        if self._task is not None and not self._task.done():
            await self._ready[index].wait()

    async def aclose(self) -> None:
        if self._task is not None:
            self._task.cancel()
            await asyncio.gather(self._task, return_exceptions=True)
