"""The offline OCR engine and backend, on generated images with known Chinese and English text.

The engine is loaded once for the module (about a second); each recognition takes well under
one. Text is drawn with the subset of Noto Sans CJK SC in tests/fixtures/fonts, which holds only
the characters listed in its README.
"""

from __future__ import annotations

import asyncio
import io
from collections.abc import AsyncIterator, Sequence
from dataclasses import dataclass
from pathlib import Path

import pytest
from PIL import Image, ImageDraw, ImageFont
from PIL.JpegImagePlugin import JpegImageFile

from visiondesk.core.documents import render_pdf_pages
from visiondesk.core.errors import AnalysisError, ErrorKind
from visiondesk.core.events import (
    Event,
    Failed,
    Finished,
    Notice,
    OcrLine,
    OcrLines,
    Started,
    Status,
    TextDelta,
)
from visiondesk.core.inputs import PreparedImage, RemoteImage
from visiondesk.core.request import AnalysisRequest
from visiondesk.core.textmetrics import character_error_rate, levenshtein, normalize_for_cer
from visiondesk.ocr import engine as engine_module
from visiondesk.ocr.backend import LOCAL_OCR_MODEL, LOCAL_OCR_PROVIDER_NAME, run_local_ocr
from visiondesk.ocr.engine import (
    LocalOcrEngine,
    OcrOutput,
    bundled_model_paths,
    group_rows,
    join_row,
    layout_text,
)

FONT = Path(__file__).resolve().parents[1] / "fixtures" / "fonts" / "NotoSansCJKsc-Regular-subset.otf"

RECEIPT_LINES = (
    "超市购物小票 SUPERMARKET RECEIPT",
    "日期 Date: 2024-05-01 收银员 07",
    "苹果 Apple 2 x 5.50 = 11.00",
    "牛奶 Milk 1 x 12.80 = 12.80",
    "面包 Bread 1 x 8.00 = 8.00",
    "合计 Total: 31.80 元",
    "现金 Cash 50.00 找零 Change 18.20",
    "谢谢惠顾 Thank you!",
)


@dataclass(frozen=True)
class Drawn:
    text: str
    region: tuple[float, float, float, float]  # left, top, right, bottom in image pixels


def draw_texts(size: tuple[int, int], items: Sequence[tuple[str, tuple[int, int]]],
               font_size: int) -> tuple[Image.Image, list[Drawn]]:
    image = Image.new("RGB", size, "white")
    draw = ImageDraw.Draw(image)
    font = ImageFont.truetype(str(FONT), font_size)
    drawn = []
    for text, (x, y) in items:
        draw.text((x, y), text, fill="black", font=font)
        drawn.append(Drawn(text, draw.textbbox((x, y), text, font=font)))
    return image, drawn


def receipt(scale: int = 1) -> tuple[Image.Image, list[Drawn]]:
    """A 900x500 receipt (times ``scale``), eight lines of mixed Chinese and English."""
    items = [(text, (40 * scale, (18 + i * 58) * scale)) for i, text in enumerate(RECEIPT_LINES)]
    return draw_texts((900 * scale, 500 * scale), items, 30 * scale)


def png(image: Image.Image) -> bytes:
    buffer = io.BytesIO()
    image.save(buffer, "PNG")
    return buffer.getvalue()


def centre(line: OcrLine) -> tuple[float, float]:
    return (sum(x for x, _ in line.box) / len(line.box), sum(y for _, y in line.box) / len(line.box))


def assert_found_in_order(output: OcrOutput, drawn: Sequence[Drawn], *, margin: float) -> None:
    """Every drawn text is read, its box centre lies where it was drawn, and in reading order."""
    positions = []
    for item in drawn:
        best = min(range(len(output.lines)),
                   key=lambda i: character_error_rate(output.lines[i].text, item.text))
        line = output.lines[best]
        assert character_error_rate(line.text, item.text) < 0.2, (item.text, line.text)
        x, y = centre(line)
        left, top, right, bottom = item.region
        assert left - margin <= x <= right + margin and top - margin <= y <= bottom + margin, (
            f"box centre {(x, y)} of {line.text!r} is outside {item.region}")
        positions.append(best)
    assert positions == sorted(positions), "lines are not in reading order"


