"""The data history keeps: one run as written and read, its sources, a search filter, and redaction.

A ``HistoryRecord`` is what a caller hands to ``History.record`` and what ``History.get`` returns
(with ``id`` and ``created_at`` filled in). ``HistorySummary`` is the light row a list shows.
``Redactor`` removes every given secret (and URL credentials) from what is about to be stored.
"""

from __future__ import annotations

import re
import time
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field, replace
from datetime import datetime
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from visiondesk.core.result import AnalysisResult

REDACTED = "[redacted]"
# A "secret" shorter than this is not a key worth hiding (Ollama's placeholder key is "ollama"), and
# replacing every "abc" in every answer would wreck the text.
MIN_SECRET_LENGTH = 4
_URL_USERINFO = re.compile(r"\b([A-Za-z][A-Za-z0-9+.\-]*://)[^/\s@?#]*@")


@dataclass(slots=True)
class SourceRecord:
    """One image or document a run looked at."""

    location: str  # a file path or a URL (stored without user:pass@)
    content_hash: str | None = None  # e.g. "sha256:…" of the bytes sent
    thumbnail: bytes | None = None  # a small PNG or JPEG, see store.thumbnails.make_thumbnail

    @property
    def thumbnail_mime(self) -> str | None:
        return thumbnail_mime(self.thumbnail)


@dataclass(slots=True)
class HistoryRecord:
    """Everything kept about one (sources, model) run. Partial text of cancelled/failed runs included."""

    prompt: str
    provider: str
    model: str
    api: str = ""
    system_prompt: str = ""
    sources: list[SourceRecord] = field(default_factory=list)
    options: dict[str, Any] = field(default_factory=dict)  # temperature, max tokens, detail, ...
    status: str | None = None  # completed | incomplete | failed | cancelled | ...
    text: str = ""
    reasoning: str = ""
    usage: dict[str, Any] | None = None
    first_token_ms: float | None = None
    total_ms: float | None = None
    cost: float | None = None
    currency: str | None = None
    error_kind: str | None = None
    error_message: str | None = None
    error_code: str | None = None
    thread_id: str | None = None  # follow-up questions share a thread; turn_index orders them
    turn_index: int | None = None
    comparison_id: str | None = None  # the runs of one side-by-side comparison share this
    result: dict[str, Any] = field(default_factory=dict)  # the full AnalysisResult.to_json()
    created_at: float = field(default_factory=time.time)  # Unix time
    id: int | None = None  # set by the store

    @classmethod
    def from_result(cls, result: AnalysisResult, prompt: str, *, system_prompt: str = "",
                    options: dict[str, Any] | None = None, sources: Sequence[SourceRecord] | None = None,
                    cost: float | None = None, currency: str | None = None, thread_id: str | None = None,
                    turn_index: int | None = None, comparison_id: str | None = None) -> HistoryRecord:
        """A record of a finished (or cancelled, or failed) ``AnalysisResult``."""
        data = result.to_json()
        error = result.error
        result_cost = getattr(result, "cost", None)  # set by the session when prices are known
        if cost is None and result_cost is not None:
            cost, currency = result_cost.amount, currency or result_cost.currency
        return cls(
            prompt=prompt, provider=result.provider, model=result.model, api=result.api,
            system_prompt=system_prompt,
            sources=list(sources) if sources is not None else [SourceRecord(result.source)],
            options=dict(options or {}), status=data["status"], text=result.text,
            reasoning=result.reasoning, usage=data["usage"], first_token_ms=result.first_token_ms,
            total_ms=result.total_ms, cost=cost, currency=currency,
            error_kind=str(error.kind) if error else None, error_message=error.message if error else None,
            error_code=error.code if error else None, thread_id=thread_id, turn_index=turn_index,
            comparison_id=comparison_id, result=data,
        )

    @property
    def created_iso(self) -> str:
        """Local time with its offset, ISO 8601."""
        return iso_time(self.created_at)

    def to_json(self) -> dict[str, Any]:
        """The result object (what ``analyze --json`` prints) plus what history adds to it."""
        data: dict[str, Any] = {"id": self.id, "created_at": self.created_iso}
        data.update(self.result)
        data.update(
            id=self.id, created_at=self.created_iso, prompt=self.prompt,
            system_prompt=self.system_prompt, options=self.options,
            sources=[{"location": s.location, "content_hash": s.content_hash,
                      "thumbnail": s.thumbnail_mime} for s in self.sources],
            thread_id=self.thread_id, turn_index=self.turn_index, comparison_id=self.comparison_id,
        )
        # Rows written before a field existed in the result object (or whose result left it empty)
        # get it from the columns, in the result object's shape (cost like Cost.to_json()).
        cost = ({"amount": self.cost, "currency": self.currency} if self.cost is not None else None)
        for key, value in (("provider", self.provider), ("model", self.model), ("api", self.api),
                           ("status", self.status), ("text", self.text), ("reasoning", self.reasoning),
                           ("usage", self.usage), ("cost", cost)):
            if data.get(key) is None:
                data[key] = value
        return data


