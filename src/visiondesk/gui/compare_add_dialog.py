""""Add a model to the comparison": pick any provider, then one of its models or type a name.

Non-blocking: open it with ``open()`` and read :meth:`AddModelDialog.choice` on ``accepted``.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QVBoxLayout,
)

if TYPE_CHECKING:
    from PySide6.QtWidgets import QWidget


@dataclass(frozen=True)
class ProviderChoice:
    """What the dialog offers for one provider."""

    id: str
    name: str
    models: tuple[str, ...]


class AddModelDialog(QDialog):
    def __init__(self, providers: list[ProviderChoice], current: str | None,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("addModelDialog")
        self._providers = providers
        layout = QVBoxLayout(self)
        self._intro = QLabel()
        self._intro.setWordWrap(True)
        layout.addWidget(self._intro)
        form = QFormLayout()
        self.provider_combo = QComboBox()
        self.provider_combo.setObjectName("addProviderCombo")
        for provider in providers:
            self.provider_combo.addItem(provider.name, provider.id)
        self.model_combo = QComboBox()
        self.model_combo.setObjectName("addModelCombo")
        self.model_combo.setEditable(True)
        self.model_combo.setMinimumWidth(260)
        self._provider_label, self._model_label = QLabel(), QLabel()
        form.addRow(self._provider_label, self.provider_combo)
        form.addRow(self._model_label, self.model_combo)
        layout.addLayout(form)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok
                                        | QDialogButtonBox.StandardButton.Cancel)
        self.buttons.accepted.connect(self._accept)
        self.buttons.rejected.connect(self.reject)
        layout.addWidget(self.buttons)
        self.provider_combo.currentIndexChanged.connect(self._fill_models)
        index = self.provider_combo.findData(current) if current else -1
        self.provider_combo.setCurrentIndex(max(index, 0))
        self._fill_models()
        self.setWindowTitle(self.tr("Add a Model to the Comparison"))
        self._intro.setText(self.tr(
            "Any provider can take part: each model is asked with its own provider's key."))
        self._provider_label.setText(self.tr("Provider"))
        self._model_label.setText(self.tr("Model"))

    def _fill_models(self) -> None:
        provider = self._provider()
        self.model_combo.clear()
        if provider is not None:
            self.model_combo.addItems(list(provider.models))

    def _provider(self) -> ProviderChoice | None:
        pid = self.provider_combo.currentData()
        return next((p for p in self._providers if p.id == pid), None)

    def choice(self) -> tuple[ProviderChoice, str] | None:
        provider, model = self._provider(), self.model_combo.currentText().strip()
        return (provider, model) if provider is not None and model else None

    def _accept(self) -> None:
        if self.choice() is not None:
            self.accept()
