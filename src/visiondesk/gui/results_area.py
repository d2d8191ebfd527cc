"""The results of the current run: one ``ResultPane`` per checked model, side by side in a
splitter, or a quiet hint before the first run. A comparison grid can replace this widget while
reusing ``ResultPane`` as is."""

from __future__ import annotations

from PySide6.QtCore import QEvent, Qt
from PySide6.QtWidgets import QLabel, QSplitter, QStackedWidget, QVBoxLayout, QWidget

from visiondesk.gui.result_pane import ResultPane


class ResultsArea(QWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("resultsArea")
        self.panes: list[ResultPane] = []
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        self._stack = QStackedWidget()
        self._hint = QLabel()
        self._hint.setObjectName("resultsPlaceholder")
        self._hint.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self._hint.setWordWrap(True)
        self._splitter = QSplitter(Qt.Orientation.Horizontal)
        self._splitter.setObjectName("paneSplitter")
        self._splitter.setChildrenCollapsible(False)
        self._stack.addWidget(self._hint)
        self._stack.addWidget(self._splitter)
        layout.addWidget(self._stack)
        self.retranslate()

    def retranslate(self) -> None:
        self._hint.setText(self.tr(
            "Answers appear here.\n\nAdd an image, write a prompt, check one or more models\n"
            "and press Ctrl+Enter. Esc stops."))

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def prepare(self, count: int) -> list[ResultPane]:
        """Exactly ``count`` panes, reusing existing ones; extra panes are removed."""
        while len(self.panes) > count:
            pane = self.panes.pop()
            pane.setParent(None)
            pane.deleteLater()
        while len(self.panes) < count:
            pane = ResultPane()
            self.panes.append(pane)
            self._splitter.addWidget(pane)
        if count:
            self._splitter.setSizes([1000] * count)
        self._stack.setCurrentIndex(1 if count else 0)
        return list(self.panes)

    def current_pane(self) -> ResultPane | None:
        """The pane with focus, else the first one."""
        for pane in self.panes:
            if pane.isAncestorOf(self.focusWidget()) if self.focusWidget() else False:
                return pane
        return self.panes[0] if self.panes else None
