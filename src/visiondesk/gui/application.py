"""Start-up: the QApplication, translations, the window, the qasync loop, and shutdown.

The window is shown before any engine module is imported; the controller then loads providers,
images and history in the loop. ``--screenshot`` waits for that loading, renders the window with
``grab()`` and exits.
"""

from __future__ import annotations

import argparse
import logging
import sys
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtGui import QIcon
from PySide6.QtWidgets import QApplication

from visiondesk.gui import gc_guard
from visiondesk.gui.i18n import Translations, resolve_language
from visiondesk.gui.main_window import MainWindow
from visiondesk.gui.resources import resource
from visiondesk.gui.settings import WindowSettings
from visiondesk.gui.style import FUSION, STYLESHEET, apply_style

if TYPE_CHECKING:
    import asyncio

    from visiondesk.gui.controller import Controller

log = logging.getLogger(__name__)


def create_application(*, style_sheet: bool = True) -> QApplication:
    """The application with its name, icon and look; ``style_sheet=False`` leaves the style
    sheet for later (see ``style.apply_style``)."""
    app = QApplication.instance()
    created = not isinstance(app, QApplication)
    if not isinstance(app, QApplication):
        QCoreApplication.setAttribute(Qt.ApplicationAttribute.AA_DontCreateNativeWidgetSiblings)
        # Qt makes the Fusion style itself from the arguments: setStyle() would hand Python the
        # QStyle object, and wrapping it builds all of QStyle's enums (~4 ms of start-up).
        app = QApplication([*sys.argv[:1], "-style", FUSION])
    app.setApplicationName("VisionDesk")
    app.setOrganizationName("VisionDesk")
    app.setDesktopFileName("io.github.visiondesk.VisionDesk")  # the installed .desktop file's id
    icon = QIcon()  # resources/icons/: the application icon, one PNG per size
    for size in (16, 24, 32, 48, 64, 128, 256, 512):
        icon.addFile(str(resource(f"icons/visiondesk-{size}.png")))
    app.setWindowIcon(icon)
    apply_style(app, set_style=not created, style_sheet=style_sheet)
    return app


class Session:
    """One window with its controller and translations; used by the app and by tests."""

    def __init__(self, language: str | None = None, *, attach: bool = True,
                 settings: WindowSettings | None = None) -> None:
        self.app = create_application(style_sheet=False)
        self.settings = settings or WindowSettings()
        self.translations = Translations()
        override = language if language is not None else self.settings.language()
        self.translations.install(resolve_language(override))
        self.window = MainWindow(self.settings, self.translations.language)
        self.app.setStyleSheet(STYLESHEET)  # now the window is assembled (style.apply_style)
        self.window.mark_language(override or "")
        self.window.language_requested.connect(self.set_language)
        self._controller: Controller | None = None
        if attach:
            self.attach_controller()

    def attach_controller(self) -> Controller:
        """Create the controller (this imports asyncio; the app does it after the first paint)."""
        if self._controller is None:
            from visiondesk.gui.controller import Controller

            self._controller = Controller(self.window)
        return self._controller

    @property
    def controller(self) -> Controller:
        return self.attach_controller()

    def set_language(self, override: str) -> None:
        """"" follows the system; the switch is live (widgets retranslate themselves)."""
        self.settings.set_language(override)
        language = resolve_language(override)
        if not self.translations.install(language):
            self.window.show_message(f"No translation for {language}", error=True)
        self.window.language = language
        self.window.mark_language(override)


def show_window(args: argparse.Namespace) -> Session:
    """Build the window and paint it once, before any engine module is imported."""
    # A render (--screenshot) reads the settings but changes none of them.
    session = Session(args.lang, attach=False,
                      settings=WindowSettings.read_only() if args.screenshot else None)
    if args.screenshot:
        width, _, height = str(args.size).partition("x")
        session.window.resize(int(width), int(height))
    session.window.show()
    QApplication.processEvents()
    return session


