"""Issue 12 items 9, 15, 16, 17, 20 as a person meets them on the command line: damaged settings,
broken keys, a misconfigured keyring, a SOCKS proxy and absurd options give one clear line and
never a traceback."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from tests.support.fault_server import FaultServer


def _run(home: Path, *args: str, stdin: str | None = None, **env_extra: str) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("VISIONDESK_", "ALL_PROXY", "all_proxy"))}
    env.update({"VISIONDESK_HOME": str(home), "NO_PROXY": "127.0.0.1", **env_extra})
    return subprocess.run([sys.executable, "-m", "visiondesk", *args], capture_output=True, text=True,
                          input=stdin, timeout=60, env=env)


@pytest.mark.parametrize("content", [b"[providers\nbroken", b"\xff\xfe\x00 not utf-8",
                                     b'providers = "x"', b'default = 5\n[providers.r]\nbase_url = "http://127.0.0.1:9/v1"\nmax_side = "big"\n'])
def test_a_damaged_providers_file_still_lists_the_built_ins(isolated_home: Path, content: bytes) -> None:
    config = isolated_home / "config"
    config.mkdir(parents=True)
    (config / "providers.toml").write_bytes(content)
    proc = _run(isolated_home, "providers", "list")
    assert proc.returncode == 0, proc.stderr
    assert "Traceback" not in proc.stderr
    assert "openai" in proc.stdout and "local-ocr" in proc.stdout
    assert "providers.toml" in proc.stderr


def test_saving_into_a_read_only_config_is_one_line(isolated_home: Path) -> None:
    if os.geteuid() == 0:
        pytest.skip("root writes into read-only folders")
    config = isolated_home / "config"
    config.mkdir(parents=True)
    config.chmod(0o500)
    try:
        proc = _run(isolated_home, "providers", "add", "Relay", "--base-url", "http://127.0.0.1:9/v1")
    finally:
        config.chmod(0o700)
    assert proc.returncode != 0
    assert "Traceback" not in proc.stderr and "Could not save" in proc.stderr
    assert list(config.iterdir()) == []


def test_a_damaged_compat_file_is_ignored(isolated_home: Path, fault_server: FaultServer, receipt_png: Path) -> None:
    state = isolated_home / "state"
    state.mkdir(parents=True)
    (state / "compat.json").write_text('{"api_styles": {"x": 5}, "adaptations": {"y": "z"}}')
    proc = _run(isolated_home, "analyze", str(receipt_png), "--base-url", fault_server.base_url,
                "--model", "gpt-4o", "--api", "chat", "--json", VISIONDESK_API_KEY="sk-test-123456")
    assert proc.returncode == 0, proc.stderr
    assert "Traceback" not in proc.stderr


def test_a_misconfigured_keyring_backend_is_one_line(isolated_home: Path) -> None:
    for args, stdin in ((("keys", "status"), None), (("keys", "set", "openai"), "sk-abcdef123456\n")):
        proc = _run(isolated_home, *args, stdin=stdin, PYTHON_KEYRING_BACKEND="no.such.Backend")
        assert "Traceback" not in proc.stderr, proc.stderr
        assert "misconfigured" in proc.stdout + proc.stderr


@pytest.mark.parametrize("key", ["sk-abc\u200b123456", "sk-abc 123456", "sk-abc\n123456x"])
def test_a_broken_key_is_refused_with_a_clear_message(isolated_home: Path, key: str) -> None:
    proc = _run(isolated_home, "keys", "set", "openai", stdin=key,
                PYTHON_KEYRING_BACKEND="keyring.backends.fail.Keyring")
    assert proc.returncode != 0
    assert "Traceback" not in proc.stderr
    assert "Nothing was saved" in proc.stderr
    assert "123456" not in proc.stdout + proc.stderr


def test_a_broken_environment_key_is_refused_before_sending(isolated_home: Path, fault_server: FaultServer,
                                                            receipt_png: Path) -> None:
    proc = _run(isolated_home, "analyze", str(receipt_png), "--base-url", fault_server.base_url,
                "--model", "gpt-4o", "--api", "chat", VISIONDESK_API_KEY="sk-abc\x1b[2J123456")
    assert proc.returncode != 0
    assert "Traceback" not in proc.stderr and "\x1b" not in proc.stderr
    assert "VISIONDESK_API_KEY" in proc.stderr
    assert fault_server.requests_to("/v1/chat/completions") == []


def test_a_socks_proxy_is_used_not_a_traceback(isolated_home: Path, receipt_png: Path) -> None:
    # Nothing listens on port 9: the proxy refuses, and that is what the person is told.
    env = {"ALL_PROXY": "socks5://127.0.0.1:9", "NO_PROXY": ""}
    proc = _run(isolated_home, "analyze", str(receipt_png), "--base-url", "http://192.0.2.1/v1",
                "--model", "gpt-4o", "--api", "chat", "--json", VISIONDESK_API_KEY="sk-test-123456", **env)
    assert "Traceback" not in proc.stderr, proc.stderr
    assert proc.returncode == 1
    assert "connect" in proc.stdout.lower()


@pytest.mark.parametrize("option", [["--max-side", "-5"], ["--dpi", "nan"], ["--temperature", "inf"],
                                    ["--timeout", "nan"], ["--timeout", "-1"]])
def test_absurd_options_are_usage_errors(isolated_home: Path, receipt_png: Path, option: list[str]) -> None:
    proc = _run(isolated_home, "analyze", str(receipt_png), *option)
    assert proc.returncode == 2
    assert "Traceback" not in proc.stderr


def test_saving_where_the_config_folder_cannot_be_made_is_one_line(isolated_home: Path) -> None:
    # Works as root too: a file where the folder should be makes every write fail.
    isolated_home.mkdir(parents=True, exist_ok=True)
    (isolated_home / "config").write_text("not a folder")
    proc = _run(isolated_home, "providers", "add", "Relay", "--base-url", "http://127.0.0.1:9/v1")
    assert proc.returncode != 0
    assert "Traceback" not in proc.stderr
    assert "Could not save" in proc.stderr
    assert len(proc.stderr.strip().splitlines()) <= 2
