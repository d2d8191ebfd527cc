"""Fonts per interface language, applied live when the language changes.

A Chinese system's default UI font is a CJK font. Its Latin glyphs are not made for English
text: "…" is drawn as centred dots (the Chinese form) and some CJK fonts have no bold face, so
headings lose their weight. So English asks for a Latin UI font first (the platform's own when
it is Latin, else DejaVu Sans, Noto Sans…) with a CJK font behind it for any Chinese text (the
language menu's "简体中文", Chinese answers); Chinese asks for a CJK font first (Noto Sans CJK
SC, WenQuanYi Micro Hei…) with the Latin fonts behind it. Only installed families are named;
Qt's own fallback still covers anything they miss. Sizes and weights are left as they are.
"""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING

from PySide6.QtGui import QFont, QFontDatabase, QFontInfo

if TYPE_CHECKING:
    from PySide6.QtWidgets import QApplication

log = logging.getLogger(__name__)

LATIN_UI = ("Cantarell", "Ubuntu", "Segoe UI", ".AppleSystemUIFont", "Helvetica Neue",
            "DejaVu Sans", "Noto Sans", "Liberation Sans", "Arial")
CJK_SC = ("Noto Sans CJK SC", "Source Han Sans SC", "Source Han Sans CN", "WenQuanYi Micro Hei",
          "Microsoft YaHei", "Microsoft YaHei UI", "PingFang SC", "Hiragino Sans GB",
          "Noto Sans SC", "WenQuanYi Zen Hei", "Droid Sans Fallback",
          # fontconfig lists some by their Chinese names under a Chinese locale
          "文泉驿微米黑", "文泉驿正黑", "思源黑体", "微软雅黑")


def _is_cjk(family: str) -> bool:
    """A Chinese font (fontconfig may give its localised name, e.g. 文泉驿微米黑)."""
    if any("\u4e00" <= ch <= "\u9fff" for ch in family):
        return True
    return QFontDatabase.WritingSystem.SimplifiedChinese in QFontDatabase.writingSystems(family)


def _unique(names: list[str]) -> list[str]:
    return list(dict.fromkeys(names))


def families_for(language: str) -> list[str]:
    """The UI font families for ``language``, most wanted first, all installed."""
    # The real family behind the platform's default: on Linux that is an alias ("Sans Serif")
    # which fontconfig resolves to a CJK font on a Chinese system.
    system = QFontInfo(QFontDatabase.systemFont(QFontDatabase.SystemFont.GeneralFont)).family()
    installed = set(QFontDatabase.families())  # one call: hasFamily() per name costs more
    present = [name for name in _unique([system, *LATIN_UI, *CJK_SC])
               if name == system or name in installed]
    cjk = [name for name in present if name in CJK_SC or _is_cjk(name)]
    latin = [name for name in present if name not in cjk]
    return cjk + latin if language.startswith("zh") else latin + cjk


def apply_language_font(app: QApplication, language: str) -> QFont:
    """Give the whole application the font for ``language``; widgets without a font of their
    own follow at once (Qt sends them a font change)."""
    font = QFont(app.font())
    families = families_for(language)
    font.setFamilies(families)
    app.setFont(font)
    if app.topLevelWidgets() and app.styleSheet():
        # The style sheet keeps each widget's font as it was when polished: polish again.
        app.setStyleSheet(app.styleSheet())
    log.debug("UI fonts for %s: %s", language, ", ".join(families))
    return font
