"""The offline OCR's layout on generated pages read by the real engine, with known truth.

The engine is loaded once for the module. Receipts with labels on the left and amounts on the
right, in mixed sizes and mixed Chinese and English, turned up to 5° either way; a two-column
page; a two-column article in paragraphs mode; a tall chat screenshot read in tiles; and the
bundled sample photo. A label that lands on another amount's line fails its page.
"""

from __future__ import annotations

import asyncio
import threading
from collections.abc import AsyncIterator, Sequence
from dataclasses import dataclass
from io import BytesIO
from pathlib import Path

import pytest
from PIL import Image, ImageDraw, ImageFont

from visiondesk.core.errors import ErrorKind
from visiondesk.core.events import Event, Failed, OcrLines, TextDelta
from visiondesk.core.inputs import PreparedImage
from visiondesk.core.request import AnalysisRequest
from visiondesk.core.textmetrics import character_error_rate
from visiondesk.ocr.backend import run_local_ocr
from visiondesk.ocr.engine import LocalOcrEngine, OcrOutput
from visiondesk.ocr.layout import OcrMode, format_text

ROOT = Path(__file__).resolve().parents[2]
FONT = ROOT / "tests" / "fixtures" / "fonts" / "NotoSansCJKsc-Regular-subset.otf"
SAMPLE_RECEIPT = ROOT / "resources" / "samples" / "receipt.png"


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
