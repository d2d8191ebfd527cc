"""The sources a person gave, each with a stable id, and how each becomes what a request sends.

One ``resolve`` path for the command line and the window: a file (an image, or a PDF's chosen
pages, or the PDF whole as a file part), an http(s) URL (sent as is, or downloaded with the
provider's own client settings), or pasted bytes. Prepared images are cached per source, page,
resolution and maximum side, so a second run (or a second model) does not decode again.

Blocking work (reading, decoding, rendering) runs in worker threads, one page at a time, so a
cancelled run stops between pages. The workspace itself is used from one event-loop thread.
"""

from __future__ import annotations

import asyncio
import itertools
import logging
import threading
from collections import OrderedDict
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING
from urllib.parse import urlsplit

from visiondesk.config.providers import ProviderConfig
from visiondesk.core.errors import AnalysisError, ErrorFact, ErrorKind
from visiondesk.core.inputs import DocumentFile, RemoteImage

if TYPE_CHECKING:
    from visiondesk.core.inputs import ImageInput, PreparedImage

log = logging.getLogger(__name__)

DEFAULT_DPI = 150.0
PREPARED_CACHE_SIZE = 64  # prepared images kept (a few MB each at most)

Downloader = Callable[[str, ProviderConfig], Awaitable[bytes]]


class SourceKind(StrEnum):
    FILE = "file"
    URL = "url"
    BYTES = "bytes"


@dataclass(frozen=True, slots=True)
class InputRef:
    """One image of a workspace source: the source itself, or one page of a PDF (``page`` >= 1).
    ``page`` None means everything the source sends (a PDF's chosen pages, or the file whole)."""

    source_id: int
    page: int | None = None


@dataclass
class PdfChoice:
    """Which pages of a PDF to send (None: all), at which resolution, or the file whole."""

    pages: tuple[int, ...] | None = None
    dpi: float = DEFAULT_DPI
    as_file: bool = False


@dataclass
class Source:
    id: int
    kind: SourceKind
    label: str
    path: str | None = None
    url: str | None = None
    data: bytes | None = None
    pdf: PdfChoice = field(default_factory=PdfChoice)


@dataclass(frozen=True, slots=True)
class ResolvedInput:
    """One thing a request sends, and where it came from (``page`` 0 for a non-PDF)."""

    source_id: int
    page: int
    input: ImageInput
    label: str
    location: str = ""  # the full path or URL (history keeps it, so a run can be run again)


def host_of(url: str) -> str:
    return urlsplit(url).hostname or url


def url_label(url: str) -> str:
    parts = urlsplit(url)
    return Path(parts.path).name or parts.hostname or url


