"""Probe a provider and report what works: the model list, Chat with an image, streaming with
usage, the Responses API and which reasoning comes back. Records the API style that worked.

Each row says what happened, not what might be true: a failed request shows its kind, the
server's error code as the server named it (llama.cpp's ``exceed_context_size_error`` stays
readable) and its message; a row that depends on another that failed says so instead of guessing.
"""

from __future__ import annotations

import io
import logging
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from typing import TYPE_CHECKING

from visiondesk.core.errors import AnalysisError, ErrorKind
from visiondesk.core.events import Failed, Status
from visiondesk.core.images import prepare_image
from visiondesk.core.request import AnalysisRequest, ApiStyle, GenerationOptions
from visiondesk.core.result import AnalysisResult

if TYPE_CHECKING:
    from visiondesk.api.http_backend import HttpBackend
    from visiondesk.config.providers import ProviderConfig
    from visiondesk.core.inputs import PreparedImage

log = logging.getLogger(__name__)

PROBE_PROMPT = "What number is written in this image? Answer with the number only."


@dataclass(frozen=True, slots=True)
class DoctorCheck:
    name: str
    ok: bool | None  # None: could not be told, or not applicable
    detail: str
    analysis: bool = False  # one of the rows that sends the probe image to the model
    # What the row was judged from, so a front end can word it in its own language.
    result: AnalysisResult | None = field(default=None, compare=False, repr=False)
    models: tuple[str, ...] = ()                      # the model list row: what was listed
    error: BaseException | None = field(default=None, compare=False, repr=False)


# Told before a check starts (check None) and when it is done, so a window can show progress.
Progress = Callable[[str, "DoctorCheck | None"], None]


def doctor_failed(checks: list[DoctorCheck]) -> bool:
    """True when nothing useful works: every analysis row failed, or (with no model to probe)
    the model list failed too. A run with one working API is a success with caveats."""
    analysis = [c for c in checks if c.analysis]
    if analysis:
        return not any(c.ok for c in analysis)
    return not any(c.ok for c in checks)


def probe_image() -> PreparedImage:
    """A small PNG with a number in it, made here so the probe needs no files."""
    from PIL import Image, ImageDraw

    image = Image.new("RGB", (160, 64), "white")
    ImageDraw.Draw(image).text((52, 18), "42", fill="black", font_size=28)
    buffer = io.BytesIO()
    image.save(buffer, "PNG")
    return prepare_image(buffer.getvalue(), name="probe.png")


def _short(text: str, limit: int = 60) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1] + "…"


async def _probe(backend: HttpBackend, provider: ProviderConfig, api_key: str | None,
                 request: AnalysisRequest) -> AnalysisResult:
    """One request to a finished result; any failure becomes the result's error, never a raise."""
    result = AnalysisResult(source="probe.png", model=request.model, provider=provider.name)
    try:
        async for event in backend.analyze(provider, request, api_key):
            result.apply(event)
    except AnalysisError as exc:
        result.apply(Failed(exc))
    except Exception as exc:  # a server beyond parsing must not end the whole check-up
        log.exception("doctor: unexpected failure probing %s", request.model)
        result.apply(Failed(AnalysisError(ErrorKind.INVALID_RESPONSE, f"Unexpected error: {exc}")))
    if result.status is None:
        result.apply(Failed(AnalysisError(ErrorKind.INVALID_RESPONSE, "The answer ended without a status.")))
    return result


def failure_text(result: AnalysisResult) -> str:
    """``failed: kind (HTTP 500, code): message`` with the server's own error code kept whole."""
    error = result.error
    if error is None:
        return f"ended {result.status}" if result.status else "ended without an answer"
    facts = [f"HTTP {error.status}" if error.status else "", error.code or ""]
    said = ", ".join(f for f in facts if f)
    return f"failed: {error.kind}{f' ({said})' if said else ''}: {_short(error.message, 90)}"


