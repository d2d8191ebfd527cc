"""Event-loop stalls in the real window while models stream, and while a 24 MP photo is dropped.

A 1 ms ``QTimer`` heartbeat (PreciseTimer) runs on the GUI thread; every gap between ticks beyond
the interval is time the event loop could not serve the person. Printed: p50 / p99 / max of the
gaps. Targets: p99 under 16 ms while four models stream at 200 chunks/s each; for the 24 MP drop,
the preview within 300 ms and no long stall.

Scenarios (offscreen, the real ``Session``: window, controller, panes, engine, qasync):

* ``paced``: a tiny built-in SSE server sends Chat Completions chunks one HTTP write every 5 ms
  (200 chunks/s) per request, four models at once, 5 s each.
* ``burst``: the fault server's ``fast-stream-N`` (as fast as possible, large writes), four models.
* ``drop24``: a 6000x4000 JPEG added as a drop would add it.
* ``--render-only``: the answer views alone, events replayed (``_render_replay.py``): four
  Markdown columns with thoughts, and one 7 MB answer.

    python benchmarks/bench_window_stream.py [--seconds 5] [--burst 4000] [--render-only]
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import statistics
import sys
import tempfile
import threading
import time
from collections.abc import Callable, Coroutine
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))


class _PacedHandler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    chunks = 1000
    interval = 0.005

    def log_message(self, format: str, *args: Any) -> None:
        pass

    def do_POST(self) -> None:
        length = int(self.headers.get("content-length", 0))
        body = json.loads(self.rfile.read(length) or b"{}")
        self.send_response(200)
        self.send_header("Content-Type", "text/event-stream")
        self.send_header("Transfer-Encoding", "chunked")
        self.end_headers()

        def write(payload: str) -> None:
            data = f"data: {payload}\n\n".encode()
            self.wfile.write(f"{len(data):x}\r\n".encode() + data + b"\r\n")
            self.wfile.flush()

        start = time.perf_counter()
        for i in range(self.chunks):
            delta = {"choices": [{"index": 0, "delta": {"content": f"w{i} " + ("**b** " if i % 50 == 0
                                                                                 else "")}}],
                     "model": body.get("model")}
            write(json.dumps(delta))
            next_at = start + (i + 1) * self.interval
            time.sleep(max(0.0, next_at - time.perf_counter()))
        usage = {"prompt_tokens": 900, "completion_tokens": self.chunks, "total_tokens": 900 + self.chunks}
        write(json.dumps({"choices": [{"index": 0, "delta": {}, "finish_reason": "stop"}]}))
        write(json.dumps({"choices": [], "usage": usage}))
        write("[DONE]")
        self.wfile.write(b"0\r\n\r\n")
        self.wfile.flush()


class Heartbeat:
    """Records the gaps between 1 ms timer ticks."""

    def __init__(self) -> None:
        from PySide6.QtCore import Qt, QTimer

        self.gaps: list[float] = []
        # The CPU time this thread spent between ticks: the stall our own work caused, apart
        # from time the OS gave other processes (the machine may be busy).
        self.cpu_gaps: list[float] = []
        self._last = 0.0
        self._last_cpu = 0.0
        self.timer = QTimer()
        self.timer.setTimerType(Qt.TimerType.PreciseTimer)
        self.timer.setInterval(1)
        self.timer.timeout.connect(self._tick)

    def _tick(self) -> None:
        now, cpu = time.perf_counter(), time.thread_time()
        if self._last:
            self.gaps.append((now - self._last) * 1000)
            self.cpu_gaps.append((cpu - self._last_cpu) * 1000)
        self._last, self._last_cpu = now, cpu

    def start(self) -> None:
        self.gaps.clear()
        self.cpu_gaps.clear()
        self._last = 0.0
        self.timer.start()

    def stop(self) -> list[float]:
        self.timer.stop()
        return list(self.gaps)


def report(name: str, gaps: list[float], extra: str = "") -> None:
    if not gaps:
        print(f"{name}: no samples")
        return
    ordered = sorted(gaps)
    p99 = ordered[min(len(ordered) - 1, int(len(ordered) * 0.99))]
    print(f"{name:<44} ticks {len(gaps):6d}  p50 {statistics.median(gaps):5.1f} ms  "
          f"p99 {p99:5.1f} ms  max {max(gaps):6.1f} ms  {extra}")


async def stream_run(session: Any, base_url: str, models: list[str],
                     beat: Heartbeat) -> tuple[list[float], str]:
    from visiondesk.config.providers import ModelConfig, ProviderConfig
    from visiondesk.core.request import ApiStyle

    controller = session.controller
    assert controller.store is not None
    provider = ProviderConfig(id="bench", name="Bench", base_url=base_url, api_style=ApiStyle.CHAT,
                              models=tuple(ModelConfig(m, vision=True) for m in models))
    controller.store.put(provider)
    controller._set_providers(controller.store.all())   # the runner learns it too
    session.window.picker.set_providers([(p.id, p.name) for p in controller.providers], "bench")
    controller.select_provider("bench", models)
    await controller.wait_idle("warm")
    session.window.prompt.set_prompt("stream please")
    beat.start()
    start = time.perf_counter()
    controller.run()
    run_call_ms = (time.perf_counter() - start) * 1000
    await asyncio.sleep(0.05)
    await controller.wait_idle("pane")
    elapsed = time.perf_counter() - start
    gaps = beat.stop()
    panes = session.window.results.panes
    chars = sum(len(p.result.text) for p in panes if p.result)
    statuses = {str(p.result.status) for p in panes if p.result}
    worst = max(range(len(gaps)), key=gaps.__getitem__) if gaps else 0
    return gaps, (f"{len(panes)} panes, {chars} chars in {elapsed:.1f} s, status {statuses}; "
                  f"run() call {run_call_ms:.0f} ms, worst gap at tick {worst}/{len(gaps)}")


async def drop_run(session: Any, path: Path, beat: Heartbeat) -> tuple[list[float], str]:
    controller = session.controller
    window = session.window
    window.image_panel.clear()
    beat.start()
    start = time.perf_counter()
    controller.add_path(str(path))
    while not window.image_panel.entries:  # the file is checked (PDF or image) off the GUI thread
        await asyncio.sleep(0.001)
    entry = window.image_panel.entries[-1]
    while entry.preview is None:
        await asyncio.sleep(0.001)
    preview_ms = (time.perf_counter() - start) * 1000
    await controller.wait_idle("image")
    prepared_ms = (time.perf_counter() - start) * 1000
    await asyncio.sleep(0.05)
    gaps = beat.stop()
    size = next(iter(entry.prepared.values()))
    return gaps, (f"preview {preview_ms:.0f} ms, ready to send {prepared_ms:.0f} ms "
                  f"({size.width}x{size.height} {size.mime})")


def make_photo(path: Path) -> None:
    from PIL import Image

    # Smooth gradients plus noise: a photo-like JPEG of 24 MP (6000 x 4000).
    small = Image.effect_noise((600, 400), 60).convert("RGB")
    big = small.resize((6000, 4000), Image.Resampling.BICUBIC)
    big.save(path, "JPEG", quality=88)


async def main_async(args: argparse.Namespace) -> None:
    from tests.support.fault_server import FaultServer

    from visiondesk.gui.application import Session

    session = Session(language="en")
    session.window.resize(1360, 840)
    session.window.show()
    controller = session.controller
    await controller.startup([], None, [])
    await controller.wait_idle("warm")
    beat = Heartbeat()
    with tempfile.TemporaryDirectory() as tmp:
        receipt = ROOT / "resources" / "samples" / "receipt.png"
        controller.add_path(str(receipt))
        await controller.wait_idle("image")

        # idle baseline
        beat.start()
        await asyncio.sleep(1.0)
        report("idle window (1 s)", beat.stop())

        _PacedHandler.chunks = int(args.seconds * 200)
        server = ThreadingHTTPServer(("127.0.0.1", 0), _PacedHandler)
        thread = threading.Thread(target=server.serve_forever, daemon=True)
        thread.start()
        try:
            url = f"http://127.0.0.1:{server.server_address[1]}/v1"
            gaps, extra = await stream_run(session, url, [f"paced-{i}" for i in range(4)], beat)
            report("4 models x 200 chunks/s (paced, unbatched)", gaps, extra)
            cpu_report(beat)
        finally:
            server.shutdown()
            server.server_close()

        with FaultServer() as fault:
            models = [f"fast-stream-{args.burst}@{i}" for i in range(4)]
            gaps, extra = await stream_run(session, fault.base_url, models, beat)
            report(f"4 models x fast-stream-{args.burst} (burst)", gaps, extra)
            cpu_report(beat)

        photo = Path(tmp) / "photo-24mp.jpg"
        make_photo(photo)
        print(f"24 MP test photo: {photo.stat().st_size / 1e6:.1f} MB")
        gaps, extra = await drop_run(session, photo, beat)
        report("24 MP JPEG dropped", gaps, extra)
    await controller.shutdown()


def run_in_window_loop(main_async: Callable[[argparse.Namespace], Coroutine[Any, Any, None]],
                       args: argparse.Namespace) -> None:
    """Run a window benchmark on a qasync loop, with a throwaway home and an in-memory keyring."""
    with tempfile.TemporaryDirectory() as home:
        os.environ["VISIONDESK_HOME"] = home
        os.environ["NO_PROXY"] = "127.0.0.1,localhost"
        import keyring
        import qasync

        sys.path.insert(0, str(ROOT))
        from tests.support.memory_keyring import MemoryKeyring

        keyring.set_keyring(MemoryKeyring())
        from visiondesk.gui.application import create_application

        create_application()
        with asyncio.Runner(loop_factory=qasync.QEventLoop) as runner:
            runner.run(main_async(args))


def cpu_report(beat: Heartbeat) -> None:
    gaps = sorted(beat.cpu_gaps)
    if gaps:
        p99 = gaps[min(len(gaps) - 1, int(len(gaps) * 0.99))]
        print(f"{'    (CPU time of the GUI thread per gap)':<44} p99 {p99:5.1f} ms  "
              f"max {gaps[-1]:6.1f} ms  load average {os.getloadavg()[0]:.1f}")


def render_only(args: argparse.Namespace) -> None:
    """The answer views alone (no network, no engine): events replayed into the window's
    panes. Targets: p99 under 16 ms with four columns; no long stall for a 7 MB answer."""
    import _render_replay
    from PySide6.QtWidgets import QApplication

    from visiondesk.gui.application import Session

    session = Session(language="en", attach=False)
    session.window.resize(1360, 840)
    session.window.show()
    QApplication.processEvents()
    beat = Heartbeat()
    for chunk in (8, 40):
        gaps, extra = _render_replay.four_columns(session.window, beat, args.seconds, chunk)
        report(f"render: 4 columns x 200 chunks/s x {chunk} chars", gaps, extra)
        cpu_report(beat)
    gaps, extra = _render_replay.huge_answer(session.window, beat)
    report("render: one 7 MB answer (fast-stream-1000000)", gaps, extra)
    cpu_report(beat)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--seconds", type=float, default=5.0, help="length of the paced stream")
    parser.add_argument("--burst", type=int, default=4000, help="deltas per model in the burst")
    parser.add_argument("--render-only", action="store_true",
                        help="only the answer views: events replayed, no network or engine")
    args = parser.parse_args()
    if args.render_only:
        import tempfile

        with tempfile.TemporaryDirectory() as home:
            os.environ["VISIONDESK_HOME"] = home
            sys.path.insert(0, str(Path(__file__).resolve().parent))
            from visiondesk.gui.application import create_application

            create_application()
            render_only(args)
        return
    run_in_window_loop(main_async, args)

if __name__ == "__main__":
    main()
