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
from typing import Any
from urllib.parse import unquote, urlparse

from PySide6.QtCore import QObject, Signal
from PySide6.QtDBus import (
    QDBusAbstractInterface,
    QDBusArgument,
    QDBusConnection,
    QDBusInterface,
    QDBusMessage,
)
from PySide6.QtGui import QImage

from visiondesk.gui.capture.models import CaptureUnavailable, Selected

log = logging.getLogger(__name__)

SERVICE = "org.freedesktop.portal.Desktop"
PATH = "/org/freedesktop/portal/desktop"
SCREENSHOT = "org.freedesktop.portal.Screenshot"
REQUEST = "org.freedesktop.portal.Request"
# The person may take their time in the desktop's chooser; a portal that never answers (some
# deny permission by silence) must still not leave us waiting for ever.
RESPONSE_TIMEOUT = 180.0
MAX_FILE_BYTES = 256 * 1024 * 1024
RESPONSE_OK, RESPONSE_CANCELLED = 0, 1


def session_bus_configured() -> bool:
    """True when a session bus can be reached; asked first so Qt does not try (and warn)."""
    if os.environ.get("DBUS_SESSION_BUS_ADDRESS"):
        return True
    runtime = os.environ.get("XDG_RUNTIME_DIR")
    return runtime is not None and Path(runtime, "bus").exists()


class _RequestSignals(QDBusAbstractInterface):
    """The Request object; QtDBus forwards its D-Bus ``Response`` signal to this Qt signal."""

    Response = Signal(QDBusMessage)

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
        introspect = QDBusInterface(SERVICE, PATH, "org.freedesktop.DBus.Introspectable", bus)
        reply = introspect.call("Introspect")
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
        answer: asyncio.Future[QDBusMessage] = loop.create_future()

        def on_response(message: QDBusMessage) -> None:
            if not answer.done():
                answer.set_result(message)

        request = _RequestSignals(request_path, bus)
        request.Response.connect(on_response)
        try:
            portal = QDBusInterface(SERVICE, PATH, SCREENSHOT, bus)
            reply = portal.call("Screenshot", "", {"handle_token": token, "interactive": True})
            if reply.type() == QDBusMessage.MessageType.ErrorMessage:
                raise CaptureUnavailable(f"The desktop portal refused the screenshot: "
                                         f"{reply.errorMessage()[:200]}")
            try:
                message = await asyncio.wait_for(answer, RESPONSE_TIMEOUT)
            except TimeoutError:
                raise CaptureUnavailable("The desktop portal did not answer the screenshot "
                                         "request.") from None
        finally:
            request.Response.disconnect(on_response)
            request.deleteLater()
        return _read_response(message)


def _read_response(message: QDBusMessage) -> Selected | None:
    arguments = message.arguments()
    code = int(arguments[0]) if arguments else 2
    if code == RESPONSE_CANCELLED:
        return None
    if code != RESPONSE_OK:
        raise CaptureUnavailable("The desktop did not allow the screenshot (permission denied "
                                 "or the portal failed).")
    results = _as_dict(arguments[1]) if len(arguments) > 1 else {}
    uri = str(results.get("uri") or "")
    parsed = urlparse(uri)
    if parsed.scheme != "file":
        raise CaptureUnavailable("The desktop portal returned no screenshot file.")
    path = Path(unquote(parsed.path))
    try:
        if path.stat().st_size > MAX_FILE_BYTES:
            raise CaptureUnavailable("The portal's screenshot is too large to read.")
        image = QImage(str(path))
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


def _as_dict(value: Any) -> dict[str, Any]:
    """``a{sv}`` as a dict: PySide6 hands it over as a dict or as a QDBusArgument to walk."""
    if isinstance(value, dict):
        return value
    out: dict[str, Any] = {}
    if isinstance(value, QDBusArgument):
        value.beginMap()
        while not value.atEnd():
            value.beginMapEntry()
            key = value.asVariant()
            item = value.asVariant()
            value.endMapEntry()
            out[str(key)] = getattr(item, "variant", lambda item=item: item)()
        value.endMap()
    return out
