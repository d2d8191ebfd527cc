"""An image a person added as the window shows it, and the pixel hand-over between threads.

The source itself (path, URL, bytes, PDF page choice) lives in the session's ``Workspace``
under the same id; this holds what only the window needs: the preview, the info line's facts,
the PDF's thumbnails, the OCR boxes.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from visiondesk.gui.pixels import Pixels, to_qimage

if TYPE_CHECKING:
    from PySide6.QtGui import QImage

    from visiondesk.core.events import OcrLine
    from visiondesk.core.images import PreparedImage
    from visiondesk.core.preview import PreviewPixels
    from visiondesk.gui.pdf_document import PdfDocument


@dataclass
class ImageEntry:
    """One image: its workspace id, its preview, and what will be sent."""

    id: int
    label: str
    source: str                    # the path or URL as given (tooltips)
    preview: QImage | None = None
    original_size: tuple[int, int] | None = None
    file_bytes: int | None = None
    file_format: str = ""
    prepared: dict[int, PreparedImage] = field(default_factory=dict)  # by max side, for the info line
    error: str | None = None
    pdf: PdfDocument | None = None  # set when the file is a PDF: its pages, choice and renders
    ocr: dict[int, OcrLayer] = field(default_factory=dict)  # by page (0 for a plain image)

    @property
    def shown_page(self) -> int:
        """The page the preview shows: 0 for an image, else the PDF page (1-based)."""
        return self.pdf.shown_page if self.pdf is not None else 0

    def show(self, preview: PreviewPixels) -> None:
        """On the GUI thread: take a worker's decoded preview."""
        self.preview = to_qimage(Pixels(preview.width, preview.height, preview.rgba))
        self.original_size = preview.original_size
        self.file_bytes, self.file_format = preview.file_bytes, preview.file_format


@dataclass(frozen=True)
class OcrLayer:
    """Lines the local OCR engine found in one image, and the size of the pixel space of
    their boxes (the original image, or a PDF page at the resolution it was rendered at)."""

    lines: tuple[OcrLine, ...]
    width: int
    height: int
