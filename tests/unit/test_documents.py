"""PDF support: page counts, rendering sizes, page ranges and the messages for bad files."""

from __future__ import annotations

import base64
import hashlib
import io
import math
import threading
from pathlib import Path

import pypdfium2 as pdfium
import pytest
from PIL import Image, ImageDraw

from visiondesk.core import documents
from visiondesk.core.documents import (
    PageRangeError,
    is_pdf,
    parse_page_ranges,
    pdf_as_input_file,
    pdf_page_count,
    render_pdf_pages,
)
from visiondesk.core.errors import AnalysisError, ErrorKind

A4_PX_150 = (1240, 1754)  # A4 at 150 dpi, as Pillow writes it: 595.2 x 841.92 pt


def _page_with_mark(index: int, size: tuple[int, int] = A4_PX_150) -> Image.Image:
    """A white page with a black square in a different place for each page index."""
    image = Image.new("RGB", size, "white")
    left, top = 100 + index * 300, 100 + index * 400
    ImageDraw.Draw(image).rectangle((left, top, left + 200, top + 200), fill="black")
    return image


def _mark_centre(index: int, dpi: float) -> tuple[int, int]:
    scale = dpi / 150
    return round((200 + index * 300) * scale), round((200 + index * 400) * scale)


def _grey(image: Image.Image, xy: tuple[int, int]) -> int:
    value = image.getpixel(xy)
    assert isinstance(value, int)
    return value


def make_pdf(pages: int = 3, size: tuple[int, int] = A4_PX_150, resolution: float = 150) -> bytes:
    images = [_page_with_mark(i, size) for i in range(pages)]
    buffer = io.BytesIO()
    images[0].save(buffer, "PDF", save_all=True, append_images=images[1:],
                   resolution=resolution)
    return buffer.getvalue()


def empty_pdf() -> bytes:
    """A well-formed PDF whose page tree is empty."""
    document = pdfium.PdfDocument.new()
    buffer = io.BytesIO()
    document.save(buffer)
    document.close()
    return buffer.getvalue()


# -- an encrypted PDF, written by hand (PDF 1.4 standard security handler, revision 2) ----------

_PAD = bytes.fromhex("28BF4E5E4E758A4164004E56FFFA01082E2E00B6D0683E802F0CA9FE6453697A")


def _rc4(key: bytes, data: bytes) -> bytes:
    state = list(range(256))
    j = 0
    for i in range(256):
        j = (j + state[i] + key[i % len(key)]) % 256
        state[i], state[j] = state[j], state[i]
    out = bytearray()
    i = j = 0
    for byte in data:
        i = (i + 1) % 256
        j = (j + state[i]) % 256
        state[i], state[j] = state[j], state[i]
        out.append(byte ^ state[(state[i] + state[j]) % 256])
    return bytes(out)


def encrypted_pdf(user_password: str = "secret", owner_password: str = "owner") -> bytes:
    """A one-page PDF that needs ``user_password`` to open (RC4 40-bit, algorithms 3.2-3.4)."""
    file_id = hashlib.md5(b"visiondesk-test").digest()
    permissions = -44

    def pad(password: str) -> bytes:
        return (password.encode("latin-1") + _PAD)[:32]

    owner_key = hashlib.md5(pad(owner_password)).digest()[:5]
    o_entry = _rc4(owner_key, pad(user_password))
    key = hashlib.md5(pad(user_password) + o_entry
                      + permissions.to_bytes(4, "little", signed=True) + file_id).digest()[:5]
    u_entry = _rc4(key, _PAD)
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 200 200] >>",
        b"<< /Filter /Standard /V 1 /R 2 /O <" + o_entry.hex().encode() + b"> /U <"
        + u_entry.hex().encode() + b"> /P " + str(permissions).encode() + b" >>",
    ]
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % number + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    for offset in offsets:
        out += b"%010d 00000 n \n" % offset
    hex_id = file_id.hex().encode()
    out += (b"trailer\n<< /Size %d /Root 1 0 R /Encrypt 4 0 R /ID [<" % (len(objects) + 1)
            + hex_id + b"> <" + hex_id + b">] >>\nstartxref\n%d\n%%%%EOF\n" % xref)
    return bytes(out)


@pytest.fixture
def pdf_file(tmp_path: Path) -> Path:
    path = tmp_path / "report.pdf"
    path.write_bytes(make_pdf(3))
    return path


# -- detection and counting ----------------------------------------------------------------------

