"""When to try a request again, and how long to wait first.

Modelled on openai-python: at most 2 retries, on connection errors, 408, 409, 429 and 5xx; the
server's ``retry-after-ms`` / ``Retry-After`` is honoured up to a cap, else exponential backoff with
jitter. Quota, auth, bad requests and "no channel" are permanent and never retried.
"""

from __future__ import annotations

import random
from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from visiondesk.core.errors import ErrorKind

if TYPE_CHECKING:
    from visiondesk.core.errors import AnalysisError

_RETRYABLE_STATUS = frozenset({408, 409, 429})
_RETRYABLE_KINDS = frozenset({ErrorKind.NETWORK, ErrorKind.TIMEOUT, ErrorKind.RATE_LIMIT,
                              ErrorKind.SERVER})


@dataclass(frozen=True, slots=True)
class RetryPolicy:
    max_retries: int = 2
    base_delay: float = 0.5
    max_delay: float = 8.0
    max_retry_after: float = 60.0

    def should_retry(self, error: AnalysisError, retries_done: int) -> bool:
        if retries_done >= self.max_retries or error.kind not in _RETRYABLE_KINDS:
            return False
        if error.status is None:
            # No HTTP status: only failures to connect qualify (the request never arrived).
            return error.kind in (ErrorKind.NETWORK, ErrorKind.TIMEOUT)
        return error.status in _RETRYABLE_STATUS or error.status >= 500

    def delay(self, error: AnalysisError, retries_done: int,
              rand: Callable[[], float] = random.random) -> float:
        if error.retry_after is not None and 0 <= error.retry_after <= self.max_retry_after:
            return error.retry_after
        backoff: float = min(self.base_delay * 2.0**retries_done, self.max_delay)
        return backoff * (1 - 0.25 * rand())
