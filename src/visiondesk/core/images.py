"""Image preparation: any source in, a data URL the server will accept out.

Vision endpoints differ in what they take (protocol section 5): everyone takes PNG and JPEG,
some refuse GIF, nobody takes HEIC or TIFF, and proxies reject bodies of a few MB. This module
turns whatever a person picks (a file, clipboard bytes, an http(s) URL) into one PNG or JPEG that
is upright (EXIF orientation applied), 8-bit, within ``max_side`` pixels and ``max_bytes``
encoded bytes, and whose MIME type matches its bytes. Broken input is refused with an
:class:`~visiondesk.core.errors.AnalysisError` of kind ``IMAGE`` that names the file, so nothing
half-decoded is ever sent.

Text-like images (screenshots, scans, receipts) stay PNG while they fit, because JPEG artefacts
around glyphs hurt OCR; photos become JPEG quality 90.

It must stay free of Qt: the CLI and the worker threads use it too. Pillow and the standard
library are imported eagerly; pillow-heif only when a HEIC file actually shows up, to keep start-up
fast. ``session.workspace`` turns typed paths and URLs into inputs.
"""

from __future__ import annotations

import io
import logging
import math
import re
import threading
import time
import warnings
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from PIL import Image, UnidentifiedImageError

from visiondesk.core import head_start, image_pixels
from visiondesk.core.decode_budget import DECODE_BUDGET
from visiondesk.core.errors import AnalysisError, ErrorKind
from visiondesk.core.file_reading import display_name, read_file_bounded

# Re-exported: the input types used to live here, and callers still import them from here.
from visiondesk.core.inputs import (
    DEFAULT_MAX_BYTES,
    DEFAULT_MAX_SIDE,
    DocumentFile,
    ImageInput,
    PreparedImage,
    RemoteImage,
    estimate_image_tokens,
)
from visiondesk.core.limits import MAX_IMAGE_FILE_BYTES, MAX_IMAGE_PIXELS, MAX_WHOLE_DECODE_PIXELS

__all__ = [
    "DEFAULT_MAX_BYTES", "DEFAULT_MAX_SIDE", "DocumentFile", "ImageInput", "PreparedImage", "RemoteImage",
    "estimate_image_tokens", "prepare_image", "prepare_image_soon",
]

logger = logging.getLogger(__name__)


# Refuse anything larger than this many pixels before decoding it (core.limits says why).
# Module-level so tests (and a future setting) can lower it.
MAX_PIXELS = MAX_IMAGE_PIXELS
WHOLE_DECODE_BLOCK = 64 * 1024 * 1024  # bytes handed to a decoder per call (the file is in memory)

JPEG_QUALITY = 90
# zlib level 6 is Pillow's default: level 9 saves a few percent on screenshots for 2-3x the time.
PNG_COMPRESS_LEVEL = 6
# Stepwise downscaling to meet max_bytes gives up below this longest side: smaller than this
# nothing useful is left to analyse.
MIN_SIDE = 32


_MIME = {"PNG": "image/png", "JPEG": "image/jpeg"}
# Formats whose pixels are exactly what the author drew; a low colour count there means
# a screenshot or a diagram rather than a photo.
_LOSSLESS_FORMATS = frozenset({"PNG", "GIF", "BMP", "TIFF", "DIB", "PCX", "PPM", "TGA", "ICO"})
# HEIF major brands (ISO/IEC 23008-12) pillow-heif decodes. AVIF shares the container but is
# left to Pillow's own plugin.
_HEIF_BRANDS = frozenset({b"heic", b"heix", b"hevc", b"hevx", b"heim", b"heis", b"hevm", b"hevs",
                          b"mif1", b"msf1"})

# The table ImageOps.exif_transpose uses, keyed by the EXIF Orientation value. Applying it
# ourselves lets us rotate the small, already downscaled image instead of the full-size one,
# and read the tag from the opened file, where TIFF keeps it outside info["exif"].
_ORIENTATION_TAG = 0x0112
_GPS_IFD = 0x8825
_TRANSPOSE = {
    2: Image.Transpose.FLIP_LEFT_RIGHT,
    3: Image.Transpose.ROTATE_180,
    4: Image.Transpose.FLIP_TOP_BOTTOM,
    5: Image.Transpose.TRANSPOSE,
    6: Image.Transpose.ROTATE_270,
    7: Image.Transpose.TRANSVERSE,
    8: Image.Transpose.ROTATE_90,
}


