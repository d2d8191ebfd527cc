"""Structured output: schema files, the strict form sent on the wire, and checking answers."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from visiondesk.core.structured import (
    SchemaError,
    extract_json,
    load_schema,
    parse_answer,
    safe_name,
    schema_from_mapping,
    strict_schema,
)

RECEIPT = {
    "title": "Receipt (shop)",
    "type": "object",
    "properties": {
        "merchant": {"type": "string"},
        "total": {"type": "number"},
        "items": {"type": "array", "items": {"type": "object",
                                              "properties": {"name": {"type": "string"},
                                                             "price": {"type": "number"}},
                                              "required": ["name"]}},
        "currency": {"enum": ["CNY", "USD"]},
    },
    "required": ["merchant", "total"],
}


def write(tmp_path: Path, text: str, name: str = "schema.json") -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def test_load_schema_names_it_from_the_title_and_lists_columns(tmp_path: Path) -> None:
    schema = load_schema(write(tmp_path, json.dumps(RECEIPT)))
    assert schema.name == "Receipt_shop"
    assert schema.columns == ["merchant", "total", "items", "currency"]


def test_load_schema_without_title_uses_the_file_name(tmp_path: Path) -> None:
    body = {"type": "object", "properties": {"a": {"type": "string"}}}
    assert load_schema(write(tmp_path, json.dumps(body), "发票 fields.json")).name == "fields"


def test_invalid_json_says_where(tmp_path: Path) -> None:
    with pytest.raises(SchemaError, match=r"not valid JSON: .* line 2, column"):
        load_schema(write(tmp_path, '{"type": "object",\n "properties": {,}}'))


def test_invalid_schema_says_what(tmp_path: Path) -> None:
    bad = {"type": "object", "properties": {"total": {"type": "money"}}}
    with pytest.raises(SchemaError, match=r"not a valid JSON Schema: .*money.*\(at \$\.properties\.total\.type\)"):
        load_schema(write(tmp_path, json.dumps(bad)))


def test_missing_file_and_non_object_top_level(tmp_path: Path) -> None:
    with pytest.raises(SchemaError, match="cannot read the schema file"):
        load_schema(tmp_path / "nope.json")
    with pytest.raises(SchemaError, match="must describe an object at the top level"):
        load_schema(write(tmp_path, '{"type": "array", "items": {"type": "string"}}'))
    with pytest.raises(SchemaError, match="must be a JSON object"):
        load_schema(write(tmp_path, "[1, 2]"))


def test_huge_schema_file_is_refused(tmp_path: Path) -> None:
    path = write(tmp_path, '{"type": "object", "description": "' + "x" * (1 << 20) + '"}')
    with pytest.raises(SchemaError, match="larger than"):
        load_schema(path)


def test_strict_form_requires_everything_and_forbids_extras() -> None:
    wire = strict_schema(RECEIPT)
    assert wire["additionalProperties"] is False
    assert wire["required"] == ["merchant", "total", "items", "currency"]
    # optional properties become nullable, so the model can still say "not there"
    assert wire["properties"]["items"]["type"] == ["array", "null"]
    assert wire["properties"]["currency"] == {"anyOf": [{"enum": ["CNY", "USD"]}, {"type": "null"}]}
    item = wire["properties"]["items"]["items"]
    assert item["required"] == ["name", "price"] and item["additionalProperties"] is False
    assert item["properties"]["price"]["type"] == ["number", "null"]
    assert "additionalProperties" not in RECEIPT  # the person's schema is left as it was


def test_safe_name() -> None:
    assert safe_name("收据") == "result"
    assert safe_name("a b/c") == "a_b_c"
    assert len(safe_name("x" * 100)) == 64


@pytest.mark.parametrize("answer", [
    '{"merchant": "Ace", "total": 4.2}',
    '```json\n{"merchant": "Ace", "total": 4.2}\n```',
    'Here is the data:\n```\n{"merchant": "Ace", "total": 4.2}\n```\nHope it helps.',
    'Sure! {"merchant": "Ace", "total": 4.2} is what I found.',
    '\ufeff  {"merchant": "Ace", "total": 4.2}  ',
])
def test_extract_json_finds_it_plain_fenced_or_in_prose(answer: str) -> None:
    assert extract_json(answer) == {"merchant": "Ace", "total": 4.2}


def test_extract_json_without_json() -> None:
    with pytest.raises(ValueError, match="no JSON"):
        extract_json("I cannot read this receipt {sorry}.")
    with pytest.raises(ValueError, match="empty"):
        extract_json("  ")


def test_parse_answer_gives_data_or_a_readable_error() -> None:
    schema = schema_from_mapping(RECEIPT, "receipt")
    good = parse_answer('{"merchant": "华联超市", "total": 12.5, "items": [{"name": "茶"}]}', schema)
    assert good.ok and good.data["merchant"] == "华联超市"
    # nulls for optional properties are what a strict server sends: they fit
    assert parse_answer('{"merchant": "A", "total": 1, "items": null, "currency": null}', schema).ok
    bad = parse_answer('{"merchant": "A", "total": "12,50", "items": [{"price": 1}]}', schema)
    assert not bad.ok and bad.data is not None
    assert bad.error is not None
    assert "$.total: '12,50' is not of type 'number'" in bad.error
    assert "$.items[0]: 'name' is a required property" in bad.error
    prose = parse_answer("The receipt is too blurry to read.", schema)
    assert prose.error == "Not JSON: the answer contains no JSON object." and prose.data is None


def test_prompt_instructions_carry_the_strict_schema() -> None:
    schema = schema_from_mapping(RECEIPT, "receipt")
    text = schema.prompt_instructions()
    assert "JSON" in text  # OpenAI's json_object mode insists the word appears
    assert json.loads(text.split("\n", 1)[1]) == schema.wire
