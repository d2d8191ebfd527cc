"""From recognised boxes to text: rows that survive a skewed photo, and the ways to lay them out.

Rows: a photo of a receipt is rarely straight. At 3° a 560-pixel-wide row drops 30 pixels from
its left end to its right end, nearly a whole line, so comparing raw box centres puts a label on
the line of the amount *below* its own. ``group_rows`` therefore first estimates the page's skew
from the boxes themselves (the length-weighted median angle of the long boxes' top and bottom
edges: long boxes because a short box's angle is mostly noise), turns every box back by that
angle, and only then groups boxes whose deskewed vertical extents line up.

Modes (``OcrMode``), after NormCap's parse modes: ``lines`` one row per line (the default),
``paragraphs`` rows joined into paragraphs (column by column, see ``blocks``), ``single-line``
everything on one line and ``raw`` the engine's own boxes in its own order. ``format_text``
applies one; ``extract_links`` finds web addresses and e-mail addresses in the result so a
caller can offer them on their own.

Plain Python, no engine: the window's overlay uses ``group_rows`` for a selection of boxes too.
"""

from __future__ import annotations

import itertools
import math
import re
import statistics
import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from enum import StrEnum
from typing import TYPE_CHECKING

from visiondesk.ocr.blocks import blocks

if TYPE_CHECKING:
    from visiondesk.core.events import OcrLine

# Beyond this a box's edge is not a text line's slope (vertical text, a detector oddity), and the
# engine's own 0/180° classifier is what handles upside-down pages.
_MAX_SKEW = math.radians(20)


class OcrMode(StrEnum):
    """How recognised text is laid out."""

    LINES = "lines"              # reading order, one row per line
    PARAGRAPHS = "paragraphs"    # rows joined into paragraphs, a blank line between them
    SINGLE_LINE = "single-line"  # everything on one line
    RAW = "raw"                  # the engine's own order, one box per line

    @classmethod
    def parse(cls, value: OcrMode | str | None) -> OcrMode:
        """A mode from its name ("single_line" and any case accepted); None means ``lines``.

        Raises ValueError naming the modes when ``value`` is none of them.
        """
        if value is None or value == "":
            return cls.LINES
        if isinstance(value, OcrMode):
            return value
        name = str(value).strip().lower().replace("_", "-")
        try:
            return cls(name)
        except ValueError:
            choices = ", ".join(mode.value for mode in cls)
            raise ValueError(f"unknown OCR layout mode {value!r}; choose one of {choices}") from None


def _is_cjk(char: str) -> bool:
    """True for characters written without spaces between them (Chinese, Japanese kana)."""
    if unicodedata.east_asian_width(char) not in ("W", "F"):
        return False
    # Korean is wide too, but separates words with spaces like English does.
    return not unicodedata.name(char, "").startswith("HANGUL")


def _joined(left: str, right: str) -> str:
    if not left:
        return right
    if not right:
        return left
    if _is_cjk(left[-1]) and _is_cjk(right[0]):
        return left + right
    return f"{left} {right}"


def join_row(texts: Sequence[str]) -> str:
    """Texts of boxes on one row, left to right: a space between words, none between CJK."""
    out = ""
    for text in texts:
        out = _joined(out, text.strip())
    return out


# -- geometry ------------------------------------------------------------------------------------

def _edges(line: OcrLine) -> tuple[float, float, float, float] | None:
    """(angle of the top edge, of the bottom edge, mean edge length, side height) of a 4-corner box.

    Corners come clockwise from the top-left, as rapidocr (and every OcrLine) gives them.
    """
    if len(line.box) != 4:
        return None
    (x0, y0), (x1, y1), (x2, y2), (x3, y3) = line.box
    top = math.atan2(y1 - y0, x1 - x0)
    bottom = math.atan2(y2 - y3, x2 - x3)
    length = (math.hypot(x1 - x0, y1 - y0) + math.hypot(x2 - x3, y2 - y3)) / 2
    height = (math.hypot(x3 - x0, y3 - y0) + math.hypot(x2 - x1, y2 - y1)) / 2
    return top, bottom, length, height


def _weighted_median(samples: Sequence[tuple[float, float]]) -> float:
    ordered = sorted(samples)
    half = sum(weight for _, weight in ordered) / 2
    running = 0.0
    for value, weight in ordered:
        running += weight
        if running >= half:
            return value
    return ordered[-1][0]


