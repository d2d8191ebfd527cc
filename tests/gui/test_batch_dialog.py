"""The batch dialog: a folder x the checked models into a results file, browsable as rows arrive,
failures listed with reasons, pause, and "Retry Failed" running only what failed."""

from __future__ import annotations

import asyncio
import json
from pathlib import Path
from typing import Any

from PIL import Image
from PySide6.QtCore import Qt

from tests.gui.conftest import until
from tests.support.fault_server import FaultServer
from visiondesk.config.providers import ProviderConfig
from visiondesk.core.request import ApiStyle
from visiondesk.gui.batch_dialog import BatchDialog
from visiondesk.gui.tasks import TaskOwner
from visiondesk.session.plan import ModelTarget, RunPlan
from visiondesk.session.runner import Runner


def folder_with(tmp_path: Path, count: int, broken: bool) -> Path:
    folder = tmp_path / "票据"
    folder.mkdir()
    for i in range(count):
        Image.new("RGB", (120, 80), "white").save(folder / f"r{i}.png")
    if broken:
        (folder / "zz-broken.png").write_bytes(b"not a png")
    return folder


def make_dialog(qtbot: Any, server: FaultServer, tmp_path: Path, models: tuple[str, ...]) -> BatchDialog:
    provider = ProviderConfig(id="loopback", name="Loopback", base_url=server.base_url,
                              api_style=ApiStyle.CHAT)
    runner = Runner([provider], history=None)
    plan = RunPlan(targets=tuple(ModelTarget("loopback", m) for m in models), prompt="Read the receipt")
    dialog = BatchDialog(runner, plan, TaskOwner())
    qtbot.addWidget(dialog)
    dialog.out_edit.setText(str(tmp_path / "out" / "results.jsonl"))
    dialog.show()
    return dialog


def test_a_folder_runs_failures_are_listed_and_retry_runs_only_them(qtbot: Any, run: Any, tmp_path: Path) -> None:
    folder = folder_with(tmp_path, 3, broken=True)
    with FaultServer() as server:
        dialog = make_dialog(qtbot, server, tmp_path, ("gpt-4o",))
        dialog.add_paths([str(folder), str(folder)])  # the same folder twice is listed once
        assert dialog.source_paths() == [str(folder)]

        async def scenario() -> None:
            qtbot.mouseClick(dialog.start_button, Qt.MouseButton.LeftButton)
            await until(lambda: dialog.table.rowCount() == 4 and not dialog.running, what="4 rows")
            await until(lambda: dialog.retry_button.isEnabled(), what="retry enabled")

        run(scenario())
        assert dialog.status_label.text() == "4 of 4 · 1 failed · finished"
        statuses = {dialog.table.item(r, 0).text(): dialog.table.item(r, 2).text() for r in range(4)}
        assert statuses == {"r0.png": "completed", "r1.png": "completed", "r2.png": "completed",
                            "zz-broken.png": "failed"}
        failed_row = next(r for r in range(4) if dialog.table.item(r, 0).text() == "zz-broken.png")
        assert "image" in dialog.table.item(failed_row, 3).text().lower()
        dialog.table.selectRow(failed_row)
        assert "zz-broken.png · gpt-4o · failed" in dialog.detail.toPlainText()
        dialog.failures_only.setChecked(True)
        assert [dialog.table.isRowHidden(r) for r in range(4)].count(False) == 1
        table = (tmp_path / "out" / "results.csv").read_text(encoding="utf-8-sig")
        assert table.splitlines()[0] == "source,model,status,text,error" and len(table.splitlines()) == 5

        Image.new("RGB", (120, 80), "white").save(folder / "zz-broken.png")  # fixed by the person
        sent = len(server.requests)
        run(_click_and_wait(qtbot, dialog, dialog.retry_button))
        assert len(server.requests) - sent == 1  # only the failed pair ran again
        assert dialog.status_label.text() == "4 of 4 · 0 failed · finished"
        lines = [json.loads(x) for x in (tmp_path / "out" / "results.jsonl").read_text(encoding="utf-8").splitlines()]
        assert len(lines) == 4 and {x["status"] for x in lines} == {"completed"}


async def _click_and_wait(qtbot: Any, dialog: BatchDialog, button: Any) -> None:
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
    await until(lambda: dialog.running, what="started")
    await until(lambda: not dialog.running, what="finished")


def test_pause_starts_nothing_new_until_resumed(qtbot: Any, run: Any, tmp_path: Path) -> None:
    folder = folder_with(tmp_path, 4, broken=False)
    with FaultServer() as server:
        dialog = make_dialog(qtbot, server, tmp_path, ("slow-150-0",))
        dialog.add_paths([str(folder)])
        dialog.concurrency.setValue(1)

        async def scenario() -> None:
            dialog.start()
            await until(lambda: dialog.table.rowCount() >= 1, what="first row")
            dialog.toggle_pause()
            assert dialog.pause_button.text() == "Resume" and "paused" in dialog.status_label.text()
            await asyncio.sleep(0.3)  # the request in flight (if any) finishes; none starts
            held = dialog.table.rowCount()
            sent = len(server.requests)
            await asyncio.sleep(0.5)
            assert dialog.table.rowCount() == held <= 2 and len(server.requests) == sent
            dialog.toggle_pause()
            await until(lambda: not dialog.running, what="finished")

        run(scenario())
        assert dialog.table.rowCount() == 4
        assert dialog.status_label.text() == "4 of 4 · 0 failed · finished"


def test_cancel_stops_the_batch_and_keeps_what_finished(qtbot: Any, run: Any, tmp_path: Path) -> None:
    folder = folder_with(tmp_path, 6, broken=False)
    with FaultServer() as server:
        dialog = make_dialog(qtbot, server, tmp_path, ("slow-200-0",))
        dialog.add_paths([str(folder)])
        dialog.concurrency.setValue(2)

        async def scenario() -> None:
            dialog.start()
            await until(lambda: dialog.table.rowCount() >= 2, what="two rows")
            dialog.cancel()
            await until(lambda: not dialog.running, what="stopped")

        run(scenario())
        assert "cancelled; start again to go on" in dialog.status_label.text()
        written = (tmp_path / "out" / "results.jsonl").read_text(encoding="utf-8").splitlines()
        assert 2 <= len(written) < 6 and all(json.loads(x)["status"] == "completed" for x in written)


def test_file_batch_in_the_window_takes_its_images_and_checked_models(session: Any, run: Any,
                                                                       tmp_path: Path) -> None:
    from PySide6.QtWidgets import QApplication

    from tests.gui.conftest import RECEIPT, add_provider

    with FaultServer() as server:
        add_provider(server.base_url, models=("gpt-4o", "qwen-vl"))
        window = session.window

        async def scenario() -> None:
            await session.controller.startup([str(RECEIPT)], "Loopback", ["gpt-4o", "qwen-vl"])
            await session.controller.wait_idle("image")
            window.batch_action.trigger()
            dialog = window.findChild(BatchDialog, "batchDialog")
            assert dialog is not None and dialog.isVisible()
            assert dialog.source_paths() == [str(RECEIPT)]
            assert dialog.models_label.text() == "gpt-4o, qwen-vl"
            dialog.out_edit.setText(str(tmp_path / "r.jsonl"))
            dialog.start()
            await until(lambda: not dialog.running and dialog.table.rowCount() == 2, what="two rows")
            assert dialog.status_label.text() == "2 of 2 · 0 failed · finished"
            dialog.reject()

        run(scenario())
        assert "&Batch…" in [a.text() for a in window.file_menu.actions()]
        QApplication.processEvents()
