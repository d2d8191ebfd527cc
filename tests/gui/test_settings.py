"""Settings as a person uses it: the model table, the key form, New / Remove, Local OCR, the
connection test against a loopback server, and where a key comes from.

GIVEN/WHEN/THEN in each test; assertions are on what a person sees (visible rows, texts,
tooltips, what stays typed), and the store or keyring only where that is the outcome.
"""

from __future__ import annotations

import asyncio
import re
from typing import Any

import pytest
from keyring.errors import PasswordSetError
from PySide6.QtWidgets import QMessageBox, QWidget

from tests.gui.conftest import add_provider, until
from tests.support.fault_server import FaultServer
from tests.support.memory_keyring import MemoryKeyring
from visiondesk.config.providers import ProviderStore
from visiondesk.core.request import ApiStyle
from visiondesk.gui.settings_dialog import SettingsDialog
from visiondesk.gui.settings_provider_form import SECTION_CONNECTION, SECTION_MODELS, SECTION_TEST

MODELS = ("gpt-4o", "reasoner", "no-responses", "gpt-4o-mini",
          "claude-sonnet-4-20250514-with-a-model-id-far-too-long-for-its-column", "qwen2.5-vl-72b",
          "glm-4v")


async def _open(session: Any, provider_id: str | None = "loopback") -> SettingsDialog:
    await session.controller.startup([], provider_id, [])
    session.window.settings_action.trigger()  # Ctrl+,
    dialog: SettingsDialog = session.window.findChild(SettingsDialog)
    assert dialog is not None and dialog.isVisible()
    if provider_id is not None:
        dialog.providers.fill(provider_id)
    await until(lambda: dialog.key_status.text() or provider_id is None, what="the key status")
    return dialog


def _select(dialog: SettingsDialog, provider_id: str) -> None:
    for row in range(dialog.provider_list.count()):
        item = dialog.provider_list.item(row)
        if item.data(256) == provider_id:  # Qt.UserRole
            dialog.provider_list.setCurrentItem(item)
            return
    raise AssertionError(f"{provider_id} is not in the list")


def _cells(dialog: SettingsDialog) -> list[list[str]]:
    table = dialog.doctor_table
    def text(row: int, column: int) -> str:
        item = table.item(row, column)
        return item.text() if item is not None else ""

    return [[text(r, c) for c in range(3)] for r in range(table.rowCount())]


def test_six_model_rows_show_whole_and_a_long_id_is_in_its_tooltip(session: Any, run: Any) -> None:
    # GIVEN a provider with seven models WHEN its Models section is shown at the dialog's size
    with FaultServer() as server:
        add_provider(server.base_url, ApiStyle.CHAT, MODELS)
        dialog = run(_open(session))
    dialog.form.sections.setCurrentIndex(SECTION_MODELS)
    table = dialog.models_table
    viewport = table.viewport().rect()
    # THEN at least six rows are entirely visible without scrolling
    visible = [r for r in range(table.rowCount())
               if viewport.contains(table.visualItemRect(table.item(r, 0)))]
    assert len(visible) >= 6, visible
    # AND the model column is the widest, and a cut id can be read whole in its tooltip
    widths = [table.columnWidth(c) for c in range(table.columnCount())]
    assert widths[0] == max(widths)
    assert table.item(4, 0).toolTip() == MODELS[4]
    dialog.close()


class RefusingKeyring(MemoryKeyring):
    """A keyring that looks usable but refuses to store anything (a locked Secret Service)."""

    def set_password(self, service: str, username: str, password: str) -> None:
        raise PasswordSetError("locked")


def test_a_refused_key_stays_typed_with_the_reason_beside_it(session: Any, run: Any) -> None:
    import keyring

    # GIVEN the key form of a provider, and a keyring that refuses writes
    with FaultServer() as server:
        add_provider(server.base_url, ApiStyle.CHAT, ("gpt-4o",))
        dialog = run(_open(session))
    dialog.form.sections.setCurrentIndex(SECTION_CONNECTION)
    field, status = dialog.key_field, dialog.key_status
    before = (field.geometry(), dialog.save_key_button.geometry())
    previous = keyring.get_keyring()
    keyring.set_keyring(RefusingKeyring())

    async def save(text: str) -> None:
        field.setText(text)
        dialog.save_key_button.click()
        await until(lambda: status.property("error"), what="the refusal")

    try:
        # WHEN a key is typed and saved
        run(save("sk-typed-by-hand"))
    finally:
        keyring.set_keyring(previous)
    # THEN the typed key is still there, with the focus, and the reason is said beside it
    assert field.text() == "sk-typed-by-hand"
    assert dialog.focusWidget() is field
    assert "refused the key, so nothing was saved" in status.text()
    # AND nothing moved
    assert (field.geometry(), dialog.save_key_button.geometry()) == before

    # WHEN a key with a space inside is saved
    run(save("sk-abc def"))
    # THEN it is refused at once, kept, and the character is named
    assert field.text() == "sk-abc def"
    assert "character 7" in status.text()
    dialog.close()


