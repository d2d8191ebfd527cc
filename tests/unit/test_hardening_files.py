"""Issue 12 items 1, 4, 5, 17, 19 and issue 13's lossy rule: hostile files are refused before
they are read, decodes share a pixel budget, PDFs render lazily within time and memory bounds."""

from __future__ import annotations

import asyncio
import os
import threading
import time
from pathlib import Path

import httpx
import pytest
from PIL import Image

from tests.support.hostile_files import bomb_pdf, pdf_bytes, time_bomb_pdf
from visiondesk.core import decode_budget, documents, images
from visiondesk.core.decode_budget import PixelBudget
from visiondesk.core.documents import PageRangeError, iter_pdf_pages, render_pdf_pages
from visiondesk.core.errors import AnalysisError, ErrorKind
from visiondesk.core.file_reading import display_name, read_file_bounded, read_text_bounded
from visiondesk.core.images import prepare_image
from visiondesk.core.limits import MAX_IMAGE_FILE_BYTES, MAX_WHOLE_DECODE_PIXELS


def _refusal(path: Path | str, **kw: object) -> AnalysisError:
    with pytest.raises(AnalysisError) as caught:
        prepare_image(path, **kw)  # type: ignore[arg-type]
    return caught.value


# ----------------------------------------------------------------------------- sources


def test_dev_zero_is_refused_at_once() -> None:
    started = time.monotonic()
    error = _refusal("/dev/zero")
    assert time.monotonic() - started < 1
    assert error.kind is ErrorKind.IMAGE
    assert "a device" in error.message and "regular files" in error.message


def test_a_fifo_is_refused_without_blocking(tmp_path: Path) -> None:
    fifo = tmp_path / "photo.png"
    os.mkfifo(fifo)
    outcome: list[BaseException | None] = []

    def attempt() -> None:
        try:
            prepare_image(fifo)
        except BaseException as exc:
            outcome.append(exc)

    worker = threading.Thread(target=attempt, daemon=True)
    worker.start()
    worker.join(timeout=5)
    assert not worker.is_alive(), "reading a FIFO blocked"
    assert isinstance(outcome[0], AnalysisError)
    assert "a pipe (FIFO)" in str(outcome[0])


def test_a_huge_sparse_file_is_refused_before_reading(tmp_path: Path) -> None:
    big = tmp_path / "x.png"
    with open(big, "wb") as handle:
        handle.truncate(3 * 1024 ** 3)  # 3 GB, sparse: costs nothing on disk
    started = time.monotonic()
    error = _refusal(big)
    assert time.monotonic() - started < 1
    assert "3,072.0 MB" in error.message and "limit" in error.message
    assert f"{MAX_IMAGE_FILE_BYTES // (1024 * 1024)}.0 MB" in error.message


def test_a_folder_is_refused(tmp_path: Path) -> None:
    assert _refusal(tmp_path).message.endswith("is a folder, not an image file")


def test_a_cancelled_read_stops_between_chunks(tmp_path: Path) -> None:
    path = tmp_path / "a.bin"
    path.write_bytes(b"x" * 3_000_000)
    cancel = threading.Event()
    cancel.set()
    with pytest.raises(AnalysisError) as caught:
        read_file_bounded(path, max_bytes=10_000_000, cancel=cancel)
    assert caught.value.kind is ErrorKind.CANCELLED
    assert read_file_bounded(path, max_bytes=10_000_000) == b"x" * 3_000_000


def test_text_files_are_bounded_and_must_be_utf8(tmp_path: Path) -> None:
    path = tmp_path / "prompt.txt"
    path.write_bytes("\ufeff描述这张图片".encode())
    assert read_text_bounded(path, max_bytes=100) == "描述这张图片"
    path.write_bytes(b"caf\xe9")
    with pytest.raises(AnalysisError, match="not UTF-8 text") as caught:
        read_text_bounded(path, max_bytes=100)
    assert caught.value.kind is ErrorKind.CONFIG
    path.write_bytes(b"y" * 101)
    with pytest.raises(AnalysisError, match="limit"):
        read_text_bounded(path, max_bytes=100)


def test_non_utf8_file_names_become_printable_labels(tmp_path: Path) -> None:
    raw = os.fsencode(tmp_path) + b"/caf\xe9.png"
    label = display_name(os.fsdecode(raw))
    label.encode("utf-8")  # no lone surrogates left
    assert label.endswith("caf\ufffd.png")
    Image.new("RGB", (20, 20), "red").save(os.fsdecode(raw), "PNG")
    prepared = prepare_image(os.fsdecode(raw))
    assert prepared.width == 20


# ----------------------------------------------------------------------------- decoding


def test_pixel_budget_bounds_concurrent_decodes(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    # Six 4 MP images, a budget for two: never more than two decode at once.
    budget = PixelBudget(2 * 2000 * 2000)
    monkeypatch.setattr(images, "DECODE_BUDGET", budget)
    paths = []
    for i in range(6):
        path = tmp_path / f"big{i}.png"
        Image.new("RGB", (2000, 2000), (i * 40, 0, 0)).save(path)
        paths.append(path)
    threads = [threading.Thread(target=prepare_image, args=(p,), kwargs={"max_side": 256}) for p in paths]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=60)
    assert budget.peak <= budget.capacity
    assert budget.peak >= 2000 * 2000
    assert budget.in_use == 0


