"""Issue 12 against hostile loopback servers: ``python -m visiondesk analyze`` as a real process.

Every run must end within its deadlines, keep its peak memory (the process and any child, e.g.
the PDF renderer) under 400 MB, print only JSON lines that parse, show no traceback, and never
show the key or the base URL's password anywhere: stdout, stderr, or any file under its home
(history database included). A read timeout sends the request once.
"""

from __future__ import annotations

import base64
import json
import os
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path

import pytest

from tests.support.fault_server import FaultServer
from tests.support.hostile_files import bomb_pdf, pdf_bytes
from visiondesk.core.limits import MAX_PDF_PAGES

KEY = "sk-hostile-e2e-7f3Kq9ZxW2pLm4"
PASSWORD = "s3cretPw9"
MAX_RSS_MB = 400
# The key and the password as they may appear: as is, base64 (Bearer, Basic auth).
SECRET_FORMS = (KEY, PASSWORD, base64.b64encode(KEY.encode()).decode()[:16],
                base64.b64encode(f"user:{PASSWORD}".encode()).decode()[:16])

# Runs the CLI as a child and reports the peak RSS of it and its children (the PDF renderer).
_WRAPPER = (
    "import resource, subprocess, sys;"
    "rc = subprocess.call(sys.argv[2:]);"
    "open(sys.argv[1], 'w').write(str(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss));"
    "sys.exit(rc)"
)


@dataclass
class Run:
    returncode: int
    stdout: str
    stderr: str
    seconds: float
    peak_mb: float

    def json_lines(self) -> list[dict[str, object]]:
        return [json.loads(line) for line in self.stdout.splitlines() if line.strip()]


def _base_url(server: FaultServer) -> str:
    return server.base_url.replace("http://", f"http://user:{PASSWORD}@")


def run_cli(home: Path, *args: str, timeout: float = 60, env_extra: dict[str, str] | None = None) -> Run:
    env = {k: v for k, v in os.environ.items() if not k.startswith("VISIONDESK_")}
    env.update(VISIONDESK_HOME=str(home), VISIONDESK_API_KEY=KEY, NO_PROXY="127.0.0.1",
               PYTHONUNBUFFERED="1", **(env_extra or {}))
    rss_file = home.parent / "peak-rss"
    rss_file.unlink(missing_ok=True)
    started = time.monotonic()
    proc = subprocess.run([sys.executable, "-c", _WRAPPER, str(rss_file), sys.executable, "-m",
                           "visiondesk", *args], capture_output=True, timeout=timeout, env=env)
    seconds = time.monotonic() - started
    peak_kb = int(rss_file.read_text() or 0)
    return Run(proc.returncode, proc.stdout.decode("utf-8"), proc.stderr.decode("utf-8"), seconds,
               peak_kb / 1024)


def assert_safe(run: Run, home: Path) -> None:
    """What every hostile run must hold."""
    assert "Traceback" not in run.stderr, run.stderr
    assert run.peak_mb < MAX_RSS_MB, f"peak RSS {run.peak_mb:.0f} MB"
    for text in (run.stdout, run.stderr):
        for secret in SECRET_FORMS:
            assert secret not in text
        assert "\x1b" not in text
    for path in home.rglob("*"):
        if path.is_file():
            data = path.read_bytes()
            for secret in SECRET_FORMS:
                assert secret.encode() not in data, path


def analyze(server: FaultServer, home: Path, image: Path, model: str, *extra: str,
            timeout: float = 60) -> Run:
    return run_cli(home, "analyze", str(image), "--base-url", _base_url(server), "--model", model,
                   "--api", "chat", "--json", *extra, timeout=timeout)


@pytest.mark.parametrize("model", ["gzip-bomb-1024", "gzip-bomb-500-1024", "huge-answer-64"])
def test_bodies_are_bounded(fault_server: FaultServer, isolated_home: Path, receipt_png: Path,
                            model: str) -> None:
    run = analyze(fault_server, isolated_home, receipt_png, model, "--no-stream")
    assert_safe(run, isolated_home)
    [line] = run.json_lines()
    assert line["status"] == "failed"
    if model == "gzip-bomb-500-1024":
        # An HTTP 500 is retried (the server may recover), but each body is read only up to the cap.
        assert fault_server.hits(model) == 3
    else:
        assert "larger than" in str(line["error"])


