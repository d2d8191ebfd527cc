"""Text utilities with no Qt: turn a Markdown answer into the plain text a person would copy.

Vision models wrap OCR output in Markdown (headings, bold, tables, code fences). The window's
Text tab and "copy as plain text" want the words without the markup, keeping line structure so a
transcribed receipt still reads line by line.
"""

from __future__ import annotations

import re

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


def _unwrap(match: re.Match[str]) -> str:
    """The emphasised words without their markers; a run of markers alone is literal text
    (a masked card number "Card **** 4417" is not bold or italic anything)."""
    inner = match.group(match.lastindex or 0)
    return inner if inner.strip("*_~") else match.group(0)


def markdown_to_plain(markdown: str) -> str:
    """The words of a Markdown text without its markup.

    Headings, emphasis, links, images (their alt text stays), block quotes, list markers and
    horizontal rules are removed; code blocks keep their contents verbatim; table rows become
    tab-separated cells (so they paste into a spreadsheet) and their separator row disappears.
    Line breaks are kept; runs of blank lines shrink to one.
    """
    out: list[str] = []
    in_fence: str | None = None
    for raw in markdown.replace("\r\n", "\n").replace("\r", "\n").split("\n"):
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
            continue
        heading = _HEADING.match(line)
        if heading:
            out.append(_inline(heading.group(1)))
            continue
        if "|" in line and line.strip().startswith("|"):
            out.append(_table_row(line))
            continue
        line = _BULLET.sub(r"\1", line)
        line = _ORDERED.sub(r"\1\2. ", line)
        out.append(_inline(line.rstrip()))
    text = "\n".join(out)
    text = re.sub(r"\n{3,}", "\n\n", text)
    return text.strip("\n")
