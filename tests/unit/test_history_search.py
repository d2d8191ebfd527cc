"""Searching the history: Chinese inside Chinese, short queries, filters, paging, newest first.

Every test uses a real SQLite file under the test's VISIONDESK_HOME.
"""

from __future__ import annotations

import time

import pytest

from visiondesk.store.history import History, HistoryFilter, HistoryRecord

INVOICE = "这是一张增值税发票的照片"


def run(text: str, prompt: str = "这张图片里有什么?", model: str = "gpt-4o", provider: str = "DMXAPI",
        status: str = "completed", created_at: float | None = None) -> HistoryRecord:
    record = HistoryRecord(prompt=prompt, provider=provider, model=model, status=status, text=text)
    if created_at is not None:
        record.created_at = created_at
    return record


@pytest.fixture
def history() -> History:
    history = History()
    history.record_many([
        run(INVOICE),
        run("A cat sitting on a windowsill.", prompt="Describe this image.", model="gpt-5-mini", provider="OpenAI"),
        run("图中有一只猫坐在窗台上。", model="qwen-vl-max", status="cancelled"),
        run("Total: 42.00 (100% paid)", prompt="Read the receipt", model="gpt-4o", status="failed"),
    ])
    return history


def texts(rows: list) -> list[str]:
    return [row.text for row in rows]


def test_a_chinese_word_inside_a_run_of_chinese_is_found(history: History) -> None:
    assert texts(history.search("发票")) == [INVOICE]
    assert texts(history.search("增值税发票")) == [INVOICE]  # trigram index
    assert texts(history.search("张增值")) == [INVOICE]  # across what would be word boundaries
    assert history.count("发票") == 1


def test_one_and_two_character_queries(history: History) -> None:
    assert texts(history.search("猫")) == ["图中有一只猫坐在窗台上。"]
    assert texts(history.search("窗台")) == ["图中有一只猫坐在窗台上。"]
    assert texts(history.search("42")) == ["Total: 42.00 (100% paid)"]
    assert history.search("鲸") == []


def test_prompt_text_is_searched_too_and_case_does_not_matter(history: History) -> None:
    assert texts(history.search("DESCRIBE")) == ["A cat sitting on a windowsill."]
    assert texts(history.search("windowSILL")) == ["A cat sitting on a windowsill."]


def test_every_term_must_match(history: History) -> None:
    assert texts(history.search("增值税 照片")) == [INVOICE]
    assert history.search("增值税 猫") == []
    assert texts(history.search('"sitting on"')) == ["A cat sitting on a windowsill."]


def test_query_syntax_characters_are_plain_text(history: History) -> None:
    for query in ['"', "AND", "NEAR(", "*", "cat*", "a OR b", "-x", "'", "\\", "%%", "_"]:
        history.search(query)  # never an SQL or FTS syntax error
    assert texts(history.search("100%")) == ["Total: 42.00 (100% paid)"]
    assert texts(history.search("%")) == ["Total: 42.00 (100% paid)"]  # LIKE wildcards are escaped
    assert history.search("_") == []


def test_newest_first_with_limit_and_offset(history: History) -> None:
    all_rows = history.search()
    assert [row.id for row in all_rows] == sorted((row.id for row in all_rows), reverse=True)
    assert len(all_rows) == 4 and history.count() == 4
    assert [r.id for r in history.search(limit=2)] == [r.id for r in all_rows[:2]]
    assert [r.id for r in history.search(limit=2, offset=2)] == [r.id for r in all_rows[2:]]


def test_filters(history: History) -> None:
    assert {r.text for r in history.search(filters=HistoryFilter(model="GPT-4o"))} == {
        INVOICE, "Total: 42.00 (100% paid)"}
    assert texts(history.search(filters=HistoryFilter(provider="openai"))) == ["A cat sitting on a windowsill."]
    assert texts(history.search(filters=HistoryFilter(status="cancelled"))) == ["图中有一只猫坐在窗台上。"]
    assert texts(history.search("cat", HistoryFilter(model="gpt-4o"))) == []
    assert history.count("", HistoryFilter(model="gpt-4o", status="failed")) == 1


def test_since_and_until() -> None:
    history = History()
    now = time.time()
    history.record_many([run("old answer", created_at=now - 10 * 86400),
                         run("last week answer", created_at=now - 5 * 86400),
                         run("today answer", created_at=now)])
    assert texts(history.search(filters=HistoryFilter(since=now - 7 * 86400))) == [
        "today answer", "last week answer"]
    assert texts(history.search("answer", HistoryFilter(until=now - 7 * 86400))) == ["old answer"]
    assert texts(history.search("ans", HistoryFilter(since=now - 6 * 86400, until=now - 1))) == [
        "last week answer"]


def test_summaries_are_short_and_the_whole_run_is_one_get_away() -> None:
    history = History()
    long_text = "发票" * 5000
    run_id = history.record(run(long_text))
    assert run_id is not None
    [summary] = history.search("发票")
    assert len(summary.text) == 300
    record = history.get(run_id)
    assert record is not None and record.text == long_text
    assert history.get(run_id + 1) is None
