"""Translations: pick a language (system locale or the override in settings) and install it.

The ``.qm`` files are compiled from ``resources/translations/*.ts`` (Qt Linguist) and read with
importlib.resources; Qt's own ``qtbase`` catalogue (PySide6's translations folder) is added so
standard buttons and Qt's own file dialog match. The UI font follows the language too
(``gui/fonts.py``): Latin first for English, CJK first for Chinese.
Installing a translator makes Qt send ``LanguageChange`` to every widget, whose
``retranslate()`` then sets its texts again, so the switch is live.
"""

from __future__ import annotations

import logging

from PySide6.QtCore import (
    QT_TRANSLATE_NOOP,
    QCoreApplication,
    QLibraryInfo,
    QLocale,
    QTranslator,
)
from PySide6.QtWidgets import QApplication

from visiondesk.gui.fonts import apply_language_font

log = logging.getLogger(__name__)

LANGUAGES: dict[str, str] = {"en": "English", "zh_CN": "简体中文"}

# Qt 6's own Chinese catalogue lacks these labels of its file dialog (their wording changed);
# our catalogue carries them under Qt's context (Qt asks each installed catalogue in turn).
QT_CATALOGUE_GAPS = (
    QT_TRANSLATE_NOOP("QFileDialog", "&Look in:"),
    QT_TRANSLATE_NOOP("QFileDialog", "Files of &type:"),
    QT_TRANSLATE_NOOP("QFileDialog", "Save &as:"),
    QT_TRANSLATE_NOOP("QAbstractFileIconProvider", "Folder"),
    QT_TRANSLATE_NOOP("QAbstractFileIconProvider", "Drive"),
    QT_TRANSLATE_NOOP("QAbstractFileIconProvider", "File"),
    QT_TRANSLATE_NOOP("QAbstractFileIconProvider", "Shortcut"),
    QT_TRANSLATE_NOOP("QAbstractFileIconProvider", "Unknown"),
)


def system_language() -> str:
    """``zh_CN`` for any Chinese system locale, else English."""
    for name in QLocale.system().uiLanguages():
        lowered = name.lower().replace("-", "_")
        if lowered.startswith("zh"):
            return "zh_CN"
        if lowered.startswith("en"):
            return "en"
    return "en"


def resolve_language(override: str | None) -> str:
    return override if override in LANGUAGES else system_language()


class Translations:
    """Owns the installed translators so a language switch can replace them."""

    def __init__(self) -> None:
        self._installed: list[QTranslator] = []
        self._data: list[bytes] = []  # QTranslator.loadFromData keeps a pointer into these
        self.language = "en"

    def install(self, language: str) -> bool:
        """Switch to ``language``; returns False when its catalogue could not be loaded."""
        app = QCoreApplication.instance()
        if app is None:
            raise RuntimeError("Create the QApplication before installing translations")
        for translator in self._installed:
            app.removeTranslator(translator)
        self._installed.clear()
        self._data.clear()
        self.language = language
        if isinstance(app, QApplication):  # fonts for the language too (gui/fonts.py)
            apply_language_font(app, language)
        if language == "en":
            return True
        from visiondesk.gui.resources import read_resource

        ok = True
        data = read_resource(f"translations/visiondesk_{language}.qm")
        translator = QTranslator(app)
        if data is not None and translator.load(data):
            self._data.append(data)
            app.installTranslator(translator)
            self._installed.append(translator)
        else:
            log.warning("No translation catalogue for %s", language)
            ok = False
        qt_translator = QTranslator(app)
        qt_dir = QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
        if qt_translator.load(f"qtbase_{language}", qt_dir):
            app.installTranslator(qt_translator)
            self._installed.append(qt_translator)
        else:
            log.warning("No Qt translations for %s in %s", language, qt_dir)
        return ok
