"""Images that cannot be loaded are said on their own entry and left out of runs, visibly, without
blocking the others; the advice fits the failure (a download is not "re-save as PNG")."""

from __future__ import annotations

import socket
from typing import Any

from tests.gui.conftest import RECEIPT, add_provider, until
from tests.support.fault_server import FaultServer
from visiondesk.core.request import ApiStyle


def _closed_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def test_an_unreachable_url_is_flagged_and_left_out_of_the_run(session: Any, run: Any) -> None:
    with FaultServer() as server:
        add_provider(server.base_url, ApiStyle.CHAT, ("m1",))
        url = f"http://127.0.0.1:{_closed_port()}/photo.png"

        async def scenario() -> tuple[str, str, int, str]:
            window = session.window
            await session.controller.startup([str(RECEIPT), url], "loopback", ["m1"])
            await session.controller.wait_idle("image")
            broken = next(e for e in window.image_panel.entries if e.source == url)
            flagged = window.image_panel.describe(broken)
            window.prompt.set_prompt("Read it")
            window.run_button.click()
            await until(lambda: window.results.panes and all(
                p.result is not None and p.result.status is not None for p in window.results.panes),
                what="the answer")
            await session.controller.wait_idle("pane")
            return flagged, window.statusBar().currentMessage(), len(window.results.panes), \
                str(window.results.panes[0].result.status)

        flagged, note, panes, status = run(scenario(), timeout=40)
    # THEN the entry says what happened, in words, with advice that fits a download
    assert "could not download from 127.0.0.1" in flagged
    assert "PNG" not in flagged and "Errno" not in flagged
    # AND the run went on with the other image, saying which one was left out
    assert panes == 1 and status == "completed"
    assert "Left out" in note and "photo.png" in note


def test_the_info_line_describes_the_whole_request(session: Any, run: Any, tmp_path: Any) -> None:
    second = tmp_path / "second.png"
    second.write_bytes(RECEIPT.read_bytes())

    async def scenario() -> str:
        await session.controller.startup([str(RECEIPT), str(second)], None, [])
        await session.controller.wait_idle("image")
        await until(lambda: all(e.prepared for e in session.window.image_panel.entries), what="prepared")
        return session.window.image_panel.describe(session.window.image_panel.current)

    line = run(scenario())
    # 765 tokens each for a 900 × 1200 image: the line sums both
    assert "Sends 900 × 1200 px" in line and "all 2 images:" in line and "≈ 1,530 image tokens" in line
