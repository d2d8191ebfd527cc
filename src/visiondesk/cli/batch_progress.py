"""The batch progress bar on stderr: done/total, rate, ETA and failures, drawn by tqdm.

Quiet when stderr is not a terminal (a log file or a pipe gets the closing summary line only),
so scripts and CI logs are not filled with carriage returns.
"""

from __future__ import annotations

import sys
from typing import TextIO

from tqdm import tqdm


class BatchProgress:
    def __init__(self, total: int, already_done: int = 0, stream: TextIO | None = None,
                 enabled: bool | None = None) -> None:
        self.stream = stream or sys.stderr
        if enabled is None:
            enabled = _is_terminal(self.stream)
        self.failed = 0
        self._bar = tqdm(total=total, initial=already_done, file=self.stream, disable=not enabled,
                         unit="img", dynamic_ncols=True, smoothing=0.1, leave=True, postfix="0 failed",
                         bar_format="{l_bar}{bar}| {n_fmt}/{total_fmt} [{elapsed}<{remaining}, "
                                    "{rate_fmt}]{postfix}")

    @property
    def enabled(self) -> bool:
        return not self._bar.disable

    def advance(self, ok: bool) -> None:
        """One (image, model) pair finished."""
        if not ok:
            self.failed += 1
            self._bar.set_postfix_str(f"{self.failed} failed", refresh=False)
        self._bar.update(1)

    def set_done(self, done: int, failed: int) -> None:
        """Absolute counts (a Batch API poll reports those rather than one pair at a time)."""
        self.failed = failed
        self._bar.set_postfix_str(f"{failed} failed", refresh=False)
        self._bar.update(max(done - self._bar.n, 0))
        self._bar.refresh()  # polls are seconds apart: always show the newest counts

    def describe(self, text: str) -> None:
        self._bar.set_description_str(text)

    def write(self, message: str) -> None:
        """A line above the bar (or plainly, when there is no bar)."""
        if self.enabled:
            self._bar.write(message, file=self.stream)
        else:
            print(message, file=self.stream, flush=True)

    def close(self) -> None:
        self._bar.close()


def _is_terminal(stream: TextIO) -> bool:
    try:
        return stream.isatty()
    except (AttributeError, ValueError):
        return False
