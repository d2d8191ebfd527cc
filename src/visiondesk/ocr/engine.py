"""The local OCR engine: rapidocr's PP-OCR models on onnxruntime, loaded lazily and once.

Models: the rapidocr wheel ships its default detection, direction-classifier and recognition
models (for rapidocr 3.10: PP-OCRv6 small det/rec, which read simplified and traditional Chinese,
English and other Latin-script languages, plus the mobile 0/180° classifier) in
``rapidocr/models``. The engine points rapidocr at those files explicitly, so rapidocr's
download-on-first-use path is never taken; if a rapidocr install lacks them, loading fails with a
CONFIG error instead of reaching for the network.

Threads: loading and recognising are blocking and CPU-bound. Callers on an event loop use the
``*_async`` methods (``asyncio.to_thread``); the GUI never calls the sync ones on its thread.
One engine serialises its own runs, since two at once would only fight over the same cores.

Coordinates: every box is reported in the pixel space of the *original* image (after EXIF
orientation, before any downscale), even when a smaller copy was recognised, so a viewer can
draw boxes over the picture the person opened.
"""

from __future__ import annotations

import asyncio
import importlib.util
import io
import logging
import os
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PIL import Image, ImageOps, UnidentifiedImageError

from visiondesk.core.errors import AnalysisError, ErrorKind
from visiondesk.core.events import OcrLine
from visiondesk.core.inputs import PreparedImage
from visiondesk.ocr.layout import OcrMode, format_text, group_rows, join_row, layout_text
from visiondesk.ocr.tiles import is_tall, merge_tiles, plan_tiles

__all__ = [
    "LocalOcrEngine", "OcrMode", "OcrOutput", "OcrSettings", "bundled_model_paths",
    "default_engine", "format_text", "group_rows", "join_row", "layout_text",
]

if TYPE_CHECKING:
    from rapidocr import RapidOCR

    from visiondesk.ocr.tiles import Tile

log = logging.getLogger(__name__)

OcrImageSource = bytes | Path | Image.Image | PreparedImage
"""What ``recognize`` reads: encoded bytes, a file, a decoded Pillow image or a prepared image."""

Box = tuple[tuple[float, float], ...]

def _default_threads() -> int:
    # onnxruntime would take every core; beyond four the small PP-OCR models barely gain, and a
    # desktop app should leave cores for the GUI and the person's other programs.
    return max(1, min(4, os.cpu_count() or 1))


@dataclass(frozen=True, slots=True)
class OcrSettings:
    """Engine knobs, tuned for speed on a 2-core machine.

    ``det_limit_side`` caps the longer side the text detector sees. Detection cost grows with
    the pixel count, and rapidocr's own default (scale the *shorter* side up to 736) enlarges a
    900x500 receipt to 1325x736 for no gain: capping the longer side instead halves the time of
    a receipt. 1600 rather than 960 or 1280 because on a 150-dpi A4 page of 10-point text the
    character error rate was 6.1% at 960, 2.7% at 1280 and 1.8% at 1600, while detection is a
    small share of the time there (recognising 45 lines costs several times more).
    ``max_side`` is the largest image recognised at all: anything bigger is shrunk first (and
    boxes scaled back), which bounds memory and time for 50-megapixel photos.
    Very tall images (see ``tiles.is_tall``) are the exception: ``max_side`` bounds their width,
    and they are read in overlapping tiles ``det_limit_side`` tall, at most ``max_tiles`` of them
    (a taller image is shrunk until it fits, which bounds the time of a 100,000-pixel page).
    """

    det_limit_side: int = 1600
    max_side: int = 2000
    max_tiles: int = 24
    text_score: float = 0.5
    use_angle_cls: bool = True
    threads: int = field(default_factory=_default_threads)


@dataclass(frozen=True, slots=True)
class OcrOutput:
    """What one image held: ``lines`` in reading order and ``text`` laid out in ``mode``.

    ``width``/``height`` are the original image size, the space the boxes are in; ``elapsed`` is
    the recognition time in seconds (model loading excluded); ``tiles`` how many pieces a very
    tall image was read in (1 for any other).
    """

    lines: tuple[OcrLine, ...]
    text: str
    width: int
    height: int
    elapsed: float
    mode: OcrMode = OcrMode.LINES
    tiles: int = 1


