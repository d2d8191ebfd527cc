"""Start the third-party mock server ``@copilotkit/aimock`` (npm) on 127.0.0.1 for e2e tests.

aimock is a Node program (zero npm dependencies) that answers OpenAI Chat Completions and the
Responses API (and other providers) from JSON fixture files. It is a second, independent opinion on
the wire format next to our own :mod:`tests.support.fault_server`.

Install (idempotent, pinned to :data:`AIMOCK_VERSION`, into ``tests/.aimock`` which is
gitignored; ``AIMOCK_DIR`` overrides the prefix)::

    tests/support/install-aimock.sh

Start from Python::

    proc, base_url = start_aimock(FIXTURE_DIR)     # base_url = "http://127.0.0.1:PORT/v1"
    try:
        ...
    finally:
        stop_aimock(proc)

or ``with aimock_server() as base_url: ...``. Under the hood this runs
``node <prefix>/node_modules/@copilotkit/aimock/dist/cli.js -p 0 -h 127.0.0.1 -f <fixture_dir>``
(the ``llmock`` bin), reads the port from its ``aimock server listening on http://...`` line and
waits until ``GET /health`` answers 200. Its stdout/stderr are drained into this module's logger.

Fixtures (``tests/support/aimock_fixtures/vision.json``) match on a substring of the *last user
message's text*; image parts are ignored by the matcher, so any vision request whose text contains
the trigger gets the answer. Requests that match no fixture get HTTP 404
``{"error":{"message":"No fixture matched","type":"invalid_request_error","param":null,
"code":"no_fixture_match"}}``.

What aimock 1.43.0 sends (verified by hand with curl/httpx against this fixture set):

* Chat stream (``text/event-stream``, chunked): first the reasoning as
  ``delta.reasoning_content`` chunks (when the fixture has ``reasoning``, for any model), then a
  ``{"role":"assistant","content":""}`` chunk, then ``delta.content`` chunks of 20 characters
  (``chunkSize``), a chunk with ``delta: {}`` and ``finish_reason: "stop"``, then *only if*
  ``stream_options.include_usage`` is true a ``choices: []`` chunk with ``usage``
  (``prompt_tokens``/``completion_tokens``/``total_tokens`` only; from the fixture's ``usage``
  override, else estimated from lengths), then ``data: [DONE]``. Chunks carry ``logprobs: null``
  and no ``usage: null`` field. Lines are ``data: {...}\\n\\n`` (no ``event:`` lines).
* Chat non-stream: ``chat.completion`` with ``message.content``, ``message.refusal: null``,
  ``message.reasoning_content`` and ``usage``.
* Responses stream: ``event:`` + ``data:`` lines with the real event types
  (``response.created``, ``response.in_progress``, ``response.output_item.added`` (reasoning),
  ``response.reasoning_summary_part.added``, ``response.reasoning_summary_text.delta`` ...,
  ``response.output_item.added`` (message), ``response.content_part.added``,
  ``response.output_text.delta`` ..., ``.done`` events, ``response.completed``); no
  ``sequence_number``; no ``[DONE]``. The reasoning summary is sent whether or not
  ``reasoning.summary`` was requested. ``response.completed`` usage is
  ``{"input_tokens","output_tokens","total_tokens"}`` mapped from the fixture's usage override
  (all zeros without one; no ``*_details``).
* Responses non-stream: a ``response`` object with a reasoning item (summary +
  ``encrypted_content``) and a message item; same usage rules.
* Error fixtures answer ``{"error":{"message","type","code"}}`` with the fixture's status.

Tests using it should be marked ``@pytest.mark.aimock`` and skip when :func:`aimock_installed` is
false.
"""

from __future__ import annotations

import logging
import os
import re
import shutil
import subprocess
import threading
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

log = logging.getLogger(__name__)

__all__ = [
    "AIMOCK_VERSION",
    "FIXTURE_DIR",
    "RATE_LIMIT_PROMPT",
    "SLOW_ANSWER",
    "SLOW_PROMPT",
    "TRUNCATED_PROMPT",
    "VISION_ANSWER",
    "VISION_PROMPT",
    "VISION_REASONING",
    "VISION_USAGE",
    "AimockError",
    "aimock_cli",
    "aimock_installed",
    "aimock_prefix",
    "aimock_server",
    "start_aimock",
    "stop_aimock",
]

#: Keep in sync with tests/support/install-aimock.sh.
AIMOCK_VERSION = "1.43.0"

FIXTURE_DIR = Path(__file__).resolve().parent / "aimock_fixtures"

