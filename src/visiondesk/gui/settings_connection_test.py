"""Test connection: probe one provider with the model a person picks, a row per check that
appears as the check starts ("Checking…") and turns into its verdict when it ends.

The probing is the engine's doctor (``api/doctor.run_doctor``); this panel only words its rows,
in the window's language, from what each row was judged from (the result, the listed models,
the error), never from the doctor's English detail text. A model that returns no reasoning is
"Not supported", not "Failed": it answered, it just does not think out loud.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QCoreApplication, QEvent, Qt
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from visiondesk.core.errors import AnalysisError, ErrorFact
from visiondesk.gui.engine_text import worded

if TYPE_CHECKING:
    from visiondesk.api.doctor import DoctorCheck
    from visiondesk.config.providers import ProviderConfig
    from visiondesk.core.result import AnalysisResult
    from visiondesk.gui.settings_services import SettingsServices

MAX_DETAIL = 300  # characters of a server's message in a cell; the tooltip holds the whole
MAX_TOOLTIP = 2000
COLOURS = {"ok": "#2e7d32", "failed": "#c62828", "neutral": "#6d6d6d"}


def _tr(text: str) -> str:
    return QCoreApplication.translate("ConnectionTest", text)


def check_title(name: str) -> str:
    titles = {
        "model list": _tr("Model list"),
        "chat with an image": _tr("Chat with an image"),
        "chat streaming + usage": _tr("Streaming and token counts"),
        "responses API": _tr("Responses API"),
        "reasoning text": _tr("Reasoning"),
        "analysis": _tr("Image analysis"),
    }
    return titles.get(name, name)


def _short(text: str, limit: int = MAX_DETAIL) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1] + "…"


def error_words(error: BaseException | None) -> str:
    """A failure as the window says it: its title, the HTTP status and the server's code, then
    the server's own message (kept: it is what the provider's support will ask for)."""
    from visiondesk.gui.result_errors import error_title

    if not isinstance(error, AnalysisError):
        return _tr("Unexpected error: {0}").format(type(error).__name__ if error else "?")
    facts = [f"HTTP {error.status}" if error.status else "", error.code or ""]
    said = " · ".join(f for f in facts if f)
    head = error_title(str(error.kind)) + (f" ({said})" if said else "")
    return f"{head}: {worded(error.message)}" if error.message else head


def _answered(result: AnalysisResult | None) -> bool:
    from visiondesk.core.events import Status

    return result is not None and result.status == Status.COMPLETED


def word_check(check: DoctorCheck, earlier: dict[str, DoctorCheck]) -> tuple[str, str, str]:
    """(verdict, detail, colour key) for a finished check; ``earlier`` holds the rows before it."""
    result = check.result
    if check.name == "model list":
        if check.ok:
            if not check.models:
                return _tr("OK"), _tr("The server lists no models."), "ok"
            listed = ", ".join(check.models[:6]) + (" …" if len(check.models) > 6 else "")
            return _tr("OK"), _tr("{0} models: {1}").format(len(check.models), listed), "ok"
        return _tr("Failed"), error_words(check.error), "failed"
    if check.name == "analysis":
        return _tr("Not checked"), _tr("No model was chosen to probe."), "neutral"
    if check.name == "reasoning text":
        streamed = earlier.get("chat streaming + usage")
        responses = earlier.get("responses API")
        results = {"chat": streamed.result if streamed else None,
                   "responses": responses.result if responses else None}
        if not any(_answered(r) for r in results.values()):
            return _tr("Not checked"), _tr("No streamed request was answered."), "neutral"
        seen = [api for api, r in results.items() if r is not None and r.reasoning]
        if seen:
            names = {"chat": _tr("Chat API"), "responses": _tr("Responses API")}
            return (_tr("OK"), _tr("Thoughts returned by the {0}.").format(
                _tr(" and ").join(names[a] for a in seen)), "ok")
        return (_tr("Not supported"), _tr("This model returned no reasoning: it does not reason, "
                                          "or the server hides its thoughts."), "neutral")
    if result is None:  # a row this window does not know: show the doctor's own words
        verdict = {True: _tr("OK"), False: _tr("Failed"), None: "—"}[check.ok]
        return verdict, check.detail, "neutral" if check.ok is None else ("ok" if check.ok else "failed")
    error = result.error
    if check.name == "responses API" and error is not None and error.has(ErrorFact.ENDPOINT_MISSING):
        return (_tr("Not supported"), _tr("This server has no Responses API; the Chat API is "
                                          "used instead."), "neutral")
    if not _answered(result):
        if error is None:
            return _tr("Failed"), _tr("The answer ended without completing ({0}).").format(
                result.status or "?"), "failed"
        return _tr("Failed"), error_words(error), "failed"
    if not result.text.strip():
        return _tr("Failed"), _tr("Completed, but the answer was empty."), "failed"
    if check.name == "chat streaming + usage":
        tokens = result.usage.total_tokens
        if tokens is None and result.usage.output_tokens is None:
            words = _tr("Streams, but sends no token counts (costs stay unknown).")
        else:
            words = _tr("Streams with token counts ({0} tokens).").format(tokens)
        if result.first_token_ms is not None:  # how long a person waits for the first word
            words = _tr("{0} First text after {1} s.").format(words, _seconds(result.first_token_ms))
        return _tr("OK"), words, "ok"
    if result.total_ms:
        return _tr("OK"), _tr("Answered “{0}” in {1} s.").format(
            _short(result.text, 60), _seconds(result.total_ms)), "ok"
    return _tr("OK"), _tr("Answered “{0}”.").format(_short(result.text, 60)), "ok"


def _seconds(ms: float) -> str:
    return f"{ms / 1000:.2f}" if ms < 1000 else f"{ms / 1000:.1f}"  # a local server answers fast


class ConnectionTestPanel(QWidget):
    """The model to probe, the Test button, and the table of checks."""

    def __init__(self, services: SettingsServices,
                 provider_from_form: Callable[[], ProviderConfig],
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("connectionTest")
        self.services = services
        self._provider_from_form = provider_from_form
        self._rows: dict[str, int] = {}
        self._finished: dict[str, DoctorCheck] = {}
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        top = QHBoxLayout()
        self._model_label = QLabel()
        self.model_combo = QComboBox()
        self.model_combo.setObjectName("probeModelCombo")
        self.model_combo.setEditable(True)
        self.model_combo.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        self.model_combo.setMinimumContentsLength(24)
        self.test_button = QPushButton()
        self.test_button.setObjectName("testConnectionButton")
        self.test_button.clicked.connect(self.start)
        top.addWidget(self._model_label)
        top.addWidget(self.model_combo, 1)
        top.addWidget(self.test_button)
        layout.addLayout(top)
        self.note = QLabel()
        self.note.setObjectName("connectionTestNote")
        self.note.setWordWrap(True)
        layout.addWidget(self.note)
        self.table = QTableWidget(0, 3)
        self.table.setObjectName("doctorTable")
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setWordWrap(True)
        self.table.verticalHeader().setVisible(False)
        self.table.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)
        layout.addWidget(self.table, 1)
        self.retranslate()

    def retranslate(self) -> None:
        self._model_label.setText(self.tr("Model to probe"))
        line = self.model_combo.lineEdit()
        if line is not None:
            line.setPlaceholderText(self.tr("Pick or type a model name"))
        self.model_combo.setToolTip(self.tr("The model that receives the small test image"))
        self.test_button.setText(self.tr("Test connection"))
        self.note.setText(self.tr("Sends a small picture of a number to the model three times "
                                  "(Chat, streaming, Responses) and lists the models."))
        self.table.setHorizontalHeaderLabels([self.tr("Check"), self.tr("Result"), self.tr("Detail")])

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def set_provider(self, provider: ProviderConfig | None) -> None:
        """Offer the provider's models (the first is chosen); forget the last test."""
        self.services.tasks.cancel(("settings", "doctor"))
        self.test_button.setEnabled(True)
        self.model_combo.clear()
        if provider is not None:
            self.model_combo.addItems([m.id for m in provider.models])
        self.table.setRowCount(0)
        self._rows.clear()
        self._finished.clear()

    def chosen_model(self) -> str | None:
        return self.model_combo.currentText().strip() or None

    # ---------------------------------------------------------------- running

    def start(self) -> None:
        self.table.setRowCount(0)
        self._rows.clear()
        self._finished.clear()
        try:
            provider = self._provider_from_form()  # unsaved edits are tested too
        except ValueError as exc:
            self._failed(str(exc))
            return
        self.test_button.setEnabled(False)
        self._progress("model list", None)  # at once: reading the key may take a moment
        self.services.call("doctor", self._doctor(provider, self.chosen_model()), self._done,
                           self._failed)

    async def _doctor(self, provider: ProviderConfig, model: str | None) -> list[Any]:
        from visiondesk.api.doctor import run_doctor

        runner = self.services.runner
        try:
            key = await runner.resolve_key(provider)
        except AnalysisError:  # a stored key with characters no header can carry
            raise RuntimeError(self.tr("The key stored for this provider cannot be used; paste "
                                       "it again under Connection.")) from None
        return list(await run_doctor(runner.backends.http(), provider, key, model, self._progress))

    def _progress(self, name: str, check: DoctorCheck | None) -> None:
        if check is None:
            self._set_row(name, self.tr("Checking…"), "", "neutral")
            return
        verdict, detail, colour = word_check(check, self._finished)
        self._finished[name] = check
        self._set_row(name, verdict, detail, colour)

    def _set_row(self, name: str, verdict: str, detail: str, colour: str) -> None:
        row = self._rows.get(name)
        if row is None:
            row = self._rows[name] = self.table.rowCount()
            self.table.insertRow(row)
        cells = (check_title(name), verdict, _short(detail))
        for column, text in enumerate(cells):
            item = QTableWidgetItem(text)
            item.setToolTip(_short(detail, MAX_TOOLTIP) if column == 2 and detail else text)
            if column == 1:
                item.setForeground(QBrush(QColor(COLOURS[colour])))
            item.setTextAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop)
            self.table.setItem(row, column, item)
        self.table.resizeRowsToContents()

    def _done(self, _checks: list[Any]) -> None:
        self.test_button.setEnabled(True)

    def _failed(self, message: str) -> None:
        self.test_button.setEnabled(True)
        row = self.table.rowCount()
        self.table.insertRow(row)
        for column, text in enumerate((self.tr("Test"), self.tr("Failed"), _short(message))):
            item = QTableWidgetItem(text)
            item.setToolTip(message)
            self.table.setItem(row, column, item)
        self.table.resizeRowsToContents()
