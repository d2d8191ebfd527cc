"""Fixtures for end-to-end tests: real servers on 127.0.0.1 and a test image on disk."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from PIL import Image, ImageDraw

from tests.support.fault_server import FaultServer


@pytest.fixture(scope="session")
def fault_server_session() -> Iterator[FaultServer]:
    with FaultServer() as server:
        yield server


@pytest.fixture
def fault_server(fault_server_session: FaultServer) -> Iterator[FaultServer]:
    fault_server_session.reset()
    yield fault_server_session
    assert fault_server_session.errors == []


@pytest.fixture
def receipt_png(tmp_path: Path) -> Path:
    image = Image.new("RGB", (480, 260), "white")
    draw = ImageDraw.Draw(image)
    draw.text((20, 20), "RECEIPT  Total 42.00", fill="black", font_size=28)
    path = tmp_path / "receipt.png"
    image.save(path)
    return path
