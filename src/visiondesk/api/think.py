"""Split inline ``<think>...</think>`` reasoning out of streamed content.

llama.cpp with ``--reasoning-format none`` and some relay "reverse" models put the reasoning at
the start of ``content``. The tags may be split across chunks, so a tail that could be the start
of a tag is held back until the next chunk decides.
"""

from __future__ import annotations

OPEN = "<think>"
CLOSE = "</think>"


def _partial_suffix(text: str, tag: str) -> int:
    """Length of the longest suffix of ``text`` that is a proper prefix of ``tag``."""
    for size in range(min(len(tag) - 1, len(text)), 0, -1):
        if tag.startswith(text[-size:]):
            return size
    return 0


class ThinkTagSplitter:
    """Feed content deltas; get (reasoning, answer) pieces back."""

    __slots__ = ("_held", "_state")

    def __init__(self) -> None:
        # "start": nothing but whitespace seen yet; "think": inside the tag; "after": just past
        # </think>, where the newlines that separate reasoning from answer are dropped;
        # "answer": plain text.
        self._state = "start"
        self._held = ""

    def feed(self, text: str) -> tuple[str, str]:
        if self._state == "answer" and not self._held:
            return "", text
        text = self._held + text
        self._held = ""
        reasoning = answer = ""
        if self._state == "start":
            stripped = text.lstrip()
            if stripped.startswith(OPEN):
                self._state = "think"
                text = stripped[len(OPEN):]
            elif OPEN.startswith(stripped):  # could still become "<think>"
                self._held = text
                return "", ""
            else:
                self._state = "answer"
                return "", text
        if self._state == "think":
            end = text.find(CLOSE)
            if end >= 0:
                reasoning = text[:end]
                text = text[end + len(CLOSE):]
                self._state = "after"
            else:
                keep = _partial_suffix(text, CLOSE)
                reasoning = text[: len(text) - keep]
                self._held = text[len(text) - keep:]
        if self._state == "after":
            answer = text.lstrip("\n")
            if answer:
                self._state = "answer"
        return reasoning, answer

    def flush(self) -> tuple[str, str]:
        """End of stream: whatever was held back is what it looked like."""
        held, self._held = self._held, ""
        if self._state == "think":
            return held, ""
        return "", held
