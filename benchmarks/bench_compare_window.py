"""The comparison grid under load: four columns streaming at once in the real window.

Reuses the heartbeat and the paced SSE server of ``bench_window_stream.py``: a 1 ms timer on the
GUI thread records every gap (event-loop stall) while four models stream into four columns at
200 chunks/s each. Then four models with different delays (``slow-N-M`` on the fault server) run
as one comparison: the whole comparison should take about as long as its slowest column
(ratio total/slowest about 1).

    python benchmarks/bench_compare_window.py [--seconds 5] [--render-only]

``--render-only`` replays the events into the columns instead (no network, no engine): the
answer views' own cost, as ``bench_window_stream.py --render-only`` prints it.
"""

from __future__ import annotations

import argparse
import os
import sys
import threading
import time
from http.server import ThreadingHTTPServer
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
sys.path.insert(0, str(Path(__file__).resolve().parent))

from bench_window_stream import (
    ROOT,
    Heartbeat,
    _PacedHandler,
    cpu_report,
    report,
    run_in_window_loop,
    stream_run,
)

SLOW_MODELS = ["slow-100-50", "slow-300-100", "slow-600-150", "slow-900-200"]


async def main_async(args: argparse.Namespace) -> None:
    from tests.support.fault_server import FaultServer

    from visiondesk.gui.application import Session

    session = Session(language="en")
    session.window.resize(1360, 840)
    session.window.show()
    controller = session.controller
    await controller.startup([], None, [])
    await controller.wait_idle("warm")
    controller.add_path(str(ROOT / "resources" / "samples" / "receipt.png"))
    await controller.wait_idle("image")
    beat = Heartbeat()

    _PacedHandler.chunks = int(args.seconds * 200)
    server = ThreadingHTTPServer(("127.0.0.1", 0), _PacedHandler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        url = f"http://127.0.0.1:{server.server_address[1]}/v1"
        gaps, extra = await stream_run(session, url, [f"paced-{i}" for i in range(4)], beat)
        columns = len(session.window.results.grid.columns)
        report("4 columns x 200 chunks/s (comparison grid)", gaps, f"{columns} columns; {extra}")
        cpu_report(beat)
    finally:
        server.shutdown()
        server.server_close()

    with FaultServer() as fault:
        start = time.perf_counter()
        gaps, _extra = await stream_run(session, fault.base_url, SLOW_MODELS, beat)
        elapsed = (time.perf_counter() - start) * 1000
        results = [p.result for p in session.window.results.panes if p.result]
        slowest = max(r.total_ms or 0 for r in results)
        for r in results:
            print(f"  {r.model:<14} first token {r.first_token_ms or 0:6.0f} ms   "
                  f"total {r.total_ms or 0:6.0f} ms   {r.status}")
        report("4 columns, different delays", gaps)
        print(f"whole comparison {elapsed:.0f} ms (incl. setup), slowest column {slowest:.0f} ms, "
              f"ratio total/slowest {elapsed / slowest:.2f} (target about 1)")
    await controller.shutdown()


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--seconds", type=float, default=5.0, help="length of the paced stream")
    parser.add_argument("--render-only", action="store_true",
                        help="only the four columns' answer views: events replayed, no network")
    args = parser.parse_args()
    if args.render_only:
        import tempfile

        from bench_window_stream import render_only

        with tempfile.TemporaryDirectory() as home:
            os.environ["VISIONDESK_HOME"] = home
            from visiondesk.gui.application import create_application

            create_application()
            render_only(args)
        return
    run_in_window_loop(main_async, args)

if __name__ == "__main__":
    main()
