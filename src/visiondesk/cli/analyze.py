"""``analyze``: every source with every model, concurrently, streamed or as JSON lines."""

from __future__ import annotations

import argparse
import asyncio
import logging
from dataclasses import dataclass, replace
from pathlib import Path
from typing import TYPE_CHECKING, Any

from visiondesk.cli.common import DEFAULT_PROMPT, EXIT_FAILED, EXIT_OK, UsageError, resolve_provider
from visiondesk.cli.output import Printer, print_comparison

if TYPE_CHECKING:
    from visiondesk.api.service import VisionService
    from visiondesk.config.providers import ProviderConfig
    from visiondesk.core.result import AnalysisResult

log = logging.getLogger(__name__)


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
    printer = Printer(json_lines=args.json, live=single and not args.compare, quiet=args.compare)
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
                         result: AnalysisResult, printer: Printer) -> AnalysisResult:
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
    from visiondesk.core.image_sources import load_source
    from visiondesk.core.images import prepare_image
    from visiondesk.core.inputs import DocumentFile

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


