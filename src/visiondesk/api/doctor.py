"""Probe a provider and report what works: the model list, Chat with an image, streaming with
usage, the Responses API and which reasoning comes back. Records the API style that worked."""

from __future__ import annotations

import io
from dataclasses import dataclass, replace

from visiondesk.api.runner import run_job
from visiondesk.api.service import VisionService
from visiondesk.config.providers import ProviderConfig
from visiondesk.core.events import Status
from visiondesk.core.images import prepare_image
from visiondesk.core.inputs import PreparedImage
from visiondesk.core.request import AnalysisRequest, ApiStyle, GenerationOptions
from visiondesk.core.result import AnalysisResult

PROBE_PROMPT = "What number is written in this image? Answer with the number only."


@dataclass(frozen=True, slots=True)
class DoctorCheck:
    name: str
    ok: bool | None  # None: could not be told, or not applicable
    detail: str


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


async def _probe(service: VisionService, provider: ProviderConfig, api_key: str | None,
                 request: AnalysisRequest) -> AnalysisResult:
    result = AnalysisResult(source="probe.png", model=request.model, provider=provider.name)
    return await run_job(service, provider, request, api_key, result)


def _outcome(result: AnalysisResult) -> tuple[bool, str]:
    if result.status == Status.COMPLETED:
        return True, f"answered {_short(result.text)!r}"
    if result.error is not None:
        return False, f"{result.error.kind}: {_short(str(result.error), 90)}"
    return False, str(result.status)


async def run_doctor(service: VisionService, provider: ProviderConfig, api_key: str | None,
                     model: str | None) -> list[DoctorCheck]:
    checks: list[DoctorCheck] = []
    try:
        ids = await service.list_models(provider, api_key)
        listed = ", ".join(ids[:5]) + (" …" if len(ids) > 5 else "")
        checks.append(DoctorCheck("model list", True, f"{len(ids)} models: {listed}"))
    except Exception as exc:  # the list is optional for many relays; report and go on
        checks.append(DoctorCheck("model list", False, _short(str(exc), 90)))
    if model is None:
        checks.append(DoctorCheck("analysis", None, "no model given (use --model)"))
        return checks

    image = probe_image()
    base = AnalysisRequest(model=model, prompt=PROBE_PROMPT, images=(image,),
                           options=GenerationOptions(stream=False))
    chat_provider = replace(provider, api_style=ApiStyle.CHAT)
    responses_provider = replace(provider, api_style=ApiStyle.RESPONSES)

    plain = await _probe(service, chat_provider, api_key, base)
    checks.append(DoctorCheck("chat with an image", *_outcome(plain)))

    streamed = await _probe(service, chat_provider, api_key, base.with_options(stream=True))
    ok, detail = _outcome(streamed)
    if ok and streamed.usage.total_tokens is None and streamed.usage.output_tokens is None:
        ok_usage: bool | None = None
        detail = "streams, but sends no usage (token counts unknown)"
    else:
        ok_usage = ok
        if ok:
            detail = f"streams with usage ({streamed.usage.total_tokens} tokens)"
    checks.append(DoctorCheck("chat streaming + usage", ok_usage, detail))

    responses = await _probe(service, responses_provider, api_key,
                             base.with_options(stream=True, reasoning_summary="auto"))
    checks.append(DoctorCheck("responses API", *_outcome(responses)))

    seen = [name for name, result in (("chat", streamed), ("responses", responses)) if result.reasoning]
    checks.append(DoctorCheck(
        "reasoning text", bool(seen) if (streamed.text or responses.text) else None,
        f"returned on {', '.join(seen)}" if seen else "none returned (the model may not reason, "
        "or the server hides it)"))

    if provider.api_style is ApiStyle.AUTO:
        if responses.status == Status.COMPLETED:
            service.compat.remember_api_style(provider.id, ApiStyle.RESPONSES)
        elif plain.status == Status.COMPLETED or streamed.status == Status.COMPLETED:
            service.compat.remember_api_style(provider.id, ApiStyle.CHAT)
    return checks
