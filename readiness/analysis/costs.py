"""Cost totals from a document's cost items, and an effort-based estimate where money is not stated."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

from readiness.model import Assessment, CostItem
from readiness.analysis.plan import COORDINATION_OVERHEAD, Stage, plan_length, stages

# How many times a cost is paid in a month and in a year, by its recurrence.
PER_MONTH = {"once": 1.0, "monthly": 1.0, "yearly": 1 / 12}
PER_YEAR = {"once": 1.0, "monthly": 12.0, "yearly": 1.0}
DEFAULT_DAY_RATE = 800.0
# The team an effort-based estimate assumes until someone says otherwise: the Costs page's default
# and the Present slide's figure, so that one estimate gives one figure everywhere.
DEFAULT_TEAM_SIZE = 2
DEFAULT_CURRENCY = "USD"


@dataclass(frozen=True)
class CostTotals:
    """One-off, first-month and first-year totals as (low, high) in one currency."""

    currency: str
    one_off: tuple[float, float]
    monthly: tuple[float, float]
    first_month: tuple[float, float]
    first_year: tuple[float, float]
    left_out: tuple[str, ...]  # items in another currency, not added up


def main_currency(items: list[CostItem]) -> str | None:
    """The currency most cost items use."""
    return Counter(c.currency for c in items).most_common(1)[0][0] if items else None


def cost_totals(doc: Assessment) -> CostTotals | None:
    """The document's costs added up, or None when it states none."""
    currency = main_currency(doc.costs)
    if currency is None:
        return None
    used = [c for c in doc.costs if c.currency == currency]

    def total(weights: dict[str, float], kinds: tuple[str, ...]) -> tuple[float, float]:
        chosen = [c for c in used if c.recurrence in kinds]
        return (sum(c.min * weights[c.recurrence] for c in chosen),
                sum(c.max * weights[c.recurrence] for c in chosen))

    everything = ("once", "monthly", "yearly")
    return CostTotals(
        currency=currency,
        one_off=total(PER_MONTH, ("once",)),
        monthly=total(PER_MONTH, ("monthly", "yearly")),
        first_month=total(PER_MONTH, everything),
        first_year=total(PER_YEAR, everything),
        left_out=tuple(f"{c.name} ({c.currency})" for c in doc.costs if c.currency != currency),
    )


@dataclass(frozen=True)
class EffortEstimate:
    """What the plan's work costs with a team: days x people x day rate."""

    people: int
    day_rate: float
    currency: str
    days: tuple[float, float]
    cost: tuple[float, float]


def effort_estimate(work: list[Stage], *, people: int, day_rate: float, currency: str = DEFAULT_CURRENCY,
                    overhead: float = COORDINATION_OVERHEAD) -> EffortEstimate | None:
    """The plan's length with `people` (see readiness.analysis.plan.TEAM_RULE) times people times the day rate."""
    if not work:
        return None
    days = plan_length(work, people, overhead)
    return EffortEstimate(people=people, day_rate=day_rate, currency=currency, days=days,
                          cost=(days[0] * people * day_rate, days[1] * people * day_rate))


def estimate_for(doc: Assessment, *, people: int, day_rate: float,
                 currency: str = DEFAULT_CURRENCY) -> EffortEstimate | None:
    """effort_estimate for a document's plan (or its findings' efforts)."""
    return effort_estimate(stages(doc), people=people, day_rate=day_rate, currency=currency)


def team_curve(work: list[Stage], sizes: range,
               overhead: float = COORDINATION_OVERHEAD) -> list[tuple[int, float, float]]:
    """(people, low days, high days) for each team size."""
    return [(n, *plan_length(work, n, overhead)) for n in sizes]


def money(value: float, currency: str) -> str:
    """12500 -> '12,500 USD'."""
    return f"{value:,.0f} {currency}"


def short_money(value: float) -> str:
    """12500 -> '12.5K', 15850 -> '15.9K', 2300000 -> '2.3M': three significant figures, halves rounded up.

    Rounding is done in decimal: in binary 15.85 is 15.8499..., which '{:.3g}' would print as 15.8.
    """
    exact = Decimal(repr(float(value)))
    if abs(exact) < 1000:
        return f"{value:,.0f}"
    rounded = exact.quantize(Decimal(1).scaleb(exact.adjusted() - 2), rounding=ROUND_HALF_UP)
    for size, suffix in ((10**6, "M"), (10**3, "K")):
        if abs(rounded) >= size:
            return f"{(rounded / size).normalize():f}{suffix}"
    return f"{value:,.0f}"


def short_range(low: float, high: float, currency: str) -> str:
    """'25.3K-31.7K USD', or one figure when both ends agree."""
    if short_money(low) == short_money(high):
        return f"{short_money(low)} {currency}".strip()
    return f"{short_money(low)}-{short_money(high)} {currency}".strip()


def money_range(low: float, high: float, currency: str) -> str:
    """A range of money in words: '12,000-18,000 USD', or one figure when both ends agree."""
    if round(low) == round(high):
        return money(low, currency)
    return f"{low:,.0f}-{high:,.0f} {currency}"


def days_range(low: float, high: float, unit: str = "working days") -> str:
    """'10.5-12 working days', or one figure when both ends agree."""
    if abs(low - high) < 0.05:
        return f"{low:.1f} {unit}".replace(".0 ", " ")
    return f"{low:.1f}-{high:.1f} {unit}".replace(".0-", "-").replace(".0 ", " ")
