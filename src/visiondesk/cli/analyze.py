"""``analyze``: every image with every model, concurrently, streamed or as JSON lines.

Built on the session layer, like the window: the sources go into a ``Workspace``, the choices
into a ``RunPlan``, and a ``Runner`` runs its jobs (keys, backends, cost, history). With no
source at all, the prompt is asked as a text-only question.
"""

from __future__ import annotations

import argparse
import asyncio
import atexit
import gc
import logging
from collections.abc import Iterator
from contextlib import contextmanager
from typing import TYPE_CHECKING

from visiondesk.cli.common import (
    DEFAULT_PROMPT,
    EXIT_FAILED,
    EXIT_OK,
    UsageError,
    cli_provider,
    load_compat,
    read_text_arg,
    run_async,
)
from visiondesk.cli.output import Printer, print_comparison
from visiondesk.core import head_start

if TYPE_CHECKING:
    from visiondesk.config.providers import ProviderConfig
    from visiondesk.core.result import AnalysisResult
    from visiondesk.session.plan import RunPlan
    from visiondesk.session.runner import Runner

log = logging.getLogger(__name__)

_freeze_at_exit = False  # gc.freeze registered with atexit (once per process)


def cmd_analyze(args: argparse.Namespace) -> int:
    provider, keys = cli_provider(args)
    models = args.model or ([provider.models[0].id] if provider.models else [])
    if not models:
        raise UsageError(f"{provider.name} has no models configured; pass --model")
    _head_start(args, provider, models)  # before the imports below, which it runs beside

    from visiondesk.batch.rows import structured_history
    from visiondesk.core.errors import AnalysisError
    from visiondesk.core.request import ApiStyle, GenerationOptions
    from visiondesk.session.plan import ModelTarget, RequestSplit, RunPlan
    from visiondesk.session.runner import Runner

    schema = None
    if args.schema and not provider.is_local:  # OCR answers text
        from visiondesk.cli.batch import load_schema_arg

        schema = load_schema_arg(args.schema)
    runner = Runner([provider], keys=keys, history=structured_history(schema))
    for model in models:
        try:
            runner.check_model(provider.id, model)
        except AnalysisError as exc:
            raise UsageError(f"{exc} Choose a provider that serves it with --provider NAME or "
                             "--base-url URL (see: visiondesk providers list).") from None
    prompt = read_text_arg(args.prompt_file, "prompt file").strip() if args.prompt_file else \
        (args.prompt or DEFAULT_PROMPT)
    if not args.sources and provider.is_local:
        raise UsageError("Local OCR reads text from images; give an image, or ask a model with "
                         "--provider NAME --model M.")
    if provider.is_local and (args.prompt or args.prompt_file):
        log.warning("Local OCR reads the text of the image; --prompt is not used.")
    reference = read_text_arg(args.reference, "reference file") if args.reference else None
    if not provider.is_local and keys.resolve(provider.id).secret is None \
            and provider.api_root.startswith("https://"):
        log.warning("No API key for %s; set one with: visiondesk keys set %s", provider.name, provider.id)
    options = GenerationOptions(
        temperature=args.temperature, max_tokens=args.max_tokens, detail=args.detail,
        reasoning_effort=args.reasoning_effort,
        reasoning_summary=None if args.reasoning_summary in (None, "off") else args.reasoning_summary,
        stream=not args.no_stream, response_schema=schema)
    plan = RunPlan(
        targets=tuple(ModelTarget(provider.id, model) for model in models), prompt=prompt,
        system=args.system, options=options,
        split=RequestSplit.ONE_REQUEST if getattr(args, "one_request", False) else RequestSplit.PER_IMAGE,
        api=ApiStyle(args.api) if args.api and not provider.is_local else None)
    try:
        with _collector_spared():
            results = run_async(_run(args, runner, plan, provider))
    finally:
        head_start.forget()  # one never claimed (a missing file, a failed run) is of no more use
    if args.compare and not args.json:
        print_comparison(results, reference)
    return EXIT_OK if all(r.status == "completed" for r in results) else EXIT_FAILED


