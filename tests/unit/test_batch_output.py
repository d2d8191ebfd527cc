"""The batch results file: whole lines, resume after a kill, newest line wins, CSV from the JSONL."""

from __future__ import annotations

import csv
import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from visiondesk.store.batch_output import (
    BatchOutput,
    OutputBusyError,
    latest_rows,
    write_csv,
)


def row(source: str, model: str = "m", status: str = "completed", **extra: object) -> dict[str, object]:
    return {"source": source, "model": model, "status": status, "text": f"answer for {source}",
            "error": None, **extra}


def lines(path: Path) -> list[dict[str, object]]:
    data = path.read_bytes()
    assert data == b"" or data.endswith(b"\n"), "the file ends inside a line"
    return [json.loads(line) for line in data.splitlines()]


def test_append_writes_one_line_per_result_and_resume_knows_what_is_done(tmp_path: Path) -> None:
    out = tmp_path / "results.jsonl"
    with BatchOutput.open(out) as output:
        output.append(row("a.png"))
        output.append(row("b.png", status="failed", error={"kind": "server", "message": "HTTP 502"}))
        output.append(row("雪.png", model="qwen-vl"))
    assert [r["source"] for r in lines(out)] == ["a.png", "b.png", "雪.png"]
    assert "雪" in out.read_text(encoding="utf-8")  # readable, not \\u escapes

    with BatchOutput.open(out) as again:
        assert again.is_done("a.png", "m") and again.is_done("雪.png", "qwen-vl")
        assert not again.is_done("b.png", "m") and again.status("b.png", "m") == "failed"
        assert not again.is_done("a.png", "other-model")
        again.append(row("b.png"))  # the retry succeeds
    # closing compacts: the retried pair is there once, in its first place, with the newest line
    final = lines(out)
    assert [(r["source"], r["status"]) for r in final] == [
        ("a.png", "completed"), ("b.png", "completed"), ("雪.png", "completed")]


def test_a_torn_last_line_is_removed_on_open(tmp_path: Path) -> None:
    out = tmp_path / "results.jsonl"
    with BatchOutput.open(out) as output:
        output.append(row("a.png"))
    whole = out.read_bytes()
    torn = json.dumps(row("b.png")).encode()[:25]
    out.write_bytes(whole + torn)
    output = BatchOutput.open(out)
    assert output.repaired_bytes == len(torn)
    assert out.read_bytes() == whole
    assert not output.is_done("b.png", "m")
    output.append(row("b.png"))
    output.close()
    assert [r["source"] for r in lines(out)] == ["a.png", "b.png"]


def test_a_whole_last_object_without_newline_is_kept(tmp_path: Path) -> None:
    out = tmp_path / "results.jsonl"
    out.write_text(json.dumps(row("a.png")), encoding="utf-8")  # hand-edited, no final newline
    with BatchOutput.open(out) as output:
        assert output.is_done("a.png", "m") and output.repaired_bytes == 0
        output.append(row("b.png"))
    assert [r["source"] for r in lines(out)] == ["a.png", "b.png"]


def test_unreadable_lines_are_kept_not_lost(tmp_path: Path) -> None:
    out = tmp_path / "results.jsonl"
    out.write_text(json.dumps(row("a.png")) + "\nnot json\n", encoding="utf-8")
    with BatchOutput.open(out) as output:
        assert output.skipped_lines == 1
    assert out.read_text(encoding="utf-8").splitlines()[1] == "not json"


def test_a_second_writer_is_refused(tmp_path: Path) -> None:
    out = tmp_path / "results.jsonl"
    with BatchOutput.open(out), pytest.raises(OutputBusyError, match="another batch is writing"):
        BatchOutput.open(out)


def test_rows_need_source_and_model(tmp_path: Path) -> None:
    with BatchOutput.open(tmp_path / "r.jsonl") as output, pytest.raises(ValueError, match="source"):
        output.append({"status": "completed"})


