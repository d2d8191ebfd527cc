"""A long answer that is one paragraph (no block ends: OCR text, Chinese prose, a token dump)
is drawn a step at a time and then the view rests: it never re-renders the same step forever."""

from __future__ import annotations

import asyncio
from typing import Any


def test_one_long_paragraph_is_drawn_to_its_end_and_the_view_then_rests(qapp: Any, run: Any) -> None:
    from visiondesk.gui.answer_view import STEP_CHARS, AnswerView

    view = AnswerView()
    text = " ".join(f"w{i}" for i in range(6000))   # ~34,000 characters, no blank line
    assert len(text) > 5 * STEP_CHARS

    async def scenario() -> None:
        view.show_answer(text, final=True)
        for _ in range(200):   # each loop turn draws one more step
            await asyncio.sleep(0)
            if not view._more.isActive():
                return

    run(scenario())
    assert not view._more.isActive()   # at rest: no timer firing for ever
    assert view.toPlainText().rstrip().endswith("w5999")
