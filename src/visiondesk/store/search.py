"""How a search text and filters become SQL over the history file.

The text is split into terms (whitespace separates them; ``"two words"`` is one term); a run
matches when every term is in its prompt or its answer, case-insensitively.
- Terms of three or more characters go to the FTS5 trigram index, which finds them anywhere,
  also inside a run of Chinese characters ("发票" in "增值税发票", "增值税" in "这是一张增值税发票").
- One- and two-character terms cannot use trigrams; they are matched with LIKE. Alone (no longer
  term to narrow the rows first), that scan is bounded to the newest ``SHORT_QUERY_WINDOW`` runs so
  a search never takes long, however large the history grows.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from visiondesk.store.records import HistoryFilter

SHORT_QUERY_WINDOW = 50_000
MIN_TRIGRAM_TERM = 3
SNIPPET_CHARS = 300

SUMMARY_COLUMNS = (
    "a.id, a.created_at, a.provider, a.model, a.status,"
    f" substr(coalesce(a.prompt, ''), 1, {SNIPPET_CHARS}), substr(coalesce(a.text, ''), 1, {SNIPPET_CHARS}),"
    " a.source, a.error_message, a.cost, a.currency, a.thread_id, a.comparison_id,"
    " EXISTS (SELECT 1 FROM analysis_sources s WHERE s.analysis_id = a.id AND s.position = 0"
    " AND s.thumbnail IS NOT NULL)"
)

_TERM = re.compile(r'"([^"]*)"|(\S+)')


@dataclass(slots=True)
class SqlQuery:
    """``FROM ... WHERE ...`` for the matching runs of table alias ``a``, with its parameters."""

    from_where: str
    params: list[object] = field(default_factory=list)
    order_by: str = "ORDER BY a.id DESC"  # newest first


def split_terms(query: str) -> list[str]:
    terms = [quoted or bare for quoted, bare in _TERM.findall(query or "")]
    return [term for term in (t.strip() for t in terms) if term]


def _like_pattern(term: str) -> str:
    escaped = term.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    return f"%{escaped}%"


def _fts_phrase(term: str) -> str:
    return '"' + term.replace('"', '""') + '"'


def build(query: str, filters: HistoryFilter | None, has_fts: bool) -> SqlQuery:
    """The rows matching ``query`` (may be empty) and ``filters``."""
    filters = filters or HistoryFilter()
    terms = split_terms(query)
    long_terms = [t for t in terms if has_fts and len(t) >= MIN_TRIGRAM_TERM]
    short_terms = [t for t in terms if t not in long_terms]
    where: list[str] = []
    params: list[object] = []
    if long_terms:
        # CROSS JOIN keeps the index as the outer loop: SQLite would otherwise walk a filter's index
        # and run one full-text query per row. The index hands out rowids newest first by itself, so
        # a first page stops after 100 hits instead of sorting every match.
        sql = "FROM analyses_fts f CROSS JOIN analyses a ON a.id = f.rowid"
        order_by = "ORDER BY f.rowid DESC"
        where.append("analyses_fts MATCH ?")
        params.append(" AND ".join(_fts_phrase(t) for t in long_terms))
    else:
        sql, order_by = "FROM analyses a", "ORDER BY a.id DESC"
        if short_terms:
            where.append(f"a.id > (SELECT coalesce(max(id), 0) FROM analyses) - {SHORT_QUERY_WINDOW}")
    for term in short_terms:
        where.append("(a.prompt LIKE ? ESCAPE '\\' OR a.text LIKE ? ESCAPE '\\')")
        pattern = _like_pattern(term)
        params += [pattern, pattern]
    for column, value, op in (
        ("a.model", filters.model, "= ? COLLATE NOCASE"),
        ("a.provider", filters.provider, "= ? COLLATE NOCASE"),
        ("a.status", filters.status, "= ?"),
        ("a.created_at", filters.since, ">= ?"),
        ("a.created_at", filters.until, "< ?"),
        ("a.thread_id", filters.thread_id, "= ?"),
        ("a.comparison_id", filters.comparison_id, "= ?"),
    ):
        if value is not None and value != "":
            where.append(f"{column} {op}")
            params.append(value)
    if where:
        sql += " WHERE " + " AND ".join(where)
    return SqlQuery(sql, params, order_by)