_WRITER = """
import sys
from pathlib import Path
from visiondesk.store.batch_output import BatchOutput
out = BatchOutput.open(Path(sys.argv[1]))
n = 0
print("ready", flush=True)
while True:
    src = f"img{n:05d}.png"
    if not out.is_done(src, "m"):
        out.append({"source": src, "model": "m", "status": "completed", "text": "x" * (n % 5000)})
    n += 1
"""


def test_sigkill_at_any_moment_never_leaves_a_broken_line_or_a_pair_twice(tmp_path: Path) -> None:
    out = tmp_path / "results.jsonl"
    env = {**os.environ, "PYTHONPATH": os.pathsep.join(sys.path)}
    for delay in (0.05, 0.13, 0.21):
        proc = subprocess.Popen([sys.executable, "-c", _WRITER, str(out)], stdout=subprocess.PIPE, env=env)
        assert proc.stdout is not None and proc.stdout.readline() == b"ready\n"
        time.sleep(delay)
        proc.send_signal(signal.SIGKILL)
        proc.wait()
        with BatchOutput.open(out) as output:  # repairs a torn tail if the kill made one
            assert output.superseded == 0
        rows = lines(out)
        sources = [r["source"] for r in rows]
        assert len(sources) == len(set(sources)) > 0
        assert sources == [f"img{n:05d}.png" for n in range(len(sources))]


def test_latest_rows_and_csv_with_schema_columns(tmp_path: Path) -> None:
    out = tmp_path / "results.jsonl"
    with BatchOutput.open(out) as output:
        output.append(row("a.png", data={"merchant": "华联超市", "total": 12.5, "items": [{"name": "茶"}]}))
        output.append(row("b.png", status="invalid", data={"merchant": "=HYPERLINK(\"x\")", "total": -3},
                          error={"kind": "invalid", "message": "$.total: -3 is less than 0"}))
        output.append(row("c.png", status="failed", error={"kind": "server", "message": "HTTP 502"}))
    assert [r["source"] for r in latest_rows(out)] == ["a.png", "b.png", "c.png"]
    target = tmp_path / "results.csv"
    assert write_csv(out, target, ["merchant", "total", "items"]) == 3
    raw = target.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")  # BOM: Excel and WPS then read the Chinese right
    table = list(csv.reader(raw.decode("utf-8-sig").splitlines()))
    assert table[0] == ["source", "model", "status", "merchant", "total", "items", "error"]
    assert table[1] == ["a.png", "m", "completed", "华联超市", "12.5", '[{"name": "茶"}]', ""]
    # a formula from an answer is neutralised; a real number stays a number
    assert table[2][3] == "'=HYPERLINK(\"x\")" and table[2][4] == "-3"
    assert table[2][6] == "$.total: -3 is less than 0"
    assert table[3][2:] == ["failed", "", "", "", "HTTP 502"]


def test_csv_without_schema_has_the_text_and_neutralises_formulas(tmp_path: Path) -> None:
    out = tmp_path / "results.jsonl"
    with BatchOutput.open(out) as output:
        output.append({**row("a.png"), "text": "-1+2 is what the sign says"})
        output.append({**row("b.png"), "text": "@SUM(A1)"})
        output.append({**row("c.png"), "text": "\tindented"})
    target = tmp_path / "results.csv"
    write_csv(out, target)
    table = list(csv.reader(target.read_text(encoding="utf-8-sig").splitlines()))
    assert table[0] == ["source", "model", "status", "text", "error"]
    assert [r[3] for r in table[1:]] == ["'-1+2 is what the sign says", "'@SUM(A1)", "'\tindented"]


def test_appends_from_many_threads_stay_whole_lines(tmp_path: Path) -> None:
    from concurrent.futures import ThreadPoolExecutor

    out = tmp_path / "results.jsonl"
    with BatchOutput.open(out) as output, ThreadPoolExecutor(8) as pool:
        list(pool.map(lambda n: output.append({**row(f"img{n}.png"), "text": "字" * (n * 97 % 20000)}),
                      range(200)))
    assert sorted(r["source"] for r in lines(out)) == sorted(f"img{n}.png" for n in range(200))
