"""One whole ``visiondesk analyze`` process against a loopback server, versus the obvious
alternative: a short script with the official ``openai`` SDK and Pillow sending the same streamed
Chat Completions request. Target: VisionDesk takes at most 0.7x the time.

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

OPENAI_SCRIPT = """
import base64, io, sys
from openai import OpenAI
from PIL import Image

image = Image.open(sys.argv[1])
buffer = io.BytesIO()
image.save(buffer, "PNG")
url = "data:image/png;base64," + base64.b64encode(buffer.getvalue()).decode()
client = OpenAI(base_url=sys.argv[2], api_key="sk-bench")
stream = client.chat.completions.create(
    model="gpt-4o", stream=True, stream_options={"include_usage": True},
    messages=[{"role": "user", "content": [
        {"type": "text", "text": "Describe the image"},
        {"type": "image_url", "image_url": {"url": url, "detail": "auto"}}]}])
for chunk in stream:
    if chunk.choices and chunk.choices[0].delta.content:
        sys.stdout.write(chunk.choices[0].delta.content)
    if chunk.usage:
        print("", chunk.usage.total_tokens, file=sys.stderr)
"""


def timed(command: list[str], env: dict[str, str]) -> float:
    start = time.perf_counter()
    subprocess.run(command, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=env)
    return time.perf_counter() - start


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
        ours_cmd = [sys.executable, "-m", "visiondesk", "analyze", str(image_path), "--base-url",
                    server.base_url, "--model", "gpt-4o", "--api", "chat", "--prompt", "Describe the image"]
        theirs_cmd = [sys.executable, str(script), str(image_path), server.base_url]
        timed(ours_cmd, env), timed(theirs_cmd, env)  # warm the page cache and .pyc files
        ours: list[float] = []
        theirs: list[float] = []
        for _ in range(args.runs):  # interleaved, so machine noise hits both alike
            ours.append(timed(ours_cmd, env))
            theirs.append(timed(theirs_cmd, env))
        assert not server.errors, server.errors
    ratio = median_ms(ours) / median_ms(theirs)
    rows = (("visiondesk analyze (whole process)", ours), ("openai SDK + Pillow script", theirs))
    for label, times in rows:
        print(f"{label:<35} median {median_ms(times):.0f} ms, min {min(times) * 1000:.0f} ms")
    print(f"ratio {ratio:.2f} (target <= 0.70): {verdict(ratio <= 0.70)}")
    return 0 if ratio <= 0.70 else 1


if __name__ == "__main__":
    raise SystemExit(main())