# Serialises the moments we touch process-wide state: the warnings filter list and
# Image.MAX_IMAGE_PIXELS. Only header parsing (and decoding of the rare image above Pillow's
# own limit) happens under it, so it costs no parallelism in practice.
_PILLOW_GUARD = threading.Lock()
_HEIF_LOCK = threading.Lock()
_heif_registered = False


# --------------------------------------------------------------------------------------------
# Public entry points


def prepare_image(
    source: str | Path | bytes,
    *,
    max_side: int = DEFAULT_MAX_SIDE,
    max_bytes: int = DEFAULT_MAX_BYTES,
    name: str | None = None,
) -> PreparedImage:
    """Read, check, orient, downscale and encode one image.

    ``source`` is a file path or the raw bytes of an image file (e.g. from the clipboard);
    ``name`` is what messages call it (bytes have no file name of their own). ``max_bytes``
    bounds the encoded bytes, before base64. Raises ``AnalysisError(ErrorKind.IMAGE, ...)``
    for anything that cannot be sent. Synchronous and CPU-bound: call it from a worker thread.
    """
    if max_side < 1:
        raise ValueError(f"max_side must be positive, not {max_side}")
    if max_bytes < 1:
        raise ValueError(f"max_bytes must be positive, not {max_bytes}")
    if isinstance(source, bytes | bytearray | memoryview):
        label = name or "pasted image"
        return prepare_bytes(bytes(source), label, label, max_side, max_bytes)
    if head_start.pending():
        early = head_start.claim(("image", str(source), name, max_side, max_bytes))
        if isinstance(early, PreparedImage):
            return early
    return _prepare_file(source, name, max_side, max_bytes)


def prepare_image_soon(path: str, *, max_side: int = DEFAULT_MAX_SIDE,
                       max_bytes: int = DEFAULT_MAX_BYTES) -> None:
    """Begin ``prepare_image(path, ...)`` in a background thread (core.head_start says why);
    ``prepare_image`` with the same arguments takes the result, or prepares afresh."""
    head_start.begin(("image", path, None, max_side, max_bytes),
                     lambda: _prepare_file(path, None, max_side, max_bytes),
                     fingerprint=lambda: head_start.file_fingerprint(path))


def _prepare_file(source: str | Path, name: str | None, max_side: int, max_bytes: int) -> PreparedImage:
    path = Path(source).expanduser()
    label = name or display_name(path.name or str(path))
    data = _read_file(path, label)
    return prepare_bytes(data, label, str(path), max_side, max_bytes)


# --------------------------------------------------------------------------------------------
# Reading sources


def image_error(message: str) -> AnalysisError:
    return AnalysisError(ErrorKind.IMAGE, message)


def _read_file(path: Path, label: str) -> bytes:
    # Only a regular file within MAX_IMAGE_FILE_BYTES is read, in chunks: /dev/zero, a FIFO or a
    # 3 GB sparse "x.png" are refused by stat before a byte is read.
    return read_file_bounded(path, label, max_bytes=MAX_IMAGE_FILE_BYTES, what="an image file")


# --------------------------------------------------------------------------------------------
# Opening and checking


def _sniff(data: bytes) -> str | None:
    """The container format by magic bytes, to tell 'damaged image' from 'not an image'."""
    head = data[:16]
    if head.startswith(b"\x89PNG\r\n\x1a\n"):
        return "PNG"
    if head.startswith(b"\xff\xd8\xff"):
        return "JPEG"
    if head.startswith((b"GIF87a", b"GIF89a")):
        return "GIF"
    if head.startswith(b"BM"):
        return "BMP"
    if head.startswith((b"II*\x00", b"MM\x00*")):
        return "TIFF"
    if head.startswith(b"RIFF") and head[8:12] == b"WEBP":
        return "WEBP"
    if head[4:8] == b"ftyp":
        return "HEIF" if head[8:12] in _HEIF_BRANDS else "ISOBMFF"
    return None


