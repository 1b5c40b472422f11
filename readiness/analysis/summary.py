"""One stored assessment in a line: what lists, the overview and comparisons need, without its parts."""

from __future__ import annotations

from typing import NamedTuple

from readiness.model import Duration


class AssessmentSummary(NamedTuple):
    """One stored assessment, as lists and the overview need it (no parts loaded).

    A named tuple rather than a frozen dataclass: thousands are made per cold page, and a tuple is made
    several times faster; both are immutable and compare field by field."""

    id: int
    project: str
    version: int
    title: str | None
    date: str | None
    status: str | None
    overall_score: float | None
    overall_max: float | None
    overall_percent: float | None
    time_to_ready: Duration | None
    blockers: int
    critical_findings: int
    high_findings: int
    risks: int
    plan_days: float
    first_month_cost_min: float | None
    first_month_cost_max: float | None
    currency: str | None
    source_file: str | None
    imported_at: str

    @property
    def label(self) -> str:
        when = self.date or self.imported_at[:10]
        return f"v{self.version} · {when} · {self.title or self.project}"


class ScorePoint(NamedTuple):
    """One version on a project's score line: what trend lines need of a summary, read without the rest
    (a narrow read of the row's first columns)."""

    id: int
    project: str
    version: int
    title: str | None
    date: str | None
    overall_percent: float | None
    imported_at: str
