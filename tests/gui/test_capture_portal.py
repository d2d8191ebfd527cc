"""The Wayland path: org.freedesktop.portal.Screenshot over a real D-Bus session bus.

Each test runs a child process inside ``dbus-run-session``: a fake portal (jeepney, on a thread)
owns ``org.freedesktop.portal.Desktop`` and answers Screenshot as xdg-desktop-portal does (a
Request path at once, the Response signal with a file:// URI later), and the child's Qt app,
on a platform where Qt cannot read the screen itself, awaits ``capture_region``. Without a
portal on the bus, capture says so plainly.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import textwrap

import pytest

pytestmark = pytest.mark.skipif(shutil.which("dbus-run-session") is None,
                                reason="needs dbus-run-session (apt-get install dbus)")

FAKE_PORTAL = textwrap.dedent('''
    import json, sys, time, tempfile
    from jeepney import DBusAddress, MessageType, HeaderFields, new_method_return, new_signal
    from jeepney.bus_messages import message_bus
    from jeepney.io.blocking import open_dbus_connection
    from PIL import Image

    PORTAL_ANSWER = {"code": int(sys.argv[1])}
    LOG = sys.argv[2]
    INTROSPECTION = """<node><interface name="org.freedesktop.portal.Screenshot">
      <method name="Screenshot"><arg type="s" direction="in"/><arg type="a{sv}" direction="in"/>
      <arg type="o" direction="out"/></method></interface></node>"""
    calls = []

    def serve():
        conn = open_dbus_connection(bus="SESSION")
        conn.send_and_get_reply(message_bus.RequestName("org.freedesktop.portal.Desktop"))
        print("ready", flush=True)
        while True:
            msg = conn.receive()
            if msg.header.message_type != MessageType.method_call:
                continue
            member = msg.header.fields.get(HeaderFields.member)
            if member == "Introspect":
                conn.send(new_method_return(msg, "s", (INTROSPECTION,)))
            elif member == "Screenshot":
                parent, options = msg.body
                calls.append({k: v[1] for k, v in options.items()})
                sender = msg.header.fields[HeaderFields.sender].lstrip(":").replace(".", "_")
                path = f"/org/freedesktop/portal/desktop/request/{sender}/{options['handle_token'][1]}"
                conn.send(new_method_return(msg, "o", (path,)))
                time.sleep(0.2)  # the person picks a region in the desktop's own dialog
                results = {}
                if PORTAL_ANSWER["code"] == 0:
                    shot = tempfile.NamedTemporaryFile(suffix=".png", delete=False).name
                    Image.new("RGB", (123, 45), (0, 128, 0)).save(shot)
                    # More than the URI, as real portals may send: it must be found anyway.
                    results = {"color-scheme": ("u", 1), "uri": ("s", "file://" + shot),
                               "note": ("as", ["a", "b"])}
                    calls[-1]["file"] = shot
                with open(LOG, "w") as log:
                    json.dump(calls, log)
                conn.send(new_signal(DBusAddress(path, interface="org.freedesktop.portal.Request"),
                                     "Response", "ua{sv}", (PORTAL_ANSWER["code"], results)))

    serve()
''')

# The child starts the fake portal (a process of its own: the Qt side blocks in C++ on D-Bus
# calls, holding the GIL, so a thread could not answer) and waits until it owns its name.
START_PORTAL = textwrap.dedent('''
    import json, os, subprocess, sys, tempfile
    LOG = tempfile.mktemp(suffix=".json")
    portal = subprocess.Popen([sys.executable, "-c", os.environ["FAKE_PORTAL"],
                               os.environ["PORTAL_CODE"], LOG], stdout=subprocess.PIPE, text=True)
    assert portal.stdout.readline().strip() == "ready"
''')

CAPTURE = textwrap.dedent('''
    import asyncio, os, sys
    import qasync
    from PySide6.QtWidgets import QApplication, QLabel
    from visiondesk.gui.capture import CaptureUnavailable, capture_region

    app = QApplication([])
    window = QLabel("VisionDesk")
    window.show()

    async def main():
        try:
            image = await capture_region(window)
        except CaptureUnavailable as exc:
            print("unavailable:", exc)
            return
        print("result", None if image is None else (image.size, image.getpixel((0, 0))))
        print("window visible", window.isVisible())

    with asyncio.Runner(loop_factory=qasync.QEventLoop) as runner:
        runner.run(main())
''')


def _run_in_session(script: str, portal_code: int = 0) -> str:
    env = {k: v for k, v in os.environ.items() if k not in ("DBUS_SESSION_BUS_ADDRESS", "DISPLAY")}
    env.update(FAKE_PORTAL=FAKE_PORTAL, PORTAL_CODE=str(portal_code))
    env["QT_QPA_PLATFORM"] = "offscreen"  # Qt cannot read this screen: the portal must be used
    done = subprocess.run(["dbus-run-session", "--", sys.executable, "-c", script], env=env,
                          capture_output=True, text=True, timeout=60, check=False)
    assert done.returncode == 0, done.stdout + done.stderr
    assert "Traceback" not in done.stderr, done.stderr
    return done.stdout


def test_the_portal_returns_the_region_the_desktop_let_the_person_choose() -> None:
    script = START_PORTAL + CAPTURE + textwrap.dedent('''
        calls = json.load(open(LOG))
        print("options", sorted((k, v) for k, v in calls[0].items() if k != "file"))
        print("file left behind", os.path.exists(calls[0]["file"]))
        portal.kill()
    ''')
    out = _run_in_session(script)
    assert "result ((123, 45), (0, 128, 0))" in out
    assert "window visible True" in out
    # Interactive, so the desktop shows its own region chooser; a token names the Request.
    assert "('interactive', True)" in out and "('handle_token', 'visiondesk_" in out
    assert "file left behind False" in out  # the portal's file in ~/Pictures is removed


def test_cancelling_in_the_desktop_dialog_returns_nothing() -> None:
    out = _run_in_session(START_PORTAL + CAPTURE + "portal.kill()\n", portal_code=1)
    assert "result None" in out and "window visible True" in out


def test_without_a_portal_capture_says_so_plainly() -> None:
    out = _run_in_session(CAPTURE)
    assert "unavailable:" in out
    assert "no desktop portal answers" in out and "xdg-desktop-portal" in out
    assert "visiondesk analyze FILE" in out
