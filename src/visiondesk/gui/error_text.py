"""Failures in the window's words: the message, then what to do, naming menus (never commands),
in the chosen language. Worded from the error's kind and facts, never from its message text."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication

from visiondesk.core.errors import AnalysisError, ErrorFact, ErrorKind
from visiondesk.gui.engine_text import worded


def _tr(text: str) -> str:
    return QCoreApplication.translate("ErrorText", text)


def window_hint(error: AnalysisError) -> str:
    """One sentence of advice for ``error``; empty when there is nothing useful to add."""
    by_fact = {
        ErrorFact.NO_CHANNEL: _tr("The relay has no channel serving this model right now; pick "
                                  "another model or relay."),
        ErrorFact.ENDPOINT_MISSING: _tr("The server has no such API here; check the base URL in "
                                        "Settings (it usually ends in /v1), or choose the Chat API."),
        ErrorFact.MODEL_NOT_FOUND: _tr("Check the model name, or refresh the model list (F5)."),
        ErrorFact.SOURCE_MISSING: _tr("Check that the file still exists."),
        ErrorFact.SOURCE_UNREACHABLE: _tr("Check the address, or save the image and open the file."),
        ErrorFact.DOCUMENT_LOCKED: _tr("Remove the password from the PDF, or export its pages as "
                                       "images."),
        ErrorFact.KEY_FROM_ENVIRONMENT: _tr("The key comes from an environment variable; change it "
                                            "there."),
    }
    for fact, text in by_fact.items():
        if error.has(fact):
            return text
    by_kind = {
        ErrorKind.AUTH: _tr("Check the API key in Settings (Ctrl+,)."),
        ErrorKind.PERMISSION: _tr("The key may lack access to this model, or the account balance "
                                  "is empty."),
        ErrorKind.RATE_LIMIT: _tr("The server is rate limiting; wait a moment and try again."),
        ErrorKind.QUOTA: _tr("The account has no quota or balance left; top it up with the "
                             "provider."),
        ErrorKind.BAD_REQUEST: _tr("The server refused the request; a smaller maximum image side "
                                   "(Settings) often helps."),
        ErrorKind.NOT_FOUND: _tr("Check the model name and the base URL in Settings."),
        ErrorKind.TOO_LARGE: _tr("The image is too large for this server; lower the maximum image "
                                 "side in Settings."),
        ErrorKind.UNSUPPORTED_INPUT: _tr("This model cannot see images or files; choose a vision "
                                         "model."),
        ErrorKind.SERVER: _tr("The server or a proxy in front of it failed; try again later."),
        ErrorKind.NETWORK: _tr("Could not reach the server; check the base URL and proxy in "
                               "Settings, and the network."),
        ErrorKind.TIMEOUT: _tr("The server took too long; raise the read timeout in Settings for "
                               "slow reasoning models."),
        ErrorKind.INVALID_RESPONSE: _tr("The server answered something that is not an OpenAI-style "
                                        "reply."),
        ErrorKind.IMAGE: _tr("Pick a different file, or save the image again as PNG or JPEG."),
    }
    return by_kind.get(error.kind, "")


def error_text(exc: BaseException) -> str:
    """An exception in words a person can read, with the window's advice after it."""
    message = worded(str(exc)) or type(exc).__name__  # the engine's sentences, translated
    hint = window_hint(exc) if isinstance(exc, AnalysisError) else ""
    if not hint:
        return message
    if not message.rstrip().endswith((".", "!", "?", ":", "。", "！", "？", "：")):
        message = message.rstrip() + "."
    return f"{message} {hint}"
