"""How the result pane words a failed run: a title per error kind, the server's message, and
the window's advice for it (:func:`visiondesk.gui.error_text.window_hint`).

The titles keep the translation context ``ResultPane`` (where they used to live), so the
existing translations apply.
"""

from __future__ import annotations

from html import escape
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication

from visiondesk.gui.engine_text import worded

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


def error_html(error: AnalysisError | None) -> str:
    """The error box's rich text: title, status and message, advice; "" when nothing failed
    (a cancelled run is not an error)."""
    if error is None or str(error.kind) == "cancelled":
        return ""
    status = f"HTTP {error.status} · " if error.status else ""
    parts = [f"<b>{escape(error_title(str(error.kind)))}</b>",
             f"{escape(status)}{escape(worded(error.message))}"]
    from visiondesk.gui.error_text import window_hint

    hint = window_hint(error)
    if hint:
        parts.append(f"<i>{escape(hint)}</i>")
    return "<br>".join(parts)
