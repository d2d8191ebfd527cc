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

    try:
        backend = keyring.get_keyring()
    except Exception as exc:  # a misconfigured PYTHON_KEYRING_BACKEND or keyringrc.cfg
        return KeyringStatus("unavailable", False,
                             f"The keyring is misconfigured ({type(exc).__name__}). {NO_KEYRING_HELP}")
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


# Characters that ride along when a key is copied from a web page, a PDF or a Windows editor:
# the BOM, zero-width spaces and joiners, the word joiner, no-break spaces.
_INVISIBLE = "\ufeff\u200b\u200c\u200d\u2060\u00a0\u202f\u180e"


def clean_key(raw: str) -> str:
    """A key as it must go into an Authorization header, or ValueError saying what is wrong.

    Surrounding whitespace, BOMs and zero-width characters (what copy and paste adds) are
    removed; a key with whitespace, control characters or non-ASCII characters *inside* is
    refused, since every request with it would fail (or be retried pointlessly).
    """
    key = raw.strip().strip(_INVISIBLE + " \t\r\n")
    if not key:
        raise ValueError("The key is empty.")
    for position, char in enumerate(key, start=1):
        if char.isspace() or char in _INVISIBLE:
            raise ValueError(f"The key contains a space or line break (character {position}); "
                             "paste it again without it.")
        if not char.isprintable() or ord(char) < 0x20 or ord(char) == 0x7F:
            raise ValueError(f"The key contains an invisible control character (character "
                             f"{position}); paste it again.")
        if not char.isascii():
            raise ValueError(f"The key contains a non-ASCII character (character {position}, "
                             f"U+{ord(char):04X}); API keys are plain ASCII. Paste it again.")
    return key


def set_key(provider_id: str, secret: str) -> None:
    import keyring

    try:
        secret = clean_key(secret)
    except ValueError as exc:
        raise AnalysisError(ErrorKind.CONFIG, f"{exc} Nothing was saved.") from None
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
        stored = keyring.get_password(SERVICE, provider_id) or None
    except Exception as exc:  # a locked or missing keyring must not stop env-var users
        log.info("Keyring read failed for %s: %s", provider_id, type(exc).__name__)
        return None
    return stored


def env_key(name: str = ENV_KEY) -> str | None:
    """The key in environment variable ``name``, cleaned; None when unset or empty.

    Raises AnalysisError(CONFIG) naming the variable when it holds something that cannot be a key.
    """
    raw = os.environ.get(name)
    if raw is None or not raw.strip():
        return None
    try:
        return clean_key(raw)
    except ValueError as exc:
        raise AnalysisError(ErrorKind.CONFIG, f"{name} is set but unusable: {exc}") from None


def resolve_key(provider_id: str | None) -> str | None:
    """A provider's key from its keyring entry, else from ``VISIONDESK_API_KEY``."""
    if provider_id:
        key = stored_key(provider_id)
        if key:
            try:
                return clean_key(key)
            except ValueError as exc:  # saved by an older version, or by another tool
                raise AnalysisError(
                    ErrorKind.CONFIG, f"The key stored for {provider_id} is unusable: {exc} "
                    f"Set it again with: visiondesk keys set {provider_id}") from None
    return env_key(ENV_KEY)
