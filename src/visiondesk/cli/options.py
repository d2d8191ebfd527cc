"""Options several commands share, defined once so ``analyze`` and ``batch`` (and the others)
cannot drift apart in names, checks or help text."""

from __future__ import annotations

import argparse
from pathlib import Path

from visiondesk.cli import numbers
from visiondesk.session.plan import DEFAULT_PROMPT

API_CHOICES = ["auto", "chat", "responses"]


def provider_options(parser: argparse.ArgumentParser) -> None:
    """``--provider`` or ``--base-url`` (one or the other)."""
    group = parser.add_mutually_exclusive_group()
    group.add_argument("--provider", metavar="NAME",
                       help="provider name or id (default: the default one; see: visiondesk providers list)")
    group.add_argument("--base-url", metavar="URL",
                       help="an ad-hoc OpenAI-compatible base URL; key from VISIONDESK_API_KEY")


def model_option(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--model", action="append", default=[], metavar="M",
                        help="model id; repeat to ask several (default: the provider's first)")


def prompt_options(parser: argparse.ArgumentParser) -> None:
    """The question (``--prompt`` or ``--prompt-file``) and the system prompt."""
    prompt = parser.add_mutually_exclusive_group()
    prompt.add_argument("--prompt", metavar="TEXT", help=f"the question (default: {DEFAULT_PROMPT!r})")
    prompt.add_argument("--prompt-file", type=Path, metavar="FILE", help="read the prompt from a UTF-8 file")
    parser.add_argument("--system", metavar="TEXT", help="system prompt")


def request_options(parser: argparse.ArgumentParser) -> None:
    """How each request is made: wire API, streaming, length, sampling, image size, timeout."""
    parser.add_argument("--api", choices=API_CHOICES,
                        help="wire API (default: the provider's; auto tries Responses, then Chat)")
    parser.add_argument("--no-stream", action="store_true", help="ask for each answer whole, at once")
    parser.add_argument("--max-tokens", type=numbers.MAX_TOKENS, metavar="N",
                        help="at most N tokens in an answer (a positive whole number)")
    parser.add_argument("--temperature", type=numbers.TEMPERATURE, metavar="T",
                        help="sampling temperature, 0 to 2 (default: the server's)")
    parser.add_argument("--detail", choices=["auto", "low", "high"], default="auto",
                        help="image detail the model should use (default auto)")
    parser.add_argument("--max-side", type=numbers.MAX_SIDE, metavar="PX",
                        help="downscale images to fit PX pixels, 64 to 16384 (default 2048)")
    parser.add_argument("--timeout", type=numbers.TIMEOUT, metavar="SECONDS",
                        help="read timeout in seconds, more than 0 (default 300)")


def schema_option(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--schema", type=Path, metavar="SCHEMA.json",
                        help="ask for JSON fitting this JSON Schema; answers are validated "
                             "(status 'invalid' when they do not fit)")
