"""Pixel-level helpers of image preparation: mode normalisation, alpha, ICC profiles, whether a
source was lossy, and whether an image looks like text (screenshot, scan) or a photo.

Split from ``core/images.py`` (which keeps reading, checking and the pipeline); pure functions on
Pillow images, no I/O.
"""

from __future__ import annotations

from PIL import Image

# Formats that are always lossy (WebP can be either; see is_lossy).
_LOSSY_FORMATS = frozenset({"JPEG", "MPO", "HEIF", "AVIF", "JPEG2000"})
# Text-likeness is judged on a nearest-neighbour sample at most this many pixels on a side:
# nearest keeps the original colours (averaging would invent new ones at every glyph edge).
_SAMPLE_SIDE = 256


def is_lossy(fmt: str, data: bytes) -> bool:
    """Whether the source format threw pixels away when it was saved."""
    if fmt in _LOSSY_FORMATS:
        return True
    if fmt == "WEBP":
        return not webp_is_lossless(data)
    return False


def webp_is_lossless(data: bytes) -> bool:
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


def normalise_mode(im: Image.Image) -> Image.Image:
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
        return to_8bit_gray(im)
    # CMYK, YCbCr, LAB, HSV, RGBX: Pillow knows the way to RGB.
    return im.convert("RGB")


def to_8bit_gray(im: Image.Image) -> Image.Image:
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


def drop_opaque_alpha(im: Image.Image) -> Image.Image:
    """Remove an alpha channel that is 255 everywhere, so only real transparency counts."""
    if im.mode not in ("RGBA", "LA"):
        return im
    low, _high = im.getchannel("A").getextrema()
    if low == 255:
        return im.convert("RGB" if im.mode == "RGBA" else "L")
    return im


def flatten(im: Image.Image) -> Image.Image:
    """Composite transparency onto white for JPEG, which has no alpha; white is paper."""
    if im.mode not in ("RGBA", "LA"):
        return im
    base_mode = "RGB" if im.mode == "RGBA" else "L"
    background = Image.new(base_mode, im.size, "white")
    background.paste(im.convert(base_mode), mask=im.getchannel("A"))
    return background


def looks_text_like(im: Image.Image, *, lossless: bool) -> bool:
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
    # Counts above these bounds decide nothing below: past ``maxcolors`` getcolors answers None
    # instead of a list of every colour of a photo (~40k tuples: ~7 ms in a fresh process).
    enough = min(4096 if lossless else 256, total)
    exact = sample.getcolors(maxcolors=enough)
    distinct = len(exact) if exact is not None else enough + 1
    # A greyscale photo has at most 256 levels, so for grey images colour counts say little and
    # only a handful of levels means "drawn". Tiny images have few colours whatever they show,
    # hence the caps relative to the sample size.
    grey = exact is not None and distinct <= 256 and all(c[0] == c[1] == c[2] for _n, c in exact)  # type: ignore[index]
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


def icc_matches(icc: bytes, mode: str) -> bool:
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
