"""Markdown -> QTextDocument HTML (no Qt here): what an answer turns into, safely; where a
growing answer can be cut into finished blocks; the Text tab's bullets and aligned tables."""

from __future__ import annotations

from visiondesk.core.markdown_html import DARK, LIGHT, BlockSplitter, markdown_to_html
from visiondesk.core.text import align_table, display_width, markdown_to_plain


def test_code_block_is_highlighted_numbered_and_kept_for_copying() -> None:
    # GIVEN an answer with two code blocks
    md = "Run:\n\n```python\nprint('hi')\n```\n\nand\n\n```\nplain <b>\n```\n"
    # WHEN it is rendered
    out = markdown_to_html(md)
    # THEN each block has a copy link with its number, and its text is kept verbatim
    assert out.code_blocks == ["print('hi')\n", "plain <b>\n"]
    assert 'href="copy:0"' in out.html and 'href="copy:1"' in out.html
    # the code sits on a tinted background, in a monospaced font, coloured by Pygments
    assert f'bgcolor="{LIGHT.code_background}"' in out.html
    assert "monospace" in out.html and "<span style=" in out.html
    # and the code's own markup is text, not HTML
    assert "plain &lt;b&gt;" in out.html


def test_numbering_continues_across_pieces() -> None:
    out = markdown_to_html("```\na\n```")
    assert 'href="copy:0"' in out.html
    from visiondesk.core.markdown_html import MarkdownRenderer

    assert 'href="copy:5"' in MarkdownRenderer().render("```\na\n```", 5).html


def test_tables_inline_code_strikethrough_and_task_lists() -> None:
    md = ("| Item | Price |\n|:--|--:|\n| Coffee | 3.20 |\n\n"
          "`x = 1` ~~old~~\n\n- [x] paid\n- [ ] tip\n")
    html = markdown_to_html(md).html
    assert f'bgcolor="{LIGHT.table_header}"' in html          # shaded header cells
    assert 'cellpadding="6"' in html and 'align="right"' in html
    assert f"background-color:{LIGHT.inline_code_background}" in html
    assert "<s>old</s>" in html
    assert "☑" in html and "☐" in html and "<input" not in html
    assert "class=" not in html     # QTextDocument ignores classes: everything is inline


def test_hostile_answer_cannot_run_load_or_fetch_anything() -> None:
    md = ('<script>alert(1)</script>\n\n<img src="file:///etc/passwd">\n\n'
          "[click](javascript:alert(1)) [local](file:///etc/passwd) [web](https://example.com)\n\n"
          "![secret](file:///home/me/key.png) ![remote](https://tracker.example/p.gif)\n")
    html = markdown_to_html(md).html
    assert "<script" not in html and "<img" not in html
    assert "&lt;script&gt;" in html                  # shown as the text it is
    assert 'href="javascript:' not in html and 'href="file:' not in html
    assert 'href="https://example.com"' in html      # web links stay, opened only by a click
    # a remote image becomes a link with its alt text, never an embedded picture
    assert 'href="https://tracker.example/p.gif"' in html and "[image: remote]" in html


def test_dark_palette_changes_the_colours() -> None:
    assert DARK.code_background in markdown_to_html("```\nx\n```", DARK).html


def test_block_splitter_cuts_only_between_finished_blocks() -> None:
    splitter = BlockSplitter()
    text = "# Title\n\nFirst para\ncontinues\n\n- a\n- b\n\n  still in b\n\n```\ncode\n\nmore\n"
    # no cut inside a list item (its indented continuation) nor inside the open fence: the
    # last cut is where the fence opens
    cut = splitter.advance(text)
    assert text[:cut] == "# Title\n\nFirst para\ncontinues\n\n- a\n- b\n\n  still in b\n\n"
    text += "```\nafter the fence\n"
    cut = splitter.advance(text)
    # the fence closed at the margin: everything up to its end is finished
    assert text[:cut].endswith("more\n```\n")
    assert text[cut:] == "after the fence\n"


def test_block_splitter_reads_each_line_once() -> None:
    splitter = BlockSplitter()
    text = ""
    for i in range(200):
        text += f"para {i}\n\n"
        splitter.advance(text)
    assert splitter.stable == len(text) - len("para 199\n\n")


def test_text_tab_keeps_bullets_and_aligns_tables_by_display_width() -> None:
    md = "- Coffee\n- [x] paid\n  - nested\n\n| Item | Price |\n|---|--:|\n| 咖啡 | 3.20 |\n| Cake | 14.10 |"
    text = markdown_to_plain(md, bullets=True, align_tables=True)
    lines = text.splitlines()
    assert lines[:3] == ["• Coffee", "☑ paid", "  • nested"]
    table = lines[4:]
    # the prices (right-aligned: "--:") end in the same column although 咖啡 is two
    # characters drawn four wide
    ends = [display_width(line[:line.index(price) + len(price)]) for line, price in
            zip(table, ("Price", "3.20", "14.10"), strict=True)]
    assert len(set(ends)) == 1
    assert display_width(table[1][:table[1].index("3.20")]) > \
        display_width(table[2][:table[2].index("14.10")])
    # copied for a spreadsheet (the command line's default) the cells stay tab-separated
    assert "咖啡\t3.20" in markdown_to_plain(md)


def test_align_table_pads_cjk_cells_by_their_width() -> None:
    assert align_table([["名称", "x"], ["ab", "y"]]) == ["名称  x", "ab    y"]


def test_exports_nest_answers_record_the_reference_and_round_timings() -> None:
    import json

    from visiondesk.core.compare import comparison_row, to_csv, to_json, to_markdown
    from visiondesk.core.events import Finished, Status, TextDelta
    from visiondesk.core.result import AnalysisResult

    result = AnalysisResult("receipt.png", "gpt-4o", "OpenAI")
    for event in (TextDelta("# Receipt\n\n```\n# a comment\n```\n"), Finished(Status.COMPLETED)):
        result.apply(event)
    result.first_token_ms, result.total_ms = 812.3456, 2310.78
    rows = [comparison_row(result)]
    markdown = to_markdown(rows, [result], "Read it", reference="rapidocr (Local OCR)")
    # the answer's own heading sits below its model's heading; code is left alone
    assert "## gpt-4o (OpenAI) — completed\n\n### Receipt" in markdown
    assert "\n# a comment\n" in markdown
    assert "**Reference:** rapidocr (Local OCR)" in markdown
    data = json.loads(to_json(rows, [result], "Read it", "rapidocr (Local OCR)"))
    assert data["reference"] == "rapidocr (Local OCR)"
    assert (data["rows"][0]["first_token_ms"], data["rows"][0]["total_ms"]) == (812, 2311)
    assert "gpt-4o,OpenAI,completed,812,2311," in to_csv(rows, [result])
