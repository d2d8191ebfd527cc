"""The "fields" option (structured output): a JSON Schema file whose fields every answer must fill.

``FieldsButton`` sits beside Run: "Fields…" opens a file dialog for a schema; once one is
chosen the button names it ("Fields: invoice") and its menu offers another file or none (free
text again). The button only asks; ``FieldsHelper`` (created by the controller) reads and checks
the file in a worker (``core/structured.load_schema``) and keeps the ``ResponseSchema`` the run
plan puts into ``GenerationOptions.response_schema``. The runner validates each answer against it.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, QObject, Signal
from PySide6.QtWidgets import QMenu, QToolButton

if TYPE_CHECKING:
    from PySide6.QtWidgets import QWidget

    from visiondesk.core.structured import ResponseSchema
    from visiondesk.gui.tasks import TaskOwner

Say = Callable[[str, bool], None]
MAX_FIELDS_SHOWN = 12


class FieldsButton(QToolButton):
    schema_chosen = Signal(str)   # a schema file's path
    cleared = Signal()            # free text again

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("fieldsButton")
        self.setAutoRaise(True)
        self.setCheckable(True)   # checked (highlighted) while a schema is in use
        self._name: str | None = None
        self._fields: list[str] = []
        self._menu = QMenu(self)
        self._choose = self._menu.addAction("")
        self._choose.triggered.connect(self.choose_file)
        self._none = self._menu.addAction("")
        self._none.triggered.connect(self.cleared)
        self.clicked.connect(self._clicked)
        self.retranslate()

    def _clicked(self) -> None:
        self.setChecked(self._name is not None)   # a click does not toggle: the schema decides
        if self._name is None:
            self.choose_file()
        else:
            self._menu.popup(self.mapToGlobal(self.rect().bottomLeft()))

    def choose_file(self) -> None:
        schemas, everything = self.tr("JSON Schema"), self.tr("All files")
        from PySide6.QtWidgets import QFileDialog  # not before it is needed: start-up

        path, _ = QFileDialog.getOpenFileName(self, self.tr("Choose the Fields (JSON Schema)"), "",
                                              f"{schemas} (*.json);;{everything} (*)")
        if path:
            self.schema_chosen.emit(path)

    def show_schema(self, name: str | None, fields: list[str] | None = None) -> None:
        """The schema in use (its name and top-level fields), or None for free text."""
        self._name, self._fields = name, list(fields or [])
        self.setChecked(name is not None)
        self.retranslate()

    def retranslate(self) -> None:
        self._choose.setText(self.tr("Choose a Schema File…"))
        self._none.setText(self.tr("No Fields (Free Text)"))
        self._none.setEnabled(self._name is not None)
        if self._name is None:
            self.setText(self.tr("Fields…"))
            tip = self.tr("Ask for the fields of a JSON Schema file: every answer is checked "
                          "against it")
        else:
            self.setText(self.tr("Fields: {0}").format(self._name))
            shown = ", ".join(self._fields[:MAX_FIELDS_SHOWN])
            if len(self._fields) > MAX_FIELDS_SHOWN:
                shown += " …"
            tip = self.tr("Answers are asked for as JSON with these fields: {0}").format(shown)
        self.setToolTip(tip)
        self.setAccessibleName(self.text())

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)


class FieldsHelper(QObject):
    """Reads the chosen schema file in a worker; ``schema`` is what the next run asks for."""

    def __init__(self, button: FieldsButton, tasks: TaskOwner, say: Say,
                 parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.button = button
        self.tasks = tasks
        self._say = say
        self.schema: ResponseSchema | None = None
        button.schema_chosen.connect(self.load)
        button.cleared.connect(self.clear)

    def load(self, path: str) -> None:
        import asyncio  # here, not at import: the window paints before asyncio is loaded

        from visiondesk.core.structured import load_schema

        self.tasks.call(("fields",), asyncio.to_thread(load_schema, Path(path)), self._loaded,
                        self._failed)

    def _loaded(self, schema: ResponseSchema) -> None:
        self.schema = schema
        self.button.show_schema(schema.name, schema.columns)
        self._say(self.tr("Answers will be asked for as JSON with the fields of {0}.").format(
            schema.name), False)

    def _failed(self, text: str) -> None:
        self._say(self.tr("Cannot use this schema: {0}").format(text), True)

    def clear(self) -> None:
        self.schema = None
        self.button.show_schema(None)
