"""The command line: the engine, config, keyring and history of the window, for scripts and batches.

``visiondesk SUBCOMMAND ...`` runs headless; ``visiondesk`` with no subcommand opens the window.
Only what a subcommand needs is imported (``analyze`` never imports Qt).
"""

from __future__ import annotations

import argparse
import asyncio
import json
import logging
import os
import sys
from collections.abc import Sequence
from dataclasses import dataclass, replace
from pathlib import Path
from typing import TYPE_CHECKING, Any

from visiondesk import __version__

if TYPE_CHECKING:
    from visiondesk.api.service import VisionService
    from visiondesk.config.providers import ProviderConfig, ProviderStore
    from visiondesk.core.events import Event
    from visiondesk.core.result import AnalysisResult

log = logging.getLogger(__name__)

SUBCOMMANDS = ("analyze", "models", "providers", "keys", "doctor")
DEFAULT_PROMPT = "Describe this image. Transcribe any text in it exactly."
EXIT_OK, EXIT_FAILED, EXIT_USAGE = 0, 1, 2


class UsageError(Exception):
    """A mistake in how the command was called: exit status 2 with a one-line message."""


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
        handler = {"analyze": cmd_analyze, "models": cmd_models, "providers": cmd_providers,
                   "keys": cmd_keys, "doctor": cmd_doctor}[args.command]
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


# --- providers -----------------------------------------------------------------------------

def _store() -> ProviderStore:
    from visiondesk.config.providers import ProviderStore

    return ProviderStore.load()


def resolve_provider(args: argparse.Namespace) -> tuple[ProviderConfig, str | None]:
    """The provider a command talks to, and its key (keyring, else VISIONDESK_API_KEY)."""
    from visiondesk.config.keys import ENV_KEY, resolve_key
    from visiondesk.config.providers import ProviderConfig
    from visiondesk.core.request import ApiStyle

    api = getattr(args, "api", None)
    if args.base_url:
        from visiondesk.config.providers import normalise_base_url

        base = normalise_base_url(args.base_url)
        provider = ProviderConfig(id="adhoc", name=base, base_url=base,
                                  api_style=ApiStyle(api or "auto"))
        return provider, os.environ.get(ENV_KEY) or None
    store = _store()
    provider = store.find(args.provider) if args.provider else store.default()
    if api:
        provider = replace(provider, api_style=ApiStyle(api))
    if provider.is_local:
        return provider, None
    return provider, resolve_key(provider.id)


def cmd_providers(args: argparse.Namespace) -> int:
    from visiondesk.config.providers import ModelConfig, ProviderConfig
    from visiondesk.core.request import ApiStyle

    store = _store()
    if args.action == "list":
        default = store.default().id
        rows = [{"id": p.id, "name": p.name, "base_url": p.base_url, "api": str(p.api_style),
                 "models": [m.id for m in p.models], "default": p.id == default}
                for p in store.all()]
        if args.json:
            print(json.dumps(rows, ensure_ascii=False, indent=1))
        else:
            for row in rows:
                mark = "*" if row["default"] else " "
                print(f"{mark} {row['id']:<14} {row['name']:<22} {row['base_url']:<34} api={row['api']}")
        return EXIT_OK
    if args.action == "add":
        provider = ProviderConfig(
            id=store.new_id(args.name), name=args.name, base_url=args.base_url,
            api_style=ApiStyle(args.api), models=tuple(ModelConfig(m) for m in args.model))
        store.put(provider)
        if store.default_id is None:
            store.default_id = provider.id
        store.save()
        print(f"Added {provider.name} (id {provider.id}) at {provider.api_root}. "
              f"Store its key with: visiondesk keys set {provider.id}")
        return EXIT_OK
    if args.action == "remove":
        removed = store.remove(args.name)
        store.save()
        print(f"Removed {removed.name}.")
        return EXIT_OK
    provider = store.find(args.name)
    store.default_id = provider.id
    store.save()
    print(f"{provider.name} is now the default provider.")
    return EXIT_OK


# --- keys ----------------------------------------------------------------------------------

