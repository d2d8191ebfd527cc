"""SIGTERM (a service manager, ``timeout``, ``kill``) stops ``analyze`` like Ctrl+C: every running job
prints its line as cancelled with the text it had, it is saved in history, and the exit status is
143 (128 + SIGTERM), with no traceback."""

from __future__ import annotations

import json
import os
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

from tests.e2e.test_cli_process import env_for
from tests.support.fault_server import FaultServer


def test_sigterm_prints_and_saves_what_the_jobs_had(fault_server: FaultServer, receipt_png: Path,
                                                    isolated_home: Path) -> None:
    proc = subprocess.Popen(
        [sys.executable, "-m", "visiondesk", "analyze", str(receipt_png), str(receipt_png),
         "--base-url", fault_server.base_url, "--model", "slow-50-1500", "--api", "chat", "--json"],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=env_for(isolated_home))
    # wait until both requests reached the server (their answers trickle: 1.5 s between chunks)
    deadline = time.monotonic() + 30
    while len(fault_server.requests) < 2 and time.monotonic() < deadline:
        time.sleep(0.05)
    time.sleep(0.3)
    proc.send_signal(signal.SIGTERM)
    out, err = proc.communicate(timeout=30)
    assert proc.returncode == 143, err.decode()
    assert b"Traceback" not in err
    lines = [json.loads(line) for line in out.decode().splitlines()]
    assert [line["status"] for line in lines] == ["cancelled", "cancelled"]
    database = next(isolated_home.rglob("history.sqlite3"))
    with sqlite3.connect(database) as connection:
        statuses = [row[0] for row in connection.execute("SELECT status FROM analyses")]
    assert statuses == ["cancelled", "cancelled"]
    assert os.path.getsize(database) > 0
