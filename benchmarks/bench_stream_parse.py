"""Stream parsing cost per chunk over a 10,000-chunk Chat stream and a Responses stream:
SSE decoding, JSON, the adapter and folding into a result. Target: at most 20 us per chunk.

    python benchmarks/bench_stream_parse.py
"""

from __future__ import annotations

import json
import time

from _common import verdict

from visiondesk.api.chat import ChatStreamParser
from visiondesk.api.http_backend import _message_events
from visiondesk.api.responses import ResponsesStreamParser
from visiondesk.api.sse import SSEDecoder
from visiondesk.core.result import AnalysisResult

CHUNKS = 10_000
READ_SIZE = 4096  # about what a socket read hands us


def chat_stream() -> bytes:
    lines = []
    for i in range(CHUNKS):
        chunk = {"id": "chatcmpl-1", "object": "chat.completion.chunk", "created": 1, "model": "gpt-4o",
                 "choices": [{"index": 0, "delta": {"content": f"word{i} "}, "finish_reason": None}]}
        lines.append(f"data: {json.dumps(chunk)}\n\n")
    lines.append("data: [DONE]\n\n")
    return "".join(lines).encode()


def responses_stream() -> bytes:
    lines = []
    for i in range(CHUNKS):
        event = {"type": "response.output_text.delta", "item_id": "msg_1", "output_index": 0,
                 "content_index": 0, "delta": f"词{i} ", "sequence_number": i}
        lines.append(f"event: response.output_text.delta\ndata: {json.dumps(event, ensure_ascii=False)}\n\n")
    done = {"type": "response.completed", "response": {"status": "completed", "usage": {"total_tokens": 1}}}
    lines.append(f"event: response.completed\ndata: {json.dumps(done)}\n\n")
    return "".join(lines).encode()


def parse(body: bytes, parser: ChatStreamParser | ResponsesStreamParser) -> float:
    start = time.perf_counter()
    decoder = SSEDecoder()
    result = AnalysisResult(source="bench", model="m", provider="p")
    for offset in range(0, len(body), READ_SIZE):
        for message in decoder.feed(body[offset:offset + READ_SIZE]):
            for event in _message_events(message.data, parser, False):
                result.apply(event)
    for event in parser.close(True):
        result.apply(event)
    elapsed = time.perf_counter() - start
    assert result.status == "completed" and result.text.count(" ") == CHUNKS
    return elapsed


def main() -> int:
    ok = True
    for name, body, make in (("chat", chat_stream(), ChatStreamParser),
                             ("responses", responses_stream(), ResponsesStreamParser)):
        best = min(parse(body, make()) for _ in range(5))
        per_chunk_us = best / CHUNKS * 1e6
        ok = ok and per_chunk_us <= 20
        print(f"{name:9} stream: {CHUNKS} chunks in {best * 1000:.1f} ms = {per_chunk_us:.2f} us/chunk "
              f"(target <= 20): {verdict(per_chunk_us <= 20)}")
    return 0 if ok else 1


if __name__ == "__main__":
    raise SystemExit(main())
