"""What a run cost, from the model's prices per million tokens: computed once, by the session.

The window and the command line both read ``AnalysisResult.cost``; neither computes its own.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from visiondesk.core.usage import Usage

DEFAULT_CURRENCY = "USD"
CURRENCY_SYMBOLS = {"USD": "$", "CNY": "¥", "EUR": "€", "GBP": "£", "JPY": "¥"}


@dataclass(frozen=True, slots=True)
class Cost:
    amount: float
    currency: str = DEFAULT_CURRENCY

    def format(self) -> str:
        """``$0.0123``, ``¥0.0800``; unknown currencies by code (``0.0100 HKD``)."""
        symbol = CURRENCY_SYMBOLS.get(self.currency)
        return f"{symbol}{self.amount:.4f}" if symbol else f"{self.amount:.4f} {self.currency}"

    def to_json(self) -> dict[str, object]:
        return {"amount": round(self.amount, 6), "currency": self.currency}


def estimate_cost(usage: Usage, price_input: float | None, price_output: float | None,
                  currency: str = DEFAULT_CURRENCY) -> Cost | None:
    """The cost of ``usage``; None when no price is set, a count is unknown, or tokens were used
    on a side whose price is unknown (a guess would read as a fact).

    Reasoning tokens are billed as output tokens and are already inside ``output_tokens``.
    """
    if price_input is None and price_output is None:
        return None
    amount = 0.0
    for tokens, price in ((usage.input_tokens, price_input), (usage.output_tokens, price_output)):
        if tokens is None:
            return None
        if tokens == 0:
            continue
        if price is None:
            return None
        amount += tokens * price / 1_000_000
    return Cost(amount, currency)