def estimate_skew(lines: Iterable[OcrLine]) -> float:
    """The page's text-line angle in radians (positive: lines fall to the right), 0 if unknown.

    The length-weighted median of the top and bottom edge angles of the long boxes (at least
    twice as wide as tall); when there are none, of every box wider than tall.
    """
    long_boxes: list[tuple[float, float]] = []
    other: list[tuple[float, float]] = []
    for line in lines:
        edges = _edges(line)
        if edges is None:
            continue
        top, bottom, length, height = edges
        if length < max(height, 1.0):
            continue
        target = long_boxes if length >= 2 * height else other
        target.extend((angle, length) for angle in (top, bottom) if abs(angle) <= _MAX_SKEW)
    samples = long_boxes or other
    return _weighted_median(samples) if samples else 0.0


@dataclass(frozen=True, slots=True)
class _Placed:
    """A box in the deskewed frame: ``cy`` its vertical centre, ``left``/``right`` its x extent."""

    line: OcrLine
    cy: float
    left: float
    right: float
    height: float


def _place(line: OcrLine, cos: float, sin: float) -> _Placed:
    # Rotating by -skew: x' = x cos + y sin, y' = y cos - x sin. A text line y = x tan + c becomes
    # y' = c cos, flat, so boxes on one skewed line get equal centres.
    corners = line.box or ((0.0, 0.0),)
    xs = [x * cos + y * sin for x, y in corners]
    ys = [y * cos - x * sin for x, y in corners]
    edges = _edges(line)
    # The side edges give the text height even when a box has its own slant; the extent of the
    # corners would overstate it.
    height = edges[3] if edges is not None else max(ys) - min(ys)
    return _Placed(line, sum(ys) / len(ys), min(xs), max(xs), max(height, 1.0))


@dataclass(slots=True)
class _Row:
    members: list[_Placed]
    cy: float
    height: float

    def add(self, item: _Placed) -> None:
        self.members.append(item)
        self.cy = statistics.fmean(p.cy for p in self.members)
        self.height = statistics.median(p.height for p in self.members)

    def admits(self, item: _Placed) -> float | None:
        """How far ``item`` is from this row's centre, relative to the allowance; None if too far.

        Equal heights share a row when their centres are within half a height. For mixed sizes
        the smaller box may sit anywhere inside the bigger one's height (a small unit beside a big
        amount, aligned at the baseline or the top), as long as the bigger is at most three times
        as tall: a column of vertical text or a huge title does not swallow the lines beside it.
        Nothing joins a row whose boxes it overlaps sideways: two boxes at the same x are two
        lines, however close.
        """
        smaller, bigger = sorted((item.height, self.height))
        allowance = (bigger if bigger <= 3 * smaller else smaller) / 2
        distance = abs(item.cy - self.cy)
        if distance > allowance:
            return None
        for other in self.members:
            overlap = min(item.right, other.right) - max(item.left, other.left)
            narrower = min(item.right - item.left, other.right - other.left)
            if overlap > 0.3 * max(narrower, 1.0):
                return None
        return distance / allowance


def _deskewed(lines: Sequence[OcrLine]) -> list[_Placed]:
    skew = estimate_skew(lines)
    cos, sin = math.cos(skew), math.sin(skew)
    return [_place(line, cos, sin) for line in lines]


def _rows(lines: Sequence[OcrLine]) -> list[list[_Placed]]:
    return _group(_deskewed(lines))


def _group(items: Sequence[_Placed]) -> list[list[_Placed]]:
    placed = sorted(items, key=lambda p: (p.cy, p.left))
    rows: list[_Row] = []
    tallest = 0.0
    for item in placed:
        tallest = max(tallest, item.height)
        best: tuple[float, _Row] | None = None
        # Items come top to bottom, so only recent rows can still be in reach.
        for row in reversed(rows):
            if row.cy < item.cy - 2 * tallest:
                break
            score = row.admits(item)
            if score is not None and (best is None or score < best[0]):
                best = (score, row)
        if best is None:
            rows.append(_Row([item], item.cy, item.height))
        else:
            best[1].add(item)
    rows.sort(key=lambda row: row.cy)
    return [sorted(row.members, key=lambda p: p.left) for row in rows]


def group_rows(lines: Sequence[OcrLine]) -> list[list[OcrLine]]:
    """Lines grouped into rows, rows top to bottom and each row left to right, after deskewing."""
    return [[p.line for p in row] for row in _rows(lines)]


def layout_text(rows: Sequence[Sequence[OcrLine]]) -> str:
    """Rows as text: one line per row."""
    return "\n".join(text for row in rows if (text := join_row([ln.text for ln in row])))


# -- paragraphs ----------------------------------------------------------------------------------

@dataclass(frozen=True, slots=True)
class _RowShape:
    text: str
    top: float
    bottom: float
    left: float
    height: float


