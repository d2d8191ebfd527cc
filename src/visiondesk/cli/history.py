"""``visiondesk history``: list and search past runs, show one, export, delete, clear.

    visiondesk history [--search TEXT] [--model M] [--provider P] [--status S] [--since DATE]
                       [--until DATE] [--limit N] [--offset N] [--json]
    visiondesk history show ID [--json]
    visiondesk history export [--format md|json|csv] [IDS...] [--out FILE] [same filters as the list]
    visiondesk history delete ID...
    visiondesk history clear --yes

Exit status: 0 ok, 1 a run was not found (or the history could not be read), 2 usage error.
Everything printed comes from servers and files, so control characters are taken out first.
"""

from __future__ import annotations

import argparse
import io
import json
import re
import shutil
import sys
import unicodedata
from collections.abc import Sequence
from datetime import datetime, timedelta
from pathlib import Path
from typing import TYPE_CHECKING

from visiondesk.cli.common import EXIT_FAILED, EXIT_OK, UsageError

if TYPE_CHECKING:
    from visiondesk.store.history import History
    from visiondesk.store.records import HistoryFilter, HistoryRecord, HistorySummary

DEFAULT_LIMIT = 20
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u200b-\u200f\u202a-\u202e\u2066-\u2069]")
_RELATIVE = re.compile(r"^(\d+)\s*([dhw])$")


def add_parser(sub: argparse._SubParsersAction[argparse.ArgumentParser],
               parents: Sequence[argparse.ArgumentParser] = ()) -> None:
    """The ``history`` command and its actions; ``parents`` carry options every command takes (-v)."""
    parents = list(parents)
    history = sub.add_parser("history", parents=parents, help="search, show, export and delete past runs",
                             description="Search past runs. Without an action: one line per run, "
                                         "newest first. Exit status 1 when a run is not found.")
    _filter_options(history)
    history.add_argument("--limit", type=int, metavar="N", default=DEFAULT_LIMIT,
                         help=f"rows to show (default {DEFAULT_LIMIT})")
    history.add_argument("--offset", type=int, metavar="N", default=0, help="skip this many rows first")
    history.add_argument("--json", action="store_true", help="one JSON object per run per line")
    actions = history.add_subparsers(dest="action", metavar="ACTION")
    show = actions.add_parser("show", parents=parents, help="print one run in full")
    show.add_argument("id", type=int, help="the run's id (the first column of visiondesk history)")
    show.add_argument("--json", action="store_true", help="print the run as one JSON object")
    export = actions.add_parser("export", parents=parents, help="write runs as Markdown, JSON or CSV")
    export.add_argument("ids", nargs="*", type=int, metavar="ID",
                        help="runs to export (default: every run matching the filters)")
    export.add_argument("--format", choices=["md", "json", "csv"], default="md",
                        help="Markdown, JSON or CSV (default md)")
    export.add_argument("--out", type=Path, metavar="FILE", help="write to FILE instead of stdout")
    _filter_options(export)
    delete = actions.add_parser("delete", parents=parents, help="delete runs")
    delete.add_argument("ids", nargs="+", type=int, metavar="ID", help="ids of the runs to delete")
    clear = actions.add_parser("clear", parents=parents, help="delete every run")
    clear.add_argument("--yes", action="store_true", help="confirm")


