"""From what a person typed, dropped or pasted to something to send: a path becomes a prepared
image, an http(s) URL stays a URL for the server to fetch, or is downloaded and inlined for
servers that cannot reach it (slow hosts, LAN addresses). Blocking: callers use a thread."""

from __future__ import annotations

import logging
import time
from pathlib import Path
from urllib.parse import unquote, urlsplit

from visiondesk.core.errors import AnalysisError, ErrorFact
from visiondesk.core.images import image_error, prepare_bytes, prepare_image
from visiondesk.core.inputs import DEFAULT_MAX_BYTES, DEFAULT_MAX_SIDE, ImageInput, RemoteImage
from visiondesk.core.limits import DOWNLOAD_TIMEOUT_S, MAX_DOWNLOAD_BYTES
from visiondesk.core.redaction import clean_server_text, strip_userinfo

logger = logging.getLogger(__name__)

DOWNLOAD_TIMEOUT = DOWNLOAD_TIMEOUT_S


def load_source(
    source: str,
    *,
    inline_urls: bool,
    max_side: int = DEFAULT_MAX_SIDE,
    max_bytes: int = DEFAULT_MAX_BYTES,
) -> ImageInput:
    """Turn what a person typed or dropped into something to send.

    http(s) URLs are passed on for the server to fetch, unless ``inline_urls`` is set: then we
    download them ourselves (servers time out on slow hosts and can never reach LAN addresses)
    and prepare the bytes like a file. ``file://`` URLs and everything else are paths.
    Synchronous: callers run it in a thread.
    """
    stripped = source.strip()
    scheme = urlsplit(stripped).scheme.lower()
    if scheme in ("http", "https"):
        if not inline_urls:
            return RemoteImage(stripped)
        label = _url_label(stripped)
        data = _download(stripped, label)
        return prepare_bytes(data, label, stripped, max_side, max_bytes)
    if scheme == "file":
        parts = urlsplit(stripped)
        return prepare_image(Path(unquote(parts.path)), max_side=max_side, max_bytes=max_bytes)
    return prepare_image(stripped, max_side=max_side, max_bytes=max_bytes)


def _url_label(url: str) -> str:
    parts = urlsplit(strip_userinfo(url))
    last = unquote(parts.path.rsplit("/", 1)[-1])
    return last or parts.hostname or strip_userinfo(url)


def _unreachable(message: str) -> AnalysisError:
    return image_error(message).with_fact(ErrorFact.SOURCE_UNREACHABLE)


def _download(url: str, label: str) -> bytes:
    import httpx  # only inline URLs need it; importing it up front costs start-up time

    # httpx's timeout bounds each read, not the whole transfer; a server trickling bytes would
    # otherwise hold the worker for ever, so we also keep an overall deadline.
    deadline = time.monotonic() + DOWNLOAD_TIMEOUT
    too_big = (f"{label} is larger than the {MAX_DOWNLOAD_BYTES // (1024 * 1024)} MB "
               "download limit")
    try:
        with (
            httpx.Client(timeout=DOWNLOAD_TIMEOUT, follow_redirects=True) as client,
            client.stream("GET", url) as response,
        ):
            if response.status_code >= 400:
                reason = clean_server_text(response.reason_phrase, limit=80)
                raise _unreachable(f"could not download {label}: the server answered HTTP "
                                   f"{response.status_code} {reason}".rstrip())
            declared = response.headers.get("content-length", "")
            if declared.isdigit() and int(declared) > MAX_DOWNLOAD_BYTES:
                raise image_error(too_big)
            chunks: list[bytes] = []
            total = 0
            for chunk in response.iter_bytes():
                total += len(chunk)
                if total > MAX_DOWNLOAD_BYTES:
                    raise image_error(too_big)
                if time.monotonic() > deadline:
                    raise httpx.ReadTimeout("overall download deadline passed")
                chunks.append(chunk)
    except httpx.TimeoutException:
        raise _unreachable(
            f"downloading {label} took longer than {DOWNLOAD_TIMEOUT:.0f} s") from None
    except httpx.HTTPError as exc:
        raise _unreachable(f"could not download {label}: {clean_server_text(str(exc))}") from None
    logger.debug("downloaded %s: %d bytes", strip_userinfo(url), total)
    return b"".join(chunks)
