"""``--screenshot --demo``: fill the first result pane with a canned answer for documentation.

Nothing is sent anywhere: the events below are what a vision model answered once for
``resources/samples/receipt.png``, replayed through the same ``ResultPane.on_event`` path a live
run uses, with fixed timings so screenshots are reproducible.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from visiondesk.core.events import Event
    from visiondesk.gui.main_window import MainWindow

PROMPT = {
    "en": "Transcribe the items and totals of this receipt as a Markdown table.",
    "zh_CN": "把这张收据上的商品和金额整理成 Markdown 表格。",
}

ANSWER = {
    "en": """**Harbour Café (港湾咖啡)** — 12 Quay Street, Portsmouth

2024-05-18 14:32 · Table 7 · Receipt #004821

| Qty | Item | Price (GBP) |
|---:|---|---:|
| 2 | Flat white | 7.60 |
| 1 | Matcha latte | 4.20 |
| 1 | Almond croissant | 3.95 |
| 1 | Avocado toast | 8.50 |
| 1 | Sparkling water | 2.10 |

**Total: 26.35 GBP** (VAT 20% included: 4.39), paid by card ending 4417.
""",
    "zh_CN": """**Harbour Café（港湾咖啡）** — 12 Quay Street, Portsmouth

2024-05-18 14:32 · 7 号桌 · 单号 #004821

| 数量 | 商品 | 金额（英镑） |
|---:|---|---:|
| 2 | 澳白咖啡 (Flat white) | 7.60 |
| 1 | 抹茶拿铁 (Matcha latte) | 4.20 |
| 1 | 杏仁可颂 (Almond croissant) | 3.95 |
| 1 | 牛油果吐司 (Avocado toast) | 8.50 |
| 1 | 气泡水 (Sparkling water) | 2.10 |

**合计：26.35 英镑**（含 20% 增值税 4.39），尾号 4417 的银行卡支付。
""",
}

REASONING = {
    "en": "The receipt is slightly rotated; five item lines, then subtotal, VAT and total. "
          "Prices are right-aligned; the VAT line is included in the total, not added.",
    "zh_CN": "收据略有倾斜；共五行商品，然后是小计、增值税和合计。金额右对齐；增值税已含在合计中，不应再加。",
}


def demo_events(language: str) -> list[Event]:
    from visiondesk.core.events import Finished, ReasoningDelta, Started, Status, TextDelta, UsageReport
    from visiondesk.core.usage import Usage

    lang = language if language in ANSWER else "en"
    answer = ANSWER[lang]
    events: list[Event] = [Started("responses", "https://api.openai.com/v1/responses", {}),
                           ReasoningDelta(REASONING[lang])]
    events += [TextDelta(answer[i:i + 40]) for i in range(0, len(answer), 40)]
    events += [UsageReport(Usage(input_tokens=1190, output_tokens=236, reasoning_tokens=64,
                                 cached_tokens=0, total_tokens=1426)),
               Finished(Status.COMPLETED)]
    return events


def show_demo(window: MainWindow) -> None:
    from visiondesk.core.result import AnalysisResult

    models = window.picker.checked_models() or ["gpt-4o"]
    provider = window.picker.provider_combo.currentText()
    lang = window.language if window.language in PROMPT else "en"
    window.prompt.set_prompt(PROMPT[lang])
    pane = window.results.prepare(1)[0]
    pane.start(models[0], provider, prices=(2.5, 10.0))
    result = AnalysisResult(source="receipt.png", model=models[0], provider=provider)
    events = demo_events(lang)
    for event in events:
        result.apply(event)
    result.first_token_ms, result.total_ms = 820.0, 4140.0
    for event in events:
        pane.on_event(result, event)
