"""GUI fixtures: the offscreen platform, a qasync loop, and a window session in a temp home.

``QT_QPA_PLATFORM=offscreen`` is set before anything imports Qt. The parent conftest already
gives every test its own ``VISIONDESK_HOME`` and an in-memory keyring. GUI tests are plain
functions that drive an ``async`` scenario with :func:`run`, so the controller's tasks run on
a real qasync loop while Qt processes events.
"""

from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import asyncio
import functools
import gc
import time
from collections.abc import Callable, Coroutine, Iterator
from dataclasses import replace
from pathlib import Path
from typing import Any

import pytest

from visiondesk.config.providers import ProviderConfig, ProviderStore
from visiondesk.core.request import ApiStyle

RECEIPT = Path(__file__).resolve().parents[2] / "resources" / "samples" / "receipt.png"


@pytest.fixture
def loop(qapp: Any) -> Iterator[asyncio.AbstractEventLoop]:
    import qasync

    from visiondesk.gui import gc_guard

    gc_guard.install(qapp)  # as the app does while its Qt loop runs
    event_loop = qasync.QEventLoop(qapp, already_running=False)
    asyncio.set_event_loop(event_loop)
    yield event_loop
    # Async generators left unfinished (an httpx stream a parser stopped reading early) are
    # finalised by tasks the loop schedules; let those run before the loop closes.
    event_loop.run_until_complete(asyncio.sleep(0.05))
    event_loop.run_until_complete(event_loop.shutdown_asyncgens())
    asyncio.set_event_loop(None)
    event_loop.close()
    gc_guard.uninstall(qapp)


Runner = Callable[[Coroutine[Any, Any, Any]], Any]


@pytest.fixture
def run(loop: asyncio.AbstractEventLoop) -> Runner:
    """Run one async scenario on the qasync loop, with a time limit."""

    def runner(coro: Coroutine[Any, Any, Any], timeout: float = 30.0) -> Any:
        return loop.run_until_complete(asyncio.wait_for(coro, timeout))

    return runner


async def until(predicate: Callable[[], object], timeout: float = 10.0, what: str = "") -> None:
    """Await (letting Qt and asyncio work) until ``predicate()`` is true."""
    deadline = time.monotonic() + timeout
    while not predicate():
        if time.monotonic() > deadline:
            raise AssertionError(f"timed out waiting for {what or predicate}")
        await asyncio.sleep(0.01)


def add_provider(base_url: str, api_style: ApiStyle = ApiStyle.CHAT, models: tuple[str, ...] = ()
                 ) -> ProviderConfig:
    """A provider pointing at a loopback server, saved in the temp VISIONDESK_HOME."""
    from visiondesk.config.providers import ModelConfig

    store = ProviderStore.load()
    provider = ProviderConfig(id="loopback", name="Loopback", base_url=base_url, api_style=api_style,
                              models=tuple(ModelConfig(m, vision=True) for m in models))
    store.put(provider)
    store.default_id = provider.id
    store.save()
    return replace(provider)


@pytest.fixture
def session(qtbot: Any, loop: asyncio.AbstractEventLoop) -> Iterator[Any]:
    """A window session in English, shown, not yet started (call ``startup`` in the scenario)."""
    from visiondesk.gui.application import Session

    sess = Session(language="en")
    # No background warm-ups: they would resume between scenarios, when Qt dispatches their
    # callbacks but the loop is not running. test_window tests the warm-up on its own.
    sess.controller.startup = functools.partial(sess.controller.startup, warm_up=False)
    qtbot.addWidget(sess.window)
    sess.window.resize(1200, 800)
    sess.window.show()
    yield sess
    loop.run_until_complete(sess.controller.shutdown())
    sess.translations.install("en")


@pytest.fixture
def collect_widgets(qapp: Any) -> Iterator[None]:
    """Collect a test's widget cycles (panes, columns and their signal lambdas) when it ends, in
    a quiet moment, rather than whenever the garbage collector runs during a later test."""
    from PySide6.QtWidgets import QApplication

    yield
    QApplication.processEvents()
    gc.collect()
    QApplication.processEvents()
