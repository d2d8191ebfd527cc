"""A process-wide budget of pixels being decoded at once.

Image preparation runs in worker threads (the window prepares every dropped file, the CLI every
source) and a decoded pixel costs 3-4 bytes plus the working copies made while resizing. Six
196-megapixel PNGs decoding together took 4.6 GB. Each preparation reserves its pixel count
here before decoding and gives it back when done; a reservation that does not fit waits. One
image larger than the whole budget still runs, alone, once nothing else is decoding, so nothing
is refused here (the per-image limit is MAX_IMAGE_PIXELS, enforced before decoding).
"""

from __future__ import annotations

import threading
from collections.abc import Iterator
from contextlib import contextmanager

from visiondesk.core.limits import DECODE_PIXEL_BUDGET


class PixelBudget:
    """A counting semaphore measured in pixels, fair enough for a handful of workers."""

    def __init__(self, pixels: int) -> None:
        self.capacity = pixels
        self._in_use = 0
        self._peak = 0
        self._condition = threading.Condition()

    @property
    def in_use(self) -> int:
        with self._condition:
            return self._in_use

    @property
    def peak(self) -> int:
        """The largest number of pixels reserved at once since creation (for tests)."""
        with self._condition:
            return self._peak

    @contextmanager
    def reserve(self, pixels: int) -> Iterator[None]:
        """Hold ``pixels`` of the budget for the duration of the block, waiting until they fit."""
        pixels = max(0, pixels)
        with self._condition:
            while self._in_use and self._in_use + pixels > self.capacity:
                self._condition.wait()
            self._in_use += pixels
            self._peak = max(self._peak, self._in_use)
        try:
            yield
        finally:
            with self._condition:
                self._in_use -= pixels
                self._condition.notify_all()


DECODE_BUDGET = PixelBudget(DECODE_PIXEL_BUDGET)
"""The one budget every image preparation in this process shares."""
