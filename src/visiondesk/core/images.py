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
fast. ``core.image_sources`` turns typed paths and URLs into inputs.
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
from visiondesk.core.limits import MAX_IMAGE_FILE_BYTES, MAX_IMAGE_PIXELS

__all__ = [
    "DEFAULT_MAX_BYTES", "DEFAULT_MAX_SIDE", "DocumentFile", "ImageInput", "PreparedImage", "RemoteImage",
    "estimate_image_tokens", "prepare_image",
]

logger = logging.getLogger(__name__)


# Refuse anything larger than this many pixels before decoding it (core.limits says why).
# Module-level so tests (and a future setting) can lower it.
MAX_PIXELS = MAX_IMAGE_PIXELS

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
# Formats that are always lossy (WebP can be either; see _is_lossy).
_LOSSY_FORMATS = frozenset({"JPEG", "MPO", "HEIF", "AVIF", "JPEG2000"})
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

# Text-likeness is judged on a nearest-neighbour sample at most this many pixels on a side:
# nearest keeps the original colours (averaging would invent new ones at every glyph edge).
_SAMPLE_SIDE = 256

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
        raise image_error(f"{label} is not an image file Pillow can read") from None
    except (OSError, SyntaxError, ValueError, EOFError, IndexError) as exc:
        logger.debug("opening %s failed: %r", label, exc)
        raise damaged from None
    pixels = im.width * im.height
    # Belt and braces: Pillow's check covers every format registered with Image.open, but this
    # keeps the limit exact and the message ours whatever a plugin does.
    if pixels > MAX_PIXELS:
        im.close()
        raise _too_many_pixels(label, pixels)
    if im.width < 1 or im.height < 1:
        im.close()
        raise damaged
    return im


def _load(im: Image.Image, label: str) -> None:
    """Decode the pixels, turning every decoder complaint into one plain message."""
    # Some plugins (TIFF, GIF frames) re-check the size while decoding. Within Pillow's own
    # limit that cannot fire, so only the rare very large image pays for the lock.
    pillow_limit = Image.MAX_IMAGE_PIXELS
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
    work = _normalise_mode(im)
    # Judged before resizing (on a tiny sample, so size does not matter) because it picks the
    # filter: Lanczos keeps glyph edges sharpest; for photos bicubic looks the same and is
    # about a third faster, which is what keeps a 24 MP photo within budget.
    text_like = _looks_text_like(work, lossless=fmt in _LOSSLESS_FORMATS)
    if work.size != target:
        resample = Image.Resampling.LANCZOS if text_like else Image.Resampling.BICUBIC
        # reducing_gap first shrinks by an integer factor with a box filter, then finishes with
        # the real filter: near its full quality at a fraction of the time on big reductions.
        work = work.resize(target, resample, reducing_gap=3.0)
    work = _drop_opaque_alpha(work)
    transpose = _TRANSPOSE.get(orientation)
    if transpose is not None:
        work = work.transpose(transpose)

    icc_ok = icc if isinstance(icc, bytes) and _icc_matches(icc, work.mode) else None

    blob, mime, size = b"", "", work.size
    # A lossy source (JPEG, HEIC, AVIF, lossy WebP) has already lost what PNG would keep: a flat
    # or grey photo as PNG is several times larger for nothing. PNG is for lossless sources.
    if text_like and not _is_lossy(fmt, data):
        blob, mime = _encode_png(work, icc_ok), "image/png"
    if not blob or len(blob) > max_bytes:
        flat = _flatten(work)
        icc_flat = icc if isinstance(icc, bytes) and _icc_matches(icc, flat.mode) else None
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


def _is_lossy(fmt: str, data: bytes) -> bool:
    """Whether the source format threw pixels away when it was saved."""
    if fmt in _LOSSY_FORMATS:
        return True
    if fmt == "WEBP":
        return not _webp_is_lossless(data)
    return False


def _webp_is_lossless(data: bytes) -> bool:
    """A WebP whose image chunk is VP8L (lossless) rather than VP8 (lossy); walks the RIFF
    chunks of the extended format, a few dozen bytes in practice."""
    position, end = 12, min(len(data), 1 << 20)
    while position + 8 <= end:
        tag = data[position:position + 4]
        if tag == b"VP8L":
            return True
        if tag == b"VP8 ":
            return False
        size = int.from_bytes(data[position + 4:position + 8], "little")
        position += 8 + size + (size & 1)
    return False


