"""What the settings dialog may use, and the small parsers of its model table's cells.

The dialog gets these narrow services instead of the controller: the provider store, the task
owner, the runner (keys and the doctor's HTTP client), and a callback after providers changed.
"""

from __future__ import annotations

from collections.abc import Callable, Coroutine
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from PySide6.QtWidgets import QTableWidgetItem

    from visiondesk.config.providers import ProviderStore
    from visiondesk.gui.tasks import TaskOwner
    from visiondesk.session.runner import Runner


@dataclass(frozen=True)
class SettingsServices:
    """What the dialog may use: the provider store, the task owner, the runner (keys, the
    doctor's HTTP client), a callback after providers changed, and the provider shown first."""

    store: ProviderStore
    tasks: TaskOwner
    runner: Runner
    providers_changed: Callable[[], None]
    current_provider_id: str | None = None
    language: str = ""   # the language setting: "" follows the system

    def call(self, name: str, coro: Coroutine[Any, Any, Any], on_done: Callable[[Any], None],
             on_error: Callable[[str], None] | None = None) -> None:
        """Run ``coro`` as the dialog's task ``name`` (a newer one of that name replaces it)."""
        self.tasks.call(("settings", name), coro, on_done, on_error)


async def _to_thread(func: Any, *args: Any) -> Any:
    import asyncio

    return await asyncio.to_thread(func, *args)


def _cell(item: QTableWidgetItem | None) -> str:
    return item.text().strip() if item is not None else ""


def _int(text: str) -> int | None:
    try:
        return int(text) if text else None
    except ValueError:
        return None


def _float(text: str) -> float | None:
    try:
        return float(text) if text else None
    except ValueError:
        return None
