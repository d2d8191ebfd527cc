"""Make server-derived and URL text safe to show, log, store or export.

Servers are not trusted: some relays echo the request's key back in an error message, error
``code``/``type``/``param`` fields are free text, and a hostile server can put terminal escapes
in anything. Base URLs may carry ``user:password@``. Every such string goes through
:func:`clean_server_text` (or at least :func:`redact`) before a person or a file sees it.

Pure functions, no I/O, safe to call from any thread.
"""

from __future__ import annotations

import base64
import re
from collections.abc import Iterable
from urllib.parse import quote, quote_plus

from visiondesk.core.limits import MAX_SERVER_TEXT_CHARS

REDACTED = "[redacted]"

# Shorter strings are not treated as secrets: replacing "ab" everywhere would mangle ordinary
# text while protecting nothing (no real API key is that short).
MIN_SECRET_LENGTH = 4

# "Bearer <token>" and "sk-..." shaped strings are redacted even when the exact key is not known
# (a server may echo another key, or a log may hold a header). The token must look like one:
# at least 8 characters of the base64/token alphabet, so "Bearer (i.e. ..." stays prose and an
# already redacted "Bearer [redacted]" is left alone.
_BEARER = re.compile(r"(?i)\b(bearer\s+)([A-Za-z0-9._~+/=\-]{8,})")
_KEY_SHAPED = re.compile(r"\b((?:sk|ak|pk|rk)-)[A-Za-z0-9_\-]{12,}")
_URL_USERINFO = re.compile(r"\b([A-Za-z][A-Za-z0-9+.\-]*://)[^/\s@?#]*@")
# C0 controls except TAB and LF, DEL, and C1 controls. ESC goes too, which disarms every ANSI
# sequence; the printable rest of a CSI sequence ("[2J") is removed with it below.
_ANSI_CSI = re.compile(r"\x1b\[[0-?]*[ -/]*[@-~]|\x9b[0-?]*[ -/]*[@-~]")
_ANSI_OSC = re.compile(r"(?:\x1b\]|\x9d)[^\x07\x1b\x9c]*(?:\x07|\x1b\\|\x9c)?")
_ANSI_OTHER = re.compile(r"\x1b[@-Z\\-_]")
_CONTROLS = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")
# Unicode characters that reorder or hide text in a terminal (bidi overrides, zero-width joiners
# are legitimate in some scripts and stay).
_BIDI = re.compile(r"[\u202a-\u202e\u2066-\u2069]")
# Longer than any key in any of its encodings: text this close to a cut may hold half a key.
_SPLIT_MARGIN = 1024


def secret_forms(secret: str) -> set[str]:
    """The spellings of one secret that may appear in text: as is, URL-encoded, base64."""
    forms = {secret, quote(secret, safe=""), quote_plus(secret)}
    raw = secret.encode("utf-8", errors="surrogatepass")
    for encoded in (base64.b64encode(raw), base64.urlsafe_b64encode(raw)):
        text = encoded.decode("ascii")
        forms.add(text)
        forms.add(text.rstrip("="))
    for prefix in ("Bearer ", ":"):  # a Bearer header or "user:key" (Basic auth), base64-encoded
        forms.add(base64.b64encode((prefix + secret).encode("utf-8", "surrogatepass")).decode().rstrip("="))
    return {form for form in forms if len(form) >= MIN_SECRET_LENGTH}


def _pattern(secrets: Iterable[str | None]) -> re.Pattern[str] | None:
    forms: set[str] = set()
    for secret in secrets:
        if isinstance(secret, str) and len(secret.strip()) >= MIN_SECRET_LENGTH:
            forms |= secret_forms(secret)
            forms |= secret_forms(secret.strip())
    if not forms:
        return None
    # Longest first, so a form that contains another is replaced whole.
    return re.compile("|".join(re.escape(form) for form in sorted(forms, key=len, reverse=True)))


def redact(text: str, secrets: Iterable[str | None] = ()) -> str:
    """``text`` with every given secret (and its URL-encoded and base64 forms), every
    ``Bearer <token>``, every ``sk-...``-shaped key and every URL's ``user:password@`` removed."""
    pattern = _pattern(secrets)
    if pattern is not None:
        text = pattern.sub(REDACTED, text)
    text = _BEARER.sub(lambda m: m.group(1) + REDACTED, text)
    text = _KEY_SHAPED.sub(lambda m: m.group(1) + REDACTED, text)
    return strip_userinfo(text)


def strip_userinfo(url: str) -> str:
    """``https://user:pass@host/x`` -> ``https://host/x``; any text, every URL in it."""
    return _URL_USERINFO.sub(r"\1", url)