def test_is_pdf_by_bytes_and_path(pdf_file: Path, tmp_path: Path) -> None:
    assert is_pdf(pdf_file)
    assert is_pdf(str(pdf_file))
    assert is_pdf(pdf_file.read_bytes())
    assert is_pdf(b"\xef\xbb\xbf junk before the header %PDF-1.7\n")
    png = tmp_path / "picture.png"
    Image.new("RGB", (4, 4)).save(png)
    assert not is_pdf(png)
    assert not is_pdf(b"")
    assert not is_pdf(tmp_path / "missing.pdf")


def test_page_count(pdf_file: Path) -> None:
    assert pdf_page_count(pdf_file) == 3
    assert pdf_page_count(make_pdf(1)) == 1


# -- rendering -----------------------------------------------------------------------------------

@pytest.mark.parametrize("dpi", [72, 150, 300])
def test_render_size_follows_dpi(pdf_file: Path, dpi: int) -> None:
    (page,) = render_pdf_pages(pdf_file, [1], dpi=dpi)
    # Pillow wrote the page as 1240x1754 px at 150 dpi, i.e. 595.2 x 841.92 points.
    assert (page.width, page.height) == (math.ceil(595.2 * dpi / 72 - 1e-6),
                                         math.ceil(841.92 * dpi / 72 - 1e-6))
    assert page.dpi == pytest.approx(dpi, rel=1e-4)
    image = page.image()
    assert image.format == "PNG"
    assert image.size == (page.width, page.height)


def test_render_exact_size_at_source_resolution(pdf_file: Path) -> None:
    (page,) = render_pdf_pages(pdf_file, [2], dpi=150)
    assert (page.width, page.height) == A4_PX_150


def test_render_selected_pages_in_order_with_their_own_content(pdf_file: Path) -> None:
    pages = render_pdf_pages(pdf_file, [3, 1], dpi=100)
    assert [p.page for p in pages] == [3, 1]
    assert pages[0].source == "report.pdf#page=3"
    for rendered in pages:
        image = rendered.image().convert("L")
        index = rendered.page - 1
        assert _grey(image, _mark_centre(index, 100)) < 60, "this page's mark is missing"
        other = 1 if index != 1 else 0
        assert _grey(image, _mark_centre(other, 100)) > 200, "another page's mark showed up"


def test_render_all_pages_by_default(pdf_file: Path) -> None:
    assert [p.page for p in render_pdf_pages(pdf_file, None, dpi=50)] == [1, 2, 3]
    assert [p.page for p in render_pdf_pages(pdf_file.read_bytes(), dpi=50)] == [1, 2, 3]


def test_render_rejects_missing_page_and_bad_dpi(pdf_file: Path) -> None:
    with pytest.raises(PageRangeError, match="has no page 4; it has 3 pages"):
        render_pdf_pages(pdf_file, [1, 4])
    with pytest.raises(PageRangeError):
        render_pdf_pages(pdf_file, [0])
    with pytest.raises(ValueError, match="between 36 and 600 dpi"):
        render_pdf_pages(pdf_file, [1], dpi=2000)


