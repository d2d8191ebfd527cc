"""OCR text layout: rows that survive skewed photos, layout modes, links and tall-image tiles.

The first half checks the layout on hand-made boxes (no engine). The second reads generated
pages with the real engine, loaded once for the module: receipts with labels on the left and
amounts on the right, in mixed sizes and mixed Chinese and English, turned up to 5° either way;
a two-column page; a page of paragraphs; a tall chat screenshot; and the bundled sample photo.
Each page has a known truth, so a label that lands on another amount's line shows as a failure.
"""

from __future__ import annotations

import asyncio
import itertools
import math
import threading
from collections.abc import AsyncIterator, Sequence
from dataclasses import dataclass
from pathlib import Path

import pytest
from PIL import Image, ImageDraw, ImageFont

from visiondesk.core.errors import ErrorKind
from visiondesk.core.events import Event, Failed, OcrLine, OcrLines, TextDelta
from visiondesk.core.inputs import PreparedImage
from visiondesk.core.request import AnalysisRequest
from visiondesk.core.textmetrics import character_error_rate
from visiondesk.ocr.backend import run_local_ocr
from visiondesk.ocr.engine import LocalOcrEngine, OcrOutput, OcrSettings
from visiondesk.ocr.layout import (
    OcrMode,
    estimate_skew,
    extract_links,
    format_text,
    group_rows,
)
from visiondesk.ocr.tiles import Tile, is_tall, merge_tiles, plan_tiles

ROOT = Path(__file__).resolve().parents[2]
FONT = ROOT / "tests" / "fixtures" / "fonts" / "NotoSansCJKsc-Regular-subset.otf"
SAMPLE_RECEIPT = ROOT / "resources" / "samples" / "receipt.png"


# -- hand-made boxes -----------------------------------------------------------------------------

def turned_box(text: str, left: float, top: float, width: float, height: float,
               degrees: float, pivot: tuple[float, float] = (450, 300)) -> OcrLine:
    """An upright box turned about ``pivot`` (positive degrees: lines fall to the right)."""
    angle = math.radians(degrees)
    cos, sin = math.cos(angle), math.sin(angle)
    corners = ((left, top), (left + width, top), (left + width, top + height),
               (left, top + height))
    px, py = pivot
    return OcrLine(text, 0.9, tuple(
        (px + (x - px) * cos - (y - py) * sin, py + (x - px) * sin + (y - py) * cos)
        for x, y in corners))


def texts(rows: Sequence[Sequence[OcrLine]]) -> list[list[str]]:
    return [[line.text for line in row] for row in rows]


@pytest.mark.parametrize("degrees", [-5, -3, 3, 5])
def test_labels_stay_with_their_amounts_on_a_turned_receipt(degrees: float) -> None:
    # Rows 40 pixels apart, 800 wide: at 5° the right end drops 70 pixels, almost two rows.
    lines = []
    for i in range(8):
        lines.append(turned_box(f"label{i}", 40, 40 + 40 * i, 300, 28, degrees))
        lines.append(turned_box(f"{i}.00", 760, 40 + 40 * i, 80, 28, degrees))
    assert math.degrees(estimate_skew(lines)) == pytest.approx(degrees, abs=0.1)
    assert texts(group_rows(lines)) == [[f"label{i}", f"{i}.00"] for i in range(8)]


def test_skew_ignores_short_and_vertical_boxes() -> None:
    lines = [turned_box("a long line of text", 40, 40, 400, 30, 2),
             turned_box("x", 500, 40, 30, 30, 15),           # square: its angle is noise
             OcrLine("竖排", 0.9, ((600, 0), (630, 0), (630, 200), (600, 200)))]
    assert math.degrees(estimate_skew(lines)) == pytest.approx(2, abs=0.1)
    assert estimate_skew([]) == 0.0


def test_mixed_sizes_on_one_baseline_share_a_row() -> None:
    # A 40-pixel total beside a 24-pixel label and a small unit, all on one baseline.
    lines = [turned_box("合计 Total", 40, 116, 160, 24, 4), turned_box("35.30", 600, 100, 130, 40, 4),
             turned_box("元", 740, 116, 24, 24, 4), turned_box("现金 Cash", 40, 170, 150, 24, 4),
             turned_box("50.00", 650, 170, 90, 24, 4)]
    assert texts(group_rows(lines)) == [["合计 Total", "35.30", "元"], ["现金 Cash", "50.00"]]
    assert format_text(lines) == "合计 Total 35.30 元\n现金 Cash 50.00"


def rect(text: str, left: float, top: float, width: float, height: float) -> OcrLine:
    return turned_box(text, left, top, width, height, 0)


