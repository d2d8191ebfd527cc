"""Render the README's screenshots (docs/*.png) offscreen, with the canned answers of
``tools/docs_demo.py`` where a real model would be needed. Nothing is sent anywhere.

    .venv/bin/python tools/screenshots.py            # every screenshot
    .venv/bin/python tools/screenshots.py compare-zh # one of them

Each picture runs the real window in a child process, in a throwaway home (so no setting of
yours is read or changed).
"""

from __future__ import annotations

import os
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
RECEIPT = str(ROOT / "resources" / "samples" / "receipt.png")
COMPARE = ["--model", "gpt-4o", "--model", "doubao-1.5-vision-pro-250328", "--model", "rapidocr"]

# name: (window arguments, canned answers: "demo", "thinking" or "" for a real run)
SHOTS: dict[str, tuple[list[str], str]] = {
    "en": ([RECEIPT, "--provider", "dmxapi", "--model", "gpt-4o", "--lang", "en"], "demo"),
    "zh": ([RECEIPT, "--provider", "dmxapi", "--model", "gpt-4o", "--lang", "zh_CN"], "demo"),
    "compare-en": ([RECEIPT, "--provider", "dmxapi", *COMPARE, "--lang", "en"], "demo"),
    "compare-zh": ([RECEIPT, "--provider", "dmxapi", *COMPARE, "--lang", "zh_CN"], "demo"),
    "thinking-en": ([RECEIPT, "--provider", "openai", "--model", "gpt-5-mini", "--lang", "en"], "thinking"),
    "thinking-zh": ([RECEIPT, "--provider", "openai", "--model", "gpt-5-mini", "--lang", "zh_CN"],
                    "thinking"),
    "ocr-en": ([RECEIPT, "--provider", "local-ocr", "--run", "--lang", "en"], ""),
}


def render(name: str, args: list[str], demo: str) -> None:
    """In this process: the window with ``args``, filled with the canned answers ``demo`` names."""
    sys.path.insert(0, str(ROOT))
    from visiondesk.app import build_parser
    from visiondesk.gui.application import run_window

    parsed = build_parser().parse_args([*args, "--screenshot", str(ROOT / "docs" / f"screenshot-{name}.png")])
    before_grab = None
    if demo:
        from tools import docs_demo

        before_grab = docs_demo.show_thinking_demo if demo == "thinking" else docs_demo.show_demo
    raise SystemExit(run_window(parsed, before_grab))


def main() -> int:
    if len(sys.argv) == 3 and sys.argv[1] == "--one":
        args, demo = SHOTS[sys.argv[2]]
        render(sys.argv[2], args, demo)
    names = sys.argv[1:] or list(SHOTS)
    for name in names:
        with tempfile.TemporaryDirectory() as home:
            # a placeholder key, so the pictures do not say "no API key" (nothing is ever sent)
            env = {**os.environ, "VISIONDESK_HOME": home, "QT_QPA_PLATFORM": "offscreen",
                   "VISIONDESK_API_KEY_OPENAI": "sk-docs-placeholder",
                   "VISIONDESK_API_KEY_DMXAPI": "sk-docs-placeholder"}
            subprocess.run([sys.executable, __file__, "--one", name], check=True, env=env)
        print(f"docs/screenshot-{name}.png")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