def _normalise_mode(im: Image.Image) -> Image.Image:
    """Convert any decoded mode to L, LA, RGB or RGBA (8 bits per channel)."""
    mode = im.mode
    if mode in ("L", "RGB") and "transparency" in im.info:
        return im.convert("RGBA")  # a tRNS colour key: make it real alpha
    if mode in ("L", "LA", "RGB", "RGBA"):
        return im
    if mode == "1":
        return im.convert("L")
    if mode == "P":
        # Resampling a palette image is nearest-only in Pillow, so expand it first.
        return im.convert("RGBA" if "transparency" in im.info else "RGB")
    if mode in ("PA", "RGBa"):
        return im.convert("RGBA")
    if mode == "La":
        return im.convert("LA")
    if mode.startswith("I") or mode == "F":
        return _to_8bit_gray(im)
    # CMYK, YCbCr, LAB, HSV, RGBX: Pillow knows the way to RGB.
    return im.convert("RGB")


def _to_8bit_gray(im: Image.Image) -> Image.Image:
    """Scale 16/32-bit or float greyscale down to 8 bits instead of clipping at 255."""
    if im.mode.startswith("I;16"):
        low, high = 0.0, 65535.0
    else:
        extrema = im.getextrema()
        low = float(min(0.0, extrema[0]))  # type: ignore[arg-type]
        high = float(extrema[1])  # type: ignore[arg-type]
        # 16-bit PNGs decode to mode I; keep their absolute brightness rather than stretching.
        if 255 < high <= 65535 and low >= 0:
            high = 65535.0
        elif high <= 255 and low >= 0:
            high = 255.0
    span = high - low or 1.0
    scale = 255.0 / span
    source = im if im.mode == "F" else im.convert("I")  # point() on I maps via scale/offset
    mapped = source.point(lambda v: v * scale - low * scale)
    return mapped.convert("L")


def _drop_opaque_alpha(im: Image.Image) -> Image.Image:
    """Remove an alpha channel that is 255 everywhere, so only real transparency counts."""
    if im.mode not in ("RGBA", "LA"):
        return im
    low, _high = im.getchannel("A").getextrema()
    if low == 255:
        return im.convert("RGB" if im.mode == "RGBA" else "L")
    return im


def _flatten(im: Image.Image) -> Image.Image:
    """Composite transparency onto white for JPEG, which has no alpha; white is paper."""
    if im.mode not in ("RGBA", "LA"):
        return im
    base_mode = "RGB" if im.mode == "RGBA" else "L"
    background = Image.new(base_mode, im.size, "white")
    background.paste(im.convert(base_mode), mask=im.getchannel("A"))
    return background


def _looks_text_like(im: Image.Image, *, lossless: bool) -> bool:
    """Heuristic: screenshot, scan or diagram (keep PNG) versus photo (JPEG is fine).

    Measured on a nearest-neighbour sample of at most _SAMPLE_SIDE px, so it costs about a
    millisecond whatever the image size. Two signals: (1) few exact colours, which drawn images
    have and photos never do; (2) large flat areas: the four most common colours, after dropping
    the low three bits of each channel to absorb scanner and JPEG noise, cover most of the
    picture (paper, window backgrounds). A lossless source gets a lower bar, since its flat
    areas are exact while a lossy source's are already a little noisy.

    Erring towards PNG only costs bytes (and the budget still forces JPEG if needed); erring
    towards JPEG costs OCR accuracy, so borderline cases go PNG.
    """
    w, h = im.size
    if max(w, h) > _SAMPLE_SIDE:
        scale = _SAMPLE_SIDE / max(w, h)
        sample = im.resize((max(1, round(w * scale)), max(1, round(h * scale))),
                           Image.Resampling.NEAREST)
    else:
        sample = im
    sample = sample.convert("RGB")  # colours only: alpha is judged elsewhere
    total = sample.width * sample.height
    exact = sample.getcolors(maxcolors=total) or []
    distinct = len(exact)
    # A greyscale photo has at most 256 levels, so for grey images colour counts say little and
    # only a handful of levels means "drawn". Tiny images have few colours whatever they show,
    # hence the caps relative to the sample size.
    grey = distinct <= 256 and all(c[0] == c[1] == c[2] for _n, c in exact)  # type: ignore[index]
    if distinct <= min(32 if grey else 256, total // 4):
        return True
    coarse = sample.point(lambda v: v & 0xF8).getcolors(maxcolors=total) or []
    counts = sorted((count for count, _colour in coarse), reverse=True)
    flat_share = sum(counts[:4]) / total
    if flat_share >= 0.55:
        return True
    if not lossless:
        return False
    return flat_share >= 0.4 or (not grey and distinct <= min(4096, total // 8))


def _icc_matches(icc: bytes, mode: str) -> bool:
    """Whether an ICC profile's colour space (header bytes 16-20) fits the output mode.

    Embedding a CMYK profile in an RGB JPEG (after converting CMYK) would make viewers
    misrender it, so a profile is only kept when the channels still match.
    """
    space = icc[16:20]
    if mode in ("RGB", "RGBA"):
        return space == b"RGB "
    if mode in ("L", "LA"):
        return space == b"GRAY"
    return False


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
