"""Reading a local file someone named, within bounds.

A path can name anything: ``/dev/zero`` (endless), a FIFO (blocks until a writer appears), a
folder, a 3 GB sparse file called ``x.png``. :func:`read_file_bounded` refuses everything that is
not a regular file and everything larger than its cap *before* reading a byte (``stat``), opens
without blocking, checks the opened descriptor again (the path may have been swapped), reads in
chunks and stops when a cancel event is set or the file grows past the cap while being read.
Failures are ``AnalysisError`` of kind IMAGE (or what the caller asks for) worded for a person.
"""

from __future__ import annotations

import os
import stat
import threading
from pathlib import Path

from visiondesk.core.errors import AnalysisError, ErrorFact, ErrorKind
from visiondesk.core.limits import READ_CHUNK_BYTES, MiB


def display_name(path: str | os.PathLike[str] | bytes) -> str:
    """A file name safe to print, put in JSON or store: undecodable bytes (a non-UTF-8 name)
    become U+FFFD instead of lone surrogates that no encoder accepts."""
    text = os.fsdecode(path)
    return text.encode("utf-8", errors="surrogateescape").decode("utf-8", errors="replace")


def _size_words(size: int) -> str:
    return f"{size / MiB:,.1f} MB" if size >= MiB else f"{size:,} bytes"


def check_regular_file(path: Path, label: str, max_bytes: int, *,
                       kind: ErrorKind = ErrorKind.IMAGE, what: str = "a file") -> int:
    """The size of ``path`` if it is a regular file within ``max_bytes``; AnalysisError if not.

    Never opens the file, so a FIFO or a device cannot block or stream.
    """
    try:
        info = path.stat()
    except FileNotFoundError:
        raise AnalysisError(kind, f"{label} does not exist (looked for {display_name(path)})",
                            subject=label).with_fact(ErrorFact.SOURCE_MISSING) from None
    except PermissionError:
        raise AnalysisError(kind, f"{label} cannot be read: permission denied", subject=label) from None
    except OSError as exc:
        raise AnalysisError(kind, f"{label} cannot be read: {exc.strerror or exc}", subject=label) from None
    return _check_stat(info, label, max_bytes, kind, what)


def _check_stat(info: os.stat_result, label: str, max_bytes: int, kind: ErrorKind, what: str) -> int:
    mode = info.st_mode
    if stat.S_ISDIR(mode):
        raise AnalysisError(kind, f"{label} is a folder, not {what}",
                            subject=label).with_fact(ErrorFact.SOURCE_MISSING)
    if not stat.S_ISREG(mode):
        sort = ("a pipe (FIFO)" if stat.S_ISFIFO(mode) else "a device" if stat.S_ISCHR(mode)
                or stat.S_ISBLK(mode) else "a socket" if stat.S_ISSOCK(mode) else "not a regular file")
        raise AnalysisError(kind, f"{label} is {sort}, not {what}; only regular files can be read",
                            subject=label)
    if info.st_size > max_bytes:
        raise AnalysisError(kind,
                            f"{label} is {_size_words(info.st_size)}, larger than the "
                            f"{_size_words(max_bytes)} limit for {what}", subject=label)
    return info.st_size


def read_file_bounded(path: str | os.PathLike[str], label: str | None = None, *, max_bytes: int,
                      cancel: threading.Event | None = None, kind: ErrorKind = ErrorKind.IMAGE,
                      what: str = "a file") -> bytes:
    """The bytes of a regular file of at most ``max_bytes``, read in chunks.

    ``cancel``, when set by another thread, stops the read between chunks with
    AnalysisError(CANCELLED). Synchronous: call it from a worker thread.
    """
    path = Path(path).expanduser()
    label = label or display_name(path.name or path)
    check_regular_file(path, label, max_bytes, kind=kind, what=what)
    flags = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0)
    try:
        fd = os.open(path, flags)
    except OSError as exc:
        raise AnalysisError(kind, f"{label} cannot be read: {exc.strerror or exc}", subject=label) from None
    try:
        # The path could have been replaced by a FIFO or a device between stat and open.
        size = _check_stat(os.fstat(fd), label, max_bytes, kind, what)
        chunks: list[bytes] = []
        total = 0
        # Chunks only matter to a cancel event; without one the file is read in one call: each
        # chunk gives up the GIL, and a worker that must wait to get it back behind a busy
        # thread (an import) read an 11 MB photo in ~70 ms instead of ~10.
        step = READ_CHUNK_BYTES if cancel is not None else max(size + 1, READ_CHUNK_BYTES)
        # One more byte than allowed tells "grew past the cap" from "exactly at the cap".
        while total <= max_bytes:
            if cancel is not None and cancel.is_set():
                raise AnalysisError(ErrorKind.CANCELLED, f"reading {label} was cancelled", subject=label)
            try:
                chunk = os.read(fd, min(step, max_bytes + 1 - total))
            except BlockingIOError:  # cannot happen for a regular file; be safe anyway
                break
            except OSError as exc:
                raise AnalysisError(kind, f"{label} cannot be read: {exc.strerror or exc}",
                                    subject=label) from None
            if not chunk:
                break
            chunks.append(chunk)
            total += len(chunk)
        if total > max_bytes:
            raise AnalysisError(kind,
                                f"{label} grew past the {_size_words(max_bytes)} limit while it "
                                f"was read (it was {_size_words(size)})", subject=label)
    finally:
        os.close(fd)
    return b"".join(chunks)


def read_text_bounded(path: str | os.PathLike[str], label: str | None = None, *,
                      max_bytes: int, cancel: threading.Event | None = None,
                      what: str = "a text file") -> str:
    """A UTF-8 text file (a prompt, a reference transcript), bounded like read_file_bounded.

    Errors are AnalysisError(CONFIG): the file is the person's input, not an image.
    """
    data = read_file_bounded(path, label, max_bytes=max_bytes, cancel=cancel, kind=ErrorKind.CONFIG,
                             what=what)
    name = label or display_name(Path(path).name)
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise AnalysisError(ErrorKind.CONFIG, f"{name} is not UTF-8 text (byte {exc.start} cannot be "
                            "decoded); save it as UTF-8", subject=name) from None
