"""The command line's advice fits the failure: no 'keys set' for a key that can only come from the
environment, no 're-save as PNG' for a file that is not there."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.support.fault_server import FaultServer
from visiondesk.cli import main


def test_an_adhoc_servers_bad_key_points_at_the_environment(capsys: pytest.CaptureFixture[str],
                                                            receipt_png: Path,
                                                            monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("VISIONDESK_API_KEY", "sk-wrong")
    with FaultServer(api_key="sk-right") as server:
        code = main(["analyze", str(receipt_png), "--base-url", server.base_url, "--model", "m1"])
    err = capsys.readouterr().err
    assert code == 1 and "error (auth)" in err
    assert "environment variable" in err and "keys set" not in err
    assert "sk-wrong" not in err


def test_a_missing_file_is_said_as_missing(capsys: pytest.CaptureFixture[str], tmp_path: Path,
                                           fault_server: FaultServer) -> None:
    code = main(["analyze", str(tmp_path / "gone.png"), "--base-url", fault_server.base_url, "--model", "m1"])
    err = capsys.readouterr().err
    assert code == 1 and "gone.png does not exist" in err and "Check the path." in err
    assert "PNG or JPEG" not in err
    assert fault_server.requests == []
