"""Provider profiles: built-in presets, the local OCR engine, and custom ones, stored as TOML.

A provider is keyed by a stable ``id`` (also its keyring entry), so renaming its display name
never orphans its key. Presets are not written to disk until a person changes one.
"""

from __future__ import annotations

import logging
import os
import re
import tomllib
from dataclasses import asdict, dataclass, field, fields, replace
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit, urlunsplit

from visiondesk.config.paths import config_dir
from visiondesk.core.errors import AnalysisError, ErrorKind
from visiondesk.core.inputs import DEFAULT_MAX_SIDE
from visiondesk.core.request import ApiStyle

log = logging.getLogger(__name__)

LOCAL_OCR_ID = "local-ocr"
LOCAL_OCR_MODEL = "rapidocr"
PROVIDERS_FILE = "providers.toml"


@dataclass(frozen=True, slots=True)
class ModelConfig:
    """What we know of one model at one provider."""

    id: str
    vision: bool | None = None          # None: unknown (the model list does not say)
    max_side: int | None = None         # overrides the provider's max image side
    price_input: float | None = None    # currency units per million input tokens
    price_output: float | None = None   # per million output tokens


@dataclass(frozen=True, slots=True)
class ProviderConfig:
    id: str
    name: str
    base_url: str
    api_style: ApiStyle = ApiStyle.AUTO
    models: tuple[ModelConfig, ...] = ()
    max_side: int = DEFAULT_MAX_SIDE
    connect_timeout: float = 10.0
    read_timeout: float = 300.0
    proxy: str | None = None
    kind: str = "openai"                # "openai" or "local-ocr"

    @property
    def is_local(self) -> bool:
        return self.kind == LOCAL_OCR_ID

    @property
    def api_root(self) -> str:
        return normalise_base_url(self.base_url)

    def model(self, model_id: str) -> ModelConfig:
        for model in self.models:
            if model.id == model_id:
                return model
        return ModelConfig(model_id)

    def max_side_for(self, model_id: str) -> int:
        return self.model(model_id).max_side or self.max_side


def normalise_base_url(url: str) -> str:
    """``https://host``, ``https://host/`` and ``https://host/v1`` all mean ``https://host/v1``.

    Any other path is used as given (minus a trailing slash), for relays that mount the API
    elsewhere (``/api/openai/v1``, ``/compatible-mode/v1``).
    """
    url = url.strip()
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https") or not parts.netloc:
        raise AnalysisError(ErrorKind.CONFIG, f"Base URL must start with http:// or https://: {url!r}")
    path = parts.path.rstrip("/")
    if path == "":
        path = "/v1"
    return urlunsplit((parts.scheme, parts.netloc, path, "", ""))


def _preset(id_: str, name: str, base_url: str, models: list[str], **kw: Any) -> ProviderConfig:
    return ProviderConfig(
        id=id_, name=name, base_url=base_url,
        models=tuple(ModelConfig(m, vision=True) for m in models), **kw,
    )


_RELAY_MODELS = ["gpt-4o", "gpt-5-mini", "gemini-2.5-flash", "claude-sonnet-4-20250514",
                 "doubao-1.5-vision-pro-250328"]

PRESETS: tuple[ProviderConfig, ...] = (
    _preset("openai", "OpenAI", "https://api.openai.com/v1",
            ["gpt-4o", "gpt-4o-mini", "gpt-5-mini", "gpt-4.1-mini"]),
    _preset("dmxapi", "DMXAPI", "https://www.dmxapi.cn/v1", _RELAY_MODELS),
    _preset("openai-ss", "openai-ss", "https://openai-ss.cn/v1", _RELAY_MODELS),
    _preset("tutujin", "tutujin", "https://apinew.tutujin.com/v1", _RELAY_MODELS),
    _preset("ollama", "Ollama (local)", "http://localhost:11434/v1",
            ["qwen2.5vl", "llama3.2-vision", "gemma3"], api_style=ApiStyle.CHAT),
)

LOCAL_OCR = ProviderConfig(
    id=LOCAL_OCR_ID, name="Local OCR (offline)", base_url="local://ocr",
    api_style=ApiStyle.CHAT, models=(ModelConfig(LOCAL_OCR_MODEL, vision=True),),
    kind=LOCAL_OCR_ID,
)


def slugify(name: str) -> str:
    slug = re.sub(r"[^a-z0-9]+", "-", name.lower()).strip("-")
    return slug or "provider"


