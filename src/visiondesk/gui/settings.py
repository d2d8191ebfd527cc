"""What the window remembers between sessions, in an ini file under VisionDesk's config folder
(so ``VISIONDESK_HOME`` keeps tests and portable installs self-contained)."""

from __future__ import annotations

import json

from PySide6.QtCore import QByteArray, QSettings

from visiondesk.config.paths import config_dir


class WindowSettings:
    """Typed access to the QSettings keys the window uses."""

    def __init__(self, settings: QSettings | None = None, *, read_only: bool = False) -> None:
        if settings is None:
            path = config_dir() / "window.ini"
            settings = QSettings(str(path), QSettings.Format.IniFormat)
        self.qsettings = settings
        # Read-only: what the window sets is kept here, in memory, and read back from here.
        self._unsaved: dict[str, object] | None = {} if read_only else None

    @classmethod
    def read_only(cls) -> WindowSettings:
        """The saved settings, read but never written: ``--screenshot`` renders the window as it
        is set up without changing anything the next real window will use."""
        return cls(read_only=True)

    def _value(self, key: str, default: object = None) -> object:
        if self._unsaved is not None and key in self._unsaved:
            return self._unsaved[key]
        return self.qsettings.value(key, default)

    def _set(self, key: str, value: object) -> None:
        if self._unsaved is not None:
            self._unsaved[key] = value
        else:
            self.qsettings.setValue(key, value)

    def _str(self, key: str, default: str = "") -> str:
        value = self._value(key, default)
        return value if isinstance(value, str) else default

    def _bytes(self, key: str) -> QByteArray | None:
        value = self._value(key)
        return value if isinstance(value, QByteArray) else None

    # geometry and splitters
    def geometry(self) -> QByteArray | None:
        return self._bytes("window/geometry")

    def set_geometry(self, data: QByteArray) -> None:
        self._set("window/geometry", data)

    def splitter(self, name: str) -> QByteArray | None:
        return self._bytes(f"window/splitter_{name}")

    def set_splitter(self, name: str, data: QByteArray) -> None:
        self._set(f"window/splitter_{name}", data)

    # what was picked
    def last_provider(self) -> str:
        return self._str("run/provider")

    def set_last_provider(self, provider_id: str) -> None:
        self._set("run/provider", provider_id)

    def checked_models(self, provider_id: str) -> list[str]:
        try:
            value = json.loads(self._str(f"models/{provider_id}", "[]"))
        except ValueError:
            return []
        return [str(v) for v in value] if isinstance(value, list) else []

    def set_checked_models(self, provider_id: str, models: list[str]) -> None:
        self._set(f"models/{provider_id}", json.dumps(models))

    def prompt(self) -> str:
        return self._str("run/prompt")

    def set_prompt(self, prompt: str) -> None:
        self._set("run/prompt", prompt)

    def system_prompt(self) -> str:
        return self._str("run/system")

    def set_system_prompt(self, prompt: str) -> None:
        self._set("run/system", prompt)

    def options(self) -> tuple[str | None, str | None, bool]:
        return (self._str("run/api") or None, self._str("run/effort") or None,
                self._str("run/stream", "true") != "false")

    def set_options(self, api: str | None, effort: str | None, stream: bool) -> None:
        self._set("run/api", api or "")
        self._set("run/effort", effort or "")
        self._set("run/stream", "true" if stream else "false")

    def split(self) -> str:
        """"per-image" (the default, as on the command line) or "one-request"."""
        return self._str("run/split", "per-image")

    def set_split(self, split: str) -> None:
        self._set("run/split", split)

    # language: "" follows the system
    def language(self) -> str:
        return self._str("ui/language")

    def set_language(self, language: str) -> None:
        self._set("ui/language", language)

    def sync(self) -> None:
        if self._unsaved is None:
            self.qsettings.sync()
