"""Columns of prose found by whitespace, for the paragraphs layout (a recursive X-Y cut).

A two-column article read row by row interleaves its columns. So before paragraphs are formed
the boxes are split where white space runs through them: down a gutter between columns, or
across between bands (a full-width heading above two columns). A cut down a gutter is made only
between two real columns, each at least ``MIN_COLUMN`` line heights wide and with two rows or
more, so a receipt's narrow column of amounts stays beside its labels. Cuts across only serve to
reach gutters: bands in which no gutter was found are joined again, so a single column stays one
block whose paragraphs are found by their gaps and indents.

Works on any boxes with ``left``, ``right``, ``cy`` and ``height`` in a deskewed frame.
"""

from __future__ import annotations

import statistics
from collections.abc import Sequence
from typing import Protocol, TypeVar

GUTTER = 1.5
"""The narrowest gutter between columns, in line heights."""
MIN_COLUMN = 8.0
"""The narrowest column of prose, in line heights (about eight Chinese characters)."""
_MAX_DEPTH = 40


class Placed(Protocol):
    @property
    def left(self) -> float: ...
    @property
    def right(self) -> float: ...
    @property
    def cy(self) -> float: ...
    @property
    def height(self) -> float: ...


T = TypeVar("T", bound=Placed)


def _top(item: Placed) -> float:
    return item.cy - item.height / 2


def _bottom(item: Placed) -> float:
    return item.cy + item.height / 2


def _column_cut(items: Sequence[T], line: float) -> tuple[list[T], list[T]] | None:
    """Left and right of the widest gutter between two real columns, or None."""
    ordered = sorted(items, key=lambda p: p.left)
    best: tuple[float, int] | None = None
    reach = ordered[0].right
    for index in range(1, len(ordered)):
        gap = ordered[index].left - reach
        if gap >= GUTTER * line and (best is None or gap > best[0]):
            best = (gap, index)
        reach = max(reach, ordered[index].right)
    if best is None:
        return None
    left, right = ordered[:best[1]], ordered[best[1]:]
    for side in (left, right):
        width = max(p.right for p in side) - min(p.left for p in side)
        span = max(_bottom(p) for p in side) - min(_top(p) for p in side)
        if width < MIN_COLUMN * line or span < 1.8 * line:
            return None
    return left, right


def _band_cut(items: Sequence[T]) -> tuple[list[T], list[T]] | None:
    """Above and below the widest horizontal white band, or None when every row touches."""
    ordered = sorted(items, key=_top)
    best: tuple[float, int] | None = None
    reach = _bottom(ordered[0])
    for index in range(1, len(ordered)):
        gap = _top(ordered[index]) - reach
        if gap > 0 and (best is None or gap > best[0]):
            best = (gap, index)
        reach = max(reach, _bottom(ordered[index]))
    if best is None:
        return None
    return ordered[:best[1]], ordered[best[1]:]


def _cut(items: list[T], line: float, depth: int) -> list[list[T]]:
    if len(items) < 2 or depth > _MAX_DEPTH:
        return [items]
    columns = _column_cut(items, line)
    if columns is not None:
        return [block for side in columns for block in _cut(side, line, depth + 1)]
    bands = _band_cut(items)
    if bands is None:
        return [items]
    above, below = (_cut(band, line, depth + 1) for band in bands)
    if len(above) == 1 and len(below) == 1:
        return [above[0] + below[0]]  # no columns on either side: one block, as before
    return above + below


def blocks(items: Sequence[T]) -> list[list[T]]:
    """``items`` in blocks in reading order: bands top to bottom, columns left to right."""
    if not items:
        return []
    line = statistics.median(p.height for p in items)
    return _cut(list(items), line, 0)