def test_a_saved_key_clears_the_field_and_says_where_it_is(session: Any, run: Any,
                                                          memory_keyring: Any) -> None:
    import keyring

    with FaultServer() as server:
        add_provider(server.base_url, ApiStyle.CHAT, ("gpt-4o",))
        dialog = run(_open(session))

    async def save() -> None:
        # WHEN a key is pasted (with a stray newline) and saved
        dialog.key_field.setText("sk-good\n")
        dialog.save_key_button.click()
        await until(lambda: "stored in the OS keyring" in dialog.key_status.text(), what="status")

    run(save())
    # THEN the field is empty only now, and the keyring holds the cleaned key
    assert dialog.key_field.text() == ""
    assert keyring.get_password("visiondesk", "loopback") == "sk-good"
    dialog.close()


def test_a_key_from_an_environment_variable_is_said(session: Any, run: Any,
                                                    monkeypatch: pytest.MonkeyPatch) -> None:
    # GIVEN the provider's key in VISIONDESK_API_KEY_LOOPBACK and none in the keyring
    monkeypatch.setenv("VISIONDESK_API_KEY_LOOPBACK", "sk-from-env")
    with FaultServer() as server:
        add_provider(server.base_url, ApiStyle.CHAT, ("gpt-4o",))
        dialog = run(_open(session))
    # THEN its key form names the variable
    text = dialog.key_status.text()
    assert "environment variable VISIONDESK_API_KEY_LOOPBACK" in text, text
    assert "sk-from-env" not in text
    dialog.close()


def test_remove_asks_first_and_a_preset_cannot_be_removed(session: Any, run: Any) -> None:
    with FaultServer() as server:
        add_provider(server.base_url, ApiStyle.CHAT, ("gpt-4o",))

        async def scenario() -> SettingsDialog:
            dialog = await _open(session)
            page = dialog.providers
            # GIVEN a built-in preset chosen THEN Remove is disabled and says why
            _select(dialog, "openai")
            assert not page.remove_button.isEnabled()
            assert "built in and cannot be removed" in page.remove_button.toolTip()
            _select(dialog, "local-ocr")
            assert not page.remove_button.isEnabled()

            # GIVEN the person's own provider WHEN Remove is pressed THEN a question names it
            _select(dialog, "loopback")
            assert page.remove_button.isEnabled()
            page.remove_button.click()
            box = page.confirm
            assert isinstance(box, QMessageBox) and box.isVisible()
            assert "Loopback" in box.text() and "loopback" in box.text()
            # WHEN the person cancels THEN nothing is removed
            box.button(QMessageBox.StandardButton.Cancel).click()
            await asyncio.sleep(0.05)
            assert any(p.id == "loopback" for p in ProviderStore.load().all())

            # WHEN they confirm THEN it leaves the list and the saved file
            page.remove_button.click()
            box = page.confirm
            assert box is not None
            box.button(QMessageBox.StandardButton.Yes).click()
            await session.controller.tasks.wait_idle(("settings",))
            return dialog

        dialog = run(scenario())
    listed = [dialog.provider_list.item(r).data(256) for r in range(dialog.provider_list.count())]
    assert "loopback" not in listed and "openai" in listed
    assert all(p.id != "loopback" for p in ProviderStore.load().all())
    dialog.close()


def test_local_ocr_shows_no_server_fields(session: Any, run: Any) -> None:
    dialog = run(_open(session, None))
    _select(dialog, "local-ocr")
    form = dialog.form
    # THEN no base URL, API style, proxy, timeouts, key or test; a note says why
    for widget in (form.url_field, form.style_combo, form.proxy_field, form.connect_timeout,
                   form.read_timeout, form.key_form, form.test_panel, form.currency_combo,
                   form.max_side):
        assert not widget.isVisibleTo(dialog), widget.objectName() or type(widget).__name__
    assert not form.sections.isTabVisible(SECTION_CONNECTION)
    assert not form.sections.isTabVisible(SECTION_TEST)
    assert form.local_note.isVisibleTo(dialog) and "never leave" in form.local_note.text()
    assert form.name_field.isReadOnly() and form.id_field.text() == "local-ocr"

    async def other() -> None:  # AND another provider brings them back
        _select(dialog, "openai")
        await session.controller.tasks.wait_idle(("settings",))

    run(other())
    assert form.sections.isTabVisible(SECTION_CONNECTION) and form.sections.isTabVisible(SECTION_TEST)
    assert not form.local_note.isVisibleTo(dialog)
    dialog.close()


