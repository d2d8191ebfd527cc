"""A run plan: which (provider, model)s, which prompts and options, and how the images are split
into requests. The window and the command line build the same plan from the same choices."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from enum import StrEnum
from typing import TYPE_CHECKING

from visiondesk.core.request import GenerationOptions

if TYPE_CHECKING:
    from visiondesk.core.request import ApiStyle, Turn
    from visiondesk.session.workspace import InputRef

DEFAULT_PROMPT = "Describe this image. Transcribe any text in it exactly."


class RequestSplit(StrEnum):
    """Whether several images go one request each (one answer per image) or all in one request
    (one answer about all of them). The default is the same in the window and the CLI."""

    PER_IMAGE = "per-image"
    ONE_REQUEST = "one-request"


DEFAULT_SPLIT = RequestSplit.PER_IMAGE


@dataclass(frozen=True, slots=True)
class ModelTarget:
    provider_id: str
    model: str


@dataclass(frozen=True, slots=True)
class Job:
    """One request to make: a model, the images it sees and what to ask."""

    target: ModelTarget
    inputs: tuple[InputRef, ...]
    prompt: str
    system: str | None = None
    options: GenerationOptions = field(default_factory=GenerationOptions)
    capture_raw: bool = False
    api: ApiStyle | None = None  # this run's wire API instead of the provider's setting
    turns: tuple[Turn, ...] = ()  # a follow-up: the thread's earlier questions and answers
    thread_id: str | None = None  # the conversation this job belongs to (history groups by it)
    comparison_id: str | None = None  # the side-by-side comparison it is a column of


@dataclass(frozen=True, slots=True)
class RunPlan:
    targets: tuple[ModelTarget, ...]
    prompt: str
    system: str | None = None
    options: GenerationOptions = field(default_factory=GenerationOptions)
    split: RequestSplit = DEFAULT_SPLIT
    capture_raw: bool = False
    api: ApiStyle | None = None

    def jobs(self, inputs: Sequence[InputRef]) -> list[Job]:
        """Every job of this plan, image-major (all models of the first image, then the next).

        ``inputs`` come from ``Workspace.units`` (a PDF's pages are images of their own). With no
        inputs at all, each model gets one text-only job.
        """
        if self.split is RequestSplit.ONE_REQUEST or not inputs:
            groups: list[tuple[InputRef, ...]] = [tuple(inputs)]
        else:
            groups = [(ref,) for ref in inputs]
        return [Job(target, group, self.prompt, self.system, self.options, self.capture_raw, self.api)
                for group in groups for target in self.targets]
