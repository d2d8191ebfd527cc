"""Provider profiles: built-in presets, the local OCR engine, and custom ones, stored as TOML.

A provider is keyed by a stable ``id`` (also its keyring entry), so renaming its display name
never orphans its key. Presets are not written to disk until a person changes one.
"""

from __future__ import annotations

import contextlib
import logging
import math
import os
import re
from dataclasses import asdict, dataclass, field, replace
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit, urlunsplit

from visiondesk.config.paths import config_dir
from visiondesk.core.errors import AnalysisError, ErrorKind
from visiondesk.core.inputs import DEFAULT_MAX_SIDE
from visiondesk.core.limits import MAX_CONFIG_FILE_BYTES
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
    currency: str = "USD"               # what prices are in (the Chinese relays bill in CNY)

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
    _preset("dmxapi", "DMXAPI", "https://www.dmxapi.cn/v1", _RELAY_MODELS, currency="CNY"),
    _preset("openai-ss", "openai-ss", "https://openai-ss.cn/v1", _RELAY_MODELS, currency="CNY"),
    _preset("tutujin", "tutujin", "https://apinew.tutujin.com/v1", _RELAY_MODELS, currency="CNY"),
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
    # What was wrong in the file, one line each ("<file>: providers.x.max_side must be ...").
    problems: list[str] = field(default_factory=list)

    @classmethod
    def load(cls, path: Path | None = None) -> ProviderStore:
        """The providers in ``path`` on top of the built-in ones. Never raises for a damaged file.

        Whatever is wrong (unreadable, not UTF-8, not TOML, a value of the wrong type) is skipped
        and described in :attr:`problems`, naming the file and the key, so the window still
        starts and the CLI can say what to fix.
        """
        path = path or config_dir() / PROVIDERS_FILE
        store = cls(path=path)
        data = _read_toml(path, store.problems)
        if data is None:
            for problem in store.problems:
                log.warning("%s", problem)
            return store
        default = data.get("default")
        if isinstance(default, str) and default.strip():
            store.default_id = default.strip()
        elif default is not None and default != "":
            store.problems.append(f"{path}: default must be a provider id in quotes, not {default!r}")
        providers = data.get("providers", {})
        if not isinstance(providers, dict):
            store.problems.append(f"{path}: providers must be a table ([providers.NAME] sections), "
                                  f"not {type(providers).__name__}")
            providers = {}
        for provider_id, raw in providers.items():
            where = f"{path}: providers.{provider_id}"
            if not isinstance(raw, dict):
                store.problems.append(f"{where} must be a table, not {type(raw).__name__}")
                continue
            problems: list[str] = []
            provider = _provider_from_toml(provider_id, raw, problems)
            store.problems.extend(f"{where}.{problem}" for problem in problems)
            if provider is not None:
                store.custom[provider_id] = provider
        for problem in store.problems:
            log.warning("%s", problem)
        return store

    def snapshot(self) -> ProviderStore:
        """A copy to save from a worker thread while the window goes on changing this one."""
        return ProviderStore(self.path, dict(self.custom), self.default_id, list(self.problems))

    def save(self) -> None:
        """Write ``providers.toml`` atomically; a failure is one AnalysisError(CONFIG) line and
        leaves no temporary file behind."""
        import tomli_w

        data: dict[str, Any] = {}
        if self.default_id:
            data["default"] = self.default_id
        data["providers"] = {pid: _provider_to_toml(p) for pid, p in self.custom.items()}
        tmp = self.path.with_suffix(".tmp")
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            with open(tmp, "w", encoding="utf-8") as handle:
                handle.write(tomli_w.dumps(data))
                handle.flush()
                os.fsync(handle.fileno())
            os.replace(tmp, self.path)  # atomic, so a crash never leaves half a config
        except OSError as exc:
            with contextlib.suppress(OSError):
                tmp.unlink(missing_ok=True)
            reason = exc.strerror or type(exc).__name__
            raise AnalysisError(ErrorKind.CONFIG, f"Could not save {self.path}: {reason}.") from None

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


