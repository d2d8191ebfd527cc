"""Opening the window's dialogs with the narrow collaborators each needs (never the controller)."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from visiondesk.config.providers import ProviderConfig, ProviderStore
    from visiondesk.gui.main_window import MainWindow
    from visiondesk.gui.tasks import TaskOwner
    from visiondesk.session.plan import RunPlan
    from visiondesk.session.runner import Runner


def open_settings_dialog(window: MainWindow, store: ProviderStore, tasks: TaskOwner, runner: Runner,
                         providers_changed: Callable[[], None]) -> None:
    from visiondesk.gui.settings_dialog import SettingsDialog
    from visiondesk.gui.settings_services import SettingsServices

    services = SettingsServices(store, tasks, runner, providers_changed,
                                window.picker.current_provider_id(), window.settings.language())
    dialog = SettingsDialog(services, window)
    dialog.language_requested.connect(window.language_requested)
    dialog.open()


def open_batch_dialog(window: MainWindow, runner: Runner, plan: RunPlan, tasks: TaskOwner,
                      download: Callable[[str, ProviderConfig], Awaitable[bytes]],
                      paths: list[str]) -> None:
    from visiondesk.gui.batch_dialog import BatchDialog

    dialog = BatchDialog(runner, plan, tasks, download, window)
    dialog.add_paths(paths)
    dialog.open()
