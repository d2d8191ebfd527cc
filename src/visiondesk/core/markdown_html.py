"""Markdown -> the HTML subset QTextDocument understands, with no Qt.

An answer is rendered with markdown-it-py (CommonMark, GFM tables, strikethrough, task lists)
and Pygments, into HTML that styles everything inline or with attributes: QTextDocument ignores
CSS classes, ``padding`` outside table cells and most selectors. Code blocks become a one-cell
table (background, border, padding) headed by the language and a ``copy:N`` link the view turns
into "copy code block N"; table headers are shaded; task-list boxes are drawn as ☐ / ☑.

The answer is hostile: raw HTML in it is shown as text (``html=False``), links keep only
http(s) and mailto targets (markdown-it already refuses ``javascript:``, ``vbscript:``, ``file:``
and ``data:``), and images are never embedded, so nothing is fetched or read from disk: an
image becomes a link with its alt text, opened only if the person clicks it.

While an answer streams, :class:`BlockSplitter` finds where the text can be cut into finished
top-level blocks, so a view renders each finished block once and re-renders only the last one.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from html import escape
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from collections.abc import Sequence

    from markdown_it import MarkdownIt
    from markdown_it.token import Token

MONO_FAMILY = "'DejaVu Sans Mono','Menlo','Consolas','Noto Sans Mono CJK SC',monospace"
HIGHLIGHT_LIMIT = 40_000   # characters of one code block Pygments colours; beyond, plain
SAFE_SCHEMES = ("http://", "https://", "mailto:")


@dataclass(frozen=True, slots=True)
class Palette:
    """Colours of a rendered answer (light or dark)."""

    text: str
    muted: str
    link: str
    code_background: str
    code_border: str
    inline_code_background: str
    inline_code_text: str
    table_border: str
    table_header: str
    quote_bar: str
    pygments_style: str


LIGHT = Palette(text="#1f2430", muted="#5f6675", link="#1f5fd0", code_background="#f5f6f8",
                code_border="#dde1e7", inline_code_background="#eef0f3",
                inline_code_text="#a3324f", table_border="#cfd4dc", table_header="#eef1f5",
                quote_bar="#c9ced8", pygments_style="default")
DARK = Palette(text="#e4e7ec", muted="#a0a7b4", link="#7aa7ff", code_background="#22252b",
               code_border="#3a3f48", inline_code_background="#2d3139",
               inline_code_text="#f0a0b8", table_border="#4a505a", table_header="#2d3139",
               quote_bar="#555c68", pygments_style="monokai")


@dataclass(slots=True)
class RenderedHtml:
    """One rendered piece of an answer: its HTML and the code blocks' texts, in order."""

    html: str
    code_blocks: list[str] = field(default_factory=list)


