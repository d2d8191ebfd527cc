"""The retry policy: what is retried, how long we wait."""

from __future__ import annotations

import pytest

from visiondesk.api.retry import RetryPolicy
from visiondesk.core.errors import AnalysisError, ErrorKind

POLICY = RetryPolicy()


@pytest.mark.parametrize(
    ("kind", "status", "retried"),
    [
        (ErrorKind.NETWORK, None, True),
        (ErrorKind.TIMEOUT, None, True),
        (ErrorKind.TIMEOUT, 408, True),
        (ErrorKind.RATE_LIMIT, 429, True),
        (ErrorKind.SERVER, 500, True),
        (ErrorKind.SERVER, 502, True),
        (ErrorKind.SERVER, 409, True),
        (ErrorKind.QUOTA, 429, False),
        (ErrorKind.BAD_REQUEST, 400, False),
        (ErrorKind.AUTH, 401, False),
        (ErrorKind.PERMISSION, 403, False),
        (ErrorKind.NOT_FOUND, 404, False),
        (ErrorKind.NOT_FOUND, 503, False),  # one-api "no channel"
        (ErrorKind.SERVER, None, False),     # an error inside a 200 body
    ],
)
def test_what_is_retried(kind: ErrorKind, status: int | None, retried: bool) -> None:
    assert POLICY.should_retry(AnalysisError(kind, "x", status=status), 0) is retried


def test_at_most_two_retries() -> None:
    error = AnalysisError(ErrorKind.SERVER, "x", status=500)
    assert [POLICY.should_retry(error, n) for n in range(4)] == [True, True, False, False]


def test_retry_after_is_honoured_up_to_the_cap() -> None:
    assert POLICY.delay(AnalysisError(ErrorKind.RATE_LIMIT, "x", 429, retry_after=3.5), 0) == 3.5
    capped = POLICY.delay(AnalysisError(ErrorKind.RATE_LIMIT, "x", 429, retry_after=600), 0, rand=lambda: 0)
    assert capped == 0.5  # beyond the cap: fall back to backoff


def test_backoff_doubles_with_jitter_and_a_ceiling() -> None:
    error = AnalysisError(ErrorKind.SERVER, "x", status=503)
    assert [POLICY.delay(error, n, rand=lambda: 0) for n in range(6)] == [0.5, 1, 2, 4, 8, 8]
    assert POLICY.delay(error, 0, rand=lambda: 1) == 0.375
