"""A batch keeps its workers busy: 40 images against a loopback server that answers each request
in 300 ms, 8 at a time, should take about 40 / 8 x 0.3 s = 1.5 s plus the command's start-up.

``visiondesk batch`` runs as a real process (imports, folder scan, results file with fsync per
line, history). Start-up is measured as the same command run again once every pair is done (it
does everything but the requests). Target: the batch within 1.5 x (1.5 s + start-up).

    python benchmarks/bench_batch.py
"""

from __future__ import annotations

import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from _common import ROOT, verdict
from tests.support.fault_server import FaultServer

IMAGES, CONCURRENCY, ANSWER_S = 40, 8, 0.3
MODEL = "slow-300-0"  # the fault server waits 300 ms, then answers at once


def make_images(folder: Path) -> None:
    from PIL import Image, ImageDraw

    folder.mkdir()
    for i in range(IMAGES):
        image = Image.new("RGB", (1200, 900), "white")
        ImageDraw.Draw(image).text((40, 40), f"Receipt {i}  Total {i * 3.5:.2f}", fill="black")
        image.save(folder / f"r{i:02d}.png")


def timed(cmd: list[str], env: dict[str, str]) -> tuple[float, subprocess.CompletedProcess[str]]:
    start = time.perf_counter()
    proc = subprocess.run(cmd, capture_output=True, text=True, env=env, timeout=300)
    return time.perf_counter() - start, proc


def main() -> int:
    with tempfile.TemporaryDirectory() as tmp, FaultServer() as server:
        root = Path(tmp)
        make_images(root / "images")
        env = {**os.environ, "VISIONDESK_HOME": str(root / "home"), "VISIONDESK_API_KEY": "sk-bench",
               "NO_PROXY": "127.0.0.1", "no_proxy": "127.0.0.1",
               "PYTHONPATH": os.pathsep.join([str(ROOT / "src"), os.environ.get("PYTHONPATH", "")])}
        cmd = [sys.executable, "-m", "visiondesk", "batch", str(root / "images"), "--base-url",
               server.base_url, "--model", MODEL, "--api", "chat", "--concurrency", str(CONCURRENCY),
               "--out", str(root / "results.jsonl"), "--csv", str(root / "results.csv")]
        elapsed, proc = timed(cmd, env)
        if proc.returncode != 0:
            print(proc.stderr)
            return 1
        startup, again = timed(cmd, env)
        requests = len(server.requests)
        lines = (root / "results.jsonl").read_text(encoding="utf-8").count("\n")
    ideal = IMAGES / CONCURRENCY * ANSWER_S
    target = 1.5 * (ideal + startup)
    print(f"{IMAGES} images x {ANSWER_S * 1000:.0f} ms answers, concurrency {CONCURRENCY}: "
          f"{requests} requests, {lines} results")
    print(f"batch {elapsed:.2f} s; start-up (rerun with every pair done) {startup:.2f} s; "
          f"ideal {ideal:.2f} s + start-up = {ideal + startup:.2f} s")
    ok = elapsed <= target and again.returncode == 0 and lines == requests == IMAGES
    print(f"ratio {elapsed / (ideal + startup):.2f} (target <= 1.5, i.e. {target:.2f} s): {verdict(ok)}")
    return 0 if ok else 1


if __name__ == "__main__":
    raise SystemExit(main())
