"""A key a server echoes in its answer is redacted even when it arrives split across deltas, and
text that cannot be part of a key streams through at once."""

from __future__ import annotations

from visiondesk.core.redaction import AnswerScrubber

KEY = "sk-live-0123456789abcdefXYZ"


def _stream(chunks: list[str]) -> list[str]:
    scrub = AnswerScrubber([KEY])
    shown = [scrub.stream("text", chunk) for chunk in chunks]
    return [*shown, scrub.flush("text")]


def test_a_key_split_across_deltas_never_shows() -> None:
    shown = _stream(["Your key is sk-li", "ve-0123456", "789abcdefXYZ, keep it safe."])
    assert "".join(shown) == "Your key is [redacted], keep it safe."
    joined = ""
    for piece in shown:  # at no moment does the screen hold the key
        joined += piece
        assert KEY not in joined and "sk-live-0123456789" not in joined


def test_ordinary_text_streams_without_delay() -> None:
    chunks = ["The total ", "is 26.35 GBP", " (VAT 4.39 included)."]
    assert _stream(chunks)[:3] == chunks


def test_a_false_start_is_released_when_the_next_delta_shows_it_is_no_key() -> None:
    shown = _stream(["price in sk", "ill points: 3"])
    assert shown[0] == "price in " and "".join(shown) == "price in skill points: 3"


def test_what_was_held_comes_out_at_the_end() -> None:
    shown = _stream(["ends with sk-li"])
    assert "".join(shown) == "ends with sk-li"
