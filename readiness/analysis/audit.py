"""audit_claims: every total or claim a document states, checked against its own numbers."""

from __future__ import annotations

import math
from collections import defaultdict

from readiness.analysis.costs import cost_totals
from readiness.model import Assessment, AuditCheck, Duration
from readiness.analysis.scores import computed_overall


def _decimals(value: float) -> int:
    text = f"{value:g}"
    return len(text.split(".")[1]) if "." in text else 0


def _norm(name: str | None) -> str:
    return (name or "").strip().casefold()


def check_overall(doc: Assessment) -> list[AuditCheck]:
    """The stated overall score against the (weighted) mean of the category scores."""
    if doc.overall is None or not doc.categories:
        return []
    computed_pct, how = computed_overall(doc)
    scale = doc.overall.max
    computed = computed_pct * scale / 100
    # "Within rounding": half a unit of the stated precision, and never less than 1% of the scale.
    tolerance = max(0.5 * 10 ** -_decimals(doc.overall.score), scale / 100) + 1e-9
    ok = abs(computed - doc.overall.score) <= tolerance
    stated = doc.overall.score
    message = (f"stated {stated:g}/{scale:g}; the categories give {computed:.3g}/{scale:g} ({how})"
               + ("" if ok else f" (off by {abs(computed - stated):.3g})"))
    return [AuditCheck(check="overall", subject="Overall score", stated=stated,
                       computed=round(computed, 4), ok=ok, message=message)]


def check_checklists(doc: Assessment) -> list[AuditCheck]:
    """Each group's stated "% complete" against its ticked items, within one item's worth."""
    if not doc.stated_totals.checklist:
        return []
    groups: dict[str, list[bool]] = defaultdict(list)
    for item in doc.checklist:
        groups[_norm(item.category)].append(item.done)
    checks = []
    for claim in doc.stated_totals.checklist:
        items = groups.get(_norm(claim.category))
        if not items:
            continue
        done, total = sum(items), len(items)
        computed = 100.0 * done / total
        slack = 100.0 / total
        ok = abs(computed - claim.percent) <= slack + 1e-9
        message = (f"'{claim.category}' states {claim.percent:g}% complete; {done} of {total} items "
                   f"are ticked ({computed:.0f}%)"
                   + ("" if ok else f", more than one item's worth ({slack:.0f} points) apart"))
        checks.append(AuditCheck(check="checklist", subject=claim.category, stated=claim.percent,
                                 computed=round(computed, 2), ok=ok, message=message))
    return checks


def _within(stated: float, computed: float) -> bool:
    # Totals are usually rounded to two or three significant digits ("$15.9K"): allow 1%.
    return abs(stated - computed) <= max(0.01 * abs(stated), 0.05) + 1e-9


def check_cost_total(doc: Assessment) -> list[AuditCheck]:
    """A stated cost total against one-off plus first-month recurring costs."""
    stated = doc.stated_totals.cost_total
    if stated is None or not doc.costs:
        return []
    low, high = cost_totals(doc).first_month
    ok = _within(stated.min, low) and _within(stated.max, high)
    message = (f"stated total {stated.min:,.0f}-{stated.max:,.0f} {stated.currency}; the cost items give "
               f"{low:,.0f}-{high:,.0f} (one-off plus one month of recurring)")
    return [AuditCheck(check="cost_total", subject="Cost total", stated=(stated.min, stated.max),
                       computed=(round(low, 2), round(high, 2)), ok=ok, message=message)]


def _sum_durations(durations: list[Duration], unit: str) -> tuple[float, float]:
    probe = Duration(min=1, max=1, unit=unit)
    per_hour = 1 / probe.hours()[0]
    low = sum(d.hours()[0] for d in durations) * per_hour
    high = sum(d.hours()[1] for d in durations) * per_hour
    return low, high


def _duration_check(check: str, subject: str, stated: Duration, parts: list[Duration], what: str) -> AuditCheck:
    """A stated duration total against the sum of its parts, in the stated unit."""
    low, high = _sum_durations(parts, stated.unit)
    ok = _within(stated.min, low) and _within(stated.max, high)
    message = (f"stated {_range(stated.min, stated.max)} {stated.unit} for {what}; they add up to "
               f"{_range(low, high)} {stated.unit}")
    return AuditCheck(check=check, subject=subject, stated=(stated.min, stated.max),
                      computed=(round(low, 2), round(high, 2)), ok=ok, message=message)


def check_effort_total(doc: Assessment) -> list[AuditCheck]:
    """A stated effort total against the plan's phases (or, without phases, the findings' efforts)."""
    stated = doc.stated_totals.effort_total
    if stated is None:
        return []
    if doc.phases:
        parts = [Duration(min=p.duration_days, max=p.duration_days, unit="days") for p in doc.phases]
        what = "the phases"
    else:
        parts = [f.effort for f in doc.findings if f.effort is not None]
        what = "the findings' efforts"
    return [_duration_check("effort_total", "Effort total", stated, parts, what)] if parts else []


def check_actions_total(doc: Assessment) -> list[AuditCheck]:
    """A stated total of the immediate actions against their efforts."""
    stated = doc.stated_totals.actions_total
    if stated is None:
        return []
    parts = [a.effort for a in doc.actions if a.effort is not None]
    if not parts:
        return []
    return [_duration_check("actions_total", "Immediate actions", stated, parts, "the immediate actions")]


def _range(low: float, high: float) -> str:
    return f"{low:g}" if math.isclose(low, high) else f"{low:g}-{high:g}"


CHECKS = [check_overall, check_checklists, check_cost_total, check_effort_total, check_actions_total]


def audit_claims(doc: Assessment) -> list[AuditCheck]:
    """Every claim of the document checked; inconsistent ones have ok=False."""
    return [check for rule in CHECKS for check in rule(doc)]
