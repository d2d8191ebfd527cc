"""A desktop notification for ``visiondesk capture``: what was copied, at a glance.

Sent to ``org.freedesktop.Notifications`` over the session bus with ``notify-send`` (libnotify)
or, without it, ``gdbus`` (GLib), which both type the call's arguments correctly. Where neither
exists or no session bus runs (a server, a bare X session, Windows, macOS) it is silently
skipped: the notification is a courtesy, the clipboard is the result.
"""

from __future__ import annotations

import logging
import shutil
import subprocess
import sys

from visiondesk.gui.capture.portal import session_bus_configured

log = logging.getLogger(__name__)

APP_NAME = "VisionDesk"
ICON = "visiondesk"
EXPIRE_MS = 5000
MAX_BODY = 300


def summary_for(text: str) -> tuple[str, str]:
    """("Copied N lines", first line) for a notification."""
    lines = [line for line in text.splitlines() if line.strip()]
    count = len(lines)
    title = f"Copied {count} line" + ("" if count == 1 else "s")
    first = lines[0].strip() if lines else ""
    if len(first) > MAX_BODY:
        first = first[: MAX_BODY - 1] + "…"
    return title, first


def notify(title: str, body: str) -> bool:
    """Show a notification if the desktop offers them; True when one was sent off."""
    if not sys.platform.startswith("linux") or not session_bus_configured():
        return False
    if notify_send := shutil.which("notify-send"):
        argv = [notify_send, "--app-name", APP_NAME, "--icon", ICON,
                "--expire-time", str(EXPIRE_MS), title, body]
    elif gdbus := shutil.which("gdbus"):
        argv = [gdbus, "call", "--session", "--dest", "org.freedesktop.Notifications",
                "--object-path", "/org/freedesktop/Notifications",
                "--method", "org.freedesktop.Notifications.Notify",
                _text(APP_NAME), "uint32 0", _text(ICON), _text(title), _text(body),
                "@as []", "@a{sv} {}", f"int32 {EXPIRE_MS}"]
    else:
        return False
    try:
        # Not waited for: the command should exit as soon as the text is on the clipboard, and a
        # slow notification daemon must not hold it up. The child ends by itself.
        subprocess.Popen(argv, stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL,
                         stderr=subprocess.DEVNULL, start_new_session=True)
    except OSError as exc:
        log.debug("no notification: %s", exc)
        return False
    return True

def _text(value: str) -> str:
    """A GVariant string literal, so gdbus never reads "[1, 2]" as an array."""
    escaped = value.replace("\\", "\\\\").replace("'", "\\'").replace("\n", "\\n")
    return f"'{escaped}'"
