"""A photo prepared ahead of time (core.head_start, images.prepare_image_soon) is what
prepare_image would have made, is used once, and never stands in for a different request, a
changed file or an error; reading a file gives the GIL up once, not once per megabyte."""

from __future__ import annotations

import os
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest
from PIL import Image

from visiondesk.core import file_reading, head_start, images
from visiondesk.core.errors import AnalysisError
from visiondesk.core.images import prepare_image, prepare_image_soon


@pytest.fixture(autouse=True)
def nothing_left_over() -> Iterator[None]:
    head_start.forget()
    yield
    head_start.forget()


def photo_jpeg(path: Path, size: tuple[int, int]) -> Path:
    """A noisy, photo-like JPEG (it must not look like a screenshot)."""
    grain = Image.effect_noise(size, 40)
    ramp = Image.linear_gradient("L").resize(size)
    Image.merge("RGB", (Image.blend(ramp, grain, 0.5), grain, ramp.transpose(Image.Transpose.ROTATE_180))
                ).save(path, "JPEG", quality=90)
    return path


@pytest.fixture
def preparations(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The sources images.prepare_bytes was run for, in whichever thread."""
    seen: list[str] = []
    real = images.prepare_bytes

    def counting(data: bytes, label: str, source: str, max_side: int, max_bytes: int) -> images.PreparedImage:
        seen.append(source)
        return real(data, label, source, max_side, max_bytes)

    monkeypatch.setattr(images, "prepare_bytes", counting)
    return seen


def test_a_head_started_photo_is_taken_once_and_is_what_prepare_image_makes(
        tmp_path: Path, preparations: list[str]) -> None:
    path = str(photo_jpeg(tmp_path / "camera.jpg", (2400, 1600)))
    prepare_image_soon(path, max_side=800)
    early = prepare_image(path, max_side=800)
    assert preparations == [path]  # the worker's preparation, not a second one
    assert not head_start.pending()
    # The same as a preparation from scratch: a JPEG of the lossy source, fitted to 800 px.
    again = prepare_image(path, max_side=800)
    assert preparations == [path, path] and again is not early
    assert (early.mime, early.width, early.height, early.source) == ("image/jpeg", 800, 533, path)
    assert early.data == again.data
    assert (early.original_width, early.original_height) == (2400, 1600)


def test_a_different_size_is_prepared_afresh(tmp_path: Path) -> None:
    path = str(photo_jpeg(tmp_path / "camera.jpg", (1200, 800)))
    prepare_image_soon(path, max_side=800)
    prepared = prepare_image(path, max_side=300)
    assert (prepared.width, prepared.height) == (300, 200)
    assert head_start.pending()  # the 800 px one was not handed out for it


def test_a_file_changed_meanwhile_is_prepared_again(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = photo_jpeg(tmp_path / "camera.jpg", (1200, 800))
    done = threading.Event()
    real = images.prepare_bytes

    def noting(*args: object) -> images.PreparedImage:
        try:
            return real(*args)  # type: ignore[arg-type]
        finally:
            done.set()

    monkeypatch.setattr(images, "prepare_bytes", noting)
    prepare_image_soon(str(path), max_side=1000)
    assert done.wait(30)
    photo_jpeg(path, (900, 1200))  # replaced by a portrait photo after the worker read it
    prepared = prepare_image(str(path), max_side=1000)
    assert (prepared.original_width, prepared.original_height) == (900, 1200)
    assert (prepared.width, prepared.height) == (750, 1000)


def test_a_broken_file_fails_as_it_would_without_a_head_start(tmp_path: Path) -> None:
    path = photo_jpeg(tmp_path / "broken.jpg", (1200, 800))
    path.write_bytes(path.read_bytes()[:2000])
    with pytest.raises(AnalysisError) as plain:
        prepare_image(path, max_side=500)
    prepare_image_soon(str(path), max_side=500)
    with pytest.raises(AnalysisError) as early:
        prepare_image(str(path), max_side=500)
    assert early.value.message == plain.value.message and "broken.jpg" in early.value.message
    assert not head_start.pending()


def test_claims_hand_a_result_out_once_and_never_a_failure_or_a_stale_one() -> None:
    assert head_start.claim("nothing") is None
    assert head_start.begin("answer", lambda: 42)
    assert not head_start.begin("answer", lambda: 43)  # already under way
    assert head_start.claim("answer") == 42
    assert head_start.claim("answer") is None

    def broken() -> int:
        raise OSError("disk gone")

    head_start.begin("broken", broken)
    assert head_start.claim("broken") is None
    version = [1]
    head_start.begin("stale", lambda: "made from version 1", fingerprint=lambda: version[0])
    version[0] = 2
    assert head_start.claim("stale") is None


def test_a_file_is_read_in_one_call_unless_a_cancel_event_may_stop_it(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    # Each read gives up the GIL; a worker behind a busy thread waits to get it back every time.
    path = tmp_path / "big.bin"
    data = bytes(range(256)) * (3 * 4096 + 7)  # ~3 MB
    path.write_bytes(data)
    calls: list[int] = []
    real_read = os.read

    def counting(fd: int, size: int) -> bytes:
        calls.append(size)
        return real_read(fd, size)

    monkeypatch.setattr(os, "read", counting)
    assert file_reading.read_file_bounded(path, max_bytes=10 * len(data)) == data
    assert len(calls) <= 2  # the whole file, then the end
    calls.clear()
    cancel = threading.Event()
    assert file_reading.read_file_bounded(path, max_bytes=10 * len(data), cancel=cancel) == data
    assert len(calls) >= 3  # in chunks, so a cancel is heard between them
