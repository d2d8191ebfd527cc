"""API keys in the OS keyring, and nowhere else.

Each provider has one entry (service ``visiondesk``, user = the provider's stable id). When no
real keyring backend works we say so and refuse; there is deliberately no plaintext fallback.
``VISIONDESK_API_KEY`` is the documented way to pass a key on headless machines.
"""

from __future__ import annotations

import logging
import os
from dataclasses import dataclass

from visiondesk.core.errors import AnalysisError, ErrorKind

log = logging.getLogger(__name__)

SERVICE = "visiondesk"
ENV_KEY = "VISIONDESK_API_KEY"

# Backends that look like a keyring but would not keep a secret safe, or not keep it at all.
_UNSAFE_BACKENDS = ("fail", "null", "plaintext", "PlaintextKeyring", "Uncrypted")

NO_KEYRING_HELP = (
    "No working OS keyring was found, so keys cannot be stored safely. On Linux install and "
    "start a Secret Service (GNOME Keyring or KWallet) and unlock it; on a headless machine "
    f"set {ENV_KEY} instead."
)


@dataclass(frozen=True, slots=True)
class KeyringStatus:
    backend: str
    usable: bool
    detail: str


def keyring_status() -> KeyringStatus:
    """Which backend keyring picked, and whether it is a real OS store."""
    import keyring

    backend = keyring.get_keyring()
    name = f"{type(backend).__module__}.{type(backend).__name__}"
    if any(marker in name for marker in _UNSAFE_BACKENDS):
        return KeyringStatus(name, False, NO_KEYRING_HELP)
    try:
        priority = float(getattr(backend, "priority", 1))
    except Exception:  # some backends compute priority lazily and raise when unavailable
        priority = 0
    if priority <= 0:
        return KeyringStatus(name, False, NO_KEYRING_HELP)
    return KeyringStatus(name, True, f"Keys are stored in {type(backend).__name__}.")


def _keyring_error(action: str, exc: Exception) -> AnalysisError:
    # The exception text never contains the secret itself, but keep it short and generic.
    message = f"Could not {action} the OS keyring ({type(exc).__name__}). {NO_KEYRING_HELP}"
    return AnalysisError(ErrorKind.CONFIG, message)


def set_key(provider_id: str, secret: str) -> None:
    import keyring

    secret = secret.strip()
    if not secret:
        raise AnalysisError(ErrorKind.CONFIG, "The key is empty; nothing was saved.")
    status = keyring_status()
    if not status.usable:
        raise AnalysisError(ErrorKind.CONFIG, status.detail)
    try:
        keyring.set_password(SERVICE, provider_id, secret)
    except Exception as exc:
        raise _keyring_error("write to", exc) from exc


def delete_key(provider_id: str) -> bool:
    import keyring
    from keyring.errors import PasswordDeleteError

    try:
        keyring.delete_password(SERVICE, provider_id)
    except PasswordDeleteError:
        return False
    except Exception as exc:
        raise _keyring_error("delete from", exc) from exc
    return True


def stored_key(provider_id: str) -> str | None:
    """The keyring entry, or None when there is none or no keyring works."""
    import keyring

    try:
        return keyring.get_password(SERVICE, provider_id) or None
    except Exception as exc:  # a locked or missing keyring must not stop env-var users
        log.info("Keyring read failed for %s: %s", provider_id, type(exc).__name__)
        return None


def resolve_key(provider_id: str | None) -> str | None:
    """A provider's key from its keyring entry, else from ``VISIONDESK_API_KEY``."""
    if provider_id:
        key = stored_key(provider_id)
        if key:
            return key
    return os.environ.get(ENV_KEY) or None
