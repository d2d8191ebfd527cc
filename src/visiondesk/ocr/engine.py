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
import statistics
import threading
import time
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PIL import Image, ImageOps, UnidentifiedImageError

from visiondesk.core.errors import AnalysisError, ErrorKind
from visiondesk.core.events import OcrLine
from visiondesk.core.inputs import PreparedImage

if TYPE_CHECKING:
    from rapidocr import RapidOCR

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
    """

    det_limit_side: int = 1600
    max_side: int = 2000
    text_score: float = 0.5
    use_angle_cls: bool = True
    threads: int = field(default_factory=_default_threads)


@dataclass(frozen=True, slots=True)
class OcrOutput:
    """What one image held: ``lines`` in reading order and ``text`` laid out in rows.

    ``width``/``height`` are the original image size, the space the boxes are in; ``elapsed`` is
    the recognition time in seconds (model loading excluded).
    """

    lines: tuple[OcrLine, ...]
    text: str
    width: int
    height: int
    elapsed: float


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


def _is_cjk(char: str) -> bool:
    """True for characters written without spaces between them (Chinese, Japanese kana)."""
    if unicodedata.east_asian_width(char) not in ("W", "F"):
        return False
    # Korean is wide too, but separates words with spaces like English does.
    return not unicodedata.name(char, "").startswith("HANGUL")


def join_row(texts: Sequence[str]) -> str:
    """Texts of boxes on one row, left to right: a space between words, none between CJK."""
    out = ""
    for text in texts:
        text = text.strip()
        if not text:
            continue
        if out and not (_is_cjk(out[-1]) and _is_cjk(text[0])):
            out += " "
        out += text
    return out


@dataclass(frozen=True, slots=True)
class _Placed:
    line: OcrLine
    centre_y: float
    left: float
    height: float


def _place(line: OcrLine) -> _Placed:
    xs = [x for x, _ in line.box]
    ys = [y for _, y in line.box]
    if len(line.box) == 4:
        # Corners come clockwise from top-left; averaging the two side edges gives the text
        # height even for a slightly rotated line, where max(y) - min(y) would overstate it.
        (x0, y0), (x1, y1), (x2, y2), (x3, y3) = line.box
        height = (((x3 - x0) ** 2 + (y3 - y0) ** 2) ** 0.5
                  + ((x2 - x1) ** 2 + (y2 - y1) ** 2) ** 0.5) / 2
    else:
        height = max(ys) - min(ys)
    return _Placed(line, sum(ys) / len(ys), min(xs), max(height, 1.0))


def group_rows(lines: Sequence[OcrLine]) -> list[list[OcrLine]]:
    """Lines grouped into rows, rows top to bottom and each row left to right.

    Two boxes share a row when their vertical centres differ by less than half the height of the
    smaller one: tolerant of slightly skewed or uneven baselines, yet a small caption under a big
    title does not join it.
    """
    placed = sorted((_place(line) for line in lines), key=lambda p: (p.centre_y, p.left))
    rows: list[list[_Placed]] = []
    for item in placed:
        if rows:
            row = rows[-1]
            row_centre = statistics.fmean(p.centre_y for p in row)
            row_height = statistics.median(p.height for p in row)
            if abs(item.centre_y - row_centre) < 0.5 * min(item.height, row_height):
                row.append(item)
                continue
        rows.append([item])
    return [[p.line for p in sorted(row, key=lambda p: p.left)] for row in rows]


def layout_text(rows: Sequence[Sequence[OcrLine]]) -> str:
    """Rows as text: one line per row."""
    return "\n".join(text for row in rows if (text := join_row([ln.text for ln in row])))


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
        self, image: OcrImageSource, *, original_size: tuple[int, int] | None = None
    ) -> OcrOutput:
        """Read the text in ``image``. Blocking: call it off the GUI thread.

        ``original_size`` is the size of the picture the person sees when ``image`` is a
        downscaled copy; boxes are scaled to it. A PreparedImage carries its own original size.
        Raises AnalysisError (IMAGE when the image cannot be read, CONFIG when models can't load).
        """
        name = _name_of(image)
        opened = _open(image)  # before loading: a bad file fails fast, not after a second
        if original_size is None and isinstance(image, PreparedImage):
            original_size = (image.original_width, image.original_height)
        try:
            stored_w, stored_h = opened.size
            shrink = self.settings.max_side / max(stored_w, stored_h)
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
            if max(pixels.size) > self.settings.max_side:
                pixels.thumbnail((self.settings.max_side, self.settings.max_side),
                                 Image.Resampling.LANCZOS)
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
        with self._run_lock:
            started = time.perf_counter()
            try:
                result = self._ocr(pixels)
            except Exception as exc:
                log.exception("rapidocr failed on %s", name)
                raise AnalysisError(ErrorKind.IMAGE, f"Local OCR failed on {name} "
                                    f"({type(exc).__name__}: {exc}).") from None
            elapsed = time.perf_counter() - started

        lines = _lines_from(result, scale_x, scale_y, target)
        rows = group_rows(lines)
        ordered = tuple(line for row in rows for line in row)
        log.debug("OCR of %s: %d lines in %.2fs", name, len(ordered), elapsed)
        return OcrOutput(ordered, layout_text(rows), target[0], target[1], elapsed)

    async def recognize_async(
        self, image: OcrImageSource, *, original_size: tuple[int, int] | None = None
    ) -> OcrOutput:
        """``recognize`` on a worker thread.

        Cancelling the awaiting task returns at once; the worker finishes the image it is on in
        the background (onnxruntime cannot be interrupted) and its result is dropped.
        """
        return await asyncio.to_thread(self.recognize, image, original_size=original_size)


def _lines_from(
    result: object, scale_x: float, scale_y: float, size: tuple[int, int]
) -> list[OcrLine]:
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
        corners: Box = tuple(
            (min(max(float(x) * scale_x, 0.0), float(size[0])),
             min(max(float(y) * scale_y, 0.0), float(size[1])))
            for x, y in box
        )
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
