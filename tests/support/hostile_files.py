"""Hostile files for issue 12 tests: PDFs that bomb memory or time."""

from __future__ import annotations

import zlib
from pathlib import Path


def pdf_bytes(content: bytes, pages: int = 1, extra: list[bytes] | None = None) -> bytes:
    """A minimal PDF whose pages all draw ``content`` (Flate-compressed); ``extra`` objects
    follow as 5 0 obj, 6 0 obj, ..."""
    stream = zlib.compress(content, 9)
    kids = b" ".join(b"%d 0 R" % (10 + i) for i in range(pages))
    objs: dict[int, bytes] = {
        1: b"<< /Type /Catalog /Pages 2 0 R >>",
        2: b"<< /Type /Pages /Kids [" + kids + b"] /Count %d >>" % pages,
        4: b"<< /Length %d /Filter /FlateDecode >>\nstream\n" % len(stream) + stream + b"\nendstream",
    }
    resources = b"<< /XObject << /F0 5 0 R >> >>" if extra else b"<< >>"
    for i, obj in enumerate(extra or []):
        objs[5 + i] = obj
    for i in range(pages):
        objs[10 + i] = (b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Resources "
                        + resources + b" /Contents 4 0 R >>")
    out = bytearray(b"%PDF-1.4\n")
    offsets: dict[int, int] = {}
    for number in sorted(objs):
        offsets[number] = len(out)
        out += b"%d 0 obj\n" % number + objs[number] + b"\nendobj\n"
    size = max(objs) + 1
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % size
    for number in range(1, size):
        out += (b"%010d 00000 n \n" % offsets[number]) if number in offsets else b"0000000000 65535 f \n"
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (size, xref)
    return bytes(out)


def bomb_pdf(path: Path, inflated_mb: int = 600) -> Path:
    """~1 MB on disk, ``inflated_mb`` of drawing operations once inflated (the review's 611 KB
    content-stream bomb took 5.7 GB)."""
    unit = b"0 0 1 1 re f\n" * 10_000
    comp = zlib.compressobj(9)
    body = b"".join(comp.compress(unit) for _ in range(inflated_mb * 1024 * 1024 // len(unit)))
    body += comp.flush()
    pdf = pdf_bytes(b"")
    head, _sep, rest = pdf.partition(b"4 0 obj\n")
    old_stream = zlib.compress(b"", 9)
    rest = rest.replace(b"<< /Length %d /Filter /FlateDecode >>\nstream\n" % len(old_stream) + old_stream,
                        b"<< /Length %d /Filter /FlateDecode >>\nstream\n" % len(body) + body)
    # Offsets after object 4 moved; PDFium rebuilds a broken xref table, which is what we want
    # to survive anyway.
    path.write_bytes(head + b"4 0 obj\n" + rest)
    return path


def time_bomb_pdf(path: Path) -> Path:
    # Form XObjects that each draw the next one 20 times, 6 deep: 64 million rectangles,
    # no memory to speak of, minutes of rendering.
    depth = 6
    forms = []
    for level in range(depth):
        if level == depth - 1:
            content = b"0 0 1 1 re f\n"
            resources = b"<< >>"
        else:
            content = b"/F0 Do\n" * 20
            resources = b"<< /XObject << /F0 %d 0 R >> >>" % (6 + level)
        forms.append(b"<< /Type /XObject /Subtype /Form /BBox [0 0 612 792] /Resources "
                     + resources + b" /Length %d >>\nstream\n" % len(content) + content + b"\nendstream")
    path.write_bytes(pdf_bytes(b"/F0 Do\n" * 20, pages=3, extra=forms))
    return path