def cmd_keys(args: argparse.Namespace) -> int:
    from visiondesk.config import keys

    if args.action == "status":
        status = keys.keyring_status()
        print(f"Keyring: {status.backend} ({'in use' if status.usable else 'NOT usable'})")
        if not status.usable:
            print(f"  {status.detail}")
        for provider in _store().all():
            if provider.is_local:
                continue
            has = keys.stored_key(provider.id) is not None if status.usable else False
            print(f"  {provider.id:<14} {'key stored' if has else 'no key'}")
        if os.environ.get(keys.ENV_KEY):
            print(f"  {keys.ENV_KEY} is set and used for providers without a stored key.")
        return EXIT_OK
    store = _store()
    provider = store.find(args.name)
    if provider.is_local:
        raise UsageError("the local OCR provider needs no key")
    if args.action == "delete":
        deleted = keys.delete_key(provider.id)
        print(f"Deleted the key of {provider.name}." if deleted else f"{provider.name} had no stored key.")
        return EXIT_OK
    if sys.stdin.isatty():
        import getpass

        secret = getpass.getpass(f"API key for {provider.name}: ")
    else:
        secret = sys.stdin.read()
    keys.set_key(provider.id, secret)
    print(f"Saved the key of {provider.name} in the OS keyring.")
    if store.default_id is None:
        store.default_id = provider.id
        store.save()
        print(f"{provider.name} is now the default provider.")
    return EXIT_OK


# --- models --------------------------------------------------------------------------------

def cmd_models(args: argparse.Namespace) -> int:
    provider, key = resolve_provider(args)
    if provider.is_local:
        ids = [m.id for m in provider.models]
    else:
        ids = asyncio.run(_with_service(lambda service: service.list_models(provider, key)))
    if args.json:
        print(json.dumps(ids, ensure_ascii=False))
    else:
        print("\n".join(ids) if ids else "(the server listed no models)")
    if args.save:
        if args.base_url or provider.is_local:
            raise UsageError("--save needs --provider (a saved provider)")
        store = _store()
        store.put(store.with_models(provider, ids))
        store.save()
        print(f"Saved {len(ids)} models for {provider.name}.", file=sys.stderr)
    return EXIT_OK


async def _with_service(work: Any) -> Any:
    from visiondesk.api.service import VisionService
    from visiondesk.config.compat import CompatMemory

    service = VisionService(compat=CompatMemory.load())
    try:
        return await work(service)
    finally:
        await service.aclose()


# --- doctor --------------------------------------------------------------------------------

def cmd_doctor(args: argparse.Namespace) -> int:
    from visiondesk.api.doctor import run_doctor

    provider, key = resolve_provider(args)
    model = args.model or (provider.models[0].id if provider.models else None)
    checks = asyncio.run(_with_service(lambda service: run_doctor(service, provider, key, model)))
    where = provider.api_root
    if provider.name != provider.api_root:
        where = f"{provider.name} at {where}"
    print(where + (f", model {model}" if model else ""))
    width = max(len(c.name) for c in checks)
    for check in checks:
        mark = {True: "ok  ", False: "FAIL", None: "--  "}[check.ok]
        print(f"  {mark} {check.name:<{width}}  {check.detail}")
    return EXIT_OK if any(c.ok for c in checks) else EXIT_FAILED


# --- analyze -------------------------------------------------------------------------------

def cmd_analyze(args: argparse.Namespace) -> int:
    from visiondesk.core.request import GenerationOptions

    provider, key = resolve_provider(args)
    if args.timeout:
        provider = replace(provider, read_timeout=args.timeout)
    models = args.model or ([provider.models[0].id] if provider.models else [])
    if not models:
        raise UsageError(f"{provider.name} has no models configured; pass --model")
    if args.prompt_file:
        try:
            prompt = args.prompt_file.read_text(encoding="utf-8").strip()
        except OSError as exc:
            raise UsageError(f"cannot read the prompt file: {exc}") from exc
    else:
        prompt = args.prompt or DEFAULT_PROMPT
    if not provider.is_local and key is None and provider.api_root.startswith("https://"):
        log.warning("No API key for %s; set one with: visiondesk keys set %s", provider.name, provider.id)
    options = GenerationOptions(
        temperature=args.temperature, max_tokens=args.max_tokens, detail=args.detail,
        reasoning_effort=args.reasoning_effort,
        reasoning_summary=None if args.reasoning_summary in (None, "off") else args.reasoning_summary,
        stream=not args.no_stream)
    reference = None
    if args.reference:
        try:
            reference = args.reference.read_text(encoding="utf-8")
        except OSError as exc:
            raise UsageError(f"cannot read the reference file: {exc}") from exc
    results = asyncio.run(_analyze_all(args, provider, key, models, prompt, options))
    _save_history(prompt, results)
    if args.compare and not args.json:
        print_comparison(provider, results, reference)
    return EXIT_OK if all(r.status == "completed" for r in results) else EXIT_FAILED