def test_a_tall_box_does_not_swallow_the_lines_beside_it() -> None:
    # A column of vertical text beside three lines: only boxes up to 3x taller span several.
    lines = [OcrLine("竖排标题", 0.9, ((0, 0), (30, 0), (30, 200), (0, 200))),
             rect("one", 50, 40, 100, 30), rect("two", 50, 85, 100, 30),
             rect("three", 50, 130, 100, 30)]
    assert texts(group_rows(lines)) == [["one"], ["竖排标题", "two"], ["three"]]
    assert texts(group_rows([rect("BIG TITLE", 0, 0, 400, 100),
                             rect("caption", 420, 70, 80, 16)])) == [["BIG TITLE"], ["caption"]]


def test_modes_on_hand_made_boxes() -> None:
    # Engine order deliberately not reading order.
    lines = [rect("world", 200, 10, 100, 30), rect("Hello", 40, 10, 100, 30),
             rect("你好", 40, 50, 60, 30), rect("世界", 110, 50, 60, 30)]
    assert format_text(lines) == "Hello world\n你好世界"
    assert format_text(lines, "lines") == format_text(lines, None) == format_text(lines)
    assert format_text(lines, OcrMode.SINGLE_LINE) == "Hello world 你好世界"
    assert format_text(lines, "raw") == "world\nHello\n你好\n世界"
    assert format_text([], "paragraphs") == ""


def test_mode_names() -> None:
    assert OcrMode.parse(None) is OcrMode.LINES
    assert OcrMode.parse("single_line") is OcrMode.SINGLE_LINE
    assert OcrMode.parse(" Paragraphs ") is OcrMode.PARAGRAPHS
    with pytest.raises(ValueError, match="lines, paragraphs, single-line, raw"):
        OcrMode.parse("columns")


def test_paragraphs_by_gap_indent_and_size() -> None:
    h = 30
    lines = [
        rect("Heading", 40, 0, 200, 50),                      # bigger: its own paragraph
        rect("First paragraph runs", 40, 70, 400, h),
        rect("over two lines, with a hy-", 40, 110, 400, h),
        rect("phenated word.", 40, 150, 300, h),
        rect("Indented start", 80, 190, 360, h),               # first-line indent
        rect("of the second.", 40, 230, 300, h),
        rect("第三段落", 40, 320, 200, h),                     # after a blank line
        rect("正文", 40, 360, 100, h),
    ]
    assert format_text(lines, "paragraphs") == (
        "Heading\n\nFirst paragraph runs over two lines, with a hyphenated word.\n\n"
        "Indented start of the second.\n\n第三段落正文")
    # "2024-" + "05" is not a broken word.
    dates = [rect("From 2024-", 40, 0, 200, h), rect("05-01 on", 40, 40, 200, h)]
    assert format_text(dates, "paragraphs") == "From 2024- 05-01 on"


def test_paragraphs_read_column_by_column() -> None:
    h = 30
    heading = [rect("A heading across both columns", 40, 0, 800, 40)]
    left = [rect(f"left line {i}", 40, 60 + 40 * i, 350, h) for i in range(3)]
    right = [rect(f"right line {i}", 460, 60 + 40 * i, 350, h) for i in range(3)]
    assert format_text(right + heading + left, "paragraphs") == (
        "A heading across both columns\n\nleft line 0 left line 1 left line 2\n\n"
        "right line 0 right line 1 right line 2")
    # A receipt's narrow column of amounts is no column of prose: rows stay whole.
    labels = [rect(f"item {i}", 40, 40 * i, 300, h) for i in range(3)]
    amounts = [rect(f"{i}.00", 700, 40 * i, 80, h) for i in range(3)]
    assert format_text(labels + amounts, "paragraphs") == "item 0 0.00 item 1 1.00 item 2 2.00"


def test_extract_links() -> None:
    text = ("官网https://example.cn/价格。Mail sales@shop.example.com, or see\n"
            "(www.example.org/menu?id=3). Docs: https://en.wikipedia.org/wiki/Python_(language)\n"
            "again https://example.cn/ and not www.nothing or 2024.05.01 or a@b")
    assert extract_links(text) == [
        "https://example.cn/", "sales@shop.example.com", "www.example.org/menu?id=3",
        "https://en.wikipedia.org/wiki/Python_(language)"]
    assert extract_links("no links here 合计 26.35") == []


# -- tiles, without the engine -------------------------------------------------------------------