def bundled_model_paths() -> dict[str, Path]:
    """The det, cls and rec ONNX models inside the installed rapidocr package.

    Found without importing rapidocr (which pulls in OpenCV), so a settings page can ask cheaply.
    Raises AnalysisError(CONFIG) when rapidocr is missing or ships no model of a kind.
    """
    spec = importlib.util.find_spec("rapidocr")
    if spec is None or spec.origin is None:
        raise AnalysisError(
            ErrorKind.CONFIG,
            "Local OCR needs the rapidocr and onnxruntime packages "
            "(pip install 'rapidocr>=3.10,<4' onnxruntime).",
        )
    models_dir = Path(spec.origin).parent / "models"
    found: dict[str, Path] = {}
    for kind in ("det", "cls", "rec"):
        candidates = sorted(models_dir.glob(f"*{kind}*.onnx"))
        if not candidates:
            raise AnalysisError(
                ErrorKind.CONFIG,
                f"The installed rapidocr has no bundled {kind} model in {models_dir}; VisionDesk "
                "never downloads models, so reinstall it (pip install 'rapidocr>=3.10,<4').",
            )
        # Should a future wheel carry several sizes, the small/mobile one keeps us fast.
        preferred = [p for p in candidates if "small" in p.name or "mobile" in p.name]
        found[kind] = (preferred or candidates)[0]
    return found


def _name_of(source: OcrImageSource) -> str:
    if isinstance(source, PreparedImage):
        return Path(source.source).name or source.source or "the image"
    if isinstance(source, Path):
        return source.name
    return "the image"


def _open(source: OcrImageSource) -> Image.Image:
    name = _name_of(source)
    try:
        if isinstance(source, Image.Image):
            return source
        if isinstance(source, PreparedImage):
            image = Image.open(io.BytesIO(source.data))
        elif isinstance(source, Path):
            image = Image.open(source)
        else:
            image = Image.open(io.BytesIO(source))
        return image
    except FileNotFoundError:
        raise AnalysisError(ErrorKind.IMAGE, f"{name} does not exist.") from None
    except (UnidentifiedImageError, Image.DecompressionBombError, OSError, ValueError,
            SyntaxError) as exc:  # SyntaxError: some Pillow plugins' word for a bad header
        log.debug("cannot open %s", name, exc_info=True)
        raise AnalysisError(ErrorKind.IMAGE, f"{name} is not an image that can be read "
                            f"({type(exc).__name__}).") from None


def _to_8bit(image: Image.Image) -> Image.Image:
    """An image in a mode rapidocr understands: RGB, or RGBA so it can pick a background."""
    if image.mode in ("I;16", "I;16B", "I;16L", "I"):
        # 16-bit scans: scale to 8 bits; convert("L") would clip everything above 255 to white.
        return image.convert("I").point(lambda v: v / 256).convert("L").convert("RGB")
    if image.mode == "F":
        return image.convert("L").convert("RGB")
    has_alpha = image.mode in ("RGBA", "LA", "PA", "RGBa", "La") or (
        image.mode == "P" and "transparency" in image.info)
    # Alpha is kept: rapidocr lays transparent pixels on white or black, whichever contrasts
    # with the text, so white text on a transparent logo is still read.
    return image.convert("RGBA" if has_alpha else "RGB")


