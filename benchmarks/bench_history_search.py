"""History search speed: 100,000 runs (Chinese and English) in a temporary database.

Prints the median time of several searches (target: under 100 ms each) and of fetching one page
of 100 rows for a virtualised list, at the top and deep in the list.

    .venv/bin/python benchmarks/bench_history_search.py [--runs 100000]
"""

from __future__ import annotations

import argparse
import random
import sys
import tempfile
import time
from pathlib import Path

from _common import median_ms, verdict

from visiondesk.store.history import History, HistoryFilter, HistoryRecord, SourceRecord

TARGET_MS = 100.0
MODELS = ["gpt-4o", "gpt-5-mini", "gemini-2.5-flash", "qwen-vl-max", "doubao-1.5-vision-pro"]
PROVIDERS = ["DMXAPI", "OpenAI", "openai-ss", "tutujin"]
STATUSES = ["completed"] * 8 + ["failed", "cancelled"]
ZH_PROMPTS = ["这张图片里有什么?", "识别图中的文字", "把表格转成 Markdown", "提取发票上的字段,输出 JSON",
              "翻译图中的文字"]
EN_PROMPTS = ["Describe this image.", "Transcribe any text in it exactly.", "Table to Markdown",
              "Extract the receipt fields as JSON", "What is written on the sign?"]
ZH_WORDS = ["这是一张", "增值税", "发票", "的照片", "图片中", "有一只猫", "坐在窗台上", "表格包含", "三列",
            "金额", "合计", "人民币", "日期", "二〇二六年", "购买方", "销售方", "税率", "商品名称", "数量",
            "单价", "收据", "超市", "街道", "招牌", "上面写着", "欢迎光临", "营业时间", "地址", "电话",
            "北京市", "上海市", "杭州", "天气晴朗", "一辆红色汽车", "停在路边"]
EN_WORDS = ["the", "image", "shows", "a", "receipt", "from", "grocery", "store", "with", "total",
            "amount", "of", "invoice", "number", "date", "cat", "sitting", "on", "windowsill", "sign",
            "reads", "open", "hours", "street", "red", "car", "parked", "table", "columns", "price",
            "quantity", "tax", "rate", "vendor", "customer", "address", "phone", "weather", "sunny"]


def answer(rng: random.Random, chinese: bool) -> str:
    if chinese:
        return "".join(rng.choice(ZH_WORDS) for _ in range(rng.randint(20, 80))) + "。"
    return " ".join(rng.choice(EN_WORDS) for _ in range(rng.randint(30, 120))) + "."


def fill(history: History, runs: int) -> float:
    rng = random.Random(42)
    start_time = time.time() - runs * 60  # one run a minute, ending now
    started = time.perf_counter()
    batch: list[HistoryRecord] = []
    for i in range(runs):
        chinese = i % 2 == 0
        text = answer(rng, chinese)
        if i % 10_000 == 5_000:
            text += " zebra crossing 斑马线"  # a rare word: 10 runs in the whole history
        batch.append(HistoryRecord(
            prompt=rng.choice(ZH_PROMPTS if chinese else EN_PROMPTS), provider=rng.choice(PROVIDERS),
            model=rng.choice(MODELS), api="chat", status=rng.choice(STATUSES), text=text,
            sources=[SourceRecord(f"/photos/img_{i:06d}.jpg", f"sha256:{i:064x}")],
            usage={"input_tokens": 900, "output_tokens": 300}, total_ms=rng.uniform(500, 9000),
            result={"source": f"/photos/img_{i:06d}.jpg", "text": text}, created_at=start_time + i * 60))
        if len(batch) == 5_000:
            history.record_many(batch)
            batch = []
    history.record_many(batch)
    return time.perf_counter() - started


def timed(action: object, repeat: int = 7) -> tuple[float, object]:
    assert callable(action)
    times, result = [], None
    for _ in range(repeat):
        started = time.perf_counter()
        result = action()
        times.append(time.perf_counter() - started)
    return median_ms(times), result


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=100_000)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        history = History(Path(tmp) / "history.sqlite3")
        seconds = fill(history, args.runs)
        size_mb = history.path.stat().st_size / 1e6
        print(f"filled {args.runs:,} runs in {seconds:.1f} s ({args.runs / seconds:,.0f} runs/s), "
              f"file {size_mb:.0f} MB")
        since = time.time() - 7 * 86400
        cases: list[tuple[str, str, HistoryFilter | None]] = [
            ("Chinese word, 3 chars", "增值税", None),
            ("Chinese phrase", "增值税发票", None),
            ("Chinese, 2 chars (LIKE)", "发票", None),
            ("Chinese, 1 char (LIKE)", "猫", None),
            ("English word", "invoice", None),
            ("English, two words", "receipt total", None),
            ("rare word (10 hits)", "zebra", None),
            ("rare Chinese (10 hits)", "斑马线", None),
            ("no hit, 3 chars", "xyzzy", None),
            ("no hit, 2 chars (LIKE)", "qq", None),
            ("word + model filter", "invoice", HistoryFilter(model="gpt-4o")),
            ("word + status + last 7 days", "发票", HistoryFilter(status="failed", since=since)),
        ]
        worst = 0.0
        header = f"{'median ms':>10} {'hits':>6} {'count() ms':>11} {'total':>7}"
        print(f"\n{'search (first page of 100)':34} {header}")
        for label, query, filters in cases:
            ms, rows = timed(lambda q=query, f=filters: history.search(q, f, limit=100))
            count_ms, total = timed(lambda q=query, f=filters: history.count(q, f), repeat=3)
            worst = max(worst, ms)
            assert isinstance(rows, list)
            print(f"{label + ' ' + repr(query):34} {ms:10.1f} {len(rows):6d} {count_ms:11.1f} {total!s:>7}")
        print(f"\n{'page of 100 rows (virtualised list)':34} {'median ms':>10}")
        page_worst = 0.0
        for label, offset in (("newest", 0), ("offset 50,000", 50_000), ("offset 99,900", args.runs - 100)):
            ms, rows = timed(lambda o=offset: history.search("", None, limit=100, offset=o))
            page_worst = max(page_worst, ms)
            print(f"{label:34} {ms:10.1f}")
        ms, _ = timed(lambda: history.search("发票", None, limit=100, offset=1_000))
        print(f"{'search 发票, offset 1,000':34} {ms:10.1f}")
        ms, _ = timed(lambda: history.get(args.runs // 2))
        print(f"{'get(id): one whole run':34} {ms:10.1f}")
        ms, _ = timed(lambda: history.recent_prompts(15), repeat=3)
        print(f"{'recent_prompts(15)':34} {ms:10.1f}")
        ok = worst < TARGET_MS and page_worst < TARGET_MS
        print(f"\nslowest search {worst:.1f} ms, slowest page {page_worst:.1f} ms "
              f"(target < {TARGET_MS:.0f} ms): {verdict(ok)}")
        return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
