"""``visiondesk`` as a real process: what a script or a person at a terminal gets."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
from pathlib import Path

from tests.support.fault_server import FaultServer, answer_chunks

PROMPT = "Read the receipt"


def env_for(home: Path, **extra: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k != "VISIONDESK_API_KEY"}
    env.update(VISIONDESK_HOME=str(home), NO_PROXY="127.0.0.1", PYTHONUNBUFFERED="1", **extra)
    return env


def test_analyze_never_imports_qt(fault_server: FaultServer, receipt_png: Path, isolated_home: Path) -> None:
    code = (
        "import sys; from visiondesk.cli import main;"
        f"rc = main(['analyze', {str(receipt_png)!r}, '--base-url', {fault_server.base_url!r},"
        " '--model', 'gpt-4o', '--api', 'chat', '--json']);"
        "loaded = [m for m in ('PySide6', 'qasync', 'shiboken6') if m in sys.modules];"
        "print('QT:', loaded, file=sys.stderr); sys.exit(rc)"
    )
    proc = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60,
                          env=env_for(isolated_home))
    assert proc.returncode == 0, proc.stderr
    assert "QT: []" in proc.stderr
    assert json.loads(proc.stdout)["status"] == "completed"


def test_ctrl_c_cancels_keeps_partial_text_and_exits_130(
        fault_server: FaultServer, receipt_png: Path, isolated_home: Path) -> None:
    # Chunks 1.5 s apart, and Ctrl+C as soon as the first one is on stdout: the answer cannot
    # finish before the signal lands however loaded the machine is (no fixed sleep to outlast).
    model = "slow-50-1500"
    proc = subprocess.Popen(
        [sys.executable, "-m", "visiondesk", "analyze", str(receipt_png), "--base-url", fault_server.base_url,
         "--model", model, "--api", "chat", "--prompt", PROMPT],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=env_for(isolated_home))
    assert proc.stdout is not None
    first = os.read(proc.stdout.fileno(), 4096)  # blocks until the first streamed bytes
    assert first, "the process ended before streaming anything"
    proc.send_signal(signal.SIGINT)
    rest, err = proc.communicate(timeout=30)
    text = (first + rest).decode("utf-8").rstrip("\n")
    assert proc.returncode == 130, err.decode()
    full = "".join(answer_chunks(PROMPT, model))
    assert text and full.startswith(text) and text != full
    assert b"Traceback" not in err


def test_no_key_and_no_provider_configured_uses_local_ocr_by_default(isolated_home: Path) -> None:
    proc = subprocess.run([sys.executable, "-m", "visiondesk", "providers", "list"], capture_output=True,
                          text=True, timeout=60, env=env_for(isolated_home))
    assert proc.returncode == 0
    default_line = next(line for line in proc.stdout.splitlines() if line.startswith("*"))
    assert "local-ocr" in default_line and "Local OCR (offline)" in default_line


def test_providers_and_keys_commands(isolated_home: Path, fault_server: FaultServer, receipt_png: Path) -> None:
    def run(*args: str, stdin: str | None = None) -> subprocess.CompletedProcess[str]:
        return subprocess.run([sys.executable, "-m", "visiondesk", *args], capture_output=True, text=True,
                              input=stdin, timeout=60, env=env_for(isolated_home,
                              PYTHON_KEYRING_BACKEND="keyring.backends.fail.Keyring"))

    added = run("providers", "add", "My Relay", "--base-url", fault_server.base_url.removesuffix("/v1"),
                "--api", "chat", "--model", "gpt-4o")
    assert added.returncode == 0 and "id my-relay" in added.stdout
    assert "My Relay is now the default provider." in added.stdout  # the first custom provider
    listed = json.loads(run("providers", "list", "--json").stdout)
    relay = next(p for p in listed if p["id"] == "my-relay")
    assert relay["default"] and relay["models"] == ["gpt-4o"]
    # Without a working keyring the key is refused, plainly, and nothing is written in plaintext.
    refused = run("keys", "set", "my-relay", stdin="sk-should-not-be-stored\n")
    assert refused.returncode == 1 and "No working OS keyring" in refused.stderr
    assert "Traceback" not in refused.stderr
    for path in isolated_home.rglob("*"):
        if path.is_file():
            assert b"sk-should-not-be-stored" not in path.read_bytes()
    # The default provider is used when no --provider is given. The generic variable is not sent
    # to a provider nobody named (a relay's key must not reach another host); the provider's own is.
    analyze = [sys.executable, "-m", "visiondesk", "analyze", str(receipt_png), "--json"]
    unnamed = subprocess.run(analyze, capture_output=True, text=True, timeout=60,
                             env=env_for(isolated_home, VISIONDESK_API_KEY="sk-env-key"))
    assert unnamed.returncode == 0 and "authorization" not in fault_server.requests[-1].headers
    analyzed = subprocess.run(analyze, capture_output=True, text=True, timeout=60,
                              env=env_for(isolated_home, VISIONDESK_API_KEY_MY_RELAY="sk-env-key"))
    assert json.loads(analyzed.stdout)["status"] == "completed"
    assert fault_server.requests[-1].headers["authorization"] == "Bearer sk-env-key"
    saved = run("models", "--provider", "my-relay", "--save")
    assert saved.returncode == 0 and "Saved" in saved.stderr
    relay = next(p for p in json.loads(run("providers", "list", "--json").stdout) if p["id"] == "my-relay")
    assert "html-502" in relay["models"] and "gpt-4o" in relay["models"]
    assert run("providers", "remove", "my-relay").returncode == 0
    assert run("providers", "remove", "openai").returncode == 1


def test_models_and_doctor(isolated_home: Path, fault_server: FaultServer) -> None:
    base = ["--base-url", fault_server.base_url]
    models = subprocess.run([sys.executable, "-m", "visiondesk", "models", *base, "--json"], capture_output=True,
                            text=True, timeout=60, env=env_for(isolated_home))
    assert "gpt-4o" in json.loads(models.stdout)
    doctor = subprocess.run([sys.executable, "-m", "visiondesk", "doctor", *base, "--model", "reasoner"],
                            capture_output=True, text=True, timeout=60, env=env_for(isolated_home))
    assert doctor.returncode == 0, doctor.stderr
    lines = doctor.stdout.splitlines()
    for name in ("model list", "chat with an image", "chat streaming + usage", "responses API", "reasoning text"):
        assert any(name in line and " ok " in f" {line} " for line in lines), doctor.stdout
