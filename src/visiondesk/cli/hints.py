"""What a person at a terminal can do about a failure, worded from its kind and facts (never from
its message). The window words its own, with menus instead of commands (``gui/error_text.py``)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from visiondesk.core.errors import ErrorFact, ErrorKind

if TYPE_CHECKING:
    from visiondesk.core.errors import AnalysisError

_BY_KIND: dict[ErrorKind, str] = {
    ErrorKind.AUTH: "Check the API key: visiondesk keys set {provider}",
    ErrorKind.PERMISSION: "The key may lack access to this model, or the account balance is empty.",
    ErrorKind.RATE_LIMIT: "The server is rate limiting; wait a moment and try again.",
    ErrorKind.QUOTA: "The account has no quota or balance left; top it up with the provider.",
    ErrorKind.BAD_REQUEST: "The server refused the request; a smaller image (--max-side) often helps.",
    ErrorKind.NOT_FOUND: "Check the model name (visiondesk models) and the base URL.",
    ErrorKind.TOO_LARGE: "The image is too large for this server; try a smaller --max-side.",
    ErrorKind.UNSUPPORTED_INPUT: "This model cannot see images or files; choose a vision model.",
    ErrorKind.SERVER: "The server or a proxy in front of it failed; try again later.",
    ErrorKind.NETWORK: "Could not reach the server; check the base URL, proxy and network.",
    ErrorKind.TIMEOUT: "The server took too long; raise --timeout for slow reasoning models.",
    ErrorKind.INVALID_RESPONSE: "The server answered something that is not an OpenAI-style reply.",
    ErrorKind.IMAGE: "Pick a different file, or re-save the image as PNG or JPEG.",
    ErrorKind.CANCELLED: "",
    ErrorKind.CONFIG: "",
}

_BY_FACT: dict[ErrorFact, str] = {
    ErrorFact.NO_CHANNEL: "The relay has no channel serving this model right now; pick another "
                          "model or relay.",
    ErrorFact.ENDPOINT_MISSING: "The server has no such API here; check the base URL (it usually "
                                "ends in /v1) or use --api chat.",
    ErrorFact.MODEL_NOT_FOUND: "Check the model name (visiondesk models --provider {provider}).",
    ErrorFact.SOURCE_MISSING: "Check the path.",
    ErrorFact.SOURCE_UNREACHABLE: "Check the address, or download the image and pass the file.",
    ErrorFact.DOCUMENT_LOCKED: "Remove the password from the PDF, or export its pages as images.",
}


def cli_hint(error: AnalysisError, provider_id: str = "NAME", *, key_settable: bool = True) -> str:
    """One line of advice for ``error``; empty when there is nothing useful to add."""
    if error.code == "schema_mismatch":  # --schema: the answer came, but not as fitting JSON
        return "The model's answer does not fit --schema; simplify the schema or try another model."
    for fact, text in _BY_FACT.items():
        if error.has(fact):
            return text.format(provider=provider_id)
    if error.kind is ErrorKind.AUTH and not key_settable:
        return "Check the API key in the environment variable that supplies it."
    return _BY_KIND.get(error.kind, "").format(provider=provider_id)