@pytest.mark.parametrize(("model", "words"), [
    ("endless-stream", "characters"),
    ("endless-event", "longer than"),
    ("long-line", "longer than"),
    ("keepalive-forever", "no content for 2 s"),
    ("slowloris", "no content for 2 s"),
])
def test_streams_are_bounded(fault_server: FaultServer, isolated_home: Path, receipt_png: Path,
                             model: str, words: str) -> None:
    run = analyze(fault_server, isolated_home, receipt_png, model, "--timeout", "2", timeout=90)
    assert_safe(run, isolated_home)
    [line] = run.json_lines()
    assert line["status"] == "failed"
    assert words in json.dumps(line["error"])
    assert fault_server.hits(model) == 1


def test_the_key_and_url_password_never_show(fault_server: FaultServer, isolated_home: Path,
                                             receipt_png: Path) -> None:
    for model in ("echo-key", "echo-key-429", "echo-key-stream"):
        run = analyze(fault_server, isolated_home, receipt_png, model)
        assert_safe(run, isolated_home)
        [line] = run.json_lines()
        assert "[redacted]" in json.dumps(line) or line["status"] == "completed"
        # Without URL credentials the key itself goes out as Bearer and comes back echoed.
        plain = run_cli(isolated_home, "analyze", str(receipt_png), "--base-url", fault_server.base_url,
                        "--model", model, "--api", "chat", "--json")
        assert_safe(plain, isolated_home)
        assert KEY in fault_server.last_request.headers["authorization"]
    human = run_cli(isolated_home, "analyze", str(receipt_png), "--base-url", _base_url(fault_server),
                    "--model", "echo-key-429", "--api", "chat")
    assert_safe(human, isolated_home)


def test_a_read_timeout_sends_the_request_once(fault_server: FaultServer, isolated_home: Path,
                                               receipt_png: Path) -> None:
    run = analyze(fault_server, isolated_home, receipt_png, "slow-4000", "--no-stream", "--timeout", "1")
    assert_safe(run, isolated_home)
    [line] = run.json_lines()
    assert line["status"] == "failed"
    assert fault_server.hits("slow-4000") == 1
    assert run.seconds < 20


def test_gzip_streams_and_absurd_usage(fault_server: FaultServer, isolated_home: Path,
                                       receipt_png: Path) -> None:
    run = analyze(fault_server, isolated_home, receipt_png, "gzip-stream")
    assert_safe(run, isolated_home)
    [line] = run.json_lines()
    assert line["status"] == "completed" and line["text"] == "gzip streams work"
    absurd = run_cli(isolated_home, "analyze", str(receipt_png), "--base-url", _base_url(fault_server),
                     "--model", "absurd-usage", "--model", "gpt-4o", "--api", "chat", "--compare")
    assert_safe(absurd, isolated_home)
    assert absurd.returncode == 0, absurd.stderr


@pytest.mark.parametrize("source", ["/dev/zero", "fifo", "sparse"])
def test_hostile_files_are_refused_at_once(fault_server: FaultServer, isolated_home: Path,
                                           tmp_path: Path, source: str) -> None:
    if source == "fifo":
        path = tmp_path / "photo.png"
        os.mkfifo(path)
        source = str(path)
    elif source == "sparse":
        path = tmp_path / "x.png"
        with open(path, "wb") as handle:
            handle.truncate(3 * 1024 ** 3)
        source = str(path)
    run = run_cli(isolated_home, "analyze", source, "--base-url", _base_url(fault_server),
                  "--model", "gpt-4o", "--api", "chat", "--json", timeout=30)
    assert_safe(run, isolated_home)
    [line] = run.json_lines()
    assert line["status"] == "failed"
    assert run.seconds < 15
    assert fault_server.requests_to("/v1/chat/completions") == []


def test_hostile_prompt_and_reference_files(fault_server: FaultServer, isolated_home: Path,
                                            receipt_png: Path, tmp_path: Path) -> None:
    fifo = tmp_path / "prompt.txt"
    os.mkfifo(fifo)
    latin = tmp_path / "ref.txt"
    latin.write_bytes(b"caf\xe9")
    for extra in (["--prompt-file", str(fifo)], ["--prompt-file", "/dev/zero"],
                  ["--compare", "--model", "gpt-4o-mini", "--reference", str(latin)]):
        run = run_cli(isolated_home, "analyze", str(receipt_png), "--base-url", _base_url(fault_server),
                      "--model", "gpt-4o", "--api", "chat", *extra, timeout=30)
        assert_safe(run, isolated_home)
        assert run.returncode == 2, run.stderr
        assert run.seconds < 15


