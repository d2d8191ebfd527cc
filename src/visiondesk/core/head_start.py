"""Work a one-shot command starts before it is asked for, in a background thread.

``visiondesk analyze photo.jpg`` spends its first ~100 ms importing (the run plan, the runner, the
HTTP engine): Python holding the GIL on one core while the other core idles. Decoding and
resizing a photo is C code that releases the GIL, so started as soon as the arguments are known
it runs beside those imports instead of after them.

The code that needs the result asks with :func:`claim`. It gets the finished result (waiting for
it if need be), or None when nothing was started under that key, when the work failed (the caller
then does it itself, so an error reads exactly as it would without a head start), or when what
the work was made from changed meanwhile (its fingerprint, e.g. a file's size and mtime). Each
result is handed out once; one never claimed is dropped with the process.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable, Hashable
from concurrent.futures import Future
from pathlib import Path

log = logging.getLogger(__name__)

Fingerprint = Callable[[], object]

_lock = threading.Lock()
_started: dict[Hashable, tuple[Future[object], Fingerprint, object]] = {}


def _no_fingerprint() -> None:
    return None


def begin(key: Hashable, work: Callable[[], object], *,
          fingerprint: Fingerprint = _no_fingerprint) -> bool:
    """Run ``work`` in a daemon thread now, for a later ``claim(key)``; False if already begun.

    A daemon thread, so a command that ends early (a usage error) never waits for it.
    """
    future: Future[object] = Future()
    with _lock:
        if key in _started:
            return False
        _started[key] = (future, fingerprint, fingerprint())

    def run() -> None:
        if not future.set_running_or_notify_cancel():
            return
        try:
            future.set_result(work())
        except BaseException as exc:  # handed to the claimer, who does the work again
            future.set_exception(exc)

    threading.Thread(target=run, name="head-start", daemon=True).start()
    return True


def pending() -> bool:
    """Whether anything was begun and not yet claimed (a cheap test before building a key)."""
    return bool(_started)


def claim(key: Hashable) -> object | None:
    """The result of the work begun under ``key``, once; None when there is none to use."""
    with _lock:
        entry = _started.pop(key, None)
    if entry is None:
        return None
    future, fingerprint, before = entry
    try:
        result = future.result()
    except Exception as exc:
        log.debug("head start %r failed (%r); doing it again", key, exc)
        return None
    if fingerprint() != before:
        log.debug("head start %r is stale; doing it again", key)
        return None
    return result


def file_fingerprint(path: str) -> tuple[int, ...] | None:
    """Which file ``path`` names and its size and mtime, to tell whether it changed; None if gone."""
    try:
        info = Path(path).expanduser().stat()
    except (OSError, ValueError):
        return None
    return info.st_dev, info.st_ino, info.st_size, info.st_mtime_ns


def forget() -> None:
    """Drop every unclaimed result (tests; a finished command has no use for them)."""
    with _lock:
        _started.clear()
