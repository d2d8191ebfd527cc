"""The main window as a person uses it: add images, ask, watch the answer arrive, copy, stop.

GIVEN/WHEN/THEN in each test; assertions are on what a person would see (tab contents, labels,
the clipboard), never on wire JSON.
"""

from __future__ import annotations

import warnings
from typing import Any

from PySide6.QtCore import QMimeData, QPointF, Qt, QUrl
from PySide6.QtGui import QDragEnterEvent, QDropEvent, QGuiApplication, QImage
from PySide6.QtWidgets import QApplication, QLabel, QPushButton, QTabWidget, QWidget

from tests.gui.conftest import RECEIPT, add_provider, until
from tests.support.fault_server import FaultServer, answer_text, reasoning_text
from visiondesk.core.request import ApiStyle
from visiondesk.gui.result_pane import TAB_REASONING, TAB_TEXT, TAB_USAGE


def _drop(window: Any, mime: QMimeData) -> None:
    """Deliver a drop as Qt would after a drag (sendEvent refuses drops without a real drag)."""
    position = QPointF(window.rect().center())
    with warnings.catch_warnings():  # PySide6 flags the only constructor there is as deprecated
        warnings.simplefilter("ignore", DeprecationWarning)
        enter = QDragEnterEvent(position.toPoint(), Qt.DropAction.CopyAction, mime,
                                Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier)
    window.dragEnterEvent(enter)
    assert enter.isAccepted()
    drop = QDropEvent(position, Qt.DropAction.CopyAction, mime, Qt.MouseButton.LeftButton,
                      Qt.KeyboardModifier.NoModifier)
    window.dropEvent(drop)
    assert drop.isAccepted()


def test_title_and_stable_object_names(session: Any, run: Any) -> None:
    window = session.window
    run(session.controller.startup([], None, []))
    assert "VisionDesk" in window.windowTitle()
    for name in ("dropPlaceholder", "promptEditor", "modelPicker", "runButton", "resultsArea"):
        assert window.findChild(QWidget, name) is not None, name
    # the preview is built with the first image (start-up need not pay for it)
    assert window.findChild(QWidget, "imagePreview") is None
    assert window.findChild(QPushButton, "runButton").accessibleName()


def test_drop_a_file_shows_preview_and_what_will_be_sent(session: Any, run: Any) -> None:
    # GIVEN the window WHEN a PNG file is dropped on it
    window = session.window

    async def scenario() -> None:
        await session.controller.startup([], None, [])
        mime = QMimeData()
        mime.setUrls([QUrl.fromLocalFile(str(RECEIPT))])
        _drop(window, mime)
        await session.controller.wait_idle("image")

    run(scenario())
    # THEN it is in the panel, with its size, bytes, format and estimated tokens
    entries = window.image_panel.entries
    assert [e.label for e in entries] == ["receipt.png"]
    assert entries[0].preview is not None
    preview = window.findChild(QWidget, "imagePreview")
    assert preview is not None and preview.isVisibleTo(window)
    info = window.findChild(QLabel, "imageInfo").text()
    assert "900 × 1200" in info and "PNG" in info and "image tokens" in info


def test_paste_an_image_with_ctrl_v(session: Any, run: Any, qtbot: Any) -> None:
    # GIVEN an image on the clipboard
    image = QImage(320, 200, QImage.Format.Format_RGB32)
    image.fill(Qt.GlobalColor.darkCyan)
    QGuiApplication.clipboard().setImage(image)
    window = session.window

    async def scenario() -> None:
        await session.controller.startup([], None, [])
        # WHEN Ctrl+V is pressed in the prompt editor
        editor = window.prompt.editor
        editor.setFocus()
        qtbot.keyClick(editor, Qt.Key.Key_V, Qt.KeyboardModifier.ControlModifier)
        await until(lambda: window.image_panel.entries, what="pasted image")
        await session.controller.wait_idle("image")

    run(scenario())
    # THEN the image is added and the prompt did not receive text
    entry = window.image_panel.entries[0]
    assert entry.original_size == (320, 200)
    assert "320 × 200" in window.image_panel.info.text()
    assert window.prompt.prompt() == ""


