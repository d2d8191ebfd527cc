"""``batch``: every image of folders or files with every model, into a results file that resumes.

Built on the session layer like ``analyze``: sources in a ``Workspace``, choices in a ``RunPlan``,
jobs run by the ``Runner`` (keys, retries, cost, history). A pool of ``--concurrency`` workers
takes the jobs in order, so a folder of thousands never has more than that many images decoded
or requests in flight. Each finished pair is one line of ``--out`` (``store/batch_output.py``);
the same command run again skips completed pairs and retries the rest. One failing image is
reported with its reason and never stops the batch.
"""

from __future__ import annotations

import argparse
import asyncio
import logging
import sys
from collections.abc import Sequence
from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING, Any

from visiondesk.batch.sources import discover
from visiondesk.cli.common import DEFAULT_PROMPT, EXIT_FAILED, EXIT_OK, UsageError, cli_provider, run_async

if TYPE_CHECKING:
    from visiondesk.batch.engine import BatchTally
    from visiondesk.config.providers import ProviderConfig
    from visiondesk.core.result import AnalysisResult
    from visiondesk.core.structured import ResponseSchema
    from visiondesk.session.plan import RunPlan
    from visiondesk.session.runner import Runner
    from visiondesk.session.workspace import Workspace
    from visiondesk.store.batch_output import BatchOutput

log = logging.getLogger(__name__)

DEFAULT_CONCURRENCY = 4


def add_parser(sub: argparse._SubParsersAction[argparse.ArgumentParser],
               parents: Sequence[argparse.ArgumentParser]) -> None:
    from visiondesk.cli import numbers
    from visiondesk.cli.options import (
        model_option,
        prompt_options,
        provider_options,
        request_options,
        schema_option,
    )

    batch = sub.add_parser(
        "batch", parents=list(parents), help="analyse folders of images into a JSONL (and CSV) file",
        description="Send every image of the folders and files to every --model, --concurrency at a "
                    "time, one result per (image, model) per line of --out. Run the same command "
                    "again to resume: completed pairs are skipped, failed ones retried.")
    batch.add_argument("sources", nargs="+", metavar="FOLDER_OR_FILE",
                       help="folders (searched recursively for images and PDFs), files or URLs")
    provider_options(batch)
    model_option(batch)
    prompt_options(batch)
    batch.add_argument("--out", type=Path, required=True, metavar="RESULTS.jsonl",
                       help="results, one JSON object per (image, model) per line; resumed when it exists")
    batch.add_argument("--csv", type=Path, metavar="RESULTS.csv",
                       help="also write a spreadsheet (UTF-8 with BOM), regenerated from --out")
    schema_option(batch)
    batch.add_argument("--concurrency", type=numbers.int_in(1, 64), default=DEFAULT_CONCURRENCY, metavar="N",
                       help=f"requests in flight, 1 to 64 (default {DEFAULT_CONCURRENCY})")
    batch.add_argument("--via", choices=["live", "batch-api"], default="live",
                       help="batch-api: send everything through the provider's OpenAI Batch API "
                            "(cheaper, may take hours; run the command again to collect)")
    request_options(batch)


def load_schema_arg(path: Path | None) -> ResponseSchema | None:
    if path is None:
        return None
    from visiondesk.core.structured import SchemaError, load_schema

    try:
        return load_schema(path)
    except SchemaError as exc:
        raise UsageError(str(exc)) from None


