"""PDFs and offline OCR through the command line: a fresh install with no key reads text."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from PIL import Image, ImageDraw, ImageFont

from tests.support.fault_server import FaultServer
from visiondesk.cli import main

FONT = Path(__file__).resolve().parents[1] / "fixtures" / "fonts" / "NotoSansCJKsc-Regular-subset.otf"


def page(text: str) -> Image.Image:
    image = Image.new("RGB", (1240, 1754), "white")  # A4 at 150 dpi
    ImageDraw.Draw(image).text((120, 200), text, fill="black", font=ImageFont.truetype(str(FONT), 56))
    return image


@pytest.fixture
def two_page_pdf(tmp_path: Path) -> Path:
    path = tmp_path / "doc.pdf"
    first, second = page("Page one 42"), page("合计 2026 Total")
    first.save(path, "PDF", resolution=150, save_all=True, append_images=[second])
    return path


def test_no_options_reads_text_offline(capsys, tmp_path) -> None:
    image = page("Invoice 2026 合计")
    image.save(tmp_path / "receipt.png")
    assert main(["analyze", str(tmp_path / "receipt.png")]) == 0
    assert capsys.readouterr().out.split() == ["Invoice", "2026", "合计"]


def test_pdf_pages_are_read_one_result_each(capsys, two_page_pdf) -> None:
    assert main(["analyze", str(two_page_pdf), "--json"]) == 0
    rows = sorted((json.loads(line) for line in capsys.readouterr().out.splitlines()), key=lambda r: r["source"])
    assert [(Path(r["source"]).name, r["api"]) for r in rows] == [("doc.pdf#page=1", "local-ocr"),
                                                                  ("doc.pdf#page=2", "local-ocr")]
    assert rows[0]["text"] == "Page one 42" and "".join(rows[1]["text"].split()) == "合计2026Total"
    line = rows[1]["lines"][0]
    assert line["score"] > 0.5 and len(line["box"]) == 4
    assert 100 < line["box"][0][0] < 200  # boxes in the page's pixels: the text starts at x=120


def test_page_range_selects_pages(capsys, two_page_pdf) -> None:
    assert main(["analyze", str(two_page_pdf), "--pages", "2", "--json"]) == 0
    (row,) = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
    assert row["source"].endswith("doc.pdf#page=2")
    assert main(["analyze", str(two_page_pdf), "--pages", "3-4"]) == 2
    assert "the document has 2 pages" in capsys.readouterr().err


def test_pdf_as_input_file_on_the_responses_api(capsys, two_page_pdf, fault_server: FaultServer) -> None:
    code = main(["analyze", str(two_page_pdf), "--pdf-as-file", "--base-url", fault_server.base_url,
                 "--api", "responses", "--model", "gpt-4o", "--json"])
    row = json.loads(capsys.readouterr().out)
    assert (code, row["status"], row["sent_image"]["mime"]) == (0, "completed", "application/pdf")
    part = fault_server.requests[-1].body["input"][0]["content"][1]
    assert part["type"] == "input_file" and part["filename"] == "doc.pdf"
    assert part["file_data"].startswith("data:application/pdf;base64,")


def test_broken_pdf_is_refused_plainly(capsys, tmp_path) -> None:
    broken = tmp_path / "broken.pdf"
    broken.write_bytes(b"%PDF-1.7\n this is not really a pdf")
    code = main(["analyze", str(broken)])
    err = capsys.readouterr().err
    assert code == 1 and "broken.pdf" in err and "Traceback" not in err
