"""Starting the window on a machine that cannot show it explains why, before Qt is imported."""

from __future__ import annotations

import sys

import pytest

from visiondesk import app


def test_no_display_explains_the_alternatives(monkeypatch: pytest.MonkeyPatch, capsys) -> None:
    for name in ("DISPLAY", "WAYLAND_DISPLAY", "QT_QPA_PLATFORM"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setattr(sys, "platform", "linux")
    assert app.main([]) == 2
    err = capsys.readouterr().err
    assert "no display" in err and "--screenshot" in err and "visiondesk analyze" in err


def test_missing_x11_libraries_are_named_with_the_package_to_install(monkeypatch: pytest.MonkeyPatch,
                                                                      capsys) -> None:
    monkeypatch.setenv("DISPLAY", ":0")
    for name in ("WAYLAND_DISPLAY", "QT_QPA_PLATFORM"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setattr(sys, "platform", "linux")
    monkeypatch.setattr(app, "_XCB_LIBRARIES", {"libvisiondesk-does-not-exist.so.9": "libvd-missing9"})
    assert app.main([]) == 2
    assert "sudo apt install libvd-missing9" in capsys.readouterr().err
