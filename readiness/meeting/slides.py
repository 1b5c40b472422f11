"""Slides for a meeting: one chart each, with a sentence that says what it means.

The order is the one a planning meeting follows: verdict, scores, risks, plan, costs, agenda.
Present mode shows them one at a time; the HTML hand-out prints them all.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

import plotly.graph_objects as go

from readiness.analysis import checklist
from readiness.analysis import costs
from readiness.analysis import plan
from readiness.analysis import risks
from readiness.analysis import scores
from readiness.meeting.agenda import meeting_agenda, pct
from readiness.charts import costs as cost_charts
from readiness.charts import plan as plan_charts
from readiness.charts import risks as risk_charts
from readiness.charts import scores as score_charts
from readiness.charts.theme import BASE_FONT, color_of, figure, layout, score_level
from readiness.model import Assessment
from readiness.meeting.views import duration_text

ORDER = ("verdict", "scores", "risks", "plan", "costs", "agenda")


@dataclass(frozen=True)
class Slide:
    """One slide: what it means in a sentence, a chart (or none), and plain-text lines."""

    key: str
    title: str
    figure: go.Figure | None = None
    lines: list[str] = field(default_factory=list)


def plural(count: int, word: str) -> str:
    """'1 risk', '3 risks'."""
    return f"{count} {word}" if count == 1 else f"{count} {word}s"


def _verdict_figure(doc: Assessment, percent: float) -> go.Figure:
    level = score_level(percent)
    gauge = {
        "type": "indicator", "mode": "number+gauge", "value": round(percent, 1),
        "number": {"suffix": "%", "font": {"size": 96}},
        "gauge": {"axis": {"range": [0, 100], "tickfont": {"size": BASE_FONT}},
                  "bar": {"color": color_of(level), "thickness": 0.6},
                  "steps": [{"range": [0, 100], "color": "rgba(128,128,128,0.15)"}]},
        "title": {"text": "Overall score", "font": {"size": 28}},
    }
    return figure([gauge], layout(height=460, margin={"l": 40, "r": 40, "t": 60, "b": 20}))


def verdict_slide(doc: Assessment) -> Slide:
    """How far from production, in one sentence and one number."""
    blockers = scores.blockers(doc)
    critical = [f for f in doc.findings if f.severity == "critical"]
    if blockers:
        title = f"{plural(len(blockers), 'blocker')} stand{'s' if len(blockers) == 1 else ''} " \
                f"between {doc.project} and production"
    elif critical:
        title = f"{plural(len(critical), 'critical finding')} stand{'s' if len(critical) == 1 else ''} " \
                f"between {doc.project} and production"
    else:
        title = f"No blocker or critical finding is recorded for {doc.project}"
    lines = [f"Verdict: {doc.status}" if doc.status else "The document states no verdict."]
    if blockers:
        lines.append("Blockers: " + ", ".join(blockers) + ".")
    if doc.time_to_ready:
        lines.append(f"Time to ready: {duration_text(doc.time_to_ready)}.")
    if critical:
        lines.append(f"Critical findings: {', '.join(f.title for f in critical[:5])}"
                     + (f" and {len(critical) - 5} more." if len(critical) > 5 else "."))
    percent = doc.overall_percent
    if percent is None and (computed := scores.computed_overall(doc)):
        percent = computed[0]
        lines.append("No overall score is stated; the gauge shows the categories' "
                     f"{computed[1]}.")
    return Slide("verdict", title, _verdict_figure(doc, percent) if percent is not None else None, lines)


def scores_slide(doc: Assessment) -> Slide:
    """Category scores, worst first."""
    scored = scores.scored_categories(doc.categories)
    if not scored:
        return Slide("scores", f"{doc.project} states no category scores", None,
                     ["The document gives no scorecard to chart."])
    worst = min(scored, key=lambda c: c.percent)
    title = f"{worst.name} is the weakest area at {pct(worst.percent)}"
    blockers = scores.blockers(doc)
    if blockers:
        title += f"; {plural(len(blockers), 'category')} block{'s' if len(blockers) == 1 else ''} production"
    return Slide("scores", title, score_charts.category_bars(doc.categories))


def risks_slide(doc: Assessment) -> Slide:
    """The risk matrix, or findings by severity where no probabilities are given."""
    if risks.has_matrix(doc):
        cells = risks.risk_cells(doc.risks)
        severe = sum(len(c.risks) for c in cells if c.level in ("critical", "high"))
        title = (f"{plural(severe, 'risk')} of {len(doc.risks)} sit{'s' if severe == 1 else ''} "
                 "in high or critical cells")
        return Slide("risks", title, risk_charts.risk_matrix(cells))
    if doc.findings:
        counts = risks.finding_counts(doc)
        urgent = sum(n for (severity, _category), n in counts.items() if severity in ("critical", "high"))
        title = f"{plural(urgent, 'finding')} {'is' if urgent == 1 else 'are'} critical or high"
        return Slide("risks", title, risk_charts.findings_by_severity(counts),
                     ["No probabilities are given, so findings by severity take the risk matrix's place."])
    return Slide("risks", "No risks or findings are listed", None, [])


def plan_slide(doc: Assessment, start: dt.date | None = None) -> Slide:
    """The remediation plan on the calendar."""
    if not doc.phases:
        stated = f" Time to ready, as stated: {duration_text(doc.time_to_ready)}." if doc.time_to_ready else ""
        return Slide("plan", "There is no phased plan yet", None, [f"The document has no phases.{stated}"])
    start = start or plan.next_monday()
    finish = plan.plan_end(doc, start)
    last = (finish - dt.timedelta(microseconds=1)).date()
    days = max(p.end_day for p in doc.phases)
    title = (f"{plural(len(doc.phases), 'phase')} over {days:g} working days: "
             f"ready by {last:%a %d %b %Y} if work starts {start:%d %b}")
    chart = plan_charts.gantt(plan.schedule(doc, start), today=dt.date.today(),
                              milestones=plan.milestones(doc, start))
    return Slide("plan", title, chart)


def costs_slide(doc: Assessment) -> Slide:
    """What readiness costs: the stated ranges, or the plan's effort when no money is stated."""
    totals = costs.cost_totals(doc)
    if totals is None:
        estimate = costs.estimate_for(doc, people=1, day_rate=costs.DEFAULT_DAY_RATE)
        lines = ["The document states no costs."]
        if estimate:
            lines.append(f"Its plan is {costs.days_range(*estimate.days)} of work for one person; at "
                         f"{costs.money(estimate.day_rate, estimate.currency)} a day that is "
                         f"{costs.money_range(*estimate.cost, estimate.currency)} (see the Costs page "
                         "to change the team and rate).")
        return Slide("costs", "No money is stated", None, lines)
    title = f"The first month costs {costs.short_range(*totals.first_month, totals.currency)}"
    lines = [f"One-off: {costs.money_range(*totals.one_off, totals.currency)}.",
             f"Recurring: {costs.money_range(*totals.monthly, totals.currency)} a month.",
             f"First year: {costs.money_range(*totals.first_year, totals.currency)}."]
    if totals.left_out:
        lines.append("Not added up (another currency): " + ", ".join(totals.left_out) + ".")
    return Slide("costs", title, cost_charts.cost_ranges(doc.costs), lines)


def agenda_slide(doc: Assessment, previous: Assessment | None = None) -> Slide:
    """What to talk about: the agenda against the previous version."""
    agenda = meeting_agenda(previous, doc)
    done, total = checklist.overall_completion(doc)
    lines = agenda.lines()
    if total:
        lines.append(f"Checklist: {done} of {total} items ticked.")
    return Slide("agenda", agenda.title, None, lines)


def build_slides(doc: Assessment, previous: Assessment | None = None, *,
                 start: dt.date | None = None) -> list[Slide]:
    """Every slide for a document, in meeting order."""
    return [verdict_slide(doc), scores_slide(doc), risks_slide(doc), plan_slide(doc, start),
            costs_slide(doc), agenda_slide(doc, previous)]
