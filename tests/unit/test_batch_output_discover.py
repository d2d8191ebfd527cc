"""Which files a batch picks up from the folders and files it is given."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from visiondesk.batch.sources import discover


def touch(path: Path) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(b"x")


def test_folders_are_searched_recursively_sorted_with_hidden_and_other_files_skipped(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    for name in ("scans/b.PNG", "scans/a.jpg", "scans/sub/c.pdf", "scans/sub/d.heic", "scans/notes.txt",
                 "scans/.thumb.png", "scans/.cache/e.png", "single.webp"):
        touch(tmp_path / name)
    os.symlink(tmp_path / "scans", tmp_path / "scans" / "sub" / "loop")  # a link loop is not followed
    found = discover(["scans", "single.webp", "https://example.com/x.png", "missing.png", "scans/a.jpg"])
    assert found == [os.path.join("scans", "a.jpg"), os.path.join("scans", "b.PNG"),
                     os.path.join("scans", "sub", "c.pdf"), os.path.join("scans", "sub", "d.heic"),
                     "single.webp", "https://example.com/x.png", "missing.png"]
