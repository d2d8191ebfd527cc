"""Differences between two answers, for the agreement view of a comparison.

Chinese and Japanese text has no spaces between words, so it is compared character by character;
prose in alphabetic scripts reads better compared word by word.
"""

from __future__ import annotations

import difflib
import re
from collections import Counter
from dataclasses import dataclass
from typing import Literal

from visiondesk.core.limits import MAX_DIFF_PAIRS

Granularity = Literal["auto", "char", "word"]
_CJK = re.compile(r"[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\uac00-\ud7af]")
# A token (a word or one punctuation mark; one character for "char") and the whitespace after
# it; whitespace before the text's first token goes with that token.
_WORD_TOKEN = re.compile(r"\s*(\w+|[^\w\s])(\s*)")
_CHAR_TOKEN = re.compile(r"\s*(\S)(\s*)")
# A sentence: up to a line break or a full stop (Chinese or Latin), with the whitespace after.
_SENTENCE = re.compile(r"[^\n。！？!?.]*(?:[\n。！？!?.]+\s*|$)")


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


def _tokens(text: str, granularity: str) -> tuple[list[str], list[str]]:
    """The text cut into tokens, each with the whitespace after it, and the keys they are
    matched by (the token without its whitespace: layout is not a misread).

    Whitespace rides along with the token before it rather than standing as a token of its own:
    a space is a third of an English text's tokens, and matching every one against every other
    made a 4,000-word comparison take seconds in the worker (holding the GIL, so the window
    stuttered); it now takes ~0.2 s."""
    pattern = _CHAR_TOKEN if granularity == "char" else _WORD_TOKEN
    originals: list[str] = []
    keys: list[str] = []
    end = 0
    for match in pattern.finditer(text):
        originals.append(match.group(0))
        keys.append(match.group(1))
        end = match.end()
    if end < len(text):  # a text of whitespace only
        originals.append(text[end:])
        keys.append("")
    return originals, keys


def diff_segments(reference: str, text: str, granularity: Granularity = "auto") -> list[DiffSegment]:
    """The differences between ``reference`` and ``text``; joined, the segments' ``reference``
    and ``text`` give back both texts exactly.

    Sentences are matched first, then the words (or characters) of the sentences that differ:
    a token diff costs the square of what it compares, so 20,000 characters of Chinese compared
    whole took seconds; sentence by sentence they take a fraction of that."""
    if granularity == "auto":
        granularity = "char" if has_cjk(reference + text) else "word"
    ref_sentences, text_sentences = _sentences(reference), _sentences(text)
    segments: list[DiffSegment] = []
    for op, i1, i2, j1, j2 in _blocks([_squeezed(s) for s in ref_sentences],
                                      [_squeezed(s) for s in text_sentences]):
        reference_part, text_part = "".join(ref_sentences[i1:i2]), "".join(text_sentences[j1:j2])
        if op == "equal":
            _add(segments, DiffSegment("equal", reference_part, text_part))
        else:
            for segment in _token_diff(reference_part, text_part, granularity):
                _add(segments, segment)
    return segments


Block = tuple[str, int, int, int, int]   # difflib's opcode: op, a[i1:i2], b[j1:j2]


def _blocks(a: list[str], b: list[str]) -> list[Block]:
    """The opcodes that turn ``a`` into ``b``. An equal head and tail are set aside first (two
    long answers that agree in most places stay cheap); what lies between is searched only when
    its pairs of equal tokens, which the search walks, are within ``MAX_DIFF_PAIRS``, else it
    is one difference (a hostile answer of one word repeated a million times)."""
    limit = min(len(a), len(b))
    head = 0
    while head < limit and a[head] == b[head]:
        head += 1
    tail = 0
    while tail < limit - head and a[-1 - tail] == b[-1 - tail]:
        tail += 1
    end_a, end_b = len(a) - tail, len(b) - tail
    blocks: list[Block] = [("equal", 0, head, 0, head)] if head else []
    if end_a > head and end_b > head and _equal_pairs(a[head:end_a], b[head:end_b]) <= MAX_DIFF_PAIRS:
        matcher = difflib.SequenceMatcher(None, a[head:end_a], b[head:end_b], autojunk=False)
        blocks += [(op, i1 + head, i2 + head, j1 + head, j2 + head)
                   for op, i1, i2, j1, j2 in matcher.get_opcodes()]
    elif end_a > head or end_b > head:
        op = "replace" if end_a > head and end_b > head else "delete" if end_a > head else "insert"
        blocks.append((op, head, end_a, head, end_b))
    if tail:
        blocks.append(("equal", end_a, len(a), end_b, len(b)))
    return blocks


def _equal_pairs(a: list[str], b: list[str]) -> int:
    in_b = Counter(b)
    return sum(count * in_b[token] for token, count in Counter(a).items())


def _sentences(text: str) -> list[str]:
    return [match.group(0) for match in _SENTENCE.finditer(text) if match.group(0)]


def _squeezed(sentence: str) -> str:
    return "".join(sentence.split())  # spacing is layout, not a misread


def _add(segments: list[DiffSegment], segment: DiffSegment) -> None:
    """Append ``segment``, joined with the one before when both are equal stretches."""
    if segments and segment.op == "equal" and segments[-1].op == "equal":
        last = segments[-1]
        segments[-1] = DiffSegment("equal", last.reference + segment.reference, last.text + segment.text)
    elif segment.reference or segment.text:
        segments.append(segment)


def _token_diff(reference: str, text: str, granularity: str) -> list[DiffSegment]:
    (ref_tokens, ref_keys), (text_tokens, text_keys) = (_tokens(reference, granularity),
                                                        _tokens(text, granularity))
    segments = []
    for op, i1, i2, j1, j2 in _blocks(ref_keys, text_keys):
        reference_part, text_part = "".join(ref_tokens[i1:i2]), "".join(text_tokens[j1:j2])
        if op != "equal" and not reference_part.strip() and not text_part.strip():
            op = "equal"  # a line break against a space is layout, not a misread (CER agrees)
        if op == "equal":
            segments.append(DiffSegment(op, reference_part, text_part))
            continue
        # Only the words differ: the whitespace after them stands beside, unmarked.
        reference_core, text_core = reference_part.rstrip(), text_part.rstrip()
        segments.append(DiffSegment(op, reference_core, text_core))
        if reference_core != reference_part or text_core != text_part:
            segments.append(DiffSegment("equal", reference_part[len(reference_core):],
                                        text_part[len(text_core):]))
    return segments
