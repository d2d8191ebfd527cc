"""Capture through the desktop portal's Screenshot call (Wayland: GNOME, KDE, wlroots desktops).

``org.freedesktop.portal.Screenshot.Screenshot(parent_window, {handle_token, interactive})``
returns the object path of a Request at once; the answer comes later as that Request's
``Response(uint code, a{sv} results)`` signal, with ``results["uri"]`` a file:// URI of the
picture the portal saved. We subscribe to the Request's path, known in advance from our unique
bus name and the token, *before* calling, so a fast portal cannot answer before we listen.

``interactive=true`` lets the desktop show its own region chooser, so the image that comes back
is already the region the person picked: no selector of ours is needed on top.
"""

from __future__ import annotations

import asyncio
import logging
import os
import secrets
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Any
from urllib.parse import unquote, urlparse

from PySide6.QtCore import Signal
from PySide6.QtDBus import (
    QDBus,
    QDBusAbstractInterface,
    QDBusConnection,
    QDBusMessage,
)
from PySide6.QtGui import QImage

from visiondesk.gui.capture.models import CaptureUnavailable, Selected

if TYPE_CHECKING:
    from PySide6.QtCore import QObject

log = logging.getLogger(__name__)

SERVICE = "org.freedesktop.portal.Desktop"
PATH = "/org/freedesktop/portal/desktop"
SCREENSHOT = "org.freedesktop.portal.Screenshot"
REQUEST = "org.freedesktop.portal.Request"
# The person may take their time in the desktop's chooser; a portal that never answers (some
# deny permission by silence) must still not leave us waiting for ever.
RESPONSE_TIMEOUT = 180.0
INTROSPECT_TIMEOUT_MS = 3000  # a portal answers calls at once; only the Response waits for people
MAX_FILE_BYTES = 256 * 1024 * 1024
RESPONSE_OK, RESPONSE_CANCELLED = 0, 1


def session_bus_configured() -> bool:
    """True when a session bus can be reached; asked first so Qt does not try (and warn)."""
    if os.environ.get("DBUS_SESSION_BUS_ADDRESS"):
        return True
    runtime = os.environ.get("XDG_RUNTIME_DIR")
    return runtime is not None and Path(runtime, "bus").exists()


class _RequestSignals(QDBusAbstractInterface):
    """The Request object; QtDBus forwards its D-Bus ``Response`` signal to this Qt signal.

    Typed (uint, QVariantMap) so QtDBus demarshals ``a{sv}`` into a dict itself: walking a
    QDBusArgument map from PySide6 stops after its first entry.
    """

    Response = Signal("uint", "QVariantMap")  # type: ignore[arg-type]

    def __init__(self, path: str, bus: QDBusConnection, parent: QObject | None = None) -> None:
        super().__init__(SERVICE, path, REQUEST, bus, parent)  # type: ignore[arg-type]


class PortalScreenshot:
    """The Screenshot portal, interactive: the desktop lets the person choose the region."""

    name = "portal"

    def available(self) -> str | None:
        if not (sys.platform.startswith("linux") or "bsd" in sys.platform):
            return "the desktop portal exists only on Linux and BSD desktops"
        if not session_bus_configured():
            return "there is no D-Bus session bus, so the desktop portal cannot be reached"
        bus = QDBusConnection.sessionBus()
        if not bus.isConnected():
            return "the D-Bus session bus cannot be reached"
        # Plain messages, not QDBusInterface: that one introspects the object first, and waits
        # the full D-Bus timeout when nothing answers.
        introspect = QDBusMessage.createMethodCall(SERVICE, PATH,
                                                   "org.freedesktop.DBus.Introspectable", "Introspect")
        reply = bus.call(introspect, QDBus.CallMode.Block, INTROSPECT_TIMEOUT_MS)
        if reply.type() != QDBusMessage.MessageType.ReplyMessage or not reply.arguments():
            return ("no desktop portal answers on the session bus (install xdg-desktop-portal "
                    "and the one for your desktop, e.g. xdg-desktop-portal-gnome or -kde)")
        if SCREENSHOT not in str(reply.arguments()[0]):
            return "the desktop portal here has no Screenshot interface"
        return None

    async def grab(self) -> Selected | None:
        bus = QDBusConnection.sessionBus()
        token = f"visiondesk_{secrets.token_hex(8)}"
        sender = bus.baseService().lstrip(":").replace(".", "_")
        request_path = f"{PATH}/request/{sender}/{token}"
        loop = asyncio.get_running_loop()
        answer: asyncio.Future[tuple[int, dict[str, Any]]] = loop.create_future()

        def on_response(code: int, results: dict[str, Any]) -> None:
            if not answer.done():
                answer.set_result((int(code), dict(results)))

        request = _RequestSignals(request_path, bus)
        request.Response.connect(on_response)
        try:
            call = QDBusMessage.createMethodCall(SERVICE, PATH, SCREENSHOT, "Screenshot")
            call.setArguments(["", {"handle_token": token, "interactive": True}])
            reply = bus.call(call, QDBus.CallMode.Block, INTROSPECT_TIMEOUT_MS)
            if reply.type() == QDBusMessage.MessageType.ErrorMessage:
                raise CaptureUnavailable(f"The desktop portal refused the screenshot: "
                                         f"{reply.errorMessage()[:200]}")
            try:
                code, results = await asyncio.wait_for(answer, RESPONSE_TIMEOUT)
            except TimeoutError:
                raise CaptureUnavailable("The desktop portal did not answer the screenshot "
                                         "request.") from None
        finally:
            request.Response.disconnect(on_response)
            request.deleteLater()
        return _read_response(code, results)


def _read_response(code: int, results: dict[str, Any]) -> Selected | None:
    if code == RESPONSE_CANCELLED:
        return None
    if code != RESPONSE_OK:
        raise CaptureUnavailable("The desktop did not allow the screenshot (permission denied "
                                 "or the portal failed).")
    uri = str(results.get("uri") or "")
    parsed = urlparse(uri)
    if parsed.scheme != "file":
        raise CaptureUnavailable("The desktop portal returned no screenshot file.")
    path = Path(unquote(parsed.path))
    try:
        size = path.stat().st_size
        if size > MAX_FILE_BYTES:
            raise CaptureUnavailable("The portal's screenshot is too large to read.")
        image = QImage(str(path))
    except OSError:
        raise CaptureUnavailable("The portal's screenshot file could not be read.") from None
    finally:
        # The portal saves into the person's Pictures folder; this capture was not meant to
        # leave a file there.
        try:
            path.unlink()
        except OSError:
            log.debug("could not remove the portal's file %s", path)
    if image.isNull():
        raise CaptureUnavailable("The portal's screenshot could not be read.")
    return Selected(image)