BeforeGrab = Callable[[MainWindow], None]


async def _run(args: argparse.Namespace, session: Session, before_grab: BeforeGrab | None = None) -> int:
    import asyncio

    window, controller = session.window, session.controller
    closed = asyncio.Event()
    window.closed.connect(closed.set)
    try:
        await controller.startup(list(args.sources), args.provider, list(args.model),
                                 warm_up=not args.screenshot)
        if args.screenshot:
            return await _screenshot(session, Path(args.screenshot), before_grab=before_grab,
                                     run=bool(getattr(args, "run", False)))
        await closed.wait()
    finally:
        await controller.shutdown()
    return 0


async def _screenshot(session: Session, path: Path, *, run: bool = False,
                      before_grab: BeforeGrab | None = None) -> int:
    import asyncio

    controller = session.controller
    await controller.wait_idle("image")
    if run:
        controller.run()
        await controller.wait_idle("start")
        await controller.wait_idle("pane")
        _show_text_tab_after_ocr(session)
        await asyncio.sleep(0.15)  # panes render on a short timer
    if before_grab is not None:  # the documentation's canned answers (tools/screenshots.py)
        before_grab(session.window)
        await asyncio.sleep(0.15)  # panes render on a short timer
    for _ in range(2):  # let layouts and posted events settle
        await asyncio.sleep(0)
        QApplication.processEvents()
    path.parent.mkdir(parents=True, exist_ok=True)
    if not session.window.grab().save(str(path), "PNG"):
        return 1
    return 0


def _show_text_tab_after_ocr(session: Session) -> None:
    """Local OCR's answer is its text laid out in rows: show it in the Text tab, line by line."""
    from visiondesk.gui.result_pane import TAB_TEXT

    for pane in session.window.results.panes:
        result = pane.result
        if result is not None and result.lines is not None:
            pane.tabs.setCurrentIndex(TAB_TEXT)


def _event_loop() -> asyncio.AbstractEventLoop:
    """qasync's loop on Qt's, with the standard thread pool for ``to_thread``: it starts threads
    as work arrives, where qasync's own executor starts ten QThreads on the first call and joins
    them all at exit."""
    from concurrent.futures import ThreadPoolExecutor

    import qasync

    loop: asyncio.AbstractEventLoop = qasync.QEventLoop()
    loop.set_default_executor(ThreadPoolExecutor(thread_name_prefix="visiondesk-worker"))
    return loop


def run_window(args: argparse.Namespace, before_grab: BeforeGrab | None = None) -> int:
    """The window until it closes; with ``args.screenshot`` a picture of it (``before_grab`` may
    fill it first: the documentation's screenshots use that for their canned answers)."""
    from visiondesk.logs import setup_logging

    setup_logging(bool(getattr(args, "verbose", False)))  # with the key-redacting filter
    from visiondesk.gui.qt_messages import route_qt_messages

    route_qt_messages()  # Qt's platform notes are not for the terminal
    session = show_window(args)
    import asyncio
    import gc

    import qasync  # noqa: F401  (after the first paint, frozen with the rest below)

    import visiondesk.gui.controller  # noqa: F401

    # What start-up made (modules, classes, the window's widgets) lives as long as the process:
    # frozen, it is left out of every later collection, and the gc guard's full collection at the
    # end no longer walks it again (~15 ms). cli._open_window kept the collector off until here.
    gc.freeze()
    # The window's closing ends the main coroutine, which then closes every connection while the
    # loop still runs. Qt must not stop the loop by itself when the last window closes (that left
    # the HTTP clients to be closed after the loop, a traceback; and a capture that hides the
    # window briefly ended the whole app).
    session.app.setQuitOnLastWindowClosed(False)
    # Qt objects must only ever be collected on the GUI thread, while the Qt loop runs.
    with gc_guard.active(session.app), asyncio.Runner(loop_factory=_event_loop) as runner:
        return runner.run(_run(args, session, before_grab))