@pytest.fixture(scope="module")
def engine() -> LocalOcrEngine:
    ocr = LocalOcrEngine()
    ocr.load()
    return ocr


@pytest.fixture(scope="module")
def receipt_output(engine: LocalOcrEngine) -> tuple[OcrOutput, list[Drawn]]:
    image, drawn = receipt()
    return engine.recognize(png(image)), drawn


# -- text metrics --------------------------------------------------------------------------------

def test_levenshtein() -> None:
    assert levenshtein("", "") == 0
    assert levenshtein("abc", "") == 3
    assert levenshtein("", "ab") == 2
    assert levenshtein("kitten", "sitting") == 3
    assert levenshtein("合计金额", "合计金頞") == 1
    assert levenshtein("flaw", "lawn") == 2
    assert levenshtein("a" * 500 + "x" + "b" * 500, "a" * 500 + "y" + "b" * 500) == 1


def test_character_error_rate_ignores_whitespace() -> None:
    assert character_error_rate("合计Total:31.80元", "合计 Total: 31.80 元") == 0.0
    assert character_error_rate("a b\nc", "abc") == 0.0
    assert character_error_rate("abd", "abc") == pytest.approx(1 / 3)
    assert character_error_rate("", "") == 0.0
    assert character_error_rate("x", "") == 1.0
    assert character_error_rate("abcdef", "ab") == 2.0
    assert character_error_rate("合计：１", "合计:1") > 0
    assert character_error_rate("合计：１", "合计:1", fold_width=True) == 0.0
    assert normalize_for_cer(" a\tb\u3000c ") == "abc"


# -- layout, without the engine ------------------------------------------------------------------

def rect(text: str, left: float, top: float, width: float, height: float) -> OcrLine:
    return OcrLine(text, 0.9, ((left, top), (left + width, top), (left + width, top + height),
                               (left, top + height)))


def test_join_row_spaces_words_but_not_chinese() -> None:
    assert join_row(["你好", "世界"]) == "你好世界"
    assert join_row(["Hello", "world"]) == "Hello world"
    assert join_row(["合计", "Total"]) == "合计 Total"
    assert join_row(["12.80", "元"]) == "12.80 元"
    assert join_row(["价格：", "（含税）"]) == "价格：（含税）"
    assert join_row(["안녕", "하세요"]) == "안녕 하세요"
    assert join_row([" a ", "", "b"]) == "a b"


def test_group_rows_orders_top_to_bottom_then_left_to_right() -> None:
    lines = [
        rect("right1", 600, 12, 100, 30),  # slightly lower than its row neighbour
        rect("title", 300, -60, 300, 60),
        rect("left2", 40, 80, 100, 30),
        rect("left1", 40, 10, 100, 30),
        rect("right2", 600, 78, 100, 30),
    ]
    rows = group_rows(lines)
    assert [[ln.text for ln in row] for row in rows] == [
        ["title"], ["left1", "right1"], ["left2", "right2"]]
    assert layout_text(rows) == "title\nleft1 right1\nleft2 right2"


def test_group_rows_joins_small_text_beside_big_text_but_not_stacked_lines() -> None:
    # A small unit on the baseline of a big amount is on its line; of two small lines stacked
    # beside a big title only one can be (they overlap sideways), the other starts its own row.
    rows = group_rows([rect("26.35", 0, 0, 200, 60), rect("元", 210, 34, 24, 24)])
    assert [[ln.text for ln in row] for row in rows] == [["26.35", "元"]]
    rows = group_rows([rect("BIG TITLE", 0, 0, 400, 60), rect("2024-05-01", 420, 5, 120, 20),
                       rect("Page 3", 420, 35, 80, 20)])
    assert [[ln.text for ln in row] for row in rows] == [["BIG TITLE", "2024-05-01"], ["Page 3"]]
    # Under the title, not beside it.
    rows = group_rows([rect("BIG TITLE", 0, 0, 400, 100), rect("caption", 420, 96, 80, 16)])
    assert [[ln.text for ln in row] for row in rows] == [["BIG TITLE"], ["caption"]]


