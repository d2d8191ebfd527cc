"""The image side of the window: a zoomable, pannable preview, a thumbnail strip, the info line
(what will be sent: pixels, bytes, format, estimated image tokens) and a URL field.

It only displays; adding images (drops, paste, open, URL) goes through signals to the controller.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, QSize, Qt, Signal
from PySide6.QtGui import (
    QGuiApplication,
    QIcon,
    QPixmap,
)
from PySide6.QtWidgets import (
    QButtonGroup,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QSizePolicy,
    QStackedWidget,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from visiondesk.gui.image_info import describe_entry

if TYPE_CHECKING:
    from PySide6.QtGui import QImage

    from visiondesk.gui.image_entry import ImageEntry, OcrLayer
    from visiondesk.gui.image_view import ImageView
    from visiondesk.gui.pdf_document import PdfDocument
    from visiondesk.gui.pdf_pages import PdfPagesBar

THUMB = 56


class ImagePanel(QWidget):
    """Preview, thumbnails, info line and URL field."""

    url_submitted = Signal(str)
    open_requested = Signal()
    paste_requested = Signal()
    capture_requested = Signal()
    remove_requested = Signal(int)      # image id
    selected = Signal(int)              # image id
    full_resolution_wanted = Signal(int)
    page_wanted = Signal(int, int)      # image id, 1-based PDF page to preview
    pdf_changed = Signal(int)           # image id: pages, resolution or file option changed
    message = Signal(str)               # a brief status-bar note (e.g. "Copied …")

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("imagePanel")
        self._entries: list[ImageEntry] = []
        self._current: int | None = None
        self._full: dict[int, QImage] = {}
        self._pdf_bar: PdfPagesBar | None = None  # built when the first PDF is shown
        self._view: ImageView | None = None  # built when the first image is shown
        self._fit = True
        self._build()
        self.retranslate()
        self._refresh()

    def _build(self) -> None:
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(6)

        bar = QHBoxLayout()
        bar.setSpacing(4)
        self._fit_button = _tool("fitButton", checkable=True)
        self._actual_button = _tool("actualSizeButton", checkable=True)
        zoom = QButtonGroup(self)
        zoom.addButton(self._fit_button)
        zoom.addButton(self._actual_button)
        self._fit_button.setChecked(True)
        self._fit_button.clicked.connect(lambda: self._set_fit(True))
        self._actual_button.clicked.connect(lambda: self._set_fit(False))
        self._open_button = _tool("openButton")
        self._open_button.clicked.connect(self.open_requested)
        self._paste_button = _tool("pasteButton")
        self._paste_button.clicked.connect(self.paste_requested)
        self._capture_button = _tool("captureButton")
        self._capture_button.clicked.connect(self.capture_requested)
        self._remove_button = _tool("removeImageButton")
        self._remove_button.clicked.connect(self._remove_current)
        for button in (self._open_button, self._paste_button, self._capture_button):
            bar.addWidget(button)
        bar.addStretch(1)
        for button in (self._fit_button, self._actual_button, self._remove_button):
            bar.addWidget(button)
        layout.addLayout(bar)

        self._stack = QStackedWidget()
        self._stack.setObjectName("imageStack")
        self._placeholder = QLabel()
        self._placeholder.setObjectName("dropPlaceholder")
        self._placeholder.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self._placeholder.setWordWrap(True)
        self._placeholder.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Ignored)
        self._stack.addWidget(self._placeholder)
        layout.addWidget(self._stack, 1)

        self._thumbs = QListWidget()
        self._thumbs.setObjectName("thumbnailStrip")
        self._thumbs.setViewMode(QListWidget.ViewMode.IconMode)
        self._thumbs.setFlow(QListWidget.Flow.LeftToRight)
        self._thumbs.setWrapping(False)
        self._thumbs.setIconSize(QSize(THUMB, THUMB))
        self._thumbs.setFixedHeight(THUMB + 22)
        self._thumbs.setMovement(QListWidget.Movement.Static)
        self._thumbs.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAsNeeded)
        self._thumbs.currentRowChanged.connect(self._row_changed)
        layout.addWidget(self._thumbs)

        self.info = QLabel()
        self.info.setObjectName("imageInfo")
        self.info.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.info.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
        layout.addWidget(self.info)

        url_row = QHBoxLayout()
        url_row.setSpacing(4)
        self.url_field = QLineEdit()
        self.url_field.setObjectName("urlField")
        self.url_field.setClearButtonEnabled(True)
        self.url_field.returnPressed.connect(self._submit_url)
        self._add_url_button = _tool("addUrlButton")
        self._add_url_button.clicked.connect(self._submit_url)
        url_row.addWidget(self.url_field, 1)
        url_row.addWidget(self._add_url_button)
        layout.addLayout(url_row)

    @property
    def pdf_bar(self) -> PdfPagesBar:
        """The page chooser under the thumbnails; built on first use, as most sessions open no PDF."""
        if self._pdf_bar is None:
            from visiondesk.gui.pdf_pages import PdfPagesBar

            bar = PdfPagesBar()
            bar.hide()
            bar.page_shown.connect(self._page_shown)
            bar.changed.connect(self._pdf_changed)
            layout = self.layout()
            assert isinstance(layout, QVBoxLayout)
            layout.insertWidget(layout.indexOf(self.info), bar)  # between thumbnails and info line
            self._pdf_bar = bar
        return self._pdf_bar

    def _show_pdf(self, document: PdfDocument | None) -> None:
        """The current entry's PDF in the page chooser; no PDF yet: no chooser to hide."""
        if document is not None or self._pdf_bar is not None:
            self.pdf_bar.set_document(document)

    def retranslate(self) -> None:
        self._fit_button.setText(self.tr("Fit"))
        self._fit_button.setToolTip(self.tr("Fit the image to the window"))
        self._fit_button.setAccessibleName(self.tr("Fit to window"))
        self._actual_button.setText(self.tr("100%"))
        self._actual_button.setToolTip(self.tr("Show the image at its real size; drag to pan"))
        self._actual_button.setAccessibleName(self.tr("Actual size"))
        self._open_button.setText(self.tr("Open…"))
        self._open_button.setToolTip(self.tr("Open image files (Ctrl+O)"))
        self._open_button.setAccessibleName(self.tr("Open images"))
        self._paste_button.setText(self.tr("Paste"))
        self._paste_button.setToolTip(self.tr("Paste an image, a file path or a URL (Ctrl+V)"))
        self._paste_button.setAccessibleName(self.tr("Paste image"))
        self._capture_button.setText(self.tr("Capture"))
        self._capture_button.setToolTip(self.tr("Capture a region of the screen (Ctrl+Shift+S)"))
        self._capture_button.setAccessibleName(self.tr("Capture screen region"))
        self._remove_button.setText(self.tr("Remove"))
        self._remove_button.setToolTip(self.tr("Remove this image"))
        self._remove_button.setAccessibleName(self.tr("Remove image"))
        self._placeholder.setText(self.tr(
            "Drop an image here\n\nor paste one with Ctrl+V, open a file with Ctrl+O,\n"
            "or enter an image URL below"))
        if self._view is not None:
            self._view.setAccessibleName(self.tr("Image preview"))
        self._thumbs.setAccessibleName(self.tr("Images to send"))
        self.url_field.setPlaceholderText(self.tr("Image URL or file path, then Enter"))
        self.url_field.setAccessibleName(self.tr("Image URL"))
        self._add_url_button.setText(self.tr("Add"))
        self._add_url_button.setAccessibleName(self.tr("Add image from URL"))
        self._refresh_info()

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    # ---------------------------------------------------------------- entries

    @property
    def entries(self) -> list[ImageEntry]:
        return list(self._entries)

    @property
    def current(self) -> ImageEntry | None:
        for entry in self._entries:
            if entry.id == self._current:
                return entry
        return None

    def add_entry(self, entry: ImageEntry) -> None:
        self._entries.append(entry)
        item = QListWidgetItem(entry.label)
        item.setData(Qt.ItemDataRole.UserRole, entry.id)
        item.setToolTip(entry.source)
        self._thumbs.addItem(item)
        self._current = entry.id
        self._thumbs.setCurrentRow(len(self._entries) - 1)
        self._refresh()

    def update_entry(self, entry: ImageEntry) -> None:
        """The entry's preview or info changed (a worker thread finished)."""
        icon = entry.pdf.thumbnails.get(1) if entry.pdf is not None else entry.preview
        for row in range(self._thumbs.count()):
            item = self._thumbs.item(row)
            if item.data(Qt.ItemDataRole.UserRole) == entry.id and icon is not None:
                thumb = icon.scaled(THUMB * 2, THUMB * 2, Qt.AspectRatioMode.KeepAspectRatio,
                                             Qt.TransformationMode.SmoothTransformation)
                item.setIcon(QIcon(QPixmap.fromImage(thumb)))
                item.setText("")
        if entry.id == self._current:
            self._refresh()

    def set_page_thumbnail(self, entry_id: int, page: int, image: QImage) -> None:
        entry = self._entry(entry_id)
        if entry is None or entry.pdf is None:
            return
        entry.pdf.thumbnails[page] = image
        if entry.id == self._current:
            self.pdf_bar.set_thumbnail(page, image)
        if page == 1:
            self.update_entry(entry)

    def set_ocr(self, entry_id: int, page: int, layer: OcrLayer) -> None:
        """Boxes the local OCR engine found in an image (or a PDF page) of this panel."""
        entry = self._entry(entry_id)
        if entry is None:
            return
        entry.ocr[page] = layer
        if entry.id == self._current and entry.shown_page == page:
            self._show_current()
            self._refresh_info()

    def clear_ocr(self) -> None:
        for entry in self._entries:
            entry.ocr.clear()
        self._show_current()

    def _entry(self, entry_id: int) -> ImageEntry | None:
        return next((e for e in self._entries if e.id == entry_id), None)

    def set_full_image(self, entry_id: int, image: QImage) -> None:
        self._full[entry_id] = image
        if entry_id == self._current and not self._fitted():
            self._show_current()

    def remove_entry(self, entry_id: int) -> None:
        self._entries = [e for e in self._entries if e.id != entry_id]
        self._full.pop(entry_id, None)
        for row in range(self._thumbs.count()):
            if self._thumbs.item(row).data(Qt.ItemDataRole.UserRole) == entry_id:
                self._thumbs.takeItem(row)
                break
        self._current = self._entries[-1].id if self._entries else None
        self._refresh()

    def clear(self) -> None:
        for entry in list(self._entries):
            self.remove_entry(entry.id)

    # ---------------------------------------------------------------- display

    def _fitted(self) -> bool:
        """Whether the preview fits the image to the window (Ctrl+wheel zooms out of it)."""
        return self._view.fit if self._view is not None else self._fit

    @property
    def view(self) -> ImageView:
        """The zoomable preview, built with the first image: the graphics view and its OCR
        overlay cost a few milliseconds the empty window's start-up need not pay."""
        if self._view is None:
            from visiondesk.gui.image_view import ImageView

            self._view = ImageView()
            self._view.set_fit(self._fit)
            self._view.setAccessibleName(self.tr("Image preview"))
            self._view.line_clicked.connect(self._copy_line)
            self._view.lines_selected.connect(self._copy_lines)
            self._stack.addWidget(self._view)
        return self._view

    def _refresh(self) -> None:
        has = bool(self._entries)
        self._stack.setCurrentWidget(self.view if has else self._placeholder)
        self._thumbs.setVisible(len(self._entries) > 1)
        self._remove_button.setEnabled(has)
        self._fit_button.setEnabled(has)
        self._actual_button.setEnabled(has)
        entry = self.current
        self._show_pdf(entry.pdf if entry is not None else None)
        self._show_current()
        self._refresh_info()

    def _show_current(self) -> None:
        entry = self.current
        if entry is None:
            if self._view is not None:
                self._view.show_image(None)
            return
        layer = entry.ocr.get(entry.shown_page)
        full = self._full.get(entry.id) if entry.pdf is None else None  # a page is shown whole
        if not self._fitted() and full is not None:
            self.view.show_image(full, full.width(), layer)
        else:
            width = entry.original_size[0] if entry.original_size else None
            self.view.show_image(entry.preview, width, layer)

    def _refresh_info(self) -> None:
        entry = self.current
        text = self.describe(entry) if entry else ""
        tip = entry.source if entry else ""
        layer = entry.ocr.get(entry.shown_page) if entry is not None else None
        if layer is not None and layer.lines and entry is not None and not entry.error:
            # What a person can do with the boxes matters more now; what was sent goes to the tip.
            tip = f"{text}\n{tip}"
            text = self.tr("{0} lines found: click one to copy it, drag across several to copy "
                           "them").format(len(layer.lines))
        self.info.setText(text)
        self.info.setToolTip(tip)

    def describe(self, entry: ImageEntry) -> str:
        """What will be sent for ``entry`` (gui/image_info.py)."""
        return describe_entry(entry, self._entries)

    def _page_shown(self, page: int) -> None:
        entry = self.current
        if entry is not None and entry.pdf is not None:
            self.page_wanted.emit(entry.id, page)
            self._refresh_info()

    def _pdf_changed(self) -> None:
        entry = self.current
        if entry is not None:
            self._refresh_info()
            self.pdf_changed.emit(entry.id)

    def _copy_line(self, text: str) -> None:
        QGuiApplication.clipboard().setText(text)
        shown = text if len(text) <= 60 else text[:59] + "…"
        self.message.emit(self.tr("Copied “{0}”").format(shown))

    def _copy_lines(self, text: str, count: int) -> None:
        QGuiApplication.clipboard().setText(text)
        self.message.emit(self.tr("Copied {0} lines").format(count) if count != 1
                          else self.tr("Copied 1 line"))

    def _set_fit(self, fit: bool) -> None:
        self._fit = fit
        if self._view is not None:
            self._view.set_fit(fit)
        entry = self.current
        if not fit and entry is not None and entry.id not in self._full:
            self.full_resolution_wanted.emit(entry.id)
        self._show_current()

    def _row_changed(self, row: int) -> None:
        if 0 <= row < len(self._entries):
            self._current = self._entries[row].id
            entry = self.current
            self._show_pdf(entry.pdf if entry is not None else None)
            self._show_current()
            self._refresh_info()
            self.selected.emit(self._current)

    def _remove_current(self) -> None:
        if self._current is not None:
            self.remove_requested.emit(self._current)

    def _submit_url(self) -> None:
        text = self.url_field.text().strip()
        if text:
            self.url_submitted.emit(text)
            self.url_field.clear()


def _tool(name: str, *, checkable: bool = False) -> QToolButton:
    button = QToolButton()
    button.setObjectName(name)
    button.setCheckable(checkable)
    button.setAutoRaise(True)
    button.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
    return button
