"""PDF documents: count and render pages to PNG with PDFium, parse page ranges, inline a PDF.

A PDF reaches a model in one of two ways. Most servers only take images, so its pages are
rendered (``render_pdf_pages``) and each page goes through image preparation like a photo would.
The Responses API also takes the file itself (``pdf_as_input_file``), letting the model see the
text layer as well.

Every failure a person can cause (a missing, encrypted, damaged or empty file) becomes an
AnalysisError of kind IMAGE worded for them; a bad page range is a PageRangeError (a ValueError)
whose message can be shown under the field where it was typed.

PDFium is not thread-safe, so every call into it holds one module lock; callers still run these
functions off the GUI thread (rendering a page takes tens to hundreds of milliseconds).
"""

from __future__ import annotations

import base64
import io
import logging
import math
import re
import sys
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import pypdfium2 as pdfium
import pypdfium2.raw as pdfium_c
from PIL import Image

from visiondesk.core.errors import AnalysisError, ErrorFact, ErrorKind
from visiondesk.core.file_reading import check_regular_file, read_file_bounded
from visiondesk.core.limits import (
    MAX_PDF_FILE_BYTES,
    MAX_PDF_PAGE_PIXELS,
    MAX_PDF_PAGES,
    PDF_CONCURRENT_RENDERS,
    PDF_PAGE_TIMEOUT_S,
)
from visiondesk.core.pdf_isolation import isolation_available, render_isolated
from visiondesk.core.sniffing import is_pdf as is_pdf  # callers have always found it here

log = logging.getLogger(__name__)

PDF_MIME = "application/pdf"
DEFAULT_DPI = 150
MIN_DPI = 36
MAX_DPI = 600
# A 40-megapixel page is an A4 sheet at about 900 dpi: past it a page is a poster or a map, and
# rendering it whole would take seconds and hundreds of megabytes for nothing a model can use.
MAX_PAGE_PIXELS = MAX_PDF_PAGE_PIXELS
# OpenAI's documented limit for one input file.
MAX_INPUT_FILE_BYTES = 32 * 1024 * 1024

# The header may follow some junk bytes; readers accept it anywhere in the first kilobyte.
_HEADER_WINDOW = 1024
_PDF_POINTS_PER_INCH = 72.0

_pdfium_lock = threading.RLock()
# Renderer processes at once: each may use up to PDF_WORKER_MEMORY_BYTES.
_RENDER_SLOTS = threading.BoundedSemaphore(PDF_CONCURRENT_RENDERS)

PdfSource = str | Path | bytes


class PageRangeError(ValueError):
    """A page selection that cannot be honoured, with a message fit to show as is."""


@dataclass(frozen=True, slots=True)
class RenderedPage:
    """One page as a PNG image. ``page`` is 1-based; ``dpi`` is the resolution actually used."""

    page: int
    data: bytes
    width: int
    height: int
    dpi: float
    source: str
    mime: str = "image/png"

    def image(self) -> Image.Image:
        """The page decoded as a Pillow image."""
        return Image.open(io.BytesIO(self.data))


def _name(source: PdfSource, name: str | None = None) -> str:
    if name:
        return name
    if isinstance(source, bytes):
        return "The file"
    return Path(source).name or str(source)


def _read_checked(source: PdfSource, name: str) -> Path | bytes:
    """The source as PDFium should get it, after the checks that give plainer messages."""
    if isinstance(source, bytes):
        data = source
    else:
        path = Path(source).expanduser()
        if path.exists() and not path.is_dir():
            # Before opening: a FIFO would block, a device stream, a huge file be read.
            check_regular_file(path, name, MAX_PDF_FILE_BYTES, what="a PDF")
        try:
            with open(path, "rb") as handle:
                data = handle.read(_HEADER_WINDOW)
        except FileNotFoundError:
            raise AnalysisError(ErrorKind.IMAGE, f"{name} does not exist.", subject=name,
                                facts=frozenset({ErrorFact.SOURCE_MISSING})) from None
        except IsADirectoryError:
            raise AnalysisError(ErrorKind.IMAGE, f"{name} is a folder, not a PDF.", subject=name,
                                facts=frozenset({ErrorFact.SOURCE_MISSING})) from None
        except OSError as exc:
            raise AnalysisError(ErrorKind.IMAGE,
                                f"{name} cannot be read: {exc.strerror or exc}.") from None
    if not data:
        raise AnalysisError(ErrorKind.IMAGE, f"{name} is empty (0 bytes), so it has no pages.")
    if b"%PDF-" not in data[:_HEADER_WINDOW]:
        raise AnalysisError(ErrorKind.IMAGE, f"{name} is not a PDF (it does not start with the "
                            "PDF header).")
    return source if isinstance(source, bytes) else Path(source).expanduser()


