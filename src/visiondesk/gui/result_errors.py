"""How the result pane words a failed run: a title per error kind and advice that fits it.

The texts keep the translation context ``ResultPane`` (where they used to live), so the existing
translations apply.
"""

from __future__ import annotations

from html import escape
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication

if TYPE_CHECKING:
    from visiondesk.core.errors import AnalysisError


def _tr(text: str) -> str:
    return QCoreApplication.translate("ResultPane", text)


def error_title(kind: str) -> str:
    titles = {
        "auth": _tr("The server refused the API key"),
        "permission": _tr("No permission for this model"),
        "rate_limit": _tr("Rate limited"),
        "quota": _tr("No quota left"),
        "bad_request": _tr("The server refused the request"),
        "not_found": _tr("Model or address not found"),
        "too_large": _tr("The image is too large for this server"),
        "server": _tr("The server failed"),
        "network": _tr("Could not reach the server"),
        "timeout": _tr("The server took too long"),
        "invalid_response": _tr("Unexpected answer from the server"),
        "image": _tr("The image cannot be sent"),
        "config": _tr("Configuration problem"),
    }
    return titles.get(kind, _tr("Error"))


def error_hint(kind: str, engine_hint: str) -> str:
    hints = {
        "auth": _tr("Check the API key for this provider in Settings."),
        "permission": _tr("The key may lack access to this model, or the balance is empty."),
        "rate_limit": _tr("Wait a moment and try again."),
        "quota": _tr("Top up the account with the provider."),
        "bad_request": _tr("A smaller image often helps."),
        "not_found": _tr("Check the model name and the base URL."),
        "too_large": _tr("Lower the maximum image side in Settings."),
        "server": _tr("The server or a proxy in front of it failed; try again later."),
        "network": _tr("Check the base URL, the proxy and the network."),
        "timeout": _tr("Raise the read timeout in Settings for slow reasoning models."),
        "invalid_response": _tr("The server did not answer like an OpenAI-compatible API."),
        "image": _tr("Pick a different file or re-save the image as PNG or JPEG."),
        "config": _tr("Open Settings to check the provider."),
    }
    if "channel" in engine_hint.lower():
        return _tr("The relay has no channel serving this model; pick another model or relay.")
    return hints.get(kind, engine_hint)


def error_html(error: AnalysisError | None) -> str:
    """The error box's rich text: title, status and message, advice; "" when nothing failed
    (a cancelled run is not an error)."""
    if error is None or str(error.kind) == "cancelled":
        return ""
    status = f"HTTP {error.status} · " if error.status else ""
    parts = [f"<b>{escape(error_title(str(error.kind)))}</b>",
             f"{escape(status)}{escape(error.message)}"]
    hint = error_hint(str(error.kind), error.hint)
    if hint:
        parts.append(f"<i>{escape(hint)}</i>")
    return "<br>".join(parts)
