"""The question: a multi-line prompt, templates in the interface language, a system prompt and
recent prompts (filled by the controller from history)."""

from __future__ import annotations

from PySide6.QtCore import QEvent, Qt, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QLabel,
    QPlainTextEdit,
    QSizePolicy,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

TEMPLATE_KEYS = ("describe", "ocr", "table", "json", "translate")


class PromptEditor(QWidget):
    """Prompt, system prompt, templates and recent prompts."""

    submit_requested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("promptPanel")
        self._recent: list[str] = []
        self._build()
        self.retranslate()

    def _build(self) -> None:
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(6)

        row = QHBoxLayout()
        row.setSpacing(6)
        self._label = QLabel()
        self._label.setObjectName("sectionLabel")
        self.templates = QComboBox()
        self.templates.setObjectName("templateCombo")
        self.templates.setSizeAdjustPolicy(
            QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        self.templates.setMinimumContentsLength(10)
        self.templates.activated.connect(self._template_chosen)
        self.recent = QComboBox()
        self.recent.setObjectName("recentCombo")
        self.recent.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        self.recent.setMinimumContentsLength(8)
        self.recent.activated.connect(self._recent_chosen)
        row.addWidget(self._label)
        row.addStretch(1)
        row.addWidget(self.templates)
        row.addWidget(self.recent)
        layout.addLayout(row)

        self.editor = QPlainTextEdit()
        self.editor.setObjectName("promptEditor")
        self.editor.setTabChangesFocus(True)
        self.editor.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        self.editor.setMinimumHeight(60)
        layout.addWidget(self.editor, 1)

        self._system_toggle = QToolButton()
        self._system_toggle.setObjectName("systemPromptToggle")
        self._system_toggle.setCheckable(True)
        self._system_toggle.setAutoRaise(True)
        self._system_toggle.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
        self._system_toggle.setArrowType(Qt.ArrowType.RightArrow)
        self._system_toggle.toggled.connect(self._toggle_system)
        layout.addWidget(self._system_toggle)
        self.system_editor = QPlainTextEdit()
        self.system_editor.setObjectName("systemPromptEditor")
        self.system_editor.setTabChangesFocus(True)
        self.system_editor.setFixedHeight(64)
        self.system_editor.setVisible(False)
        layout.addWidget(self.system_editor)

    def retranslate(self) -> None:
        self._label.setText(self.tr("Prompt"))
        self.editor.setPlaceholderText(self.tr(
            "Ask about the image, e.g. “What does this receipt say?” — Ctrl+Enter runs"))
        self.editor.setAccessibleName(self.tr("Prompt"))
        self.system_editor.setPlaceholderText(self.tr("Optional instructions sent as the system message"))
        self.system_editor.setAccessibleName(self.tr("System prompt"))
        self._system_toggle.setText(self.tr("System prompt"))
        self._system_toggle.setAccessibleName(self.tr("Show or hide the system prompt"))
        self.templates.clear()
        self.templates.addItem(self.tr("Templates…"))
        titles = self.template_titles()
        for key in TEMPLATE_KEYS:
            self.templates.addItem(titles[key], key)
        self.templates.setAccessibleName(self.tr("Prompt templates"))
        self.templates.setToolTip(self.tr("Insert a ready-made prompt"))
        self._fill_recent()

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def template_titles(self) -> dict[str, str]:
        return {
            "describe": self.tr("Describe the image"),
            "ocr": self.tr("Transcribe all text (OCR)"),
            "table": self.tr("Table to Markdown"),
            "json": self.tr("Extract fields as JSON"),
            "translate": self.tr("Translate the text in the image"),
        }

    def template_text(self, key: str) -> str:
        texts = {
            "describe": self.tr("Describe this image in detail: what it shows, its layout, and "
                                "anything notable."),
            "ocr": self.tr("Transcribe all text in this image verbatim, keeping the line breaks "
                           "and reading order. Output only the text."),
            "table": self.tr("Convert the table in this image to a Markdown table. Keep every "
                             "row and column; leave empty cells empty."),
            "json": self.tr("Extract the key fields from this image (for a receipt or invoice: "
                            "vendor, date, items, totals, currency) and output them as one JSON "
                            "object, with null for missing values."),
            "translate": self.tr("Translate all text in this image into English. Keep the "
                                 "structure, and put the original next to each line."),
        }
        return texts[key]

    # ---------------------------------------------------------------- values

    def prompt(self) -> str:
        return self.editor.toPlainText().strip()

    def set_prompt(self, text: str) -> None:
        self.editor.setPlainText(text)

    def system_prompt(self) -> str | None:
        return self.system_editor.toPlainText().strip() or None

    def set_system_prompt(self, text: str) -> None:
        self.system_editor.setPlainText(text)
        if text:
            self._system_toggle.setChecked(True)

    def set_recent(self, prompts: list[str]) -> None:
        self._recent = prompts
        self._fill_recent()

    def _fill_recent(self) -> None:
        self.recent.clear()
        self.recent.addItem(self.tr("Recent…"))
        self.recent.setAccessibleName(self.tr("Recent prompts"))
        for prompt in self._recent:
            short = " ".join(prompt.split())
            self.recent.addItem(short if len(short) < 60 else short[:57] + "…", prompt)
        self.recent.setEnabled(bool(self._recent))

    def _template_chosen(self, index: int) -> None:
        key = self.templates.itemData(index)
        if key:
            self.editor.setPlainText(self.template_text(str(key)))
            self.editor.setFocus()
        self.templates.setCurrentIndex(0)

    def _recent_chosen(self, index: int) -> None:
        prompt = self.recent.itemData(index)
        if prompt:
            self.editor.setPlainText(str(prompt))
            self.editor.setFocus()
        self.recent.setCurrentIndex(0)

    def _toggle_system(self, shown: bool) -> None:
        self.system_editor.setVisible(shown)
        self._system_toggle.setArrowType(Qt.ArrowType.DownArrow if shown else Qt.ArrowType.RightArrow)