def _filter_options(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--search", metavar="TEXT", default="", help="words in the prompt or answer")
    parser.add_argument("--model", metavar="M", help="only this model")
    parser.add_argument("--provider", metavar="NAME", help="only this provider")
    parser.add_argument("--status", metavar="S", help="completed, incomplete, failed, cancelled or invalid")
    parser.add_argument("--since", metavar="DATE", help="YYYY-MM-DD[ HH:MM], or 7d / 12h / 2w ago")
    parser.add_argument("--until", metavar="DATE", help="before this date (a whole day when no time)")


def cmd_history(args: argparse.Namespace) -> int:
    from visiondesk.store.history import History, HistoryError

    history = History()
    action = getattr(args, "action", None)
    try:
        if action == "show":
            code = _show(history, args.id, args.json)
        elif action == "export":
            code = _export(history, args)
        elif action == "delete":
            code = _delete(history, args.ids)
        elif action == "clear":
            code = _clear(history, args.yes)
        else:
            code = _list(history, args)
    except HistoryError as exc:
        print(f"visiondesk: {exc}", file=sys.stderr)
        code = EXIT_FAILED
    if history.moved_aside:
        print(f"visiondesk: the history file was damaged; it was moved to {history.moved_aside} "
              "and a new one was started", file=sys.stderr)
    return code


def parse_date(text: str, end_of_day: bool = False, now: datetime | None = None) -> float:
    """A local date or time (or ``7d``, ``12h``, ``2w`` ago) as Unix time; UsageError when unreadable."""
    value = text.strip()
    relative = _RELATIVE.match(value.lower())
    if relative:
        amount, unit = int(relative.group(1)), relative.group(2)
        delta = {"h": timedelta(hours=amount), "d": timedelta(days=amount),
                 "w": timedelta(weeks=amount)}[unit]
        return ((now or datetime.now().astimezone()) - delta).timestamp()
    try:
        parsed = datetime.fromisoformat(value)
    except ValueError:
        raise UsageError(f"cannot read the date {text!r}; use YYYY-MM-DD, 'YYYY-MM-DD HH:MM' or 7d") from None
    if end_of_day and len(value) <= 10:  # a date alone: up to the end of that day
        parsed += timedelta(days=1)
    return parsed.timestamp()  # naive: local time


def _filters(args: argparse.Namespace) -> HistoryFilter:
    from visiondesk.store.records import HistoryFilter

    return HistoryFilter(
        model=args.model or None, provider=args.provider or None, status=args.status or None,
        since=parse_date(args.since) if args.since else None,
        until=parse_date(args.until, end_of_day=True) if args.until else None,
    )


def _list(history: History, args: argparse.Namespace) -> int:
    if args.limit < 0 or args.offset < 0:
        raise UsageError("--limit and --offset must not be negative")
    rows = history.search(args.search, _filters(args), limit=args.limit, offset=args.offset)
    if args.json:
        for record in history.get_many(row.id for row in rows):
            print(json.dumps(record.to_json(), ensure_ascii=False), flush=False)
        sys.stdout.flush()
        return EXIT_OK
    if not rows:
        print("No runs found.", file=sys.stderr)
        return EXIT_OK
    width = shutil.get_terminal_size((120, 24)).columns
    for line in format_rows(rows, width):
        print(line)
    return EXIT_OK


def format_rows(rows: list[HistorySummary], width: int) -> list[str]:
    """One line per run: id, local time, model, status, first line of prompt -> answer."""
    id_width = max(len(str(row.id)) for row in rows)
    model_width = min(max(display_width(clean(row.model)) for row in rows), 28)
    lines = []
    for row in rows:
        when = datetime.fromtimestamp(row.created_at).strftime("%Y-%m-%d %H:%M")
        answer = first_line(row.text) or first_line(row.error_message or "")
        gist = first_line(row.prompt)
        if answer:
            gist = f"{gist} → {answer}" if gist else answer
        head = (f"{row.id:>{id_width}}  {when}  {pad(truncate(clean(row.model), model_width), model_width)}"
                f"  {pad(row.status or '-', 10)}  ")
        lines.append(truncate(f"{head}{gist}", max(width - 1, 40)))
    return lines


def _show(history: History, run_id: int, as_json: bool) -> int:
    record = history.get(run_id)
    if record is None:
        print(f"visiondesk: no run with id {run_id} in the history", file=sys.stderr)
        return EXIT_FAILED
    if as_json:
        print(json.dumps(record.to_json(), ensure_ascii=False))
    else:
        sys.stdout.write(format_record(record))
    return EXIT_OK


def format_record(record: HistoryRecord) -> str:
    """The whole run, for a person to read."""
    model = f"{record.model} ({record.api})" if record.api else record.model
    facts: list[tuple[str, str]] = [("Provider", record.provider), ("Model", model),
                                    ("Status", record.status or "unknown")]
    for i, source in enumerate(record.sources):
        extra = [source.content_hash] if source.content_hash else []
        if source.thumbnail:
            extra.append(f"thumbnail {len(source.thumbnail) / 1024:.1f} KB {source.thumbnail_mime}")
        described = source.location + (f"  ({', '.join(extra)})" if extra else "")
        facts.append(("Sources" if i == 0 else "", described))
    if record.options:
        facts.append(("Options", json.dumps(record.options, ensure_ascii=False)))
    usage = record.usage or {}
    tokens = [f"{usage[k]} {label}" for k, label in (("input_tokens", "in"), ("output_tokens", "out"),
              ("reasoning_tokens", "reasoning"), ("cached_tokens", "cached"), ("total_tokens", "total"))
              if usage.get(k) is not None]
    if tokens:
        facts.append(("Tokens", ", ".join(tokens)))
    if record.total_ms is not None:
        first = (f"{record.first_token_ms:.0f} ms to first token, "
                 if record.first_token_ms is not None else "")
        facts.append(("Time", f"{first}{record.total_ms:.0f} ms total"))
    if record.cost is not None:
        facts.append(("Cost", f"{record.cost:.6g} {record.currency or ''}".rstrip()))
    if record.thread_id:
        facts.append(("Thread", f"{record.thread_id}, turn {record.turn_index}"))
    if record.comparison_id:
        facts.append(("Comparison", record.comparison_id))
    if record.error_kind or record.error_message:
        facts.append(("Error", f"{record.error_kind or 'error'}: {record.error_message or ''}".rstrip(": ")))
    when = datetime.fromtimestamp(record.created_at).astimezone().strftime("%Y-%m-%d %H:%M:%S %z")
    out = [f"Run {record.id} · {when}"]
    out += [f"{label + ':' if label else '':<12}{clean(value)}" for label, value in facts]
    for title, body in (("System prompt", record.system_prompt), ("Prompt", record.prompt),
                        ("Reasoning", record.reasoning), ("Answer", record.text)):
        if body:
            out += ["", f"{title}:", clean(body, keep_newlines=True).rstrip()]
    return "\n".join(out) + "\n"


def _export(history: History, args: argparse.Namespace) -> int:
    from visiondesk.store.export import write_export

    code = EXIT_OK
    ids = list(dict.fromkeys(args.ids)) if args.ids else history.ids(args.search, _filters(args))
    records = history.iter_records(ids)
    if args.out:
        with args.out.open("w", encoding="utf-8", newline="") as out:
            count = write_export(records, args.format, out)
        print(f"Exported {count} run{'s' if count != 1 else ''} to {args.out}", file=sys.stderr)
    else:
        sys.stdout.flush()
        stream = io.TextIOWrapper(sys.stdout.buffer, encoding="utf-8", newline="")
        try:
            count = write_export(records, args.format, stream)
        finally:
            stream.flush()
            stream.detach()  # sys.stdout keeps its buffer
    if args.ids and count < len(ids):
        found = {r.id for r in history.get_many(ids)}
        missing = ", ".join(str(i) for i in ids if i not in found)
        print(f"visiondesk: no run with id {missing} in the history", file=sys.stderr)
        code = EXIT_FAILED
    return code


def _delete(history: History, ids: list[int]) -> int:
    deleted = set(history.delete(ids))
    print(f"Deleted {len(deleted)} run{'s' if len(deleted) != 1 else ''}.")
    missing = [str(i) for i in dict.fromkeys(ids) if i not in deleted]
    if missing:
        print(f"visiondesk: no run with id {', '.join(missing)} in the history", file=sys.stderr)
        return EXIT_FAILED
    return EXIT_OK


def _clear(history: History, confirmed: bool) -> int:
    if not confirmed:
        raise UsageError("history clear deletes every run; add --yes to confirm")
    count = history.clear()
    print(f"Deleted {count} run{'s' if count != 1 else ''}.")
    return EXIT_OK


# -- text that fits a terminal ----------------------------------------------------------------------

def clean(text: str, keep_newlines: bool = False) -> str:
    """Text safe for a terminal: no escape sequences, no bidi overrides; tabs become spaces."""
    if keep_newlines:
        text = text.replace("\r\n", "\n")
        return "\n".join(_CONTROL.sub("", line).replace("\t", "    ") for line in text.split("\n"))
    return _CONTROL.sub("", text.replace("\t", " ").replace("\n", " ").replace("\r", " "))


def first_line(text: str) -> str:
    for line in text.splitlines():
        line = clean(line).strip()
        if line:
            return line
    return ""


def char_width(char: str) -> int:
    if unicodedata.combining(char):
        return 0
    return 2 if unicodedata.east_asian_width(char) in ("W", "F") else 1


def display_width(text: str) -> int:
    return sum(char_width(c) for c in text)


def truncate(text: str, width: int) -> str:
    """``text`` cut to ``width`` terminal columns (a Chinese character takes two), with "…"."""
    if display_width(text) <= width:
        return text
    used, out = 0, []
    for char in text:
        w = char_width(char)
        if used + w > width - 1:
            break
        out.append(char)
        used += w
    return "".join(out) + "…"


def pad(text: str, width: int) -> str:
    return text + " " * max(width - display_width(text), 0)
