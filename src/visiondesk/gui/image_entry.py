"""An image a person added, and the blocking work of reading it (run in a worker thread).

``decode_preview`` uses ``QImageReader`` with a scaled size, so a 24 MP JPEG is decoded at a
fraction of its resolution (libjpeg scales while decoding) and the preview appears at once;
the full-resolution image is only decoded for 100 % zoom. QImage and QImageReader are reentrant,
so these functions are safe to call from ``asyncio.to_thread``.
"""

from __future__ import annotations

import itertools
import os
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from PySide6.QtCore import QBuffer, QByteArray, QIODevice, QSize, Qt
from PySide6.QtGui import QImage, QImageReader

if TYPE_CHECKING:
    from visiondesk.core.events import OcrLine
    from visiondesk.core.images import PreparedImage
    from visiondesk.gui.pdf_document import PdfDocument

PREVIEW_SIDE = 1600
_ids = itertools.count(1)


@dataclass
class ImageEntry:
    """One image: where it came from, its preview, and what will be sent."""

    label: str
    path: str | None = None        # a local file
    url: str | None = None         # an http(s) URL, downloaded when prepared
    data: bytes | None = None      # pasted or dragged image bytes
    id: int = field(default_factory=lambda: next(_ids))
    preview: QImage | None = None
    original_size: tuple[int, int] | None = None
    file_bytes: int | None = None
    file_format: str = ""
    prepared: dict[int, PreparedImage] = field(default_factory=dict)  # by max side
    error: str | None = None
    pdf: PdfDocument | None = None  # set when the file is a PDF: its pages, choice and renders
    ocr: dict[int, OcrLayer] = field(default_factory=dict)  # by page (0 for a plain image)

    @property
    def source(self) -> str:
        return self.path or self.url or self.label

    @property
    def shown_page(self) -> int:
        """The page the preview shows: 0 for an image, else the PDF page (1-based)."""
        return self.pdf.shown_page if self.pdf is not None else 0

    def prepared_for(self, max_side: int) -> PreparedImage | None:
        return self.prepared.get(max_side)


@dataclass(frozen=True)
class OcrLayer:
    """Lines the local OCR engine found in one image, and the size of the pixel space of
    their boxes (the original image, or a PDF page at the resolution it was rendered at)."""

    lines: tuple[OcrLine, ...]
    width: int
    height: int


@dataclass(frozen=True)
class Preview:
    image: QImage
    original_size: tuple[int, int]
    file_bytes: int | None
    file_format: str


def _reader(path: str | None, data: bytes | None) -> tuple[QImageReader, QBuffer | None]:
    if data is not None:
        buffer = QBuffer()
        buffer.setData(QByteArray(data))
        buffer.open(QIODevice.OpenModeFlag.ReadOnly)
        return QImageReader(buffer), buffer
    return QImageReader(path or ""), None


def decode_preview(path: str | None, data: bytes | None, side: int = PREVIEW_SIDE) -> Preview | None:
    """A preview no larger than ``side``, or None when Qt cannot read the image (e.g. HEIC)."""
    reader, buffer = _reader(path, data)
    reader.setAutoTransform(True)
    size = reader.size()
    if size.isValid() and max(size.width(), size.height()) > side:
        scaled = size.scaled(QSize(side, side), Qt.AspectRatioMode.KeepAspectRatio)
        reader.setScaledSize(scaled)
    image = reader.read()
    file_format = bytes(reader.format().data()).decode("ascii", "replace").upper()
    if buffer is not None:
        buffer.close()
    if image.isNull():
        return None
    width, height = (size.width(), size.height()) if size.isValid() else (image.width(), image.height())
    if reader.transformation().value & 4:  # Rotate90: EXIF says the picture stands on its side
        width, height = height, width
    file_bytes = len(data) if data is not None else _file_size(path)
    return Preview(image, (width, height), file_bytes, file_format)


def decode_full(path: str | None, data: bytes | None) -> QImage | None:
    """The image at full resolution (for 100 % zoom)."""
    reader, buffer = _reader(path, data)
    reader.setAutoTransform(True)
    image = reader.read()
    if buffer is not None:
        buffer.close()
    return None if image.isNull() else image


@dataclass(frozen=True, slots=True)
class Pixels:
    """A copy of a QImage's pixels as RGBA bytes: safe to hand to a worker thread."""

    width: int
    height: int
    rgba: bytes


def copy_pixels(image: QImage) -> Pixels:
    """On the GUI thread: one conversion and a memory copy, no encoding."""
    rgba = image.convertToFormat(QImage.Format.Format_RGBA8888)
    row = rgba.width() * 4
    data = bytes(rgba.constBits())
    if rgba.bytesPerLine() != row:  # rows are padded: keep only the pixels
        stride = rgba.bytesPerLine()
        data = b"".join(data[y * stride:y * stride + row] for y in range(rgba.height()))
    return Pixels(rgba.width(), rgba.height(), data)


def pixels_to_png(pixels: Pixels) -> bytes:
    """In a worker: encode with Pillow (lossless, so pasted screenshots stay crisp).

    Qt's own encoder is not used here: PySide's call dispatch is not safe when two workers
    call into the same Qt method at once (seen as spurious "wrong argument values" errors).
    """
    import io

    from PIL import Image

    image = Image.frombuffer("RGBA", (pixels.width, pixels.height), pixels.rgba, "raw", "RGBA", 0, 1)
    alpha_low, _ = image.getchannel("A").getextrema()
    if alpha_low == 255:
        image = image.convert("RGB")  # opaque: a smaller PNG
    buffer = io.BytesIO()
    image.save(buffer, "PNG", compress_level=6)
    return buffer.getvalue()


def _file_size(path: str | None) -> int | None:
    try:
        return os.path.getsize(path) if path else None
    except OSError:
        return None