@contextmanager
def _open_document(source: PdfSource, name: str) -> Iterator[pdfium.PdfDocument]:
    checked = _read_checked(source, name)
    with _pdfium_lock:
        # Loaded through the raw API because pypdfium2 folds "no pages" into a load failure
        # and then reports FPDF_GetLastError(), which PDFium does not reset on success: an empty
        # file opened after a damaged one would be called damaged too.
        if isinstance(checked, bytes):
            handle = pdfium_c.FPDF_LoadMemDocument64(checked, len(checked), None)
        else:
            handle = pdfium_c.FPDF_LoadDocument(_encode_path(checked), None)
        if not handle:
            raise _load_error(pdfium_c.FPDF_GetLastError(), name)
        if pdfium_c.FPDF_GetPageCount(handle) < 1:
            pdfium_c.FPDF_CloseDocument(handle)
            raise AnalysisError(ErrorKind.IMAGE, f"{name} has no pages.")
        # ``checked`` (the bytes PDFium reads from lazily) stays referenced until we close.
        document = pdfium.PdfDocument(handle)
        try:
            yield document
        finally:
            document.close()


def _encode_path(path: Path) -> bytes:
    # As pypdfium2 does: PDFium takes UTF-8 on Windows and the raw file-system bytes elsewhere.
    errors = "strict" if sys.platform.startswith("win32") else "surrogateescape"
    return str(path.resolve()).encode("utf-8", errors=errors) + b"\x00"


def _load_error(code: int, name: str) -> AnalysisError:
    log.debug("PDFium could not open %s (error code %s)", name, code)
    if code == pdfium_c.FPDF_ERR_PASSWORD:
        message = (f"{name} is encrypted and needs a password to open. Save an unprotected copy "
                   "(for example with Print to PDF) and open that instead.")
        return AnalysisError(ErrorKind.IMAGE, message, subject=name,
                             facts=frozenset({ErrorFact.DOCUMENT_LOCKED}))
    elif code == pdfium_c.FPDF_ERR_SECURITY:
        message = f"{name} is encrypted with a protection scheme that cannot be opened here."
        return AnalysisError(ErrorKind.IMAGE, message, subject=name,
                             facts=frozenset({ErrorFact.DOCUMENT_LOCKED}))
    elif code == pdfium_c.FPDF_ERR_FILE:
        message = f"{name} cannot be opened (the file could not be read)."
    else:
        message = f"{name} is damaged and cannot be read as a PDF."
    return AnalysisError(ErrorKind.IMAGE, message)


def pdf_page_count(source: PdfSource, *, name: str | None = None) -> int:
    """The number of pages (at least 1: a PDF without pages is an error)."""
    label = _name(source, name)
    with _open_document(source, label) as document:
        return len(document)


_RANGE_PART = re.compile(r"^(\d+)?\s*-\s*(\d+)?$")


def parse_page_ranges(text: str, page_count: int) -> list[int]:
    """Pages named by ``text`` such as "1-3,5" or "2, 7-": sorted, each once, 1-based.

    "" or "all" means every page; "7-" runs to the last page and "-3" from the first. Commas
    may be full-width (，) and dashes en dashes or tildes, as typed on Chinese keyboards.
    Raises PageRangeError naming the part that is wrong.
    """
    if page_count < 1:
        raise PageRangeError("The document has no pages.")
    cleaned = (text.strip().replace("，", ",").replace("、", ",").replace(";", ",")
               .replace("–", "-").replace("—", "-").replace("~", "-").replace("～", "-"))
    if cleaned.lower() in ("", "all", "*"):
        return list(range(1, page_count + 1))

    pages: set[int] = set()
    plural = "page" if page_count == 1 else "pages"
    for part in (p.strip() for p in cleaned.split(",")):
        if not part:
            continue  # "1,,3" and a trailing comma are harmless slips
        if part.isdigit():
            first = last = int(part)
        else:
            match = _RANGE_PART.match(part)
            if match is None or (match.group(1) is None and match.group(2) is None):
                raise PageRangeError(
                    f'"{part}" is not a page or a range; write pages like 1-3,5.')
            first = int(match.group(1)) if match.group(1) else 1
            last = int(match.group(2)) if match.group(2) else page_count
            if first > last:
                raise PageRangeError(
                    f'"{part}" runs backwards; write the smaller page first ({last}-{first}).')
        if first < 1:
            raise PageRangeError(f'"{part}": pages are numbered from 1.')
        if last > page_count:
            raise PageRangeError(
                f'"{part}" goes past the end: the document has {page_count} {plural}.')
        pages.update(range(first, last + 1))
    if not pages:
        raise PageRangeError("No pages were given; write pages like 1-3,5.")
    return sorted(pages)


