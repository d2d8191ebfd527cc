"""The page chooser shown under the preview when the current file is a PDF.

A strip of page cards (the thumbnail, and under it the check box with the page number, painted
together by :class:`_PageDelegate`) and a page-range field ("1-3,5") edit the same choice; a spin
box sets the resolution pages are rendered at; a check box sends the whole file instead (Responses API
``input_file``). The bar edits the entry's :class:`PdfDocument` and says so with ``changed``;
clicking a page asks for it in the preview with ``page_shown``. It renders nothing itself.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from typing import TYPE_CHECKING

from PySide6.QtCore import (
    QEvent,
    QRect,
    QSize,
    Qt,
    Signal,
)
from PySide6.QtGui import QColor, QIcon, QKeyEvent, QMouseEvent, QPainter, QPen, QPixmap
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QSizePolicy,
    QSpinBox,
    QStyle,
    QStyledItemDelegate,
    QStyleOptionButton,
    QVBoxLayout,
    QWidget,
)

from visiondesk.gui.engine_text import worded
from visiondesk.gui.pdf_document import format_pages

if TYPE_CHECKING:
    from PySide6.QtCore import (
        QAbstractItemModel,
        QModelIndex,
        QObject,
        QPersistentModelIndex,
    )
    from PySide6.QtGui import QImage
    from PySide6.QtWidgets import QStyleOptionViewItem

    from visiondesk.gui.pdf_document import PdfDocument

PAGE_THUMB = 96          # thumbnail height (an A4 page is 68 × 96 px)
CARD_WIDTH = 92          # a page card: the thumbnail, then the check box and the page number
CARD_HEIGHT = PAGE_THUMB + 34
CARD_PAD = 6


class PdfPagesBar(QWidget):
    """Pages of one PDF to choose from, the range field, the resolution and the file option."""

    changed = Signal()          # the choice, resolution or file option changed
    page_shown = Signal(int)    # 1-based page the person clicked

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("pdfPagesBar")
        self.document: PdfDocument | None = None
        self._build()
        self.retranslate()

    def _build(self) -> None:
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(4)
        self.pages = QListWidget()
        self.pages.setObjectName("pdfPageStrip")
        self.pages.setViewMode(QListWidget.ViewMode.IconMode)
        self.pages.setFlow(QListWidget.Flow.LeftToRight)
        self.pages.setWrapping(False)
        self.pages.setIconSize(QSize(PAGE_THUMB, PAGE_THUMB))
        self.pages.setGridSize(QSize(CARD_WIDTH + 4, CARD_HEIGHT))
        self.pages.setUniformItemSizes(True)
        self.pages.setMovement(QListWidget.Movement.Static)
        self.pages.setHorizontalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        self.pages.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.pages.setItemDelegate(_PageDelegate(self.pages))
        scrollbar = self.pages.horizontalScrollBar().sizeHint().height()
        self.pages.setFixedHeight(CARD_HEIGHT + 2 * self.pages.frameWidth() + scrollbar + 4)
        self.pages.itemChanged.connect(self._item_changed)
        self.pages.currentRowChanged.connect(self._row_changed)
        layout.addWidget(self.pages)

        row = QHBoxLayout()
        row.setSpacing(6)
        self._range_label = QLabel()
        self.range_field = QLineEdit()
        self.range_field.setObjectName("pdfPageRange")
        self.range_field.setClearButtonEnabled(True)
        self.range_field.editingFinished.connect(self._range_edited)
        self._range_label.setBuddy(self.range_field)
        self._dpi_label = QLabel()
        self.dpi = QSpinBox()
        self.dpi.setObjectName("pdfDpi")
        self.dpi.setRange(36, 600)
        self.dpi.setSingleStep(25)
        self.dpi.setValue(150)
        self.dpi.valueChanged.connect(self._dpi_changed)
        self._dpi_label.setBuddy(self.dpi)
        self.as_file = QCheckBox()
        self.as_file.setObjectName("pdfAsFile")
        self.as_file.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Fixed)
        self.as_file.toggled.connect(self._as_file_toggled)
        row.addWidget(self._range_label)
        row.addWidget(self.range_field, 1)
        row.addWidget(self._dpi_label)
        row.addWidget(self.dpi)
        layout.addLayout(row)
        layout.addWidget(self.as_file)
        self.problem = QLabel()
        self.problem.setObjectName("pdfRangeProblem")
        self.problem.setProperty("error", True)
        self.problem.setWordWrap(True)
        self.problem.hide()
        layout.addWidget(self.problem)

    def retranslate(self) -> None:
        self._range_label.setText(self.tr("&Pages"))
        self.range_field.setPlaceholderText(self.tr("all, or e.g. 1-3,5"))
        self.range_field.setToolTip(self.tr("Pages to send, e.g. 1-3,5; empty sends every page"))
        self.range_field.setAccessibleName(self.tr("Pages to send"))
        self._dpi_label.setText(self.tr("&Resolution"))
        self.dpi.setSuffix(self.tr(" dpi"))
        self.dpi.setToolTip(self.tr("Pages are rendered at this resolution before sending"))
        self.dpi.setAccessibleName(self.tr("Page resolution in dots per inch"))
        self.as_file.setText(self.tr("Send PDF as a file (Responses API)"))
        self.as_file.setToolTip(self.tr(
            "Send the whole document instead of page images, so the model also reads its text "
            "layer. Local OCR always reads page images."))
        self.pages.setAccessibleName(self.tr("Pages; checked pages are sent"))
        if self.document is not None:
            for row in range(self.pages.count()):
                self.pages.item(row).setToolTip(self.tr("Page {0}").format(row + 1))

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    # ---------------------------------------------------------------- document

    def set_document(self, document: PdfDocument | None) -> None:
        """Show ``document``'s pages and choice (None hides the bar)."""
        if document is self.document and document is not None:
            self._sync_checks()
            return
        self.document = document
        self.setVisible(document is not None)
        with _quiet(self.pages, self.dpi, self.as_file):
            self.pages.clear()
            if document is None:
                return
            for page in range(1, document.page_count + 1):
                item = QListWidgetItem(str(page))
                item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
                item.setSizeHint(QSize(CARD_WIDTH, CARD_HEIGHT))
                item.setData(Qt.ItemDataRole.UserRole, page)
                item.setToolTip(self.tr("Page {0}").format(page))
                thumb = document.thumbnails.get(page)
                if thumb is not None:
                    item.setIcon(_icon(thumb))
                self.pages.addItem(item)
            self.pages.setCurrentRow(document.shown_page - 1)
            self.dpi.setValue(document.dpi)
            self.as_file.setChecked(document.as_file)
        self._sync_checks()

    def set_thumbnail(self, page: int, image: QImage) -> None:
        item = self.pages.item(page - 1)
        if item is not None:
            item.setIcon(_icon(image))

    def _sync_checks(self) -> None:
        document = self.document
        if document is None:
            return
        chosen = set(document.pages)
        with _quiet(self.pages):
            for row in range(self.pages.count()):
                state = Qt.CheckState.Checked if row + 1 in chosen else Qt.CheckState.Unchecked
                self.pages.item(row).setCheckState(state)
        every = len(chosen) == document.page_count
        self.range_field.setText("" if every else format_pages(document.pages))
        self.problem.hide()

    # ---------------------------------------------------------------- edits

    def choose(self, pages: list[int]) -> None:
        """Choose exactly ``pages`` (as if the person had checked them)."""
        if self.document is None:
            return
        self.document.pages = sorted(set(pages))
        self._sync_checks()
        self.changed.emit()

    def _item_changed(self, item: QListWidgetItem) -> None:
        if self.document is None:
            return
        pages = [row + 1 for row in range(self.pages.count())
                 if self.pages.item(row).checkState() == Qt.CheckState.Checked]
        self.choose(pages)

    def _range_edited(self) -> None:
        from visiondesk.core.documents import PageRangeError, parse_page_ranges

        if self.document is None:
            return
        try:
            pages = parse_page_ranges(self.range_field.text(), self.document.page_count)
        except PageRangeError as exc:
            self.problem.setText(worded(str(exc)))  # in the window's language
            self.problem.show()
            return
        if pages != self.document.pages:
            self.choose(pages)
        else:
            self.problem.hide()

    def _row_changed(self, row: int) -> None:
        if self.document is not None and row >= 0 and row + 1 != self.document.shown_page:
            self.document.shown_page = row + 1
            self.page_shown.emit(row + 1)

    def _dpi_changed(self, value: int) -> None:
        if self.document is not None and value != self.document.dpi:
            self.document.dpi = value
            self.changed.emit()

    def _as_file_toggled(self, checked: bool) -> None:
        if self.document is not None:
            self.document.as_file = checked
            self.changed.emit()


