"""The engine's fixed English sentences, worded in the window's language.

The engine (``api/``, ``session/``, ``core/``, ``ocr/``) speaks English for the command line and
the log; some of its sentences reach the window as text: retry notices (``Notice`` events), the
messages of errors it words itself (timeouts, refused connections, a stream cut short, a file
that is missing or damaged, a page range that is wrong). This module recognises those fixed
sentences and rewords them with translated templates, keeping their figures, addresses and names;
anything else (a server's own words) is shown as it came. When a template has no translation
(English) the text is returned untouched, so English never changes.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from functools import lru_cache
from typing import cast

from PySide6 import QtCore
from PySide6.QtCore import QCoreApplication

# Marks a literal for the translation tools and returns it; typed (PySide6's stub says object).
QT_TRANSLATE_NOOP = cast("Callable[[str, str], str]", QtCore.QT_TRANSLATE_NOOP)

CONTEXT = "EngineText"
# Parts that are themselves engine sentences (the error inside a retry notice).
_NESTED = frozenset({"error", "rest"})
_MAX_DEPTH = 3
_SPACE_AFTER_FULL_STOP = re.compile(r"([。！？；：）])[ \t]+")
_WHAT = r"(?P<what>an image file|an image|a PDF|a text file|a file)"

# (the engine's sentence as a regex matched against the whole text, its template). Keep each
# template a literal inside QT_TRANSLATE_NOOP so the translation tools find it.
TABLE: tuple[tuple[str, str], ...] = (
    (r"(?P<error>.+?) — retrying in (?P<delay>[\d.]+) s \(attempt (?P<n>\d+) of (?P<m>\d+)\)\.",
     QT_TRANSLATE_NOOP("EngineText", "{error} — retrying in {delay} s (attempt {n} of {m}).")),
    (r"HTTP (?P<status>\d{3}): (?P<rest>.+)", QT_TRANSLATE_NOOP("EngineText", "HTTP {status}: {rest}")),
    # api/http_backend.py: connections and time limits
    (r"Could not connect to (?P<url>\S+) within (?P<s>[\d.]+) s\.",
     QT_TRANSLATE_NOOP("EngineText", "Could not connect to {url} within {s} s.")),
    (r"Could not connect to (?P<url>\S+?)\.", QT_TRANSLATE_NOOP("EngineText", "Could not connect to {url}.")),
    (r"Every connection to the server stayed busy for too long, so this request was never "
     r"sent; run fewer jobs at once\.",
     QT_TRANSLATE_NOOP("EngineText", "Every connection to the server stayed busy for too long, so "
                                     "this request was never sent; run fewer jobs at once.")),
    (r"Sending the request to (?P<url>\S+) took too long; it was not sent again\.",
     QT_TRANSLATE_NOOP("EngineText", "Sending the request to {url} took too long; it was not sent "
                                     "again.")),
    (r"No answer from (?P<url>\S+) within (?P<s>[\d.]+) s; the request was not sent again "
     r"\(it may still be running on the server\)\.",
     QT_TRANSLATE_NOOP("EngineText", "No answer from {url} within {s} s; the request was not sent "
                                     "again (it may still be running on the server).")),
    (r"The server closed the connection unexpectedly\.",
     QT_TRANSLATE_NOOP("EngineText", "The server closed the connection unexpectedly.")),
    (r"The server's answer could not be decoded \(damaged compression\)\.",
     QT_TRANSLATE_NOOP("EngineText", "The server's answer could not be decoded (damaged "
                                     "compression).")),
    (r"Network error talking to (?P<url>\S+) \((?P<detail>\w+)\)\.",
     QT_TRANSLATE_NOOP("EngineText", "Network error talking to {url} ({detail}).")),
    # api/http_backend.py, api/adaptations.py: notices about what was resent
    (r"This server has no Responses API; using Chat Completions\.",
     QT_TRANSLATE_NOOP("EngineText", "This server has no Responses API; using Chat Completions.")),
    (r"The model wants max_completion_tokens instead of max_tokens; resent\.",
     QT_TRANSLATE_NOOP("EngineText", "The model wants max_completion_tokens instead of max_tokens; "
                                     "resent.")),
    (r"The model does not accept a temperature; resent without it\.",
     QT_TRANSLATE_NOOP("EngineText", "The model does not accept a temperature; resent without it.")),
    (r"Reasoning summaries are not available for this account or model; resent without them\.",
     QT_TRANSLATE_NOOP("EngineText", "Reasoning summaries are not available for this account or "
                                     "model; resent without them.")),
    (r"The server rejected a JSON schema; asked for JSON with the schema in the prompt instead\.",
     QT_TRANSLATE_NOOP("EngineText", "The server rejected a JSON schema; asked for JSON with the "
                                     "schema in the prompt instead.")),
    # api/chat.py, responses.py, bounds.py, runner.py: answers cut short or malformed
    (r"The connection closed before the answer was complete; the text so far is kept\.",
     QT_TRANSLATE_NOOP("EngineText", "The connection closed before the answer was complete; the "
                                     "text so far is kept.")),
    (r"The answer took longer than (?P<s>[\d.]+) s in all; VisionDesk stopped waiting\. "
     r"The text so far is kept\.",
     QT_TRANSLATE_NOOP("EngineText", "The answer took longer than {s} s in all; VisionDesk stopped "
                                     "waiting. The text so far is kept.")),
    (r"The answer took longer than (?P<s>[\d.]+) s in all; VisionDesk stopped waiting\.",
     QT_TRANSLATE_NOOP("EngineText", "The answer took longer than {s} s in all; VisionDesk stopped "
                                     "waiting.")),
    (r"The server sent no content for (?P<s>[\d.]+) s \(keep-alives do not count\); "
     r"VisionDesk stopped waiting\. The text so far is kept\.",
     QT_TRANSLATE_NOOP("EngineText", "The server sent no content for {s} s (keep-alives do not "
                                     "count); VisionDesk stopped waiting. The text so far is kept.")),
    (r"The response failed\.", QT_TRANSLATE_NOOP("EngineText", "The response failed.")),
    (r"The server's answer has no choices\.",
     QT_TRANSLATE_NOOP("EngineText", "The server's answer has no choices.")),
    (r"The server's answer has no output\.",
     QT_TRANSLATE_NOOP("EngineText", "The server's answer has no output.")),
    (r"The server's answer is not a JSON object\.",
     QT_TRANSLATE_NOOP("EngineText", "The server's answer is not a JSON object.")),
    (r"The answer ended without a status\.",
     QT_TRANSLATE_NOOP("EngineText", "The answer ended without a status.")),
    # ocr/backend.py
    (r"No text was found in (?P<name>.+)\.", QT_TRANSLATE_NOOP("EngineText", "No text was found in {name}.")),
    # session/workspace.py, session/downloads.py: sources
    (r"could not download from (?P<host>[^\s:]+): (?P<why>.+)",
     QT_TRANSLATE_NOOP("EngineText", "could not download from {host}: {why}")),
    (r"could not reach (?P<host>\S+)", QT_TRANSLATE_NOOP("EngineText", "could not reach {host}")),
    (r"No page of (?P<label>.+) is chosen\.",
     QT_TRANSLATE_NOOP("EngineText", "No page of {label} is chosen.")),
    (r"(?P<label>.+) is still being read\.", QT_TRANSLATE_NOOP("EngineText", "{label} is still being read.")),
    (r"(?P<label>.+): (?P<n>\d+) pages were chosen; at most (?P<m>\d+) pages of one document "
     r"(?:are|can be) sent in one run\. Choose pages \(for example 1-50\)\.",
     QT_TRANSLATE_NOOP("EngineText", "{label}: {n} pages were chosen; at most {m} pages of one "
                                     "document are sent in one run. Choose pages (for example "
                                     "1-50).")),
    # session/threads.py: follow-up questions
    (r"Write a follow-up question first\.",
     QT_TRANSLATE_NOOP("EngineText", "Write a follow-up question first.")),
    (r"A follow-up question holds up to (?P<n>[\d,]+) characters\.",
     QT_TRANSLATE_NOOP("EngineText", "A follow-up question holds up to {n} characters.")),
    (r"Wait for the answer to finish first\.",
     QT_TRANSLATE_NOOP("EngineText", "Wait for the answer to finish first.")),
    (r"There is no answer to follow up on; run it again first\.",
     QT_TRANSLATE_NOOP("EngineText", "There is no answer to follow up on; run it again first.")),
    (r"Local OCR reads text; it cannot answer questions\. Choose a vision model\.",
     QT_TRANSLATE_NOOP("EngineText", "Local OCR reads text; it cannot answer questions. Choose a "
                                     "vision model.")),
    # core/file_reading.py, core/images.py, core/documents.py: files
    (r"(?P<label>.+) does not exist \(looked for (?P<path>.+)\)",
     QT_TRANSLATE_NOOP("EngineText", "{label} does not exist (looked for {path})")),
    (r"(?P<label>.+) does not exist\.?", QT_TRANSLATE_NOOP("EngineText", "{label} does not exist.")),
    (r"(?P<label>.+) is a folder, not " + _WHAT + r"\.?",
     QT_TRANSLATE_NOOP("EngineText", "{label} is a folder, not {what}.")),
    (r"(?P<label>.+) cannot be read: permission denied",
     QT_TRANSLATE_NOOP("EngineText", "{label} cannot be read: permission denied")),
    (r"(?P<label>.+) is empty \(0 bytes\), so it has no pages\.",
     QT_TRANSLATE_NOOP("EngineText", "{label} is empty (0 bytes), so it has no pages.")),
    (r"(?P<label>.+) is empty \(0 bytes\)", QT_TRANSLATE_NOOP("EngineText", "{label} is empty (0 bytes)")),
    (r"(?P<label>.+) is truncated or damaged",
     QT_TRANSLATE_NOOP("EngineText", "{label} is truncated or damaged")),
    (r"(?P<label>.+) is not an image file Pillow can read",
     QT_TRANSLATE_NOOP("EngineText", "{label} is not an image file Pillow can read")),
    (r"(?P<label>.+) is a HEIC/HEIF photo, but HEIC support \(the pillow-heif package\) is not "
     r"installed",
     QT_TRANSLATE_NOOP("EngineText", "{label} is a HEIC/HEIF photo, but HEIC support (the "
                                     "pillow-heif package) is not installed")),
    (r"(?P<label>.+) is (?P<mp>[\d.,]+) megapixels, more than the (?P<limit>[\d.,]+) MP limit",
     QT_TRANSLATE_NOOP("EngineText", "{label} is {mp} megapixels, more than the {limit} MP limit")),
    (r"(?P<label>.+) is not a PDF \(it does not start with the PDF header\)\.",
     QT_TRANSLATE_NOOP("EngineText", "{label} is not a PDF (it does not start with the PDF "
                                     "header).")),
    (r"(?P<label>.+) has no pages\.", QT_TRANSLATE_NOOP("EngineText", "{label} has no pages.")),
    (r"Page (?P<n>\d+) of (?P<label>.+) is damaged and cannot be read\.",
     QT_TRANSLATE_NOOP("EngineText", "Page {n} of {label} is damaged and cannot be read.")),
    # core/documents.parse_page_ranges: the page field of a PDF
    (r"The document has no pages\.", QT_TRANSLATE_NOOP("EngineText", "The document has no pages.")),
    (r'"(?P<part>[^"]*)" is not a page or a range; write pages like 1-3,5\.',
     QT_TRANSLATE_NOOP("EngineText", '"{part}" is not a page or a range; write pages like 1-3,5.')),
    (r'"(?P<part>[^"]*)" runs backwards; write the smaller page first \((?P<fix>[\d-]+)\)\.',
     QT_TRANSLATE_NOOP("EngineText", '"{part}" runs backwards; write the smaller page first '
                                     '({fix}).')),
    (r'"(?P<part>[^"]*)": pages are numbered from 1\.',
     QT_TRANSLATE_NOOP("EngineText", '"{part}": pages are numbered from 1.')),
    (r'"(?P<part>[^"]*)" goes past the end: the document has (?P<n>\d+) pages?\.',
     QT_TRANSLATE_NOOP("EngineText", '"{part}" goes past the end: the document has {n} pages.')),
    (r"No pages were given; write pages like 1-3,5\.",
     QT_TRANSLATE_NOOP("EngineText", "No pages were given; write pages like 1-3,5.")),
)

NOUNS: dict[str, str] = {  # the ``what`` of "… is a folder, not {what}"
    "an image file": QT_TRANSLATE_NOOP("EngineText", "an image file"),
    "an image": QT_TRANSLATE_NOOP("EngineText", "an image"),
    "a PDF": QT_TRANSLATE_NOOP("EngineText", "a PDF"),
    "a text file": QT_TRANSLATE_NOOP("EngineText", "a text file"),
    "a file": QT_TRANSLATE_NOOP("EngineText", "a file"),
}


@lru_cache(maxsize=1)
def _compiled() -> tuple[tuple[re.Pattern[str], str], ...]:
    return tuple((re.compile(pattern, re.DOTALL), source) for pattern, source in TABLE)


def _translate(source: str) -> str:
    return QCoreApplication.translate(CONTEXT, source)


def worded(text: str, _depth: int = 0) -> str:
    """``text`` in the window's language when it is one of the engine's fixed sentences (or a
    retry notice around one); any other text, and every text in English, unchanged."""
    if not text or _depth > _MAX_DEPTH:
        return text
    stripped = text.strip()
    for pattern, source in _compiled():
        match = pattern.fullmatch(stripped)
        if match is None:
            continue
        template = _translate(source)
        if template == source:  # no translation (English): the engine's own words
            return text
        values = {}
        for name, value in match.groupdict().items():
            if name in _NESTED:
                value = worded(value, _depth + 1)
            elif name == "what":
                value = _translate(NOUNS.get(value, value))
            values[name] = value
        try:
            worded_text = template.format(**values)
        except (KeyError, IndexError, ValueError):  # a translation that lost a placeholder
            return text
        # A nested sentence ending in a full-width stop needs no space after it ("。 1.0 秒后").
        return _SPACE_AFTER_FULL_STOP.sub(r"\1", worded_text)
    return text
