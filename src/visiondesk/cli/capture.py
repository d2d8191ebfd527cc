"""``capture``: freeze the screen, drag a region, and have its text on the clipboard.

Local OCR by default (offline); a vision model when ``--provider``/``--model`` are given, with
the OCR template as the prompt unless ``--prompt`` says otherwise. The text is handed to a
process that outlives this one (see ``gui/clipboard_handoff.py``), a desktop notification says
what was copied, and the exit status is 0 when text was copied, 1 when the person pressed Esc,
the region held no text or capture cannot work here.

Start-up cost is most of what a person waits for, so the OCR models start loading on a thread
before Qt is even imported, and Qt is imported only inside the command (never by ``import
visiondesk.cli``), through a ``gui`` module.
"""

from __future__ import annotations

import argparse
import logging
import sys
import threading
from typing import TYPE_CHECKING

from visiondesk.cli.common import EXIT_FAILED, EXIT_OK, UsageError

if TYPE_CHECKING:
    from collections.abc import Sequence

    from PIL import Image

    from visiondesk.core.events import OcrLine

log = logging.getLogger(__name__)

OCR_PROMPT = ("Transcribe all text in this image verbatim, keeping the line breaks and reading "
              "order. Output only the text.")
MODES = ("lines", "paragraphs", "single-line", "raw", "links")


HELP = "drag a region of the screen; its text goes to the clipboard"
DESCRIPTION = ("Freeze the screen, drag a region (Esc cancels), recognise its text and put it on "
               "the clipboard, where it stays after the command exits. Local OCR unless "
               "--provider/--model choose a vision model. Exit status 1 when cancelled or when "
               "no text was found.")


def add_arguments(capture: argparse.ArgumentParser) -> None:
    """The options of ``visiondesk capture`` (the parser itself is made in ``cli/__init__``)."""
    capture.add_argument("--region", metavar="X,Y,W,H", type=parse_region,
                         help="capture this rectangle (logical pixels) without asking")
    capture.add_argument("--screen", type=int, metavar="N",
                         help="only screen N (0-based); --region is then relative to it")
    capture.add_argument("--provider", metavar="NAME",
                         help="recognise with this provider's vision model instead of Local OCR")
    capture.add_argument("--model", metavar="M",
                         help="vision model id (default: the provider's first)")
    capture.add_argument("--prompt", help="the question for a vision model (default: transcribe "
                                          "the text verbatim)")
    capture.add_argument("--mode", choices=MODES, default="lines",
                         help="Local OCR layout: lines (reading order), paragraphs, single-line, "
                              "raw (the engine's order), links (only the web and e-mail addresses "
                              "found, one a line); default lines")
    capture.add_argument("--print", action="store_true", dest="print_text",
                         help="also write the text to stdout")
    capture.add_argument("--no-copy", action="store_true",
                         help="leave the clipboard alone (the text goes to stdout)")


def parse_region(value: str) -> tuple[int, int, int, int]:
    try:
        x, y, w, h = (int(part) for part in value.replace(" ", "").split(","))
    except ValueError:
        raise argparse.ArgumentTypeError(f"expected X,Y,W,H in pixels, not {value!r}") from None
    if w <= 0 or h <= 0:
        raise argparse.ArgumentTypeError("the region's width and height must be positive")
    return x, y, w, h


def cmd_capture(args: argparse.Namespace) -> int:
    use_model = bool(args.provider or args.model)
    if args.screen is not None and args.screen < 0:
        raise UsageError("--screen counts from 0")
    if not use_model:
        _start_loading_ocr()
        if args.prompt:
            log.warning("Local OCR reads the text of the region; --prompt is used only with "
                        "--provider/--model.")
    from visiondesk.gui.capture import CaptureUnavailable
    from visiondesk.gui.capture.command import capture_for_command

    try:
        image = capture_for_command(args.region, args.screen)
    except CaptureUnavailable as exc:
        print(f"visiondesk: {exc}", file=sys.stderr)
        return EXIT_FAILED
    if image is None:
        print("visiondesk: capture cancelled; nothing was copied.", file=sys.stderr)
        return EXIT_FAILED
    text = _recognise(image, args, use_model)
    if text is None:
        return EXIT_FAILED
    if args.mode == "links":
        from visiondesk.ocr.layout import extract_links

        text = "\n".join(extract_links(text))
        if not text:
            print("visiondesk: no web or e-mail address was found in the region; nothing was copied.",
                  file=sys.stderr)
            return EXIT_FAILED
    if not text.strip():
        print("visiondesk: no text was found in the region; nothing was copied.", file=sys.stderr)
        return EXIT_FAILED
    return _deliver(text, args)