def _start_with(session: Any, server: FaultServer, models: list[str],
                api_style: ApiStyle = ApiStyle.CHAT, key: str = "sk-test") -> Any:
    import keyring

    add_provider(server.base_url, api_style, tuple(models))
    keyring.set_password("visiondesk", "loopback", key)

    async def start() -> None:
        await session.controller.startup([str(RECEIPT)], "loopback", models)
        await session.controller.wait_idle("image")

    return start()


def test_run_shows_answer_reasoning_and_usage(session: Any, run: Any, qtbot: Any) -> None:
    window = session.window
    with FaultServer(api_key="sk-test") as server:
        async def scenario() -> None:
            await _start_with(session, server, ["reason-model"])
            window.prompt.set_prompt("What is the total?")
            # WHEN Ctrl+Return is pressed
            qtbot.keyClick(window.prompt.editor, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
            await until(lambda: window.results.panes, what="a pane")
            pane = window.results.panes[0]
            await until(lambda: pane.result is not None and pane.result.status is not None,
                        what="finished run")

        run(scenario())
        sent = server.last_request
    pane = window.results.panes[0]
    # THEN the answer, the reasoning and the usage are all shown
    expected = answer_text("What is the total?")
    assert pane.result.text == expected
    assert "You asked: What is the total?" in pane.answer_view.toPlainText()
    pane.tabs.setCurrentIndex(TAB_REASONING)
    assert pane.reasoning_view.toPlainText() == reasoning_text("What is the total?")
    pane.tabs.setCurrentIndex(TAB_USAGE)
    assert pane.usage_view.value("input") not in ("", "—")
    assert pane.usage_view.value("output") not in ("", "—")
    assert "in" in pane.summary.text() and "out" in pane.summary.text()
    assert str(pane.result.status) == "completed"
    # the key went in the header and the image in the body
    assert sent.headers["authorization"] == "Bearer sk-test"
    assert "data:image/png;base64," in sent.raw.decode()
    # the Raw tab shows the request with the key redacted and image data elided
    pane.tabs.setCurrentIndex(4)
    raw = pane.raw_view.toPlainText()
    assert "sk-test" not in raw and "base64 characters" in raw and "Bearer ••••" in raw


def test_copy_puts_plain_text_on_the_clipboard(session: Any, run: Any, qtbot: Any) -> None:
    window = session.window
    with FaultServer(api_key="sk-test") as server:
        async def scenario() -> None:
            await _start_with(session, server, ["plain-model"])
            window.prompt.set_prompt("**bold** question")
            window.run_button.click()
            await until(lambda: window.results.panes and window.results.panes[0].result
                        and window.results.panes[0].result.status, what="finished run")

        run(scenario())
    QGuiApplication.clipboard().clear()
    qtbot.keyClick(window, Qt.Key.Key_C,
                   Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier)
    copied = QGuiApplication.clipboard().text()
    assert copied.startswith("You asked: bold question")
    assert "**" not in copied
    pane = window.results.panes[0]
    pane.tabs.setCurrentIndex(TAB_TEXT)
    assert pane.text_view.toPlainText() == copied


def test_escape_cancels_and_keeps_partial_text(session: Any, run: Any, qtbot: Any) -> None:
    window = session.window
    with FaultServer(api_key="sk-test") as server:
        async def scenario() -> None:
            await _start_with(session, server, ["slow-50-400"])
            window.prompt.set_prompt("slowly please")
            window.run_button.click()
            await until(lambda: window.results.panes and window.results.panes[0].result
                        and window.results.panes[0].result.text, what="first text")
            # WHEN Esc is pressed while the answer streams
            qtbot.keyClick(window, Qt.Key.Key_Escape)
            await session.controller.wait_idle("pane")

        run(scenario())
    pane = window.results.panes[0]
    # THEN the run is cancelled and what arrived stays visible
    assert str(pane.result.status) == "cancelled"
    assert pane.result.text and pane.result.text != answer_text("slowly please")
    assert pane.result.text in pane.answer_view.toPlainText()
    assert window.findChild(QLabel, "resultStatus").text() == "Cancelled"


def test_html_502_shows_a_readable_error(session: Any, run: Any) -> None:
    window = session.window
    with FaultServer(api_key="sk-test") as server:
        async def scenario() -> None:
            await _start_with(session, server, ["html-502"])
            window.prompt.set_prompt("hello")
            window.run_button.click()
            await until(lambda: window.results.panes and window.results.panes[0].result
                        and window.results.panes[0].result.status, timeout=20, what="failure")

        run(scenario(), timeout=40)
    pane = window.results.panes[0]
    error = pane.findChild(QLabel, "resultError")
    assert error.isVisible()
    text = error.text()
    assert "502" in text
    assert "<html" not in text.lower() and "Traceback" not in text
    assert "try again later" in text


def test_two_models_run_concurrently_in_two_panes(session: Any, run: Any) -> None:
    window = session.window
    with FaultServer(api_key="sk-test") as server:
        async def scenario() -> None:
            await _start_with(session, server, ["model-a", "model-b"])
            window.prompt.set_prompt("compare")
            window.run_button.click()
            await until(lambda: len(window.results.panes) == 2 and all(
                p.result and p.result.status for p in window.results.panes), what="both done")

        run(scenario())
    assert [p.result.model for p in window.results.panes] == ["model-a", "model-b"]
    assert all(p.result.text == answer_text("compare") for p in window.results.panes)


def test_language_switch_changes_labels(session: Any, run: Any) -> None:
    window = session.window
    run(session.controller.startup([], None, []))
    assert window.run_button.text() == "Run"
    session.set_language("zh_CN")
    QApplication.processEvents()
    assert window.run_button.text() == "运行"
    assert window.prompt.findChild(QLabel, "sectionLabel").text() == "提示词"
    session.set_language("en")
    QApplication.processEvents()
    assert window.run_button.text() == "Run"


def test_result_tabs_are_labelled(session: Any, run: Any) -> None:
    run(session.controller.startup([], None, []))
    pane = session.window.results.prepare(1)[0]
    tabs = pane.findChild(QTabWidget, "resultTabs")
    assert [tabs.tabText(i) for i in range(tabs.count())] == [
        "Answer", "Text", "Reasoning", "Usage", "Raw"]


def test_settings_dialog_stores_a_key_and_shows_keyring_status(session: Any, run: Any,
                                                             memory_keyring: Any) -> None:
    import keyring

    from visiondesk.gui.settings_dialog import SettingsDialog

    with FaultServer() as server:
        add_provider(server.base_url, ApiStyle.CHAT, ("m1",))

        async def scenario() -> SettingsDialog:
            await session.controller.startup([], "loopback", [])
            session.window.settings_action.trigger()  # Ctrl+,
            dialog = session.window.findChild(SettingsDialog)
            assert dialog is not None and dialog.isVisible()
            await until(lambda: dialog.keyring_label.text(), what="keyring status")
            dialog.key_field.setText("sk-from-dialog")
            dialog.save_key_button.click()
            await until(lambda: keyring.get_password("visiondesk", "loopback"), what="key stored")
            return dialog

        dialog = run(scenario(), timeout=40)
    assert keyring.get_password("visiondesk", "loopback") == "sk-from-dialog"
    assert dialog.key_field.text() == ""  # the key does not linger in the widget
    assert "OS keyring in use" in dialog.keyring_label.text()
    dialog.close()


def test_warm_up_prepares_the_engine_in_the_background(session: Any, run: Any) -> None:
    # GIVEN the window as a person starts it (warm-ups on)
    async def scenario() -> None:
        controller = session.controller
        await controller.startup([], None, [], warm_up=True)  # overrides the fixture default
        # THEN the engine is imported and the remembered quirks read off the GUI thread,
        # with nobody asking for it
        await controller.wait_idle("warm")
        import sys

        assert "visiondesk.api.http_backend" in sys.modules
        assert controller.runner.backends.compat.path is not None  # read from its file

    run(scenario())
