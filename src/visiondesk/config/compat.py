"""What we learned about a server's dialect, remembered between runs.

Which wire API worked for a provider (for ``api_style = auto``), and per model which parameter
rejections we adapted to (``max_tokens`` renamed, ``temperature`` or ``reasoning.summary`` dropped),
so the second run does not pay for the first one's 400 (names in ``api/adaptations.py``).

Remembering only marks the memory changed; the session layer calls ``save_if_changed`` in a
worker thread after a run, so the window's thread never writes a file mid-stream.
"""

from __future__ import annotations

import json
import logging
import os
from dataclasses import dataclass, field
from pathlib import Path

from visiondesk.config.paths import state_dir

log = logging.getLogger(__name__)

@dataclass
class CompatMemory:
    path: Path | None = None
    api_styles: dict[str, str] = field(default_factory=dict)
    adaptations: dict[str, list[str]] = field(default_factory=dict)
    changed: bool = False

    @classmethod
    def load(cls, path: Path | None = None) -> CompatMemory:
        path = path or state_dir() / "compat.json"
        memory = cls(path=path)
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
            memory.api_styles = {str(k): str(v) for k, v in data.get("api_styles", {}).items()}
            memory.adaptations = {
                str(k): [str(x) for x in v] for k, v in data.get("adaptations", {}).items()
            }
        except FileNotFoundError:
            pass
        except (OSError, ValueError, AttributeError) as exc:
            log.warning("Ignoring unreadable %s: %s", path, exc)
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
            log.warning("Could not save %s: %s", self.path, exc)

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