def _start_loading_ocr() -> None:
    """The shared engine's models, loading on a thread while Qt starts and the screen is read."""
    from visiondesk.ocr.engine import default_engine

    engine = default_engine()

    def load() -> None:
        try:
            engine.load()
        except Exception:  # recognize() loads again and reports the error properly
            log.debug("background OCR load failed", exc_info=True)

    threading.Thread(target=load, name="ocr-load", daemon=True).start()


def _recognise(image: Image.Image, args: argparse.Namespace, use_model: bool) -> str | None:
    """The region's text, through the session layer as ``analyze`` and the window run: Local
    OCR, or the vision model --provider/--model name (the OCR template as default prompt).

    Returns None (after saying why on stderr) when the run failed.
    """
    import asyncio
    import io

    from visiondesk.cli.common import cli_provider
    from visiondesk.config.providers import LOCAL_OCR
    from visiondesk.core.errors import AnalysisError
    from visiondesk.session.keys import KeyPolicy
    from visiondesk.session.plan import ModelTarget, RunPlan
    from visiondesk.session.runner import Runner
    from visiondesk.session.workspace import Workspace

    # Without --provider/--model it is Local OCR, whatever the default provider: offline first.
    provider, keys = cli_provider(args) if use_model else (LOCAL_OCR, KeyPolicy())
    model = args.model or (provider.models[0].id if provider.models else None)
    if model is None:
        raise UsageError(f"{provider.name} has no models configured; pass --model")
    runner = Runner([provider], keys=keys)
    try:
        runner.check_model(provider.id, model)
    except AnalysisError as exc:
        raise UsageError(str(exc)) from None
    plan = RunPlan(targets=(ModelTarget(provider.id, model),), prompt=args.prompt or OCR_PROMPT)
    buffer = io.BytesIO()
    # Lossless, and fast to write: screenshots of text lose accuracy as JPEG.
    image.save(buffer, "PNG", compress_level=1)

    async def run() -> str | None:
        workspace = Workspace()
        workspace.add_bytes(buffer.getvalue(), "screen capture")
        try:
            job = plan.jobs(await workspace.units())[0]
            result = await runner.run(job, workspace)
        finally:
            await runner.aclose()
        if result.status != "completed":
            print(f"visiondesk: {model} could not read the region: "
                  f"{result.error or result.status}", file=sys.stderr)
            return None
        if result.lines is not None:
            return _layout(result.lines, args.mode, result.text)
        return result.text

    return asyncio.run(run())


def _layout(lines: Sequence[OcrLine], mode: str, fallback: str) -> str:
    if mode == "links":  # the addresses are picked out of the lines afterwards
        mode = "lines"
    try:
        from visiondesk.ocr.layout import format_text
    except ImportError:  # an OCR package without layout modes: the engine's own rows
        return fallback
    return format_text(lines, mode)


def _deliver(text: str, args: argparse.Namespace) -> int:
    if args.print_text or args.no_copy:
        sys.stdout.write(text if text.endswith("\n") else text + "\n")
        sys.stdout.flush()
    if args.no_copy:
        return EXIT_OK
    from visiondesk.gui.capture.notify import notify, summary_for
    from visiondesk.gui.clipboard_handoff import ClipboardUnavailable, hand_over

    try:
        method = hand_over(text)
    except ClipboardUnavailable as exc:
        print(f"visiondesk: {exc}", file=sys.stderr)
        return EXIT_FAILED
    title, first = summary_for(text)
    log.info("%s (via %s)", title, method)
    notify(title, first)
    return EXIT_OK