def _read_toml(path: Path, problems: list[str]) -> dict[str, Any] | None:
    try:
        size = path.stat().st_size
    except FileNotFoundError:
        return None
    except OSError as exc:
        problems.append(f"{path}: cannot be read ({exc.strerror or type(exc).__name__})")
        return None
    if not path.is_file():
        problems.append(f"{path}: is not a regular file")
        return None
    if size > MAX_CONFIG_FILE_BYTES:
        problems.append(f"{path}: is {size:,} bytes, larger than a settings file can be")
        return None
    try:
        raw = path.read_bytes()
    except OSError as exc:
        problems.append(f"{path}: cannot be read ({exc.strerror or type(exc).__name__})")
        return None
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        problems.append(f"{path}: is not UTF-8 text (byte {exc.start}); the built-in providers "
                        "are used until it is fixed")
        return None
    import tomllib  # only when there is a file to read (~3 ms of start-up otherwise)

    try:
        return tomllib.loads(text.removeprefix("\ufeff"))
    except tomllib.TOMLDecodeError as exc:
        problems.append(f"{path}: is not valid TOML ({exc}); the built-in providers are used "
                        "until it is fixed")
        return None


def _positive_int(value: object) -> bool:
    return isinstance(value, int) and not isinstance(value, bool) and 0 < value <= 1_000_000


def _number(value: object, *, positive: bool) -> bool:
    if isinstance(value, bool) or not isinstance(value, int | float):
        return False
    return math.isfinite(value) and (value > 0 if positive else value >= 0) and value < 1e9


# Each optional field: (check, what it must be). Values that fail are dropped (the default is
# used) and reported; a provider is only skipped when base_url is unusable.
_PROVIDER_FIELDS: dict[str, tuple[Any, str]] = {
    "name": (lambda v: isinstance(v, str) and v.strip() != "", "a name in quotes"),
    "api_style": (lambda v: v in {s.value for s in ApiStyle}, '"auto", "chat" or "responses"'),
    "max_side": (_positive_int, "a positive whole number of pixels"),
    "connect_timeout": (lambda v: _number(v, positive=True), "a positive number of seconds"),
    "read_timeout": (lambda v: _number(v, positive=True), "a positive number of seconds"),
    "proxy": (lambda v: isinstance(v, str), "a proxy URL in quotes"),
    "kind": (lambda v: v == "openai", '"openai"'),
    "currency": (lambda v: isinstance(v, str) and v.isalpha() and len(v) == 3,
                 'a three-letter currency code in quotes, like "USD" or "CNY"'),
}
_MODEL_FIELDS: dict[str, tuple[Any, str]] = {
    "vision": (lambda v: isinstance(v, bool), "true or false"),
    "max_side": (_positive_int, "a positive whole number of pixels"),
    "price_input": (lambda v: _number(v, positive=False), "a number (price per million tokens)"),
    "price_output": (lambda v: _number(v, positive=False), "a number (price per million tokens)"),
}


def _checked(raw: dict[str, Any], checks: dict[str, tuple[Any, str]], problems: list[str],
             prefix: str = "") -> dict[str, Any]:
    values: dict[str, Any] = {}
    for name, (check, wanted) in checks.items():
        if name not in raw:
            continue
        value = raw[name]
        if check(value):
            values[name] = value
        else:
            problems.append(f"{prefix}{name} must be {wanted}, not {value!r:.60}; ignored")
    return values


def _provider_from_toml(provider_id: str, raw: dict[str, Any],
                        problems: list[str] | None = None) -> ProviderConfig | None:
    """The provider described by one ``[providers.ID]`` table; None when it cannot be used.

    ``problems`` collects what was wrong, each as ``key must be ...`` relative to the table.
    """
    problems = [] if problems is None else problems
    base_url = raw.get("base_url")
    if not isinstance(base_url, str):
        problems.append(f"base_url must be a URL in quotes, not {base_url!r:.60}; provider skipped")
        return None
    try:
        normalise_base_url(base_url)
    except AnalysisError:
        problems.append(f"base_url must start with http:// or https://, not {base_url!r:.60}; "
                        "provider skipped")
        return None
    values = _checked(raw, _PROVIDER_FIELDS, problems)
    models: list[ModelConfig] = []
    raw_models = raw.get("models", [])
    if not isinstance(raw_models, list):
        problems.append(f"models must be a list of tables, not {type(raw_models).__name__}; ignored")
        raw_models = []
    for index, entry in enumerate(raw_models):
        model_id = entry.get("id") if isinstance(entry, dict) else None
        if not isinstance(model_id, str) or not model_id.strip():
            problems.append(f"models[{index}] needs an id in quotes; ignored")
            continue
        assert isinstance(entry, dict)
        models.append(ModelConfig(model_id, **_checked(entry, _MODEL_FIELDS, problems,
                                                       f"models[{index}].")))
    values["api_style"] = ApiStyle(values.get("api_style", "auto"))
    values.setdefault("name", provider_id)
    return ProviderConfig(id=provider_id, base_url=base_url, models=tuple(models), **values)