class Workspace:
    """The sources of one window or one command, in the order given."""

    def __init__(self, downloader: Downloader | None = None) -> None:
        self._ids = itertools.count(1)
        self._sources: dict[int, Source] = {}
        self._prepared: OrderedDict[tuple[object, ...], ImageInput] = OrderedDict()
        self._downloader = downloader
        self._pdf_flags: dict[int, bool] = {}

    # ------------------------------------------------------------ sources

    def add_text(self, text: str) -> Source:
        """What a person typed: an http(s) URL, a ``file://`` URL, or a path (labelled as typed)."""
        stripped = text.strip()
        scheme = urlsplit(stripped).scheme.lower()
        if scheme in ("http", "https"):
            return self.add_url(stripped)
        if scheme == "file":
            from urllib.parse import unquote

            return self.add_path(unquote(urlsplit(stripped).path), label=stripped)
        return self.add_path(stripped)

    def add_path(self, path: str, label: str | None = None) -> Source:
        from visiondesk.core.file_reading import display_name

        # A non-UTF-8 file name must not reach stdout, JSON or history as lone surrogates.
        return self._add(SourceKind.FILE, display_name(label or path), path=path)

    def add_url(self, url: str) -> Source:
        from visiondesk.core.redaction import strip_userinfo

        # The label is shown and stored: no user:password@ in it (the URL itself keeps them).
        return self._add(SourceKind.URL, strip_userinfo(url), url=url)

    def add_bytes(self, data: bytes | None, label: str) -> Source:
        """Pasted or captured pixels; ``data`` may come later (``set_data``)."""
        return self._add(SourceKind.BYTES, label, data=data)

    def _add(self, kind: SourceKind, label: str, **where: object) -> Source:
        source = Source(next(self._ids), kind, label, **where)  # type: ignore[arg-type]
        self._sources[source.id] = source
        return source

    def set_data(self, source_id: int, data: bytes) -> None:
        self.get(source_id).data = data
        self._forget(source_id)

    def remove(self, source_id: int) -> None:
        self._sources.pop(source_id, None)
        self._pdf_flags.pop(source_id, None)
        self._forget(source_id)

    def clear(self) -> None:
        self._sources.clear()
        self._prepared.clear()
        self._pdf_flags.clear()

    def get(self, source_id: int) -> Source:
        try:
            return self._sources[source_id]
        except KeyError:
            raise AnalysisError(ErrorKind.IMAGE, f"No source {source_id} in this workspace.") from None

    @property
    def sources(self) -> list[Source]:
        return list(self._sources.values())

    @property
    def ids(self) -> list[int]:
        return list(self._sources)

    def choose_pages(self, source_id: int, pages: tuple[int, ...] | None = None,
                     dpi: float | None = None, as_file: bool | None = None) -> None:
        choice = self.get(source_id).pdf
        if pages is not None:
            choice.pages = pages
        if dpi is not None:
            choice.dpi = dpi
        if as_file is not None:
            choice.as_file = as_file

    def _forget(self, source_id: int) -> None:
        for key in [k for k in self._prepared if k[0] == source_id]:
            del self._prepared[key]

    # ------------------------------------------------------------ resolving

    async def is_pdf(self, source_id: int) -> bool:
        source = self.get(source_id)
        if source.kind is not SourceKind.FILE or source.path is None:
            return False
        known = self._pdf_flags.get(source_id)
        if known is None:
            from visiondesk.core.sniffing import is_pdf

            known = await asyncio.to_thread(is_pdf, source.path)
            self._pdf_flags[source_id] = known
        return known

    async def units(self, source_ids: list[int] | None = None) -> list[InputRef]:
        """The images of these sources (default: all), in order: a PDF's chosen pages each count
        as one (all its pages when none are chosen), a PDF sent whole as one. A PDF that cannot
        be opened stays one unit, which fails on its own when resolved."""
        from visiondesk.core.limits import MAX_PDF_PAGES

        refs: list[InputRef] = []
        for source_id in self.ids if source_ids is None else source_ids:
            source = self.get(source_id)
            if source.pdf.as_file or not await self._is_pdf_quietly(source_id):
                refs.append(InputRef(source_id))
                continue
            pages = source.pdf.pages
            if pages is None:
                from visiondesk.core.documents import pdf_page_count  # PDFium: only for a PDF

                assert source.path is not None
                try:
                    count = await asyncio.to_thread(pdf_page_count, source.path, name=source.label)
                except AnalysisError:
                    refs.append(InputRef(source_id))
                    continue
                pages = tuple(range(1, count + 1))
            if len(pages) > MAX_PDF_PAGES:  # one unit, which fails on its own saying why
                refs.append(InputRef(source_id))
                continue
            refs += [InputRef(source_id, page) for page in pages]
        return refs

    async def _is_pdf_quietly(self, source_id: int) -> bool:
        try:
            return await self.is_pdf(source_id)
        except OSError:
            return False

    async def resolve_ref(self, ref: InputRef, *, max_side: int, provider: ProviderConfig,
                          inline_urls: bool = True) -> list[ResolvedInput]:
        return await self.resolve(ref.source_id, max_side=max_side, provider=provider,
                                  inline_urls=inline_urls, page=ref.page)

    async def resolve(self, source_id: int, *, max_side: int, provider: ProviderConfig,
                      inline_urls: bool = True, page: int | None = None) -> list[ResolvedInput]:
        """What ``source_id`` sends to ``provider``: one input, or one per chosen PDF page
        (only ``page`` when given).

        Raises AnalysisError (with facts saying what kind of source trouble it is) for a missing
        file, a folder, an unreachable URL, a broken image or document.
        """
        source = self.get(source_id)
        if source.kind is SourceKind.URL:
            assert source.url is not None
            if not inline_urls and not provider.is_local:
                return [ResolvedInput(source_id, 0, RemoteImage(source.url), source.label, source.url)]
            prepared = await self._cached((source_id, 0, max_side),
                                          lambda: self._download_and_prepare(source, provider, max_side))
            return [ResolvedInput(source_id, 0, prepared, source.label, source.url)]
        if source.kind is SourceKind.BYTES:
            if source.data is None:
                raise AnalysisError(ErrorKind.IMAGE, f"{source.label} is still being read.")
            data = source.data
            prepared = await self._cached((source_id, 0, max_side),
                                          lambda: _prepare(data, max_side, source.label))
            return [ResolvedInput(source_id, 0, prepared, source.label)]
        assert source.path is not None
        path = source.path
        _check_file(path, source.label)
        if not await self.is_pdf(source_id):
            prepared = await self._cached((source_id, 0, max_side), lambda: _prepare_path(path, max_side))
            return [ResolvedInput(source_id, 0, prepared, source.label, path)]
        return await self._resolve_pdf(source, max_side, provider, page)

    async def _resolve_pdf(self, source: Source, max_side: int, provider: ProviderConfig,
                           only: int | None) -> list[ResolvedInput]:
        from visiondesk.core import documents
        from visiondesk.core.limits import MAX_PDF_PAGES

        assert source.path is not None
        path, choice = source.path, source.pdf
        if choice.as_file and not provider.is_local:
            filename, data_url = await asyncio.to_thread(documents.pdf_as_input_file, path)
            return [ResolvedInput(source.id, 0, DocumentFile(filename, data_url, path), source.label, path)]
        pages = (only,) if only is not None else choice.pages
        if pages is None:
            count = await asyncio.to_thread(documents.pdf_page_count, path, name=source.label)
            pages = tuple(range(1, count + 1))
        if not pages:
            raise AnalysisError(ErrorKind.IMAGE, f"No page of {source.label} is chosen.")
        if len(pages) > MAX_PDF_PAGES:
            raise AnalysisError(ErrorKind.IMAGE, f"{source.label}: {len(pages)} pages were chosen; at "
                                f"most {MAX_PDF_PAGES} pages of one document are sent in one run. "
                                "Choose pages (for example 1-50).", subject=source.label)
        resolved: list[ResolvedInput] = []
        for page in pages:  # one at a time: a cancelled run stops between pages
            key = (source.id, page, max_side, choice.dpi)
            prepared = await self._cached(key, lambda p=page: _render_and_prepare(  # type: ignore[misc]
                path, p, choice.dpi, max_side, source.label))
            resolved.append(ResolvedInput(source.id, page, prepared, f"{source.label}#page={page}",
                                          f"{path}#page={page}"))
        return resolved

    async def _cached(self, key: tuple[object, ...],
                      make: Callable[[], Awaitable[ImageInput]]) -> ImageInput:
        found = self._prepared.get(key)
        if found is not None:
            self._prepared.move_to_end(key)
            return found
        made = await make()
        if key[0] in self._sources:  # not removed meanwhile
            self._prepared[key] = made
            while len(self._prepared) > PREPARED_CACHE_SIZE:
                self._prepared.popitem(last=False)
        return made

    async def _download_and_prepare(self, source: Source, provider: ProviderConfig,
                                    max_side: int) -> ImageInput:
        assert source.url is not None
        if source.data is None:
            if self._downloader is None:
                raise AnalysisError(ErrorKind.NETWORK, f"could not reach {host_of(source.url)}",
                                    facts=frozenset({ErrorFact.SOURCE_UNREACHABLE}),
                                    subject=host_of(source.url))
            source.data = await self._downloader(source.url, provider)
        return await _prepare(source.data, max_side, source.label)

    def label(self, ref: InputRef) -> str:
        label = self.get(ref.source_id).label
        return label if ref.page is None else f"{label}#page={ref.page}"