def test_tall_images_and_tile_plans() -> None:
    assert is_tall(640, 4000) and not is_tall(640, 1500) and not is_tall(900, 2100)
    tiles = plan_tiles(4540, 1600, 240)
    assert tiles[0].top == 0 and tiles[-1].bottom == 4540
    for above, below in itertools.pairwise(tiles):
        assert above.bottom - below.top >= 240, "tiles must overlap"
        assert above.core_bottom == below.core_top, "cores must meet exactly"
        assert below.top + 100 < below.core_top < above.bottom - 100
    assert plan_tiles(900, 1600, 240) == [Tile(0, 900, 0.0, 900.0)]


def test_very_tall_pages_are_bounded_in_width_and_tiles() -> None:
    engine = LocalOcrEngine(OcrSettings(max_tiles=3))
    fitted = engine._fit(Image.new("L", (500, 9000), 255))
    assert len(engine._tiles_for(fitted)) == 3
    assert fitted.height <= 3 * (1600 - 240) + 240 and fitted.width < 500
    wide = LocalOcrEngine()._fit(Image.new("L", (3000, 9000), 255))
    assert wide.size == (2000, 6000) and len(engine._tiles_for(wide)) == 5
    photo = engine._fit(Image.new("L", (4000, 3000), 255))
    assert photo.size == (2000, 1500) and len(engine._tiles_for(photo)) == 1


def test_merge_tiles_keeps_each_line_once() -> None:
    first, second = Tile(0, 1000, 0, 900), Tile(800, 1800, 900, 1800)
    cut = rect("half a li", 10, 980, 200, 20)          # clipped by the first tile's edge
    near_first = rect("line A", 10, 880, 200, 30)      # centre 895: the first tile's
    merged = merge_tiles([
        (first, [rect("top", 10, 10, 100, 30), near_first, cut]),
        # The second tile sees line A again (slightly off, centre 902 in image pixels) and the
        # whole of the cut line.
        (second, [OcrLine("line A", 0.95, rect("", 10, 87, 200, 30).box),
                  rect("half a line", 10, 180, 300, 20)]),
    ])
    assert [line.text for line in merged] == ["top", "line A", "half a line"]
    assert merged[2].box[0] == (10, 980)  # moved back into image pixels
    assert merged[1].score == 0.95        # of two readings, the surer one


# -- generated pages, read by the engine ---------------------------------------------------------

@dataclass(frozen=True)
class Row:
    label: str
    amount: str = ""
    label_size: int = 30
    amount_size: int = 30

    @property
    def truth(self) -> str:
        return f"{self.label} {self.amount}".strip()


RECEIPT = (
    Row("超市购物小票 SUPERMARKET", label_size=40),
    Row("日期 Date 2024-05-01", "收银员 07", 22, 22),
    Row("苹果 Apple 2 x 5.50", "11.00"),
    Row("牛奶 Milk", "12.80"),
    Row("面包 Bread", "8.00"),
    Row("文档 Paper clips", "3.50"),
    Row("合计 Total", "35.30", 30, 40),
    Row("现金 Cash", "50.00", 26, 26),
    Row("找零 Change", "14.70", 26, 26),
    Row("谢谢惠顾 Thank you!", label_size=24),
)


def font(size: int) -> ImageFont.FreeTypeFont:
    return ImageFont.truetype(str(FONT), size)


def turned(image: Image.Image, degrees: float) -> Image.Image:
    """The page photographed turned by ``degrees`` (positive: counter-clockwise, as Pillow)."""
    if not degrees:
        return image
    return image.rotate(degrees, resample=Image.Resampling.BICUBIC, expand=True,
                        fillcolor="white")


def receipt_page(degrees: float) -> tuple[Image.Image, list[str]]:
    """900 wide: labels from the left, amounts to the right edge, on a shared baseline."""
    width = 900
    height = int(sum(max(r.label_size, r.amount_size) for r in RECEIPT) * 1.75) + 60
    image = Image.new("RGB", (width, height), "white")
    draw = ImageDraw.Draw(image)
    y = 30
    for row in RECEIPT:
        tallest = max(row.label_size, row.amount_size)
        y += tallest
        draw.text((40, y), row.label, font=font(row.label_size), fill="black", anchor="ls")
        if row.amount:
            draw.text((width - 40, y), row.amount, font=font(row.amount_size), fill="black",
                      anchor="rs")
        y += int(tallest * 0.75)
    return turned(image, degrees), [row.truth for row in RECEIPT]


TWO_COLUMNS = (
    ("苹果 Apple", "11.00", "牛奶 Milk", "12.80"),
    ("面包 Bread", "8.00", "现金 Cash", "50.00"),
    ("数量 Qty", "3", "单价 Price", "4.20"),
    ("发票号码 No.", "0481", "找零 Change", "14.70"),
    ("左栏 Left", "1.00", "右栏 Right", "2.00"),
)


