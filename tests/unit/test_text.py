"""markdown_to_plain: what the Text tab shows and Ctrl+Shift+C copies."""

from __future__ import annotations

from visiondesk.core.text import markdown_to_plain


def test_headings_emphasis_and_links_lose_their_markup() -> None:
    md = "# Receipt\n\n**Total:** *12.50* EUR, see [the shop](https://example.com)"
    assert markdown_to_plain(md) == "Receipt\n\nTotal: 12.50 EUR, see the shop"


def test_code_fence_contents_stay_verbatim() -> None:
    md = "Text:\n```text\n**not bold** | a\n# not a heading\n```\nafter"
    assert markdown_to_plain(md) == "Text:\n**not bold** | a\n# not a heading\nafter"


def test_table_becomes_tab_separated_rows() -> None:
    md = "| Item | Price |\n|---|---:|\n| Coffee | 3.20 |\n| **Cake** | 4.10 |"
    assert markdown_to_plain(md) == "Item\tPrice\nCoffee\t3.20\nCake\t4.10"


def test_lists_quotes_and_rules() -> None:
    md = "- one\n* two\n  - [x] nested\n1. first\n2) second\n> quoted `a*b*c`\n\n---\nend"
    assert markdown_to_plain(md) == "one\ntwo\n  nested\n1. first\n2. second\nquoted a*b*c\n\n\nend".replace(
        "\n\n\n", "\n\n"
    )


def test_inline_code_keeps_asterisks_and_underscores() -> None:
    assert markdown_to_plain("call `snake_case_name` and `2*3*4`") == "call snake_case_name and 2*3*4"


def test_underscores_inside_words_are_not_emphasis() -> None:
    assert markdown_to_plain("file_name_v2.txt and _this_") == "file_name_v2.txt and this"


def test_chinese_text_and_escapes() -> None:
    md = "## 发票\n\n**合计：** ￥12\\*3\n图片：![收据](a.png)"
    assert markdown_to_plain(md) == "发票\n\n合计： ￥12*3\n图片：收据"


def test_setext_heading_and_crlf() -> None:
    assert markdown_to_plain("Title\r\n=====\r\nbody") == "Title\nbody"


def test_plain_text_is_unchanged_and_blank_runs_shrink() -> None:
    assert markdown_to_plain("line 1\nline 2\n\n\n\nline 3\n") == "line 1\nline 2\n\nline 3"
    assert markdown_to_plain("") == ""


def test_runs_of_markers_alone_are_literal_text() -> None:
    # A masked card number is not emphasis; OCR and receipts are full of them.
    assert markdown_to_plain("Card **** 4417") == "Card **** 4417"
    assert markdown_to_plain("PIN ____ and ~~~~ stay") == "PIN ____ and ~~~~ stay"
    assert markdown_to_plain("**Total** and *net* and ~~old~~") == "Total and net and old"
