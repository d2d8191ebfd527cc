"""The agreement view's arithmetic, without Qt: each column's differences from the reference and
its character error rate. Runs in a worker thread (edit distance is quadratic in pure Python).

Texts are compared as a person reads them: Markdown is stripped first, so a table and the same
words as lines agree. ``diff_segments(..., "auto")`` compares Chinese character by character and
prose word by word.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING

from visiondesk.core.text import markdown_to_plain
from visiondesk.core.textdiff import diff_segments
from visiondesk.core.textmetrics import bounded_character_error_rate

if TYPE_CHECKING:
    from visiondesk.core.textdiff import DiffSegment


@dataclass(frozen=True, slots=True)
class ColumnAgreement:
    """How one column's answer differs from the reference."""

    segments: tuple[DiffSegment, ...]
    cer: float | None   # None: the texts are too long and different to measure in time

    @property
    def changed(self) -> int:
        """Number of segments that differ."""
        return sum(1 for s in self.segments if s.op != "equal")


def column_agreement(reference: str, text: str) -> ColumnAgreement:
    ref, plain = markdown_to_plain(reference), markdown_to_plain(text)
    return ColumnAgreement(tuple(diff_segments(ref, plain, "auto")),
                           bounded_character_error_rate(plain, ref))


def agreement(reference: str, texts: Mapping[int, str]) -> dict[int, ColumnAgreement]:
    """``texts`` maps a column key to its answer; the result maps the same keys."""
    return {key: column_agreement(reference, text) for key, text in texts.items()}
