"""What the window runs lands in history whole: a comparison's columns share its comparison id."""

from __future__ import annotations

import sqlite3
from typing import Any

from tests.gui.conftest import RECEIPT, add_provider, until
from tests.support.fault_server import FaultServer
from visiondesk.config.paths import data_dir
from visiondesk.core.request import ApiStyle


def test_a_comparisons_columns_share_one_comparison_id(session: Any, run: Any) -> None:
    with FaultServer() as server:
        add_provider(server.base_url, ApiStyle.CHAT, ("m1", "m2"))

        async def scenario() -> None:
            window = session.window
            await session.controller.startup([str(RECEIPT)], "loopback", ["m1", "m2"])
            await session.controller.wait_idle("image")
            window.prompt.set_prompt("Read it")
            window.run_button.click()
            await until(lambda: len(window.results.panes) == 2 and all(
                p.result is not None and p.result.status is not None for p in window.results.panes),
                what="two answers")
            await session.controller.wait_idle("pane")
            await session.controller.runner.wait_writes()

        run(scenario(), timeout=40)
    with sqlite3.connect(data_dir() / "history.sqlite3") as connection:
        rows = connection.execute("SELECT model, comparison_id FROM analyses ORDER BY model").fetchall()
    assert [model for model, _ in rows] == ["m1", "m2"]
    assert rows[0][1] is not None and rows[0][1] == rows[1][1]
    # the image is kept by its full path, so the run can be run again from history
    from visiondesk.store.history import History

    record = History().get(History().ids()[0])
    assert record is not None and record.sources[0].location == str(RECEIPT)
