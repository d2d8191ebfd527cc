"""Comparison rows, cost, CER, ranking, diffs and exports."""

from __future__ import annotations

import csv
import io
import json

from visiondesk.core.compare import (
    comparison_row,
    format_table,
    ranking,
    to_csv,
    to_json,
    to_markdown,
)
from visiondesk.core.errors import AnalysisError, ErrorKind
from visiondesk.core.events import Failed, Finished, Status, TextDelta, UsageReport
from visiondesk.core.pricing import Cost, estimate_cost
from visiondesk.core.result import AnalysisResult
from visiondesk.core.textdiff import DiffSegment, diff_segments, has_cjk
from visiondesk.core.usage import Usage


def result(model: str, text: str, total_ms: float, usage: Usage | None = None, failed: bool = False) -> AnalysisResult:
    r = AnalysisResult(source="r.png", model=model, provider="relay")
    r.apply(TextDelta(text))
    if usage:
        r.apply(UsageReport(usage))
    r.apply(Failed(AnalysisError(ErrorKind.SERVER, "boom")) if failed else Finished(Status.COMPLETED))
    r.first_token_ms, r.total_ms = total_ms / 2, total_ms
    return r


def test_cost_from_per_million_prices() -> None:
    assert estimate_cost(Usage(1000, 500), 2.5, 10.0) == Cost((1000 * 2.5 + 500 * 10) / 1e6, "USD")
    assert estimate_cost(Usage(1000, None), 2.5, 10.0) is None
    # Tokens on a side without a price: unknown, not a guess that reads as a fact.
    assert estimate_cost(Usage(1000, 500), None, 10.0) is None
    assert estimate_cost(Usage(1000, 500), 2.5, None) is None
    assert estimate_cost(Usage(1000, 0), 2.5, None) == Cost(0.0025, "USD")
    assert estimate_cost(Usage(1000, 500), 2.5, 10.0, "CNY").format() == "¥0.0075"


def test_cer_against_a_hand_computed_reference() -> None:
    # reference 合计42元 (5 chars) vs 合计24元: two substitutions -> 2/5
    row = comparison_row(result("a", "合计24元", 100), reference="合计42元")
    assert row.cer == 0.4
    # Markdown and spacing do not count as errors
    assert comparison_row(result("b", "**合计** 42 元", 100), reference="合计42元").cer == 0.0


def test_ranking_puts_failures_and_unknowns_last() -> None:
    rows = [comparison_row(result("slow", "x", 900)), comparison_row(result("broken", "", 10, failed=True)),
            comparison_row(result("fast", "x", 100))]
    assert [r.model for r in ranking(rows, "total_ms")] == ["fast", "slow", "broken"]


def test_plain_table_aligns_chinese_and_shows_cer() -> None:
    rows = [comparison_row(result("豆包", "合计42元", 1200, Usage(800, 10)), Cost(0.0012, "CNY"), "合计42元"),
            comparison_row(result("gpt-4o", "合计24元", 800, Usage(900, 12)), None, "合计42元")]
    lines = format_table(rows, with_cer=True).splitlines()
    assert lines[0].split() == ["model", "provider", "status", "first", "token", "total", "tokens", "in/out", "cost",
                                "CER"]
    assert "豆包" in lines[2] and "0.0012" in lines[2] and "0.0%" in lines[2]
    assert "40.0%" in lines[3] and "900/12" in lines[3]
    # Columns line up on a terminal, where each CJK character takes two cells.
    def column_of(line: str, word: str) -> int:
        head = line[: line.index(word)]
        return len(head) + sum(1 for c in head if "\u4e00" <= c <= "\u9fff")

    assert column_of(lines[2], "relay") == column_of(lines[3], "relay") == column_of(lines[0], "provider")


