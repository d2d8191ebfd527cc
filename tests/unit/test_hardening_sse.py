"""Issue 12 item 3: the SSE decoder is linear and bounds lines and events."""

from __future__ import annotations

import pytest

from visiondesk.api.sse import SSEDecoder, SSELimitError, SSEMessage


def _feed_all(decoder: SSEDecoder, payload: bytes, size: int) -> list[SSEMessage]:
    out: list[SSEMessage] = []
    for i in range(0, len(payload), size):
        out += decoder.feed(payload[i:i + size])
    return out + decoder.close()


def test_one_long_line_is_decoded_whole_across_many_chunks() -> None:
    # 4 MB in 4 KB chunks: the old decoder re-joined the buffer on every chunk (quadratic).
    # The speed target lives in benchmarks; this asserts the content survives the new path.
    body = b"x" * 4_000_000
    decoder = SSEDecoder()
    messages = _feed_all(decoder, b"data: " + body + b"\r\n\r\n", 4096)
    assert messages == [SSEMessage("", body.decode())]


def test_line_ends_split_across_chunks() -> None:
    payload = b"event: a\r\ndata: 1\r\n\r\ndata: 2\rdata: 3\r\rdata:4\n\n"
    for size in (1, 2, 3, 7, len(payload)):
        assert _feed_all(SSEDecoder(), payload, size) == [
            SSEMessage("a", "1"), SSEMessage("", "2\n3"), SSEMessage("", "4")]


def test_an_endless_line_raises_a_limit_error_without_growing() -> None:
    decoder = SSEDecoder(max_line=1000)
    assert decoder.feed(b"data: ok\n\n") == [SSEMessage("", "ok")]
    with pytest.raises(SSELimitError) as caught:
        for _ in range(100):
            decoder.feed(b"data: " + b"y" * 100)
    assert caught.value.what == "line"
    assert caught.value.limit == 1000
    assert len(decoder._buffer) == 0  # nothing kept past the limit


def test_an_event_that_never_ends_raises_and_keeps_messages_of_the_same_chunk() -> None:
    decoder = SSEDecoder(max_line=1000, max_event=500)
    chunk = b"data: first\n\n" + b"data: " + b"z" * 90 + b"\n"
    with pytest.raises(SSELimitError) as caught:
        for _ in range(10):
            decoder.feed(chunk)
            chunk = b"data: " + b"z" * 90 + b"\n"
    assert caught.value.what == "event"
    # The first chunk's message was returned before; a later chunk's partial event is dropped.
    decoder2 = SSEDecoder(max_event=50)
    with pytest.raises(SSELimitError) as caught2:
        decoder2.feed(b"data: done\n\n" + b"data: " + b"q" * 100 + b"\n")
    assert caught2.value.messages == [SSEMessage("", "done")]


def test_comments_do_not_count_towards_the_event_limit() -> None:
    decoder = SSEDecoder(max_event=100)
    messages = _feed_all(decoder, b": ping\n" * 1000 + b"data: hi\n\n", 64)
    assert messages == [SSEMessage("", "hi")]


def test_an_empty_chunk_between_cr_and_lf_does_not_split_the_line_end() -> None:
    decoder = SSEDecoder()
    out = decoder.feed(b"data: a\r") + decoder.feed(b"") + decoder.feed(b"\ndata: b\n\n")
    assert out == [SSEMessage("", "a\nb")]