def test_new_provider_starts_from_placeholders_and_keeps_its_id(session: Any, run: Any) -> None:
    dialog = run(_open(session, None))
    page, form = dialog.providers, dialog.form

    async def scenario() -> None:
        # WHEN New is pressed THEN the fields are empty with greyed examples
        page.new_button.click()
        assert (form.name_field.text(), form.url_field.text(), form.id_field.text()) == ("", "", "")
        assert form.url_field.placeholderText() == "https://relay.example/v1"
        assert form.name_field.placeholderText()
        assert not form.id_field.isReadOnly()
        # WHEN saved without a URL THEN it says what is missing and creates nothing
        form.name_field.setText("My Relay")
        assert form.id_field.placeholderText() == "my-relay"
        page.save_button.click()
        assert "base URL" in page.status.text()
        assert all(p.id != "my-relay" for p in ProviderStore.load().all())
        # WHEN the URL and a currency are given and it is saved
        form.url_field.setText("https://relay.test/v1")
        form.sections.setCurrentIndex(SECTION_MODELS)
        form.currency_combo.setCurrentText("CNY")
        page.save_button.click()
        await session.controller.tasks.wait_idle(("settings",))

    run(scenario())
    # THEN the name and the id both show, the id read-only now, prices in CNY
    saved = ProviderStore.load().find("my-relay")
    assert (saved.name, saved.currency) == ("My Relay", "CNY")
    assert (form.name_field.text(), form.id_field.text()) == ("My Relay", "my-relay")
    assert form.id_field.isReadOnly()
    assert page.status.text() == "Saved “My Relay”."
    assert "CNY" in dialog.models_table.horizontalHeaderItem(3).text()
    assert "My Relay" in [dialog.provider_list.item(r).text()
                          for r in range(dialog.provider_list.count())]
    dialog.close()


def test_connection_test_shows_rows_as_they_run_and_not_supported_reasoning(
        session: Any, run: Any) -> None:
    # GIVEN a server whose streams are slow, and a model with no Responses API and no reasoning
    with FaultServer(chunk_delay=0.05) as server:
        add_provider(server.base_url, ApiStyle.AUTO, MODELS)
        dialog = run(_open(session))
        dialog.form.sections.setCurrentIndex(SECTION_TEST)
        combo = dialog.test_panel.model_combo
        assert [combo.itemText(i) for i in range(combo.count())] == list(MODELS)
        # WHEN the person picks that model and tests
        combo.setCurrentText("no-responses")
        seen: list[list[list[str]]] = []

        async def scenario() -> None:
            dialog.test_button.click()
            while dialog.test_panel.services.tasks.running(("settings", "doctor")):
                seen.append(_cells(dialog))
                await asyncio.sleep(0.005)

        run(scenario())
        probed = {r.body.get("model") for r in server.requests if isinstance(r.body, dict)}
    # THEN rows appeared one by one, each "Checking…" before its verdict
    partial = [cells for cells in seen if cells and cells[-1][1] == "Checking…"]
    assert partial, "no row was ever seen checking"
    assert any(len(cells) < 5 for cells in partial)
    assert any(row[0] == "Streaming and token counts" for cells in partial for row in cells[-1:])
    # AND the chosen model was the one probed
    assert probed == {"no-responses"}
    # AND every row is worded for what happened: no Responses API and no reasoning are
    # "Not supported", not "Failed"
    final = {row[0]: row for row in _cells(dialog)}
    assert list(final) == ["Model list", "Chat with an image", "Streaming and token counts",
                           "Responses API", "Reasoning"]
    assert final["Chat with an image"][1] == "OK"
    assert final["Responses API"][1:] == ["Not supported", "This server has no Responses API; "
                                          "the Chat API is used instead."]
    assert final["Reasoning"][1] == "Not supported"
    assert "returned no reasoning" in final["Reasoning"][2]
    assert all(row[1] != "Failed" for row in final.values())
    # AND a detail can be read whole in its tooltip
    assert dialog.doctor_table.item(0, 2).toolTip() == final["Model list"][2]
    dialog.close()


def test_no_command_line_text_anywhere_in_the_dialog(session: Any, run: Any) -> None:
    # GIVEN a provider with no models WHEN the connection test runs without a model to probe
    with FaultServer() as server:
        add_provider(server.base_url, ApiStyle.CHAT, ())
        dialog = run(_open(session))
        dialog.form.sections.setCurrentIndex(SECTION_TEST)

        async def test() -> None:
            dialog.test_button.click()
            await dialog.test_panel.services.tasks.wait_idle(("settings", "doctor"))

        run(test())
    final = {row[0]: row for row in _cells(dialog)}
    assert final["Image analysis"][1:] == ["Not checked", "No model was chosen to probe."]
    # THEN no text a person can see, in any section, speaks of commands or flags
    texts = [cell for row in _cells(dialog) for cell in row]
    for widget in dialog.findChildren(QWidget):
        for getter in ("text", "toolTip", "placeholderText", "windowTitle"):
            value = getattr(widget, getter, None)
            if callable(value):
                try:
                    texts.append(str(value()))
                except TypeError:  # a text() that needs arguments (QComboBox.itemText and kin)
                    continue
    command_line = re.compile(r"--[a-z]|visiondesk (providers|keys|models|doctor|analyze)|keys set")
    assert not [t for t in texts if command_line.search(t)]
    dialog.close()