async def _analyze_all(args: argparse.Namespace, provider: ProviderConfig, key: str | None,
                       models: list[str], prompt: str, options: Any) -> list[AnalysisResult]:
    from visiondesk.api.service import VisionService
    from visiondesk.config.compat import CompatMemory
    from visiondesk.core.errors import AnalysisError
    from visiondesk.core.events import Failed
    from visiondesk.core.request import AnalysisRequest
    from visiondesk.core.result import AnalysisResult

    single = len(args.sources) * len(models) == 1 and not args.pages
    printer = _Printer(json_lines=args.json, live=single and not args.compare, quiet=args.compare)
    inline = args.inline_urls or provider.is_local  # local OCR needs the pixels
    sources = await _expand_documents(args)
    wanted = {(source, args.max_side or provider.max_side_for(model))
              for source in sources for model in models}
    loaded = await asyncio.gather(*(_load_image(source, inline, side) for source, side in wanted))
    images = dict(zip(wanted, loaded, strict=True))
    service = VisionService(compat=CompatMemory.load())
    try:
        jobs = []
        for source in sources:
            for model in models:
                image = images[(source, args.max_side or provider.max_side_for(model))]
                if isinstance(image, AnalysisError):
                    result = AnalysisResult(source=source.label, model=model, provider=provider.name)
                    result.apply(Failed(image))  # nothing is sent for a broken image
                    printer.finished(result)
                    jobs.append(asyncio.sleep(0, result))
                    continue
                request = AnalysisRequest(model=model, prompt=prompt, images=(image,),
                                          system=args.system, options=options)
                result = AnalysisResult(source=source.label, model=model, provider=provider.name,
                                        sent_image=image.describe())
                jobs.append(_run_and_print(service, provider, request, key, result, printer))
        return list(await asyncio.gather(*jobs))
    finally:
        await service.aclose()


async def _run_and_print(service: VisionService, provider: ProviderConfig, request: Any, key: str | None,
                         result: AnalysisResult, printer: _Printer) -> AnalysisResult:
    from visiondesk.api.runner import run_job

    try:
        await run_job(service, provider, request, key, result, printer.event)
    finally:  # a cancelled job (Ctrl+C) still reports what it had
        printer.finished(result)
    return result


@dataclass(frozen=True, slots=True)
class _Source:
    """One thing to analyse: a path or URL as given, one rendered PDF page, or a whole PDF."""

    label: str
    page_png: bytes | None = None
    whole_pdf: bool = False


async def _expand_documents(args: argparse.Namespace) -> list[_Source]:
    """Sources with every PDF replaced by its pages (or kept whole with --pdf-as-file)."""
    from visiondesk.core import documents

    expanded: list[_Source] = []
    for source in args.sources:
        if not (Path(source).suffix.lower() == ".pdf" or await asyncio.to_thread(documents.is_pdf, source)):
            expanded.append(_Source(source))
        elif args.pdf_as_file:
            expanded.append(_Source(source, whole_pdf=True))
        else:
            try:
                count = await asyncio.to_thread(documents.pdf_page_count, source)
                pages = documents.parse_page_ranges(args.pages, count) if args.pages else None
                rendered = await asyncio.to_thread(documents.render_pdf_pages, source, pages, args.dpi)
            except documents.PageRangeError as exc:
                raise UsageError(str(exc)) from exc
            expanded += [_Source(page.source, page_png=page.data) for page in rendered]
    return expanded


async def _load_image(source: _Source, inline_urls: bool, max_side: int) -> Any:
    """The prepared image, or the AnalysisError that explains why there is none."""
    from visiondesk.core.errors import AnalysisError
    from visiondesk.core.images import DocumentFile, load_source, prepare_image

    try:
        if source.page_png is not None:
            page = source.page_png
            return await asyncio.to_thread(prepare_image, page, max_side=max_side, name=source.label)
        if source.whole_pdf:
            from visiondesk.core.documents import pdf_as_input_file

            filename, data_url = await asyncio.to_thread(pdf_as_input_file, source.label)
            return DocumentFile(filename, data_url, source.label)
        return await asyncio.to_thread(load_source, source.label, inline_urls=inline_urls, max_side=max_side)
    except AnalysisError as exc:
        return exc


def _save_history(prompt: str, results: list[AnalysisResult]) -> None:
    try:
        from visiondesk.store.history import History

        History().add(prompt, results)
    except Exception as exc:  # history is a convenience; never fail an analysis over it
        log.warning("Could not save history: %s", exc)


