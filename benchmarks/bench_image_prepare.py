"""Time prepare_image on a 24 MP camera-style JPEG against the 0.4 s budget.

Generates a noisy, photo-like 6000x4000 JPEG in a temporary directory (smooth colour gradients
plus sensor-like noise, so the entropy decoder has as much to chew on as with a real photo),
then times decode + orient + downscale + encode over several runs, pinned to one CPU core.

    .venv/bin/python benchmarks/bench_image_prepare.py [--runs 7] [--limit 0.4]

Prints median/min/max and PASS/FAIL (on the median); exits 1 on FAIL.
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

from PIL import Image

from visiondesk.core.images import prepare_image

WIDTH, HEIGHT = 6000, 4000


def make_photo(path: Path, *, noise: float = 40.0, quality: int = 92) -> int:
    """Write a photo-like JPEG and return its size in bytes."""
    size = (WIDTH, HEIGHT)
    horizontal = Image.linear_gradient("L").rotate(90).resize(size)
    vertical = Image.linear_gradient("L").resize(size)
    radial = Image.radial_gradient("L").resize(size)
    grain = Image.effect_noise(size, noise)
    # Each channel mixes different gradients with the same grain, like luminance noise on a
    # real sensor; the mix weights keep the result from being pure noise or pure gradient.
    channels = (
        Image.blend(Image.blend(horizontal, radial, 0.4), grain, 0.35),
        Image.blend(Image.blend(vertical, horizontal, 0.5), grain, 0.35),
        Image.blend(Image.blend(radial, vertical, 0.3), grain, 0.35),
    )
    Image.merge("RGB", channels).save(path, "JPEG", quality=quality)
    return path.stat().st_size


def pin_to_one_core() -> str:
    if hasattr(os, "sched_setaffinity"):
        cpu = min(os.sched_getaffinity(0))
        os.sched_setaffinity(0, {cpu})
        return f"pinned to CPU {cpu}"
    return "not pinned (no sched_setaffinity on this platform)"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=7, help="timed runs (default 7)")
    parser.add_argument("--limit", type=float, default=0.4, help="budget in seconds")
    args = parser.parse_args()

    print(pin_to_one_core())
    with tempfile.TemporaryDirectory(prefix="vd-bench-") as tmp:
        path = Path(tmp) / "photo_24mp.jpg"
        started = time.perf_counter()
        size = make_photo(path)
        print(f"generated {path.name}: {WIDTH}x{HEIGHT}, {size / 1e6:.1f} MB "
              f"in {time.perf_counter() - started:.1f} s")

        prepare_image(path)  # warm-up: first-use plugin loading is not what we measure
        timings: list[float] = []
        for _ in range(args.runs):
            started = time.perf_counter()
            prepared = prepare_image(path)
            timings.append(time.perf_counter() - started)

    median = statistics.median(timings)
    print(f"output: {prepared.mime} {prepared.width}x{prepared.height}, "
          f"{len(prepared.data) / 1e6:.2f} MB")
    print(f"runs={len(timings)} median={median:.3f} s min={min(timings):.3f} s "
          f"max={max(timings):.3f} s")
    passed = median <= args.limit
    print(f"{'PASS' if passed else 'FAIL'}: median {median:.3f} s "
          f"{'<=' if passed else '>'} {args.limit:.3f} s")
    return 0 if passed else 1


if __name__ == "__main__":
    sys.exit(main())