def test_an_image_larger_than_the_budget_still_decodes_alone() -> None:
    budget = PixelBudget(10)
    with budget.reserve(1000):
        assert budget.in_use == 1000
    assert budget.in_use == 0
    # every image that must decode at full size fits the budget on its own
    assert decode_budget.DECODE_BUDGET.capacity >= MAX_WHOLE_DECODE_PIXELS


def _png_header_only(width: int, height: int) -> bytes:
    """A PNG that claims ``width`` x ``height`` (no pixel data: it must be refused unread)."""
    import struct
    import zlib

    def chunk(kind: bytes, body: bytes) -> bytes:
        return struct.pack(">I", len(body)) + kind + body + struct.pack(">I", zlib.crc32(kind + body))

    ihdr = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", ihdr) + chunk(b"IDAT", b"") + chunk(b"IEND", b"")


def test_a_huge_image_that_cannot_be_decoded_reduced_is_refused_before_decoding() -> None:
    # 196 MP as a PNG would take ~1 GB to prepare; JPEG decodes reduced and may be that large
    with pytest.raises(AnalysisError) as info:
        prepare_image(_png_header_only(14_000, 14_000), name="huge.png")
    assert "huge.png is 196 megapixels; a PNG image may have at most 64 MP" in str(info.value)


def _flat_photo(size: tuple[int, int]) -> Image.Image:
    # Flat grey content that the text-likeness test calls "drawn".
    return Image.new("RGB", size, (128, 128, 128))


@pytest.mark.parametrize(("fmt", "options", "expected"), [
    ("JPEG", {"quality": 90}, "image/jpeg"),
    ("WEBP", {"quality": 80}, "image/jpeg"),
    ("WEBP", {"lossless": True}, "image/png"),
    ("PNG", {}, "image/png"),
])
def test_lossy_sources_never_become_png(tmp_path: Path, fmt: str, options: dict[str, object],
                                        expected: str) -> None:
    path = tmp_path / f"flat.{fmt.lower()}"
    _flat_photo((3000, 2000)).save(path, fmt, **options)
    prepared = prepare_image(path, max_side=1024)
    assert prepared.mime == expected


# ----------------------------------------------------------------------------- PDFs


def test_a_content_stream_bomb_fails_as_one_page_within_bounds(tmp_path: Path) -> None:
    path = bomb_pdf(tmp_path / "bomb.pdf")
    started = time.monotonic()
    with pytest.raises(AnalysisError) as caught:
        render_pdf_pages(path, [1], 150)
    assert time.monotonic() - started < 30
    assert caught.value.kind is ErrorKind.IMAGE
    assert "Page 1 of bomb.pdf cannot be rendered" in caught.value.message
    assert "MB of memory" in caught.value.message


def test_a_slow_page_is_stopped_at_its_deadline(tmp_path: Path) -> None:
    path = time_bomb_pdf(tmp_path / "slow.pdf")
    started = time.monotonic()
    with pytest.raises(AnalysisError, match="took longer than 1 s") as caught:
        list(iter_pdf_pages(path, [2], 72, page_timeout=1.0))
    assert time.monotonic() - started < 10
    assert caught.value.kind is ErrorKind.IMAGE


def test_cancelling_stops_a_page_being_rendered(tmp_path: Path) -> None:
    path = time_bomb_pdf(tmp_path / "slow.pdf")
    cancel = threading.Event()
    threading.Timer(0.5, cancel.set).start()
    started = time.monotonic()
    with pytest.raises(AnalysisError) as caught:
        render_pdf_pages(path, None, 72, cancel=cancel)
    assert caught.value.kind is ErrorKind.CANCELLED
    assert time.monotonic() - started < 5


def test_pages_render_lazily(tmp_path: Path) -> None:
    path = tmp_path / "three.pdf"
    path.write_bytes(pdf_bytes(b"0 0 100 100 re f\n", pages=3))
    pages = iter_pdf_pages(path, None, 72)
    first = next(pages)
    assert first.page == 1 and first.width == 612
    assert [p.page for p in pages] == [2, 3]


def test_too_many_pages_are_refused_before_rendering(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "long.pdf"
    path.write_bytes(pdf_bytes(b"", pages=5))
    monkeypatch.setattr(documents, "MAX_PDF_PAGES", 3)
    with pytest.raises(PageRangeError, match="at most 3 pages"):
        render_pdf_pages(path)
    assert len(render_pdf_pages(path, [1, 2, 3], 36)) == 3
    with pytest.raises(PageRangeError):
        documents.check_page_selection([1, 2, 3, 4], name="long.pdf")


def test_a_pdf_fifo_is_not_opened(tmp_path: Path) -> None:
    fifo = tmp_path / "doc.pdf"
    os.mkfifo(fifo)
    assert documents.is_pdf(fifo) is False
    with pytest.raises(AnalysisError, match="pipe"):
        documents.pdf_page_count(fifo)


# ----------------------------------------------------------------------------- proxies


def test_a_socks5_proxy_url_builds_a_client() -> None:
    # Issue 12 item 17: httpx needs socksio for socks5:// (ALL_PROXY from Clash/V2Ray).
    async def build() -> None:
        async with httpx.AsyncClient(proxy="socks5://127.0.0.1:7891") as client:
            assert client is not None

    asyncio.run(build())
    with httpx.Client(proxy="socks5h://user:pw@127.0.0.1:7891") as sync_client:
        assert sync_client is not None