class _Printer:
    """Output of ``analyze``: live text for a single job, blocks for several, or JSON lines."""

    def __init__(self, json_lines: bool, live: bool, quiet: bool = False) -> None:
        self.json_lines = json_lines
        self.live = live and not json_lines
        self.quiet = quiet  # --compare: the table says it all
        self._reasoning_open = False

    def event(self, result: AnalysisResult, event: Event) -> None:
        from visiondesk.core.events import Notice, ReasoningDelta, TextDelta

        if isinstance(event, Notice):  # stderr, so --json output stays pure
            print(f"[{result.model}] {event.message}", file=sys.stderr, flush=True)
        if not self.live:
            return
        if isinstance(event, ReasoningDelta):
            sys.stderr.write(event.text)
            sys.stderr.flush()
            self._reasoning_open = True
        elif isinstance(event, TextDelta):
            if self._reasoning_open:
                sys.stderr.write("\n")
                self._reasoning_open = False
            sys.stdout.write(event.text)
            sys.stdout.flush()

    def finished(self, result: AnalysisResult) -> None:
        if self.json_lines:
            print(json_line(result.to_json()), flush=True)
            return
        if self.quiet:
            pass
        elif self.live:
            if result.text and not result.text.endswith("\n"):
                sys.stdout.write("\n")
        else:
            print(f"==> {result.source} · {result.model} ({result.provider})", flush=True)
            if result.reasoning:
                print(result.reasoning, file=sys.stderr)
            if result.text:
                print(result.text.rstrip("\n"))
        sys.stdout.flush()
        if result.error is not None:
            print(f"[{result.model}] error ({result.error.kind}): {result.error}", file=sys.stderr)
            if result.error.hint:
                print(f"[{result.model}] {result.error.hint}", file=sys.stderr)
        print(f"[{result.model}] {summary_line(result)}", file=sys.stderr, flush=True)


def print_comparison(provider: ProviderConfig, results: list[AnalysisResult], reference: str | None) -> None:
    from visiondesk.core.compare import comparison_row, estimate_cost, format_table, ranking

    sources = list(dict.fromkeys(r.source for r in results))
    for source in sources:
        group = [r for r in results if r.source == source]
        rows = []
        for result in group:
            model = provider.model(result.model)
            cost = 0.0 if provider.is_local else estimate_cost(result.usage, model.price_input,
                                                                 model.price_output)
            rows.append(comparison_row(result, cost, reference))
        if len(sources) > 1:
            print(f"\n{source}")
        print(format_table(rows, with_cer=reference is not None))
        fastest = ranking(rows, "total_ms")[0]
        if fastest.status == "completed":
            best = [f"fastest {fastest.model}"]
            if reference is not None:
                best.append(f"most accurate {ranking(rows, 'cer')[0].model}")
            print("  " + ", ".join(best))


# Unicode line separators are legal inside JSON strings but break consumers that split lines
# with str.splitlines(); escaping them keeps one result per line for every reader.
_LINE_SEPARATORS = str.maketrans({"\u2028": "\\u2028", "\u2029": "\\u2029", "\u0085": "\\u0085"})


def json_line(data: object) -> str:
    return json.dumps(data, ensure_ascii=False).translate(_LINE_SEPARATORS)


def summary_line(result: AnalysisResult) -> str:
    """``completed · 935 in / 538 out (192 reasoning) tokens · first token 0.41 s · total 2.3 s``."""
    usage = result.usage
    parts = [str(result.status or "unknown")]
    if usage.input_tokens is not None or usage.output_tokens is not None:
        tokens = f"{usage.input_tokens if usage.input_tokens is not None else '?'} in / " \
                 f"{usage.output_tokens if usage.output_tokens is not None else '?'} out"
        if usage.reasoning_tokens:
            tokens += f" ({usage.reasoning_tokens} reasoning)"
        parts.append(tokens + " tokens")
    if result.first_token_ms is not None:
        parts.append(f"first token {result.first_token_ms / 1000:.2f} s")
    if result.total_ms is not None:
        parts.append(f"total {result.total_ms / 1000:.2f} s")
    sent = result.sent_image
    if sent:
        kilobytes = int(str(sent["bytes"])) // 1024
        parts.append(f"sent {sent['width']}×{sent['height']} {sent['mime']} {kilobytes} KB")
    return " · ".join(parts)


if __name__ == "__main__":
    raise SystemExit(main())