class _PageDelegate(QStyledItemDelegate):
    """A page card: the thumbnail with a thin border, and under it the check box beside the
    page number. Clicking the check box or the number toggles the page; Space toggles too."""

    def sizeHint(self, option: QStyleOptionViewItem,
                 index: QModelIndex | QPersistentModelIndex) -> QSize:
        return QSize(CARD_WIDTH, CARD_HEIGHT)

    @staticmethod
    def _thumb_rect(rect: QRect) -> QRect:
        return QRect(rect.left() + CARD_PAD, rect.top() + CARD_PAD,
                     rect.width() - 2 * CARD_PAD, PAGE_THUMB)

    @staticmethod
    def _label_rect(rect: QRect) -> QRect:
        top = rect.top() + CARD_PAD + PAGE_THUMB + 4
        return QRect(rect.left() + 2, top, rect.width() - 4, rect.bottom() - top)

    def _check_rect(self, option: QStyleOptionViewItem, label: QRect, text_width: int) -> QRect:
        style = option.widget.style() if option.widget is not None else None
        side = style.pixelMetric(QStyle.PixelMetric.PM_IndicatorWidth) if style else 16
        total = side + 5 + text_width
        left = label.left() + max(0, (label.width() - total) // 2)
        return QRect(left, label.center().y() - side // 2, side, side)

    def paint(self, painter: QPainter, option: QStyleOptionViewItem,
              index: QModelIndex | QPersistentModelIndex) -> None:
        rect = option.rect
        state = option.state
        palette = option.palette
        painter.save()
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        selected = bool(state & QStyle.StateFlag.State_Selected)
        if selected or state & QStyle.StateFlag.State_MouseOver:
            colour = QColor(palette.highlight().color())
            colour.setAlpha(60 if selected else 22)
            painter.setPen(Qt.PenStyle.NoPen)
            painter.setBrush(colour)
            painter.drawRoundedRect(rect.adjusted(1, 1, -1, -1), 6, 6)
        thumb_rect = self._thumb_rect(rect)
        icon = index.data(Qt.ItemDataRole.DecorationRole)
        if isinstance(icon, QIcon) and not icon.isNull():
            pixmap = icon.pixmap(thumb_rect.size())
            size = pixmap.deviceIndependentSize().toSize().scaled(
                thumb_rect.size(), Qt.AspectRatioMode.KeepAspectRatio)
            target = QRect(0, 0, size.width(), size.height())
            target.moveCenter(thumb_rect.center())
            painter.drawPixmap(target, pixmap)
            frame = target.adjusted(0, 0, -1, -1)
        else:   # the thumbnail is still being rendered: an empty page outline
            frame = QRect(0, 0, PAGE_THUMB * 70 // 99, PAGE_THUMB)
            frame.moveCenter(thumb_rect.center())
            painter.fillRect(frame, QColor("#ffffff"))
        painter.setBrush(Qt.BrushStyle.NoBrush)
        painter.setPen(QPen(QColor(palette.highlight().color() if selected else "#c3c8d2"),
                            2 if selected else 1))
        painter.drawRect(frame)

        label = self._label_rect(rect)
        text = str(index.data(Qt.ItemDataRole.DisplayRole) or "")
        text_width = option.fontMetrics.horizontalAdvance(text)
        check_rect = self._check_rect(option, label, text_width)
        button = QStyleOptionButton()
        button.rect = check_rect
        button.palette = palette
        checked = index.data(Qt.ItemDataRole.CheckStateRole) in (Qt.CheckState.Checked, 2)
        button.state = (QStyle.StateFlag.State_Enabled
                        | (QStyle.StateFlag.State_On if checked else QStyle.StateFlag.State_Off))
        style = option.widget.style() if option.widget is not None else None
        if style is not None:
            style.drawPrimitive(QStyle.PrimitiveElement.PE_IndicatorCheckBox, button, painter,
                                option.widget)
        painter.setPen(palette.text().color())
        text_rect = QRect(check_rect.right() + 5, label.top(), text_width + 2, label.height())
        painter.drawText(text_rect, Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter,
                         text)
        painter.restore()

    def editorEvent(self, event: QEvent, model: QAbstractItemModel,
                    option: QStyleOptionViewItem,
                    index: QModelIndex | QPersistentModelIndex) -> bool:
        if not index.flags() & Qt.ItemFlag.ItemIsUserCheckable:
            return False
        toggle = False
        if isinstance(event, QMouseEvent) and event.type() in (
                QEvent.Type.MouseButtonRelease, QEvent.Type.MouseButtonDblClick):
            label = self._label_rect(option.rect)
            if event.button() == Qt.MouseButton.LeftButton and label.contains(
                    event.position().toPoint()):
                if event.type() == QEvent.Type.MouseButtonDblClick:
                    return True   # a double click is two toggles otherwise
                toggle = True
        elif isinstance(event, QKeyEvent) and event.type() == QEvent.Type.KeyPress:
            toggle = event.key() in (Qt.Key.Key_Space, Qt.Key.Key_Select)
        if not toggle:
            return False
        checked = index.data(Qt.ItemDataRole.CheckStateRole) in (Qt.CheckState.Checked, 2)
        state = Qt.CheckState.Unchecked if checked else Qt.CheckState.Checked
        return bool(model.setData(index, state, Qt.ItemDataRole.CheckStateRole))


def _icon(image: QImage) -> QIcon:
    thumb = image.scaled(PAGE_THUMB * 2, PAGE_THUMB * 2, Qt.AspectRatioMode.KeepAspectRatio,
                         Qt.TransformationMode.SmoothTransformation)
    return QIcon(QPixmap.fromImage(thumb))


@contextmanager
def _quiet(*objects: QObject) -> Iterator[None]:
    """Block the objects' signals while the bar itself updates them."""
    for obj in objects:
        obj.blockSignals(True)
    try:
        yield
    finally:
        for obj in objects:
            obj.blockSignals(False)