def check_page_selection(pages: list[int], *, name: str = "The document") -> list[int]:
    """``pages`` if there are at most MAX_PDF_PAGES of them, else PageRangeError saying so."""
    _check_page_cap(len(pages), name)
    return pages


def render_pdf_pages(
    source: PdfSource,
    pages: list[int] | None = None,
    dpi: float = DEFAULT_DPI,
    *,
    name: str | None = None,
    cancel: threading.Event | None = None,
) -> list[RenderedPage]:
    """Render ``pages`` (1-based; None for all) to PNG at ``dpi``, in the order given.

    The list form of :func:`iter_pdf_pages`, with the same bounds and errors.
    """
    return list(iter_pdf_pages(source, pages, dpi, name=name, cancel=cancel))


def iter_pdf_pages(
    source: PdfSource,
    pages: list[int] | None = None,
    dpi: float = DEFAULT_DPI,
    *,
    name: str | None = None,
    cancel: threading.Event | None = None,
    page_timeout: float | None = None,
) -> Iterator[RenderedPage]:
    """Render pages one at a time, lazily: nothing is rendered before the caller asks for it.

    A page so large that it would pass MAX_PAGE_PIXELS is rendered at a lower resolution, and
    its RenderedPage says which. A file on disk is rendered in a child process with a memory
    limit and a per-page deadline (``page_timeout``, default PDF_PAGE_TIMEOUT_S), so a
    content-stream bomb fails as one page instead of taking the machine; ``cancel`` stops it
    between and during pages. Raises AnalysisError(IMAGE) for an unreadable document or page,
    PageRangeError for a page that does not exist or more than MAX_PDF_PAGES pages, and
    ValueError for a dpi out of range.
    """
    if not (math.isfinite(dpi) and MIN_DPI <= dpi <= MAX_DPI):
        raise ValueError(f"The resolution must be between {MIN_DPI} and {MAX_DPI} dpi, "
                         f"not {dpi:g}.")
    label = _name(source, name)
    count = pdf_page_count(source, name=label)
    wanted = list(range(1, count + 1)) if pages is None else list(pages)
    for number in wanted:
        if not 1 <= number <= count:
            raise PageRangeError(f"{label} has no page {number}; it has {count} "
                                 f"{'page' if count == 1 else 'pages'}.")
    _check_page_cap(len(wanted), label)
    if not isinstance(source, bytes) and isolation_available():
        path = str(Path(source).expanduser().resolve())
        timeout = PDF_PAGE_TIMEOUT_S if page_timeout is None else page_timeout
        _acquire_render_slot(cancel, label)
        try:
            for frame in render_isolated(path, wanted, dpi, label, page_timeout=timeout,
                                         cancel=cancel):
                yield RenderedPage(page=frame.page, data=frame.data, width=frame.width,
                                   height=frame.height, dpi=frame.dpi,
                                   source=f"{label}#page={frame.page}")
        finally:
            _RENDER_SLOTS.release()
        return
    for page in render_pages_in_process(source, wanted, dpi, name=label):
        if cancel is not None and cancel.is_set():
            raise AnalysisError(ErrorKind.CANCELLED, f"rendering {label} was cancelled", subject=label)
        yield page


def _acquire_render_slot(cancel: threading.Event | None, label: str) -> None:
    """Wait for one of the PDF_CONCURRENT_RENDERS renderer slots, giving up when cancelled."""
    while not _RENDER_SLOTS.acquire(timeout=0.1):
        if cancel is not None and cancel.is_set():
            raise AnalysisError(ErrorKind.CANCELLED, f"rendering {label} was cancelled", subject=label)


