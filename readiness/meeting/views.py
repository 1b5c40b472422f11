"""Plain rows and words for the pages' tables and metrics: no Streamlit here, so they are tested directly."""

from __future__ import annotations

from readiness.analysis.actions import ActionTotals, effort_text
from readiness.analysis.checklist import UNGROUPED, GroupCompletion
from readiness.analysis.costs import short_range
from readiness.model import ChecklistItem, Duration, Risk
from readiness.analysis.plan import Bar, Milestone, last_date
from readiness.analysis.risks import cell_level, likelihood_of
from readiness.analysis.summary import AssessmentSummary, ScorePoint


def duration_text(duration: Duration | None) -> str:
    """'2-3 weeks', '30 minutes'-style words for a duration, or 'not stated'."""
    if duration is None:
        return "not stated"
    low, high = duration.min, duration.max
    span = f"{low:g}" if low == high else f"{low:g}-{high:g}"
    unit = duration.unit[:-1] if high == 1 else duration.unit
    return f"{span} {unit}"


def summary_cost(summary: AssessmentSummary, *, currency: bool = True) -> str:
    """A summary's first-month cost as words ('25.3K-31.8K USD'), the currency left out on request."""
    if summary.first_month_cost_min is None:
        return "not stated"
    return short_range(summary.first_month_cost_min, summary.first_month_cost_max,
                       summary.currency or "" if currency else "")


def overview_rows(latest: list[AssessmentSummary]) -> list[dict]:
    """One row per project for the overview table."""
    return [{
        "Project": s.project, "Version": s.version, "Date": s.date or s.imported_at[:10],
        "Verdict": s.status or "not stated",
        "Overall %": None if s.overall_percent is None else round(s.overall_percent, 1),
        "Blockers": s.blockers, "Critical findings": s.critical_findings, "High findings": s.high_findings,
        "Time to ready": duration_text(s.time_to_ready), "First-month cost": summary_cost(s),
    } for s in latest]


def risk_rows(risks: list[Risk]) -> list[dict]:
    """Risks as table rows, with their likelihood band and cell level where a probability is given."""
    rows = []
    for r in risks:
        band = likelihood_of(r.probability) if r.probability is not None else None
        rows.append({
            "Risk": r.title,
            "Probability": "not stated" if r.probability is None else f"{r.probability:.0%}",
            "Likelihood": band or "unknown", "Impact": r.impact or "not stated",
            "Level": cell_level(band, r.impact).upper() if band and r.impact else "UNRATED",
            "Mitigation": r.mitigation or "none stated",
        })
    return rows


def plan_rows(bars: list[Bar]) -> list[dict]:
    """Phases and tasks with their calendar dates, for the table under the Gantt chart."""
    return [{
        "Phase": b.phase, "Task": "" if b.kind == "phase" else b.name,
        "Priority": (b.priority or "none").upper(),
        "Starts": b.start.date().isoformat(), "Working days": round(b.end_day - b.start_day, 2),
        "Last day": last_date(b).isoformat(),
    } for b in bars]


def milestone_rows(items: list[Milestone]) -> list[dict]:
    """Milestones with their dates and deliverables."""
    return [{"Milestone": m.phase, "Date": m.day.isoformat(), "Deliverables": "; ".join(m.deliverables)}
            for m in items]


def action_rows(result: ActionTotals) -> list[dict]:
    """The immediate actions in document order with their effort ('not stated' where none is given)."""
    return [{"#": n, "Action": a.title, "Effort": effort_text(a).replace("effort not stated", "not stated"),
             "Hours": None if a.hours is None else a.hours[1]} for n, a in enumerate(result.actions, start=1)]


def checklist_rows(groups: list[GroupCompletion]) -> list[dict]:
    """Per group: counted completion against the document's claim."""
    return [{
        "Group": g.category, "Done": g.done, "Items": g.total, "Counted %": round(g.percent, 1),
        "Stated %": g.stated_percent if g.stated_percent is not None else None,
        "Difference": None if g.stated_percent is None else round(g.stated_percent - g.percent, 1),
    } for g in groups]


def percent_text(value: float | None) -> str:
    """'64%', or 'not stated'."""
    return "not stated" if value is None else f"{value:.0f}%"


def deltas(current: AssessmentSummary, previous: AssessmentSummary | None) -> dict[str, object]:
    """Changes since the previous version for the overview's metrics (None where there is nothing to compare)."""
    if previous is None:
        return {"score": None, "blockers": None, "critical": None}
    score = None
    if current.overall_percent is not None and previous.overall_percent is not None:
        score = f"{current.overall_percent - previous.overall_percent:+.0f} pts"
    return {"score": score, "blockers": current.blockers - previous.blockers,
            "critical": current.critical_findings - previous.critical_findings}


def score_history(history: list[AssessmentSummary]) -> list[float]:
    """A project's overall percents oldest to newest, for a sparkline; empty with fewer than two."""
    values = [s.overall_percent for s in history if s.overall_percent is not None]
    return values if len(values) > 1 else []


def open_item_rows(items: list[ChecklistItem]) -> list[dict]:
    """Unticked checklist items with their group."""
    return [{"Group": i.category or UNGROUPED, "Item": i.text} for i in items]


def projects_with_history(rows: list[AssessmentSummary | ScorePoint]) -> int:
    """How many projects have more than one scored version."""
    scored: dict[str, int] = {}
    for row in rows:
        if row.overall_percent is not None:
            scored[row.project] = scored.get(row.project, 0) + 1
    return sum(1 for count in scored.values() if count > 1)
