"""Text utilities with no Qt: turn a Markdown answer into the plain text a person would copy.

Vision models wrap OCR output in Markdown (headings, bold, tables, code fences). The window's
Text tab and "copy as plain text" want the words without the markup, keeping line structure so a
transcribed receipt still reads line by line; there list items keep a bullet and tables line up
in columns (Chinese and Japanese characters count two columns, as a terminal or a monospaced
font draws them).
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable

_FENCE = re.compile(r"^\s*(```|~~~)")
_HEADING = re.compile(r"^\s{0,3}#{1,6}\s+(.*?)\s*#*\s*$")
_SETEXT = re.compile(r"^\s{0,3}(=+|-+)\s*$")
_RULE = re.compile(r"^\s{0,3}([-*_])(\s*\1){2,}\s*$")
_QUOTE = re.compile(r"^\s{0,3}>\s?")
_BULLET = re.compile(r"^(\s*)[-*+]\s+(\[[ xX]\]\s+)?")
_ORDERED = re.compile(r"^(\s*)(\d+)[.)]\s+")
_TABLE_SEP = re.compile(r"^\s*\|?\s*:?-{2,}:?\s*(\|\s*:?-{2,}:?\s*)*\|?\s*$")
_IMAGE = re.compile(r"!\[([^\]]*)\]\([^)]*\)")
_LINK = re.compile(r"\[([^\]]+)\]\([^)]*\)")
_AUTOLINK = re.compile(r"<((?:https?|mailto):[^>]+)>")
_CODE_SPAN = re.compile(r"(`+)(.+?)\1")
_BOLD = re.compile(r"(\*\*|__)(?=\S)(.+?)(?<=\S)\1")
_ITALIC_STAR = re.compile(r"(?<![\w*])\*(?=\S)(.+?)(?<=\S)\*(?![\w*])")
_ITALIC_UNDERSCORE = re.compile(r"(?<![\w_])_(?=\S)(.+?)(?<=\S)_(?![\w_])")
_STRIKE = re.compile(r"~~(?=\S)(.+?)(?<=\S)~~")
_HTML_BREAK = re.compile(r"<br\s*/?>", re.IGNORECASE)
_ESCAPE = re.compile(r"\\([\\`*_{}\[\]()#+\-.!|>~])")


def _inline(text: str) -> str:
    """Strip inline markup from one line, leaving code spans' contents untouched."""
    spans: list[str] = []

    def keep(match: re.Match[str]) -> str:
        spans.append(match.group(2).strip() if match.group(2).strip() else match.group(2))
        return f"\x00{len(spans) - 1}\x00"

    text = _CODE_SPAN.sub(keep, text)
    text = _IMAGE.sub(r"\1", text)
    text = _LINK.sub(r"\1", text)
    text = _AUTOLINK.sub(r"\1", text)
    text = _HTML_BREAK.sub(" ", text)
    text = _BOLD.sub(_unwrap, text)
    text = _STRIKE.sub(_unwrap, text)
    text = _ITALIC_STAR.sub(_unwrap, text)
    text = _ITALIC_UNDERSCORE.sub(_unwrap, text)
    text = _ESCAPE.sub(r"\1", text)
    return re.sub(r"\x00(\d+)\x00", lambda m: spans[int(m.group(1))], text)


def _table_row(line: str) -> str:
    cells = line.strip()
    if cells.startswith("|"):
        cells = cells[1:]
    if cells.endswith("|") and not cells.endswith("\\|"):
        cells = cells[:-1]
    parts = [_inline(cell.strip()) for cell in re.split(r"(?<!\\)\|", cells)]
    return "\t".join(parts)


def _bullet(match: re.Match[str]) -> str:
    """A list item's marker for reading: "•", or the state of a task-list box."""
    box = (match.group(2) or "").strip().lower()
    mark = {"[x]": "☑", "[ ]": "☐"}.get(box, "•")
    return f"{match.group(1)}{mark} "


def _unwrap(match: re.Match[str]) -> str:
    """The emphasised words without their markers; a run of markers alone is literal text
    (a masked card number "Card **** 4417" is not bold or italic anything)."""
    inner = match.group(match.lastindex or 0)
    return inner if inner.strip("*_~") else match.group(0)


def display_width(text: str) -> int:
    """Columns ``text`` takes in a monospaced font: wide (CJK) characters take two, combining
    marks none."""
    width = 0
    for char in text:
        if unicodedata.combining(char):
            continue
        width += 2 if unicodedata.east_asian_width(char) in ("W", "F") else 1
    return width


