"""Keys never reach a log line, even at debug level."""

from __future__ import annotations

import logging

import pytest

from visiondesk.logs import RedactingFilter, redact_secrets


def test_bearer_tokens_and_key_shapes_are_redacted() -> None:
    line = "headers={'Authorization': 'Bearer sk-live-abcdef123456', 'x': 1} key=sk-proj-zzzzzzzzzz"
    cleaned = redact_secrets(line)
    assert "abcdef123456" not in cleaned and "zzzzzzzzzz" not in cleaned
    assert "Bearer [redacted]" in cleaned


def test_filter_rewrites_records_with_arguments(caplog: pytest.LogCaptureFixture) -> None:
    logger = logging.getLogger("visiondesk.test")
    logger.addFilter(RedactingFilter())
    with caplog.at_level(logging.DEBUG, logger="visiondesk.test"):
        logger.debug("sending %s", {"authorization": "Bearer secret-token-value"})
    assert "secret-token-value" not in caplog.text and "[redacted]" in caplog.text
