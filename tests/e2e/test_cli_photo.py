"""``visiondesk analyze`` with a camera photo (issue 13): the photo is prepared ahead of the
command's own imports, and what goes out and into the history is what a user always got: a
JPEG (never a PNG) of the lossy source at 2048 px on its long side, and a history row with a
thumbnail."""

from __future__ import annotations

import base64
import gc
import io
import json
import os
import subprocess
import sys
from collections.abc import Hashable
from pathlib import Path
from typing import Any

import pytest
from PIL import Image

from tests.support.fault_server import FaultServer, answer_text
from visiondesk.cli import main
from visiondesk.core import head_start, images
from visiondesk.core.inputs import DEFAULT_MAX_BYTES
from visiondesk.store.history import History

PROMPT = "Describe the image"


@pytest.fixture
def camera_jpeg(tmp_path: Path) -> Path:
    """A 3000x2000 photo-like JPEG: noise over gradients, as a sensor makes it."""
    size = (3000, 2000)
    grain = Image.effect_noise(size, 40)
    ramp = Image.linear_gradient("L").resize(size)
    path = tmp_path / "camera.jpg"
    Image.merge("RGB", (Image.blend(ramp, grain, 0.5), grain, ramp.transpose(Image.Transpose.ROTATE_180))
                ).save(path, "JPEG", quality=90)
    return path


def sent_image(server: FaultServer) -> tuple[str, Image.Image]:
    url = server.requests[-1].body["messages"][0]["content"][1]["image_url"]["url"]
    header, _, payload = url.partition(",")
    image = Image.open(io.BytesIO(base64.b64decode(payload)))
    image.load()
    return header, image


def test_a_photo_goes_out_as_a_2048_px_jpeg_and_into_the_history(
        capsys: pytest.CaptureFixture[str], fault_server: FaultServer, camera_jpeg: Path,
        monkeypatch: pytest.MonkeyPatch) -> None:
    begun: list[object] = []
    prepared: list[str] = []
    real_begin, real_prepare = head_start.begin, images.prepare_bytes

    def begin(key: Hashable, *args: Any, **kwargs: Any) -> bool:
        begun.append(key)
        return real_begin(key, *args, **kwargs)

    def prepare(*args: Any) -> images.PreparedImage:
        prepared.append(args[2])
        return real_prepare(*args)

    monkeypatch.setattr(head_start, "begin", begin)
    monkeypatch.setattr(images, "prepare_bytes", prepare)
    code = main(["analyze", str(camera_jpeg), "--base-url", fault_server.base_url, "--model", "gpt-4o",
                 "--api", "chat", "--prompt", PROMPT, "--json"])
    row = json.loads(capsys.readouterr().out)
    assert (code, row["status"], row["text"]) == (0, "completed", answer_text(PROMPT))
    header, image = sent_image(fault_server)
    assert header == "data:image/jpeg;base64" and image.format == "JPEG"
    assert image.size == (2048, 1365)
    assert row["sent_image"]["width"] == 2048 and row["sent_image"]["mime"] == "image/jpeg"
    # Prepared once, by the head start, and that is what was sent.
    assert begun == [("image", str(camera_jpeg), None, 2048, DEFAULT_MAX_BYTES)]
    assert prepared == [str(camera_jpeg)]
    assert gc.get_freeze_count() == 0  # nothing stays frozen for a caller that lives on
    assert not head_start.pending()
    [entry] = History().recent()
    record = History().get(entry.id)
    assert record is not None and record.text == row["text"]
    assert History().thumbnail(entry.id) is not None


def test_the_process_sends_the_same_photo_and_saves_it(isolated_home: Path, fault_server: FaultServer,
                                                       camera_jpeg: Path) -> None:
    env = {k: v for k, v in os.environ.items() if k != "VISIONDESK_API_KEY"}
    env.update(VISIONDESK_HOME=str(isolated_home), NO_PROXY="127.0.0.1")
    done = subprocess.run(
        [sys.executable, "-m", "visiondesk", "analyze", str(camera_jpeg), "--base-url", fault_server.base_url,
         "--model", "gpt-4o", "--api", "chat", "--prompt", PROMPT, "--json"],
        capture_output=True, timeout=60, env=env)
    assert done.returncode == 0, done.stderr
    assert done.stderr == b""
    assert json.loads(done.stdout)["status"] == "completed"
    header, image = sent_image(fault_server)
    assert header == "data:image/jpeg;base64" and image.size == (2048, 1365)
    [entry] = History().recent()
    assert History().thumbnail(entry.id) is not None


def test_a_head_start_nobody_took_goes_with_the_command(
        capsys: pytest.CaptureFixture[str], fault_server: FaultServer, tmp_path: Path) -> None:
    # A missing file is refused before anything is prepared, so its head start is never claimed.
    head_start.forget()
    code = main(["analyze", str(tmp_path / "gone.jpg"), "--base-url", fault_server.base_url,
                 "--model", "gpt-4o", "--api", "chat", "--json"])
    row = json.loads(capsys.readouterr().out)
    assert code == 1 and row["status"] == "failed" and "does not exist" in row["error"]["message"]
    assert not head_start.pending() and fault_server.requests == []
