"""Small decodes for showing an image, made with Pillow in a worker thread (no Qt).

The window's threading rule: workers take and return bytes or Pillow images; QImage is made on
the GUI thread from the RGBA bytes returned here. A JPEG is decoded at a fraction of its size
(libjpeg scales while decoding: ``draft``), so a 24 MP photo's preview takes tens of milliseconds.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from PIL import Image, ImageOps

from visiondesk.core.file_reading import read_file_bounded
from visiondesk.core.images import WHOLE_DECODE_BLOCK
from visiondesk.core.images import _open as open_checked  # the pixel limits and decode budget apply
from visiondesk.core.limits import MAX_IMAGE_FILE_BYTES

PREVIEW_SIDE = 1600


@dataclass(frozen=True, slots=True)
class PreviewPixels:
    """RGBA pixels for the screen, and what the info line says about the original."""

    width: int
    height: int
    rgba: bytes
    original_size: tuple[int, int]   # as displayed (after EXIF orientation), full resolution
    file_bytes: int
    file_format: str


def read_source(path: str | None, data: bytes | None, label: str) -> bytes:
    if data is not None:
        return data
    return read_file_bounded(Path(path or ""), label, max_bytes=MAX_IMAGE_FILE_BYTES)


def decode_preview(path: str | None, data: bytes | None, side: int | None = PREVIEW_SIDE,
                   label: str = "image") -> PreviewPixels:
    """A preview no larger than ``side`` (None: full resolution). Raises AnalysisError(IMAGE)."""
    raw = read_source(path, data, label)
    image = open_checked(raw, label)
    file_format = image.format or ""
    width, height = image.size
    turned = image.getexif().get(0x0112, 1) in (5, 6, 7, 8)  # EXIF says it stands on its side
    original = (height, width) if turned else (width, height)
    if side is not None and file_format == "JPEG":
        image.draft("RGB", (side, side))  # decode at 1/2, 1/4 or 1/8 scale when that suffices
    image.decodermaxblock = WHOLE_DECODE_BLOCK  # type: ignore[attr-defined]  # one call (see images)
    image = ImageOps.exif_transpose(image)
    if side is not None and max(image.size) > side:
        image.thumbnail((side, side), Image.Resampling.LANCZOS)
    rgba = image.convert("RGBA")
    return PreviewPixels(rgba.width, rgba.height, rgba.tobytes(), original, len(raw), file_format)
