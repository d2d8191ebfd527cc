"""Telling what a file is from its first bytes, without importing what reads it (PDFium,
Pillow): the command line and the window ask this of every source before anything else."""

from __future__ import annotations

import stat
from pathlib import Path

HEADER_WINDOW = 1024  # PDF allows junk before "%PDF-" within the first kilobyte


def is_pdf(source: str | Path | bytes) -> bool:
    """True when ``source`` (a path or the file's bytes) starts like a PDF. Never raises."""
    if isinstance(source, bytes):
        head = source[:HEADER_WINDOW]
    else:
        try:
            path = Path(source).expanduser()
            if not stat.S_ISREG(path.stat().st_mode):
                return False  # opening a FIFO would block; a device would stream
            with open(path, "rb") as handle:
                head = handle.read(HEADER_WINDOW)
        except (OSError, ValueError):
            return False
    return b"%PDF-" in head