def _shape(row: Sequence[_Placed]) -> _RowShape:
    height = statistics.median(p.height for p in row)
    cy = statistics.fmean(p.cy for p in row)
    return _RowShape(join_row([p.line.text for p in row]), cy - height / 2, cy + height / 2,
                     min(p.left for p in row), height)


def _starts_paragraph(prev: _RowShape, row: _RowShape, pitch: float | None) -> bool:
    height = min(prev.height, row.height)
    if max(prev.height, row.height) > 1.4 * height:
        return True  # a heading, or body text after one
    gap = row.top - prev.bottom
    if gap > 0.8 * height:
        return True  # a blank line's worth of space
    if pitch is not None and row.top - prev.top > 1.5 * pitch:
        return True  # more space than this page puts between its lines
    # A first-line indent: a box is about 1.4 font sizes tall, an indent one em or more.
    return row.left - prev.left > 0.6 * height


def _join_lines(left: str, right: str) -> str:
    # "exam-" + "ple" was one word broken at the line end; "2024-" + "05" or "A-" + "B" were not.
    if (len(left) >= 2 and left.endswith("-") and left[-2].isalpha() and left[-2].isascii()
            and right[:1].islower() and right[:1].isascii()):
        return left[:-1] + right
    return _joined(left, right)


def _paragraphs(rows: Sequence[Sequence[_Placed]]) -> list[str]:
    shapes = [shape for shape in map(_shape, rows) if shape.text]
    pitches = [b.top - a.top for a, b in itertools.pairwise(shapes)
               if abs(b.height - a.height) < 0.3 * a.height and b.top > a.top]
    pitch = statistics.median(pitches) if len(pitches) >= 3 else None
    out: list[str] = []
    for index, shape in enumerate(shapes):
        if index and not _starts_paragraph(shapes[index - 1], shape, pitch):
            out[-1] = _join_lines(out[-1], shape.text)
        else:
            out.append(shape.text)
    return out


# -- modes ---------------------------------------------------------------------------------------

def format_text(lines: Sequence[OcrLine], mode: OcrMode | str | None = OcrMode.LINES) -> str:
    """``lines`` (as the engine found them) laid out in ``mode``; see OcrMode."""
    chosen = OcrMode.parse(mode)
    if chosen is OcrMode.RAW:
        return "\n".join(text for line in lines if (text := line.text.strip()))
    if chosen is OcrMode.PARAGRAPHS:
        # Columns first (a two-column article must not be read across), then rows in each.
        return "\n\n".join(text for block in blocks(_deskewed(lines))
                             for text in _paragraphs(_group(block)))
    rows = _rows(lines)
    texts = [text for row in rows if (text := join_row([p.line.text for p in row]))]
    if chosen is OcrMode.SINGLE_LINE:
        out = ""
        for text in texts:
            out = _join_lines(out, text) if out else text
        return out
    return "\n".join(texts)


# -- links ---------------------------------------------------------------------------------------

# ASCII classes on purpose: in Python ``\w`` matches Chinese, and "网址https://a.cn。" must not
# swallow the characters around the address.
_HOST = r"(?:[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?\.)+[A-Za-z]{2,24}"
_PATH = r"(?:[/?#][A-Za-z0-9\-._~:/?#\[\]@!$&'()*+,;=%]*)?"
_LINK = re.compile(
    r"(?P<email>(?<![A-Za-z0-9._%+-])[A-Za-z0-9._%+-]+@" + _HOST + r")"
    r"|(?P<url>(?<![A-Za-z0-9])(?:https?://|ftp://|www\.)" + r"(?:[A-Za-z0-9-]+\.)*[A-Za-z0-9-]+"
    r"(?::\d{1,5})?" + _PATH + r")",
)
_TRAILING = ".,;:!?'\")]}>"


def _trimmed(link: str) -> str:
    # A sentence's full stop or a closing bracket is not part of the address, unless the
    # bracket was opened inside it (Wikipedia's "Python_(language)").
    while link and link[-1] in _TRAILING:
        if link[-1] == ")" and link.count("(") >= link.count(")"):
            break
        link = link[:-1]
    return link


def extract_links(text: str) -> list[str]:
    """Web addresses (http, https, ftp, www.) and e-mail addresses in ``text``, once each, in order.

    Returned as written, trailing punctuation removed; a caller decides how to open them.
    """
    found: list[str] = []
    for match in _LINK.finditer(text):
        link = _trimmed(match.group(0))
        if link.lower().startswith("www.") and "." not in link[4:].split("/", 1)[0]:
            continue  # "www.example" without a top-level domain is a word, not an address
        if link and link not in found:
            found.append(link)
    return found
