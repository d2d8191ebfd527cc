"""In Chinese, every word the window shows is Chinese: the main window, the settings dialog, a run
that fails after its retries, the comparison, Qt's own file dialog.

Each test walks every visible widget (labels, buttons, tab titles, tooltips, menus and their
actions, placeholders, table headers and cells, combo items) and looks for English words. Allowed:
model ids, URLs, file names, units (px, KB, ms…), key names (Ctrl, Shift, Esc) and a few proper
names and protocol terms a Chinese interface keeps in Latin letters (API, OCR, PDF, JSON…).
Set ``VISIONDESK_RENDER_DIR`` to also save each render as a PNG to look at.
"""

from __future__ import annotations

import os
import re
import socket
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtWidgets import (
    QAbstractButton,
    QApplication,
    QComboBox,
    QFileDialog,
    QGroupBox,
    QLabel,
    QLineEdit,
    QListWidget,
    QMenu,
    QPlainTextEdit,
    QStatusBar,
    QTableWidget,
    QTabWidget,
    QTextEdit,
    QWidget,
)

from tests.gui.conftest import RECEIPT, add_provider, until
from tests.support.fault_server import MODEL_IDS, FaultServer
from visiondesk.core.request import ApiStyle

# Kept in Latin letters in a Chinese interface: names, protocols, formats, key names, units.
ALLOWED = {
    "visiondesk", "api", "apis", "ocr", "pdf", "png", "jpeg", "jpg", "webp", "gif", "bmp", "tiff",
    "heic", "json", "jsonl", "csv", "url", "http", "https", "sse", "markdown", "schema", "id",
    "openai", "chat", "completions", "responses", "ollama", "dmxapi", "rapidocr", "llama", "cpp",
    "ctrl", "shift", "alt", "esc", "tab", "enter", "return", "del", "f5",
    "px", "kb", "mb", "gb", "ms", "s", "dpi", "usd", "cny", "cer", "token", "tokens",
    "utf", "os", "v1", "x11", "wayland", "gnome", "kde", "kwallet", "keyring", "secret",
    "service", "macos", "windows", "linux", "xdg",
}
URL = re.compile(r"[a-z][a-z0-9+.-]*://\S+|\b(?:localhost|\d{1,3}(?:\.\d{1,3}){3})(?::\d+)?\S*",
                 re.I)
FILE_NAME = re.compile(r"[\w.-]+\.(?:png|jpe?g|webp|gif|bmp|tiff?|pdf|json|jsonl|csv|md|toml|"
                       r"txt|heic)\b|\*\.\w+", re.I)
TAGS = re.compile(r"<[^>]+>|&\w+;|&#\d+;")
ACCELERATOR = re.compile(r"\(&?[A-Z]\)|&(?=\w)")     # 打开(&O) / 语言(L) / &Open
SHORTCUT = re.compile(r"\b(?:Ctrl|Shift|Alt|Meta)\+[\w+,.]+|\bF\d{1,2}\b")
PATH = re.compile(r"(?:^|\s)(?:~|\.{0,2})/\S*")
LANGUAGE_NAMES = ("English",)   # each language is offered in its own name
WORD = re.compile(r"[A-Za-z][A-Za-z'’]*")
QUOTED = re.compile(r"“[^”]*”")     # someone else's words: a model's answer, a server's message


def english_words(text: str, models: Iterable[str] = ()) -> list[str]:
    """The English words of ``text``, with markup, URLs, file names, model ids and the allowed
    terms taken out."""
    text = text.replace("\u2060", "")  # word joiners: invisible, they only keep a phrase on one line
    text = ACCELERATOR.sub("", QUOTED.sub(" ", TAGS.sub(" ", text)))
    text = PATH.sub(" ", SHORTCUT.sub(" ", text))
    for model in sorted(models, key=len, reverse=True):
        text = text.replace(model, " ")
    text = FILE_NAME.sub(" ", URL.sub(" ", text))
    return [w for w in WORD.findall(text) if w.lower().strip("'’") not in ALLOWED]


def _shown(widget: QWidget, top: QWidget) -> bool:
    return widget.isVisibleTo(top) or widget is top


