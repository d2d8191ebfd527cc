"""What every subcommand shares: usage errors, exit codes, finding the provider and its key."""

from __future__ import annotations

import argparse
import logging
import os
from dataclasses import replace
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from visiondesk.config.providers import ProviderConfig, ProviderStore

log = logging.getLogger(__name__)

EXIT_OK, EXIT_FAILED, EXIT_USAGE = 0, 1, 2
DEFAULT_PROMPT = "Describe this image. Transcribe any text in it exactly."


class UsageError(Exception):
    """A mistake in how the command was called: exit status 2 with a one-line message."""


def load_store() -> ProviderStore:
    from visiondesk.config.providers import ProviderStore

    return ProviderStore.load()


def resolve_provider(args: argparse.Namespace) -> tuple[ProviderConfig, str | None]:
    """The provider a command talks to, and its key (keyring, else VISIONDESK_API_KEY)."""
    from visiondesk.config.keys import ENV_KEY, resolve_key
    from visiondesk.config.providers import ProviderConfig
    from visiondesk.core.request import ApiStyle

    api = getattr(args, "api", None)
    if args.base_url:
        from visiondesk.config.providers import normalise_base_url

        base = normalise_base_url(args.base_url)
        provider = ProviderConfig(id="adhoc", name=base, base_url=base,
                                  api_style=ApiStyle(api or "auto"))
        return provider, os.environ.get(ENV_KEY) or None
    store = load_store()
    provider = store.find(args.provider) if args.provider else store.default()
    if api:
        provider = replace(provider, api_style=ApiStyle(api))
    if provider.is_local:
        return provider, None
    return provider, resolve_key(provider.id)


async def with_service(work: Any) -> Any:
    from visiondesk.api.service import VisionService
    from visiondesk.config.compat import CompatMemory

    service = VisionService(compat=CompatMemory.load())
    try:
        return await work(service)
    finally:
        await service.aclose()


