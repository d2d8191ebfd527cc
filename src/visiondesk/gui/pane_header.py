"""A single result pane's header: model · provider, the run's status, Stop and Run again.

In a comparison column the column's own header takes over and this one hides. Texts keep the
translation context ``ResultPane``.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import QHBoxLayout, QLabel, QSizePolicy, QToolButton, QWidget


class PaneHeader(QWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(6)
        self.title = QLabel()
        self.title.setObjectName("resultTitle")
        self.title.setTextFormat(Qt.TextFormat.PlainText)
        self.title.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
        self.status = QLabel()
        self.status.setObjectName("resultStatus")
        self.stop_button = QToolButton()
        self.stop_button.setObjectName("paneStopButton")
        self.rerun_button = QToolButton()
        self.rerun_button.setObjectName("paneRerunButton")
        layout.addWidget(self.title, 1)
        for widget in (self.status, self.stop_button, self.rerun_button):
            layout.addWidget(widget)

    def retranslate(self) -> None:
        tr = QCoreApplication.translate
        self.stop_button.setText(tr("ResultPane", "Stop"))
        self.stop_button.setAccessibleName(tr("ResultPane", "Stop this model"))
        self.rerun_button.setText(tr("ResultPane", "Run again"))
        self.rerun_button.setAccessibleName(tr("ResultPane", "Run this model again"))

    def show_state(self, title: str, status: str, *, running: bool, has_model: bool) -> None:
        """Stop while the run goes on, Run again once it has ended: never both, never stale."""
        self.title.setText(title)
        self.title.setToolTip(title)
        self.status.setText(status)
        self.stop_button.setVisible(running)
        self.rerun_button.setVisible(not running and has_model)
