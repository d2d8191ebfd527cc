"""What every subcommand shares: usage errors, exit codes, the provider a command talks to.

Keys follow ``session/keys.py``: ``VISIONDESK_API_KEY`` binds to an ad-hoc ``--base-url`` or to
the provider named with ``--provider`` on this command line, never to a default provider.
"""

from __future__ import annotations

import argparse
import logging
from collections.abc import Awaitable, Callable
from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING, TypeVar

from visiondesk.session.plan import DEFAULT_PROMPT as DEFAULT_PROMPT

if TYPE_CHECKING:
    from visiondesk.api.http_backend import HttpBackend
    from visiondesk.config.compat import CompatMemory
    from visiondesk.config.providers import ProviderConfig, ProviderStore
    from visiondesk.session.keys import KeyPolicy

log = logging.getLogger(__name__)

EXIT_OK, EXIT_FAILED, EXIT_USAGE, EXIT_INTERRUPTED = 0, 1, 2, 130
T = TypeVar("T")


EXIT_TERMINATED = 143  # 128 + SIGTERM


class UsageError(Exception):
    """A mistake in how the command was called: exit status 2 with a one-line message."""


class Terminated(Exception):
    """SIGTERM arrived: the work stopped as it does for Ctrl+C (what finished is printed and saved)."""


def run_async(work: Awaitable[T]) -> T:
    """``asyncio.run`` with SIGTERM treated like Ctrl+C: the work is cancelled, so every running
    job ends as cancelled, prints its line and is saved, and the command exits 143."""
    import asyncio
    import contextlib
    import signal

    async def main() -> T:
        task = asyncio.current_task()
        terminated = False

        def on_sigterm() -> None:
            nonlocal terminated
            terminated = True
            if task is not None:
                task.cancel()

        # Not on Windows, nor outside the main thread: there SIGTERM keeps its default.
        with contextlib.suppress(NotImplementedError, RuntimeError, ValueError):
            asyncio.get_running_loop().add_signal_handler(signal.SIGTERM, on_sigterm)
        try:
            return await work
        except asyncio.CancelledError:
            if terminated:
                raise Terminated from None
            raise

    return asyncio.run(main())


def load_store() -> ProviderStore:
    from visiondesk.config.providers import ProviderStore

    return ProviderStore.load()


def adhoc_provider(base_url: str, api: str | None) -> ProviderConfig:
    """A provider for ``--base-url``: its id names the URL, so what is learned about one server
    (its API style, its quirks) is remembered for that server alone."""
    from visiondesk.config.providers import ProviderConfig, normalise_base_url
    from visiondesk.core.redaction import strip_userinfo
    from visiondesk.core.request import ApiStyle

    base = normalise_base_url(base_url)
    from visiondesk.session.keys import ADHOC_PREFIX

    return ProviderConfig(id=f"{ADHOC_PREFIX}{base}", name=strip_userinfo(base), base_url=base,
                          api_style=ApiStyle(api or "auto"))


def cli_provider(args: argparse.Namespace) -> tuple[ProviderConfig, KeyPolicy]:
    """The provider this command talks to, with this run's API and timeout, and the key policy."""
    from visiondesk.core.errors import AnalysisError
    from visiondesk.core.request import ApiStyle
    from visiondesk.session.keys import KeyPolicy

    api = getattr(args, "api", None)
    try:
        if getattr(args, "base_url", None):
            provider = adhoc_provider(args.base_url, api)
            return _with_timeout(provider, args), KeyPolicy(generic_for=provider.id)
        store = load_store()
        provider = store.find(args.provider) if args.provider else store.default()
    except AnalysisError as exc:
        raise UsageError(str(exc)) from None
    if api and not provider.is_local:
        provider = replace(provider, api_style=ApiStyle(api))
    policy = KeyPolicy(generic_for=provider.id if args.provider else None)
    return _with_timeout(provider, args), policy


def _with_timeout(provider: ProviderConfig, args: argparse.Namespace) -> ProviderConfig:
    timeout = getattr(args, "timeout", None)
    return replace(provider, read_timeout=timeout) if timeout else provider


def resolve_provider(args: argparse.Namespace) -> tuple[ProviderConfig, str | None]:
    """The provider a command talks to, and the key that may go to it (None for local OCR)."""
    provider, policy = cli_provider(args)
    if provider.is_local:
        return provider, None
    return provider, policy.resolve(provider.id).secret


async def with_service(work: Callable[[HttpBackend], Awaitable[T]]) -> T:
    """Run ``work`` with an HTTP backend whose connections are closed afterwards."""
    from visiondesk.session.backends import Backends

    backends = Backends(load_compat())
    try:
        return await work(backends.http())
    finally:
        await backends.aclose()
        backends.compat.save_if_changed()


def load_compat() -> CompatMemory:
    """The remembered server quirks (blocking: a small file)."""
    from visiondesk.config.compat import CompatMemory

    return CompatMemory.load()


def read_text_arg(path: Path, what: str) -> str:
    """A prompt or reference file named on the command line, bounded; a usage error if unusable."""
    from visiondesk.core.errors import AnalysisError
    from visiondesk.core.file_reading import read_text_bounded
    from visiondesk.core.limits import MAX_TEXT_FILE_BYTES

    try:
        return read_text_bounded(path, what=what, max_bytes=MAX_TEXT_FILE_BYTES)
    except AnalysisError as exc:
        raise UsageError(str(exc)) from None