def test_exports_contain_every_answer() -> None:
    results = [result("a", "first | answer", 100, Usage(1, 2)), result("b", "第二个答案", 200, failed=True)]
    rows = [comparison_row(r) for r in results]
    markdown = to_markdown(rows, results, "Read it")
    assert "first \\| answer" not in markdown.split("## a")[0]  # table cells escape pipes...
    assert "first | answer" in markdown and "第二个答案" in markdown and "Error: boom" in markdown
    data = json.loads(to_json(rows, results, "Read it"))
    assert [r["text"] for r in data["results"]] == ["first | answer", "第二个答案"]
    parsed = list(csv.reader(io.StringIO(to_csv(rows, results))))
    assert parsed[0][-1] == "text" and [p[-1] for p in parsed[1:]] == ["first | answer", "第二个答案"]


def test_cjk_text_is_diffed_by_character() -> None:
    assert has_cjk("合计 42 元") and not has_cjk("Total 42")
    segments = diff_segments("合计42元", "合汁42元")
    assert [s for s in segments if s.op != "equal"] == [DiffSegment("replace", "计", "汁")]


def test_prose_is_diffed_by_word() -> None:
    segments = diff_segments("The total is 42 dollars", "The total was 42 dollars")
    assert [s for s in segments if s.op != "equal"] == [DiffSegment("replace", "is", "was")]
    assert "".join(s.text for s in segments) == "The total was 42 dollars"
    assert "".join(s.reference for s in segments) == "The total is 42 dollars"


def test_whitespace_only_differences_are_not_marked() -> None:
    segments = diff_segments("合计\n7.60 元", "合计 7.60 元")
    assert [s for s in segments if s.op != "equal"] == []
    assert "".join(s.text for s in segments) == "合计 7.60 元"


def test_segments_rebuild_both_texts_exactly_whatever_their_whitespace() -> None:
    import random

    rng = random.Random(7)
    pieces = ["total", "42", "元", "合计", ",", ".", " ", "  ", "\n", "\t", "é", "cat", "！"]
    for _ in range(200):
        reference = "".join(rng.choice(pieces) for _ in range(rng.randint(0, 30)))
        text = "".join(rng.choice(pieces) for _ in range(rng.randint(0, 30)))
        segments = diff_segments(reference, text)
        assert "".join(s.reference for s in segments) == reference
        assert "".join(s.text for s in segments) == text
        for s in segments:  # a difference is never whitespace alone, nor ends in it
            if s.op != "equal":
                assert (s.reference + s.text).strip() and s.reference == s.reference.rstrip()


def test_a_long_answer_is_compared_word_by_word_without_marking_its_spacing() -> None:
    words = [f"w{i}" for i in range(3000)]
    reference = " ".join(words)
    text = "\n".join(words[:1000]) + " " + " ".join(["CHANGED", *words[1001:]])
    changed = [s for s in diff_segments(reference, text) if s.op != "equal"]
    assert changed == [DiffSegment("replace", "w1000", "CHANGED")]


def test_a_hostile_answer_is_marked_as_one_difference_not_searched_for_hours() -> None:
    # Two words alternating, shifted by one: every token of one answer equals half the other's,
    # 20 billion pairs for the search to walk. Bounded, it is one difference, at once.
    reference = "w v " * 100_000
    text = "v w " * 100_000
    segments = diff_segments(reference, text)
    assert [s.op for s in segments if s.op != "equal"] == ["replace"]
    assert "".join(s.reference for s in segments) == reference
    assert "".join(s.text for s in segments) == text


def test_answers_too_long_and_different_get_no_error_rate_short_ones_do() -> None:
    from visiondesk.core.textmetrics import bounded_character_error_rate, character_error_rate

    assert bounded_character_error_rate("The total is 4.20", "The total is 4.50") == \
        character_error_rate("The total is 4.20", "The total is 4.50")
    same_long = "合计 4.20 元\n" * 50_000
    assert bounded_character_error_rate(same_long, same_long) == 0.0   # equal: nothing to walk
    assert bounded_character_error_rate("a" * 100_000, "b" * 100_000) is None
