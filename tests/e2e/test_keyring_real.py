"""A key saved in a real Secret Service (gnome-keyring in its own D-Bus session) is used for an
analysis, and appears in no file the app wrote, nor in its output.

CI installs gnome-keyring and dbus (.ci/run); on a machine without them this test is skipped
with the reason, and under CI=true it fails instead, so CI can never silently skip it.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from tests.support.fault_server import FaultServer, answer_text

SECRET = "sk-gnome-keyring-e2e-5f1c9a7d3b"
TOOLS = ("dbus-run-session", "gnome-keyring-daemon")

pytestmark = pytest.mark.keyring_real


def _require_tools() -> None:
    missing = [tool for tool in TOOLS if shutil.which(tool) is None]
    if missing:
        if os.environ.get("CI"):
            pytest.fail(f"CI must provide {', '.join(missing)} (see .ci/run)")
        pytest.skip(f"needs {', '.join(missing)} (apt-get install gnome-keyring dbus)")


def test_key_in_gnome_keyring_is_used_and_never_written(tmp_path: Path, fault_server: FaultServer,
                                                        receipt_png: Path) -> None:
    _require_tools()
    home = tmp_path / "home"
    bindir = Path(sys.executable).parent
    script = f"""
set -e
echo -n pw | gnome-keyring-daemon --unlock --components=secrets >/dev/null
visiondesk providers add relay --base-url {fault_server.base_url} --api chat --model gpt-4o
printf %s "$SECRET" | visiondesk keys set relay
visiondesk keys status
visiondesk analyze {receipt_png} --provider relay --prompt hello --json
"""
    env = {k: v for k, v in os.environ.items() if not k.startswith(("DBUS_", "VISIONDESK_", "PYTHON_KEYRING"))}
    env.update(VISIONDESK_HOME=str(home), SECRET=SECRET, PATH=f"{bindir}:{env.get('PATH', '')}",
               NO_PROXY="127.0.0.1", XDG_DATA_HOME=str(tmp_path / "xdg-data"))
    proc = subprocess.run(["dbus-run-session", "--", "bash", "-c", script], capture_output=True, text=True,
                          timeout=120, env=env)
    assert proc.returncode == 0, proc.stdout + proc.stderr
    assert "SecretService" in proc.stdout and "relay          key stored" in proc.stdout
    assert answer_text("hello") in proc.stdout
    assert fault_server.requests[-1].headers["authorization"] == f"Bearer {SECRET}"

    written = [p for p in home.rglob("*") if p.is_file()]
    assert any(p.name == "history.sqlite3" for p in written) and any(p.name == "providers.toml" for p in written)
    for path in written:
        assert SECRET.encode() not in path.read_bytes(), f"the key leaked into {path}"
    assert SECRET not in proc.stdout + proc.stderr