def cmd_batch(args: argparse.Namespace) -> int:
    from visiondesk.core.errors import AnalysisError
    from visiondesk.core.request import ApiStyle, GenerationOptions
    from visiondesk.session.history import save_to_history
    from visiondesk.session.plan import ModelTarget, RunPlan
    from visiondesk.session.runner import Runner
    from visiondesk.store.batch_output import BatchOutput, OutputBusyError

    schema = load_schema_arg(args.schema)
    sources = discover(args.sources)
    if not sources:
        raise UsageError("no images found in " + ", ".join(args.sources))
    provider, keys = cli_provider(args)
    models = args.model or ([provider.models[0].id] if provider.models else [])
    if not models:
        raise UsageError(f"{provider.name} has no models configured; pass --model")
    if args.via == "batch-api" and provider.is_local:
        raise UsageError("Local OCR runs on this machine; --via batch-api needs a provider with a Batch API")
    if schema is not None and provider.is_local:
        log.warning("Local OCR reads the text of each image; --schema is not used.")
        schema = None
    from visiondesk.batch.rows import structured_history

    runner = Runner([provider], keys=keys, concurrency=args.concurrency,
                    history=structured_history(schema) if schema else save_to_history)
    for model in models:
        try:
            runner.check_model(provider.id, model)
        except AnalysisError as exc:
            raise UsageError(str(exc)) from None
    if args.prompt_file:
        from visiondesk.cli.common import read_text_arg

        prompt = read_text_arg(args.prompt_file, "prompt file").strip()
    else:
        prompt = args.prompt or DEFAULT_PROMPT
    options = GenerationOptions(temperature=args.temperature, max_tokens=args.max_tokens,
                                detail=args.detail, stream=not args.no_stream,
                                response_schema=schema)
    plan = RunPlan(targets=tuple(ModelTarget(provider.id, m) for m in models), prompt=prompt,
                   system=args.system, options=options,
                   api=ApiStyle(args.api) if args.api and not provider.is_local else None)
    try:
        output = BatchOutput.open(args.out)
    except OutputBusyError as exc:
        raise UsageError(str(exc)) from None
    except OSError as exc:
        raise UsageError(f"cannot open {args.out}: {exc.strerror or exc}") from None
    if output.repaired_bytes:
        print(f"visiondesk: removed an incomplete last line ({output.repaired_bytes} bytes) "
              f"left by an interrupted run from {args.out}", file=sys.stderr)
    from visiondesk.batch.engine import BatchTally

    tally = BatchTally()
    try:
        with output:
            work = _run_remote if args.via == "batch-api" else _run_live
            run_async(work(args, runner, plan, provider, sources, output, schema, tally))
    finally:
        if args.csv:
            _write_csv(args.out, args.csv, schema)
    _report(args, tally)
    return EXIT_OK if not tally.failures else EXIT_FAILED


async def _workspace(runner: Runner, sources: list[str]) -> Workspace:
    from visiondesk.cli.common import load_compat
    from visiondesk.session.downloads import download
    from visiondesk.session.workspace import Workspace

    workspace = Workspace(downloader=lambda url, p: download(url, p, runner.backends))
    runner.backends.use_compat(await asyncio.to_thread(load_compat))
    for text in sources:
        if text.lower().startswith(("http://", "https://")):
            workspace.add_url(text)
        else:
            workspace.add_path(text)
    return workspace


async def _run_live(args: argparse.Namespace, runner: Runner, plan: RunPlan, provider: ProviderConfig,
                    sources: list[str], output: BatchOutput, schema: ResponseSchema | None,
                    tally: BatchTally) -> None:
    from visiondesk.batch.engine import BatchEngine, failure_reason
    from visiondesk.cli.batch_progress import BatchProgress

    try:
        workspace = await _workspace(runner, sources)
        jobs = plan.jobs(await workspace.units())
        engine = BatchEngine(runner, workspace, provider, output, schema=schema,
                             concurrency=args.concurrency, max_side=args.max_side, tally=tally)
        progress = BatchProgress(total=len(jobs), already_done=len(jobs) - len(engine.pending(jobs)))

        def finished(row: dict[str, Any]) -> None:
            ok = row["status"] == "completed"
            if not ok and progress.enabled:  # the summary at the end lists them again, also in a log
                progress.write(f"{row['status']}: {row['source']} × {row['model']}: {failure_reason(row)}")
            progress.advance(ok)

        def retrying(result: AnalysisResult) -> None:
            if progress.enabled:
                progress.write(f"retrying {result.source} × {result.model}: {result.error}")

        engine.on_row, engine.on_retry = finished, retrying
        try:
            await engine.run(jobs)
        finally:
            progress.close()
    finally:
        await runner.aclose()