def test_group_rows_tolerates_a_skewed_line() -> None:
    tilted = OcrLine("tilted", 0.9, ((0, 10), (300, 20), (300, 50), (0, 40)))
    rows = group_rows([rect("next", 320, 18, 60, 30), tilted])
    assert [[ln.text for ln in row] for row in rows] == [["tilted", "next"]]


# -- the engine on real pixels -------------------------------------------------------------------

def test_models_are_bundled_and_nothing_is_downloaded(monkeypatch: pytest.MonkeyPatch) -> None:
    import rapidocr
    from rapidocr.utils import download_file

    def refuse(*_: object, **__: object) -> None:
        raise AssertionError("rapidocr tried to download something")

    monkeypatch.setattr(download_file.DownloadFile, "run", classmethod(refuse))
    package = Path(rapidocr.__file__).resolve().parent
    paths = bundled_model_paths()
    assert set(paths) == {"det", "cls", "rec"}
    for path in paths.values():
        assert path.is_file() and path.suffix == ".onnx"
        assert package in path.resolve().parents
    fresh = LocalOcrEngine()
    fresh.load()
    assert fresh.loaded and fresh.model_paths == paths
    image, _ = draw_texts((300, 80), [("Hello 你好", (10, 10))], 36)
    assert character_error_rate(fresh.recognize(image).text, "Hello 你好") <= 0.1


def test_load_is_once_and_thread_safe() -> None:
    fresh = LocalOcrEngine()
    assert not fresh.loaded

    async def load_many() -> None:
        await asyncio.gather(*(fresh.load_async() for _ in range(4)))

    asyncio.run(load_many())
    assert fresh.loaded
    first = fresh._ocr
    fresh.load()
    assert fresh._ocr is first


def test_receipt_text_matches(receipt_output: tuple[OcrOutput, list[Drawn]]) -> None:
    output, _ = receipt_output
    reference = "\n".join(RECEIPT_LINES)
    cer = character_error_rate(output.text, reference)
    assert cer <= 0.03, f"CER {cer:.3f}:\n{output.text}"
    assert output.text.count("\n") == len(RECEIPT_LINES) - 1
    assert (output.width, output.height) == (900, 500)
    assert all(0.5 <= line.score <= 1.0 for line in output.lines)


def test_receipt_boxes_and_order(receipt_output: tuple[OcrOutput, list[Drawn]]) -> None:
    output, drawn = receipt_output
    assert_found_in_order(output, drawn, margin=6)
    for line in output.lines:
        assert len(line.box) == 4
        assert all(0 <= x <= 900 and 0 <= y <= 500 for x, y in line.box)


def test_reading_order_of_a_two_column_layout(engine: LocalOcrEngine) -> None:
    # Drawn bottom-up and right-to-left, so drawing order cannot pass for reading order.
    items = [
        ("第三页 Page three", (40, 300)),
        ("世界", (620, 170)),
        ("你好", (40, 172)),
        ("收银员 07", (620, 40)),
        ("日期 2024-05-01", (40, 44)),
    ]
    image, drawn = draw_texts((900, 400), items, 32)
    output = engine.recognize(image)
    expected = "日期 2024-05-01 收银员 07\n你好世界\n第三页 Page three"
    assert character_error_rate(output.text, expected) <= 0.05, output.text
    assert output.text.splitlines()[1] == "你好世界", "Chinese on one row joins without a space"
    assert_found_in_order(output, list(reversed(drawn)), margin=6)


def test_boxes_in_original_coordinates_when_engine_downscales(engine: LocalOcrEngine) -> None:
    # 3600x2000 is past the engine's 2000-pixel limit, so it recognises a smaller copy.
    image, drawn = receipt(scale=4)
    output = engine.recognize(image)
    assert (output.width, output.height) == (3600, 2000)
    assert character_error_rate(output.text, "\n".join(RECEIPT_LINES)) <= 0.03, output.text
    assert_found_in_order(output, drawn, margin=24)