def _ensure_heif(label: str) -> None:
    """Register pillow-heif with Pillow, once, the first time a HEIC/HEIF file shows up."""
    global _heif_registered
    with _HEIF_LOCK:
        if _heif_registered:
            return
        try:
            import pillow_heif  # lazy: importing it loads libheif, which is slow
        except ImportError:
            raise image_error(f"{label} is a HEIC/HEIF photo, but HEIC support (the "
                               "pillow-heif package) is not installed") from None
        pillow_heif.register_heif_opener()
        _heif_registered = True


@contextmanager
def _pillow_guard() -> Iterator[None]:
    """Make Pillow enforce MAX_PIXELS as a hard error, for the duration of the block.

    Pillow only *warns* between its limit and twice that; we turn that warning into an error
    and set the limit to ours. Both are process-wide, so they are restored on exit and the block
    is serialised (catch_warnings is not thread-safe: interleaved blocks in two threads can
    restore each other's filters and leave them changed for good).
    """
    with _PILLOW_GUARD, warnings.catch_warnings():
        warnings.simplefilter("error", Image.DecompressionBombWarning)
        saved = Image.MAX_IMAGE_PIXELS
        Image.MAX_IMAGE_PIXELS = MAX_PIXELS
        try:
            yield
        finally:
            Image.MAX_IMAGE_PIXELS = saved


def _megapixels(pixels: float) -> str:
    mp = pixels / 1_000_000
    return f"{mp:,.0f}" if mp >= 100 else f"{mp:.3g}"


def _too_many_pixels(label: str, pixels: int | None) -> AnalysisError:
    limit = _megapixels(MAX_PIXELS)
    if pixels is None:
        return image_error(f"{label} has more pixels than the {limit} MP limit")
    return image_error(f"{label} is {_megapixels(pixels)} megapixels, more than the "
                        f"{limit} MP limit")


def _open(data: bytes, label: str) -> Image.Image:
    if not data:
        raise image_error(f"{label} is empty (0 bytes)")
    kind = _sniff(data)
    if kind == "HEIF":
        _ensure_heif(label)
    damaged = image_error(f"{label} is truncated or damaged")
    try:
        with _pillow_guard():
            im = Image.open(io.BytesIO(data))
    except (Image.DecompressionBombError, Image.DecompressionBombWarning) as exc:
        # Pillow's message is the only place the size is reported before we have an image.
        match = re.search(r"\((\d+) pixels\)", str(exc))
        raise _too_many_pixels(label, int(match.group(1)) if match else None) from None
    except UnidentifiedImageError:
        # A known signature Pillow cannot parse is a broken image, not a foreign file.
        if kind is not None and kind != "ISOBMFF":
            raise damaged from None
        raise image_error(f"{label} is not an image file VisionDesk can read") from None
    except (OSError, SyntaxError, ValueError, EOFError, IndexError) as exc:
        logger.debug("opening %s failed: %r", label, exc)
        raise damaged from None
    pixels = im.width * im.height
    # Belt and braces: Pillow's check covers every format registered with Image.open, but this
    # keeps the limit exact and the message ours whatever a plugin does.
    if pixels > MAX_PIXELS:
        im.close()
        raise _too_many_pixels(label, pixels)
    if pixels > MAX_WHOLE_DECODE_PIXELS and im.format not in ("JPEG", "MPO"):
        im.close()  # only JPEG decodes at a reduced size: anything else this big costs GBs
        raise image_error(f"{label} is {_megapixels(pixels)} megapixels; a {im.format or 'non-JPEG'} "
                          f"image may have at most {_megapixels(MAX_WHOLE_DECODE_PIXELS)} MP. "
                          "Scale it down, or save it as JPEG")
    if im.width < 1 or im.height < 1:
        im.close()
        raise damaged
    return im


