"""Getting images into the window: files, URLs, pasted and dropped images, PDFs.

Each image becomes a source of the session's ``Workspace`` (which owns what is sent and caches
it) and an ``ImageEntry`` of the image panel under the same id (what is shown). Previews and PDF
pages are decoded by Pillow in workers; their QImages are made here, on the GUI thread.

The loader gets narrow collaborators (the panel, the workspace, the task owner, a way to say
something, and the current provider and maximum side), never the whole controller.
Tasks are keyed ``("image", id)``, ``("image", id, "page")`` and ``("image", id, "full")``.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING
from urllib.parse import unquote, urlsplit

from PySide6.QtCore import QCoreApplication, QObject, QUrl
from PySide6.QtGui import QGuiApplication, QImage

from visiondesk.core.errors import AnalysisError
from visiondesk.gui.error_text import error_text
from visiondesk.gui.image_entry import ImageEntry, OcrLayer
from visiondesk.gui.pixels import copy_pixels, pixels_to_png, to_qimage

if TYPE_CHECKING:
    from PySide6.QtCore import QMimeData

    from visiondesk.config.providers import ProviderConfig
    from visiondesk.core.events import Event
    from visiondesk.core.result import AnalysisResult
    from visiondesk.gui.image_preview import ImagePanel
    from visiondesk.gui.tasks import TaskOwner
    from visiondesk.session.workspace import ResolvedInput, Workspace

log = logging.getLogger(__name__)

IMAGE_SUFFIXES = {".png", ".jpg", ".jpeg", ".webp", ".gif", ".bmp", ".tif", ".tiff", ".heic",
                  ".heif", ".avif"}
Say = Callable[[str, bool], None]   # (text, is_error)


def _tr(text: str) -> str:
    return QCoreApplication.translate("ImageLoader", text)


class ImageLoader(QObject):
    """The images of the window's image panel: adding, opening, previewing, preparing."""

    def __init__(self, panel: ImagePanel, workspace: Callable[[], Workspace], tasks: TaskOwner, say: Say,
                 provider: Callable[[], ProviderConfig | None], max_side: Callable[[], int],
                 parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.panel = panel
        self._workspace = workspace   # made with the first image
        self.tasks = tasks
        self._say = say
        self._provider = provider
        self._max_side = max_side
        panel.url_submitted.connect(self.add_text_source)
        panel.remove_requested.connect(self.remove_image)
        panel.full_resolution_wanted.connect(self._want_full)
        panel.page_wanted.connect(self.show_pdf_page)
        panel.pdf_changed.connect(self._pdf_changed)

    # ------------------------------------------------------------ adding


    @property
    def workspace(self) -> Workspace:
        return self._workspace()

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
                label = Path(urlsplit(remote[0]).path).name if remote else _tr("pasted image")
                self.add_qimage(image, label or _tr("dropped image"))
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
            self._say(_tr("The clipboard holds no image, image file or image URL."), True)

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
        self._say(_tr("Not an image file or URL: {0}").format(text), True)
        return False

    def add_path(self, path: str) -> None:
        """A local file: shown once it is known to be an image or a PDF; else only a message."""
        source = self.workspace.add_path(path, label=Path(path).name)
        entry = ImageEntry(source.id, source.label, path)
        self.tasks.spawn(("image", entry.id), self._open_path(entry, path))

    def add_url(self, url: str) -> None:
        from visiondesk.session.workspace import url_label

        source = self.workspace.add_url(url)
        entry = ImageEntry(source.id, url_label(url), url)
        self.panel.add_entry(entry)
        self.tasks.spawn(("image", entry.id), self._load_url(entry))

    def add_bytes(self, data: bytes, label: str) -> None:
        source = self.workspace.add_bytes(data, label)
        entry = ImageEntry(source.id, label, label)
        self.panel.add_entry(entry)
        self.tasks.spawn(("image", entry.id), self._load_bytes(entry, data))

    def add_qimage(self, image: QImage, label: str) -> None:
        source = self.workspace.add_bytes(None, label)
        entry = ImageEntry(source.id, label, label, preview=image,
                           original_size=(image.width(), image.height()))
        self.panel.add_entry(entry)
        self.tasks.spawn(("image", entry.id), self._encode_qimage(entry, image))

    def remove_image(self, entry_id: int) -> None:
        self.tasks.cancel(("image", entry_id))
        self.workspace.remove(entry_id)
        self.panel.remove_entry(entry_id)

    # ------------------------------------------------------------ loading (tasks)

    async def _encode_qimage(self, entry: ImageEntry, image: QImage) -> None:
        data = await asyncio.to_thread(pixels_to_png, copy_pixels(image))
        self.workspace.set_data(entry.id, data)
        entry.file_bytes, entry.file_format = len(data), "PNG"
        self.panel.update_entry(entry)
        await self._prepare(entry)

    async def _open_path(self, entry: ImageEntry, path: str) -> None:
        from visiondesk.core.preview import decode_preview

        try:
            if await self.workspace.is_pdf(entry.id):
                await self._open_pdf(entry, path)
                return
            preview = await asyncio.to_thread(decode_preview, path, None, label=entry.label)
        except asyncio.CancelledError:
            raise
        except Exception as exc:  # not an image, unreadable: say so, keep nothing
            self.workspace.remove(entry.id)
            self._say(_tr("Cannot open {0}: {1}").format(entry.label, error_text(exc)), True)
            return
        entry.show(preview)
        self.panel.add_entry(entry)
        await self._prepare(entry)

    async def _load_url(self, entry: ImageEntry) -> None:
        """Download with the provider's client (proxy, timeouts), then show and prepare it."""
        from visiondesk.core.preview import decode_preview

        try:
            await self._prepare(entry)
            data = self.workspace.get(entry.id).data
            if data is not None:
                entry.show(await asyncio.to_thread(decode_preview, None, data, label=entry.label))
        except AnalysisError as exc:
            entry.error = error_text(exc)
            log.info("Cannot use %s: %s", entry.source, exc)
        self.panel.update_entry(entry)

    async def _load_bytes(self, entry: ImageEntry, data: bytes) -> None:
        from visiondesk.core.preview import decode_preview

        try:
            entry.show(await asyncio.to_thread(decode_preview, None, data, label=entry.label))
        except AnalysisError as exc:
            entry.error = error_text(exc)
            self.panel.update_entry(entry)
            return
        self.panel.update_entry(entry)
        await self._prepare(entry)

    async def _prepare(self, entry: ImageEntry) -> None:
        """What will be sent at the current maximum side (the info line shows it)."""
        provider = self._provider()
        if provider is None or entry.pdf is not None:
            return
        side = self._max_side()
        try:
            resolved = await self.workspace.resolve(entry.id, max_side=side, provider=provider)
        except AnalysisError as exc:
            entry.error = error_text(exc)
            self.panel.update_entry(entry)
            raise
        from visiondesk.core.inputs import PreparedImage

        first = resolved[0].input if resolved else None
        if isinstance(first, PreparedImage):
            entry.prepared[side] = first
        entry.error = None
        self.panel.update_entry(entry)

    def prepare_all(self) -> None:
        """The provider or models changed: what each image sends may have changed too."""
        for entry in self.panel.entries:
            if entry.pdf is None and entry.error is None and self._max_side() not in entry.prepared:
                self.tasks.spawn(("image", entry.id), self._prepare(entry))

    # ------------------------------------------------------------ PDFs

    async def _open_pdf(self, entry: ImageEntry, path: str) -> None:
        from visiondesk.gui.pdf_document import THUMBNAIL_BATCH, PdfDocument, open_pdf, render_thumbnails
        from visiondesk.session.workspace import DEFAULT_DPI

        count = await asyncio.to_thread(open_pdf, path)
        entry.pdf = PdfDocument.opened(path, count, int(DEFAULT_DPI))
        entry.file_format = "PDF"
        self._sync_pdf(entry)
        self.panel.add_entry(entry)
        await self._show_page(entry, entry.pdf.shown_page)
        for first in range(1, count + 1, THUMBNAIL_BATCH):
            batch = list(range(first, min(first + THUMBNAIL_BATCH, count + 1)))
            try:
                thumbs = await asyncio.to_thread(render_thumbnails, path, batch)
            except Exception as exc:  # one damaged page must not hide the others' thumbnails
                log.warning("No thumbnails for pages %s of %s: %s", batch, entry.label, exc)
                continue
            for page, pixels in thumbs.items():
                self.panel.set_page_thumbnail(entry.id, page, to_qimage(pixels))

    async def _show_page(self, entry: ImageEntry, page: int) -> None:
        from visiondesk.gui.pdf_document import render_page

        pdf = entry.pdf
        assert pdf is not None
        try:
            rendered, pixels = await asyncio.to_thread(render_page, pdf.path, page, pdf.dpi)
        except Exception as exc:
            entry.error = error_text(exc)
            self.panel.update_entry(entry)
            raise
        if entry.pdf is None or entry.pdf.shown_page != page:
            return
        pdf.rendered[(page, pdf.dpi)] = rendered
        entry.error = None
        entry.preview = to_qimage(pixels)
        entry.original_size = (rendered.width, rendered.height)
        entry.file_bytes = len(rendered.data)
        self.panel.update_entry(entry)

    def show_pdf_page(self, entry_id: int, page: int) -> None:
        entry = self._entry(entry_id)
        if entry is not None and entry.pdf is not None:
            self.tasks.spawn(("image", entry.id, "page"), self._show_page(entry, page))

    def _pdf_changed(self, entry_id: int) -> None:
        """Pages, resolution or the whole-file option changed: the workspace follows; a new
        resolution re-renders the shown page (its boxes were for the old one)."""
        entry = self._entry(entry_id)
        if entry is None or entry.pdf is None:
            return
        self._sync_pdf(entry)
        if entry.original_size is not None and \
                entry.pdf.rendered.get((entry.pdf.shown_page, entry.pdf.dpi)) is None:
            entry.ocr.clear()
            self.show_pdf_page(entry.id, entry.pdf.shown_page)

    def _sync_pdf(self, entry: ImageEntry) -> None:
        pdf = entry.pdf
        assert pdf is not None
        self.workspace.choose_pages(entry.id, tuple(pdf.pages), float(pdf.dpi), pdf.as_file)

    # ------------------------------------------------------------ runs

    def sendable(self) -> tuple[list[int], list[ImageEntry]]:
        """The ids a run sends, and the entries it leaves out (they could not be loaded)."""
        ready = [e.id for e in self.panel.entries if e.error is None or e.pdf is not None]
        left_out = [e for e in self.panel.entries if e.error is not None and e.pdf is None]
        return ready, left_out

    def ocr_observer(self, on_event: Callable[[AnalysisResult, Event], None]
                     ) -> tuple[Callable[[AnalysisResult, Event], None],
                                Callable[[list[ResolvedInput]], None]]:
        """``on_event``, also handing the k-th OcrLines to the preview for the k-th image; and the
        callback the runner calls with the inputs it resolved (so the boxes know their pixels)."""
        from visiondesk.core.events import OcrLines
        from visiondesk.core.inputs import PreparedImage

        inputs: list[ResolvedInput] = []
        self.panel.clear_ocr()

        def observe(result: AnalysisResult, event: Event) -> None:
            on_event(result, event)
            if isinstance(event, OcrLines) and inputs:
                resolved = inputs.pop(0)
                image = resolved.input
                if isinstance(image, PreparedImage):
                    layer = OcrLayer(event.lines, image.original_width, image.original_height)
                    self.panel.set_ocr(resolved.source_id, resolved.page, layer)

        return observe, inputs.extend

    # ------------------------------------------------------------ helpers

    def _entry(self, entry_id: int) -> ImageEntry | None:
        return next((e for e in self.panel.entries if e.id == entry_id), None)

    def _want_full(self, entry_id: int) -> None:
        from visiondesk.core.preview import decode_preview

        entry = self._entry(entry_id)
        if entry is None or entry.preview is None:
            return
        if entry.pdf is not None or entry.original_size == (entry.preview.width(),
                                                            entry.preview.height()):
            self.panel.set_full_image(entry.id, entry.preview)
            return
        source = self.workspace.get(entry.id)

        async def load() -> None:
            full = await asyncio.to_thread(decode_preview, source.path, source.data, None,
                                           label=entry.label)
            from visiondesk.gui.pixels import Pixels

            self.panel.set_full_image(entry.id, to_qimage(Pixels(full.width, full.height, full.rgba)))

        self.tasks.spawn(("image", entry.id, "full"), load())

