"""Logging set-up shared by the window and the command line, with keys redacted.

Debug logs of httpx/httpcore can include request details; a filter on the handler rewrites any
``Bearer <token>`` and ``sk-...`` looking string before a record is written anywhere.
"""

from __future__ import annotations

import logging


def redact_secrets(text: str) -> str:
    """Key-shaped strings, ``Bearer`` tokens and URL credentials removed (core/redaction.py);
    ``Bearer`` followed by prose is left as it is."""
    from visiondesk.core.redaction import redact

    return redact(text)


class RedactingFilter(logging.Filter):
    def filter(self, record: logging.LogRecord) -> bool:
        message = record.getMessage()
        cleaned = redact_secrets(message)
        if cleaned != message:
            record.msg, record.args = cleaned, None
        return True


def setup_logging(verbose: bool) -> None:
    handler = logging.StreamHandler()
    handler.setFormatter(logging.Formatter("%(levelname)s %(name)s: %(message)s"))
    handler.addFilter(RedactingFilter())
    root = logging.getLogger()
    root.handlers[:] = [handler]
    root.setLevel(logging.DEBUG if verbose else logging.WARNING)