class MarkdownRenderer:
    """Renders Markdown to QTextDocument HTML. Reuse one instance: building the parser costs."""

    def __init__(self, palette: Palette = LIGHT, *, copy_label: str = "Copy",
                 image_label: str = "image") -> None:
        self.palette = palette
        self.copy_label = copy_label
        self.image_label = image_label
        self._md = _parser()
        self._md.renderer.vd_owner = self  # type: ignore[attr-defined]  # for the render rules
        self._formatter: Any = None

    def render(self, markdown: str, first_code_index: int = 0, *,
               highlight: bool = True) -> RenderedHtml:
        """HTML for ``markdown``; its code blocks are numbered from ``first_code_index`` (the
        links read ``copy:<index>``), so pieces rendered one after another number on.
        ``highlight=False`` skips Pygments (a block still streaming is coloured once done)."""
        env: dict[str, Any] = {"codes": [], "first": first_code_index, "highlight": highlight}
        tokens = self._md.parse(markdown, env)
        self._style(tokens)
        html = self._md.renderer.render(tokens, self._md.options, env)
        return RenderedHtml(html, env["codes"])

    # ---------------------------------------------------------------- token styling

    def _style(self, tokens: Sequence[Token]) -> None:
        """Inline styles and attributes QTextDocument reads, set on the tokens before rendering."""
        p = self.palette
        for token in tokens:
            token.attrs.pop("class", None)
            match token.type:
                case "table_open":
                    token.attrs.update({
                        "border": "1", "cellspacing": "0", "cellpadding": "6",
                        "style": f"border-collapse:collapse; border-color:{p.table_border}; "
                                 "margin-top:6px; margin-bottom:8px"})
                case "th_open" | "td_open":
                    style = str(token.attrs.pop("style", ""))
                    if "text-align:" in style:
                        token.attrs["align"] = style.split("text-align:", 1)[1].strip("; ")
                    if token.type == "th_open":
                        token.attrs["bgcolor"] = p.table_header
                    token.attrs["style"] = f"border-color:{p.table_border}"
                case "paragraph_open":
                    token.attrs["style"] = "margin-top:4px; margin-bottom:6px"
                case "heading_open":
                    size = {"h1": "x-large", "h2": "large"}.get(token.tag, "medium")
                    token.attrs["style"] = (f"font-size:{size}; margin-top:12px; "
                                            "margin-bottom:6px")
                case "bullet_list_open" | "ordered_list_open":
                    token.attrs["style"] = "margin-top:2px; margin-bottom:6px"
                case "list_item_open":
                    token.attrs["style"] = "margin-top:2px; margin-bottom:2px"
                case "blockquote_open":
                    token.attrs["style"] = f"color:{p.muted}; margin-left:14px"
                case "inline":
                    for child in token.children or []:
                        if child.type == "link_open":
                            child.attrs["style"] = f"color:{p.link}"

    # ---------------------------------------------------------------- render rules

    def code_block(self, code: str, language: str, env: dict[str, Any]) -> str:
        """A code block: language and Copy link on a header row, the code below, on a tint."""
        p = self.palette
        index = env["first"] + len(env["codes"])
        env["codes"].append(code)
        body = self._highlight(code.rstrip("\n"), language if env.get("highlight", True) else "")
        label = escape(language) if language else "&nbsp;"
        return (
            f'<table width="100%" cellspacing="0" cellpadding="6" border="1" '
            f'bgcolor="{p.code_background}" style="border-collapse:collapse; '
            f'border-color:{p.code_border}; margin-top:6px; margin-bottom:8px">'
            f'<tr><td style="border-color:{p.code_border}">'
            f'<table width="100%" cellspacing="0" cellpadding="0" border="0"><tr>'
            f'<td><span style="color:{p.muted}; font-size:small">{label}</span></td>'
            f'<td align="right"><a href="copy:{index}" style="color:{p.link}; '
            f'text-decoration:none; font-size:small">{escape(self.copy_label)}</a></td>'
            f'</tr></table>'
            f'<pre style="font-family:{MONO_FAMILY}; white-space:pre-wrap; margin-top:4px; '
            f'margin-bottom:0px; color:{p.text}">{body}</pre></td></tr></table>\n')

    def _highlight(self, code: str, language: str) -> str:
        if not language or len(code) > HIGHLIGHT_LIMIT:
            return escape(code)
        from pygments import highlight
        from pygments.lexers import get_lexer_by_name
        from pygments.util import ClassNotFound

        try:
            lexer = get_lexer_by_name(language.lower(), stripnl=False, ensurenl=False)
        except ClassNotFound:
            return escape(code)
        if self._formatter is None:
            from pygments.formatters import HtmlFormatter

            self._formatter = HtmlFormatter(nowrap=True, noclasses=True,
                                            style=self.palette.pygments_style)
        html: str = highlight(code, lexer, self._formatter)
        # Pygments' inline styles set backgrounds on error tokens; the block has its own.
        return html.rstrip("\n").replace("border: 1px solid #FF0000", "")

    def inline_code(self, code: str) -> str:
        p = self.palette
        return (f'<span style="font-family:{MONO_FAMILY}; background-color:'
                f'{p.inline_code_background}; color:{p.inline_code_text}">'
                f'&#8202;{escape(code)}&#8202;</span>')

    def image(self, src: str, alt: str) -> str:
        """Never an <img>: QTextBrowser would read file: paths; a safe link instead."""
        text = escape(alt or src or self.image_label)
        label = f"[{escape(self.image_label)}: {text}]"
        if src.lower().startswith(SAFE_SCHEMES[:2]):
            return f'<a href="{escape(src)}" style="color:{self.palette.link}">{label}</a>'
        return f'<span style="color:{self.palette.muted}">{label}</span>'