@dataclass
class ProviderStore:
    """All providers a person can pick, read from and written to ``providers.toml``."""

    path: Path
    custom: dict[str, ProviderConfig] = field(default_factory=dict)
    default_id: str | None = None

    @classmethod
    def load(cls, path: Path | None = None) -> ProviderStore:
        path = path or config_dir() / PROVIDERS_FILE
        store = cls(path=path)
        if not path.exists():
            return store
        try:
            data = tomllib.loads(path.read_text(encoding="utf-8"))
        except (OSError, tomllib.TOMLDecodeError) as exc:
            raise AnalysisError(ErrorKind.CONFIG, f"Cannot read {path}: {exc}") from exc
        store.default_id = data.get("default") or None
        for provider_id, raw in (data.get("providers") or {}).items():
            try:
                store.custom[provider_id] = _provider_from_toml(provider_id, raw)
            except (TypeError, ValueError) as exc:
                log.warning("Skipping provider %s in %s: %s", provider_id, path, exc)
        return store

    def save(self) -> None:
        import tomli_w

        data: dict[str, Any] = {}
        if self.default_id:
            data["default"] = self.default_id
        data["providers"] = {pid: _provider_to_toml(p) for pid, p in self.custom.items()}
        self.path.parent.mkdir(parents=True, exist_ok=True)
        tmp = self.path.with_suffix(".tmp")
        tmp.write_text(tomli_w.dumps(data), encoding="utf-8")
        os.replace(tmp, self.path)  # atomic, so a crash never leaves half a config

    def all(self) -> list[ProviderConfig]:
        merged = {p.id: p for p in PRESETS}
        merged.update(self.custom)
        return [LOCAL_OCR, *merged.values()]

    def find(self, name_or_id: str) -> ProviderConfig:
        wanted = name_or_id.strip().lower()
        for provider in self.all():
            if wanted in (provider.id.lower(), provider.name.lower()):
                return provider
        names = ", ".join(p.id for p in self.all())
        raise AnalysisError(ErrorKind.CONFIG, f"No provider named {name_or_id!r}. Known: {names}")

    def default(self) -> ProviderConfig:
        if self.default_id:
            try:
                return self.find(self.default_id)
            except AnalysisError:
                log.warning("Default provider %r no longer exists", self.default_id)
        return LOCAL_OCR

    def put(self, provider: ProviderConfig) -> None:
        if provider.is_local:
            raise AnalysisError(ErrorKind.CONFIG, "The local OCR provider cannot be changed.")
        normalise_base_url(provider.base_url)  # refuse a bad URL before it is saved
        self.custom[provider.id] = provider

    def remove(self, name_or_id: str) -> ProviderConfig:
        provider = self.find(name_or_id)
        if provider.id not in self.custom:
            message = f"{provider.name} is a built-in preset and cannot be removed."
            raise AnalysisError(ErrorKind.CONFIG, message)
        del self.custom[provider.id]
        if self.default_id == provider.id:
            self.default_id = None
        return provider

    def new_id(self, name: str) -> str:
        base = slugify(name)
        taken = {p.id for p in self.all()}
        candidate, n = base, 2
        while candidate in taken:
            candidate, n = f"{base}-{n}", n + 1
        return candidate

    def with_models(self, provider: ProviderConfig, model_ids: list[str]) -> ProviderConfig:
        """The provider with a fresh model list, keeping what was known of models it already had."""
        known = {m.id: m for m in provider.models}
        models = tuple(known.get(m, ModelConfig(m)) for m in model_ids)
        return replace(provider, models=models)


def _provider_to_toml(provider: ProviderConfig) -> dict[str, Any]:
    raw = asdict(provider)
    raw.pop("id")
    raw["api_style"] = str(provider.api_style)
    raw["models"] = [{k: v for k, v in asdict(m).items() if v is not None} for m in provider.models]
    return {k: v for k, v in raw.items() if v is not None}


def _provider_from_toml(provider_id: str, raw: dict[str, Any]) -> ProviderConfig:
    known = {f.name for f in fields(ProviderConfig)}
    values = {k: v for k, v in raw.items() if k in known and k != "id"}
    models = tuple(
        ModelConfig(**{k: v for k, v in m.items() if k in {f.name for f in fields(ModelConfig)}})
        for m in values.pop("models", [])
        if isinstance(m, dict) and m.get("id")
    )
    values["api_style"] = ApiStyle(values.get("api_style", "auto"))
    values.setdefault("name", provider_id)
    return ProviderConfig(id=provider_id, models=models, **values)