async def _run_remote(args: argparse.Namespace, runner: Runner, plan: RunPlan, provider: ProviderConfig,
                      sources: list[str], output: BatchOutput, schema: ResponseSchema | None,
                      tally: BatchTally) -> None:
    from visiondesk.api import chat, responses
    from visiondesk.api.batch_api import (
        CHAT_ENDPOINT,
        MAX_UPLOAD_BYTES,
        RESPONSES_ENDPOINT,
        BatchApiClient,
        request_line,
    )
    from visiondesk.batch.remote import RemoteBatch, RemoteJob, state_path_for
    from visiondesk.cli.batch_progress import BatchProgress
    from visiondesk.core.errors import AnalysisError
    from visiondesk.core.request import AnalysisRequest, ApiStyle

    try:
        workspace = await _workspace(runner, sources)
        jobs = plan.jobs(await workspace.units())
        api = plan.api or provider.api_style
        endpoint = RESPONSES_ENDPOINT if api == ApiStyle.RESPONSES else CHAT_ENDPOINT
        builder = responses.build_responses_body if endpoint == RESPONSES_ENDPOINT else chat.build_chat_body
        key = await runner.resolve_key(provider)
        remote: list[RemoteJob] = []
        resuming = state_path_for(args.out).exists()  # a batch was sent: poll it, build nothing
        budget, deferred = int(MAX_UPLOAD_BYTES * 0.95), 0
        for job in jobs:
            label = runner.new_result(job, workspace).source
            if output.is_done(label, job.target.model):
                tally.skipped += 1
                continue
            if resuming or deferred:
                deferred += not resuming
                continue
            try:
                inputs = []
                side = args.max_side or provider.max_side_for(job.target.model)
                for ref in job.inputs:
                    inputs += await workspace.resolve_ref(ref, max_side=side, provider=provider)
            except AnalysisError as exc:  # this image cannot be sent; the others still go
                from visiondesk.core.events import Failed
                from visiondesk.core.result import AnalysisResult

                result = AnalysisResult(source=label, model=job.target.model, provider=provider.name)
                result.apply(Failed(exc))
                output.append(result.to_json())
                tally.written += 1
                tally.failures.append((label, job.target.model, "failed", str(exc)))
                continue
            request = AnalysisRequest(model=job.target.model, prompt=job.prompt,
                                      images=tuple(i.input for i in inputs), system=job.system,
                                      options=replace(job.options, stream=False))
            body = builder(request, runner.backends.compat.adapted(provider.id, job.target.model))
            size = len(request_line("vd-0", endpoint, body))
            if size > budget:  # one file holds at most MAX_UPLOAD_BYTES: the rest go next time
                deferred += 1  # (images are at most a few MB each, so this is never the first)
                continue
            budget -= size
            remote.append(RemoteJob(label, job.target.model, body,
                                    inputs[0].input.describe() if inputs else None))
        if deferred:
            print(f"visiondesk: {deferred} pairs did not fit in one Batch API file "
                  f"({MAX_UPLOAD_BYTES >> 20} MB); run the command again after this batch to send them",
                  file=sys.stderr)
        progress = BatchProgress(total=len(jobs), already_done=tally.skipped)
        progress.describe("batch")

        def polled(info: Any) -> None:
            progress.describe(info.status)
            progress.set_done(tally.skipped + info.completed + info.failed, info.failed)

        http = runner.backends.http()
        client = BatchApiClient(http.client_for(provider), provider.api_root, key)
        batch = RemoteBatch(client, output, provider.api_root, endpoint, provider.name, schema,
                            on_update=polled)
        try:
            rows = await batch.run(remote)
        finally:
            progress.close()
        for row in rows:
            tally.written += 1
            if row["status"] != "completed":
                reason = (row.get("error") or {}).get("message") or str(row["status"])
                tally.failures.append((row["source"], row["model"], str(row["status"]), reason))
    finally:
        await runner.aclose()


def _write_csv(out: Path, csv_path: Path, schema: ResponseSchema | None) -> None:
    from visiondesk.store.batch_output import write_csv

    if not out.exists():
        return
    try:
        write_csv(out, csv_path, schema.columns if schema else None)
    except OSError as exc:
        raise UsageError(f"cannot write {csv_path}: {exc.strerror or exc}") from None


def _report(args: argparse.Namespace, tally: BatchTally) -> None:
    if tally.failures:
        print(f"{len(tally.failures)} not completed:", file=sys.stderr)
        for source, model, status, reason in tally.failures:
            print(f"  {source} × {model}: {status}: {reason}", file=sys.stderr)
    done = f"{tally.written} written, {tally.skipped} already done"
    extra = f"; CSV in {args.csv}" if args.csv else ""
    print(f"visiondesk: {done}; results in {args.out}{extra}", file=sys.stderr)
