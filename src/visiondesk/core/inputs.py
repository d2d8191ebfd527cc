"""What an analysis sends besides the prompt: prepared images, image URLs and whole documents,
and the image-token estimate for OpenAI's tile-priced models.

Plain data with no Pillow, so the adapters, the OCR backend and the window can name these types
without paying for image decoding; ``core.images`` makes ``PreparedImage`` values.
"""

from __future__ import annotations

import base64
import math
from dataclasses import dataclass

DEFAULT_MAX_SIDE = 2048
DEFAULT_MAX_BYTES = 5 * 1024 * 1024


@dataclass(frozen=True, slots=True)
class PreparedImage:
    """Encoded bytes ready to send, and what a person should know about them.

    ``original_width``/``original_height`` are the source's dimensions as displayed, i.e. after
    EXIF orientation and before any downscaling. ``passthrough`` is true when ``data`` is the
    source's own bytes, unchanged.
    """

    data: bytes
    mime: str
    width: int
    height: int
    source: str
    original_width: int
    original_height: int
    passthrough: bool = False

    @property
    def data_url(self) -> str:
        return f"data:{self.mime};base64,{base64.b64encode(self.data).decode('ascii')}"

    def describe(self) -> dict[str, object]:
        return {"width": self.width, "height": self.height, "bytes": len(self.data),
                "mime": self.mime}

    def estimated_tokens(self, detail: str = "auto") -> int:
        """Input tokens an OpenAI tile-priced model charges for this image."""
        return estimate_image_tokens(self.width, self.height, detail)


@dataclass(frozen=True, slots=True)
class RemoteImage:
    """An http(s) URL sent as is; the server downloads it."""

    url: str

    @property
    def source(self) -> str:
        return self.url

    def describe(self) -> None:
        return None


@dataclass(frozen=True, slots=True)
class DocumentFile:
    """A whole document (a PDF) sent as a file part, so the model also sees its text layer."""

    filename: str
    data_url: str
    source: str

    def describe(self) -> dict[str, object]:
        head = self.data_url.split(",", 1)[0]
        size = (len(self.data_url) - len(head) - 1) * 3 // 4
        return {"width": None, "height": None, "bytes": size, "mime": head[5:].split(";")[0]}


ImageInput = PreparedImage | RemoteImage | DocumentFile


# --------------------------------------------------------------------------------------------
# Token estimate


def estimate_image_tokens(width: int, height: int, detail: str = "auto") -> int:
    """Tokens an OpenAI tile-priced model (gpt-4o family) charges for one image.

    Low detail is a flat 85. High (and auto, which we assume resolves to high) first scales the
    image to fit 2048x2048, then its shortest side to 768 (both only ever shrink), and charges
    85 + 170 per 512-px tile. Exact fractions avoid a float like 1536.0000001 costing a tile.
    """
    if detail == "low":
        return 85
    if detail not in ("high", "auto"):
        raise ValueError(f"detail must be 'low', 'high' or 'auto', not {detail!r}")
    if width <= 0 or height <= 0:
        raise ValueError(f"image dimensions must be positive, not {width}x{height}")
    from fractions import Fraction  # imports decimal: only when an estimate is asked for

    w, h = Fraction(width), Fraction(height)
    longest = max(w, h)
    if longest > 2048:
        w, h = w * 2048 / longest, h * 2048 / longest
    shortest = min(w, h)
    if shortest > 768:
        w, h = w * 768 / shortest, h * 768 / shortest
    tiles = math.ceil(w / 512) * math.ceil(h / 512)
    return 85 + 170 * tiles
