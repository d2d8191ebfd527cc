"""The desktop notification after ``visiondesk capture``, on a real session bus.

A fake notification daemon (jeepney, its own process) owns org.freedesktop.Notifications inside
``dbus-run-session`` and records the Notify call; the notification is sent exactly as the
command sends it (notify-send, or gdbus with typed arguments).
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from visiondesk.gui.capture.notify import summary_for

pytestmark = pytest.mark.skipif(
    shutil.which("dbus-run-session") is None
    or not (shutil.which("notify-send") or shutil.which("gdbus")),
    reason="needs dbus-run-session and notify-send or gdbus")

FAKE_DAEMON = textwrap.dedent('''
    import json, sys
    from jeepney import HeaderFields, MessageType, new_method_return
    from jeepney.bus_messages import message_bus
    from jeepney.io.blocking import open_dbus_connection

    INTROSPECTION = """<node><interface name="org.freedesktop.Notifications">
      <method name="Notify"><arg type="s" direction="in"/><arg type="u" direction="in"/>
      <arg type="s" direction="in"/><arg type="s" direction="in"/><arg type="s" direction="in"/>
      <arg type="as" direction="in"/><arg type="a{sv}" direction="in"/><arg type="i" direction="in"/>
      <arg type="u" direction="out"/></method></interface></node>"""
    conn = open_dbus_connection(bus="SESSION")
    conn.send_and_get_reply(message_bus.RequestName("org.freedesktop.Notifications"))
    print("ready", flush=True)
    while True:
        msg = conn.receive()
        if msg.header.message_type != MessageType.method_call:
            continue
        member = msg.header.fields.get(HeaderFields.member)
        if member == "Notify":
            with open(sys.argv[1], "w", encoding="utf-8") as log:
                json.dump({"signature": msg.header.fields.get(HeaderFields.signature),
                           "body": msg.body}, log, ensure_ascii=False)
            conn.send(new_method_return(msg, "u", (7,)))
        elif member == "Introspect":  # gdbus asks first, for the method's signature
            conn.send(new_method_return(msg, "s", (INTROSPECTION,)))
        elif member == "GetServerInformation":
            conn.send(new_method_return(msg, "ssss", ("fake", "test", "1", "1.2")))
        elif member == "GetCapabilities":
            conn.send(new_method_return(msg, "as", (["body"],)))
''')

SEND = textwrap.dedent('''
    import os, subprocess, sys
    daemon = subprocess.Popen([sys.executable, "-c", os.environ["FAKE_DAEMON"], os.environ["LOG"]],
                              stdout=subprocess.PIPE, text=True)
    assert daemon.stdout.readline().strip() == "ready"
    from visiondesk.gui.capture.notify import notify, summary_for
    import time
    print("sent", notify(*summary_for(os.environ["TEXT"])))
    for _ in range(200):  # the notification is sent off without waiting
        if os.path.exists(os.environ["LOG"]):
            break
        time.sleep(0.05)
    time.sleep(0.1)
    daemon.kill()
''')


def test_the_notification_says_how_many_lines_and_shows_the_first(tmp_path: Path) -> None:
    log = tmp_path / "notify.json"
    # A first line that GVariant text would read as an array if it were not quoted.
    text = "[1, 2] 'quoted' \\\\ 合计 Total\nline two\n\nline three"
    env = {k: v for k, v in os.environ.items() if k != "DBUS_SESSION_BUS_ADDRESS"}
    env.update(FAKE_DAEMON=FAKE_DAEMON, LOG=str(log), TEXT=text)
    done = subprocess.run(["dbus-run-session", "--", sys.executable, "-c", SEND], env=env,
                          capture_output=True, text=True, timeout=60, check=False)
    assert done.returncode == 0, done.stdout + done.stderr
    assert "sent True" in done.stdout
    call = json.loads(log.read_text(encoding="utf-8"))
    assert call["signature"] == "susssasa{sv}i"
    app, _replaces, _icon, title, body = call["body"][:5]
    assert (app, title, body) == ("VisionDesk", "Copied 3 lines", "[1, 2] 'quoted' \\\\ 合计 Total")


def test_summary_counts_lines_with_text() -> None:
    assert summary_for("one") == ("Copied 1 line", "one")
    assert summary_for("  \nfirst\n\nsecond\n") == ("Copied 2 lines", "first")
    assert summary_for("x" * 1000)[1].endswith("…")


def test_without_a_session_bus_nothing_is_sent(monkeypatch: pytest.MonkeyPatch) -> None:
    from visiondesk.gui.capture import notify

    monkeypatch.delenv("DBUS_SESSION_BUS_ADDRESS", raising=False)
    monkeypatch.setenv("XDG_RUNTIME_DIR", "/nonexistent")
    assert notify.notify("Copied 1 line", "x") is False