@contextmanager
def _collector_spared() -> Iterator[None]:
    """Keep what start-up made out of the garbage collector's sight while the command runs.

    The modules and classes imported (~100k objects) live as long as the process; a full
    collection walks all of them and frees nothing. One falls due midway (a photo's colour count
    allocates enough to set it off: ~15 ms in the image worker), and the interpreter makes one
    more at exit, after everything is done and saved; freezing at exit (atexit runs first) skips
    that walk. Unfrozen again afterwards, so a caller that stays alive (tests) loses nothing.
    """
    global _freeze_at_exit
    if not _freeze_at_exit:
        atexit.register(gc.freeze)
        _freeze_at_exit = True
    gc.freeze()
    try:
        yield
    finally:
        gc.unfreeze()


def _head_start(args: argparse.Namespace, provider: ProviderConfig, models: list[str]) -> None:
    """Start preparing the first source, when it is an image file, in a background thread.

    Decoding a 24 MP photo is ~100 ms of C code that releases the GIL; started here it runs on
    the second core while this command imports its runner and HTTP engine, and the runner's
    ``prepare_image`` picks up the result (core.head_start). Only when every model gets the
    same size, so the result is certain to be used.
    """
    from urllib.parse import urlsplit

    from visiondesk.core.sniffing import is_pdf

    if not args.sources:
        return
    text = args.sources[0].strip()
    sides = {args.max_side or provider.max_side_for(model) for model in models}
    if len(sides) != 1 or urlsplit(text).scheme.lower() in ("http", "https", "file") or is_pdf(text):
        return
    from visiondesk.core.images import prepare_image_soon

    prepare_image_soon(text, max_side=sides.pop())


async def _run(args: argparse.Namespace, runner: Runner, plan: RunPlan,
               provider: ProviderConfig) -> list[AnalysisResult]:
    from visiondesk.batch.rows import invalid_once
    from visiondesk.session.downloads import download
    from visiondesk.session.keys import ADHOC_PREFIX
    from visiondesk.session.workspace import Workspace

    workspace = Workspace(downloader=lambda url, p: download(url, p, runner.backends))
    runner.backends.use_compat(await asyncio.to_thread(load_compat))
    try:
        for text in args.sources:
            source = workspace.add_text(text)
            await _choose_pages(workspace, source.id, args)
        jobs = plan.jobs(await workspace.units())
        single = len(jobs) == 1
        printer = Printer(json_lines=args.json, live=single and not args.compare, quiet=args.compare,
                          provider_id=provider.id, key_settable=not provider.id.startswith(ADHOC_PREFIX))
        results = [runner.new_result(job, workspace) for job in jobs]

        async def run_one(index: int) -> AnalysisResult:
            try:
                result = await runner.run(jobs[index], workspace, printer.event, result=results[index],
                                          max_side=args.max_side, inline_urls=args.inline_urls)
                if invalid_once(result, plan.options.response_schema, printer.event):  # --schema
                    results[index] = runner.new_result(jobs[index], workspace)
                    result = await runner.run(jobs[index], workspace, printer.event, result=results[index],
                                              max_side=args.max_side, inline_urls=args.inline_urls)
                    invalid_once(result, plan.options.response_schema, None)
                return result
            finally:  # a cancelled job (Ctrl+C) still reports what it had
                printer.finished(results[index])

        await asyncio.gather(*(run_one(i) for i in range(len(jobs))))
        return results
    finally:
        await runner.aclose()


async def _choose_pages(workspace: object, source_id: int, args: argparse.Namespace) -> None:
    """``--pages``, ``--dpi`` and ``--pdf-as-file`` for a PDF source (other sources ignore them)."""
    from visiondesk.core.errors import AnalysisError
    from visiondesk.session.workspace import Workspace

    assert isinstance(workspace, Workspace)
    source = workspace.get(source_id)
    try:
        pdf = await workspace.is_pdf(source_id)
    except (OSError, AnalysisError):
        pdf = False
    if not pdf:
        if args.pages or args.pdf_as_file:
            log.warning("%s is not a PDF; --pages and --pdf-as-file do not apply to it.", source.label)
        return
    from visiondesk.core import documents  # PDFium: only for a PDF

    pages = None
    if args.pages:
        try:
            count = await asyncio.to_thread(documents.pdf_page_count, source.path or "", name=source.label)
            pages = tuple(documents.parse_page_ranges(args.pages, count))
        except documents.PageRangeError as exc:
            raise UsageError(str(exc)) from exc
        except AnalysisError:
            pages = None  # a broken PDF fails as its own job, with its own line
    workspace.choose_pages(source_id, pages, args.dpi, args.pdf_as_file)