def texts_of(top: QWidget) -> Iterator[tuple[str, str]]:
    """(where, text) for everything a person can read in ``top`` and its menus."""
    widgets = [top, *top.findChildren(QWidget)]
    for widget in widgets:
        if isinstance(widget, QMenu):
            for action in widget.actions():
                yield f"menu {widget.title()!r}", action.text()
                yield f"menu {widget.title()!r} tip", action.toolTip()
                yield f"menu {widget.title()!r} status", action.statusTip()
            yield "menu", widget.title()
            continue
        if not _shown(widget, top):
            continue
        where = f"{type(widget).__name__} {widget.objectName()!r}"
        yield f"{where} tooltip", widget.toolTip()
        yield f"{where} accessible", widget.accessibleName()
        if widget.isWindow():
            yield f"{where} title", widget.windowTitle()
        if isinstance(widget, QStatusBar):
            yield where, widget.currentMessage()
        if isinstance(widget, QLabel | QAbstractButton):
            yield where, widget.text()
        elif isinstance(widget, QLineEdit | QPlainTextEdit | QTextEdit):
            yield f"{where} placeholder", widget.placeholderText()
        elif isinstance(widget, QGroupBox):
            yield where, widget.title()
        elif isinstance(widget, QComboBox):
            for i in range(widget.count()):
                yield f"{where} item", widget.itemText(i)
        if isinstance(widget, QListWidget):
            for i in range(widget.count()):
                yield f"{where} item", widget.item(i).text()
                yield f"{where} item tip", widget.item(i).toolTip()
        if isinstance(widget, QTabWidget):
            for i in range(widget.count()):
                yield f"{where} tab", widget.tabText(i)
                yield f"{where} tab tip", widget.tabToolTip(i)
        if isinstance(widget, QTableWidget):
            for column in range(widget.columnCount()):
                header = widget.horizontalHeaderItem(column)
                if header is not None:
                    yield f"{where} header", header.text()
                    yield f"{where} header tip", header.toolTip()
            for row in range(widget.rowCount()):
                for column in range(widget.columnCount()):
                    item = widget.item(row, column)
                    if item is not None:
                        yield f"{where} cell", item.text()
                        yield f"{where} cell tip", item.toolTip()
    for action in top.actions():
        yield "action", action.text()
        yield "action tip", action.toolTip()


def brand_names() -> list[str]:
    """The presets' names that are names (OpenAI, DMXAPI, tutujin…), not English words, and
    every built-in provider's id (an identifier, shown as such)."""
    from visiondesk.config.providers import LOCAL_OCR, PRESETS

    return [p.name for p in PRESETS if "(" not in p.name] + [p.id for p in (*PRESETS, LOCAL_OCR)]


def english_in(top: QWidget, models: Iterable[str] = ()) -> list[str]:
    models = [*models, *brand_names()]
    found = []
    for where, text in texts_of(top):
        if text in LANGUAGE_NAMES and where.startswith("menu"):
            continue
        words = english_words(text or "", models)
        if words:
            found.append(f"{where}: {text!r} -> {words}")
    return sorted(set(found))


def _render(widget: QWidget, name: str) -> None:
    folder = os.environ.get("VISIONDESK_RENDER_DIR")
    if folder:
        Path(folder).mkdir(parents=True, exist_ok=True)
        widget.grab().save(str(Path(folder) / f"{name}.png"), "PNG")


def _closed_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def test_the_words_test_sees_english() -> None:
    # The checker itself: English is found, Chinese, model ids, URLs and file names are not.
    assert english_words("Run again") == ["Run", "again"]
    assert english_words("运行 gpt-4o 于 http://127.0.0.1:9/v1 读取 receipt.png（900 px）",
                         ["gpt-4o"]) == []
    assert english_words("<b>失败</b>&nbsp;Failed") == ["Failed"]
    assert english_words("回答：“You asked”。打开(&O)（Ctrl+O）") == []


