"""Time the SSE decoder on hostile input: one 40 MB line, and an ordinary fast stream.

The decoder must be linear in its input (issue 12 item 3: the old one re-joined its buffer on
every chunk, so a 40 MB line took 12 s). Caps are raised for the long-line figure so the whole
line is decoded; with the default caps it is refused at 8 MB, which is also timed.

    .venv/bin/python benchmarks/bench_sse_decoder.py [--mb 40] [--chunk 4096] [--limit 1.0]

Prints the figures and PASS/FAIL for the long line against ``--limit`` seconds; exits 1 on FAIL.
"""

from __future__ import annotations

import argparse
import json
import sys
import time

from visiondesk.api.sse import SSEDecoder, SSELimitError


def feed_all(decoder: SSEDecoder, payload: bytes, chunk: int) -> int:
    count = 0
    for i in range(0, len(payload), chunk):
        count += len(decoder.feed(payload[i:i + chunk]))
    return count + len(decoder.close())


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--mb", type=int, default=40)
    parser.add_argument("--chunk", type=int, default=4096)
    parser.add_argument("--limit", type=float, default=1.0)
    args = parser.parse_args()

    line = b"data: " + b"x" * (args.mb * 1024 * 1024) + b"\n\n"
    big = 2 * len(line)
    started = time.perf_counter()
    feed_all(SSEDecoder(max_line=big, max_event=big), line, args.chunk)
    long_line = time.perf_counter() - started

    started = time.perf_counter()
    try:
        feed_all(SSEDecoder(), line, args.chunk)
    except SSELimitError as exc:
        refused = f"refused at the {exc.limit // (1024 * 1024)} MB {exc.what} cap"
    else:
        refused = "not refused"
    refusal = time.perf_counter() - started

    event = b"data: " + json.dumps({"choices": [{"delta": {"content": "word "}}]}).encode() + b"\n\n"
    stream = event * 200_000
    started = time.perf_counter()
    messages = feed_all(SSEDecoder(), stream, args.chunk)
    ordinary = time.perf_counter() - started

    print(f"one {args.mb} MB line in {args.chunk}-byte chunks: {long_line:.3f} s")
    print(f"the same line with the default caps: {refusal:.3f} s ({refused})")
    print(f"{messages:,} ordinary events ({len(stream) / 1e6:.1f} MB): {ordinary:.3f} s "
          f"({messages / ordinary:,.0f} events/s)")
    ok = long_line <= args.limit
    print(f"{'PASS' if ok else 'FAIL'}: long line {long_line:.3f} s {'<=' if ok else '>'} {args.limit:.3f} s")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
