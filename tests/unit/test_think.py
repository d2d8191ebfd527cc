"""Inline <think> reasoning split out of content, however the tags are chunked."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from visiondesk.api.think import ThinkTagSplitter

CONTENT = "<think>The receipt total is 42.</think>\nTotal: 42 元"


def split(chunks: list[str]) -> tuple[str, str]:
    splitter = ThinkTagSplitter()
    reasoning = answer = ""
    for chunk in chunks:
        r, a = splitter.feed(chunk)
        reasoning, answer = reasoning + r, answer + a
    r, a = splitter.flush()
    return reasoning + r, answer + a


@given(st.lists(st.integers(min_value=0, max_value=len(CONTENT)), max_size=12))
def test_tags_split_anywhere(cuts: list[int]) -> None:
    points = sorted(set(cuts))
    chunks = [CONTENT[a:b] for a, b in zip([0, *points], [*points, len(CONTENT)], strict=True)]
    assert split(chunks) == ("The receipt total is 42.", "Total: 42 元")


def test_plain_answer_passes_through_untouched() -> None:
    assert split(["<b>bold</b> and ", "<thinking> is not a tag here"]) == (
        "", "<b>bold</b> and <thinking> is not a tag here")


def test_unclosed_think_is_all_reasoning() -> None:
    assert split(["<think>still thinking", " when cut</"]) == ("still thinking when cut</", "")


def test_think_only_counts_at_the_start() -> None:
    assert split(["Answer first ", "<think>x</think>"]) == ("", "Answer first <think>x</think>")
