"""Rendering PDF pages in a child process that can be abandoned.

PDF content is not trusted: a 600 KB content stream can inflate into gigabytes of drawing
operations, and PDFium parses a page whole before rendering it, with no way to interrupt it.
The only real bound on its time and memory is a separate process: this module starts
``python -m visiondesk.core.pdf_render_child`` with an address-space limit, sends it one request
(the file, the pages, the resolution) and reads back one PNG per page. The parent gives each
page a deadline and watches a cancel event; when either fires, or the child dies (out of
memory), the child is killed and the page fails on its own with a clear message.

Frame format on the child's stdout: one JSON header line per page, then exactly ``size`` bytes
of PNG. ``{"error": {...}}`` ends the stream early. Used where ``subprocess`` can start Python:
frozen builds fall back to rendering in-process (see :func:`isolation_available`).
"""

from __future__ import annotations

import contextlib
import json
import logging
import os
import queue
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass
from typing import IO

from visiondesk.core.errors import AnalysisError, ErrorKind
from visiondesk.core.limits import PDF_PAGE_TIMEOUT_S, PDF_WORKER_MEMORY_BYTES

log = logging.getLogger(__name__)

_MAX_HEADER_BYTES = 4096
_POLL_S = 0.05


@dataclass(frozen=True, slots=True)
class PageFrame:
    page: int
    data: bytes
    width: int
    height: int
    dpi: float


def isolation_available() -> bool:
    """Whether pages can be rendered in a child process (not in a frozen build)."""
    return not getattr(sys, "frozen", False) and bool(sys.executable)


def render_isolated(path: str, pages: list[int], dpi: float, label: str, *,
                    page_timeout: float = PDF_PAGE_TIMEOUT_S,
                    memory_bytes: int = PDF_WORKER_MEMORY_BYTES,
                    cancel: threading.Event | None = None) -> Iterator[PageFrame]:
    """Render ``pages`` of the PDF at ``path`` in a child process, yielding each as it is done.

    Raises AnalysisError(IMAGE) for a page that takes longer than ``page_timeout`` or needs more
    memory than ``memory_bytes`` (the child is killed), AnalysisError(CANCELLED) when ``cancel``
    is set, and the child's own AnalysisError for an unreadable page.
    """
    request = json.dumps({"path": path, "pages": pages, "dpi": dpi, "name": label,
                          "memory": memory_bytes}).encode() + b"\n"
    env = dict(os.environ)
    env["PYTHONUNBUFFERED"] = "1"
    child = subprocess.Popen(
        [sys.executable, "-m", "visiondesk.core.pdf_render_child"],
        stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, env=env,
    )
    frames: queue.Queue[PageFrame | AnalysisError | None] = queue.Queue(maxsize=2)
    stop = threading.Event()
    assert child.stdin is not None and child.stdout is not None
    try:
        child.stdin.write(request)
        child.stdin.close()
    except OSError:
        pass  # the child died at once; the reader reports it
    reader = threading.Thread(target=_read_frames, args=(child.stdout, frames, stop, label),
                              name="pdf-frames", daemon=True)
    reader.start()
    try:
        for number in pages:
            deadline = time.monotonic() + page_timeout
            while True:
                if cancel is not None and cancel.is_set():
                    raise AnalysisError(ErrorKind.CANCELLED, f"rendering {label} was cancelled",
                                        subject=label)
                try:
                    item = frames.get(timeout=_POLL_S)
                    break
                except queue.Empty:
                    if time.monotonic() > deadline:
                        raise AnalysisError(
                            ErrorKind.IMAGE, f"Page {number} of {label} took longer than "
                            f"{page_timeout:.0f} s to render; it was stopped.", subject=label) from None
            if isinstance(item, AnalysisError):
                raise item
            if item is None:
                code = child.wait(timeout=5)
                raise AnalysisError(
                    ErrorKind.IMAGE, f"Page {number} of {label} cannot be rendered: it needs more "
                    f"than {memory_bytes // (1024 * 1024):,} MB of memory or crashed the renderer "
                    f"(exit {code}).", subject=label)
            yield item
    finally:
        stop.set()
        if child.poll() is None:
            child.kill()
        with contextlib.suppress(subprocess.TimeoutExpired):
            child.wait(timeout=5)
        child.stdout.close()
        reader.join(timeout=1)


def _read_frames(stream: IO[bytes], frames: queue.Queue[PageFrame | AnalysisError | None],
                 stop: threading.Event, label: str) -> None:
    def put(item: PageFrame | AnalysisError | None) -> bool:
        while not stop.is_set():
            try:
                frames.put(item, timeout=_POLL_S)
                return True
            except queue.Full:
                continue
        return False

    try:
        while not stop.is_set():
            header = stream.readline(_MAX_HEADER_BYTES)
            if not header.endswith(b"\n"):
                break  # the child ended (or wrote nonsense)
            meta = json.loads(header)
            if "error" in meta:
                error = meta["error"]
                put(AnalysisError(ErrorKind(error.get("kind", "image")), str(error.get("message")),
                                  subject=label))
                return
            data = stream.read(int(meta["size"]))
            if len(data) != int(meta["size"]):
                break
            frame = PageFrame(int(meta["page"]), data, int(meta["width"]), int(meta["height"]),
                              float(meta["dpi"]))
            if not put(frame):
                return
    except (OSError, ValueError, KeyError, TypeError) as exc:
        log.debug("PDF worker stream for %s ended: %r", label, exc)
    put(None)