def _parser() -> MarkdownIt:
    from markdown_it import MarkdownIt
    from mdit_py_plugins.tasklists import tasklists_plugin

    md = MarkdownIt("commonmark", {"html": False, "linkify": False, "typographer": False})
    md.enable(["table", "strikethrough"]).use(tasklists_plugin)
    md.validateLink = _safe_link   # type: ignore[method-assign]

    def fence(renderer: Any, tokens: Sequence[Token], idx: int, options: Any,
              env: dict[str, Any]) -> str:
        token = tokens[idx]
        language = token.info.strip().split(maxsplit=1)[0] if token.info.strip() else ""
        return _owner(renderer).code_block(token.content, language, env)

    def code_inline(renderer: Any, tokens: Sequence[Token], idx: int, options: Any,
                    env: dict[str, Any]) -> str:
        return _owner(renderer).inline_code(tokens[idx].content)

    def image(renderer: Any, tokens: Sequence[Token], idx: int, options: Any,
              env: dict[str, Any]) -> str:
        token = tokens[idx]
        alt = "".join(child.content for child in token.children or [])
        return _owner(renderer).image(str(token.attrs.get("src", "")), alt)

    def html_inline(renderer: Any, tokens: Sequence[Token], idx: int, options: Any,
                    env: dict[str, Any]) -> str:
        # Only the task-list plugin makes html_inline tokens (the answer's own HTML is text).
        content = tokens[idx].content
        if "task-list-item-checkbox" in content:
            return "☑&nbsp;" if 'checked="checked"' in content else "☐&nbsp;"
        return escape(content)

    def html_block(renderer: Any, tokens: Sequence[Token], idx: int, options: Any,
                   env: dict[str, Any]) -> str:
        return f"<p>{escape(tokens[idx].content)}</p>"

    md.add_render_rule("fence", fence)
    md.add_render_rule("code_block", fence)
    md.add_render_rule("code_inline", code_inline)
    md.add_render_rule("image", image)
    md.add_render_rule("html_inline", html_inline)
    md.add_render_rule("html_block", html_block)
    return md


def _owner(renderer: Any) -> MarkdownRenderer:
    owner = getattr(renderer, "vd_owner", None)
    assert isinstance(owner, MarkdownRenderer)
    return owner


def _safe_link(url: str) -> bool:
    """Links keep only web and mail targets; relative and other schemes are shown as text."""
    return url.strip().lower().startswith(SAFE_SCHEMES)


@dataclass(slots=True)
class BlockSplitter:
    """Where a growing Markdown text can be cut into top-level blocks that will not change.

    A cut falls at the start of a line that is not indented and follows a blank line, or right
    after a code fence that closed at the margin; never inside a fence. Each line is read once,
    so following a stream costs time in proportion to what arrived, not to the whole answer.
    """

    stable: int = 0                 # text[:stable] is finished blocks
    _scan: int = 0                  # start of the next complete line to read
    _fence: str = ""                # the open fence's marker ("```", "~~~~"), "" outside
    _fence_indented: bool = False
    _after_blank: bool = True

    def reset(self) -> None:
        self.stable = self._scan = 0
        self._fence = ""
        self._fence_indented = False
        self._after_blank = True

    def advance(self, text: str, limit: int | None = None) -> int:
        """Read the complete lines that arrived (those starting before ``limit``, when given);
        returns the new :attr:`stable` end."""
        while True:
            end = text.find("\n", self._scan)
            if end < 0 or (limit is not None and self._scan >= limit):
                return self.stable
            start, line = self._scan, text[self._scan:end]
            self._scan = end + 1
            stripped = line.lstrip(" ")
            indented = len(line) - len(stripped) > 0 or line.startswith("\t")
            if self._fence:
                marker = stripped.rstrip()
                if (marker.startswith(self._fence) and not marker.strip(self._fence[0])):
                    self._fence = ""
                    self._after_blank = False
                    if not self._fence_indented:
                        self.stable = self._scan
                continue
            blank = not line.strip()
            if not blank and not indented and self._after_blank and start > 0:
                self.stable = start
            if stripped.startswith(("```", "~~~")):
                char = stripped[0]
                self._fence = char * (len(stripped) - len(stripped.lstrip(char)))
                self._fence_indented = indented
            self._after_blank = blank


_WARM_UP_SAMPLE = """# Total

| item | price |
|---|---|
| **tea** | `4.20` |

```json
{"total": 4.2}
```
"""


def warm_up() -> None:
    """Load the parser, its plugins and the highlighter once, with a throwaway renderer: a
    window does it in a worker before its first answer, whose first rendering would otherwise
    hold the loop ~40 ms."""
    MarkdownRenderer(LIGHT).render(_WARM_UP_SAMPLE)


def markdown_to_html(markdown: str, palette: Palette = LIGHT) -> RenderedHtml:
    """One-shot rendering (tests, exports); views keep a :class:`MarkdownRenderer`."""
    return MarkdownRenderer(palette).render(markdown)
