"""One whole ``visiondesk analyze`` process against a loopback server, versus the obvious
alternative: a short script with the official ``openai`` SDK and Pillow sending the same streamed
Chat Completions request. Target: VisionDesk takes at most 0.7x the time.

Two cases: a small screenshot-like PNG (the script re-encodes it as PNG, as the SDK's examples
do), and a 24 MP photo as JPEG (the script sends the file's bytes as they are; VisionDesk
downscales to 2048 px and sends a JPEG, never a PNG, of a lossy source).

    python benchmarks/bench_cli_vs_openai.py [--runs 15]
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from _common import median_ms, verdict
from tests.support.fault_server import FaultServer

# What a user would write with the SDK. "png": open the image with Pillow and send it as PNG (as
# the SDK's examples do); "bytes": send a JPEG's bytes as they are (no Pillow at all).
OPENAI_SCRIPT = """
import base64, io, sys
from openai import OpenAI

path, base_url, how = sys.argv[1:4]
if how == "png":
    from PIL import Image

    buffer = io.BytesIO()
    Image.open(path).save(buffer, "PNG")
    url = "data:image/png;base64," + base64.b64encode(buffer.getvalue()).decode()
else:
    with open(path, "rb") as handle:
        url = "data:image/jpeg;base64," + base64.b64encode(handle.read()).decode()
client = OpenAI(base_url=base_url, api_key="sk-bench")
stream = client.chat.completions.create(
    model="gpt-4o", stream=True, stream_options={"include_usage": True},
    messages=[{"role": "user", "content": [
        {"type": "text", "text": "Describe the image"},
        {"type": "image_url", "image_url": {"url": url, "detail": "auto"}}]}])
for chunk in stream:
    if chunk.choices and chunk.choices[0].delta.content:
        sys.stdout.write(chunk.choices[0].delta.content)
"""


def timed(command: list[str], env: dict[str, str]) -> float:
    start = time.perf_counter()
    subprocess.run(command, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=env)
    return time.perf_counter() - start


def photo(path: Path) -> None:
    """A 24 MP photo-like JPEG (noise and gradients: it does not compress like a screenshot)."""
    import numpy as np
    from PIL import Image

    rng = np.random.default_rng(7)
    y, x = np.mgrid[0:4000, 0:6000]
    base = np.stack([(x / 6000 * 200), (y / 4000 * 180), ((x + y) / 10000 * 160)], axis=-1)
    noisy = np.clip(base + rng.normal(0, 18, base.shape), 0, 255).astype("uint8")
    Image.fromarray(noisy, "RGB").save(path, "JPEG", quality=90)


def compare(label: str, ours_cmd: list[str], theirs_cmd: list[str], env: dict[str, str],
            runs: int) -> bool:
    timed(ours_cmd, env), timed(theirs_cmd, env)  # warm the page cache and .pyc files
    ours: list[float] = []
    theirs: list[float] = []
    for _ in range(runs):  # interleaved, so machine noise hits both alike
        ours.append(timed(ours_cmd, env))
        theirs.append(timed(theirs_cmd, env))
    ratio = median_ms(ours) / median_ms(theirs)
    print(label)
    rows = (("  visiondesk analyze (whole process)", ours), ("  openai SDK script", theirs))
    for name, times in rows:
        print(f"{name:<37} median {median_ms(times):.0f} ms, min {min(times) * 1000:.0f} ms")
    print(f"  ratio {ratio:.2f} (target <= 0.70): {verdict(ratio <= 0.70)}")
    return ratio <= 0.70


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=15)
    args = parser.parse_args()
    from PIL import Image, ImageDraw

    with tempfile.TemporaryDirectory() as tmp, FaultServer() as server:
        image_path = Path(tmp) / "small.png"
        image = Image.new("RGB", (640, 400), "white")
        ImageDraw.Draw(image).text((40, 40), "Invoice 2026-11 Total 42.00", fill="black", font_size=30)
        image.save(image_path)
        script = Path(tmp) / "openai_script.py"
        script.write_text(OPENAI_SCRIPT)
        env = dict(os.environ, VISIONDESK_HOME=str(Path(tmp) / "home"), NO_PROXY="127.0.0.1",
                   VISIONDESK_API_KEY="sk-bench")
        # Bytecode as an installed package has it (pip compiles at install): with
        # PYTHONDONTWRITEBYTECODE set, the warm-up runs would leave stale or missing .pyc files
        # and every run would compile sources again (~70 ms for VisionDesk, some for the SDK).
        env.pop("PYTHONDONTWRITEBYTECODE", None)
        jpeg_path = Path(tmp) / "photo.jpg"
        photo(jpeg_path)

        def ours(path: Path) -> list[str]:
            return [sys.executable, "-m", "visiondesk", "analyze", str(path), "--base-url",
                    server.base_url, "--model", "gpt-4o", "--api", "chat", "--prompt", "Describe the image"]

        small = compare("small PNG (640x400)", ours(image_path),
                        [sys.executable, str(script), str(image_path), server.base_url, "png"], env,
                        args.runs)
        large = compare("24 MP JPEG photo (6000x4000)", ours(jpeg_path),
                        [sys.executable, str(script), str(jpeg_path), server.base_url, "bytes"], env,
                        max(3, args.runs // 3))
        assert not server.errors, server.errors
    return 0 if small and large else 1

if __name__ == "__main__":
    raise SystemExit(main())