def _load(im: Image.Image, label: str) -> None:
    """Decode the pixels, turning every decoder complaint into one plain message."""
    # Some plugins (TIFF, GIF frames) re-check the size while decoding. Within Pillow's own
    # limit that cannot fire, so only the rare very large image pays for the lock.
    pillow_limit = Image.MAX_IMAGE_PIXELS
    # The bytes are in memory: give the decoder all of them in one call. With Pillow's 64 KB
    # blocks it takes the GIL back ~170 times for an 11 MB photo, and each time another thread
    # runs Python (the window, or an import) it waits: the decode then takes twice as long.
    im.decodermaxblock = WHOLE_DECODE_BLOCK  # type: ignore[attr-defined]
    try:
        if pillow_limit is not None and im.width * im.height > pillow_limit:
            with _pillow_guard():
                im.load()
        else:
            im.load()
    except (Image.DecompressionBombError, Image.DecompressionBombWarning):
        raise _too_many_pixels(label, im.width * im.height) from None
    except (OSError, SyntaxError, ValueError, EOFError, IndexError, MemoryError) as exc:
        logger.debug("decoding %s failed: %r", label, exc)
        raise image_error(f"{label} is truncated or damaged") from None


def _orientation(im: Image.Image) -> int:
    try:
        value = im.getexif().get(_ORIENTATION_TAG, 1)
    except Exception:  # a broken EXIF block must not sink an otherwise fine image
        logger.debug("unreadable EXIF in %s image; assuming upright", im.format, exc_info=True)
        return 1
    return value if isinstance(value, int) and value in _TRANSPOSE else 1


def _has_gps(im: Image.Image) -> bool:
    try:
        return bool(im.getexif().get_ifd(_GPS_IFD))
    except Exception:  # unreadable EXIF: assume the worst, which only costs a re-encode
        return True


# --------------------------------------------------------------------------------------------
# The pipeline


def _fit(width: int, height: int, max_side: int) -> tuple[int, int]:
    """Dimensions scaled to fit max_side x max_side, never upscaled."""
    longest = max(width, height)
    if longest <= max_side:
        return width, height
    scale = max_side / longest
    return max(1, round(width * scale)), max(1, round(height * scale))


def _can_pass_through(im: Image.Image, data: bytes, orientation: int, max_side: int,
                      max_bytes: int) -> bool:
    """Whether the source bytes can go out untouched (no re-encode, no generation loss)."""
    if len(data) > max_bytes or max(im.size) > max_side or orientation != 1:
        return False
    if getattr(im, "is_animated", False):  # APNG: servers would see frame 0 at best
        return False
    if im.format == "JPEG":
        ok = im.mode in ("L", "RGB")  # CMYK JPEGs decode wrongly or not at all elsewhere
    elif im.format == "PNG":
        # IHDR bit depth is byte 24; 16-bit PNGs are not universally accepted.
        ok = im.mode in ("1", "L", "LA", "P", "RGB", "RGBA") and len(data) > 24 and data[24] <= 8
    else:
        return False
    # Location data is nothing a server needs and not ours to leak; re-encoding drops it.
    return ok and not _has_gps(im)


def prepare_bytes(data: bytes, label: str, source: str, max_side: int,
                   max_bytes: int) -> PreparedImage:
    started = time.perf_counter()
    im = _open(data, label)
    try:
        # Decoded pixels count against one process-wide budget, so six 196 MP PNGs dropped at
        # once decode one or two at a time instead of all together (4.6 GB).
        with DECODE_BUDGET.reserve(im.width * im.height):
            prepared = _prepare_opened(im, data, label, source, max_side, max_bytes)
    finally:
        im.close()
    logger.debug("prepared %s: %s %dx%d -> %s %dx%d, %d -> %d bytes%s in %.0f ms", label,
                 im.format, prepared.original_width, prepared.original_height, prepared.mime,
                 prepared.width, prepared.height, len(data), len(prepared.data),
                 " (passthrough)" if prepared.passthrough else "",
                 (time.perf_counter() - started) * 1000)
    return prepared


