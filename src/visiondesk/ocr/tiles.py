"""Very tall images (chat logs, whole web pages) read in overlapping horizontal strips.

Shrinking a 1080x9000 screenshot to fit 2000 pixels would leave 240-pixel-wide text nobody
could read, machine or person. Instead the image keeps its width and is cut into tiles about as
tall as the detector's input, each overlapping the next by more than twice a tall line. Every
tile owns the middle of its overlaps ("core"): a box is kept from the tile whose core holds its
centre, so a line cut by one tile's edge is taken whole from the neighbour. What is still seen
twice (a box right at the core boundary, read slightly differently by two tiles) is removed by
overlap.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from visiondesk.core.events import OcrLine

TALL_RATIO = 2.5
"""An image is tiled when its height exceeds this many widths..."""
TALL_MIN_HEIGHT = 2000
"""...and this many pixels (a 300x900 sticker is simply read whole)."""


def is_tall(width: int, height: int) -> bool:
    return height > TALL_RATIO * width and height > TALL_MIN_HEIGHT


@dataclass(frozen=True, slots=True)
class Tile:
    """Rows ``top``..``bottom`` of the image; boxes centred in ``core_top``..``core_bottom`` count."""

    top: int
    bottom: int
    core_top: float
    core_bottom: float


def plan_tiles(height: int, tile_height: int, overlap: int) -> list[Tile]:
    """Tiles covering rows 0..height, each ``tile_height`` tall, consecutive ones sharing ``overlap``."""
    if height <= tile_height:
        return [Tile(0, height, 0.0, float(height))]
    step = tile_height - overlap
    count = -(-(height - overlap) // step)  # ceil: the last tile ends at the bottom
    step = -(-(height - overlap) // count)  # spread the tiles evenly over the height
    tops = [min(i * step, height - tile_height) for i in range(count)]
    tiles = []
    for index, top in enumerate(tops):
        bottom = top + tile_height
        core_top = 0.0 if index == 0 else (top + tops[index - 1] + tile_height) / 2
        core_bottom = float(height) if index == count - 1 else (tops[index + 1] + bottom) / 2
        tiles.append(Tile(top, bottom, core_top, core_bottom))
    return tiles


def _bounds(line: OcrLine) -> tuple[float, float, float, float]:
    xs = [x for x, _ in line.box]
    ys = [y for _, y in line.box]
    return min(xs), min(ys), max(xs), max(ys)


def _same_text_place(a: OcrLine, b: OcrLine) -> bool:
    """True when two boxes cover mostly the same place: one line read twice."""
    ax0, ay0, ax1, ay1 = _bounds(a)
    bx0, by0, bx1, by1 = _bounds(b)
    w = min(ax1, bx1) - max(ax0, bx0)
    h = min(ay1, by1) - max(ay0, by0)
    if w <= 0 or h <= 0:
        return False
    smaller = min((ax1 - ax0) * (ay1 - ay0), (bx1 - bx0) * (by1 - by0))
    return w * h > 0.5 * max(smaller, 1.0)


def merge_tiles(found: Sequence[tuple[Tile, Sequence[OcrLine]]]) -> list[OcrLine]:
    """Boxes of every tile (in tile coordinates) as one list in image coordinates, each line once."""
    kept: list[OcrLine] = []
    for tile, lines in found:
        # Only boxes of the tiles above that reach into this tile can be read again here.
        reach = [i for i, line in enumerate(kept) if _bounds(line)[3] > tile.top]
        for line in lines:
            moved = OcrLine(line.text, line.score,
                            tuple((x, y + tile.top) for x, y in line.box))
            centre = sum(y for _, y in moved.box) / len(moved.box)
            if not tile.core_top <= centre < tile.core_bottom:
                continue
            twin = next((i for i in reach if _same_text_place(kept[i], moved)), None)
            if twin is None:
                kept.append(moved)
            elif moved.score > kept[twin].score:
                kept[twin] = moved
    return kept
