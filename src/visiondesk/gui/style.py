"""A calm, consistent look: the Fusion style with a light palette and a few quiet accents.

Fusion renders the same on every platform (and offscreen), so screenshots match what people see.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtGui import QColor, QFont, QPalette

if TYPE_CHECKING:
    from PySide6.QtWidgets import QApplication

ACCENT = "#2f6fdf"
FUSION = "Fusion"

STYLESHEET = f"""
QMainWindow, QDialog {{ background: #f6f7f9; }}
QLabel#sectionLabel {{ font-weight: 600; color: #3b4252; }}
QLabel#hintLabel, QLabel#imageInfo, QLabel#modelStatus, QLabel#resultSummary {{ color: #5f6675; }}
QLabel#dropPlaceholder, QLabel#resultsPlaceholder {{
    color: #7a8190; border: 2px dashed #c9ced8; border-radius: 10px; background: #fbfbfc;
    padding: 24px;
}}
QLabel#resultTitle {{ font-weight: 600; color: #1f2430; }}
QLabel#resultStatus {{ color: #5f6675; padding: 0 6px; }}
QLabel#resultError {{
    background: #fdf0ef; border: 1px solid #efc2bd; border-radius: 6px; padding: 8px 10px;
    color: #8a2a20;
}}
QGraphicsView#imagePreview {{ background: #eceef2; border-radius: 8px; }}
QPlainTextEdit, QTextBrowser, QListWidget, QLineEdit {{
    background: #ffffff; border: 1px solid #d5d9e0; border-radius: 6px;
}}
QPlainTextEdit, QTextBrowser {{ padding: 4px; }}
QLineEdit {{ padding: 3px 6px; min-height: 20px; }}
QPlainTextEdit:focus, QLineEdit:focus, QListWidget:focus {{ border-color: {ACCENT}; }}
QListWidget#modelList::item {{ padding: 3px 2px; }}
QListWidget#thumbnailStrip {{ background: transparent; border: none; }}
QPushButton {{
    padding: 5px 14px; border-radius: 6px; border: 1px solid #c8cdd6; background: #ffffff;
}}
QPushButton:hover {{ background: #f0f2f5; }}
QPushButton:disabled {{ color: #a3a8b3; background: #f3f4f6; }}
QPushButton#runButton {{ background: {ACCENT}; color: white; border-color: {ACCENT}; font-weight: 600; }}
QPushButton#runButton:hover {{ background: #245fc7; }}
QToolButton {{ padding: 3px 8px; border-radius: 5px; }}
QToolButton:hover {{ background: #e6e9ef; }}
QToolButton:checked {{ background: #dde6f8; color: #1f4fae; }}
QTabWidget::pane {{ border: 1px solid #d5d9e0; border-radius: 6px; background: #ffffff; top: -1px; }}
QTabBar::tab {{ padding: 6px 12px; color: #4c5361; border: none; }}
QTabBar::tab:selected {{ color: #1f2430; border-bottom: 2px solid {ACCENT}; }}
QWidget#usageView {{ background: #ffffff; }}
QStatusBar[error="true"] {{ color: #a12a1e; }}
QSplitter::handle {{ background: transparent; }}
QToolButton#foldSideButton {{ padding: 0; border-radius: 4px; background: #e9ecf1; }}
QToolButton#foldSideButton:hover {{ background: #dde6f8; }}
QToolButton#thinkingHeader {{ color: #5f6675; padding: 2px 6px; }}
QToolButton#thinkingHeader:checked {{ background: #eef1f6; color: #3b4252; }}
QPlainTextEdit#thinkingView {{
    color: #5f6675; background: #f7f8fa; border: none; border-left: 3px solid #d5d9e0;
    border-radius: 0; padding: 2px 8px;
}}
QLabel#columnTitle {{ font-weight: 600; color: #1f2430; }}
"""


def apply_style(app: QApplication, *, set_style: bool = True, style_sheet: bool = True) -> None:
    """The palette, font and style sheet, and the Fusion style unless the application was made
    with it already (``-style Fusion``, as the window's own start-up does).

    The window's start-up sets the style sheet itself, once the main window is built
    (``style_sheet=False`` here): with a style sheet in force, every widget added to a layout or
    splitter while the window is assembled is polished again with all it holds (~10 ms)."""
    if set_style:
        app.setStyle(FUSION)
    palette = QPalette()
    colors = {
        QPalette.ColorRole.Window: "#f6f7f9",
        QPalette.ColorRole.WindowText: "#1f2430",
        QPalette.ColorRole.Base: "#ffffff",
        QPalette.ColorRole.AlternateBase: "#f3f4f6",
        QPalette.ColorRole.Text: "#1f2430",
        QPalette.ColorRole.Button: "#f3f4f6",
        QPalette.ColorRole.ButtonText: "#1f2430",
        QPalette.ColorRole.Highlight: ACCENT,
        QPalette.ColorRole.HighlightedText: "#ffffff",
        QPalette.ColorRole.PlaceholderText: "#8a909c",
        QPalette.ColorRole.ToolTipBase: "#ffffff",
        QPalette.ColorRole.ToolTipText: "#1f2430",
    }
    for role, color in colors.items():
        palette.setColor(role, QColor(color))
    app.setPalette(palette)
    font = app.font()
    if font.pointSizeF() < 9.5:
        font.setPointSizeF(9.5)
    font.setStyleStrategy(QFont.StyleStrategy.PreferAntialias)
    app.setFont(font)
    if style_sheet:
        app.setStyleSheet(STYLESHEET)
