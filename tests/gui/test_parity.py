"""The window and the command line are one program: the same inputs against the same loopback
server give the same request split, the same cost and the same error kind (both run on the
session layer, so they cannot drift apart)."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path
from typing import Any

from tests.gui.conftest import RECEIPT, until
from tests.support.fault_server import FaultServer
from visiondesk.config.providers import ModelConfig, ProviderConfig, ProviderStore
from visiondesk.core.request import ApiStyle


def _priced_provider(server: FaultServer) -> None:
    store = ProviderStore.load()
    store.put(ProviderConfig(id="loopback", name="Loopback", base_url=server.base_url,
                             api_style=ApiStyle.CHAT, currency="CNY",
                             models=(ModelConfig("priced", vision=True, price_input=2.5, price_output=10.0),
                                     ModelConfig("unauthorized", vision=True, price_input=2.5))))
    store.default_id = "loopback"
    store.save()


def _cli(*args: str) -> list[dict[str, Any]]:
    proc = subprocess.run([sys.executable, "-m", "visiondesk", "analyze", *args, "--json"],
                          capture_output=True, text=True, timeout=60)
    assert "Traceback" not in proc.stderr, proc.stderr
    return [json.loads(line) for line in proc.stdout.splitlines()]


def test_window_and_cli_agree_on_split_cost_and_error_kind(session: Any, run: Any, tmp_path: Path) -> None:
    second = tmp_path / "second.png"
    second.write_bytes(RECEIPT.read_bytes())
    with FaultServer() as server:
        _priced_provider(server)
        # GIVEN two images and two models (one priced, one the server refuses)
        # WHEN the command line asks
        cli = _cli(str(RECEIPT), str(second), "--provider", "loopback", "--model", "priced",
                   "--model", "unauthorized", "--prompt", "Read it")
        cli_requests = len(server.requests)
        server.reset()

        # AND the window asks the same
        async def scenario() -> list[Any]:
            await session.controller.startup([str(RECEIPT), str(second)], "loopback",
                                             ["priced", "unauthorized"])
            await session.controller.wait_idle("image")
            session.window.prompt.set_prompt("Read it")
            session.window.run_button.click()
            panes = session.window.results.panes
            await until(lambda: len(session.window.results.panes) == 4 and all(
                p.result is not None and p.result.status is not None for p in session.window.results.panes),
                timeout=30, what="four finished answers")
            await session.controller.wait_idle("pane")
            return [p.result for p in session.window.results.panes] or panes

        window = run(scenario(), timeout=60)
        window_requests = len(server.requests)

    # THEN both sent one request per (image, model), as their shared default says
    assert cli_requests == window_requests == 4
    by_model_cli = {(r["source"].rsplit("/", 1)[-1], r["model"]): r for r in cli}
    by_model_window = {(r.source, r.model): r for r in window}
    assert set(by_model_cli) == set(by_model_window)
    for key, line in by_model_cli.items():
        result = by_model_window[key]
        # the same status, the same error kind, the same cost in the same currency
        assert line["status"] == str(result.status)
        assert (line["error"] or {}).get("kind") == (str(result.error.kind) if result.error else None)
        assert line["cost"] == (result.cost.to_json() if result.cost else None)
    priced = by_model_window[("receipt.png", "priced")]
    assert priced.cost is not None and priced.cost.currency == "CNY" and priced.cost.amount > 0
    assert by_model_window[("receipt.png", "unauthorized")].error.kind == "auth"
