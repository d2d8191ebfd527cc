"""Pixels crossing between the GUI thread and workers.

The window's threading rule: workers take and return bytes (``Pixels``, PNG bytes) or Pillow
images; QImage and QPixmap are made only on the GUI thread (``to_qimage``, ``copy_pixels``).
"""

from __future__ import annotations

import io
from dataclasses import dataclass

from PySide6.QtGui import QImage


@dataclass(frozen=True, slots=True)
class Pixels:
    """RGBA pixels as bytes: what crosses between the GUI thread and workers."""

    width: int
    height: int
    rgba: bytes


def to_qimage(pixels: Pixels) -> QImage:
    """On the GUI thread: wrap the bytes, then copy (the QImage must own its memory)."""
    image = QImage(pixels.rgba, pixels.width, pixels.height, pixels.width * 4,
                   QImage.Format.Format_RGBA8888)
    return image.copy()


def copy_pixels(image: QImage) -> Pixels:
    """On the GUI thread: one conversion and a memory copy, no encoding."""
    rgba = image.convertToFormat(QImage.Format.Format_RGBA8888)
    row = rgba.width() * 4
    data = bytes(rgba.constBits())
    if rgba.bytesPerLine() != row:  # rows are padded: keep only the pixels
        stride = rgba.bytesPerLine()
        data = b"".join(data[y * stride:y * stride + row] for y in range(rgba.height()))
    return Pixels(rgba.width(), rgba.height(), data)


def png_to_pixels(data: bytes) -> Pixels:
    """In a worker: decode a PNG (a rendered PDF page) with Pillow."""
    from PIL import Image

    with Image.open(io.BytesIO(data)) as image:
        rgba = image.convert("RGBA")
    return Pixels(rgba.width, rgba.height, rgba.tobytes())


def pixels_to_png(pixels: Pixels) -> bytes:
    """In a worker: encode with Pillow (lossless, so pasted screenshots stay crisp).

    Qt's own encoder is not used here: PySide's call dispatch is not safe when two workers
    call into the same Qt method at once (seen as spurious "wrong argument values" errors).
    """
    from PIL import Image

    image = Image.frombuffer("RGBA", (pixels.width, pixels.height), pixels.rgba, "raw", "RGBA", 0, 1)
    alpha_low, _ = image.getchannel("A").getextrema()
    if alpha_low == 255:
        image = image.convert("RGB")  # opaque: a smaller PNG
    buffer = io.BytesIO()
    image.save(buffer, "PNG", compress_level=6)
    return buffer.getvalue()