def test_non_utf8_file_names(fault_server: FaultServer, isolated_home: Path, receipt_png: Path,
                             tmp_path: Path) -> None:
    raw = os.fsencode(tmp_path) + b"/re\xe7u.png"
    os.link(receipt_png, raw)
    for env in ({}, {"LC_ALL": "C", "LANG": "C"}):
        run = run_cli(isolated_home, "analyze", os.fsdecode(raw), "--base-url", _base_url(fault_server),
                      "--model", "gpt-4o", "--api", "chat", "--json", env_extra=env)
        assert_safe(run, isolated_home)
        [line] = run.json_lines()
        assert line["status"] == "completed", line
        assert "re\ufffdu.png" in str(line["source"])


def test_a_pdf_bomb_fails_as_its_own_source(fault_server: FaultServer, isolated_home: Path,
                                            receipt_png: Path, tmp_path: Path) -> None:
    bomb = bomb_pdf(tmp_path / "bomb.pdf")
    broken = tmp_path / "broken.pdf"
    broken.write_bytes(b"%PDF-1.4\n" + b"garbage " * 100)
    run = run_cli(isolated_home, "analyze", str(receipt_png), str(bomb), str(broken), "--base-url",
                  _base_url(fault_server), "--model", "gpt-4o", "--api", "chat", "--json", timeout=120)
    assert_safe(run, isolated_home)
    lines = {Path(str(line["source"])).name.split("#")[0]: line for line in run.json_lines()}
    assert lines["receipt.png"]["status"] == "completed"
    assert lines["bomb.pdf"]["status"] == "failed"
    assert "cannot be rendered" in json.dumps(lines["bomb.pdf"]["error"])
    assert lines["broken.pdf"]["status"] == "failed"
    assert run.returncode == 1


def test_too_many_pages_fail_as_one_line_without_rendering(fault_server: FaultServer, isolated_home: Path,
                                                           tmp_path: Path) -> None:
    long_pdf = tmp_path / "long.pdf"
    long_pdf.write_bytes(pdf_bytes(b"0 0 10 10 re f\n", pages=MAX_PDF_PAGES + 1))
    run = run_cli(isolated_home, "analyze", str(long_pdf), "--base-url", _base_url(fault_server),
                  "--model", "gpt-4o", "--api", "chat", "--json", timeout=60)
    assert_safe(run, isolated_home)
    [line] = run.json_lines()
    assert line["status"] == "failed"
    assert f"at most {MAX_PDF_PAGES} pages" in json.dumps(line["error"])
    assert fault_server.requests_to("/v1/chat/completions") == []


def test_more_than_a_hundred_jobs_all_complete(fault_server: FaultServer, isolated_home: Path,
                                               receipt_png: Path) -> None:
    models = [arg for i in range(120) for arg in ("--model", f"slow-0-20@{i}")]
    run = run_cli(isolated_home, "analyze", str(receipt_png), "--base-url", _base_url(fault_server),
                  "--api", "chat", "--json", *models, timeout=180)
    assert_safe(run, isolated_home)
    lines = run.json_lines()
    assert len(lines) == 120
    assert all(line["status"] == "completed" for line in lines), [
        line["error"] for line in lines if line["status"] != "completed"][:3]


def test_answer_text_cannot_drive_the_terminal_or_show_the_key(fault_server: FaultServer, isolated_home: Path,
                                                               receipt_png: Path) -> None:
    run = run_cli(isolated_home, "analyze", str(receipt_png), "--base-url", fault_server.base_url,
                  "--model", "ansi-answer", "--api", "chat")
    assert_safe(run, isolated_home)
    assert run.returncode == 0, run.stderr
    assert "Hello" in run.stdout and "key [redacted]" in run.stdout and "end" in run.stdout
    assert not any(0x80 <= ord(ch) <= 0x9F or ch in "\x07\x1b" for ch in run.stdout)