def test_boxes_scaled_from_a_manually_downscaled_copy(engine: LocalOcrEngine) -> None:
    image, drawn = receipt(scale=2)
    small = image.resize((900, 500), Image.Resampling.LANCZOS)
    output = engine.recognize(png(small), original_size=(1800, 1000))
    assert (output.width, output.height) == (1800, 1000)
    assert_found_in_order(output, drawn, margin=12)


def test_prepared_image_boxes_use_its_original_size(engine: LocalOcrEngine) -> None:
    image, drawn = receipt(scale=2)
    small = image.resize((900, 500), Image.Resampling.LANCZOS)
    prepared = PreparedImage(data=png(small), mime="image/png", width=900, height=500,
                             source="/home/me/receipt.png", original_width=1800,
                             original_height=1000)
    output = engine.recognize(prepared)
    assert (output.width, output.height) == (1800, 1000)
    assert_found_in_order(output, drawn, margin=12)


def test_with_prepare_image(engine: LocalOcrEngine) -> None:
    from visiondesk.core.images import prepare_image

    image, drawn = receipt(scale=4)
    try:
        prepared = prepare_image(png(image), max_side=1600, name="big.png")
    except NotImplementedError:
        pytest.skip("prepare_image is not implemented yet")
    assert max(prepared.width, prepared.height) <= 1600
    output = engine.recognize(prepared)
    assert (output.width, output.height) == (3600, 2000)
    assert_found_in_order(output, drawn, margin=24)


def test_exif_rotated_photo_reads_upright(engine: LocalOcrEngine) -> None:
    upright, drawn = receipt()
    stored = upright.transpose(Image.Transpose.ROTATE_90)  # orientation 6 turns it back
    exif = Image.Exif()
    exif[0x0112] = 6
    buffer = io.BytesIO()
    stored.save(buffer, "JPEG", quality=95, exif=exif)
    output = engine.recognize(buffer.getvalue())
    assert (output.width, output.height) == (900, 500)
    assert character_error_rate(output.text, "\n".join(RECEIPT_LINES)) <= 0.05, output.text
    assert_found_in_order(output, drawn, margin=8)


def test_big_rotated_jpeg_is_draft_decoded_and_mapped_back(engine: LocalOcrEngine) -> None:
    # 7200x4000 as shown, stored turned (orientation 6): decoded at half size, turned, shrunk,
    # and the boxes still land in the 7200x4000 picture the person sees.
    upright, drawn = receipt(scale=8)
    exif = Image.Exif()
    exif[0x0112] = 6
    buffer = io.BytesIO()
    upright.transpose(Image.Transpose.ROTATE_90).save(buffer, "JPEG", quality=85, exif=exif)
    drafts: list[tuple[int, int]] = []
    original_draft = JpegImageFile.draft

    def spy(self: JpegImageFile, mode: str | None, size: tuple[int, int] | None) -> object:
        result = original_draft(self, mode, size)
        drafts.append(self.size)
        return result

    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(JpegImageFile, "draft", spy)
        output = engine.recognize(buffer.getvalue())
    assert drafts == [(2000, 3600)], "the JPEG was not decoded at reduced size"
    assert (output.width, output.height) == (7200, 4000)
    assert character_error_rate(output.text, "\n".join(RECEIPT_LINES)) <= 0.03, output.text
    assert_found_in_order(output, drawn, margin=48)


def test_transparent_png(engine: LocalOcrEngine) -> None:
    image = Image.new("RGBA", (400, 90), (0, 0, 0, 0))
    font = ImageFont.truetype(str(FONT), 36)
    ImageDraw.Draw(image).text((12, 16), "Total 合计", fill=(0, 0, 0, 255), font=font)
    output = engine.recognize(png(image))
    assert character_error_rate(output.text, "Total 合计") <= 0.1, output.text


