"""Downloading an image URL with the provider's own client (its proxy and timeouts), bounded.

The server would otherwise fetch it; we download when the pixels are needed here (local OCR,
the window's preview) or when the person asks to inline URLs (servers time out on slow hosts and
can never reach LAN addresses).
"""

from __future__ import annotations

import asyncio
import logging
from typing import TYPE_CHECKING

from visiondesk.core.errors import AnalysisError, ErrorFact, ErrorKind
from visiondesk.core.limits import DOWNLOAD_TIMEOUT_S as DOWNLOAD_DEADLINE  # the whole transfer
from visiondesk.core.limits import MAX_DOWNLOAD_BYTES
from visiondesk.session.workspace import host_of

if TYPE_CHECKING:
    from visiondesk.config.providers import ProviderConfig
    from visiondesk.session.backends import Backends

log = logging.getLogger(__name__)



def _unreachable(url: str, why: str, kind: ErrorKind = ErrorKind.NETWORK) -> AnalysisError:
    host = host_of(url)
    return AnalysisError(kind, f"could not download from {host}: {why}",
                         facts=frozenset({ErrorFact.SOURCE_UNREACHABLE}), subject=host)


async def download(url: str, provider: ProviderConfig, backends: Backends,
                   *, max_bytes: int = MAX_DOWNLOAD_BYTES) -> bytes:
    import httpx

    client = await asyncio.to_thread(backends.http().client_for, provider)
    try:
        async with asyncio.timeout(DOWNLOAD_DEADLINE), client.stream("GET", url) as response:
            if response.status_code >= 400:
                raise _unreachable(url, f"the server answered HTTP {response.status_code}")
            declared = response.headers.get("content-length", "")
            if declared.isdigit() and int(declared) > max_bytes:
                raise _unreachable(url, f"larger than {max_bytes // 2**20} MB", ErrorKind.TOO_LARGE)
            chunks: list[bytes] = []
            total = 0
            async for chunk in response.aiter_bytes():
                total += len(chunk)
                if total > max_bytes:
                    raise _unreachable(url, f"larger than {max_bytes // 2**20} MB", ErrorKind.TOO_LARGE)
                chunks.append(chunk)
    except TimeoutError:
        raise _unreachable(url, f"took longer than {DOWNLOAD_DEADLINE:.0f} s",
                           ErrorKind.TIMEOUT) from None
    except httpx.TimeoutException:
        raise _unreachable(url, "no answer in time", ErrorKind.TIMEOUT) from None
    except httpx.ConnectError:
        raise _unreachable(url, "the host cannot be reached") from None
    except httpx.HTTPError as exc:
        raise _unreachable(url, type(exc).__name__) from None
    log.debug("Downloaded %d bytes from %s", total, host_of(url))
    return b"".join(chunks)