def _outcome(result: AnalysisResult) -> tuple[bool, str]:
    if result.status == Status.COMPLETED:
        if not result.text.strip():
            return False, "completed with an empty answer"
        return True, f"answered {_short(result.text)!r}"
    return False, failure_text(result)


def _streaming_row(streamed: AnalysisResult) -> DoctorCheck:
    ok, detail = _outcome(streamed)
    name = "chat streaming + usage"  # the answer itself is shown on the row above
    if not ok:
        return DoctorCheck(name, False, detail, analysis=True, result=streamed)
    if streamed.usage.total_tokens is None and streamed.usage.output_tokens is None:
        return DoctorCheck(name, True, "streams, but sends no usage (token counts unknown)",
                           analysis=True, result=streamed)
    tokens = streamed.usage.total_tokens
    return DoctorCheck(name, True, f"streams with usage ({tokens} tokens)", analysis=True,
                       result=streamed)


def _reasoning_row(streamed: AnalysisResult, responses: AnalysisResult) -> DoctorCheck:
    answered = [r for r in (streamed, responses) if r.status == Status.COMPLETED]
    if not answered:
        return DoctorCheck("reasoning text", None, "not checked: no streamed request was answered")
    seen = [name for name, result in (("chat", streamed), ("responses", responses)) if result.reasoning]
    if seen:
        return DoctorCheck("reasoning text", True, f"returned on {', '.join(seen)}")
    return DoctorCheck("reasoning text", None,
                       "none returned (the model may not reason, or the server hides it)")


async def run_doctor(backend: HttpBackend, provider: ProviderConfig, api_key: str | None,
                     model: str | None, progress: Progress | None = None) -> list[DoctorCheck]:
    checks: list[DoctorCheck] = []

    def starting(name: str) -> None:
        if progress is not None:
            progress(name, None)

    def add(check: DoctorCheck) -> None:
        checks.append(check)
        if progress is not None:
            progress(check.name, check)

    starting("model list")
    try:
        ids = await backend.list_models(provider, api_key)
        listed = ", ".join(ids[:5]) + (" …" if len(ids) > 5 else "")
        add(DoctorCheck("model list", True, f"{len(ids)} models: {listed}", models=tuple(ids)))
    except Exception as exc:  # the list is optional for many relays; report and go on
        kind = getattr(exc, "kind", None)
        add(DoctorCheck("model list", False,
                        f"failed: {kind + ': ' if kind else ''}{_short(str(exc), 90)}", error=exc))
    if model is None:
        add(DoctorCheck("analysis", None, "not checked: no model given (use --model)"))
        return checks

    image = probe_image()
    base = AnalysisRequest(model=model, prompt=PROBE_PROMPT, images=(image,),
                           options=GenerationOptions(stream=False))
    chat_provider = replace(provider, api_style=ApiStyle.CHAT)
    responses_provider = replace(provider, api_style=ApiStyle.RESPONSES)

    starting("chat with an image")
    plain = await _probe(backend, chat_provider, api_key, base)
    add(DoctorCheck("chat with an image", *_outcome(plain), analysis=True, result=plain))

    starting("chat streaming + usage")
    streamed = await _probe(backend, chat_provider, api_key, base.with_options(stream=True))
    add(_streaming_row(streamed))

    starting("responses API")
    responses = await _probe(backend, responses_provider, api_key,
                             base.with_options(stream=True, reasoning_summary="auto"))
    add(DoctorCheck("responses API", *_outcome(responses), analysis=True, result=responses))
    add(_reasoning_row(streamed, responses))

    if provider.api_style is ApiStyle.AUTO:
        if responses.status == Status.COMPLETED:
            backend.compat.remember_api_style(provider.id, ApiStyle.RESPONSES)
        elif plain.status == Status.COMPLETED or streamed.status == Status.COMPLETED:
            backend.compat.remember_api_style(provider.id, ApiStyle.CHAT)
    return checks