def test_blank_image_has_no_text(engine: LocalOcrEngine) -> None:
    output = engine.recognize(Image.new("RGB", (300, 200), "white"))
    assert output.lines == () and output.text == ""


def test_unreadable_images(engine: LocalOcrEngine, tmp_path: Path) -> None:
    with pytest.raises(AnalysisError) as info:
        engine.recognize(b"this is not an image")
    assert info.value.kind is ErrorKind.IMAGE
    assert "not an image" in info.value.message
    truncated = png(receipt()[0])[:2000]
    with pytest.raises(AnalysisError) as info:
        engine.recognize(truncated)
    assert info.value.kind is ErrorKind.IMAGE
    with pytest.raises(AnalysisError, match=r"gone\.png does not exist"):
        engine.recognize(tmp_path / "gone.png")


def test_pdf_page_through_ocr(engine: LocalOcrEngine) -> None:
    pages = []
    for text in ("第一页 Page one", "第二页 Page two"):
        image, _ = draw_texts((1240, 1754), [(text, (120, 200))], 48)
        pages.append(image)
    buffer = io.BytesIO()
    pages[0].save(buffer, "PDF", save_all=True, append_images=pages[1:], resolution=150)
    (page,) = render_pdf_pages(buffer.getvalue(), [2], dpi=150)
    output = engine.recognize(page.data)
    assert character_error_rate(output.text, "第二页 Page two") <= 0.05, output.text


def test_recognize_async(engine: LocalOcrEngine) -> None:
    image, _ = draw_texts((300, 80), [("Apple 苹果", (10, 10))], 36)

    async def main() -> OcrOutput:
        ticks = 0

        async def ticker() -> None:
            nonlocal ticks
            while True:
                await asyncio.sleep(0.005)
                ticks += 1

        task = asyncio.create_task(ticker())
        try:
            return await engine.recognize_async(image)
        finally:
            task.cancel()
            assert ticks > 0, "the event loop was blocked while recognising"

    output = asyncio.run(main())
    assert character_error_rate(output.text, "Apple 苹果") <= 0.1


# -- the backend ---------------------------------------------------------------------------------

def prepared(image: Image.Image, source: str = "receipt.png") -> PreparedImage:
    return PreparedImage(data=png(image), mime="image/png", width=image.width,
                         height=image.height, source=source, original_width=image.width,
                         original_height=image.height)


def collect(stream: AsyncIterator[Event]) -> list[Event]:
    async def main() -> list[Event]:
        return [event async for event in stream]

    return asyncio.run(main())


def test_backend_constants() -> None:
    assert LOCAL_OCR_MODEL == "rapidocr"
    assert LOCAL_OCR_PROVIDER_NAME == "Local OCR (offline)"


def test_backend_event_stream(engine: LocalOcrEngine) -> None:
    image, _ = receipt()
    request = AnalysisRequest(model=LOCAL_OCR_MODEL, prompt="ignored", images=(prepared(image),))
    events = collect(run_local_ocr(request, engine=engine))
    assert [type(e) for e in events] == [Started, OcrLines, TextDelta, Finished]
    started, lines, text, finished = events
    assert isinstance(started, Started) and started.api == "local-ocr"
    assert started.url == "local://ocr"
    assert started.request == {"model": "rapidocr", "images": 1}
    assert isinstance(lines, OcrLines) and len(lines.lines) == len(RECEIPT_LINES)
    assert isinstance(text, TextDelta)
    assert character_error_rate(text.text, "\n".join(RECEIPT_LINES)) <= 0.03
    assert finished == Finished(Status.COMPLETED)


