"""OCR text layout on hand-made boxes (no engine): rows that survive skew, modes, links, tiles.

The boxes are placed and turned by hand, so each test states exactly the geometry it is about: a
receipt turned up to 5° either way, mixed sizes on one baseline, vertical text, paragraphs and
columns, and the tile plan and merge of very tall images. ``test_ocr_pages.py`` reads generated
pages with the real engine.
"""

from __future__ import annotations

import itertools
import math
from collections.abc import Sequence

import pytest
from PIL import Image

from visiondesk.core.events import OcrLine
from visiondesk.ocr.engine import LocalOcrEngine, OcrSettings
from visiondesk.ocr.layout import (
    OcrMode,
    estimate_skew,
    extract_links,
    format_text,
    group_rows,
)
from visiondesk.ocr.tiles import Tile, is_tall, merge_tiles, plan_tiles

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