def test_window_with_a_failed_run_is_all_chinese(session: Any, run: Any) -> None:
    import keyring

    window = session.window
    base_url = f"http://127.0.0.1:{_closed_port()}/v1"   # nothing listens: retries, then fails
    add_provider(base_url, ApiStyle.CHAT, ("qwen2.5-vl-7b",))
    keyring.set_password("visiondesk", "loopback", "sk-test")
    session.set_language("zh_CN")
    retry_texts: list[str] = []

    async def scenario() -> None:
        await session.controller.startup([str(RECEIPT)], "loopback", ["qwen2.5-vl-7b"])
        await session.controller.wait_idle("image")
        window.prompt.set_prompt("这张收据的总额是多少？")
        window.run_button.click()
        await until(lambda: window.results.panes, what="a pane")
        pane = window.results.panes[0]
        await until(lambda: pane.result is not None and pane.result.notices, what="a retry")
        await until(lambda: "重试" in pane.summary.text(), what="the retry notice shown")
        retry_texts.append(pane.summary.text())
        _render(window, "zh-retrying")
        await until(lambda: pane.result.status is not None, timeout=20, what="failed run")

    run(scenario(), timeout=40)
    QApplication.processEvents()
    _render(window, "zh-failed-run")
    pane = window.results.panes[0]
    assert str(pane.result.status) == "failed"
    # THEN the retry notice, the error box and its advice are in Chinese
    assert re.search(r"秒后重试（第 \d 次，共 3 次）", retry_texts[0]), retry_texts[0]
    error = pane.findChild(QLabel, "resultError")
    assert error.isVisible() and "无法连接到" in error.text(), error.text()
    found = english_in(window, ["qwen2.5-vl-7b", "Loopback"])
    assert not found, "\n".join(found)


# The connection test leaves an httpx byte stream unfinished; when it is collected, outside its
# task, Python reports "async generator ignored GeneratorExit" (issue 9, "stderr noise": the
# engine's to fix, not this test's). Only the words are checked here.
@pytest.mark.filterwarnings("ignore::pytest.PytestUnraisableExceptionWarning")
def test_settings_dialog_is_all_chinese(session: Any, run: Any) -> None:
    from visiondesk.gui.settings_dialog import SettingsDialog

    with FaultServer() as server:
        add_provider(server.base_url, ApiStyle.CHAT, ("qwen2.5-vl-7b",))
        session.set_language("zh_CN")

        async def scenario() -> SettingsDialog:
            await session.controller.startup([], "loopback", [])
            session.window.settings_action.trigger()
            dialog = session.window.findChild(SettingsDialog)
            assert dialog is not None
            await until(lambda: dialog.keyring_label.text(), what="keyring status")
            return dialog

        dialog = run(scenario(), timeout=40)
        QApplication.processEvents()
        _render(dialog, "zh-settings")
        models = ["qwen2.5-vl-7b", "Loopback", "loopback"]
        found = english_in(dialog, models)
        assert not found, "\n".join(found)

        # WHEN Test connection runs, its rows and details are Chinese too
        button = dialog.findChild(QAbstractButton, "testConnectionButton")
        table = dialog.findChild(QTableWidget, "doctorTable")
        sections = dialog.findChild(QTabWidget, "providerSections")
        sections.setCurrentIndex(next(i for i in range(sections.count())
                                      if sections.widget(i).isAncestorOf(button)))

        async def probe() -> None:
            button.click()
            await until(lambda: table.rowCount() and button.isEnabled(), timeout=30,
                        what="test connection finished")

        run(probe(), timeout=40)
        QApplication.processEvents()
        _render(dialog, "zh-settings-test-connection")
        cells = [table.item(r, c).text() for r in range(table.rowCount())
                 for c in range(table.columnCount()) if table.item(r, c) is not None]
        assert len(cells) >= 6, cells
        found = english_in(dialog, [*models, *MODEL_IDS])
        assert not found, "\n".join(found)
        dialog.close()


def test_qt_file_dialog_is_chinese(session: Any) -> None:
    session.set_language("zh_CN")
    dialog = QFileDialog(session.window, "打开")
    dialog.setOption(QFileDialog.Option.DontUseNativeDialog)
    dialog.show()
    QApplication.processEvents()
    _render(dialog, "zh-file-dialog")
    buttons = [b.text() for b in dialog.findChildren(QAbstractButton) if b.isVisible() and b.text()]
    labels = [w.text() for w in dialog.findChildren(QLabel) if w.isVisible() and w.text()]
    dialog.close()
    assert "取消" in "".join(buttons) or "取消" in "".join(labels), (buttons, labels)
    assert not [t for t in labels if english_words(t)], labels


