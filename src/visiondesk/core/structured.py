"""Structured output: a JSON Schema a person gives, what goes on the wire, and checking the answer.

``load_schema`` reads and checks a schema file and makes it strict-compatible (what OpenAI's
``strict: true`` demands: ``additionalProperties: false`` and every property required, optional
ones made nullable). ``parse_answer`` finds the JSON in an answer (plain, fenced, or with prose
around it: relays without ``json_schema`` support answer like that) and validates it with
jsonschema against the person's own schema.

jsonschema is imported only when a schema is actually checked: every request carries
``GenerationOptions``, which names ``ResponseSchema``, and most runs never need the validator.
"""

from __future__ import annotations

import copy
import json
import re
import threading
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from visiondesk.core.errors import AnalysisError, ErrorKind
from visiondesk.core.events import Status

if TYPE_CHECKING:
    from visiondesk.core.result import AnalysisResult

MAX_SCHEMA_BYTES = 1 << 20  # a schema is a few KB; a megabyte is a mistake or an attack
MAX_ANSWER_CHARS = 4 << 20  # longer answers are not searched for JSON
_MAX_CANDIDATES = 200  # '{' / '[' positions tried when JSON hides inside prose
_MAX_ERRORS = 3  # validation errors shown; the rest are counted

_NAME_UNSAFE = re.compile(r"[^A-Za-z0-9_-]+")
_FENCE = re.compile(r"```[ \t]*(?:json|JSON|json5)?[ \t]*\r?\n(.*?)```", re.DOTALL)


class SchemaError(ValueError):
    """The schema file cannot be used; the message says why in a person's words."""


@dataclass(frozen=True, slots=True)
class ResponseSchema:
    """A schema to ask for. ``wire`` is the strict-compatible form sent to the server;
    ``original`` is what the person wrote, used to validate answers and to name CSV columns."""

    name: str
    wire: Mapping[str, Any] = field(hash=False)
    original: Mapping[str, Any] = field(hash=False)

    @property
    def columns(self) -> list[str]:
        """Top-level property names, in the order the schema lists them."""
        properties = self.original.get("properties")
        return [str(name) for name in properties] if isinstance(properties, Mapping) else []

    def prompt_instructions(self) -> str:
        """What to add to the prompt when the server takes no schema (``json_object`` or nothing)."""
        text = json.dumps(self.wire, ensure_ascii=False, separators=(",", ":"))
        return ("Answer with one JSON object only, with no other text and no code fence. "
                f"It must fit this JSON Schema:\n{text}")


@dataclass(frozen=True, slots=True)
class StructuredOutcome:
    """The parsed answer (``data``) or why there is none (``error``, readable)."""

    data: Any = None
    error: str | None = None

    @property
    def ok(self) -> bool:
        return self.error is None


def load_schema(path: Path, name: str | None = None) -> ResponseSchema:
    """Read, parse and check a schema file. Raises ``SchemaError`` with a readable message."""
    try:
        with path.open("rb") as handle:
            raw = handle.read(MAX_SCHEMA_BYTES + 1)
    except OSError as exc:
        raise SchemaError(f"cannot read the schema file {path}: {exc.strerror or exc}") from None
    if len(raw) > MAX_SCHEMA_BYTES:
        raise SchemaError(f"the schema file {path} is larger than {MAX_SCHEMA_BYTES // 1024} KB")
    try:
        schema = json.loads(raw.decode("utf-8-sig"))
    except UnicodeDecodeError:
        raise SchemaError(f"the schema file {path} is not UTF-8 text") from None
    except json.JSONDecodeError as exc:
        raise SchemaError(f"the schema file {path} is not valid JSON: {exc.msg} "
                          f"at line {exc.lineno}, column {exc.colno}") from None
    return schema_from_mapping(schema, name or _title_or(schema, path.stem), source=str(path))


def schema_from_mapping(schema: object, name: str = "result", source: str = "the schema") -> ResponseSchema:
    if not isinstance(schema, Mapping):
        raise SchemaError(f"{source} must be a JSON object (a JSON Schema), not {type(schema).__name__}")
    check_schema(schema, source)
    if schema.get("type") != "object" and not isinstance(schema.get("properties"), Mapping):
        raise SchemaError(f"{source} must describe an object at the top level "
                          '("type": "object" with "properties"): servers require that, and each '
                          "property becomes a CSV column")
    return ResponseSchema(name=safe_name(name), wire=strict_schema(schema), original=dict(schema))


def check_schema(schema: Mapping[str, Any], source: str = "the schema") -> None:
    from jsonschema import exceptions, validators

    cls = validators.validator_for(schema)
    try:
        cls.check_schema(schema)
    except exceptions.SchemaError as exc:
        where = _path_text(exc.path)
        raise SchemaError(f"{source} is not a valid JSON Schema: {exc.message}"
                          + (f" (at {where})" if where != "$" else "")) from None


def safe_name(name: str) -> str:
    """A schema name the APIs accept: ``[A-Za-z0-9_-]{1,64}``."""
    cleaned = _NAME_UNSAFE.sub("_", name).strip("_")[:64]
    return cleaned or "result"


def _title_or(schema: object, fallback: str) -> str:
    title = schema.get("title") if isinstance(schema, Mapping) else None
    return title if isinstance(title, str) and title.strip() else fallback


