"""The command line: the engine, config, keyring and history of the window, for scripts and batches.

``visiondesk COMMAND ...`` runs headless; ``visiondesk`` with no command, or with only existing
files, URLs and window options, opens the window. Any other first word is a mistyped command and
ends with exit status 2, never with a window. Only what a command needs is imported (``analyze``
never imports Qt).
"""

from __future__ import annotations

import argparse
import gc
import importlib
import os
import re
import sys
from collections.abc import Sequence
from pathlib import Path

from visiondesk import __version__

# cli.common and cli.numbers are imported where a command needs them: cli.common brings in the
# run plan and the request model, which the window path must not pay for before its first paint.

# Each command and the function that runs it ("module:function", imported only when chosen).
HANDLERS = {
    "analyze": "visiondesk.cli.analyze:cmd_analyze",
    "models": "visiondesk.cli.admin:cmd_models",
    "providers": "visiondesk.cli.admin:cmd_providers",
    "keys": "visiondesk.cli.admin:cmd_keys",
    "doctor": "visiondesk.cli.admin:cmd_doctor",
    "capture": "visiondesk.cli.capture:cmd_capture",
    "history": "visiondesk.cli.history:cmd_history",
    "batch": "visiondesk.cli.batch:cmd_batch",
}
SUBCOMMANDS = tuple(HANDLERS)
EXIT_INTERRUPTED = 130  # 128 + SIGINT, as shells report a Ctrl+C
VERBOSE_FLAGS = ("-v", "--verbose")
_URL = re.compile(r"(?i)^(https?|file)://")


def _verbose_option() -> argparse.ArgumentParser:
    """``-v`` for the top level and every command, so it works before or after the command word.

    SUPPRESS as the default keeps a command's parser from resetting a ``-v`` given before it.
    """
    parent = argparse.ArgumentParser(add_help=False)
    parent.add_argument("-v", "--verbose", action="store_true", default=argparse.SUPPRESS,
                        help="log debug details to stderr")
    return parent


def _window_help() -> str:
    """The window's options as ``visiondesk --help`` shows them, taken from the window's own parser."""
    from visiondesk.app import build_parser as window_parser

    text = window_parser().format_help()
    usage, _, rest = text.partition("\n\n")
    usage = " ".join(usage.split()).replace("usage: visiondesk [-h] ", "visiondesk ")
    body = rest.partition("\n\n")[2]  # drop the window parser's description
    lines = [line for line in body.splitlines() if "-h, --help" not in line]
    body = "\n".join(lines).replace("positional arguments:", "window arguments:")
    body = body.replace("options:", "window options:")
    return f"With no COMMAND, visiondesk opens the window:\n  {usage}\n\n{body.rstrip()}"


