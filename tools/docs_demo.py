"""Canned answers for the documentation's screenshots (``tools/screenshots.py``), not part of
the application: fill the results with them, for documentation only.

Nothing is sent anywhere. With one model checked, the first pane shows the answer below, what a
vision model answered once for ``resources/samples/receipt.png``. With several models checked,
the comparison grid gets a column each: ``rapidocr`` shows the text the built-in OCR engine
really reads from the receipt; the vision models' transcriptions are illustrative samples written
for the documentation (with the kind of slips such models make), not recorded answers. Events are
replayed through the same ``ResultPane.on_event`` path a live run uses, with fixed timings so
screenshots are reproducible, and the status bar says that the answers are demo data.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication

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
    if len(models) >= 2:
        show_compare_demo(window, models)
        return
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


def show_thinking_demo(window: MainWindow) -> None:
    """A reasoning model mid-way through its thoughts: they stream in above the answer."""
    from visiondesk.core.events import ReasoningDelta, Started
    from visiondesk.core.result import AnalysisResult

    model = (window.picker.checked_models() or ["gpt-5-mini"])[0]
    provider = window.picker.provider_combo.currentText()
    lang = window.language if window.language in PROMPT else "en"
    window.prompt.set_prompt(PROMPT[lang])
    pane = window.results.prepare(1)[0]
    pane.start(model, provider, prices=(0.25, 2.0))
    result = AnalysisResult(source="receipt.png", model=model, provider=provider)
    thoughts = THINKING[lang]
    events = [Started("responses", "https://api.openai.com/v1/responses", {}),
              *(ReasoningDelta(thoughts[i:i + 24]) for i in range(0, len(thoughts), 24))]
    for event in events:
        result.apply(event)
        pane.on_event(result, event)
    window.show_message(QCoreApplication.translate(
        "Demo", "Demo: sample answers for the documentation; nothing was sent."))


THINKING = {
    "en": "The user wants the items and totals as a table. The receipt is tilted a little, so I "
          "read it row by row: five items on the left, their prices on the right. Subtotal 26.35; "
          "VAT 20% is 4.39 and already included, so the total stays 26.35. Card payment ending "
          "4417 matches the total. Now the table: quantity, item, price…",
    "zh_CN": "用户想要一张商品和金额的表格。收据略微倾斜，我逐行读取：左边五个商品，右边是价格。"
             "小计 26.35；增值税 20% 为 4.39，已含在内，所以合计仍是 26.35。尾号 4417 的银行卡"
             "支付金额与合计一致。现在整理表格：数量、商品、价格……",
}


# ---------------------------------------------------------------- comparison

COMPARE_PROMPT = {
    "en": "Transcribe every line of this receipt as plain text, top to bottom.",
    "zh_CN": "把这张收据上的文字逐行转录为纯文本，从上到下。",
}

# What the built-in OCR engine (rapidocr) reads from resources/samples/receipt.png.
OCR_TEXT = """HARBOUR CAFÉ
港湾咖啡
12 Quay Street, Portsmouth
Tel 023 9212 4410
2024-05-18 14:32 Table 7
Receipt #004821 Server: Mia
2 x Flat white 7.60
1 x Matcha latte 4.20
1 x Almond croissant 3.95
1 x Avocado toast 8.50
1 x Sparkling water 2.10
Subtotal 26.35
VAT 20% (incl.) 4.39
TOTAL GBP 26.35
Card **** 4417 26.35
Thank you - see you soon!
"""

# Illustrative transcriptions (not recorded): one clean (what the engine reads, too), one with
# misread characters.
CLEAN_TEXT = OCR_TEXT

SLIPPED_TEXT = (CLEAN_TEXT.replace("HARBOUR CAFÉ", "HARBOUR CAFE")
                .replace("Tel 023 9212 4410", "Tel 023 9212 4418")
                .replace("Sparkling water 2.10", "Sparkling water 2.70"))


@dataclass(frozen=True)
class CannedRun:
    provider: str
    text: str
    api: str
    first_ms: float
    total_ms: float
    tokens: tuple[int, int] | None          # (input, output)
    prices: tuple[float | None, float | None] = (None, None)
    local: bool = False
    currency: str = "USD"


COMPARE_RUNS = {
    "gpt-4o": CannedRun("OpenAI", CLEAN_TEXT, "responses", 690.0, 3120.0, (1190, 148),
                        (2.5, 10.0)),
    "doubao-1.5-vision-pro-250328": CannedRun("DMXAPI", SLIPPED_TEXT, "chat", 520.0, 2460.0,
                                              (1072, 151), (3.0, 9.0), currency="CNY"),
    "rapidocr": CannedRun("Local OCR (offline)", OCR_TEXT, "local-ocr", 2300.0, 2300.0, None,
                          local=True),
}


def compare_events(run: CannedRun) -> list[Event]:
    from visiondesk.core.events import Finished, Started, Status, TextDelta, UsageReport
    from visiondesk.core.usage import Usage

    url = "local://ocr" if run.local else "https://api.example/v1"
    events: list[Event] = [Started(run.api, url, {})]
    events += [TextDelta(run.text[i:i + 40]) for i in range(0, len(run.text), 40)]
    if run.tokens is not None:
        tokens_in, tokens_out = run.tokens
        events.append(UsageReport(Usage(input_tokens=tokens_in, output_tokens=tokens_out,
                                        reasoning_tokens=0, cached_tokens=0,
                                        total_tokens=tokens_in + tokens_out)))
    events.append(Finished(Status.COMPLETED))
    return events


def show_compare_demo(window: MainWindow, models: list[str]) -> None:
    """A finished comparison of ``models``; Local OCR is the reference, differences shown."""
    from visiondesk.core.result import AnalysisResult
    from visiondesk.gui.compare_agreement import agreement

    lang = window.language if window.language in COMPARE_PROMPT else "en"
    window.prompt.set_prompt(COMPARE_PROMPT[lang])
    fallback = window.picker.provider_combo.currentText()
    panes = window.results.prepare(len(models))
    for pane, model in zip(panes, models, strict=True):
        run = COMPARE_RUNS.get(model) or CannedRun(fallback, CLEAN_TEXT, "chat", 800.0, 3400.0,
                                                   (1150, 150))
        pane.start(model, run.provider, prices=run.prices, currency=run.currency)
        window.results.describe(pane, local=run.local)
        result = AnalysisResult(source="receipt.png", model=model, provider=run.provider)
        events = compare_events(run)
        for event in events:
            result.apply(event)
        result.first_token_ms, result.total_ms = run.first_ms, run.total_ms
        for event in events:
            pane.on_event(result, event)
    grid = window.results.grid
    reference = grid.reference_text()
    if reference is not None:
        grid.apply_agreement(agreement(reference, grid.comparable_texts()))
    grid.diff_check.setChecked(True)
    window.results.fit_columns()   # the image side folds if the columns need its width
    window.show_message(QCoreApplication.translate(
        "Demo", "Demo: sample answers for the documentation; nothing was sent."))
