"""Every bound VisionDesk enforces on what comes from outside, in one place.

Servers, image files, PDFs and even the person's own settings can be hostile or simply broken;
each constant here caps one thing so that nothing they send or contain can take unbounded
memory or time. ``docs/threat-model.md`` lists them with their values; keep the two in step.
Module-level names so tests (and a future setting) can lower them.
"""

from __future__ import annotations

MiB = 1024 * 1024

# ---------------------------------------------------------------------------------- local files

MAX_IMAGE_FILE_BYTES = 200 * MiB
"""An image file larger than this is refused before a byte is read (checked with ``stat``).

The largest camera RAW-free photos (200 MP HEIC/JPEG) are well under 100 MB; a PNG screenshot of
a 16K display is a few tens of MB."""

MAX_PDF_FILE_BYTES = 500 * MiB
"""A PDF larger than this is refused before PDFium opens it (scanned books reach a few hundred MB)."""

MAX_TEXT_FILE_BYTES = 10 * MiB
"""Prompt files and reference texts: a prompt is a few kilobytes; a reference transcript of a
whole book is still far below this."""

READ_CHUNK_BYTES = 1 * MiB
"""Files are read in chunks of this size so a cancelled caller (Ctrl+C, Stop) stops promptly."""

# ---------------------------------------------------------------------------------- images

MAX_IMAGE_PIXELS = 200_000_000
"""An image with more pixels than this is refused before decoding (the 200 MP mode of current
phone cameras still passes; a decompression bomb is far beyond it)."""

MAX_WHOLE_DECODE_PIXELS = 64_000_000
"""An image that can only be decoded at full size (PNG, WebP, TIFF, GIF, BMP, HEIC: everything but
JPEG, which libjpeg decodes at 1/2, 1/4 or 1/8 scale) may have at most this many pixels: one at
the limit peaks near 400 MB while it is prepared. A 200 MP phone photo is a JPEG and still passes;
a 600 dpi A4 scan is 35 MP."""

DECODE_PIXEL_BUDGET = 100_000_000
"""Pixels that may be decoded at the same time across the whole process.

With MAX_WHOLE_DECODE_PIXELS this keeps every hostile mix under about 400 MB: one image at the
whole-decode limit (64 MP, ~340 MB while prepared) decodes alone, six of them dropped at once
decode one after another, and half a dozen 16 MP photos still go together. A JPEG larger than
the budget (it is counted at its full size, though libjpeg decodes it reduced) waits for an
empty budget and then decodes alone."""

MAX_DOWNLOAD_BYTES = 50 * MiB
"""An image fetched by URL (``--inline-urls``, pasted links) may be at most this large."""

DOWNLOAD_TIMEOUT_S = 30.0
"""Overall deadline for downloading one image by URL, however slowly the server trickles."""

# ---------------------------------------------------------------------------------- PDFs

MAX_PDF_PAGES = 300
"""At most this many pages of one PDF are rendered in one run (choose pages for more)."""

MAX_PDF_PAGE_PIXELS = 40_000_000
"""A page is rendered at a lower resolution when it would exceed this many pixels
(an A4 sheet at about 900 dpi)."""

PDF_PAGE_TIMEOUT_S = 60.0
"""Rendering one page may take at most this long (a content-stream bomb is stopped after it)."""

PDF_CONCURRENT_RENDERS = 2
"""PDF renderer processes running at once in this process (each up to PDF_WORKER_MEMORY_BYTES);
further pages wait, as they did when PDFium rendered in-process under one lock."""

PDF_WORKER_MEMORY_BYTES = 384 * MiB
"""The address-space limit of the process that renders PDF pages, so a page that would need
more (a content-stream bomb) fails on its own instead of exhausting the machine."""

# ---------------------------------------------------------------------------------- servers

MAX_ERROR_BODY_BYTES = 64 * 1024
"""Decoded bytes of an error response that are read; the rest is discarded unread.
Useful error bodies are a few hundred bytes; HTML error pages a few kilobytes."""

MAX_ANSWER_BODY_BYTES = 32 * MiB
"""Decoded bytes of a non-streamed answer (JSON) that are read; past it the request fails with
a clear error. Counted after gzip inflation."""

MAX_ANSWER_CHARS = 4_000_000
"""Characters of answer text plus reasoning kept from one request (about a million tokens,
more than any model's output limit); past it the answer stops with the partial text kept."""

MAX_SSE_LINE_BYTES = 8 * MiB
"""One line of an event stream; a base64 image in a single ``data:`` line fits, an endless
line does not."""

MAX_SSE_EVENT_BYTES = 16 * MiB
"""One event of an event stream (all its ``data:`` lines together)."""

STREAM_IDLE_TIMEOUT_S = 300.0
"""A stream that sends no content (keep-alive comments do not count) for this long fails.
The default matches the default read timeout; ``--timeout`` replaces it."""

STREAM_OVERALL_TIMEOUT_S = 1800.0
"""One request may take at most this long from start to end, however steadily it streams."""

MAX_DIFF_PAIRS = 4_000_000
"""The comparison's differences: two stretches of answer are searched token by token only when
the pairs of equal tokens between them (what the search walks, in pure Python) are at most this
(~1 s); more, and they are marked as one difference. Answers of up to 4 M characters each must
not hold a worker, and the GIL, for hours."""

MAX_CER_CELLS = 10_000_000
"""A character error rate is computed (an edit distance, quadratic in pure Python) only when the
product of the two texts' lengths, once their equal head and tail are set aside, is at most
this (~2 s); otherwise it is not given ("-")."""

MAX_SERVER_TEXT_CHARS = 2000
"""Server-derived text shown to a person (error messages, codes, notices) is cut to this."""

MAX_USAGE_TOKENS = 100_000_000
"""A token count above this (or negative, or not a finite number) is a server's nonsense and
is treated as unknown."""

# ---------------------------------------------------------------------------------- settings

MAX_CONFIG_FILE_BYTES = 1 * MiB
"""``providers.toml`` and ``compat.json`` larger than this are not read."""
