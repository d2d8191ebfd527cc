"""Token usage, normalised from whichever field names a server used."""

from __future__ import annotations

import math
from dataclasses import asdict, dataclass
from typing import Any

from visiondesk.core.limits import MAX_USAGE_TOKENS


def _int_or_none(value: object) -> int | None:
    """A plausible token count, or None: servers are not trusted to send sane numbers.

    Negative counts, NaN/infinity, non-integral floats and counts beyond MAX_USAGE_TOKENS (a
    4000-digit integer would overflow every float computed from it, e.g. the cost) are unknown.
    """
    if isinstance(value, bool):
        return None
    if isinstance(value, int):
        number = value
    elif isinstance(value, float) and math.isfinite(value) and value.is_integer():
        number = int(value)
    else:
        return None
    if not 0 <= number <= MAX_USAGE_TOKENS:
        return None
    return number


@dataclass(frozen=True, slots=True)
class Usage:
    """Token counts of one answer; ``None`` means the server did not say."""

    input_tokens: int | None = None
    output_tokens: int | None = None
    reasoning_tokens: int | None = None
    cached_tokens: int | None = None
    total_tokens: int | None = None

    @classmethod
    def from_wire(cls, raw: object) -> Usage | None:
        """Read a usage object in Chat form (``prompt_tokens``) or Responses form (``input_tokens``).

        Relays mix the two (a Responses body with Chat-style usage), so both spellings are
        accepted for every field.
        """
        if not isinstance(raw, dict):
            return None
        input_details = raw.get("input_tokens_details") or raw.get("prompt_tokens_details") or {}
        output_details = (
            raw.get("output_tokens_details") or raw.get("completion_tokens_details") or {}
        )
        if not isinstance(input_details, dict):
            input_details = {}
        if not isinstance(output_details, dict):
            output_details = {}
        input_tokens = _int_or_none(raw.get("input_tokens", raw.get("prompt_tokens")))
        output_tokens = _int_or_none(raw.get("output_tokens", raw.get("completion_tokens")))
        total = _int_or_none(raw.get("total_tokens"))
        if total is None and input_tokens is not None and output_tokens is not None:
            total = input_tokens + output_tokens
        usage = cls(
            input_tokens=input_tokens,
            output_tokens=output_tokens,
            reasoning_tokens=_int_or_none(
                output_details.get("reasoning_tokens", raw.get("reasoning_tokens"))
            ),
            cached_tokens=_int_or_none(input_details.get("cached_tokens")),
            total_tokens=total,
        )
        return None if usage == cls() else usage

    def to_json(self) -> dict[str, Any]:
        return asdict(self)
