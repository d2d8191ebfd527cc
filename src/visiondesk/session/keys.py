"""Which key goes to which host: a key is only ever sent where it was given for.

- A provider's keyring entry (``visiondesk keys set ID``, or the window's Settings).
- ``VISIONDESK_API_KEY_<ID>`` (id upper-cased, anything not a letter or digit as ``_``): that
  provider's key everywhere.
- ``VISIONDESK_API_KEY``: only for an ad-hoc ``--base-url`` run, or for the provider named with
  ``--provider`` on the command line that started this process (the window's too). A relay's key
  set in the environment must never reach api.openai.com because another provider was chosen.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from enum import StrEnum

from visiondesk.config import keys as keystore

ADHOC_PREFIX = "adhoc:"  # the id of a provider made from --base-url (cli/common.adhoc_provider)


class KeyOrigin(StrEnum):
    KEYRING = "keyring"
    PROVIDER_VARIABLE = "provider-variable"
    GENERIC_VARIABLE = "generic-variable"


@dataclass(frozen=True, slots=True)
class ResolvedKey:
    secret: str | None
    origin: KeyOrigin | None = None
    variable: str | None = None  # the environment variable it came from, if any


def provider_variable(provider_id: str) -> str:
    return f"{keystore.ENV_KEY}_{re.sub(r'[^A-Za-z0-9]', '_', provider_id).upper()}"


@dataclass(frozen=True, slots=True)
class KeyPolicy:
    """``generic_for``: the provider id that ``VISIONDESK_API_KEY`` binds to in this process."""

    generic_for: str | None = None

    def resolve(self, provider_id: str) -> ResolvedKey:
        """Blocking (the keyring may talk to D-Bus): call it from a worker thread."""
        # An ad-hoc --base-url has no keyring entry (keys are stored per provider), so its key
        # is the environment's; the keyring is not even loaded (it costs ~30 ms of start-up).
        stored = None if provider_id.startswith(ADHOC_PREFIX) else keystore.stored_key(provider_id)
        if stored:
            try:
                return ResolvedKey(keystore.clean_key(stored), KeyOrigin.KEYRING)
            except ValueError as exc:
                from visiondesk.core.errors import AnalysisError, ErrorKind

                raise AnalysisError(ErrorKind.AUTH, f"The key stored for {provider_id} is unusable: {exc}",
                                    subject=provider_id) from None
        variable = provider_variable(provider_id)
        secret = keystore.env_key(variable)
        if secret:
            return ResolvedKey(secret, KeyOrigin.PROVIDER_VARIABLE, variable)
        if self.generic_for == provider_id:
            secret = keystore.env_key(keystore.ENV_KEY)
            if secret:
                return ResolvedKey(secret, KeyOrigin.GENERIC_VARIABLE, keystore.ENV_KEY)
        return ResolvedKey(None)

    def environment_variable(self, provider_id: str) -> str | None:
        """The variable that supplies this provider's key now, if one does (for Settings)."""
        import os

        variable = provider_variable(provider_id)
        if os.environ.get(variable, "").strip():
            return variable
        if self.generic_for == provider_id and os.environ.get(keystore.ENV_KEY, "").strip():
            return keystore.ENV_KEY
        return None