def strict_schema(schema: Mapping[str, Any]) -> dict[str, Any]:
    """A copy where every object forbids extra keys and lists every property as required.

    A property the original did not require becomes nullable, so the model can still say
    "not there" (strict mode has no optional properties)."""
    result = copy.deepcopy(dict(schema))
    _make_strict(result)
    return result


_SUBSCHEMA_LISTS = ("anyOf", "oneOf", "allOf", "prefixItems")
_SUBSCHEMA_MAPS = ("$defs", "definitions")


def _make_strict(node: Any) -> None:
    if not isinstance(node, dict):
        return
    properties = node.get("properties")
    if isinstance(properties, dict):
        required = node.get("required")
        already = {str(x) for x in required} if isinstance(required, list) else set()
        for key, sub in properties.items():
            if key not in already and isinstance(sub, dict):
                properties[key] = _nullable(sub)
        node["required"] = list(properties)
        node["additionalProperties"] = False
        for sub in properties.values():
            _make_strict(sub)
    # An object without properties is free-form; strict mode cannot express that, and forcing it
    # empty would change the meaning: left alone, a strict server says so and we fall back.
    items = node.get("items")
    if isinstance(items, dict):
        _make_strict(items)
    for key in _SUBSCHEMA_LISTS:
        for sub in node.get(key) or ():
            _make_strict(sub)
    for key in _SUBSCHEMA_MAPS:
        defs = node.get(key)
        if isinstance(defs, dict):
            for sub in defs.values():
                _make_strict(sub)


def _nullable(sub: dict[str, Any]) -> dict[str, Any]:
    kind = sub.get("type")
    if isinstance(kind, str):
        return {**sub, "type": [kind, "null"]} if kind != "null" else sub
    if isinstance(kind, list):
        return sub if "null" in kind else {**sub, "type": [*kind, "null"]}
    return {"anyOf": [sub, {"type": "null"}]}


def extract_json(text: str) -> Any:
    """The JSON value in an answer: the whole text, a fenced block, or the first object or array
    embedded in prose. Raises ``ValueError`` when there is none."""
    if len(text) > MAX_ANSWER_CHARS:
        raise ValueError(f"the answer is longer than {MAX_ANSWER_CHARS} characters")
    stripped = text.strip().lstrip("\ufeff")
    if not stripped:
        raise ValueError("the answer is empty")
    try:
        return json.loads(stripped)
    except ValueError:
        pass
    for block in _FENCE.findall(stripped):
        try:
            return json.loads(block.strip())
        except ValueError:
            continue
    decoder = json.JSONDecoder()
    tried = 0
    for match in re.finditer(r"[{\[]", stripped):
        if tried >= _MAX_CANDIDATES:
            break
        tried += 1
        try:
            value, _ = decoder.raw_decode(stripped, match.start())
        except ValueError:
            continue
        if isinstance(value, dict | list) and value:
            return value
    raise ValueError("the answer contains no JSON object")


def parse_answer(text: str, schema: ResponseSchema) -> StructuredOutcome:
    """``data`` when the answer holds JSON that fits the schema, else a readable ``error``."""
    try:
        data = extract_json(text)
    except ValueError as exc:
        return StructuredOutcome(error=f"Not JSON: {exc}.")
    error = validation_error(data, schema)
    return StructuredOutcome(data=data) if error is None else StructuredOutcome(data=data, error=error)


def validation_error(data: Any, schema: ResponseSchema) -> str | None:
    """None when ``data`` fits; else up to three problems, each with where it is.

    It fits when it matches the person's schema, or the strict form we asked for (which allows
    ``null`` for the properties the person left optional)."""
    from jsonschema import validators
    from jsonschema.exceptions import relevance

    validator = validators.validator_for(schema.original)(schema.original)
    errors = sorted(validator.iter_errors(data), key=relevance)
    if not errors:
        return None
    strict = validators.validator_for(schema.wire)(schema.wire)
    if strict.is_valid(data):
        return None
    shown = [f"{_path_text(e.absolute_path)}: {_short(e.message)}" for e in errors[:_MAX_ERRORS]]
    more = len(errors) - len(shown)
    suffix = f" (and {more} more)" if more > 0 else ""
    return "Does not fit the schema: " + "; ".join(shown) + suffix + "."


def _path_text(path: Any) -> str:
    text = "$"
    for part in path:
        text += f"[{part}]" if isinstance(part, int) else f".{part}"
    return text


def _short(message: str, limit: int = 200) -> str:
    return message if len(message) <= limit else message[: limit - 1] + "…"


SCHEMA_MISMATCH = "schema_mismatch"  # the error code of an answer that does not fit its schema
_checking = threading.Lock()  # batch workers and the window may check results at once


def apply_structured(result: AnalysisResult, schema: ResponseSchema | None) -> None:
    """Check a completed answer against ``schema`` once: ``data`` when it fits, else status
    ``invalid`` with the validation error. Other results are left as they are."""
    if schema is None:
        return
    with _checking:
        if result.status is not Status.COMPLETED or result.data is not None:
            return
        outcome = parse_answer(result.text, schema)
        result.data = outcome.data
        if outcome.error is not None:
            result.status = Status.INVALID
            result.error = AnalysisError(ErrorKind.INVALID_RESPONSE, outcome.error, code=SCHEMA_MISMATCH)
