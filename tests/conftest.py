"""Shared fixtures: every test gets its own VISIONDESK_HOME and an in-memory keyring.

Only tests marked ``keyring_real`` touch the OS keyring (they run inside dbus-run-session in CI).
"""

from __future__ import annotations

import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))  # so tests can import tests.support


@pytest.fixture(autouse=True)
def isolated_home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    home = tmp_path / "visiondesk-home"
    monkeypatch.setenv("VISIONDESK_HOME", str(home))
    monkeypatch.delenv("VISIONDESK_API_KEY", raising=False)
    # Loopback servers must never be reached through a proxy a developer has configured.
    monkeypatch.setenv("NO_PROXY", "127.0.0.1,localhost")
    monkeypatch.setenv("no_proxy", "127.0.0.1,localhost")
    return home


@pytest.fixture(autouse=True)
def memory_keyring(request: pytest.FixtureRequest) -> Iterator[object]:
    if request.node.get_closest_marker("keyring_real"):
        yield None
        return
    import keyring

    from tests.support.memory_keyring import MemoryKeyring

    previous = keyring.get_keyring()
    backend = MemoryKeyring()
    keyring.set_keyring(backend)
    yield backend
    keyring.set_keyring(previous)