def two_column_page(degrees: float) -> tuple[Image.Image, list[str]]:
    """Two columns of label and amount, 1000 wide; a row reads across both columns."""
    image = Image.new("RGB", (1000, 320), "white")
    draw = ImageDraw.Draw(image)
    for i, (label1, amount1, label2, amount2) in enumerate(TWO_COLUMNS):
        y = 60 + 56 * i
        draw.text((40, y), label1, font=font(28), fill="black", anchor="ls")
        draw.text((450, y), amount1, font=font(28), fill="black", anchor="rs")
        draw.text((550, y), label2, font=font(28), fill="black", anchor="ls")
        draw.text((960, y), amount2, font=font(28), fill="black", anchor="rs")
    return turned(image, degrees), [" ".join(row) for row in TWO_COLUMNS]


def assert_rows_match(output: OcrOutput, truth: Sequence[str]) -> float:
    """Each truth row is one output line (so every label is on its own amount's line)."""
    got = output.text.splitlines()
    assert len(got) == len(truth), output.text
    for line, expected in zip(got, truth, strict=True):
        assert character_error_rate(line, expected) <= 0.15, (line, expected)
    cer = character_error_rate(output.text, "\n".join(truth))
    assert cer <= 0.03, f"CER {cer:.3f}:\n{output.text}"
    return cer


@pytest.fixture(scope="module")
def engine() -> LocalOcrEngine:
    ocr = LocalOcrEngine()
    ocr.load()
    return ocr


@pytest.mark.parametrize("degrees", [-5, -2.5, 2.5, 5])
def test_turned_receipt_keeps_labels_with_amounts(engine: LocalOcrEngine, degrees: float) -> None:
    image, truth = receipt_page(degrees)
    output = engine.recognize(image)
    assert_rows_match(output, truth)
    total = next(line for line in output.text.splitlines() if "Total" in line)
    assert total.replace(" ", "").endswith("35.30"), total


@pytest.mark.parametrize("degrees", [-4, 3])
def test_turned_two_column_page(engine: LocalOcrEngine, degrees: float) -> None:
    image, truth = two_column_page(degrees)
    assert_rows_match(engine.recognize(image), truth)


def test_sample_receipt_total(engine: LocalOcrEngine) -> None:
    # The bundled photo is turned 3.5°: the VAT amount sits level with the TOTAL label.
    output = engine.recognize(SAMPLE_RECEIPT)
    lines = output.text.splitlines()
    assert [line for line in lines if line.startswith("TOTAL")] == ["TOTAL GBP 26.35"], lines
    assert "VAT 20% (incl.) 4.39" in lines
    assert "Subtotal 26.35" in lines


ARTICLE = (  # text, size, left, top
    ("文档识别测试 Document recognition test page", 36, 40, 24),
    ("The quick brown fox jumps", 24, 70, 110),      # indented first lines
    ("over the lazy dog while", 24, 40, 150),
    ("the cat sleeps on the mat.", 24, 40, 190),
    ("Optical character recog-", 24, 70, 260),
    ("nition reads every line.", 24, 40, 300),
    ("第一段落正文中英混排测试", 24, 588, 110),       # the right column, rows level with the left
    ("文档识别上下左右栏标题行", 24, 540, 150),
    ("Second paragraph on the", 24, 570, 220),
    ("right side of the page.", 24, 540, 260),
)


def test_paragraphs_of_a_two_column_article(engine: LocalOcrEngine) -> None:
    image = Image.new("RGB", (1000, 360), "white")
    draw = ImageDraw.Draw(image)
    for text, size, left, top in ARTICLE:
        draw.text((left, top), text, font=font(size), fill="black")
    output = engine.recognize(turned(image, 2), mode="paragraphs")
    assert output.mode is OcrMode.PARAGRAPHS
    expected = [ARTICLE[0][0],
                "The quick brown fox jumps over the lazy dog while the cat sleeps on the mat.",
                "Optical character recognition reads every line.",
                "第一段落正文中英混排测试文档识别上下左右栏标题行",
                "Second paragraph on the right side of the page."]
    got = output.text.split("\n\n")
    assert len(got) == len(expected), output.text
    for paragraph, truth in zip(got, expected, strict=True):
        assert character_error_rate(paragraph, truth) <= 0.03, (paragraph, truth)
    assert " " not in got[3], "Chinese lines join without a space"
    # The same boxes in the other modes: rows read across both columns, one box per raw line.
    lines = list(output.lines)
    assert character_error_rate(format_text(lines).splitlines()[1],
                                "The quick brown fox jumps 第一段落正文中英混排测试") <= 0.05
    assert "\n" not in format_text(lines, "single-line")
    assert len(format_text(lines, "raw").splitlines()) == len(lines)


