"""The image side of the window: a zoomable, pannable preview, a thumbnail strip, the info line
(what will be sent: pixels, bytes, format, estimated image tokens) and a URL field.

It only displays; adding images (drops, paste, open, URL) goes through signals to the controller.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QPoint, QRect, QRectF, QSize, Qt, Signal
from PySide6.QtGui import (
    QGuiApplication,
    QIcon,
    QImage,
    QMouseEvent,
    QPainter,
    QPixmap,
    QResizeEvent,
    QWheelEvent,
)
from PySide6.QtWidgets import (
    QButtonGroup,
    QFrame,
    QGraphicsPixmapItem,
    QGraphicsScene,
    QGraphicsView,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QRubberBand,
    QSizePolicy,
    QStackedWidget,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from visiondesk.core.events import OcrLine
from visiondesk.gui.formatting import format_bytes, format_count
from visiondesk.gui.image_entry import ImageEntry, OcrLayer
from visiondesk.gui.ocr_overlay import OcrOverlay, selection_text
from visiondesk.gui.pdf_pages import PdfPagesBar

THUMB = 56


class ImageView(QGraphicsView):
    """Fit-to-window or 100 % zoom; drag to pan; Ctrl+wheel zooms.

    With OCR boxes shown: clicking a box copies its line; dragging a band (at fit, where there
    is nothing to pan, or with Shift at any zoom) copies every line it touches.
    """

    line_clicked = Signal(str)
    lines_selected = Signal(str, int)  # text, number of lines

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("imagePreview")
        self._scene = QGraphicsScene(self)
        self._item = QGraphicsPixmapItem()
        self._item.setTransformationMode(Qt.TransformationMode.SmoothTransformation)
        self._scene.addItem(self._item)
        self.setScene(self._scene)
        self.setDragMode(QGraphicsView.DragMode.ScrollHandDrag)
        self.setRenderHint(QPainter.RenderHint.SmoothPixmapTransform)
        self.setTransformationAnchor(QGraphicsView.ViewportAnchor.AnchorUnderMouse)
        self.setFrameShape(QFrame.Shape.NoFrame)
        self.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.fit = True
        self._scale_of_original = 1.0  # the shown pixmap's size relative to the original
        self.overlay = OcrOverlay(self._item, lambda line: self.line_clicked.emit(line.text))
        self._band: QRubberBand | None = None
        self._band_origin = QPoint()

    def show_image(self, image: QImage | None, original_width: int | None = None,
                   ocr: OcrLayer | None = None) -> None:
        pixmap = QPixmap.fromImage(image) if image is not None else QPixmap()
        self._item.setPixmap(pixmap)
        self._scene.setSceneRect(self._item.boundingRect())
        if image is not None and original_width:
            self._scale_of_original = image.width() / original_width
        else:
            self._scale_of_original = 1.0
        self.overlay.show(ocr if image is not None else None, pixmap.width())
        self.apply_zoom()

    def set_fit(self, fit: bool) -> None:
        self.fit = fit
        self.apply_zoom()

    def _update_drag_mode(self) -> None:
        # At fit there is nothing to pan, so a drag over OCR boxes draws a band instead.
        banding = self.overlay.active and self.fit
        self.setDragMode(QGraphicsView.DragMode.NoDrag if banding
                         else QGraphicsView.DragMode.ScrollHandDrag)
        self.viewport().setCursor(Qt.CursorShape.CrossCursor if banding
                                  else Qt.CursorShape.OpenHandCursor)

    # ---------------------------------------------------------------- rubber band

    def mousePressEvent(self, event: QMouseEvent) -> None:
        on_box = self.itemAt(event.position().toPoint()) in self.overlay.items
        shift = bool(event.modifiers() & Qt.KeyboardModifier.ShiftModifier)
        if (event.button() == Qt.MouseButton.LeftButton and self.overlay.active and not on_box
                and (self.fit or shift)):
            self._band_origin = event.position().toPoint()
            if self._band is None:
                self._band = QRubberBand(QRubberBand.Shape.Rectangle, self.viewport())
            self._band.setGeometry(QRect(self._band_origin, QSize()))
            self._band.show()
            event.accept()
            return
        super().mousePressEvent(event)

    def mouseMoveEvent(self, event: QMouseEvent) -> None:
        if self._band is not None and self._band.isVisible():
            rect = QRect(self._band_origin, event.position().toPoint()).normalized()
            self._band.setGeometry(rect)
            self.overlay.mark(self.overlay.items_in(self.mapToScene(rect).boundingRect()))
            event.accept()
            return
        super().mouseMoveEvent(event)

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:
        if self._band is not None and self._band.isVisible():
            self._band.hide()
            rect = QRect(self._band_origin, event.position().toPoint()).normalized()
            self.overlay.mark([])
            if rect.width() > 2 or rect.height() > 2:
                self.select_lines(self.mapToScene(rect).boundingRect())
            event.accept()
            return
        super().mouseReleaseEvent(event)

    def select_lines(self, scene_rect: QRectF) -> list[OcrLine]:
        """The lines a band over ``scene_rect`` touches, announced as text in reading order."""
        lines = [item.line for item in self.overlay.items_in(scene_rect)]
        if lines:
            self.lines_selected.emit(selection_text(lines), len(lines))
        return lines

    def apply_zoom(self) -> None:
        self._update_drag_mode()
        self.resetTransform()
        if self._item.pixmap().isNull():
            return
        if self.fit:
            self.fitInView(self._item, Qt.AspectRatioMode.KeepAspectRatio)
            if self.transform().m11() > 1.0:  # never blow a small image up past 100 %
                self.resetTransform()
                self.scale(1 / self._scale_of_original, 1 / self._scale_of_original)
        else:
            self.scale(1 / self._scale_of_original, 1 / self._scale_of_original)

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        if self.fit:
            self.apply_zoom()

    def wheelEvent(self, event: QWheelEvent) -> None:
        if event.modifiers() & Qt.KeyboardModifier.ControlModifier:
            factor = 1.15 if event.angleDelta().y() > 0 else 1 / 1.15
            self.fit = False
            self._update_drag_mode()
            self.scale(factor, factor)
            event.accept()
            return
        super().wheelEvent(event)


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
        self.view = ImageView()
        self._stack.addWidget(self._placeholder)
        self._stack.addWidget(self.view)
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

        self.pdf_bar = PdfPagesBar()
        self.pdf_bar.hide()
        self.pdf_bar.page_shown.connect(self._page_shown)
        self.pdf_bar.changed.connect(self._pdf_changed)
        layout.addWidget(self.pdf_bar)
        self.view.line_clicked.connect(self._copy_line)
        self.view.lines_selected.connect(self._copy_lines)

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
        self.view.setAccessibleName(self.tr("Image preview"))
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
        if entry_id == self._current and not self.view.fit:
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

    def _refresh(self) -> None:
        has = bool(self._entries)
        self._stack.setCurrentIndex(1 if has else 0)
        self._thumbs.setVisible(len(self._entries) > 1)
        self._remove_button.setEnabled(has)
        self._fit_button.setEnabled(has)
        self._actual_button.setEnabled(has)
        entry = self.current
        self.pdf_bar.set_document(entry.pdf if entry is not None else None)
        self._show_current()
        self._refresh_info()

    def _show_current(self) -> None:
        entry = self.current
        if entry is None:
            self.view.show_image(None)
            return
        layer = entry.ocr.get(entry.shown_page)
        full = self._full.get(entry.id) if entry.pdf is None else None  # a page is shown whole
        if not self.view.fit and full is not None:
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
        """What will be sent, e.g. ``1600 × 1200 px · 312 KB · JPEG · ≈ 765 image tokens``."""
        if entry.error:
            return self.tr("Cannot use this image: {0}").format(entry.error)
        if entry.pdf is not None:
            return self._describe_pdf(entry)
        prepared = max(entry.prepared.values(), key=lambda p: p.width, default=None)
        if prepared is None:
            if entry.preview is None and entry.original_size is None:
                return self.tr("Loading {0}…").format(entry.label)
            size = entry.original_size
            return self.tr("{0} × {1} px · preparing…").format(*size) if size else ""
        from visiondesk.core.images import estimate_image_tokens

        tokens = estimate_image_tokens(prepared.width, prepared.height, "auto")
        parts = [
            self.tr("Sends {0} × {1} px").format(prepared.width, prepared.height),
            format_bytes(len(prepared.data)),
            prepared.mime.split("/")[-1].upper(),
            self.tr("≈ {0} image tokens").format(format_count(tokens)),
        ]
        if entry.original_size and entry.original_size != (prepared.width, prepared.height):
            parts.append(self.tr("original {0} × {1}").format(*entry.original_size))
        if len(self._entries) > 1:
            parts.append(self.tr("{0} images").format(len(self._entries)))
        return "  ·  ".join(parts)

    def _describe_pdf(self, entry: ImageEntry) -> str:
        """What a PDF will send, e.g. ``report.pdf · 12 pages · sends pages 1-3 at 150 dpi``."""
        from visiondesk.gui.pdf_document import format_pages

        pdf = entry.pdf
        assert pdf is not None
        parts = [entry.label, self.tr("{0} pages").format(pdf.page_count)
                 if pdf.page_count != 1 else self.tr("1 page")]
        if pdf.as_file:
            parts.append(self.tr("sends the whole PDF as a file (page images for Local OCR)"))
        elif not pdf.pages:
            parts.append(self.tr("no page chosen"))
        elif len(pdf.pages) == pdf.page_count and pdf.page_count > 1:
            parts.append(self.tr("sends every page at {0} dpi").format(pdf.dpi))
        else:
            parts.append(self.tr("sends page {0} at {1} dpi").format(format_pages(pdf.pages), pdf.dpi)
                         if len(pdf.pages) == 1 else
                         self.tr("sends pages {0} at {1} dpi").format(format_pages(pdf.pages), pdf.dpi))
        if entry.original_size:
            parts.append(self.tr("page {0}: {1} × {2} px").format(pdf.shown_page,
                                                                  *entry.original_size))
        return "  ·  ".join(parts)

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
        self.view.set_fit(fit)
        entry = self.current
        if not fit and entry is not None and entry.id not in self._full:
            self.full_resolution_wanted.emit(entry.id)
        self._show_current()

    def _row_changed(self, row: int) -> None:
        if 0 <= row < len(self._entries):
            self._current = self._entries[row].id
            entry = self.current
            self.pdf_bar.set_document(entry.pdf if entry is not None else None)
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