# Triggers and answers of aimock_fixtures/vision.json.
VISION_PROMPT = "AIMOCK vision check"
VISION_ANSWER = "AIMOCK-VISION-OK: the image shows a red square on a white background."
VISION_REASONING = "One image is attached; I look at its colours and shapes."
VISION_USAGE = {"prompt_tokens": 850, "completion_tokens": 16, "total_tokens": 866}
SLOW_PROMPT = "AIMOCK slow stream"  # 8-char chunks, 100 ms apart
SLOW_ANSWER = "AIMOCK-SLOW-OK: this answer arrives in small pieces with a pause between them."
# Stream cut on the 3rd SSE event: chat sends the role chunk and "AIMOCK-TRU", then the socket is
# destroyed mid-chunked-body (httpx: RemoteProtocolError); responses sends created + in_progress.
TRUNCATED_PROMPT = "AIMOCK truncated stream"
RATE_LIMIT_PROMPT = "AIMOCK rate limit"  # HTTP 429 rate_limit_exceeded

_LISTEN_RE = re.compile(r"listening on (http://[^\s]+)")
_DRAINERS: dict[int, threading.Thread] = {}


class AimockError(RuntimeError):
    """aimock is not installed or did not start."""


def aimock_prefix() -> Path:
    """Where install-aimock.sh puts node_modules (``$AIMOCK_DIR`` or ``tests/.aimock``)."""
    env = os.environ.get("AIMOCK_DIR")
    return Path(env) if env else Path(__file__).resolve().parent.parent / ".aimock"


def aimock_cli() -> Path:
    """The ``llmock`` CLI script (takes ``-p/-h/-f``; the ``aimock`` bin wants a config file)."""
    return aimock_prefix() / "node_modules" / "@copilotkit" / "aimock" / "dist" / "cli.js"


def aimock_installed() -> bool:
    return shutil.which("node") is not None and aimock_cli().is_file()


def _drain(proc: subprocess.Popen[str], found: dict[str, str], ready: threading.Event) -> None:
    assert proc.stdout is not None
    for line in proc.stdout:
        line = line.rstrip()
        log.debug("aimock: %s", line)
        if not ready.is_set():
            m = _LISTEN_RE.search(line)
            if m:
                found["url"] = m.group(1).rstrip("/")
                ready.set()
    proc.stdout.close()
    ready.set()  # process ended; the caller notices the missing URL


def _wait_healthy(root_url: str, deadline: float) -> None:
    last: Exception | None = None
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(f"{root_url}/health", timeout=1) as resp:
                if resp.status == 200:
                    return
        except (urllib.error.URLError, OSError) as exc:
            last = exc
        time.sleep(0.05)
    raise AimockError(f"aimock at {root_url} did not answer /health: {last}")


def start_aimock(
    fixture_dir: str | os.PathLike[str] = FIXTURE_DIR,
    *,
    timeout: float = 20.0,
    extra_args: list[str] | None = None,
) -> tuple[subprocess.Popen[str], str]:
    """Start aimock on 127.0.0.1 with a free port; return ``(process, base_url)``.

    ``base_url`` ends with ``/v1`` (``http://127.0.0.1:PORT/v1``). Returns once ``GET /health``
    answers. The caller must :func:`stop_aimock` the process.
    """
    if shutil.which("node") is None:
        raise AimockError("node is not on PATH")
    cli = aimock_cli()
    if not cli.is_file():
        raise AimockError(f"aimock is not installed at {cli}: run tests/support/install-aimock.sh")
    cmd = [
        "node",
        str(cli),
        "--port",
        "0",
        "--host",
        "127.0.0.1",
        "--fixtures",
        str(fixture_dir),
        "--log-level",
        "info",  # the 'listening on' line is logged at info
        *(extra_args or []),
    ]
    log.debug("starting aimock: %s", " ".join(cmd))
    proc = subprocess.Popen(
        cmd,
        stdin=subprocess.DEVNULL,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
        encoding="utf-8",
        errors="replace",
    )
    found: dict[str, str] = {}
    ready = threading.Event()
    drainer = threading.Thread(target=_drain, args=(proc, found, ready), name="aimock-output", daemon=True)
    _DRAINERS[proc.pid] = drainer
    drainer.start()
    deadline = time.monotonic() + timeout
    try:
        if not ready.wait(timeout) or "url" not in found:
            raise AimockError(f"aimock did not report its address (exit code {proc.poll()})")
        root = found["url"]
        _wait_healthy(root, deadline)
    except BaseException:
        stop_aimock(proc)
        raise
    log.debug("aimock ready at %s", root)
    return proc, f"{root}/v1"


def stop_aimock(proc: subprocess.Popen[str], timeout: float = 5.0) -> None:
    """Terminate the aimock process started by :func:`start_aimock` (kill if it lingers)."""
    if proc.poll() is None:
        proc.terminate()
        try:
            proc.wait(timeout)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait(timeout)
    drainer = _DRAINERS.pop(proc.pid, None)
    if drainer is not None:
        drainer.join(timeout)  # it closes proc.stdout at EOF


@contextmanager
def aimock_server(fixture_dir: str | os.PathLike[str] = FIXTURE_DIR) -> Iterator[str]:
    """Context manager around :func:`start_aimock`; yields the ``/v1`` base URL."""
    proc, base_url = start_aimock(fixture_dir)
    try:
        yield base_url
    finally:
        stop_aimock(proc)
