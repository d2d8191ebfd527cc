"""Getting images into the window: what the Controller delegates for every image the user adds.

Local paths, URLs, pasted and dropped images (mime data), PDFs (opening, the shown page, page
thumbnails), the fast preview, the full-resolution decode for the zoomed view, and preparing what
a run sends (each image scaled for the chosen model, or a PDF's pages or the PDF as a file), and
handing local OCR's recognised lines back to the preview.

It starts no task of its own: every task goes through :meth:`Controller.spawn`, which owns, names
and cancels them ("image:<id>", "image:<id>:page", "full:<id>"). Its texts keep the
``Controller`` translation context, where they have always been translated.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any
from urllib.parse import unquote, urlsplit

from PySide6.QtCore import QCoreApplication, QMimeData, QObject, QUrl
from PySide6.QtGui import QGuiApplication, QImage

from visiondesk.gui.formatting import plain_error
from visiondesk.gui.image_entry import (
    ImageEntry,
    OcrLayer,
    copy_pixels,
    decode_full,
    decode_preview,
    pixels_to_png,
)

if TYPE_CHECKING:
    from visiondesk.config.providers import ProviderConfig
    from visiondesk.core.events import Event
    from visiondesk.core.images import ImageInput, PreparedImage
    from visiondesk.core.result import AnalysisResult
    from visiondesk.gui.controller import Controller

log = logging.getLogger(__name__)

IMAGE_SUFFIXES = {".png", ".jpg", ".jpeg", ".webp", ".gif", ".bmp", ".tif", ".tiff", ".heic",
                  ".heif", ".avif"}


class ImageLoader(QObject):
    """The images of the window's image panel: adding, opening, previewing, preparing."""

    def __init__(self, controller: Controller) -> None:
        super().__init__(controller)
        self.controller = controller
        self.window = controller.window

    def add_mime(self, mime: QMimeData) -> bool:
        """Drops and pastes: local files, image data, image URLs or a path/URL as text."""
        urls = [u for u in mime.urls() if u.isValid()] if mime.hasUrls() else []
        local = [u.toLocalFile() for u in urls if u.isLocalFile()]
        remote = [u.toString() for u in urls if u.scheme() in ("http", "https")]
        if local:
            for path in local:
                self.add_path(path)
            return True
        if mime.hasImage():
            image = mime.imageData()
            if isinstance(image, QImage) and not image.isNull():
                label = (Path(urlsplit(remote[0]).path).name if remote
                         else QCoreApplication.translate("Controller", "pasted image"))
                self.add_qimage(image, label or QCoreApplication.translate("Controller", "dropped image"))
                return True
        if remote:
            for url in remote:
                self.add_url(url)
            return True
        if mime.hasText():
            text = mime.text().strip()
            if text and "\n" not in text:
                return self.add_text_source(text)
        return False

    def paste(self) -> None:
        mime = QGuiApplication.clipboard().mimeData()
        if mime is None or not self.add_mime(mime):
            self.window.show_message(QCoreApplication.translate("Controller",
                "The clipboard holds no image, image file or image URL."), error=True)

    def add_text_source(self, text: str) -> bool:
        text = text.strip().strip('"')
        scheme = urlsplit(text).scheme.lower()
        if scheme in ("http", "https"):
            self.add_url(text)
            return True
        if scheme == "file":
            text = QUrl(text).toLocalFile() or unquote(urlsplit(text).path)
        path = Path(text).expanduser()
        if path.is_file():
            self.add_path(str(path))
            return True
        self.window.show_message(
            QCoreApplication.translate("Controller", "Not an image file or URL: {0}").format(text),
            error=True)
        return False

    def add_path(self, path: str) -> None:
        """A local file: shown once it is known to be an image or a PDF; else only a message."""
        entry = ImageEntry(label=Path(path).name, path=path)
        self.controller.spawn(f"image:{entry.id}", self._open_path(entry))

    def add_url(self, url: str) -> None:
        label = Path(urlsplit(url).path).name or urlsplit(url).netloc
        self._add(ImageEntry(label=label, url=url))

    def add_bytes(self, data: bytes, label: str) -> None:
        self._add(ImageEntry(label=label, data=data))

    def add_qimage(self, image: QImage, label: str) -> None:
        entry = ImageEntry(label=label)
        entry.preview = image
        entry.original_size = (image.width(), image.height())
        self.window.image_panel.add_entry(entry)
        self.controller.spawn(f"image:{entry.id}", self._load_qimage(entry, image))

    def _add(self, entry: ImageEntry) -> None:
        self.window.image_panel.add_entry(entry)
        self.controller.spawn(f"image:{entry.id}", self._load(entry))

    def remove_image(self, entry_id: int) -> None:
        self.controller.cancel(f"image:{entry_id}")
        self.window.image_panel.remove_entry(entry_id)

    async def _load_qimage(self, entry: ImageEntry, image: QImage) -> None:
        entry.data = await asyncio.to_thread(pixels_to_png, copy_pixels(image))
        entry.file_bytes, entry.file_format = len(entry.data), "PNG"
        self.window.image_panel.update_entry(entry)
        await self._prepare(entry, self._default_max_side())

    async def _open_path(self, entry: ImageEntry) -> None:
        from visiondesk.core.documents import DEFAULT_DPI, is_pdf
        from visiondesk.gui.pdf_document import PdfDocument, open_pdf

        path = entry.path or ""
        try:
            if await asyncio.to_thread(is_pdf, path):
                count = await asyncio.to_thread(open_pdf, path)
                entry.pdf = PdfDocument.opened(path, count, DEFAULT_DPI)
                entry.file_format = "PDF"
            else:
                preview = await asyncio.to_thread(decode_preview, path, None)
                if preview is None:  # not for Qt (HEIC, or not an image): ask Pillow
                    await self._prepare(entry, self._default_max_side(), show=False)
        except asyncio.CancelledError:
            raise
        except Exception as exc:
            self.window.show_message(QCoreApplication.translate("Controller", "Cannot open {0}: {1}").format(
                entry.label, plain_error(exc)), error=True)
            return
        self.window.image_panel.add_entry(entry)
        if entry.pdf is not None:
            await self._load_pdf(entry)
            return
        if preview is not None:
            entry.preview = preview.image
            entry.original_size = preview.original_size
            entry.file_bytes, entry.file_format = preview.file_bytes, preview.file_format
            self.window.image_panel.update_entry(entry)
        await self._prepare(entry, self._default_max_side())

    async def _load_pdf(self, entry: ImageEntry) -> None:
        """The shown page at the chosen resolution, then every page's thumbnail, in batches."""
        from visiondesk.gui.pdf_document import THUMBNAIL_BATCH, render_thumbnails

        pdf = entry.pdf
        assert pdf is not None
        await self._show_page(entry, pdf.shown_page)
        for first in range(1, pdf.page_count + 1, THUMBNAIL_BATCH):
            batch = list(range(first, min(first + THUMBNAIL_BATCH, pdf.page_count + 1)))
            try:
                thumbs = await asyncio.to_thread(render_thumbnails, pdf.path, batch)
            except Exception as exc:  # one damaged page must not hide the others' thumbnails
                log.warning("No thumbnails for pages %s of %s: %s", batch, entry.label, exc)
                continue
            for page, image in thumbs.items():
                self.window.image_panel.set_page_thumbnail(entry.id, page, image)

    async def _render_page(self, entry: ImageEntry, page: int) -> Any:
        """A PDF page at the entry's resolution (a RenderedPage and its QImage), cached."""
        from visiondesk.gui.pdf_document import render_page

        pdf = entry.pdf
        assert pdf is not None
        dpi = pdf.dpi
        key = (page, dpi)
        if key in pdf.rendered:
            rendered = pdf.rendered[key]
            return rendered, None
        rendered, image = await asyncio.to_thread(render_page, pdf.path, page, dpi)
        pdf.rendered[key] = rendered
        return rendered, image

    async def _show_page(self, entry: ImageEntry, page: int) -> None:
        try:
            rendered, image = await self._render_page(entry, page)
            if image is None:
                image = await asyncio.to_thread(decode_full, None, rendered.data)
        except Exception as exc:
            entry.error = plain_error(exc)
            self.window.image_panel.update_entry(entry)
            raise
        if entry.pdf is None or entry.pdf.shown_page != page or image is None:
            return
        entry.error = None
        entry.preview = image
        entry.original_size = (rendered.width, rendered.height)
        entry.file_bytes = len(rendered.data)
        self.window.image_panel.update_entry(entry)

    def show_pdf_page(self, entry_id: int, page: int) -> None:
        entry = next((e for e in self.window.image_panel.entries if e.id == entry_id), None)
        if entry is not None and entry.pdf is not None:
            self.controller.spawn(f"image:{entry.id}:page", self._show_page(entry, page))

    def _pdf_changed(self, entry_id: int) -> None:
        """A new resolution re-renders the shown page (its boxes were for the old one)."""
        entry = next((e for e in self.window.image_panel.entries if e.id == entry_id), None)
        if entry is None or entry.pdf is None or entry.original_size is None:
            return
        if entry.pdf.rendered.get((entry.pdf.shown_page, entry.pdf.dpi)) is None:
            entry.ocr.clear()
            self.show_pdf_page(entry.id, entry.pdf.shown_page)

    async def inputs(self, entry: ImageEntry, max_side: int, provider: ProviderConfig
                      ) -> list[tuple[int, ImageInput]]:
        """What an entry sends, each with its page (0 for an image): pages of a PDF, the whole
        PDF as a file (not for local OCR), or the prepared image."""
        from visiondesk.core.images import DocumentFile, prepare_image

        pdf = entry.pdf
        if pdf is None:
            prepared = await self._prepare(entry, max_side)
            return [] if prepared is None else [(0, prepared)]
        if pdf.as_file and not provider.is_local:
            from visiondesk.core.documents import pdf_as_input_file

            filename, data_url = await asyncio.to_thread(pdf_as_input_file, pdf.path)
            return [(0, DocumentFile(filename, data_url, pdf.path))]
        if not pdf.pages:
            from visiondesk.core.errors import AnalysisError, ErrorKind

            raise AnalysisError(ErrorKind.IMAGE, QCoreApplication.translate("Controller",
                "No page of {0} is chosen; check a page or type pages like 1-3.").format(entry.label))
        inputs: list[tuple[int, ImageInput]] = []
        for page in pdf.pages:
            rendered, _image = await self._render_page(entry, page)
            prepared = await asyncio.to_thread(prepare_image, rendered.data, max_side=max_side,
                                               name=rendered.source)
            inputs.append((page, prepared))
        return inputs

    def ocr_observer(self, on_event: Callable[[AnalysisResult, Event], None],
                      sources: list[tuple[int, int, ImageInput]]
                      ) -> Callable[[AnalysisResult, Event], None]:
        """``on_event``, also handing the k-th OcrLines to the preview for the k-th image."""
        from visiondesk.core.events import OcrLines
        from visiondesk.core.images import PreparedImage

        remaining = list(sources)
        panel = self.window.image_panel
        panel.clear_ocr()

        def observe(result: AnalysisResult, event: Event) -> None:
            on_event(result, event)
            if isinstance(event, OcrLines) and remaining:
                entry_id, page, image = remaining.pop(0)
                if isinstance(image, PreparedImage):
                    size = (image.original_width, image.original_height)
                    panel.set_ocr(entry_id, page, OcrLayer(event.lines, *size))

        return observe

    async def _load(self, entry: ImageEntry) -> None:
        """Preview first (fast, scaled decode), then what will be sent (Pillow, in a thread)."""
        if entry.url is not None:
            await self._prepare(entry, self._default_max_side())
            prepared = entry.prepared_for(self._default_max_side())
            if prepared is not None:
                entry.data = prepared.data
        preview = await asyncio.to_thread(decode_preview, entry.path, entry.data)
        if preview is not None:
            entry.preview = preview.image
            entry.original_size = preview.original_size
            entry.file_bytes, entry.file_format = preview.file_bytes, preview.file_format
        self.window.image_panel.update_entry(entry)
        if entry.url is None:
            await self._prepare(entry, self._default_max_side())

    async def _prepare(self, entry: ImageEntry, max_side: int, *, show: bool = True
                       ) -> PreparedImage | None:
        from visiondesk.core.image_sources import load_source
        from visiondesk.core.images import prepare_image

        if max_side in entry.prepared:
            return entry.prepared[max_side]
        if entry.pdf is not None:  # pages are prepared when a run asks for them (``inputs``)
            return None
        try:
            if entry.url is not None and entry.data is None:
                loaded = await asyncio.to_thread(load_source, entry.url, inline_urls=True,
                                                 max_side=max_side)
            elif entry.data is not None:
                loaded = await asyncio.to_thread(prepare_image, entry.data, max_side=max_side,
                                                 name=entry.label)
            else:
                loaded = await asyncio.to_thread(prepare_image, entry.path or "", max_side=max_side)
        except Exception as exc:
            entry.error = plain_error(exc)
            if show:
                self.window.image_panel.update_entry(entry)
            raise
        prepared: PreparedImage = loaded  # type: ignore[assignment]  # inline_urls=True: prepared
        entry.error = None
        entry.prepared[max_side] = prepared
        if show:
            self.window.image_panel.update_entry(entry)
        return prepared

    def prepare_all(self) -> None:
        for entry in self.window.image_panel.entries:
            if (entry.preview is not None and entry.pdf is None
                    and self._default_max_side() not in entry.prepared):
                self.controller.spawn(f"image:{entry.id}", self._prepare(entry, self._default_max_side()))

    def _default_max_side(self) -> int:
        provider = self.controller.provider()
        models = self.window.picker.checked_models()
        if provider is None:
            from visiondesk.core.images import DEFAULT_MAX_SIDE

            return DEFAULT_MAX_SIDE
        return provider.max_side_for(models[0]) if models else provider.max_side

    def _want_full(self, entry_id: int) -> None:
        entry = next((e for e in self.window.image_panel.entries if e.id == entry_id), None)
        if entry is None or entry.preview is None:
            return
        if entry.pdf is not None or entry.original_size == (entry.preview.width(),
                                                            entry.preview.height()):
            self.window.image_panel.set_full_image(entry.id, entry.preview)
            return

        async def load() -> None:
            image = await asyncio.to_thread(decode_full, entry.path, entry.data)
            if image is not None:
                self.window.image_panel.set_full_image(entry.id, image)

        self.controller.spawn(f"full:{entry.id}", load())
