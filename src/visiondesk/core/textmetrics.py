"""Text comparison measures: edit distance and character error rate (CER).

Used to score OCR output against known text and to compare two answers. Pure Python, no
dependencies, and fast enough for page-sized texts (a few thousand characters); answers from a
server go through ``bounded_character_error_rate``, which declines what would take too long.
"""

from __future__ import annotations

import unicodedata

from visiondesk.core.limits import MAX_CER_CELLS


def levenshtein(a: str, b: str) -> int:
    """The number of single-character insertions, deletions and substitutions from ``a`` to ``b``."""
    a, b = _unshared(a, b)
    if not a:
        return len(b)
    if not b:
        return len(a)
    if len(a) < len(b):
        a, b = b, a  # the row holds the shorter text, so memory is O(min(len))

    previous = list(range(len(b) + 1))
    for i, char_a in enumerate(a, start=1):
        current = [i]
        for j, char_b in enumerate(b, start=1):
            current.append(min(
                previous[j] + 1,  # deletion
                current[j - 1] + 1,  # insertion
                previous[j - 1] + (char_a != char_b),  # substitution (or match)
            ))
        previous = current
    return previous[-1]


def _unshared(a: str, b: str) -> tuple[str, str]:
    """``a`` and ``b`` without their equal head and tail: those cost nothing, and trimming them
    first keeps the quadratic part small for two long texts that differ in a few places."""
    start = 0
    limit = min(len(a), len(b))
    while start < limit and a[start] == b[start]:
        start += 1
    end_a, end_b = len(a), len(b)
    while end_a > start and end_b > start and a[end_a - 1] == b[end_b - 1]:
        end_a -= 1
        end_b -= 1
    return a[start:end_a], b[start:end_b]


def normalize_for_cer(text: str, *, fold_width: bool = False) -> str:
    """``text`` without any whitespace; with ``fold_width``, NFKC-folded as well.

    Whitespace is dropped rather than collapsed because OCR engines disagree about spaces between
    Chinese and Latin text ("合计 Total" versus "合计Total") and line breaks, and neither is a
    misread character. ``fold_width`` makes full-width forms equal their ASCII twins ("：" and
    ":", "１" and "1"), for comparisons where that difference should not count either.
    """
    if fold_width:
        text = unicodedata.normalize("NFKC", text)
    return "".join(text.split())


def character_error_rate(hypothesis: str, reference: str, *, fold_width: bool = False) -> float:
    """Edit distance between the two texts over the reference length, whitespace ignored.

    0.0 is a perfect match. The rate can exceed 1.0 when the hypothesis holds much extra text.
    An empty reference gives 0.0 for an empty hypothesis and 1.0 otherwise (there is no length to
    divide by, and any text at all is wholly wrong).
    """
    return _rate(normalize_for_cer(hypothesis, fold_width=fold_width),
                 normalize_for_cer(reference, fold_width=fold_width))


def bounded_character_error_rate(hypothesis: str, reference: str) -> float | None:
    """``character_error_rate`` for texts from outside (answers run to millions of characters):
    None when the edit distance would walk more than ``MAX_CER_CELLS`` cells, hours in pure
    Python for two long answers that differ throughout."""
    hyp, ref = normalize_for_cer(hypothesis), normalize_for_cer(reference)
    unshared_hyp, unshared_ref = _unshared(hyp, ref)
    if len(unshared_hyp) * len(unshared_ref) > MAX_CER_CELLS:
        return None
    return _rate(hyp, ref)


def _rate(hyp: str, ref: str) -> float:
    if not ref:
        return 0.0 if not hyp else 1.0
    return levenshtein(hyp, ref) / len(ref)
