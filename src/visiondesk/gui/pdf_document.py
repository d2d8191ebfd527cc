"""A PDF the person opened: its page count, which pages to send and how, and its renders.

The blocking helpers here (``open_pdf``, ``render_thumbnails``, ``render_page``) call PDFium
through :mod:`visiondesk.core.documents` and return RGBA pixels (bytes): the image loader runs
them in worker threads and makes the QImages on the GUI thread.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from visiondesk.gui.pixels import png_to_pixels

if TYPE_CHECKING:
    from PySide6.QtGui import QImage

    from visiondesk.core.documents import RenderedPage
    from visiondesk.gui.pixels import Pixels

THUMBNAIL_DPI = 36     # an A4 page is 298 × 421 px: plenty for an 80-px thumbnail, and quick
THUMBNAIL_BATCH = 6    # pages rendered per worker call, so thumbnails appear as they are ready
AUTO_SELECT_MAX = 10   # a document this short has all its pages chosen at first; longer, page 1


@dataclass
class PdfDocument:
    """What the window knows about one PDF and what the person chose to send from it."""

    path: str
    page_count: int
    pages: list[int]                      # chosen pages, 1-based, sorted
    dpi: int = 150
    as_file: bool = False                 # send the whole file (Responses API input_file)
    shown_page: int = 1
    thumbnails: dict[int, QImage] = field(default_factory=dict)
    rendered: dict[tuple[int, int], RenderedPage] = field(default_factory=dict)  # (page, dpi)

    @classmethod
    def opened(cls, path: str, page_count: int, dpi: int) -> PdfDocument:
        pages = list(range(1, page_count + 1)) if page_count <= AUTO_SELECT_MAX else [1]
        return cls(path=path, page_count=page_count, pages=pages, dpi=dpi)


def format_pages(pages: list[int]) -> str:
    """Pages as the shortest range text: [1, 2, 3, 5] -> "1-3,5"."""
    parts: list[str] = []
    run: list[int] = []
    for page in sorted(set(pages)):
        if run and page == run[-1] + 1:
            run.append(page)
            continue
        if run:
            parts.append(_run_text(run))
        run = [page]
    if run:
        parts.append(_run_text(run))
    return ",".join(parts)


def _run_text(run: list[int]) -> str:
    return str(run[0]) if len(run) == 1 else f"{run[0]}-{run[-1]}"


def open_pdf(path: str) -> int:
    """The page count; raises AnalysisError for an encrypted, damaged or empty file."""
    from visiondesk.core.documents import pdf_page_count

    return pdf_page_count(path)


def render_thumbnails(path: str, pages: list[int]) -> dict[int, Pixels]:
    """Small images of ``pages`` (blocking, in a worker)."""
    from visiondesk.core.documents import render_pdf_pages

    rendered = render_pdf_pages(path, pages, THUMBNAIL_DPI)
    return {page.page: png_to_pixels(page.data) for page in rendered}


def render_page(path: str, page: int, dpi: int) -> tuple[RenderedPage, Pixels]:
    """One page at ``dpi`` as PNG bytes and as pixels for the preview (blocking, in a worker)."""
    from visiondesk.core.documents import render_pdf_pages

    rendered = render_pdf_pages(path, [page], dpi)[0]
    return rendered, png_to_pixels(rendered.data)