def strip_controls(text: str) -> str:
    """Remove terminal escape sequences and C0/C1 control characters except ``\\n`` and ``\\t``.

    A CR alone becomes a newline (a bare CR would let later text overwrite earlier text on a
    terminal); CRLF becomes one newline.
    """
    text = _ANSI_OSC.sub("", text)
    text = _ANSI_CSI.sub("", text)
    text = _ANSI_OTHER.sub("", text)
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    text = _CONTROLS.sub("", text)
    return _BIDI.sub("", text)


def bound(text: str, limit: int = MAX_SERVER_TEXT_CHARS) -> str:
    """``text`` cut to ``limit`` characters, saying how much was left out."""
    if len(text) <= limit:
        return text
    return f"{text[:limit]}… [{len(text) - limit:,} more characters]"


def clean_server_text(text: object, secrets: Iterable[str | None] = (),
                      limit: int = MAX_SERVER_TEXT_CHARS) -> str:
    """Server-derived text made safe to show, log, store or export.

    Redacted (keys, URL credentials), stripped of control characters and escapes, and bounded.
    The cut comes after redacting: a key split by the cut would survive in part. Very long
    input is first cut to a generous multiple of the limit to keep the work bounded; the tail of
    that first cut (where a key may have been split) is dropped after redacting.
    """
    value = text if isinstance(text, str) else str(text)
    precut = len(value) > limit * 4 + _SPLIT_MARGIN
    if precut:
        value = value[: limit * 4 + _SPLIT_MARGIN]
    cleaned = redact(strip_controls(value), secrets)
    if precut:
        cleaned = cleaned[:-_SPLIT_MARGIN] + "…"
    return bound(cleaned, limit)


def clean_optional(text: object, secrets: Iterable[str | None] = (),
                   limit: int = MAX_SERVER_TEXT_CHARS) -> str | None:
    """:func:`clean_server_text` for optional fields (``code``, ``type``, ``param``)."""
    if text is None:
        return None
    return clean_server_text(text, secrets, limit)


# Answer text keeps CR, LF, TAB and NEL (U+0085, a line break some models write); every other
# control character goes, which disarms escape sequences even when a server splits one across
# chunks (the printable rest is inert).
_ANSWER_CONTROLS = re.compile(
    r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x84\x86-\x9f\u202a-\u202e\u2066-\u2069]")


class AnswerScrubber:
    """Cleans streamed answer text: the exact secrets (in every spelling) and control characters.

    Built once per request (the pattern is compiled once), applied to every delta. Unlike
    :func:`clean_server_text` it neither bounds nor applies the ``sk-``/``Bearer`` heuristics:
    an answer may legitimately explain what an API key looks like.

    A secret may arrive split across two deltas ("sk-te" then "st-…"). ``stream`` keeps back the
    end of a delta that could be the start of a secret until the next delta (or ``flush``) shows
    whether it is; text that cannot be is passed on at once, so streaming shows no lag.
    """

    __slots__ = ("_forms", "_held", "_pattern")

    def __init__(self, secrets: Iterable[str | None]) -> None:
        self._pattern = _pattern(secrets)
        self._forms = sorted({form for secret in secrets if isinstance(secret, str)
                              and len(secret.strip()) >= MIN_SECRET_LENGTH
                              for form in secret_forms(secret) | secret_forms(secret.strip())})
        self._held: dict[str, str] = {}

    def __call__(self, text: str) -> str:
        if self._pattern is not None:
            text = self._pattern.sub(REDACTED, text)
        return _ANSWER_CONTROLS.sub("", text)

    def stream(self, channel: str, text: str) -> str:
        """What of ``text`` (the next delta of ``channel``) can be shown now, cleaned."""
        text = self(self._held.pop(channel, "") + text)
        keep = self._partial_tail(text)
        if keep:
            self._held[channel] = text[-keep:]
            return text[:-keep]
        return text

    def flush(self, channel: str) -> str:
        """The end of ``channel`` kept back so far (the stream ended without completing a secret)."""
        return self._held.pop(channel, "")

    def _partial_tail(self, text: str) -> int:
        """How many last characters of ``text`` could begin a secret (0 for almost every delta)."""
        longest = 0
        for form in self._forms:
            start = max(0, len(text) - len(form) + 1)
            at = text.find(form[0], start)
            while at != -1:  # usually never entered: the form's first character is not there
                if form.startswith(text[at:]):
                    longest = max(longest, len(text) - at)
                    break
                at = text.find(form[0], at + 1)
        return longest