def _prepare_opened(im: Image.Image, data: bytes, label: str, source: str, max_side: int,
                    max_bytes: int) -> PreparedImage:
    fmt = im.format or ""
    drafts = fmt in ("JPEG", "MPO")
    if not drafts:
        # Decode before anything reads EXIF: PNG's getexif() decodes on its own, and a decode
        # error swallowed there would leave a half-loaded image that a second load() accepts.
        _load(im, label)
    orientation = _orientation(im)
    stored_w, stored_h = im.size
    turned = orientation in (5, 6, 7, 8)
    orig_w, orig_h = (stored_h, stored_w) if turned else (stored_w, stored_h)

    if fmt in _MIME and _can_pass_through(im, data, orientation, max_side, max_bytes):
        if fmt == "JPEG":
            # Decoding at 1/8 scale still reads every entropy-coded byte, so truncation is
            # caught, for a fraction of the IDCT work.
            im.draft(None, (max(1, stored_w // 8), max(1, stored_h // 8)))
        _load(im, label)
        return PreparedImage(data, _MIME[fmt], orig_w, orig_h, source, orig_w, orig_h,
                             passthrough=True)

    # Fitting into a square is the same before and after a quarter turn, so we can size (and
    # draft) in stored orientation and rotate the small result at the end.
    target = _fit(stored_w, stored_h, max_side)
    if drafts and target != (stored_w, stored_h):
        # libjpeg scales by 1/2, 1/4 or 1/8 during the IDCT; draft picks the smallest scale that
        # still yields at least the target, which is most of the speed on large photos.
        im.draft(None, target)
    _load(im, label)
    icc = im.info.get("icc_profile")
    work = image_pixels.normalise_mode(im)
    # Judged before resizing (on a tiny sample, so size does not matter) because it picks the
    # filter: Lanczos keeps glyph edges sharpest; for photos bicubic looks the same and is
    # about a third faster, which is what keeps a 24 MP photo within budget.
    text_like = image_pixels.looks_text_like(work, lossless=fmt in _LOSSLESS_FORMATS)
    if work.size != target:
        resample = Image.Resampling.LANCZOS if text_like else Image.Resampling.BICUBIC
        # reducing_gap first shrinks by an integer factor with a box filter, then finishes with
        # the real filter: near its full quality at a fraction of the time on big reductions.
        work = work.resize(target, resample, reducing_gap=3.0)
    work = image_pixels.drop_opaque_alpha(work)
    transpose = _TRANSPOSE.get(orientation)
    if transpose is not None:
        work = work.transpose(transpose)

    icc_ok = icc if isinstance(icc, bytes) and image_pixels.icc_matches(icc, work.mode) else None

    blob, mime, size = b"", "", work.size
    # A lossy source (JPEG, HEIC, AVIF, lossy WebP) has already lost what PNG would keep: a flat
    # or grey photo as PNG is several times larger for nothing. PNG is for lossless sources.
    if text_like and not image_pixels.is_lossy(fmt, data):
        blob, mime = _encode_png(work, icc_ok), "image/png"
    if not blob or len(blob) > max_bytes:
        flat = image_pixels.flatten(work)
        icc_flat = icc if isinstance(icc, bytes) and image_pixels.icc_matches(icc, flat.mode) else None
        blob, mime = _encode_jpeg(flat, icc_flat, crisp=text_like), "image/jpeg"
        # Still too big: shrink stepwise, always from the same base so blur does not accumulate.
        while len(blob) > max_bytes:
            # Encoded size is roughly proportional to area, hence the square root; the margin
            # and the clamp keep the number of attempts small without overshooting much.
            factor = min(0.9, max(0.5, math.sqrt(max_bytes / len(blob)) * 0.95))
            size = (max(1, round(size[0] * factor)), max(1, round(size[1] * factor)))
            if max(size) < MIN_SIDE:
                raise image_error(f"{label} cannot be made smaller than {max_bytes:,} bytes "
                                   "while staying legible")
            smaller = flat.resize(size, Image.Resampling.LANCZOS, reducing_gap=3.0)
            blob = _encode_jpeg(smaller, icc_flat, crisp=text_like)
    return PreparedImage(blob, mime, size[0], size[1], source, orig_w, orig_h)


def _encode_png(im: Image.Image, icc: bytes | None) -> bytes:
    buf = io.BytesIO()
    extra = {"icc_profile": icc} if icc else {}
    im.save(buf, "PNG", compress_level=PNG_COMPRESS_LEVEL, **extra)
    return buf.getvalue()


def _encode_jpeg(im: Image.Image, icc: bytes | None, *, crisp: bool) -> bytes:
    buf = io.BytesIO()
    extra = {"icc_profile": icc} if icc else {}
    # Text that did not fit as PNG keeps full chroma resolution (4:4:4): coloured glyphs smear
    # under 4:2:0. Photos take the usual 4:2:0, about a third smaller at no visible cost.
    im.save(buf, "JPEG", quality=JPEG_QUALITY, subsampling=0 if crisp else 2, **extra)
    return buf.getvalue()
