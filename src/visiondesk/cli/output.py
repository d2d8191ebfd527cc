"""What ``analyze`` prints: live text, blocks, JSON lines, closing lines and comparison tables."""

from __future__ import annotations

import json
import logging
import sys
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from visiondesk.core.events import Event
    from visiondesk.core.result import AnalysisResult

log = logging.getLogger(__name__)


class Printer:
    """Output of ``analyze``: live text for a single job, blocks for several, or JSON lines."""

    def __init__(self, json_lines: bool, live: bool, quiet: bool = False,
                 provider_id: str = "NAME", key_settable: bool = True) -> None:
        self.provider_id = provider_id  # for hints that name a command
        self.key_settable = key_settable  # False: the key can only come from the environment
        self.json_lines = json_lines
        self.live = live and not json_lines
        self.quiet = quiet  # --compare: the table says it all
        self._reasoning_open = False

    def event(self, result: AnalysisResult, event: Event) -> None:
        from visiondesk.core.events import Notice, ReasoningDelta, TextDelta

        if isinstance(event, Notice):  # stderr, so --json output stays pure
            print(f"[{result.model}] {event.message}", file=sys.stderr, flush=True)
        if not self.live:
            return
        if isinstance(event, ReasoningDelta):
            sys.stderr.write(event.text)
            sys.stderr.flush()
            self._reasoning_open = True
        elif isinstance(event, TextDelta):
            if self._reasoning_open:
                sys.stderr.write("\n")
                self._reasoning_open = False
            sys.stdout.write(event.text)
            sys.stdout.flush()

    def finished(self, result: AnalysisResult) -> None:
        if self.json_lines:
            print(json_line(result.to_json()), flush=True)
            return
        if self.quiet:
            pass
        elif self.live:
            if result.text and not result.text.endswith("\n"):
                sys.stdout.write("\n")
        else:
            print(f"==> {result.source} · {result.model} ({result.provider})", flush=True)
            if result.reasoning:
                print(result.reasoning, file=sys.stderr)
            if result.text:
                print(result.text.rstrip("\n"))
        sys.stdout.flush()
        if result.error is not None:
            from visiondesk.cli.hints import cli_hint

            print(f"[{result.model}] error ({result.error.kind}): {result.error}", file=sys.stderr)
            hint = cli_hint(result.error, self.provider_id, key_settable=self.key_settable)
            if hint:
                print(f"[{result.model}] {hint}", file=sys.stderr)
        print(f"[{result.model}] {summary_line(result)}", file=sys.stderr, flush=True)


def print_comparison(results: list[AnalysisResult], reference: str | None) -> None:
    from visiondesk.core.compare import comparison_row, format_table, ranking

    sources = list(dict.fromkeys(r.source for r in results))
    for source in sources:
        group = [r for r in results if r.source == source]
        rows = [comparison_row(result, result.cost, reference) for result in group]
        if len(sources) > 1:
            print(f"\n{source}")
        print(format_table(rows, with_cer=reference is not None))
        fastest = ranking(rows, "total_ms")[0]
        if fastest.status == "completed":
            best = [f"fastest {fastest.model}"]
            if reference is not None:
                best.append(f"most accurate {ranking(rows, 'cer')[0].model}")
            print("  " + ", ".join(best))


# Unicode line separators are legal inside JSON strings but break consumers that split lines
# with str.splitlines(); escaping them keeps one result per line for every reader.
_LINE_SEPARATORS = str.maketrans({"\u2028": "\\u2028", "\u2029": "\\u2029", "\u0085": "\\u0085"})


def json_line(data: object) -> str:
    return json.dumps(data, ensure_ascii=False).translate(_LINE_SEPARATORS)


def summary_line(result: AnalysisResult) -> str:
    """``completed · 935 in / 538 out (192 reasoning) tokens · first token 0.41 s · total 2.3 s``."""
    usage = result.usage
    parts = [str(result.status or "unknown")]
    if usage.input_tokens is not None or usage.output_tokens is not None:
        tokens = f"{usage.input_tokens if usage.input_tokens is not None else '?'} in / " \
                 f"{usage.output_tokens if usage.output_tokens is not None else '?'} out"
        if usage.reasoning_tokens:
            tokens += f" ({usage.reasoning_tokens} reasoning)"
        parts.append(tokens + " tokens")
    if result.first_token_ms is not None:
        parts.append(f"first token {result.first_token_ms / 1000:.2f} s")
    if result.total_ms is not None:
        parts.append(f"total {result.total_ms / 1000:.2f} s")
    sent = result.sent_image
    if sent:
        kilobytes = int(str(sent["bytes"])) // 1024
        parts.append(f"sent {sent['width']}×{sent['height']} {sent['mime']} {kilobytes} KB")
    return " · ".join(parts)


