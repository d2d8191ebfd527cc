"""Local OCR as a backend: an AnalysisRequest in, the shared event stream out.

The stream for a request with n images is::

    Started(api="local-ocr", url="local://ocr", request={"model": ..., "images": n})
    OcrLines(...)              # once per image, in request order, boxes in that image's pixels
    TextDelta(...)             # that image's text; a Notice instead when it holds none
    ...
    Finished(Status.COMPLETED)

or ``Failed(AnalysisError)`` in place of the rest as soon as anything goes wrong. The k-th
OcrLines belongs to the k-th image. With more than one image, each image's text starts with a
"[Image k: name]" line so the joined answer still says which text came from where.

The prompt, system text and generation options are ignored: OCR has nothing to ask. The one
exception is the layout mode (``ocr.layout.OcrMode``), read from ``request.options.ocr_mode``
when the options carry one; the text is in ``lines`` mode otherwise.
Cancelling the consuming task raises CancelledError out of the generator at once.
"""

from __future__ import annotations

import logging
from collections.abc import AsyncIterator
from pathlib import Path
from typing import TYPE_CHECKING

from visiondesk.core.errors import AnalysisError, ErrorKind
from visiondesk.core.events import (
    Failed,
    Finished,
    Notice,
    OcrLines,
    Started,
    Status,
    TextDelta,
)
from visiondesk.core.inputs import DocumentFile, PreparedImage, RemoteImage
from visiondesk.ocr.engine import default_engine
from visiondesk.ocr.layout import OcrMode

if TYPE_CHECKING:
    from visiondesk.core.events import Event
    from visiondesk.core.request import AnalysisRequest
    from visiondesk.ocr.engine import LocalOcrEngine

log = logging.getLogger(__name__)

LOCAL_OCR_MODEL = "rapidocr"
LOCAL_OCR_PROVIDER_NAME = "Local OCR (offline)"
LOCAL_OCR_API = "local-ocr"
LOCAL_OCR_URL = "local://ocr"


def _display_name(image: PreparedImage, index: int) -> str:
    # ``source`` is a path, a URL or a label such as "clipboard"; a path shows as its file name.
    return Path(image.source).name or image.source or f"image {index}"


async def run_local_ocr(
    request: AnalysisRequest, *, engine: LocalOcrEngine | None = None
) -> AsyncIterator[Event]:
    """Read the text of every image in ``request`` with the offline engine, as events.

    ``engine`` defaults to the shared process-wide one, so the models load once per process.
    Never raises for a failed analysis (it yields Failed); only cancellation propagates.
    """
    images = request.images
    yield Started(api=LOCAL_OCR_API, url=LOCAL_OCR_URL,
                  request={"model": request.model or LOCAL_OCR_MODEL, "images": len(images)})

    if not images:
        yield Failed(AnalysisError(ErrorKind.IMAGE, "Local OCR needs an image to read; none was "
                                   "given."))
        return
    remote = [img for img in images if isinstance(img, RemoteImage)]
    if remote:
        yield Failed(AnalysisError(
            ErrorKind.IMAGE,
            f"Local OCR needs the image inlined, but {remote[0].url} is a web address that only "
            "a server would download. Turn on inline download of image URLs (or save the image "
            "and open the file) and try again.",
        ))
        return
    if any(isinstance(img, DocumentFile) for img in images):
        yield Failed(AnalysisError(
            ErrorKind.IMAGE, "Local OCR reads images, not whole documents; send the PDF's pages "
            "as images instead."))
        return

    try:
        # Until the options grow a typed field, any options object with ``ocr_mode`` sets it.
        mode = OcrMode.parse(getattr(request.options, "ocr_mode", None))
    except ValueError as exc:
        yield Failed(AnalysisError(ErrorKind.CONFIG, str(exc)))
        return

    engine = engine or default_engine()
    many = len(images) > 1
    wrote_text = False
    for index, image in enumerate(images, start=1):
        assert isinstance(image, PreparedImage)  # URLs and documents were turned away above
        name = _display_name(image, index)
        try:
            # The mode is passed only when it is not the default, so engines written before
            # it existed (test doubles, wrappers) keep working.
            output = await (engine.recognize_async(image, mode=mode) if mode is not OcrMode.LINES
                            else engine.recognize_async(image))
        except AnalysisError as exc:
            yield Failed(exc)
            return
        except Exception as exc:  # a bug or an engine surprise: still a readable message
            log.exception("local OCR failed on %s", name)
            yield Failed(AnalysisError(ErrorKind.IMAGE, f"Local OCR failed on {name}: "
                                       f"{type(exc).__name__}: {exc}"))
            return

        yield OcrLines(output.lines)
        if not output.text:
            yield Notice(f"No text was found in {name}.")
            continue
        header = f"[Image {index}: {name}]\n" if many else ""
        gap = "\n\n" if wrote_text else ""
        wrote_text = True
        yield TextDelta(f"{gap}{header}{output.text}")

    yield Finished(Status.COMPLETED)