def align_table(rows: list[list[str]], gap: int = 2,
                width: Callable[[str], float] = display_width,
                right: frozenset[int] = frozenset()) -> list[str]:
    """Rows of cells as lines whose columns line up; trailing spaces go.

    ``width`` measures a cell in spaces: its display width by default (what a terminal or a
    monospaced editor shows); a window can pass its font's own measure. Columns in ``right``
    (``--:`` in Markdown: prices, quantities) are right-aligned."""
    columns = max((len(row) for row in rows), default=0)
    widths = [0.0] * columns
    for row in rows:
        for i, cell in enumerate(row):
            widths[i] = max(widths[i], width(cell))
    lines = []
    for row in rows:
        # Pad to where each column starts (not cell by cell): with a font's fractional widths
        # the rounding never adds up along the line.
        line, start = "", 0.0
        for i, cell in enumerate(row):
            if i:
                start += widths[i - 1] + gap
            at = start + (widths[i] - width(cell) if i in right else 0.0)
            if i or at:
                line += " " * max(1 if i else 0, round(at - width(line)))
            line += cell
        lines.append(line.rstrip())
    return lines


_ATX = re.compile(r"^( {0,3})(#{1,6})(?=\s|$)")


def demote_headings(markdown: str, levels: int) -> str:
    """Every ATX heading ``levels`` deeper (at most ``######``), code fences untouched: an
    answer nested under a heading of its own keeps its outline below that heading."""
    out = []
    fence: str | None = None
    for line in markdown.split("\n"):
        marker = _FENCE.match(line)
        if marker and (fence is None or marker.group(1) == fence):
            fence = marker.group(1) if fence is None else None
        elif fence is None:
            line = _ATX.sub(lambda m: m.group(1) + "#" * min(6, len(m.group(2)) + levels), line)
        out.append(line)
    return "\n".join(out)


def markdown_to_plain(markdown: str, *, bullets: bool = False, align_tables: bool = False,
                      width: Callable[[str], float] = display_width) -> str:
    """The words of a Markdown text without its markup.

    Headings, emphasis, links, images (their alt text stays), block quotes, list markers and
    horizontal rules are removed; code blocks keep their contents verbatim; table rows become
    tab-separated cells (so they paste into a spreadsheet) and their separator row disappears.
    Line breaks are kept; runs of blank lines shrink to one.

    For reading (the window's Text tab and "copy as plain text"): ``bullets`` keeps a "•" for
    each list item, ``align_tables`` lines table cells up in columns with spaces (``width``
    measures a cell in spaces, see :func:`align_table`).
    """
    out: list[str] = []
    in_fence: str | None = None
    table: list[list[str]] = []
    right: set[int] = set()

    def flush_table() -> None:
        if table:
            out.extend(align_table(table, width=width, right=frozenset(right)))
            table.clear()
            right.clear()

    for raw in markdown.replace("\r\n", "\n").replace("\r", "\n").split("\n"):
        if table and not (align_tables and "|" in raw and raw.strip().startswith("|")):
            flush_table()
        fence = _FENCE.match(raw)
        if in_fence is not None:
            if fence and fence.group(1) == in_fence:
                in_fence = None
            else:
                out.append(raw)
            continue
        if fence:
            in_fence = fence.group(1)
            continue
        line = raw
        while _QUOTE.match(line):
            line = _QUOTE.sub("", line, count=1)
        if _RULE.match(line):
            out.append("")
            continue
        if _SETEXT.match(line) and out and out[-1].strip():
            continue  # the underline of a setext heading
        if _TABLE_SEP.match(line) and "|" in line:
            if align_tables and table:
                right.update(i for i, cell in enumerate(_table_row(line).split("\t"))
                             if cell.rstrip().endswith(":") and not cell.lstrip().startswith(":"))
            continue
        heading = _HEADING.match(line)
        if heading:
            out.append(_inline(heading.group(1)))
            continue
        if "|" in line and line.strip().startswith("|"):
            if align_tables and line is raw:
                table.append(_table_row(line).split("\t"))
            else:
                out.append(_table_row(line))
            continue
        line = _BULLET.sub(_bullet if bullets else r"\1", line)
        line = _ORDERED.sub(r"\1\2. ", line)
        out.append(_inline(line.rstrip()))
    flush_table()
    text = "\n".join(out)
    text = re.sub(r"\n{3,}", "\n\n", text)
    return text.strip("\n")