def test_backend_several_images_and_a_blank_one(engine: LocalOcrEngine) -> None:
    first, _ = draw_texts((300, 80), [("Hello 你好", (10, 10))], 36)
    blank = Image.new("RGB", (200, 100), "white")
    second, _ = draw_texts((300, 80), [("面包 Bread", (10, 10))], 36)
    request = AnalysisRequest(model="", prompt="", images=(
        prepared(first, "/tmp/a.png"), prepared(blank, "clipboard"), prepared(second, "b.jpg")))
    events = collect(run_local_ocr(request, engine=engine))
    assert [type(e) for e in events] == [Started, OcrLines, TextDelta, OcrLines, Notice,
                                         OcrLines, TextDelta, Finished]
    assert isinstance(events[0], Started)
    assert events[0].request == {"model": "rapidocr", "images": 3}
    assert isinstance(events[4], Notice) and events[4].message == "No text was found in clipboard."
    text = "".join(e.text for e in events if isinstance(e, TextDelta))
    assert text.startswith("[Image 1: a.png]\n")
    assert "\n\n[Image 3: b.jpg]\n" in text


def test_backend_refuses_remote_images() -> None:
    request = AnalysisRequest(model=LOCAL_OCR_MODEL, prompt="",
                              images=(RemoteImage("https://example.com/receipt.png"),))
    events = collect(run_local_ocr(request, engine=LocalOcrEngine()))
    assert [type(e) for e in events] == [Started, Failed]
    failed = events[1]
    assert isinstance(failed, Failed) and failed.error.kind is ErrorKind.IMAGE
    assert "inline" in failed.error.message
    assert "https://example.com/receipt.png" in failed.error.message


def test_backend_without_images() -> None:
    events = collect(run_local_ocr(AnalysisRequest(model="rapidocr", prompt="x"),
                                   engine=LocalOcrEngine()))
    assert [type(e) for e in events] == [Started, Failed]


def test_backend_reports_a_broken_image_readably(engine: LocalOcrEngine) -> None:
    broken = PreparedImage(data=b"\x89PNG\r\n\x1a\nbroken", mime="image/png", width=10,
                           height=10, source="/photos/broken.png", original_width=10,
                           original_height=10)
    events = collect(run_local_ocr(AnalysisRequest(model="rapidocr", prompt="",
                                                   images=(broken,)), engine=engine))
    assert [type(e) for e in events] == [Started, Failed]
    error = events[1].error  # type: ignore[union-attr]
    assert error.kind is ErrorKind.IMAGE
    assert error.message.startswith("broken.png ")
    assert "Traceback" not in error.message


class ExplodingEngine(LocalOcrEngine):
    async def recognize_async(self, image: object, *,
                              original_size: tuple[int, int] | None = None) -> OcrOutput:
        raise RuntimeError("onnxruntime fell over")


def test_backend_turns_unexpected_errors_into_failed() -> None:
    request = AnalysisRequest(model="rapidocr", prompt="",
                              images=(prepared(Image.new("RGB", (10, 10))),))
    events = collect(run_local_ocr(request, engine=ExplodingEngine()))
    assert [type(e) for e in events] == [Started, Failed]
    error = events[1].error  # type: ignore[union-attr]
    assert error.message == "Local OCR failed on receipt.png: RuntimeError: onnxruntime fell over"


class StuckEngine(LocalOcrEngine):
    def __init__(self) -> None:
        super().__init__()
        self.entered = asyncio.Event()

    async def recognize_async(self, image: object, *,
                              original_size: tuple[int, int] | None = None) -> OcrOutput:
        self.entered.set()
        await asyncio.Event().wait()  # never set: only cancellation gets out
        raise AssertionError("unreachable")


def test_backend_cancellation_propagates() -> None:
    request = AnalysisRequest(model="rapidocr", prompt="",
                              images=(prepared(Image.new("RGB", (10, 10))),))

    async def main() -> list[Event]:
        engine = StuckEngine()
        seen: list[Event] = []

        async def consume() -> None:
            async for event in run_local_ocr(request, engine=engine):
                seen.append(event)

        task = asyncio.create_task(consume())
        await asyncio.wait_for(engine.entered.wait(), 5)
        task.cancel()
        with pytest.raises(asyncio.CancelledError):
            await task
        return seen

    seen = asyncio.run(main())
    assert [type(e) for e in seen] == [Started]


def test_default_engine_is_shared() -> None:
    assert engine_module.default_engine() is engine_module.default_engine()