def test_each_language_gets_its_own_font_live(session: Any, run: Any) -> None:
    # English on a Chinese system must not draw Latin text with the CJK font ("…" as centred
    # dots, no bold face); Chinese must not draw with a Latin font. Switched live.
    from PySide6.QtGui import QFontInfo

    from visiondesk.gui.fonts import _is_cjk

    run(session.controller.startup([], None, []))
    label = session.window.prompt.findChild(QLabel, "sectionLabel")
    session.set_language("zh_CN")
    QApplication.processEvents()
    assert _is_cjk(QFontInfo(label.font()).family()), QFontInfo(label.font()).family()
    _render(session.window, "zh-fonts")
    session.set_language("en")
    QApplication.processEvents()
    assert not _is_cjk(QFontInfo(label.font()).family()), QFontInfo(label.font()).family()
    assert not _is_cjk(QFontInfo(session.window.run_button.font()).family())
    _render(session.window, "en-fonts")


def test_engine_sentences_are_worded_in_chinese(session: Any) -> None:
    from visiondesk.gui.engine_text import worded

    retry = ("Could not connect to http://127.0.0.1:9/v1. — retrying in 1.0 s (attempt 3 of 3).")
    server_words = "Rate limit reached for gpt-4o in organization org-x."
    assert worded(retry) == retry                      # English: the engine's own words
    session.set_language("zh_CN")
    assert worded(retry) == "无法连接到 http://127.0.0.1:9/v1。1.0 秒后重试（第 3 次，共 3 次）。"
    assert worded("HTTP 429: " + server_words) == "HTTP 429：" + server_words   # theirs kept
    assert worded("scan.pdf is a folder, not a PDF.") == "scan.pdf 是文件夹，不是PDF。"
    assert worded('"9-2" runs backwards; write the smaller page first (2-9).') == \
        "“9-2”的顺序反了；请先写较小的页码（2-9）。"


def test_every_engine_template_has_a_translation_with_its_placeholders(session: Any) -> None:
    from visiondesk.gui.engine_text import CONTEXT, NOUNS, TABLE

    session.set_language("zh_CN")
    placeholders = re.compile(r"\{\w+\}")
    for source in [template for _, template in TABLE] + list(NOUNS.values()):
        translated = QApplication.translate(CONTEXT, source)
        assert translated != source or source == "a PDF", source
        assert sorted(placeholders.findall(translated)) == sorted(placeholders.findall(source))


def test_preset_names_follow_the_language_live(session: Any, run: Any) -> None:
    run(session.controller.startup([], None, []))
    combo = session.window.picker.provider_combo
    names = [combo.itemText(i) for i in range(combo.count())]
    assert "Local OCR (offline)" in names and "Ollama (local)" in names
    session.set_language("zh_CN")
    QApplication.processEvents()
    names = [combo.itemText(i) for i in range(combo.count())]
    assert "本地 OCR（离线）" in names and "Ollama（本地）" in names
    session.set_language("en")
    QApplication.processEvents()
    assert "Local OCR (offline)" in [combo.itemText(i) for i in range(combo.count())]
    # The configuration keeps the English names: the translation is for display only.
    from visiondesk.config.providers import ProviderStore

    assert "Local OCR (offline)" in [p.name for p in ProviderStore.load().all()]


def test_every_string_in_the_sources_has_a_chinese_translation() -> None:
    # Regenerates a copy of the catalogue from the sources (lupdate + the _tr() helpers) with
    # the pending files merged: a new window string without a translation fails here.
    from tools.translations import untranslated

    missing = untranslated()
    assert not missing, "\n".join(missing)


def test_a_comparison_with_thoughts_is_all_chinese(session: Any, run: Any) -> None:
    import keyring

    models = ["reason-model", "gpt-4o", "model-b"]
    window = session.window
    with FaultServer(api_key="sk-test") as server:
        add_provider(server.base_url, ApiStyle.CHAT, tuple(models))
        keyring.set_password("visiondesk", "loopback", "sk-test")
        session.set_language("zh_CN")

        async def scenario() -> None:
            await session.controller.startup([str(RECEIPT)], "loopback", models)
            await session.controller.wait_idle("image")
            window.prompt.set_prompt("读一下")
            window.run_button.click()
            await until(lambda: len(window.results.panes) == 3 and all(
                p.result is not None and p.result.status is not None
                for p in window.results.panes), timeout=30, what="three finished columns")
            await session.controller.wait_idle("agreement")

        run(scenario(), timeout=45)
    QApplication.processEvents()
    _render(window, "zh-comparison")
    # The answers are the fault server's English; the walk reads labels, not answer views.
    assert len(window.results.grid.columns) == 3
    found = english_in(window, [*models, "Loopback"])
    for column in window.results.grid.columns:   # every tab: usage, reasoning, differences…
        for index in range(column.pane.tabs.count()):
            column.pane.tabs.setCurrentIndex(index)
            QApplication.processEvents()
            found += english_in(column, [*models, "Loopback"])
    assert not found, "\n".join(sorted(set(found)))


