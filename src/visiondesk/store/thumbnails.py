"""Small pictures and fingerprints of the sources a run looked at, for history rows.

Blocking (Pillow decodes): call from a worker thread. Both take the bytes that were sent.
"""

from __future__ import annotations

import hashlib
import io
import logging

log = logging.getLogger(__name__)

THUMBNAIL_SIDE = 160  # pixels; a list row shows 48-96 px, a detail view a little more
MAX_DECODE_PIXELS = 64_000_000  # refuse decompression bombs; a thumbnail is never worth more


def content_hash(data: bytes) -> str:
    """``sha256:<hex>`` of the bytes; the same image sent twice has the same hash."""
    return "sha256:" + hashlib.sha256(data).hexdigest()


def make_thumbnail(data: bytes, side: int = THUMBNAIL_SIDE) -> bytes | None:
    """A JPEG (or PNG when the image has transparency) fitting ``side`` x ``side``; None if unreadable."""
    from PIL import Image, ImageOps

    try:
        with Image.open(io.BytesIO(data)) as image:
            if image.width * image.height > MAX_DECODE_PIXELS:
                return None
            image.draft("RGB", (side * 2, side * 2))  # JPEG: decode at a reduced scale, much faster
            picture = ImageOps.exif_transpose(image)
            picture.thumbnail((side, side))
            out = io.BytesIO()
            if picture.mode in ("RGBA", "LA", "PA") or "transparency" in picture.info:
                picture.convert("RGBA").save(out, "PNG", optimize=True)
            else:
                picture.convert("RGB").save(out, "JPEG", quality=80, optimize=True)
            return out.getvalue()
    except Exception as exc:  # any unreadable image: no thumbnail, the run is still recorded
        log.debug("No thumbnail: %s", exc)
        return None
