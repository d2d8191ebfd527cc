"""Request adaptations: how a body changes for a server that rejected one of its parameters.

The names are what ``config/compat.py`` remembers per (provider, model); the wire builders in
``chat.py`` and ``responses.py`` read them. A 400 naming a parameter in ``FOR_PARAM`` is adapted
once, then remembered, so the second run does not pay for the first one's 400.
"""

from __future__ import annotations

from dataclasses import dataclass

USE_MAX_COMPLETION_TOKENS = "max_completion_tokens"
DROP_TEMPERATURE = "drop_temperature"
DROP_REASONING_SUMMARY = "drop_reasoning_summary"
JSON_OBJECT_FORMAT = "json_object_format"  # json_schema rejected: json_object + schema in prompt


@dataclass(frozen=True, slots=True)
class Adaptation:
    name: str
    notice: str


FOR_PARAM: dict[str, Adaptation] = {
    "max_tokens": Adaptation(USE_MAX_COMPLETION_TOKENS,
                             "The model wants max_completion_tokens instead of max_tokens; resent."),
    "temperature": Adaptation(DROP_TEMPERATURE,
                              "The model does not accept a temperature; resent without it."),
    "reasoning.summary": Adaptation(DROP_REASONING_SUMMARY,
                                    "Reasoning summaries are not available for this account "
                                    "or model; resent without them."),
    "response_format": Adaptation(JSON_OBJECT_FORMAT,
                                  "The server rejected a JSON schema; asked for JSON with the "
                                  "schema in the prompt instead."),
    "text.format": Adaptation(JSON_OBJECT_FORMAT,
                              "The server rejected a JSON schema; asked for JSON with the "
                              "schema in the prompt instead."),
}