def _check_file(path: str, label: str) -> None:
    """A missing file or a folder, said as such (not as a broken image)."""
    where = Path(path).expanduser()
    if where.is_dir():
        raise AnalysisError(ErrorKind.IMAGE, f"{label} is a folder, not an image.",
                            facts=frozenset({ErrorFact.SOURCE_MISSING}), subject=label)
    if not where.exists():
        raise AnalysisError(ErrorKind.IMAGE, f"{label} does not exist.",
                            facts=frozenset({ErrorFact.SOURCE_MISSING}), subject=label)


async def _prepare(data: bytes, max_side: int, label: str) -> ImageInput:
    from visiondesk.core.images import prepare_image

    return await asyncio.to_thread(prepare_image, data, max_side=max_side, name=label)


async def _prepare_path(path: str, max_side: int) -> ImageInput:
    from visiondesk.core.images import prepare_image

    return await asyncio.to_thread(prepare_image, path, max_side=max_side)


async def _render_and_prepare(path: str, page: int, dpi: float, max_side: int, label: str
                              ) -> ImageInput:
    from visiondesk.core.documents import render_pdf_pages
    from visiondesk.core.images import prepare_image

    cancel = threading.Event()  # a cancelled run (Stop, Ctrl+C) stops the page's renderer at once

    def work() -> PreparedImage:
        rendered = render_pdf_pages(path, [page], dpi, name=label, cancel=cancel)[0]
        return prepare_image(rendered.data, max_side=max_side, name=rendered.source)

    try:
        return await asyncio.to_thread(work)
    except asyncio.CancelledError:
        cancel.set()
        raise