def _check_page_cap(count: int, label: str) -> None:
    if count > MAX_PDF_PAGES:
        raise PageRangeError(f"{label}: {count} pages were chosen; at most {MAX_PDF_PAGES} pages "
                             "of one document can be sent in one run. Choose pages (for example "
                             "1-50).")


def render_pages_in_process(source: PdfSource, pages: list[int], dpi: float, *,
                            name: str) -> Iterator[RenderedPage]:
    """Render in this process, one page at a time (the child process of pdf_isolation, and
    sources given as bytes). No memory or time bound of its own beyond MAX_PAGE_PIXELS."""
    with _open_document(source, name) as document:
        for number in pages:
            yield _render_page(document, number, dpi, name)


def _render_page(document: pdfium.PdfDocument, number: int, dpi: float,
                 label: str) -> RenderedPage:
    try:
        page = document[number - 1]
    except pdfium.PdfiumError:
        raise AnalysisError(ErrorKind.IMAGE, f"Page {number} of {label} is damaged and cannot "
                            "be read.") from None
    try:
        width_pt, height_pt = page.get_size()
        scale = dpi / _PDF_POINTS_PER_INCH
        pixels = width_pt * scale * height_pt * scale
        if pixels > MAX_PAGE_PIXELS:
            scale *= math.sqrt(MAX_PAGE_PIXELS / pixels)
            log.info("page %d of %s is %.0fx%.0f pt; rendering at %.0f dpi instead of %g",
                     number, label, width_pt, height_pt, scale * _PDF_POINTS_PER_INCH, dpi)
        try:
            # White behind the page: a transparent PDF background would otherwise turn black
            # in viewers and models that ignore alpha.
            # pypdfium2 sizes the bitmap as ceil(points * scale) and PDFium keeps sizes as float32;
            # shaving 0.001% off the scale keeps rounding fuzz (595.2 pt at 150 dpi giving
            # 1240.00003 px) from adding a pixel.
            # rev_byteorder gives RGB straight away, so the PIL image is a view of PDFium's
            # buffer and is encoded from there: one copy of the pixels in memory, not three
            # (a 40 MP page: ~120 MB instead of ~360 MB).
            bitmap = page.render(scale=scale * (1 - 1e-5), fill_color=(255, 255, 255, 255),
                                 rev_byteorder=True)
            try:
                image = bitmap.to_pil()
                if image.mode != "RGB":
                    image = image.convert("RGB")
                width, height = image.width, image.height
                buffer = io.BytesIO()
                image.save(buffer, "PNG")
                del image
            finally:
                bitmap.close()
        except (pdfium.PdfiumError, ValueError, MemoryError) as exc:
            log.debug("cannot render page %d of %s", number, label, exc_info=True)
            raise AnalysisError(ErrorKind.IMAGE, f"Page {number} of {label} cannot be "
                                f"rendered ({type(exc).__name__}).") from None
    finally:
        page.close()

    return RenderedPage(
        page=number,
        data=buffer.getvalue(),
        width=width,
        height=height,
        dpi=scale * _PDF_POINTS_PER_INCH,
        source=f"{label}#page={number}",
    )


def pdf_as_input_file(
    source: str | Path, *, max_bytes: int = MAX_INPUT_FILE_BYTES
) -> tuple[str, str]:
    """``(filename, data_url)`` for a Responses API ``input_file`` part.

    The document is opened first, so an encrypted, damaged or empty file is refused here with a
    clear message rather than by the server with a vague one.
    """
    path = Path(source).expanduser()
    label = path.name
    pdf_page_count(path, name=label)
    size = path.stat().st_size
    if size > max_bytes:
        raise AnalysisError(
            ErrorKind.TOO_LARGE,
            f"{label} is {size / 1024 / 1024:.1f} MB; files sent whole may be at most "
            f"{max_bytes / 1024 / 1024:.0f} MB. Send selected pages as images instead.",
        )
    data = read_file_bounded(path, label, max_bytes=max_bytes, what="a PDF")
    return label, f"data:{PDF_MIME};base64,{base64.b64encode(data).decode('ascii')}"
