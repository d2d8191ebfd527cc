"""Differences between two answers, for the agreement view of a comparison.

Chinese and Japanese text has no spaces between words, so it is compared character by character;
prose in alphabetic scripts reads better compared word by word.
"""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass
from typing import Literal

Granularity = Literal["auto", "char", "word"]
_CJK = re.compile(r"[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\uac00-\ud7af]")
_WORDS = re.compile(r"\s+|\w+|[^\w\s]")


@dataclass(frozen=True, slots=True)
class DiffSegment:
    """One stretch of the comparison: ``equal``, ``insert`` (only in the text), ``delete`` (only
    in the reference) or ``replace`` (``reference`` became ``text``)."""

    op: str
    reference: str
    text: str


def has_cjk(text: str, threshold: float = 0.1) -> bool:
    """True when at least ``threshold`` of the non-space characters are CJK."""
    letters = [c for c in text if not c.isspace()]
    if not letters:
        return False
    return sum(1 for c in letters if _CJK.match(c)) / len(letters) >= threshold


def _tokens(text: str, granularity: str) -> list[str]:
    return list(text) if granularity == "char" else _WORDS.findall(text)


def diff_segments(reference: str, text: str, granularity: Granularity = "auto") -> list[DiffSegment]:
    if granularity == "auto":
        granularity = "char" if has_cjk(reference + text) else "word"
    ref_tokens, text_tokens = _tokens(reference, granularity), _tokens(text, granularity)
    matcher = difflib.SequenceMatcher(None, ref_tokens, text_tokens, autojunk=False)
    segments = []
    for op, i1, i2, j1, j2 in matcher.get_opcodes():
        reference_part, text_part = "".join(ref_tokens[i1:i2]), "".join(text_tokens[j1:j2])
        if op != "equal" and not reference_part.strip() and not text_part.strip():
            op = "equal"  # a line break against a space is layout, not a misread (CER agrees)
        segments.append(DiffSegment(op, reference_part, text_part))
    return segments
