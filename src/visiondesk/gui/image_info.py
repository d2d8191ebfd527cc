"""The image panel's info line: what will be sent for an image, a PDF, and the whole request
(pixels, bytes, format, estimated image tokens). Words only; the panel shows them."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication

from visiondesk.gui.formatting import format_bytes, format_count

if TYPE_CHECKING:
    from visiondesk.gui.image_entry import ImageEntry


def _tr(text: str) -> str:
    return QCoreApplication.translate("ImagePanel", text)


def describe_entry(entry: ImageEntry, entries: list[ImageEntry]) -> str:
    """What will be sent, e.g. ``1600 × 1200 px · 312 KB · JPEG · ≈ 765 image tokens``; with
    more than one image (``entries``), what the whole request sends as well."""
    if entry.error:
        return _tr("Cannot use this image: {0}").format(entry.error)
    if entry.pdf is not None:
        return _describe_pdf(entry)
    prepared = max(entry.prepared.values(), key=lambda p: p.width, default=None)
    if prepared is None:
        if entry.preview is None and entry.original_size is None:
            return _tr("Loading {0}…").format(entry.label)
        size = entry.original_size
        return _tr("{0} × {1} px · preparing…").format(*size) if size else ""
    from visiondesk.core.images import estimate_image_tokens

    tokens = estimate_image_tokens(prepared.width, prepared.height, "auto")
    parts = [
        _tr("Sends {0} × {1} px").format(prepared.width, prepared.height),
        format_bytes(len(prepared.data)),
        prepared.mime.split("/")[-1].upper(),
        _tr("≈ {0} image tokens").format(format_count(tokens)),
    ]
    if entry.original_size and entry.original_size != (prepared.width, prepared.height):
        parts.append(_tr("original {0} × {1}").format(*entry.original_size))
    if len(entries) > 1:
        parts.append(_describe_all(entries))
    return "  ·  ".join(parts)


def _describe_all(entries: list[ImageEntry]) -> str:
    """The whole request's images, e.g. ``all 3 images: 1.2 MB, ≈ 2,295 image tokens``."""
    from visiondesk.core.images import estimate_image_tokens

    ready = [max(e.prepared.values(), key=lambda p: p.width) for e in entries
             if e.prepared and not e.error and e.pdf is None]
    if len(ready) < len(entries):  # PDFs, failures or images still being prepared
        return _tr("{0} images").format(len(entries))
    size = sum(len(p.data) for p in ready)
    tokens = sum(estimate_image_tokens(p.width, p.height, "auto") for p in ready)
    return _tr("all {0} images: {1}, ≈ {2} image tokens").format(
        len(ready), format_bytes(size), format_count(tokens))


def _describe_pdf(entry: ImageEntry) -> str:
    """What a PDF will send, e.g. ``report.pdf · 12 pages · sends pages 1-3 at 150 dpi``."""
    from visiondesk.gui.pdf_document import format_pages

    pdf = entry.pdf
    assert pdf is not None
    parts = [entry.label, _tr("{0} pages").format(pdf.page_count)
             if pdf.page_count != 1 else _tr("1 page")]
    if pdf.as_file:
        parts.append(_tr("sends the whole PDF as a file (page images for Local OCR)"))
    elif not pdf.pages:
        parts.append(_tr("no page chosen"))
    elif len(pdf.pages) == pdf.page_count and pdf.page_count > 1:
        parts.append(_tr("sends every page at {0} dpi").format(pdf.dpi))
    else:
        parts.append(_tr("sends page {0} at {1} dpi").format(format_pages(pdf.pages), pdf.dpi)
                     if len(pdf.pages) == 1 else
                     _tr("sends pages {0} at {1} dpi").format(format_pages(pdf.pages), pdf.dpi))
    if entry.original_size:
        parts.append(_tr("page {0}: {1} × {2} px").format(pdf.shown_page, *entry.original_size))
    return "  ·  ".join(parts)
