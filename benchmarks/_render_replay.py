"""Event-loop stalls caused by the answer views alone: events replayed into the real window's
panes from a Qt timer (no network, no engine), while a 1 ms heartbeat records every gap.

Used by ``bench_window_stream.py`` and ``bench_compare_window.py`` (``--render-only`` runs just
these). Scenarios:

* four columns, each fed 200 chunks/s of a Markdown answer (headings, lists, tables, code
  blocks), thoughts first, for ``seconds``;
* one pane fed a 7 MB answer (the fault server's ``fast-stream-1000000`` text: "w0 w1 …", no
  line breaks) as fast as the loop takes it, 1,000 deltas per tick.
"""

from __future__ import annotations

import time
from typing import Any

MARKDOWN_BLOCK = """## Item {i}

The receipt line **{i}** reads `SKU-{i:05d}`; the model explains it in a paragraph long enough
to wrap twice in a narrow column, with *emphasis* and a [link](https://example.com/{i}).

- first point about {i}
- second point, with `code`
  - nested detail

| Qty | Item | Price |
|---:|---|---:|
| {i} | Flat white | 3.80 |
| 1 | Croissant | 2.95 |

```python
def total_{i}(items):
    return sum(price for _, price in items)  # line {i}
```

"""


def markdown_answer(chars: int) -> str:
    parts, size, i = [], 0, 0
    while size < chars:
        block = MARKDOWN_BLOCK.format(i=i)
        parts.append(block)
        size += len(block)
        i += 1
    return "".join(parts)[:chars]


def _replay(window: Any, models: list[str], reasoning: str, answer: str, chunk: int,
            deltas_per_tick: int, interval_ms: int, beat: Any) -> tuple[list[float], str]:
    from PySide6.QtCore import QEventLoop, QTimer

    from visiondesk.core.events import (
        Finished,
        ReasoningDelta,
        Started,
        Status,
        TextDelta,
        UsageReport,
    )
    from visiondesk.core.result import AnalysisResult
    from visiondesk.core.usage import Usage

    panes = window.results.prepare(len(models))
    results = []
    for pane, model in zip(panes, models, strict=True):
        pane.start(model, "Bench", prices=(1.0, 2.0))
        result = AnalysisResult("receipt.png", model, "Bench")
        event = Started("chat", "http://127.0.0.1/v1/chat/completions", {"stream": True})
        result.apply(event)
        pane.on_event(result, event)
        results.append(result)
    pieces = [ReasoningDelta(reasoning[i:i + chunk]) for i in range(0, len(reasoning), chunk)]
    pieces += [TextDelta(answer[i:i + chunk]) for i in range(0, len(answer), chunk)]
    position = 0
    loop = QEventLoop()
    timer = QTimer()
    timer.setInterval(interval_ms)

    def tick() -> None:
        nonlocal position
        batch = pieces[position:position + deltas_per_tick]
        position += deltas_per_tick
        for pane, result in zip(panes, results, strict=True):
            events: list[Any] = list(batch)
            if not batch:
                events = [UsageReport(Usage(900, len(answer) // 4)), Finished(Status.COMPLETED)]
            for event in events:
                result.apply(event)
                pane.on_event(result, event)
        if not batch:
            timer.stop()
            QTimer.singleShot(200, loop.quit)

    timer.timeout.connect(tick)
    beat.start()
    start = time.perf_counter()
    timer.start()
    loop.exec()
    elapsed = time.perf_counter() - start
    gaps = beat.stop()
    shown = sum(len(p.answer_view.toPlainText()) for p in panes)
    plain = sum(p.answer_view.shown_as_plain for p in panes)
    return gaps, (f"{len(panes)} panes, {len(answer):,} chars each in {elapsed:.1f} s; "
                  f"{shown:,} chars shown, {plain} as plain text")


def four_columns(window: Any, beat: Any, seconds: float,
                 chunk: int = 8) -> tuple[list[float], str]:
    """Four columns at 200 chunks/s each of ``chunk`` characters (8: faster than any model
    streams; 40 is a stress test): thoughts first, then the Markdown answer."""
    ticks = int(seconds * 200)
    answer = markdown_answer(chunk * ticks * 4 // 5)
    reasoning = "Let me read the receipt line by line and add the prices. "
    reasoning = (reasoning * (chunk * ticks // 5 // len(reasoning) + 1))[:chunk * ticks // 5]
    return _replay(window, [f"paced-{i}" for i in range(4)], reasoning, answer, chunk, 1, 5,
                   beat)


def huge_answer(window: Any, beat: Any) -> tuple[list[float], str]:
    """One pane, the 7 MB one-line answer of ``fast-stream-1000000``."""
    answer = "".join(f"w{i} " for i in range(1_000_000))
    return _replay(window, ["fast-stream-1000000"], "", answer, 7, 1000, 1, beat)