def build_parser() -> argparse.ArgumentParser:
    from visiondesk.cli import numbers
    from visiondesk.cli.options import (
        API_CHOICES,
        model_option,
        prompt_options,
        provider_options,
        request_options,
        schema_option,
    )

    verbose = _verbose_option()
    parser = argparse.ArgumentParser(
        prog="visiondesk", parents=[verbose], formatter_class=argparse.RawDescriptionHelpFormatter,
        description="Analyse images with vision language models over any OpenAI-compatible API.",
        epilog=_window_help() + "\n\nvisiondesk COMMAND --help shows the options of one command.\n"
               "Exit status: 0 when every job completed, 1 when one failed, 2 for a usage error, "
               "130 after Ctrl+C.")
    parser.add_argument("--version", action="version", version=f"visiondesk {__version__}",
                        help="print the version and exit")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND", title="commands")

    def command(name: str, help: str, description: str | None = None) -> argparse.ArgumentParser:
        return sub.add_parser(name, parents=[verbose], help=help, description=description or help)

    analyze = command("analyze", help="send images and a prompt to one or more models",
                      description="Send every SOURCE with the prompt to every --model, concurrently.")
    analyze.add_argument("sources", nargs="*", metavar="SOURCE",
                         help="image file, PDF or http(s) URL; none: ask the prompt as a text-only question")
    provider_options(analyze)
    model_option(analyze)
    prompt_options(analyze)
    request_options(analyze)
    analyze.add_argument("--reasoning-effort", choices=["none", "minimal", "low", "medium", "high", "xhigh"],
                         help="how hard a reasoning model should think (default: the server's)")
    analyze.add_argument("--reasoning-summary", choices=["auto", "concise", "detailed", "off"],
                         help="ask the Responses API for a summary of the reasoning (default: none)")
    analyze.add_argument("--inline-urls", action="store_true",
                         help="download URLs and send the image data (for servers that cannot fetch)")
    analyze.add_argument("--pages", metavar="RANGE", help="PDF pages to analyse, e.g. 1-3,5 (default: all)")
    analyze.add_argument("--dpi", type=numbers.DPI, default=150.0,
                         help="PDF page rendering resolution, 36 to 600 (default 150)")
    analyze.add_argument("--pdf-as-file", action="store_true",
                         help="send a PDF whole as a file part (Responses API) instead of page images")
    analyze.add_argument("--one-request", action="store_true",
                         help="send all images in one request (one answer about all of them) instead "
                              "of one request per image (the default, as in the window)")
    output = analyze.add_mutually_exclusive_group()  # two output formats: asking for both is an error
    output.add_argument("--json", action="store_true", help="one JSON object per (source, model) per line")
    output.add_argument("--compare", action="store_true",
                        help="print a table per image: status, first token, total time, tokens, cost")
    analyze.add_argument("--reference", type=Path, metavar="FILE",
                         help="with --compare: the correct text, to add a character error rate column")
    schema_option(analyze)

    models = command("models", help="list the models a provider offers")
    provider_options(models)
    models.add_argument("--json", action="store_true", help="print the ids as one JSON array")
    models.add_argument("--save", action="store_true", help="store the list as the provider's models")

    providers = command("providers", help="list, add, remove providers; set the default")
    psub = providers.add_subparsers(dest="action", metavar="ACTION", required=True)
    plist = psub.add_parser("list", parents=[verbose], help="show every provider (* marks the default)")
    plist.add_argument("--json", action="store_true", help="print the providers as a JSON array")
    padd = psub.add_parser("add", parents=[verbose], help="add a custom OpenAI-compatible provider",
                           description="Add a custom provider. It becomes the default when it is the "
                                       "first custom provider and the default is still Local OCR, or "
                                       "with --default.")
    padd.add_argument("name", help="a display name; its id is derived from it")
    padd.add_argument("--base-url", required=True, metavar="URL",
                      help="the server's OpenAI-compatible base URL")
    padd.add_argument("--api", choices=API_CHOICES, default="auto",
                      help="wire API (default auto: tries Responses, falls back to Chat and remembers)")
    padd.add_argument("--model", action="append", default=[], metavar="M", help="model id (repeat)")
    padd.add_argument("--default", action="store_true", help="make it the default provider")
    premove = psub.add_parser("remove", parents=[verbose], help="remove a custom provider")
    premove.add_argument("name", help="provider name or id")
    pdefault = psub.add_parser("default", parents=[verbose], help="make a provider the default")
    pdefault.add_argument("name", help="provider name or id")

    keys = command("keys", help="API keys in the OS keyring")
    ksub = keys.add_subparsers(dest="action", metavar="ACTION", required=True)
    kset = ksub.add_parser("set", parents=[verbose],
                           help="store a key (from stdin when piped, else a hidden prompt)")
    kset.add_argument("name", help="provider name or id")
    kdelete = ksub.add_parser("delete", parents=[verbose], help="remove a stored key")
    kdelete.add_argument("name", help="provider name or id")
    ksub.add_parser("status", parents=[verbose], help="which keyring is used and which providers have keys")

    doctor = command("doctor", help="probe a provider and print what works",
                     description="Probe a provider: model list, Chat with an image, streaming usage, "
                                 "the Responses API, reasoning. Exit status 1 when no analysis worked.")
    provider_options(doctor)
    doctor.add_argument("--model", metavar="M", help="model to probe (default: the provider's first)")
    from visiondesk.cli import capture  # no Qt at import: only its command function loads Qt

    capture.add_arguments(command("capture", help=capture.HELP, description=capture.DESCRIPTION))

    from visiondesk.cli import history  # its parser lives with its commands

    history.add_parser(sub, parents=[verbose])
    from visiondesk.cli import batch  # its parser lives with its command

    batch.add_parser(sub, [verbose])
    return parser


