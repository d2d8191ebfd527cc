"""Which files a batch takes from the folders and files it is given (CLI and window alike)."""

from __future__ import annotations

import logging
import os
from pathlib import Path

log = logging.getLogger(__name__)

IMAGE_SUFFIXES = frozenset({".png", ".jpg", ".jpeg", ".webp", ".gif", ".bmp", ".tif", ".tiff",
                            ".heic", ".heif", ".pdf"})


def discover(arguments: list[str]) -> list[str]:
    """Files and URLs as given; folders replaced by their images and PDFs, recursively, sorted,
    hidden files and folders skipped. The labels are stable, so a rerun finds its pairs again."""
    found: list[str] = []
    for text in arguments:
        if text.lower().startswith(("http://", "https://")):
            found.append(text)
            continue
        path = Path(text).expanduser()
        if not path.is_dir():
            found.append(text)  # a missing or unreadable file fails as its own pair, with a reason
            continue
        inside: list[Path] = []
        # os.walk without following links: a link loop cannot make the scan endless or repeat images.
        for folder, dirs, files in os.walk(path, followlinks=False):
            dirs[:] = sorted(d for d in dirs if not d.startswith("."))
            inside += [Path(folder, f).relative_to(path) for f in files
                       if not f.startswith(".") and Path(f).suffix.lower() in IMAGE_SUFFIXES]
        inside.sort()
        if not inside:
            log.warning("No images or PDFs in %s", text)
        found += [str(Path(text) / relative) for relative in inside]
    return list(dict.fromkeys(found))  # a file named twice (or inside a named folder) runs once
