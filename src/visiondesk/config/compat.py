"""What we learned about a server's dialect, remembered between runs.

Which wire API worked for a provider (for ``api_style = auto``), and per model which parameter
rejections we adapted to (``max_tokens`` renamed, ``temperature`` or ``reasoning.summary`` dropped),
so the second run does not pay for the first one's 400 (names in ``api/adaptations.py``).

Remembering only marks the memory changed; the session layer calls ``save_if_changed`` in a
worker thread after a run, so the window's thread never writes a file mid-stream.
"""

from __future__ import annotations

import contextlib
import json
import logging
import os
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TypeVar

from visiondesk.config.paths import state_dir
from visiondesk.core.limits import MAX_CONFIG_FILE_BYTES

log = logging.getLogger(__name__)

@dataclass
class CompatMemory:
    path: Path | None = None
    api_styles: dict[str, str] = field(default_factory=dict)
    adaptations: dict[str, list[str]] = field(default_factory=dict)
    changed: bool = False

    @classmethod
    def load(cls, path: Path | None = None) -> CompatMemory:
        """What was remembered; a damaged file or entry is ignored (with a warning), never fatal."""
        path = path or state_dir() / "compat.json"
        memory = cls(path=path)
        try:
            if path.stat().st_size > MAX_CONFIG_FILE_BYTES:
                log.warning("Ignoring %s: larger than a settings file can be", path)
                return memory
            data = json.loads(path.read_bytes().decode("utf-8"))
        except FileNotFoundError:
            return memory
        except (OSError, ValueError, RecursionError) as exc:
            log.warning("Ignoring unreadable %s: %s", path, exc)
            return memory
        if not isinstance(data, dict):
            log.warning("Ignoring %s: not a JSON object", path)
            return memory
        memory.api_styles = _entries(data.get("api_styles"), path, "api_styles", _api_style)
        memory.adaptations = _entries(data.get("adaptations"), path, "adaptations", _adaptation_list)
        return memory

    def save_if_changed(self) -> None:
        if self.changed:
            self.save()

    def save(self) -> None:
        self.changed = False
        if self.path is None:
            return
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            tmp = self.path.with_suffix(".tmp")
            payload = {"api_styles": self.api_styles, "adaptations": self.adaptations}
            tmp.write_text(json.dumps(payload, indent=1), encoding="utf-8")
            os.replace(tmp, self.path)
        except OSError as exc:  # memory is an optimisation; failing to save it is not an error
            log.warning("Could not save %s: %s", self.path, exc.strerror or exc)
            with contextlib.suppress(OSError):
                self.path.with_suffix(".tmp").unlink(missing_ok=True)

    def api_style(self, provider_id: str) -> str | None:
        return self.api_styles.get(provider_id)

    def remember_api_style(self, provider_id: str, style: str) -> None:
        if self.api_styles.get(provider_id) != style:
            self.api_styles[provider_id] = style
            self.changed = True

    def adapted(self, provider_id: str, model: str) -> frozenset[str]:
        return frozenset(self.adaptations.get(f"{provider_id}/{model}", ()))

    def remember_adaptation(self, provider_id: str, model: str, adaptation: str) -> None:
        entry = self.adaptations.setdefault(f"{provider_id}/{model}", [])
        if adaptation not in entry:
            entry.append(adaptation)
            self.changed = True


_T = TypeVar("_T")


def _api_style(value: object) -> str | None:
    return value if isinstance(value, str) and value in ("chat", "responses") else None


def _adaptation_list(value: object) -> list[str] | None:
    if not isinstance(value, list) or not all(isinstance(item, str) for item in value):
        return None
    return list(value)


def _entries(raw: object, path: Path, section: str,
             parse: Callable[[object], _T | None]) -> dict[str, _T]:
    """The valid entries of one section; each wrong one is skipped with a warning."""
    if raw is None:
        return {}
    if not isinstance(raw, dict):
        log.warning("Ignoring %s in %s: not an object", section, path)
        return {}
    entries: dict[str, _T] = {}
    for key, value in raw.items():
        parsed = parse(value)
        if parsed is None:
            log.warning("Ignoring %s[%r] in %s: unexpected value %.60r", section, key, path, value)
        else:
            entries[str(key)] = parsed
    return entries
