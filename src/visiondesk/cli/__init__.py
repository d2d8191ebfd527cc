"""The command line: the engine, config, keyring and history of the window, for scripts and batches.

``visiondesk SUBCOMMAND ...`` runs headless; ``visiondesk`` with no subcommand opens the window.
Only what a subcommand needs is imported (``analyze`` never imports Qt).
"""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Sequence
from pathlib import Path

from visiondesk import __version__
from visiondesk.cli.common import DEFAULT_PROMPT, EXIT_FAILED, EXIT_OK, EXIT_USAGE, UsageError

SUBCOMMANDS = ("analyze", "models", "providers", "keys", "doctor", "history", "capture")


def _provider_options(parser: argparse.ArgumentParser) -> None:
    group = parser.add_mutually_exclusive_group()
    group.add_argument("--provider", help="provider name or id (see: visiondesk providers list)")
    group.add_argument("--base-url", help="an ad-hoc OpenAI-compatible base URL; key from VISIONDESK_API_KEY")


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="visiondesk",
        description="Analyse images with vision language models over any OpenAI-compatible API. "
                    "Without a subcommand, opens the window.",
    )
    parser.add_argument("--version", action="version", version=f"visiondesk {__version__}")
    parser.add_argument("-v", "--verbose", action="store_true", help="log debug details to stderr")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")

    analyze = sub.add_parser("analyze", help="send images and a prompt to one or more models")
    analyze.add_argument("sources", nargs="+", metavar="SOURCE", help="image file, PDF or http(s) URL")
    _provider_options(analyze)
    analyze.add_argument("--model", action="append", default=[], help="model id; repeat to compare")
    prompt = analyze.add_mutually_exclusive_group()
    prompt.add_argument("--prompt", help=f"the question (default: {DEFAULT_PROMPT!r})")
    prompt.add_argument("--prompt-file", type=Path, help="read the prompt from a file")
    analyze.add_argument("--system", help="system prompt")
    analyze.add_argument("--api", choices=["auto", "chat", "responses"], help="wire API to use")
    analyze.add_argument("--no-stream", action="store_true", help="ask for the whole answer at once")
    analyze.add_argument("--max-tokens", type=int)
    analyze.add_argument("--temperature", type=float)
    analyze.add_argument("--detail", choices=["auto", "low", "high"], default="auto")
    analyze.add_argument("--reasoning-effort", choices=["none", "minimal", "low", "medium", "high", "xhigh"])
    analyze.add_argument("--reasoning-summary", choices=["auto", "concise", "detailed", "off"])
    analyze.add_argument("--max-side", type=int, help="downscale images to fit this many pixels")
    analyze.add_argument("--inline-urls", action="store_true",
                         help="download URLs and send the image data (for servers that cannot fetch)")
    analyze.add_argument("--timeout", type=float, help="read timeout in seconds (default 300)")
    analyze.add_argument("--pages", metavar="RANGE", help="PDF pages to analyse, e.g. 1-3,5 (default: all)")
    analyze.add_argument("--dpi", type=float, default=150, help="PDF page rendering resolution (default 150)")
    analyze.add_argument("--pdf-as-file", action="store_true",
                         help="send a PDF whole as a file part (Responses API) instead of page images")
    analyze.add_argument("--json", action="store_true", help="one JSON object per (source, model) per line")
    analyze.add_argument("--compare", action="store_true",
                         help="print a table per image: status, first token, total time, tokens, cost")
    analyze.add_argument("--reference", type=Path, metavar="FILE",
                         help="with --compare: the correct text, to add a character error rate column")

    models = sub.add_parser("models", help="list the models a provider offers")
    _provider_options(models)
    models.add_argument("--json", action="store_true")
    models.add_argument("--save", action="store_true", help="store the list as the provider's models")

    providers = sub.add_parser("providers", help="list, add, remove providers; set the default")
    psub = providers.add_subparsers(dest="action", metavar="ACTION", required=True)
    plist = psub.add_parser("list", help="show every provider")
    plist.add_argument("--json", action="store_true")
    padd = psub.add_parser("add", help="add a custom OpenAI-compatible provider")
    padd.add_argument("name")
    padd.add_argument("--base-url", required=True)
    padd.add_argument("--api", choices=["auto", "chat", "responses"], default="auto")
    padd.add_argument("--model", action="append", default=[], help="model id (repeat)")
    psub.add_parser("remove", help="remove a custom provider").add_argument("name")
    psub.add_parser("default", help="make a provider the default").add_argument("name")

    keys = sub.add_parser("keys", help="API keys in the OS keyring")
    ksub = keys.add_subparsers(dest="action", metavar="ACTION", required=True)
    kset = ksub.add_parser("set", help="store a key (from stdin when piped, else a hidden prompt)")
    kset.add_argument("name")
    ksub.add_parser("delete", help="remove a stored key").add_argument("name")
    ksub.add_parser("status", help="which keyring is used and which providers have keys")

    doctor = sub.add_parser("doctor", help="probe a provider and print what works")
    _provider_options(doctor)
    doctor.add_argument("--model", help="model to probe (default: the provider's first)")

    from visiondesk.cli import history  # its parser lives with its commands

    history.add_parser(sub)
    from visiondesk.cli import capture  # no Qt at import: only its command function loads Qt

    capture.add_arguments(sub.add_parser("capture", help=capture.HELP, description=capture.DESCRIPTION))
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    args_list = list(sys.argv[1:] if argv is None else argv)
    if not args_list or args_list[0] not in (*SUBCOMMANDS, "-h", "--help", "--version"):
        from visiondesk.app import main as app_main  # the window; imports Qt

        return int(app_main(args_list))
    parser = build_parser()
    try:
        args = parser.parse_args(args_list)
    except SystemExit as exc:  # argparse exits 2 on a usage error, 0 for --help
        return int(exc.code or 0)
    from visiondesk.logs import setup_logging

    setup_logging(args.verbose)
    from visiondesk.core.errors import AnalysisError

    try:
        from visiondesk.cli import admin, analyze, capture, history

        handler = {"analyze": analyze.cmd_analyze, "models": admin.cmd_models,
                   "providers": admin.cmd_providers, "keys": admin.cmd_keys,
                   "doctor": admin.cmd_doctor, "history": history.cmd_history,
                   "capture": capture.cmd_capture}[args.command]
        return handler(args)
    except UsageError as exc:
        print(f"visiondesk: {exc}", file=sys.stderr)
        return EXIT_USAGE
    except AnalysisError as exc:
        print(f"visiondesk: {exc}", file=sys.stderr)
        if exc.hint:
            print(f"  {exc.hint}", file=sys.stderr)
        return EXIT_FAILED
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:  # `visiondesk ... | head`: the reader left; that is not an error of ours
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        return EXIT_OK


