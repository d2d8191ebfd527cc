"""The SSE decoder: every line ending, comment and split a relay can produce."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from visiondesk.api.sse import SSEDecoder, SSEMessage


def decode(chunks: list[bytes]) -> list[SSEMessage]:
    decoder = SSEDecoder()
    messages: list[SSEMessage] = []
    for chunk in chunks:
        messages.extend(decoder.feed(chunk))
    return messages + decoder.close()


STREAM = (
    b": ping\n\n"
    b'data: {"a": 1}\n\n'
    b"event: response.output_text.delta\r\n"
    b'data:{"b": "x\xe2\x80\xa8y"}\r\n\r\n'          # no space after colon, CRLF, raw U+2028
    b": OPENROUTER PROCESSING\r"
    b"\r"
    b"data: first\n"
    b"data: second\n\n"                               # two data lines join with \n
    b"data: keep-alive\r\r"                           # CR only
    b'data: {"c": "\xe4\xb8\xad\xe6\x96\x87 \xc2\x85 end"}\n\n'  # Chinese and U+0085
    b"data: [DONE]\n\n"
)

EXPECTED = [
    SSEMessage("", '{"a": 1}'),
    SSEMessage("response.output_text.delta", '{"b": "x\u2028y"}'),
    SSEMessage("", "first\nsecond"),
    SSEMessage("", "keep-alive"),
    SSEMessage("", '{"c": "中文 \x85 end"}'),
    SSEMessage("", "[DONE]"),
]


def test_whole_stream_decodes_every_quirk() -> None:
    assert decode([STREAM]) == EXPECTED


@settings(max_examples=300, deadline=None)
@given(st.lists(st.integers(min_value=0, max_value=len(STREAM)), max_size=30))
def test_any_split_of_the_bytes_gives_the_same_events(cuts: list[int]) -> None:
    points = sorted(set(cuts))
    chunks = [STREAM[a:b] for a, b in zip([0, *points], [*points, len(STREAM)], strict=True)]
    assert decode(chunks) == EXPECTED


def test_crlf_split_between_cr_and_lf_is_one_line_ending() -> None:
    assert decode([b"data: x\r", b"\ndata: y\r", b"\n\r", b"\n"]) == [SSEMessage("", "x\ny")]


def test_last_event_without_blank_line_is_kept_at_end_of_body() -> None:
    assert decode([b'data: {"end": true}']) == [SSEMessage("", '{"end": true}')]


def test_comments_and_unknown_fields_dispatch_nothing() -> None:
    assert decode([b": hello\nid: 5\nretry: 100\n\n"]) == []