def test_local_ocr_and_the_batch_dialog_are_all_chinese(session: Any, run: Any) -> None:
    from visiondesk.config.providers import LOCAL_OCR_ID, LOCAL_OCR_MODEL
    from visiondesk.gui.batch_dialog import BatchDialog

    window = session.window
    session.set_language("zh_CN")

    async def scenario() -> None:
        await session.controller.startup([str(RECEIPT)], LOCAL_OCR_ID, [LOCAL_OCR_MODEL])
        await session.controller.wait_idle("image")
        window.run_button.click()
        await until(lambda: window.results.panes, what="a pane")
        pane = window.results.panes[0]
        await until(lambda: pane.result is not None and pane.result.status is not None,
                    timeout=60, what="OCR finished")

    run(scenario(), timeout=90)
    QApplication.processEvents()
    _render(window, "zh-local-ocr")
    pane = window.results.panes[0]
    found = []
    for index in range(pane.tabs.count()):
        pane.tabs.setCurrentIndex(index)
        QApplication.processEvents()
        found += english_in(window, [LOCAL_OCR_MODEL])
    assert not found, "\n".join(sorted(set(found)))

    window.batch_requested.emit()
    QApplication.processEvents()
    dialog = window.findChild(BatchDialog)
    assert dialog is not None and dialog.isVisible()
    _render(dialog, "zh-batch")
    found = english_in(dialog, [LOCAL_OCR_MODEL])
    dialog.close()
    assert not found, "\n".join(found)


def test_english_on_a_chinese_system_draws_latin_with_a_latin_font() -> None:
    # On a Chinese system fontconfig resolves the default "Sans Serif" to a CJK font; English
    # must still get a Latin one (else "…" is drawn as centred dots). Its own process: the
    # locale decides what fontconfig prefers.
    import subprocess
    import sys

    script = (
        "from PySide6.QtWidgets import QLabel\n"
        "from PySide6.QtGui import QFontInfo\n"
        "from visiondesk.gui.application import create_application\n"
        "from visiondesk.gui.i18n import Translations\n"
        "from visiondesk.gui.fonts import _is_cjk\n"
        "app = create_application()\n"
        "label = QLabel('Thinking…')\n"
        "seen = []\n"
        "for language in ('en', 'zh_CN', 'en'):\n"
        "    Translations().install(language)\n"
        "    app.processEvents()\n"
        "    seen.append(_is_cjk(QFontInfo(label.font()).family()))\n"
        "print(seen)\n")
    env = {**os.environ, "LANG": "zh_CN.UTF-8", "LC_ALL": "zh_CN.UTF-8", "LANGUAGE": "zh_CN",
           "QT_QPA_PLATFORM": "offscreen"}
    done = subprocess.run([sys.executable, "-c", script], env=env, capture_output=True,
                          text=True, timeout=60, check=True)
    assert done.stdout.strip().splitlines()[-1] == "[False, True, False]", done.stdout + done.stderr


def test_every_translation_keeps_its_placeholders_and_accelerator() -> None:
    # A translation that loses "{0}" shows a hole (or raises in str.format); one that loses
    # its "&X" leaves a menu without its Alt key.
    import xml.etree.ElementTree as ET

    ts = Path(__file__).resolve().parents[2] / "resources/translations/visiondesk_zh_CN.ts"
    placeholder = re.compile(r"\{[^{}]*\}")
    accelerator = re.compile(r"&(?!&)\w")
    wrong = []
    for context in ET.parse(ts).getroot().iter("context"):
        for message in context.iter("message"):
            source = message.findtext("source") or ""
            translation = message.findtext("translation") or ""
            if not translation:
                continue   # untranslated: the test above names those
            name = f"{context.findtext('name')}: {source!r} -> {translation!r}"
            if sorted(placeholder.findall(source)) != sorted(placeholder.findall(translation)):
                wrong.append(f"placeholders  {name}")
            if accelerator.search(source) and not accelerator.search(translation):
                wrong.append(f"accelerator  {name}")
    assert not wrong, "\n".join(wrong)
