"""The main window: assembles the widgets, menus and shortcuts; remembers its layout.

Left: the model picker. Middle: the image (preview, thumbnails, info, URL) above the prompt and
the Run / Stop buttons. Right: the results. The window emits intents (signals) that the
controller connects to; it never calls the controller and starts no tasks.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, QMimeData, Qt, Signal
from PySide6.QtGui import (
    QAction,
    QGuiApplication,
    QKeyEvent,
    QKeySequence,
)
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QMainWindow,
    QMenu,
    QPushButton,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from visiondesk.gui.fields_option import FieldsButton
from visiondesk.gui.i18n import LANGUAGES
from visiondesk.gui.image_preview import ImagePanel
from visiondesk.gui.model_picker import ModelPicker
from visiondesk.gui.prompt_editor import PromptEditor
from visiondesk.gui.results_area import ResultsArea
from visiondesk.gui.window_size import first_window_size, splitter_sizes

if TYPE_CHECKING:
    from PySide6.QtCore import QObject
    from PySide6.QtGui import (
        QCloseEvent,
        QDragEnterEvent,
        QDropEvent,
    )

    from visiondesk.gui.settings import WindowSettings

IMAGE_FILTER = "*.png *.jpg *.jpeg *.webp *.gif *.bmp *.tif *.tiff *.heic *.heif *.avif"


class MainWindow(QMainWindow):
    closed = Signal()
    language_requested = Signal(str)   # "" = follow the system
    run_requested = Signal()
    stop_requested = Signal()
    paste_requested = Signal()
    capture_requested = Signal()
    capture_copy_requested = Signal()  # capture, and copy its text at once (Local OCR)
    settings_requested = Signal()
    export_requested = Signal()
    batch_requested = Signal()  # the batch dialog (files or folders x checked models)
    history_requested = Signal()  # show or hide the history panel (Ctrl+H)
    files_chosen = Signal(list)        # paths from File > Open
    mime_dropped = Signal(QMimeData)   # a drop: files, an image or a URL

    def __init__(self, settings: WindowSettings, language: str = "en") -> None:
        super().__init__()
        self.setObjectName("mainWindow")
        self.settings = settings
        self.language = language
        self.setAcceptDrops(True)
        self._build()
        self._build_actions()
        self.retranslate()
        self._restore()

    # ---------------------------------------------------------------- construction

    def _build(self) -> None:
        self.picker = ModelPicker()
        self.picker.setMinimumWidth(230)
        self.image_panel = ImagePanel()
        self.prompt = PromptEditor()
        self.results = ResultsArea()

        self.run_button = QPushButton()
        self.run_button.setObjectName("runButton")
        self.run_button.setDefault(True)
        self.run_button.setMinimumWidth(110)
        self.stop_button = QPushButton()
        self.stop_button.setObjectName("stopButton")
        self.stop_button.setEnabled(False)
        self._run_hint = QLabel()
        self._run_hint.setObjectName("hintLabel")
        self._run_hint.setTextFormat(Qt.TextFormat.PlainText)
        self._run_hint.setWordWrap(True)   # wraps in a narrow middle column rather than widen it
        run_row = QHBoxLayout()
        run_row.setContentsMargins(0, 0, 0, 0)
        run_row.addWidget(self._run_hint, 1)
        self.fields_button = FieldsButton()   # structured output: a JSON Schema's fields
        run_row.addWidget(self.fields_button)
        run_row.addWidget(self.stop_button)
        run_row.addWidget(self.run_button)

        ask = QWidget()
        ask_layout = QVBoxLayout(ask)
        ask_layout.setContentsMargins(0, 0, 0, 0)
        ask_layout.setSpacing(8)
        ask_layout.addWidget(self.prompt, 1)
        ask_layout.addLayout(run_row)

        self.middle_splitter = QSplitter(Qt.Orientation.Vertical)
        self.middle_splitter.setObjectName("middleSplitter")
        self.middle_splitter.addWidget(_padded(self.image_panel))
        self.middle_splitter.addWidget(_padded(ask))
        self.middle_splitter.setStretchFactor(0, 3)
        self.middle_splitter.setStretchFactor(1, 1)
        self.middle_splitter.setChildrenCollapsible(False)

        self.main_splitter = QSplitter(Qt.Orientation.Horizontal)
        self.main_splitter.setObjectName("mainSplitter")
        self.main_splitter.addWidget(_padded(self.picker))
        self.main_splitter.addWidget(self.middle_splitter)
        self.main_splitter.addWidget(_padded(self.results))
        self.main_splitter.setStretchFactor(0, 0)
        self.main_splitter.setStretchFactor(1, 1)
        self.main_splitter.setStretchFactor(2, 1)
        self.main_splitter.setChildrenCollapsible(False)
        self.setCentralWidget(self.main_splitter)
        self.statusBar().setObjectName("statusBar")
        size = first_window_size()   # fits the screen: a 1366 x 768 laptop included
        self.resize(size)
        self.main_splitter.setSizes(splitter_sizes(size.width()))
        self.middle_splitter.setSizes([560, 240])
        self.results.attach_side(self.main_splitter, 1)   # image + prompt fold away to a strip
        self.prompt.editor.installEventFilter(self)

    def _action(self, name: str, shortcut: QKeySequence | QKeySequence.StandardKey | str | None = None,
                *more: QKeySequence | str) -> QAction:
        action = QAction(self)
        action.setObjectName(name)
        keys = [QKeySequence(s) for s in (shortcut, *more) if s is not None]
        if keys:
            action.setShortcuts(keys)
        self.addAction(action)
        return action

    def _build_actions(self) -> None:
        self.open_action = self._action("openAction", QKeySequence.StandardKey.Open)
        self.open_action.triggered.connect(self.open_files)
        self.paste_action = self._action("pasteAction", QKeySequence.StandardKey.Paste)
        self.paste_action.triggered.connect(self.paste_requested)
        self.capture_action = self._action("captureAction", "Ctrl+Shift+S")
        self.capture_action.triggered.connect(self.capture_requested)
        self.capture_copy_action = self._action("captureCopyAction", "Ctrl+Shift+X")
        self.capture_copy_action.triggered.connect(self.capture_copy_requested)
        self.batch_action = self._action("batchAction", "Ctrl+B")
        self.batch_action.triggered.connect(self.batch_requested)
        self.export_action = self._action("exportComparisonAction", "Ctrl+Shift+E")
        self.export_action.setEnabled(False)
        self.export_action.triggered.connect(self.export_requested)
        self.results.comparison_changed.connect(self._update_export)
        self.quit_action = self._action("quitAction", QKeySequence.StandardKey.Quit)
        self.quit_action.triggered.connect(self.close)
        self.run_action = self._action("runAction", "Ctrl+Return", "Ctrl+Enter")
        self.run_action.triggered.connect(self.run_requested)
        self.stop_action = self._action("stopAction", "Esc")
        self.stop_action.triggered.connect(self.stop_requested)
        self.copy_action = self._action("copyAnswerAction", "Ctrl+Shift+C")
        self.copy_action.triggered.connect(self.copy_answer)
        self.copy_markdown_action = self._action("copyMarkdownAction")
        self.copy_markdown_action.triggered.connect(self.copy_answer_markdown)
        self.refresh_action = self._action("refreshModelsAction", "F5")
        self.refresh_action.triggered.connect(self.picker.refresh_requested)
        self.history_action = self._action("historyAction", "Ctrl+H")
        self.history_action.setCheckable(True)   # checked while the history panel is shown
        self.history_action.triggered.connect(self.history_requested)
        self.settings_action = self._action("settingsAction", "Ctrl+,")
        self.settings_action.triggered.connect(self.settings_requested)
        self.language_actions: dict[str, QAction] = {}
        for code in ("", *LANGUAGES):
            action = QAction(self)
            action.setCheckable(True)
            action.triggered.connect(lambda _checked=False, c=code: self.language_requested.emit(c))
            self.language_actions[code] = action

        self.run_button.clicked.connect(self.run_requested)
        self.stop_button.clicked.connect(self.stop_requested)
        self.image_panel.open_requested.connect(self.open_files)
        self.image_panel.capture_requested.connect(self.capture_requested)

        bar = self.menuBar()
        self.file_menu = QMenu(self)
        for action in (self.open_action, self.paste_action, self.capture_action,
                       self.capture_copy_action):
            self.file_menu.addAction(action)
        self.file_menu.addSeparator()
        self.file_menu.addAction(self.batch_action)
        self.file_menu.addAction(self.export_action)
        self.file_menu.addSeparator()
        self.file_menu.addAction(self.quit_action)
        self.run_menu = QMenu(self)
        for action in (self.run_action, self.stop_action, self.copy_action,
                       self.copy_markdown_action, self.refresh_action):
            self.run_menu.addAction(action)
        self.view_menu = QMenu(self)
        self.view_menu.addAction(self.history_action)
        self.settings_menu = QMenu(self)
        self.settings_menu.addAction(self.settings_action)
        self.language_menu = QMenu(self)
        for action in self.language_actions.values():
            self.language_menu.addAction(action)
        self.settings_menu.addMenu(self.language_menu)
        for menu in (self.file_menu, self.run_menu, self.view_menu, self.settings_menu):
            bar.addMenu(menu)

    def retranslate(self) -> None:
        self.setWindowTitle(self.tr("VisionDesk"))
        self.file_menu.setTitle(self.tr("&File"))
        self.run_menu.setTitle(self.tr("&Run"))
        self.view_menu.setTitle(self.tr("&View"))
        self.settings_menu.setTitle(self.tr("&Settings"))
        self.language_menu.setTitle(self.tr("&Language"))
        texts = {
            self.open_action: (self.tr("&Open Images…"), self.tr("Open image files")),
            self.paste_action: (self.tr("&Paste Image"), self.tr("Paste an image, path or URL")),
            self.capture_action: (self.tr("&Capture Screen Region…"),
                                  self.tr("Capture a region of the screen")),
            self.capture_copy_action: (self.tr("Capture and Cop&y Text…"),
                                       self.tr("Capture a region and copy its text (Local OCR)")),
            self.batch_action: (self.tr("&Batch…"),
                                self.tr("Analyse folders of images with the checked models into a file")),
            self.export_action: (self.tr("&Export Comparison…"),
                                 self.tr("Save the comparison as Markdown, JSON or CSV")),
            self.quit_action: (self.tr("&Quit"), self.tr("Quit VisionDesk")),
            self.run_action: (self.tr("&Run"), self.tr("Run every checked model")),
            self.stop_action: (self.tr("&Stop"), self.tr("Stop every running model")),
            self.copy_action: (self.tr("&Copy Answer as Plain Text"),
                               self.tr("Copy the answer without Markdown")),
            self.copy_markdown_action: (self.tr("Copy Answer as &Markdown"),
                                        self.tr("Copy the answer as the model wrote it")),
            self.refresh_action: (self.tr("Re&fresh Models"), self.tr("Fetch the model list")),
            self.settings_action: (self.tr("&Settings…"), self.tr("Providers, keys and language")),
            self.history_action: (self.tr("&History"),
                                  self.tr("Search, reopen, run again or export earlier runs")),
        }
        for action, (text, tip) in texts.items():
            action.setText(text)
            action.setToolTip(tip)
            action.setStatusTip(tip)
        self.language_actions[""].setText(self.tr("Follow the System"))
        for code, name in LANGUAGES.items():
            self.language_actions[code].setText(name)
        self.run_button.setText(self.tr("Run"))
        self.run_button.setToolTip(self.tr("Run every checked model (Ctrl+Enter)"))
        self.run_button.setAccessibleName(self.tr("Run"))
        self.stop_button.setText(self.tr("Stop"))
        self.stop_button.setToolTip(self.tr("Stop every running model (Esc)"))
        self.stop_button.setAccessibleName(self.tr("Stop"))
        hint = self.tr("Ctrl+Enter runs · Esc stops · Ctrl+Shift+C copies")
        # Wraps only between the shortcuts when the middle column is narrow.
        self._run_hint.setText(" · ".join(_unbreakable(part.strip()) for part in hint.split("·")))

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def mark_language(self, override: str) -> None:
        for code, action in self.language_actions.items():
            action.setChecked(code == override)

    # ---------------------------------------------------------------- state

    def _restore(self) -> None:
        geometry = self.settings.geometry()
        if geometry is not None:
            self.restoreGeometry(geometry)
        for name, splitter in (("main", self.main_splitter), ("middle", self.middle_splitter)):
            state = self.settings.splitter(name)
            if state is not None:
                splitter.restoreState(state)
        self.prompt.set_prompt(self.settings.prompt())
        self.prompt.set_system_prompt(self.settings.system_prompt())
        self.picker.set_options(*self.settings.options())
        self.picker.set_split(self.settings.split())

    def save_state(self) -> None:
        self.settings.set_geometry(self.saveGeometry())
        self.settings.set_splitter("main", self.main_splitter.saveState())
        self.settings.set_splitter("middle", self.middle_splitter.saveState())
        self.settings.set_prompt(self.prompt.editor.toPlainText())
        self.settings.set_system_prompt(self.prompt.system_editor.toPlainText())
        self.settings.set_options(*self.picker.options())
        self.settings.set_split(str(self.picker.split()))
        pid = self.picker.current_provider_id()
        if pid:
            self.settings.set_last_provider(pid)
            self.settings.set_checked_models(pid, self.picker.checked_models())
        self.settings.sync()

    def set_busy(self, busy: bool) -> None:
        self.stop_button.setEnabled(busy)

    def clear_error(self) -> None:
        """The state changed (an image, a model, a provider, a key): an error about the old state
        would mislead now."""
        if self.statusBar().property("error"):
            self.show_message("")

    def show_message(self, text: str, *, error: bool = False) -> None:
        bar = self.statusBar()
        bar.setProperty("error", error)
        bar.style().unpolish(bar)
        bar.style().polish(bar)
        if text:
            bar.showMessage(text, 0 if error else 8000)
        else:
            bar.clearMessage()

    # ---------------------------------------------------------------- actions

    def copy_answer(self, *, markdown: bool = False) -> None:
        pane = self.results.current_pane()
        if pane is None or pane.result is None:
            self.show_message(self.tr("There is no answer to copy yet."), error=True)
            return
        if markdown:
            pane.copy_markdown()
            self.show_message(self.tr("{0}'s answer copied as Markdown.").format(pane.model_label))
        elif self.results.comparing:   # several answers on screen: say which one was copied
            pane.copy_plain_text()
            self.show_message(self.tr("{0}'s answer copied as plain text.").format(
                pane.model_label))
        else:
            pane.copy_plain_text()
            self.show_message(self.tr("Answer copied as plain text."))

    def copy_answer_markdown(self) -> None:
        self.copy_answer(markdown=True)

    def _update_export(self) -> None:
        self.export_action.setEnabled(self.results.can_export())

    def open_files(self) -> None:
        images, everything = self.tr("Images"), self.tr("All files")
        from PySide6.QtWidgets import QFileDialog  # its Python type costs start-up ~0.6 ms

        paths, _ = QFileDialog.getOpenFileNames(
            self, self.tr("Open Images"), "", f"{images} ({IMAGE_FILTER});;{everything} (*)")
        if paths:
            self.files_chosen.emit(paths)

    # ---------------------------------------------------------------- drops and paste

    def dragEnterEvent(self, event: QDragEnterEvent) -> None:
        mime = event.mimeData()
        if mime.hasUrls() or mime.hasImage() or mime.hasText():
            event.acceptProposedAction()

    def dropEvent(self, event: QDropEvent) -> None:
        event.acceptProposedAction()
        self.mime_dropped.emit(event.mimeData())

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        """Ctrl+V in the prompt adds an image when the clipboard holds one (not text)."""
        if (watched is self.prompt.editor and event.type() == QEvent.Type.KeyPress
                and isinstance(event, QKeyEvent) and event.matches(QKeySequence.StandardKey.Paste)):
            mime = QGuiApplication.clipboard().mimeData()
            if mime is not None and (mime.hasImage() or (mime.hasUrls() and not mime.hasText())):
                self.paste_requested.emit()
                return True
        return super().eventFilter(watched, event)

    def closeEvent(self, event: QCloseEvent) -> None:
        self.save_state()
        super().closeEvent(event)
        self.closed.emit()


def _unbreakable(text: str) -> str:
    """``text`` that a line never breaks inside: no-break spaces, and word joiners between the
    characters (Chinese may break between any two; Qt's rich text ignores white-space: nowrap
    on a span, so "复制" was split across two lines)."""
    return "\u2060".join(text.replace(" ", "\u00a0"))


def _padded(widget: QWidget, margin: int = 10) -> QWidget:
    holder = QWidget()
    layout = QVBoxLayout(holder)
    layout.setContentsMargins(margin, margin, margin, margin)
    layout.addWidget(widget)
    return holder
