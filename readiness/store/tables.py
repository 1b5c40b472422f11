"""SQLModel tables: an assessment and its parts, one row per item, in the order the document gives.

Part tables carry the interchange model's field names so that conversion is explicit but short
(see queries.py). Numbers the overview needs (blockers, criticals, first-month cost) are computed
once at import and kept on the assessment row, so lists and the overview read that row alone.
Indexes serve what pages filter and sort by: a project's versions in order (and so its latest), and
the projects by their latest score (kept on the project row).
"""

from __future__ import annotations

import datetime as dt

from sqlalchemy import JSON, Index, UniqueConstraint, func, literal_column
from sqlmodel import Field, SQLModel


def _now() -> dt.datetime:
    return dt.datetime.now(dt.timezone.utc)


class ProjectRow(SQLModel, table=True):
    __tablename__ = "project"

    id: int | None = Field(default=None, primary_key=True)
    name: str = Field(unique=True, index=True)
    created_at: dt.datetime = Field(default_factory=_now)
    # Its newest assessment (by date, then version) and that one's overall percent, kept by every
    # import and deletion (queries.refresh_latest): each project's latest, lowest score first, is then
    # one index scan however many projects there are. Nullable: added to older stores on open.
    latest_id: int | None = None
    latest_percent: float | None = None


# The Overview's order: lowest latest score first, unscored last, then by name.
Index("ix_project_worst_first", ProjectRow.latest_percent.is_(None), ProjectRow.latest_percent, ProjectRow.name)


class AssessmentRow(SQLModel, table=True):
    __tablename__ = "assessment"
    # Both constraints settle races between concurrent imports: the loser retries and sees the winner.
    __table_args__ = (UniqueConstraint("project_id", "content_sha256", name="uq_assessment_content"),
                      UniqueConstraint("project_id", "version", name="uq_assessment_version"))

    id: int | None = Field(default=None, primary_key=True)
    project_id: int = Field(foreign_key="project.id", index=True, ondelete="CASCADE")
    version: int
    content_sha256: str = Field(index=True)
    imported_at: dt.datetime = Field(default_factory=_now)

    title: str | None = None
    date: str | None = None
    status: str | None = None
    overall_score: float | None = None
    overall_max: float | None = None
    overall_percent: float | None = None
    time_to_ready: dict | None = Field(default=None, sa_type=JSON)
    stated_totals: dict = Field(default_factory=dict, sa_type=JSON)

    source_file: str | None = None
    source_sha256: str | None = None
    importer: str | None = None
    warnings: list = Field(default_factory=list, sa_type=JSON)
    read_facts: list | None = Field(default=None, sa_type=JSON)  # nullable: added to older stores on open
    # Set when the version was read from a git repository's history (readiness import --history).
    source_path: str | None = None
    source_commit: str | None = None
    source_commit_date: str | None = None
    source_author_date: str | None = None
    source_commit_message: str | None = None
    source_dated_by: str | None = None

    blockers: int = 0
    critical_findings: int = 0
    high_findings: int = 0
    risks: int = 0
    plan_days: float = 0
    first_month_cost_min: float | None = None
    first_month_cost_max: float | None = None
    currency: str | None = None


# A project's versions oldest to newest (by date, then version): the order of every list and the key
# of "latest". The expression must be written the same way in the queries (ORDER_KEY) to be used.
ORDER_DATE = func.coalesce(AssessmentRow.date, literal_column("''"))
Index("ix_assessment_project_order", AssessmentRow.project_id, ORDER_DATE, AssessmentRow.version)


class _PartColumns(SQLModel):
    id: int | None = Field(default=None, primary_key=True)
    assessment_id: int = Field(foreign_key="assessment.id", index=True, ondelete="CASCADE")
    position: int
    line: int | None = None


class CategoryRow(_PartColumns, table=True):
    __tablename__ = "category"
    name: str
    max: float
    score: float | None = None
    grade: str | None = None
    weight: float | None = None
    status: str | None = None
    blocker: bool | None = None


class FindingRow(_PartColumns, table=True):
    __tablename__ = "finding"
    title: str
    category: str | None = None
    severity: str
    effort: dict | None = Field(default=None, sa_type=JSON)
    details: list = Field(default_factory=list, sa_type=JSON)


class RiskRow(_PartColumns, table=True):
    __tablename__ = "risk"
    title: str
    probability: float | None = None
    impact: str | None = None
    mitigation: str | None = None


class ChecklistRow(_PartColumns, table=True):
    __tablename__ = "checklist_item"
    category: str | None = None
    text: str
    done: bool = False


class PhaseRow(_PartColumns, table=True):
    __tablename__ = "phase"
    name: str
    start_day: float
    duration_days: float
    priority: str | None = None
    tasks: list = Field(default_factory=list, sa_type=JSON)
    deliverables: list = Field(default_factory=list, sa_type=JSON)


class CostRow(_PartColumns, table=True):
    __tablename__ = "cost_item"
    name: str
    min: float
    max: float
    currency: str
    recurrence: str
    note: str | None = None


class ActionRow(_PartColumns, table=True):
    __tablename__ = "action_item"
    title: str
    effort: dict | None = Field(default=None, sa_type=JSON)


class DecisionRow(SQLModel, table=True):
    """A change saved from the app or the CLI: the version it made, the one it was made from, and why."""

    __tablename__ = "decision"

    id: int | None = Field(default=None, primary_key=True)
    assessment_id: int = Field(foreign_key="assessment.id", index=True, ondelete="CASCADE")
    based_on_id: int | None = Field(default=None, foreign_key="assessment.id", ondelete="SET NULL")
    kind: str = "edit"  # "edit": a new version of a stored one; "correction": an import corrected before storing
    note: str
    author: str | None = None
    made_at: dt.datetime = Field(default_factory=_now)
    changes: list = Field(default_factory=list, sa_type=JSON)  # Change.as_dict() of each change
