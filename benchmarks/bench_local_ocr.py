"""Time local OCR on a 900x500 receipt: cold start within 3 s, later recognitions within 1 s.

Draws a receipt of eight mixed Chinese/English lines (with the test font in
tests/fixtures/fonts), then starts fresh Python processes. Each one times, from before the first
VisionDesk import to the first result, import + model load + first recognition (the "cold"
figure: what a person waits for after choosing Local OCR in a new session), then repeats the
recognition to time warm runs. The receipt is handed over as PNG bytes, so no decoding work is
done before the clock starts.

    .venv/bin/python benchmarks/bench_local_ocr.py [--cold-runs 3] [--warm-runs 5]
        [--cold-limit 3.0] [--warm-limit 1.0]

Prints every figure and the character error rate, then PASS/FAIL on the medians (the median
cold start within --cold-limit, the median warm run within --warm-limit; the worst of each is
printed too, but a single run slowed by another process on a shared 2-core machine should not
fail the budget). Exits 1 on FAIL.
"""

from __future__ import annotations

import argparse
import io
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
FONT = ROOT / "tests" / "fixtures" / "fonts" / "NotoSansCJKsc-Regular-subset.otf"
RECEIPT_LINES = (
    "超市购物小票 SUPERMARKET RECEIPT",
    "日期 Date: 2024-05-01 收银员 07",
    "苹果 Apple 2 x 5.50 = 11.00",
    "牛奶 Milk 1 x 12.80 = 12.80",
    "面包 Bread 1 x 8.00 = 8.00",
    "合计 Total: 31.80 元",
    "现金 Cash 50.00 找零 Change 18.20",
    "谢谢惠顾 Thank you!",
)


def make_receipt() -> bytes:
    from PIL import Image, ImageDraw, ImageFont

    image = Image.new("RGB", (900, 500), "white")
    draw = ImageDraw.Draw(image)
    font = ImageFont.truetype(str(FONT), 30)
    for i, text in enumerate(RECEIPT_LINES):
        draw.text((40, 18 + i * 58), text, fill="black", font=font)
    buffer = io.BytesIO()
    image.save(buffer, "PNG")
    return buffer.getvalue()


def child(image_path: str, warm_runs: int, launched: float) -> None:
    """Runs in the fresh process; prints one JSON line with its timings."""
    startup = time.time() - launched  # interpreter start, site packages, this script's imports
    data = Path(image_path).read_bytes()
    started = time.perf_counter()
    from visiondesk.ocr.engine import LocalOcrEngine

    imported = time.perf_counter()
    engine = LocalOcrEngine()
    engine.load()
    loaded = time.perf_counter()
    first = engine.recognize(data)
    done = time.perf_counter()
    warm = []
    for _ in range(warm_runs):
        tick = time.perf_counter()
        engine.recognize(data)
        warm.append(time.perf_counter() - tick)
    print(json.dumps({
        "import": imported - started, "load": loaded - imported, "first": done - loaded,
        "cold": done - started, "startup": startup, "warm": warm, "text": first.text,
        "threads": engine.settings.threads,
    }))


def run_cold(image_path: Path, warm_runs: int) -> dict[str, object]:
    env = dict(os.environ)
    env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(ROOT / "src"),
                                                      env.get("PYTHONPATH")]))
    proc = subprocess.run(
        [sys.executable, __file__, "--child", str(image_path), "--warm-runs", str(warm_runs),
         "--launched", repr(time.time())],
        capture_output=True, text=True, env=env, check=False, timeout=300,
    )
    if proc.returncode != 0:
        raise SystemExit(f"child process failed:\n{proc.stderr}")
    result: dict[str, object] = json.loads(proc.stdout.strip().splitlines()[-1])
    return result


def main() -> int:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--cold-runs", type=int, default=3, help="fresh processes (default 3)")
    parser.add_argument("--warm-runs", type=int, default=5, help="warm runs per process")
    parser.add_argument("--cold-limit", type=float, default=3.0, help="cold budget, seconds")
    parser.add_argument("--warm-limit", type=float, default=1.0, help="warm budget, seconds")
    parser.add_argument("--child", metavar="PNG", help=argparse.SUPPRESS)
    parser.add_argument("--launched", type=float, default=0.0, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        child(args.child, args.warm_runs, args.launched)
        return 0

    sys.path.insert(0, str(ROOT / "src"))
    from visiondesk.core.textmetrics import character_error_rate

    print(f"receipt 900x500, {len(RECEIPT_LINES)} lines; {os.cpu_count()} CPUs")
    colds: list[float] = []
    warms: list[float] = []
    cers: list[float] = []
    with tempfile.TemporaryDirectory(prefix="vd-bench-ocr-") as tmp:
        image_path = Path(tmp) / "receipt.png"
        image_path.write_bytes(make_receipt())
        for run in range(1, args.cold_runs + 1):
            result = run_cold(image_path, args.warm_runs)
            warm = [float(t) for t in result["warm"]]  # type: ignore[attr-defined]
            cer = character_error_rate(str(result["text"]), "\n".join(RECEIPT_LINES))
            colds.append(float(result["cold"]))  # type: ignore[arg-type]
            warms.extend(warm)
            cers.append(cer)
            print(f"process {run}: import {result['import']:.2f} s + load {result['load']:.2f} s"
                  f" + first {result['first']:.2f} s = cold {result['cold']:.2f} s "
                  f"(+ {result['startup']:.2f} s interpreter start before that); "
                  f"warm {' '.join(f'{t:.2f}' for t in warm)} s; CER {cer:.3f}; "
                  f"{result['threads']} threads")

    cold_ok = statistics.median(colds) <= args.cold_limit
    warm_ok = statistics.median(warms) <= args.warm_limit
    print(f"cold: median {statistics.median(colds):.2f} s, worst {max(colds):.2f} s "
          f"(limit {args.cold_limit:.1f} s) {'PASS' if cold_ok else 'FAIL'}")
    print(f"warm: median {statistics.median(warms):.2f} s, worst {max(warms):.2f} s "
          f"(limit {args.warm_limit:.1f} s) {'PASS' if warm_ok else 'FAIL'}")
    print(f"CER: worst {max(cers):.3f}")
    ok = cold_ok and warm_ok
    print("PASS" if ok else "FAIL")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