def test_huge_page_is_rendered_at_lower_resolution(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(documents, "MAX_PAGE_PIXELS", 1_000_000)
    (page,) = render_pdf_pages(make_pdf(1), [1], dpi=150)
    assert page.width * page.height <= 1_000_000 * 1.01
    assert page.dpi < 150
    assert page.width / page.height == pytest.approx(1240 / 1754, rel=0.01)


def test_rendering_from_several_threads(pdf_file: Path) -> None:
    # PDFium is not thread-safe; the module lock must make concurrent callers safe.
    errors: list[BaseException] = []
    sizes: list[tuple[int, int]] = []

    def work() -> None:
        try:
            for page in render_pdf_pages(pdf_file, [1, 2], dpi=40):
                sizes.append((page.width, page.height))
        except BaseException as exc:  # pragma: no cover - only on failure
            errors.append(exc)

    threads = [threading.Thread(target=work) for _ in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert not errors
    assert len(sizes) == 8 and len(set(sizes)) == 1


# -- bad files -----------------------------------------------------------------------------------

def _image_error(source: object) -> AnalysisError:
    with pytest.raises(AnalysisError) as info:
        pdf_page_count(source)  # type: ignore[arg-type]
    assert info.value.kind is ErrorKind.IMAGE
    assert "Traceback" not in info.value.message
    return info.value


def test_encrypted_pdf_is_reported_in_plain_words(tmp_path: Path) -> None:
    data = encrypted_pdf()
    # It really is a valid encrypted file, not a damaged one: the password opens it.
    with pdfium.PdfDocument(data, password="secret") as document:
        assert len(document) == 1
    path = tmp_path / "locked.pdf"
    path.write_bytes(data)
    error = _image_error(path)
    assert error.message.startswith("locked.pdf is encrypted")
    assert "password" in error.message
    with pytest.raises(AnalysisError, match="encrypted"):
        render_pdf_pages(path)


def test_damaged_pdf(tmp_path: Path) -> None:
    path = tmp_path / "broken.pdf"
    path.write_bytes(b"%PDF-1.4\n1 0 obj << /Type /Catal" + b"\x00garbage" * 20)
    assert _image_error(path).message == "broken.pdf is damaged and cannot be read as a PDF."


def test_truncated_pdf(tmp_path: Path) -> None:
    path = tmp_path / "cut.pdf"
    path.write_bytes(make_pdf(2)[:300])
    assert "cut.pdf" in _image_error(path).message


def test_pdf_without_pages(tmp_path: Path) -> None:
    path = tmp_path / "blank.pdf"
    path.write_bytes(empty_pdf())
    assert _image_error(path).message == "blank.pdf has no pages."
    assert _image_error(empty_pdf()).message == "The file has no pages."


def test_empty_missing_and_not_pdf_files(tmp_path: Path) -> None:
    empty = tmp_path / "empty.pdf"
    empty.write_bytes(b"")
    assert _image_error(empty).message == "empty.pdf is empty (0 bytes), so it has no pages."
    assert _image_error(tmp_path / "gone.pdf").message == "gone.pdf does not exist."
    picture = tmp_path / "photo.pdf"
    Image.new("RGB", (4, 4)).save(picture, "PNG")
    assert "photo.pdf is not a PDF" in _image_error(picture).message
    assert "is a folder" in _image_error(tmp_path).message


# -- page ranges ---------------------------------------------------------------------------------

@pytest.mark.parametrize(("text", "count", "expected"), [
    ("1-3,5", 10, [1, 2, 3, 5]),
    ("5, 1-3", 10, [1, 2, 3, 5]),
    ("2-4,3-5", 10, [2, 3, 4, 5]),
    ("7-", 9, [7, 8, 9]),
    ("-2", 9, [1, 2]),
    ("4", 4, [4]),
    ("", 3, [1, 2, 3]),
    ("all", 3, [1, 2, 3]),
    (" 1 - 2 ，4～5 ", 9, [1, 2, 4, 5]),
    ("1–2", 3, [1, 2]),
    ("1,,3,", 3, [1, 3]),
])
def test_parse_page_ranges(text: str, count: int, expected: list[int]) -> None:
    assert parse_page_ranges(text, count) == expected


@pytest.mark.parametrize(("text", "message"), [
    ("3-1", '"3-1" runs backwards; write the smaller page first (1-3).'),
    ("0", '"0": pages are numbered from 1.'),
    ("0-2", '"0-2": pages are numbered from 1.'),
    ("11", '"11" goes past the end: the document has 10 pages.'),
    ("8-12", '"8-12" goes past the end: the document has 10 pages.'),
    ("two", '"two" is not a page or a range; write pages like 1-3,5.'),
    ("1-2-3", '"1-2-3" is not a page or a range; write pages like 1-3,5.'),
    ("-", '"-" is not a page or a range; write pages like 1-3,5.'),
    (",", "No pages were given; write pages like 1-3,5."),
])
def test_parse_page_ranges_errors(text: str, message: str) -> None:
    with pytest.raises(PageRangeError) as info:
        parse_page_ranges(text, 10)
    assert str(info.value) == message
    assert isinstance(info.value, ValueError)


def test_parse_page_ranges_singular_and_empty_document() -> None:
    with pytest.raises(PageRangeError, match=r"the document has 1 page\.$"):
        parse_page_ranges("2", 1)
    with pytest.raises(PageRangeError, match="no pages"):
        parse_page_ranges("1", 0)


# -- sending the file whole ----------------------------------------------------------------------

def test_pdf_as_input_file(pdf_file: Path) -> None:
    filename, data_url = pdf_as_input_file(pdf_file)
    assert filename == "report.pdf"
    prefix = "data:application/pdf;base64,"
    assert data_url.startswith(prefix)
    assert base64.b64decode(data_url[len(prefix):]) == pdf_file.read_bytes()


def test_pdf_as_input_file_refuses_bad_and_large_files(pdf_file: Path, tmp_path: Path) -> None:
    locked = tmp_path / "locked.pdf"
    locked.write_bytes(encrypted_pdf())
    with pytest.raises(AnalysisError, match=r"locked\.pdf is encrypted"):
        pdf_as_input_file(locked)
    with pytest.raises(AnalysisError) as info:
        pdf_as_input_file(pdf_file, max_bytes=1000)
    assert info.value.kind is ErrorKind.TOO_LARGE
    assert "report.pdf is" in info.value.message
