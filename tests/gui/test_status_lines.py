"""Status lines say the current state: a warning about a missing key goes once the key is there,
an error about the old state goes when the state changes, and a render changes no setting."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path
from typing import Any

from tests.gui.conftest import RECEIPT, add_provider, until
from tests.support.fault_server import FaultServer
from visiondesk.core.request import ApiStyle


def test_the_no_key_warning_goes_once_a_key_is_saved(session: Any, run: Any, memory_keyring: Any) -> None:
    import keyring

    with FaultServer() as server:
        add_provider(server.base_url.replace("http://", "https://"), ApiStyle.CHAT, ("m1",))

        async def scenario() -> tuple[str, str, str, str]:
            window = session.window
            await session.controller.startup([], "loopback", ["m1"])
            await until(lambda: "no API key" in window.picker.status.text(), what="the warning")
            before = (window.picker.status.text(), window.statusBar().currentMessage())
            # WHEN a key is saved (Settings does this, then reloads the providers)
            keyring.set_password("visiondesk", "loopback", "sk-now")
            session.controller.reload_providers()
            await session.controller.wait_idle("key-check")
            return (*before, window.picker.status.text(), window.statusBar().currentMessage())

        picker_before, bar_before, picker_after, bar_after = run(scenario())
    assert "no API key" in picker_before and "no API key" in bar_before
    assert picker_after == "" and bar_after == ""


def test_an_error_about_the_old_state_goes_when_the_state_changes(session: Any, run: Any) -> None:
    async def scenario() -> tuple[str, str]:
        window = session.window
        await session.controller.startup([str(RECEIPT)], None, [])
        await session.controller.wait_idle("image")
        for model in window.picker.checked_models():
            window.picker.uncheck(window.picker.current_provider_id() or "", model)
        window.run_button.click()
        said = window.statusBar().currentMessage()
        # WHEN a model is checked again
        item = window.picker.model_list.item(0)
        from PySide6.QtCore import Qt

        item.setCheckState(Qt.CheckState.Checked)
        return said, window.statusBar().currentMessage()

    said, after = run(scenario())
    assert said == "Check at least one model first."
    assert after == ""


def test_read_only_settings_read_back_what_was_set_and_write_nothing(qapp: Any) -> None:
    from visiondesk.config.paths import config_dir
    from visiondesk.gui.settings import WindowSettings

    WindowSettings().set_last_provider("local-ocr")
    WindowSettings().sync()
    before = (config_dir() / "window.ini").read_bytes()
    render = WindowSettings.read_only()
    assert render.last_provider() == "local-ocr"
    render.set_last_provider("openai")
    render.set_checked_models("openai", ["gpt-4o"])
    render.sync()
    assert (render.last_provider(), render.checked_models("openai")) == ("openai", ["gpt-4o"])
    assert (config_dir() / "window.ini").read_bytes() == before
    assert WindowSettings().last_provider() == "local-ocr"


def test_a_screenshot_changes_no_saved_setting(qapp: Any, tmp_path: Path) -> None:
    from visiondesk.config.paths import config_dir
    from visiondesk.gui.settings import WindowSettings

    # GIVEN a person's saved window settings (their provider: Local OCR)
    settings = WindowSettings()
    settings.set_last_provider("local-ocr")
    settings.sync()
    ini = config_dir() / "window.ini"
    saved = ini.read_bytes()
    assert b"local-ocr" in saved
    # WHEN a render asks for another provider
    scratch = tmp_path / "tmp"
    scratch.mkdir()
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "TMPDIR": str(scratch)}
    render = subprocess.run([sys.executable, "-m", "visiondesk", "--screenshot", str(tmp_path / "b.png"),
                             "--provider", "openai"], capture_output=True, text=True, timeout=120, env=env)
    assert render.returncode == 0, render.stderr
    assert (tmp_path / "b.png").stat().st_size > 10_000
    # THEN nothing the next real window reads has changed, and no copy is left behind
    assert ini.read_bytes() == saved
    assert list(scratch.iterdir()) == []
    # and it says nothing on the terminal: Qt's platform notes go to the debug log
    assert render.stderr == ""
