"""The engine's fixed English sentences, worded in the window's language.

The engine (``api/``, ``session/``, ``ocr/``) speaks English for the command line and the log;
some of its sentences reach the window as text: retry notices (``Notice`` events), the messages
of the errors it words itself (timeouts, refused connections, a stream cut short). This module
recognises those few fixed sentences and rewords them with ``tr()`` templates, keeping their
figures, addresses and names; anything else (a server's own words) is shown as it came.

In English every template is the sentence itself, so nothing changes there.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from functools import lru_cache

from PySide6.QtCore import QCoreApplication

Template = Callable[[], str]

# Inner parts that are themselves engine sentences (the error inside a retry notice).
_NESTED = frozenset({"error", "rest"})
_MAX_DEPTH = 3


def _tr(text: str) -> str:
    return QCoreApplication.translate("EngineText", text)


@lru_cache(maxsize=1)
def _patterns() -> tuple[tuple[re.Pattern[str], Template], ...]:
    """(the engine's sentence as a regex, its template); templates are looked up at each use so
    a language switch applies at once. Keep each regex anchored and each template literal."""
    table: list[tuple[str, Template]] = [
        (r"(?P<error>.+?) — retrying in (?P<delay>[\d.]+) s \(attempt (?P<n>\d+) of (?P<m>\d+)\)\.",
         lambda: _tr("{error} — retrying in {delay} s (attempt {n} of {m}).")),
        (r"HTTP (?P<status>\d{3}): (?P<rest>.+)",
         lambda: _tr("HTTP {status}: {rest}")),
        (r"Could not connect to (?P<url>\S+) within (?P<s>[\d.]+) s\.",
         lambda: _tr("Could not connect to {url} within {s} s.")),
        (r"Could not connect to (?P<url>\S+?)\.",
         lambda: _tr("Could not connect to {url}.")),
        (r"Every connection to the server stayed busy for too long, so this request was never "
         r"sent; run fewer jobs at once\.",
         lambda: _tr("Every connection to the server stayed busy for too long, so this request "
                     "was never sent; run fewer jobs at once.")),
        (r"Sending the request to (?P<url>\S+) took too long; it was not sent again\.",
         lambda: _tr("Sending the request to {url} took too long; it was not sent again.")),
        (r"No answer from (?P<url>\S+) within (?P<s>[\d.]+) s; the request was not sent again "
         r"\(it may still be running on the server\)\.",
         lambda: _tr("No answer from {url} within {s} s; the request was not sent again (it may "
                     "still be running on the server).")),
        (r"The server closed the connection unexpectedly\.",
         lambda: _tr("The server closed the connection unexpectedly.")),
        (r"The server's answer could not be decoded \(damaged compression\)\.",
         lambda: _tr("The server's answer could not be decoded (damaged compression).")),
        (r"Network error talking to (?P<url>\S+) \((?P<what>\w+)\)\.",
         lambda: _tr("Network error talking to {url} ({what}).")),
        (r"This server has no Responses API; using Chat Completions\.",
         lambda: _tr("This server has no Responses API; using Chat Completions.")),
        (r"The model wants max_completion_tokens instead of max_tokens; resent\.",
         lambda: _tr("The model wants max_completion_tokens instead of max_tokens; resent.")),
        (r"The model does not accept a temperature; resent without it\.",
         lambda: _tr("The model does not accept a temperature; resent without it.")),
        (r"Reasoning summaries are not available for this account or model; resent without "
         r"them\.",
         lambda: _tr("Reasoning summaries are not available for this account or model; resent "
                     "without them.")),
        (r"The server rejected a JSON schema; asked for JSON with the schema in the prompt "
         r"instead\.",
         lambda: _tr("The server rejected a JSON schema; asked for JSON with the schema in the "
                     "prompt instead.")),
        (r"The connection closed before the answer was complete; the text so far is kept\.",
         lambda: _tr("The connection closed before the answer was complete; the text so far is "
                     "kept.")),
        (r"The answer took longer than (?P<s>[\d.]+) s in all; VisionDesk stopped waiting\. "
         r"The text so far is kept\.",
         lambda: _tr("The answer took longer than {s} s in all; VisionDesk stopped waiting. The "
                     "text so far is kept.")),
        (r"The answer took longer than (?P<s>[\d.]+) s in all; VisionDesk stopped waiting\.",
         lambda: _tr("The answer took longer than {s} s in all; VisionDesk stopped waiting.")),
        (r"The server sent no content for (?P<s>[\d.]+) s \(keep-alives do not count\); "
         r"VisionDesk stopped waiting\. The text so far is kept\.",
         lambda: _tr("The server sent no content for {s} s (keep-alives do not count); "
                     "VisionDesk stopped waiting. The text so far is kept.")),
        (r"The response failed\.", lambda: _tr("The response failed.")),
        (r"The server's answer has no choices\.", lambda: _tr("The server's answer has no choices.")),
        (r"The server's answer has no output\.", lambda: _tr("The server's answer has no output.")),
        (r"The server's answer is not a JSON object\.",
         lambda: _tr("The server's answer is not a JSON object.")),
        (r"The answer ended without a status\.", lambda: _tr("The answer ended without a status.")),
        (r"No text was found in (?P<name>.+)\.", lambda: _tr("No text was found in {name}.")),
        (r"could not download from (?P<host>[^\s:]+): (?P<why>.+)",
         lambda: _tr("could not download from {host}: {why}")),
        (r"could not reach (?P<host>\S+)", lambda: _tr("could not reach {host}")),
    ]
    return tuple((re.compile(pattern, re.DOTALL), template) for pattern, template in table)


def worded(text: str, _depth: int = 0) -> str:
    """``text`` in the window's language when it is one of the engine's fixed sentences (or a
    retry notice around one); any other text unchanged."""
    if not text or _depth > _MAX_DEPTH:
        return text
    stripped = text.strip()
    for pattern, template in _patterns():
        match = pattern.fullmatch(stripped)
        if match is None:
            continue
        values = {name: worded(value, _depth + 1) if name in _NESTED else value
                  for name, value in match.groupdict().items()}
        try:
            return template().format(**values)
        except (KeyError, IndexError, ValueError):  # a translation that lost a placeholder
            return text
    return text