def test_fetch_from_server_adds_the_listed_models_and_save_keeps_them(session: Any, run: Any) -> None:
    # GIVEN a provider that knows one model
    with FaultServer() as server:
        add_provider(server.base_url, ApiStyle.CHAT, ("gpt-4o",))
        dialog = run(_open(session))
        form = dialog.form
        form.sections.setCurrentIndex(SECTION_MODELS)

        async def fetch() -> str:
            # WHEN the person fetches the model list, then saves
            form.fetch_button.click()
            await session.controller.tasks.wait_idle(("settings",))
            said = form.fetch_status.text()
            dialog.providers.save_button.click()
            await session.controller.tasks.wait_idle(("settings",))
            return said

        said = run(fetch())
    # THEN the listed models are rows after the one it had, and the count is said
    ids = [m.id for m in dialog.models_table.models()]
    assert ids[0] == "gpt-4o" and "reasoner" in ids and ids.count("gpt-4o") == 1
    assert re.fullmatch(r"\d+ listed, \d+ added; press Save provider to keep them\.", said), said
    assert [m.id for m in ProviderStore.load().find("loopback").models] == ids
    dialog.close()


def test_edits_are_kept_when_moving_on_and_a_bad_one_is_said(session: Any, run: Any) -> None:
    with FaultServer() as server:
        add_provider(server.base_url, ApiStyle.CHAT, ("gpt-4o",))
        dialog = run(_open(session))
    form, page = dialog.form, dialog.providers

    async def scenario() -> None:
        # WHEN a name is changed and the person picks another provider (no Save pressed)
        form.name_field.setText("Loopback renamed")
        _select(dialog, "openai")
        await session.controller.tasks.wait_idle(("settings",))
        # THEN the change is saved and the list shows it, with OpenAI still chosen
        assert ProviderStore.load().find("loopback").name == "Loopback renamed"
        assert dialog.provider_list.currentItem().text() == "OpenAI"
        assert form.current is not None and form.current.id == "openai"
        # WHEN OpenAI's URL is made unusable and the person moves on
        form.url_field.setText("api.openai.com")
        _select(dialog, "loopback")
        await session.controller.tasks.wait_idle(("settings",))
        # THEN it is not saved, and the page says why
        assert "OpenAI" in page.status.text() and "http://" in page.status.text()
        assert ProviderStore.load().find("openai").base_url == "https://api.openai.com/v1"
        # WHEN a price is typed and the dialog closed
        form.models_table.item(0, 3).setText("2.5")
        dialog.close()
        await session.controller.tasks.wait_idle(("settings",))

    run(scenario())
    # THEN Close kept it too
    assert ProviderStore.load().find("loopback").models[0].price_input == 2.5


def test_a_changed_preset_can_be_restored_but_never_removed(session: Any, run: Any) -> None:
    dialog = run(_open(session, None))
    page, form = dialog.providers, dialog.form

    async def scenario() -> None:
        # GIVEN OpenAI untouched THEN there is nothing to restore
        _select(dialog, "openai")
        await session.controller.tasks.wait_idle(("settings",))
        assert not page.reset_button.isVisibleTo(dialog)
        # WHEN its read timeout is changed and saved
        form.read_timeout.setValue(900)
        page.save_button.click()
        await session.controller.tasks.wait_idle(("settings",))
        assert ProviderStore.load().find("openai").read_timeout == 900
        # THEN it still cannot be removed, but it can be restored, after a question naming it
        assert not page.remove_button.isEnabled()
        assert page.reset_button.isVisibleTo(dialog)
        page.reset_button.click()
        box = page.confirm
        assert isinstance(box, QMessageBox) and "OpenAI" in box.text()
        box.button(QMessageBox.StandardButton.Yes).click()
        await session.controller.tasks.wait_idle(("settings",))

    run(scenario())
    # AND the built-in settings are back, on screen and on disk
    assert form.read_timeout.value() == 300
    assert ProviderStore.load().find("openai").read_timeout == 300
    assert "openai" not in ProviderStore.load().custom
    assert not page.reset_button.isVisibleTo(dialog)
    assert page.status.text() == "Restored the built-in settings."
    dialog.close()