def _warn_useless_options(args: argparse.Namespace) -> None:
    """Options that would silently do nothing get one line on stderr; the run goes on."""
    if args.command == "analyze" and args.reference is not None and not args.compare:
        print("visiondesk: warning: --reference does nothing without --compare; ignored", file=sys.stderr)


def _window_sources_error(window_args: list[str]) -> str | None:
    """Why these arguments must not open the window, or None when they may.

    The window opens only for existing files, URLs and window options: any other word is a
    mistyped command (``visiondesk analyse x.png``) and a missing file is a missing file.
    """
    from visiondesk.app import build_parser as window_parser

    sources = window_parser().parse_args(window_args).sources  # its own usage errors exit 2
    for index, source in enumerate(sources):
        if _URL.match(source) or Path(source).exists():
            continue
        if source in HANDLERS:
            return f"the command must come first: visiondesk {source} ..."
        looks_like_word = not re.search(r"[/\\.]", source)
        if index == 0 and looks_like_word:
            import difflib  # only for a mistyped command

            close = difflib.get_close_matches(source, SUBCOMMANDS, n=1, cutoff=0.6)
            hint = f" (did you mean {close[0]!r}?)" if close else f"; commands: {', '.join(SUBCOMMANDS)}"
            return f"unknown command {source!r}{hint}"
        return f"no such file: {source!r}"
    return None


def _open_window(args_list: list[str], verbose: bool) -> int:
    try:
        problem = _window_sources_error(args_list)
    except SystemExit as exc:  # argparse already printed the usage error
        return int(exc.code or 0)
    if problem:
        from visiondesk.cli.common import EXIT_USAGE

        print(f"visiondesk: {problem}", file=sys.stderr)
        print("Try: visiondesk --help", file=sys.stderr)
        return EXIT_USAGE
    from visiondesk.logs import setup_logging

    setup_logging(verbose)
    # Start-up makes hundreds of thousands of objects that live as long as the window (modules,
    # Qt classes, widgets); Python's collector would walk them again and again while they are
    # made (~10 ms) and free nothing. The window's gc guard collects once its loop turns.
    gc.disable()
    try:
        from visiondesk.app import main as app_main  # the window; imports Qt

        return int(app_main(args_list))
    finally:
        gc.enable()


def _run_command(args: argparse.Namespace) -> int:
    module_name, _, function = HANDLERS[args.command].partition(":")
    handler = getattr(importlib.import_module(module_name), function)
    return int(handler(args))


def main(argv: Sequence[str] | None = None) -> int:
    args_list = list(sys.argv[1:] if argv is None else argv)
    leading = 0
    while leading < len(args_list) and args_list[leading] in VERBOSE_FLAGS:
        leading += 1
    first = args_list[leading] if leading < len(args_list) else None
    if first is None or (first not in (*HANDLERS, "-h", "--help", "--version")):
        verbose = any(arg in VERBOSE_FLAGS for arg in args_list)
        return _open_window([arg for arg in args_list if arg not in VERBOSE_FLAGS], verbose)
    parser = build_parser()
    from visiondesk.cli.common import (
        EXIT_FAILED,
        EXIT_OK,
        EXIT_TERMINATED,
        EXIT_USAGE,
        Terminated,
        UsageError,
    )

    try:
        args = parser.parse_args(args_list)
    except SystemExit as exc:  # argparse exits 2 on a usage error, 0 for --help
        return int(exc.code or 0)
    from visiondesk.logs import setup_logging

    setup_logging(getattr(args, "verbose", False))
    from visiondesk.core.errors import AnalysisError

    try:
        _warn_useless_options(args)
        return _run_command(args)
    except UsageError as exc:
        print(f"visiondesk: {exc}", file=sys.stderr)
        return EXIT_USAGE
    except AnalysisError as exc:
        from visiondesk.cli.hints import cli_hint

        print(f"visiondesk: {exc}", file=sys.stderr)
        if hint := cli_hint(exc):
            print(f"  {hint}", file=sys.stderr)
        return EXIT_FAILED
    except KeyboardInterrupt:
        return EXIT_INTERRUPTED
    except Terminated:
        return EXIT_TERMINATED
    except BrokenPipeError:  # `visiondesk ... | head`: the reader left; that is not an error of ours
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        return EXIT_OK