def chat_screenshot() -> tuple[Image.Image, list[str]]:
    """480x4540 chat log in speech bubbles, 18-pixel text: shrunk to fit 2000 it is unreadable."""
    count, width, pitch = 60, 480, 75
    image = Image.new("RGB", (width, 40 + count * pitch), (236, 236, 236))
    draw = ImageDraw.Draw(image)
    truth = []
    for i in range(count):
        text = (f"{i + 1:02d} 你好世界 message {(i * 37) % 97:02d}" if i % 2
                else f"{i + 1:02d} Hello 测试 {(i * 53) % 89:02d}")
        x, y = (24 if i % 2 == 0 else 160), 24 + i * pitch
        left, top, right, bottom = draw.textbbox((x, y), text, font=font(18))
        draw.rounded_rectangle((left - 10, top - 8, right + 10, bottom + 8), 8,
                               fill="white" if i % 2 == 0 else (149, 236, 105))
        draw.text((x, y), text, font=font(18), fill="black")
        truth.append(text)
    return image, truth


def test_tall_screenshot_is_read_in_tiles(engine: LocalOcrEngine) -> None:
    image, truth = chat_screenshot()
    output = engine.recognize(image)
    assert output.tiles == 4
    assert (output.width, output.height) == image.size
    assert_rows_match(output, truth)  # every message once: nothing lost or doubled at a seam
    last = output.lines[-1]
    assert max(y for _, y in last.box) > 4400, "boxes are in the screenshot's own pixels"


def test_cancelling_a_tall_image_skips_its_remaining_tiles(engine: LocalOcrEngine) -> None:
    image, _ = chat_screenshot()
    started = threading.Event()
    assert engine._ocr is not None
    real = engine._ocr
    calls = 0

    def counting(piece: Image.Image) -> object:
        nonlocal calls
        calls += 1
        started.set()
        return real(piece)

    async def main() -> None:
        task = asyncio.create_task(engine.recognize_async(image))
        await asyncio.to_thread(started.wait, 30)
        task.cancel()
        with pytest.raises(asyncio.CancelledError):
            await task
        # The worker lets go of the engine once it has stopped.
        await asyncio.to_thread(engine._run_lock.acquire)
        engine._run_lock.release()

    engine._ocr = counting  # type: ignore[assignment]
    try:
        asyncio.run(main())
    finally:
        engine._ocr = real
    assert 1 <= calls < 4, f"{calls} of 4 tiles were read after cancelling"


# -- the mode through the backend ----------------------------------------------------------------

@dataclass(frozen=True)
class OptionsWithMode:
    ocr_mode: str | None
    stream: bool = True


def run(engine: LocalOcrEngine, image: Image.Image, mode: str | None) -> list[Event]:
    from io import BytesIO

    buffer = BytesIO()
    image.save(buffer, "PNG")
    prepared = PreparedImage(data=buffer.getvalue(), mime="image/png", width=image.width,
                             height=image.height, source="page.png",
                             original_width=image.width, original_height=image.height)
    request = AnalysisRequest(model="rapidocr", prompt="", images=(prepared,),
                              options=OptionsWithMode(mode))  # type: ignore[arg-type]

    async def collect(stream: AsyncIterator[Event]) -> list[Event]:
        return [event async for event in stream]

    return asyncio.run(collect(run_local_ocr(request, engine=engine)))


def test_backend_reads_the_mode_from_the_request(engine: LocalOcrEngine) -> None:
    image, truth = two_column_page(0)
    small = image.crop((0, 0, 1000, 150))  # the first two rows
    single = [e for e in run(engine, small, "single-line") if isinstance(e, TextDelta)]
    assert len(single) == 1 and "\n" not in single[0].text
    assert character_error_rate(single[0].text, " ".join(truth[:2])) <= 0.03, single[0].text
    events = run(engine, small, "raw")
    boxes = next(e for e in events if isinstance(e, OcrLines)).lines
    raw = next(e for e in events if isinstance(e, TextDelta)).text
    assert len(raw.splitlines()) == len(boxes) == 8
    failed = run(engine, small, "columns")[-1]
    assert isinstance(failed, Failed) and failed.error.kind is ErrorKind.CONFIG
    assert "single-line" in failed.error.message