class LocalOcrEngine:
    """rapidocr behind a lock: ``load`` once, then ``recognize`` any number of images.

    Safe to share between threads. Construction is cheap; the models load on the first
    ``load``/``recognize`` (about a second on two cores) and stay loaded.
    """

    def __init__(self, settings: OcrSettings | None = None) -> None:
        self.settings = settings or OcrSettings()
        self._ocr: RapidOCR | None = None
        self._load_lock = threading.Lock()
        self._run_lock = threading.Lock()
        self.model_paths: dict[str, Path] = {}
        self.load_seconds: float | None = None

    @property
    def loaded(self) -> bool:
        return self._ocr is not None

    def load(self) -> None:
        """Load the models now (idempotent, thread-safe). Raises AnalysisError(CONFIG)."""
        if self._ocr is not None:
            return
        with self._load_lock:
            if self._ocr is not None:
                return
            started = time.perf_counter()
            paths = bundled_model_paths()
            try:
                from rapidocr import RapidOCR
            except ImportError as exc:
                raise AnalysisError(
                    ErrorKind.CONFIG,
                    f"Local OCR cannot start: {exc}. Install rapidocr and onnxruntime.",
                ) from None
            ort = {"intra_op_num_threads": self.settings.threads, "inter_op_num_threads": 1}
            params: dict[str, Any] = {
                # rapidocr logs through its own stderr handler; only real errors should show.
                "Global.log_level": "error",
                "Global.text_score": self.settings.text_score,
                "Global.use_cls": self.settings.use_angle_cls,
                "Global.max_side_len": self.settings.max_side,
                "Det.model_path": str(paths["det"]),
                "Det.limit_type": "max",
                "Det.limit_side_len": self.settings.det_limit_side,
                "Cls.model_path": str(paths["cls"]),
                "Rec.model_path": str(paths["rec"]),
                **{f"EngineConfig.onnxruntime.{k}": v for k, v in ort.items()},
            }
            try:
                ocr = RapidOCR(params=params)
                # rapidocr 3.x builds its ONNX sessions on first use; build them here so that
                # load() really loads and the first recognition is not the slow one.
                for loader in ("_load_det_model", "_load_cls_model", "_load_rec_model"):
                    if loader == "_load_cls_model" and not self.settings.use_angle_cls:
                        continue
                    getattr(ocr, loader, lambda: None)()
            except AnalysisError:
                raise
            except Exception as exc:
                log.exception("rapidocr failed to load")
                raise AnalysisError(
                    ErrorKind.CONFIG,
                    f"The local OCR models could not be loaded ({type(exc).__name__}: {exc}).",
                ) from None
            self.model_paths = paths
            self.load_seconds = time.perf_counter() - started
            self._ocr = ocr
            log.info("local OCR loaded in %.2fs (%s, %d threads)", self.load_seconds,
                     ", ".join(p.name for p in paths.values()), self.settings.threads)

    async def load_async(self) -> None:
        await asyncio.to_thread(self.load)

    def recognize(
        self, image: OcrImageSource, *, original_size: tuple[int, int] | None = None,
        mode: OcrMode | str | None = None, cancel: threading.Event | None = None,
    ) -> OcrOutput:
        """Read the text in ``image``. Blocking: call it off the GUI thread.

        ``original_size`` is the size of the picture the person sees when ``image`` is a
        downscaled copy; boxes are scaled to it. A PreparedImage carries its own original size.
        ``mode`` lays out ``text`` (OcrMode or its name; ``lines`` when None); ``lines`` are in
        reading order whatever the mode. Setting ``cancel`` stops a tall image between tiles
        (AnalysisError CANCELLED); onnxruntime cannot be stopped within one.
        Raises AnalysisError (IMAGE when the image cannot be read, CONFIG when models can't load)
        and ValueError for an unknown mode.
        """
        chosen = OcrMode.parse(mode)  # before any work: a typo fails at once
        name = _name_of(image)
        opened = _open(image)  # before loading: a bad file fails fast, not after a second
        if original_size is None and isinstance(image, PreparedImage):
            original_size = (image.original_width, image.original_height)
        try:
            stored_w, stored_h = opened.size
            shrink = self.settings.max_side / max(stored_w, stored_h)
            if max(stored_w, stored_h) > 2 * min(stored_w, stored_h):
                # A long strip may be a tall page read in tiles at full width (EXIF may turn
                # it yet), so only its shorter side is bounded.
                shrink = self.settings.max_side / min(stored_w, stored_h)
            if opened is not image and shrink < 1:
                # JPEG can decode straight at 1/2, 1/4 or 1/8 size, much faster for big photos;
                # Pillow picks the largest reduction that stays at or above the size asked for.
                opened.draft("RGB", (int(stored_w * shrink), int(stored_h * shrink)))
            decoded_size = opened.size
            pixels = ImageOps.exif_transpose(opened)
            # The size a person sees: the stored size, turned if the orientation tag (EXIF or
            # XMP) turned the pixels. Taken from the stored size rather than the draft-decoded
            # one, which JPEG rounds up to whole blocks.
            turned = pixels.size != decoded_size
            target = original_size or ((stored_h, stored_w) if turned else (stored_w, stored_h))
            pixels = _to_8bit(pixels)
            pixels = self._fit(pixels)
        except Exception as exc:  # Pillow's plugins raise many types for broken data
            log.debug("cannot decode %s", name, exc_info=True)
            raise AnalysisError(ErrorKind.IMAGE, f"{name} is damaged or truncated and cannot be "
                                f"decoded ({type(exc).__name__}).") from None
        finally:
            if opened is not image:
                opened.close()  # the file handle; ``pixels`` is an independent copy by now

        scale_x = target[0] / pixels.width
        scale_y = target[1] / pixels.height
        self.load()
        assert self._ocr is not None
        tiles = self._tiles_for(pixels)
        with self._run_lock:
            started = time.perf_counter()
            found = []
            for tile in tiles:
                if cancel is not None and cancel.is_set():
                    raise AnalysisError(ErrorKind.CANCELLED, f"Reading {name} was cancelled.")
                piece = pixels if len(tiles) == 1 else pixels.crop(
                    (0, tile.top, pixels.width, tile.bottom))
                try:
                    result = self._ocr(piece)
                except Exception as exc:
                    log.exception("rapidocr failed on %s", name)
                    raise AnalysisError(ErrorKind.IMAGE, f"Local OCR failed on {name} "
                                        f"({type(exc).__name__}: {exc}).") from None
                found.append((tile, _lines_from(result)))
            elapsed = time.perf_counter() - started

        engine_order = [_scaled(line, scale_x, scale_y, target)
                        for line in merge_tiles(found)]
        ordered = tuple(line for row in group_rows(engine_order) for line in row)
        log.debug("OCR of %s: %d lines in %.2fs (%d tiles)", name, len(ordered), elapsed,
                  len(tiles))
        return OcrOutput(ordered, format_text(engine_order, chosen), target[0], target[1],
                         elapsed, chosen, len(tiles))

    def _fit(self, pixels: Image.Image) -> Image.Image:
        """``pixels`` shrunk to what the engine reads: the longer side, or a tall page's width."""
        width, height = pixels.size
        limit = self.settings.max_side
        if is_tall(width, height):
            # Width within max_side, and no more tiles than max_tiles.
            tile_height, overlap = self._tile_geometry()
            most = self.settings.max_tiles * (tile_height - overlap) + overlap
            scale = min(1.0, limit / width, most / height)
            if scale < 1:
                size = (max(1, int(width * scale)), max(1, int(height * scale)))
                pixels = pixels.resize(size, Image.Resampling.LANCZOS)
        elif max(width, height) > limit:
            pixels.thumbnail((limit, limit), Image.Resampling.LANCZOS)
        return pixels

    def _tile_geometry(self) -> tuple[int, int]:
        """Tile height and overlap for tall pages.

        As tall as the detector's input, so it reads a tile (of a page up to that wide) at full
        size; overlapping by more than twice a tall line (a 100-pixel heading), so a line cut by
        one tile's edge lies whole in the neighbour's core.
        """
        tile_height = self.settings.det_limit_side
        return tile_height, max(240, tile_height // 8)

    def _tiles_for(self, pixels: Image.Image) -> list[Tile]:
        width, height = pixels.size
        if not is_tall(width, height):
            return plan_tiles(height, height, 0)
        return plan_tiles(height, *self._tile_geometry())

    async def recognize_async(
        self, image: OcrImageSource, *, original_size: tuple[int, int] | None = None,
        mode: OcrMode | str | None = None,
    ) -> OcrOutput:
        """``recognize`` on a worker thread.

        Cancelling the awaiting task returns at once; the worker finishes the tile it is on in
        the background (onnxruntime cannot be interrupted), skips any further tiles of a tall
        image, and its result is dropped.
        """
        cancel = threading.Event()
        try:
            return await asyncio.to_thread(self.recognize, image, original_size=original_size,
                                           mode=mode, cancel=cancel)
        except asyncio.CancelledError:
            cancel.set()
            raise


def _scaled(line: OcrLine, scale_x: float, scale_y: float, size: tuple[int, int]) -> OcrLine:
    """``line`` with its box in the original picture's pixels, clamped to it."""
    corners: Box = tuple(
        (min(max(x * scale_x, 0.0), float(size[0])), min(max(y * scale_y, 0.0), float(size[1])))
        for x, y in line.box
    )
    return OcrLine(line.text, line.score, corners)


def _lines_from(result: object) -> list[OcrLine]:
    """rapidocr's boxes, texts and scores as lines, boxes in the pixels of what it was given."""
    # rapidocr returns a bare output object (no boxes or texts) when it finds nothing.
    boxes = getattr(result, "boxes", None)
    texts = getattr(result, "txts", None)
    scores = getattr(result, "scores", None)
    if boxes is None or texts is None or scores is None:
        return []
    lines = []
    for box, text, score in zip(boxes, texts, scores, strict=False):
        if not str(text).strip():
            continue
        corners: Box = tuple((float(x), float(y)) for x, y in box)
        lines.append(OcrLine(str(text), float(score), corners))
    return lines


_default: LocalOcrEngine | None = None
_default_lock = threading.Lock()


def default_engine() -> LocalOcrEngine:
    """The process-wide engine, so the models are loaded once however many panes use them."""
    global _default
    with _default_lock:
        if _default is None:
            _default = LocalOcrEngine()
        return _default
