"""The window's "fields" option: a JSON Schema file beside Run makes every answer structured.

GIVEN/WHEN/THEN; a real loopback server receives the request; assertions are on the button a
person sees, the status bar and what went on the wire.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from tests.gui.conftest import RECEIPT, add_provider, until
from tests.support.fault_server import FaultServer
from visiondesk.core.request import ApiStyle

SCHEMA = {"title": "invoice", "type": "object",
          "properties": {"total": {"type": "number"}, "vendor": {"type": "string"}},
          "required": ["total"]}


pytestmark = pytest.mark.usefixtures("collect_widgets")  # conftest: widget cycles freed per test


def test_a_chosen_schema_asks_every_answer_for_its_fields(session: Any, run: Any,
                                                          tmp_path: Path) -> None:
    import keyring

    window = session.window
    schema_file = tmp_path / "invoice.json"
    schema_file.write_text(json.dumps(SCHEMA), encoding="utf-8")
    with FaultServer(api_key="sk-test") as server:
        add_provider(server.base_url, ApiStyle.CHAT, ("gpt-4o",))
        keyring.set_password("visiondesk", "loopback", "sk-test")

        async def scenario() -> None:
            await session.controller.startup([str(RECEIPT)], "loopback", ["gpt-4o"])
            await session.controller.wait_idle("image")
            assert window.fields_button.text() == "Fields…"
            assert not window.fields_button.isChecked()
            # WHEN a schema file is chosen beside Run
            window.fields_button.schema_chosen.emit(str(schema_file))
            await until(lambda: session.controller.fields.schema is not None, what="the schema")
            # THEN the button names it and lists its fields
            assert window.fields_button.text() == "Fields: invoice"
            assert window.fields_button.isChecked()
            assert "total, vendor" in window.fields_button.toolTip()
            # WHEN the model is run
            window.prompt.set_prompt("Read the invoice")
            window.run_button.click()
            await until(lambda: window.results.panes and window.results.panes[0].result is not None
                        and window.results.panes[0].result.status is not None, what="the answer")

        run(scenario())
        body = server.requests[0].body
    # THEN the request asked for JSON fitting the schema
    assert body["response_format"]["type"] == "json_schema"
    assert body["response_format"]["json_schema"]["name"] == "invoice"
    assert set(body["response_format"]["json_schema"]["schema"]["properties"]) == {"total", "vendor"}


def test_a_broken_schema_is_refused_and_none_clears_it(session: Any, run: Any, tmp_path: Path) -> None:
    window = session.window
    broken = tmp_path / "broken.json"
    broken.write_text("{not json", encoding="utf-8")
    good = tmp_path / "invoice.json"
    good.write_text(json.dumps(SCHEMA), encoding="utf-8")

    async def scenario() -> None:
        await session.controller.startup([], None, [])
        # WHEN a file that is not JSON is chosen
        window.fields_button.schema_chosen.emit(str(broken))
        await session.controller.tasks.wait_idle(("fields",))
        # THEN the status bar says why, and answers stay free text
        assert "not valid JSON" in window.statusBar().currentMessage()
        assert session.controller.fields.schema is None
        assert session.controller._plan().options.response_schema is None
        # WHEN a good one is chosen, then "No Fields" from its menu
        window.fields_button.schema_chosen.emit(str(good))
        await until(lambda: session.controller.fields.schema is not None)
        assert session.controller._plan().options.response_schema is not None
        window.fields_button.cleared.emit()
        assert session.controller.fields.schema is None
        assert window.fields_button.text() == "Fields…"

    run(scenario())