@dataclass(frozen=True, slots=True)
class HistorySummary:
    """One row of a history list: enough to show it, without the full texts or thumbnails."""

    id: int
    created_at: float
    provider: str
    model: str
    status: str | None
    prompt: str  # the first few hundred characters
    text: str  # the first few hundred characters of the answer
    source: str  # the first source
    error_message: str | None
    cost: float | None
    currency: str | None
    thread_id: str | None
    comparison_id: str | None
    has_thumbnail: bool  # of the first source: fetch it with History.thumbnail(id)

    @property
    def created_iso(self) -> str:
        return iso_time(self.created_at)


@dataclass(frozen=True, slots=True)
class HistoryFilter:
    """Which runs a search or count looks at. Empty fields do not filter."""

    model: str | None = None  # exact, case-insensitive
    provider: str | None = None  # exact, case-insensitive
    status: str | None = None
    since: float | None = None  # Unix time, inclusive
    until: float | None = None  # Unix time, exclusive
    thread_id: str | None = None
    comparison_id: str | None = None


class Redactor:
    """Replaces each secret with ``[redacted]`` and strips ``user:pass@`` from URLs."""

    def __init__(self, secrets: Iterable[str] | None = None) -> None:
        unique = {s for s in (secrets or ()) if isinstance(s, str) and len(s) >= MIN_SECRET_LENGTH}
        # Longest first, so a secret that contains another is replaced whole.
        self._pattern = (re.compile("|".join(re.escape(s) for s in sorted(unique, key=len, reverse=True)))
                         if unique else None)

    def text(self, value: str) -> str:
        return self._pattern.sub(REDACTED, value) if self._pattern else value

    def optional(self, value: str | None) -> str | None:
        return None if value is None else self.text(value)

    def url(self, value: str) -> str:
        return self.text(strip_userinfo(value))

    def data(self, value: Any) -> Any:
        """The same JSON-like structure with every string (keys too) redacted."""
        if isinstance(value, str):
            return self.text(value)
        if isinstance(value, dict):
            return {self.data(k) if isinstance(k, str) else k: self.data(v) for k, v in value.items()}
        if isinstance(value, list | tuple):
            return [self.data(v) for v in value]
        return value

    def record(self, record: HistoryRecord) -> HistoryRecord:
        """A copy of ``record`` safe to store."""
        result = self.data(record.result)
        if isinstance(result.get("source"), str):
            result["source"] = strip_userinfo(result["source"])
        if isinstance(result.get("error"), dict) and isinstance(result["error"].get("message"), str):
            result["error"]["message"] = strip_userinfo(result["error"]["message"])
        error_message = self.optional(record.error_message)
        return replace(
            record, prompt=self.text(record.prompt), provider=self.text(record.provider),
            model=self.text(record.model), api=self.text(record.api),
            system_prompt=self.text(record.system_prompt),
            sources=[replace(s, location=self.url(s.location), content_hash=self.optional(s.content_hash))
                     for s in record.sources],
            options=self.data(record.options), status=self.optional(record.status),
            text=self.text(record.text), reasoning=self.text(record.reasoning),
            usage=self.data(record.usage), currency=self.optional(record.currency),
            error_kind=self.optional(record.error_kind),
            error_message=strip_userinfo(error_message) if error_message is not None else None,
            error_code=self.optional(record.error_code), thread_id=self.optional(record.thread_id),
            comparison_id=self.optional(record.comparison_id), result=result,
        )


def strip_userinfo(value: str) -> str:
    """``https://user:pass@host/x`` -> ``https://host/x``; other text unchanged."""
    return _URL_USERINFO.sub(r"\1", value)


def thumbnail_mime(data: bytes | None) -> str | None:
    if not data:
        return None
    if data.startswith(b"\x89PNG\r\n\x1a\n"):
        return "image/png"
    if data.startswith(b"\xff\xd8\xff"):
        return "image/jpeg"
    if data[:4] == b"RIFF" and data[8:12] == b"WEBP":
        return "image/webp"
    return "application/octet-stream"


def iso_time(timestamp: float) -> str:
    return datetime.fromtimestamp(timestamp).astimezone().isoformat(timespec="seconds")
