"""Issue 12 items 7, 8, 10, 11, 20: server-derived text is redacted, stripped and bounded;
CSV cells cannot run as formulas; absurd usage numbers become unknown."""

from __future__ import annotations

import base64
import csv
import io
import math
from urllib.parse import quote

import pytest

from visiondesk.core.compare import comparison_row, csv_safe, format_table, to_csv
from visiondesk.core.errors import AnalysisError, ErrorKind
from visiondesk.core.pricing import estimate_cost
from visiondesk.core.redaction import REDACTED, clean_server_text, redact, strip_userinfo
from visiondesk.core.result import AnalysisResult
from visiondesk.core.usage import Usage

KEY = "sk-live-Abc123+/xyz=Q9"


@pytest.mark.parametrize("form", [
    KEY,
    quote(KEY, safe=""),
    base64.b64encode(KEY.encode()).decode(),
    base64.b64encode(f"Bearer {KEY}".encode()).decode().rstrip("="),
    base64.urlsafe_b64encode(KEY.encode()).decode().rstrip("="),
])
def test_every_spelling_of_the_key_is_redacted(form: str) -> None:
    text = f"relay says: invalid token {form} (check it)"
    cleaned = redact(text, [KEY])
    assert form not in cleaned
    assert REDACTED in cleaned
    assert cleaned.startswith("relay says: invalid token ")


def test_bearer_prose_is_not_mangled() -> None:
    text = "Send the key as Bearer (i.e. Authorization: Bearer <your key>)."
    assert redact(text, [KEY]) == text
    echoed = f"Authorization: Bearer {KEY} was rejected"
    assert redact(echoed, [KEY]) == f"Authorization: Bearer {REDACTED} was rejected"
    # An unknown key in a Bearer header is caught by its shape.
    assert redact("Bearer abcdefgh12345678", []) == f"Bearer {REDACTED}"


def test_url_credentials_are_stripped_everywhere() -> None:
    assert strip_userinfo("http://user:pa55@relay.local:8080/v1") == "http://relay.local:8080/v1"
    text = "could not reach https://bob:hunter2@host/v1/chat and http://x@y/z"
    assert strip_userinfo(text) == "could not reach https://host/v1/chat and http://y/z"
    assert "hunter2" not in clean_server_text(text)


def test_terminal_escapes_and_controls_are_removed() -> None:
    hostile = ("\x1b]0;pwned title\x07\x1b[2J\x1b[HError:\x1b[31m red\x1b[0m\r\n"
               "line two\x00\x08\x9b2J\tend\u202eevil")
    cleaned = clean_server_text(hostile)
    assert cleaned == "Error: red\nline two\tendevil"
    assert all(ch in "\n\t" or ord(ch) >= 0x20 for ch in cleaned)


def test_long_server_text_is_bounded_and_a_key_at_the_cut_does_not_survive() -> None:
    text = ("x" * 5000 + KEY) * 20
    cleaned = clean_server_text(text, [KEY], limit=100)
    assert len(cleaned) < 200
    assert "more characters" in cleaned
    # A key straddling the first cut of a huge text.
    huge = "y" * (100 * 4 + 1024 - 5) + KEY + "z" * 10_000
    assert "sk-live" not in clean_server_text(huge, [KEY], limit=100)
    assert KEY[:8] not in clean_server_text(huge, [KEY], limit=100)


def test_short_or_empty_secrets_do_not_mangle_text() -> None:
    assert redact("a b c", ["", None, "b"]) == "a b c"


@pytest.mark.parametrize("cell", ["=HYPERLINK(\"http://evil\",\"x\")", "+1+1", "-2+3", "@SUM(A1)",
                                  "\tx", "\rx"])
def test_csv_cells_that_start_a_formula_are_neutralised(cell: str) -> None:
    result = AnalysisResult(source="a.png", model=cell, provider="p")
    result._text.append(cell)
    out = to_csv([comparison_row(result)], [result])
    rows = list(csv.reader(io.StringIO(out)))
    assert rows[1][0] == "'" + cell
    assert rows[1][-1] == "'" + cell
    assert csv_safe(-1.5) == -1.5  # numbers stay numbers


@pytest.mark.parametrize("raw", [
    {"prompt_tokens": int("9" * 4000), "completion_tokens": 5},
    {"prompt_tokens": -5, "completion_tokens": 5},
    {"prompt_tokens": math.nan, "completion_tokens": 5},
    {"prompt_tokens": math.inf, "completion_tokens": 5},
    {"prompt_tokens": 1e300, "completion_tokens": 5},
])
def test_absurd_usage_counts_become_unknown(raw: dict[str, object]) -> None:
    usage = Usage.from_wire(raw)
    assert usage is not None
    assert usage.input_tokens is None
    assert usage.output_tokens == 5
    assert usage.total_tokens is None
    assert estimate_cost(usage, 1.0, 2.0) is None  # no OverflowError
    result = AnalysisResult(source="a.png", model="m", provider="p", usage=usage)
    assert "m" in format_table([comparison_row(result, estimate_cost(usage, 1.0, 2.0))])


def test_plausible_usage_is_kept() -> None:
    usage = Usage.from_wire({"input_tokens": 935, "output_tokens": 538.0})
    assert usage == Usage(input_tokens=935, output_tokens=538, total_tokens=1473)


def test_analysis_error_is_plain() -> None:  # the error type the service wraps limits into
    assert AnalysisError(ErrorKind.IMAGE, "x").kind is ErrorKind.IMAGE


def test_answer_scrubber_keeps_layout_and_removes_escapes_and_the_key() -> None:
    from visiondesk.core.redaction import AnswerScrubber

    scrub = AnswerScrubber([KEY])
    assert scrub("a\tb\r\nc\u0085d\u2028e") == "a\tb\r\nc\u0085d\u2028e"
    assert scrub(f"\x1b]0;t\x07x{KEY}\x9b2J") == "]0;tx[redacted]2J"
    assert scrub("keys look like sk-proj-abcdefghijklmnop") == "keys look like sk-proj-abcdefghijklmnop"
