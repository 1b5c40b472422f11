"""The readiness/v1 interchange format: what an assessment says, as users may write it in YAML.

Field names are a contract: importers produce these models, the store keeps them, exports and
`readiness schema` publish them. Every field carries a docstring because people write YAML
against it (see docs/format.md).
"""

from __future__ import annotations

import ast
import datetime as dt
import inspect
import math
import re
import textwrap
from typing import Annotated, Literal

from pydantic import (AfterValidator, BaseModel, ConfigDict, Field, ValidationInfo, field_validator,
                      model_validator)
from pydantic.json_schema import GenerateJsonSchema, JsonSchemaValue
from pydantic_core import core_schema

SCHEMA = "readiness/v1"

Unit = Literal["hours", "days", "weeks", "months"]
Severity = Literal["critical", "high", "medium", "low", "info"]
Impact = Literal["critical", "high", "medium", "low"]
Recurrence = Literal["once", "monthly", "yearly"]
CheckName = Literal["overall", "checklist", "cost_total", "effort_total", "actions_total"]

SEVERITIES: tuple[str, ...] = ("critical", "high", "medium", "low", "info")
IMPACTS: tuple[str, ...] = ("low", "medium", "high", "critical")

# Working days per unit, for turning durations into a plan's timeline.
WORKING_DAYS_PER_UNIT = {"hours": 1 / 8, "days": 1.0, "weeks": 5.0, "months": 21.0}
HOURS_PER_UNIT = {unit: days * 8 for unit, days in WORKING_DAYS_PER_UNIT.items()}

_DATE = re.compile(r"^\d{4}(-\d{2}(-\d{2})?)?$")


# Whole numbers a store column holds on every database (PostgreSQL's INTEGER).
MAX_INTEGER = 2**31 - 1
# Bounds that keep sums and calendars finite: about 380 years of working days, a quadrillion in money.
MAX_DAYS = 100_000
MAX_MONEY = 1e15


def _no_nul(value: str) -> str:
    if "\x00" in value:
        raise ValueError("must not contain the NUL character (\\0)")
    return value


def _within_integer(value: int) -> int:
    if not -MAX_INTEGER <= value <= MAX_INTEGER:
        raise ValueError(f"must be between {-MAX_INTEGER:,} and {MAX_INTEGER:,}")
    return value


# Text and whole numbers as every store keeps them: no NUL in text (PostgreSQL refuses it), no integer past
# 32 bits (PostgreSQL's INTEGER). Every text and whole-number field of the model is one of these
# (tests/test_format.py checks), so that SQLite never keeps what PostgreSQL would refuse.
Text = Annotated[str, AfterValidator(_no_nul)]
Whole = Annotated[int, AfterValidator(_within_integer)]


class _Part(BaseModel):
    # Finite numbers only: YAML's .inf and .nan would pass on SQLite and fail on PostgreSQL.
    model_config = ConfigDict(extra="forbid", validate_assignment=False,
                              allow_inf_nan=False)


class Score(_Part):
    """A score as the document states it, on its own scale."""

    max: float = Field(gt=0)
    """The top of the scale: 10 for "4.75/10", 100 for "40/100" or a percentage."""
    score: float
    """The score itself, between 0 and max."""

    @field_validator("score")
    @classmethod
    def _within_scale(cls, value: float, info: ValidationInfo) -> float:
        return _check_within_max(value, info)

    @property
    def percent(self) -> float:
        return _percent(self.score, self.max)


class Duration(_Part):
    """A duration or a range of durations, such as "2-3 weeks" or "30 minutes" (0.5 hours)."""

    min: float = Field(ge=0, le=MAX_DAYS)
    """The low end of the range; equal to max for a single value."""
    max: float = Field(ge=0, le=MAX_DAYS)
    """The high end of the range."""
    unit: Unit
    """hours, days, weeks or months."""

    @model_validator(mode="after")
    def _ordered(self) -> Duration:
        if self.max < self.min:
            raise ValueError("max must not be below min")
        return self

    def hours(self) -> tuple[float, float]:
        """The range in hours (8 working hours a day, 5 days a week, 21 days a month)."""
        factor = HOURS_PER_UNIT[self.unit]
        return self.min * factor, self.max * factor

    def working_days(self) -> tuple[float, float]:
        """The range in working days."""
        factor = WORKING_DAYS_PER_UNIT[self.unit]
        return self.min * factor, self.max * factor


class Category(_Part):
    """One row of a scorecard: a category and its score."""

    name: Text = Field(min_length=1)
    """The category as the document names it ("Security", "Core Functionality")."""
    max: float = Field(default=100, gt=0)
    """The top of the category's scale (10, 100, 5, ...)."""
    score: float | None = None
    """The category's score, between 0 and max; null when the document names the category without a
    score (a blank template score such as "__/15", or a letter grade alone)."""
    grade: Text | None = None
    """A letter grade as written ("B+", "C"), kept as text: a grade is never turned into a number."""
    weight: float | None = Field(default=None, ge=0, le=100)
    """The category's weight in percent of the overall score; null when none is stated."""
    status: Text | None = None
    """The status as written ("Needs work", "Critical"), emoji removed; null when none."""
    blocker: bool | None = None
    """Whether the document marks this category as blocking production; null when not stated."""
    line: Whole | None = None
    """Line of the source document this was read from; null when written by hand."""

    @field_validator("score")
    @classmethod
    def _within_scale(cls, value: float, info: ValidationInfo) -> float:
        return _check_within_max(value, info)

    @property
    def percent(self) -> float | None:
        """The score in percent of its own scale; None when no score is stated."""
        return None if self.score is None else _percent(self.score, self.max)


class Finding(_Part):
    """A gap, issue or strength the document reports."""

    title: Text = Field(min_length=1)
    """A short title ("Zero test coverage")."""
    category: Text | None = None
    """The category it belongs to, when the document says."""
    severity: Severity = "medium"
    """critical, high, medium or low for a gap; info for a strength."""
    effort: Duration | None = None
    """Estimated effort to fix it, when stated."""
    details: list[Text] = Field(default_factory=list)
    """The bullet points under it, as text."""
    line: Whole | None = None
    """Line of the source document this was read from; null when written by hand."""


class Risk(_Part):
    """A row of a risk table: what could go wrong, how likely, how bad, and what to do about it."""

    title: Text = Field(min_length=1)
    """The risk ("Silent bugs")."""
    probability: float | None = Field(default=None, ge=0, le=1)
    """Likelihood between 0 and 1 (90% is 0.9; Low/Medium/High map to 0.2/0.5/0.8); null when unknown."""
    impact: Impact | None = None
    """critical, high, medium or low; null when the document does not rate the impact (such a risk is
    listed beside the matrix, never placed in a cell)."""
    mitigation: Text | None = None
    """What the document proposes against it."""
    line: Whole | None = None
    """Line of the source document this was read from; null when written by hand."""


class ChecklistItem(_Part):
    """One checkbox of a checklist."""

    category: Text | None = None
    """The checklist group it stands under ("Security")."""
    text: Text = Field(min_length=1)
    """The item's text."""
    done: bool = False
    """Whether it is ticked."""
    line: Whole | None = None
    """Line of the source document this was read from; null when written by hand."""


class Task(_Part):
    """A piece of a phase, such as "Day 1-2: Unit tests"."""

    name: Text = Field(min_length=1)
    """What is done."""
    start_day: float = Field(ge=0, le=MAX_DAYS)
    """First working day, counted from the plan's start (0-based, like the phase's)."""
    duration_days: float = Field(gt=0, le=MAX_DAYS)
    """Length in working days."""
    items: list[Text] = Field(default_factory=list)
    """The steps listed under the task."""
    timed: bool = True
    """False when the document states no timing for the task: it spans its phase and adds no working days."""
    line: Whole | None = None
    """Line of the source document this was read from; null when written by hand."""


class Phase(_Part):
    """A stage of the remediation plan on a working-day timeline."""

    name: Text = Field(min_length=1)
    """The phase's name ("Testing foundation")."""
    start_day: float = Field(ge=0, le=MAX_DAYS)
    """First working day, counted from the plan's start (0-based)."""
    duration_days: float = Field(gt=0, le=MAX_DAYS)
    """Length in working days."""
    priority: Impact | None = None
    """critical, high, medium or low; null when not stated."""
    tasks: list[Task] = Field(default_factory=list)
    """The phase's tasks, on the same timeline."""
    deliverables: list[Text] = Field(default_factory=list)
    """What the phase delivers; a phase with deliverables ends in a milestone."""
    line: Whole | None = None
    """Line of the source document this was read from; null when written by hand."""

    @property
    def end_day(self) -> float:
        return self.start_day + self.duration_days


class CostItem(_Part):
    """A cost estimate as a range."""

    name: Text = Field(min_length=1)
    """What the money is for ("Development", "Infrastructure")."""
    min: float = Field(ge=0, le=MAX_MONEY)
    """Low estimate, in currency units (15000 for "$15K")."""
    max: float = Field(ge=0, le=MAX_MONEY)
    """High estimate; equal to min for a single figure."""
    currency: Text = Field(default="USD", pattern=r"^[A-Z]{3}$")
    """ISO 4217 code: USD, EUR, GBP, MYR, ..."""
    recurrence: Recurrence = "once"
    """once for a one-off cost, monthly or yearly for a recurring one."""
    note: Text | None = None
    """The rest of the line ("1 developer, 3 weeks")."""
    line: Whole | None = None
    """Line of the source document this was read from; null when written by hand."""

    @model_validator(mode="after")
    def _ordered(self) -> CostItem:
        if self.max < self.min:
            raise ValueError("max must not be below min")
        return self


class Action(_Part):
    """An immediate action item."""

    title: Text = Field(min_length=1)
    """What to do."""
    effort: Duration | None = None
    """How long it takes, when stated."""
    line: Whole | None = None
    """Line of the source document this was read from; null when written by hand."""


class MoneyRange(_Part):
    """A stated money total."""

    min: float = Field(ge=0, le=MAX_MONEY)
    """Low end."""
    max: float = Field(ge=0, le=MAX_MONEY)
    """High end."""
    currency: Text = Field(default="USD", pattern=r"^[A-Z]{3}$")
    """ISO 4217 code."""
    line: Whole | None = None
    """Line of the source document this was read from; null when written by hand."""


class ChecklistClaim(_Part):
    """A checklist group's stated completion, such as "Security (60% Complete)"."""

    category: Text
    """The checklist group."""
    percent: float = Field(ge=0, le=100)
    """The completion the document states."""
    line: Whole | None = None
    """Line of the source document this was read from; null when written by hand."""


class StatedTotals(_Part):
    """Totals the document states about its own numbers; the audit checks them against the parts."""

    checklist: list[ChecklistClaim] = Field(default_factory=list)
    """Stated completion per checklist group."""
    cost_total: MoneyRange | None = None
    """A stated cost total, such as "Total First Month: $15.9-31.2K" (one-off costs plus one month of recurring)."""
    effort_total: Duration | None = None
    """A stated effort total, such as "Total: 15 days"; checked against the phases (or the findings' efforts)."""
    actions_total: Duration | None = None
    """A stated total for the immediate action items, such as "Total: ~8.5 hours"."""


class AuditCheck(_Part):
    """One claim of the document checked against its own numbers (read-only, computed)."""

    check: CheckName
    """overall, checklist, cost_total, effort_total or actions_total."""
    subject: Text
    """What was checked ("Overall score", a checklist group)."""
    stated: float | tuple[float, float] | None
    """What the document states; a [min, max] pair for ranges."""
    computed: float | tuple[float, float] | None
    """What its own parts give."""
    ok: bool
    """Whether the two agree within rounding."""
    message: Text
    """The finding in plain words."""


class Warning(_Part):
    """Something the importer noticed and could not use."""

    line: Whole | None = None
    """Line of the source, when known."""
    message: Text
    """What happened."""


class ReadFact(_Part):
    """One fact the importer read, how sure it is, and from which line (read-only, filled by the importer)."""

    kind: Text
    """What kind of fact: category, finding, strength, risk, checklist, phase, cost, action, ..."""
    line: Whole | None = None
    """Line of the source document it was read from."""
    text: Text
    """The fact in words, as `readiness parse --explain` prints it."""
    confidence: float = Field(default=0.8, ge=0, le=1)
    """How sure the importer is: 0.9 for a value stated under its own label or column, 0.7 for one
    inferred from the headings above it, 0.5 for a weak cue such as an emoji; check the lowest first."""


class Source(_Part):
    """Where a document came from (read-only, filled by the importer)."""

    file: Text | None = None
    """The imported file's name."""
    sha256: Text | None = None
    """SHA-256 of the file's bytes."""
    importer: Text | None = None
    """Which importer read it: yaml or markdown."""
    warnings: list[Warning] = Field(default_factory=list)
    """What the importer skipped or doubted."""
    facts: list[ReadFact] = Field(default_factory=list)
    """What the importer read, line by line, with how sure it is (markdown imports; empty for YAML)."""
    path: Text | None = None
    """The file's path inside its git repository, when read from a repository's history."""
    commit: Text | None = None
    """The git commit this version was read from (40 hex digits); null when not from git."""
    commit_date: Text | None = None
    """The commit's date and time (ISO 8601 with its offset); null when not from git."""
    author_date: Text | None = None
    """When the commit's author wrote the change (ISO 8601 with its offset); null when not from git."""
    commit_message: Text | None = None
    """The first line of the commit's message; null when not from git."""
    dated_by: Literal["document", "commit"] | None = None
    """Where the assessment's date comes from: the document's own date, or the commit's date when
    the document states none; null when not from git."""


class Assessment(_Part):
    """A production-readiness assessment in the readiness/v1 format."""

    schema_: Literal["readiness/v1"] = Field(default=SCHEMA, alias="schema")
    """Always readiness/v1."""
    project: Text = Field(min_length=1)
    """The system assessed. Assessments of one project form its version history."""
    title: Text | None = None
    """The document's title."""
    date: Text | None = None
    """YYYY-MM-DD, YYYY-MM or YYYY (a partial date keeps its precision), or null."""
    status: Text | None = None
    """The verdict as written ("NOT PRODUCTION READY")."""
    overall: Score | None = None
    """The overall score as the document states it; null when not stated."""
    time_to_ready: Duration | None = None
    """Estimated time until production-ready."""
    categories: list[Category] = Field(default_factory=list)
    """Category scores."""
    findings: list[Finding] = Field(default_factory=list)
    """Gaps and strengths."""
    risks: list[Risk] = Field(default_factory=list)
    """Risks with probability and impact."""
    checklist: list[ChecklistItem] = Field(default_factory=list)
    """Checklist items."""
    phases: list[Phase] = Field(default_factory=list)
    """The remediation plan."""
    costs: list[CostItem] = Field(default_factory=list)
    """Cost estimates."""
    actions: list[Action] = Field(default_factory=list)
    """Immediate action items."""
    stated_totals: StatedTotals = Field(default_factory=StatedTotals)
    """Totals and claims the document states, kept for the audit."""
    audit: list[AuditCheck] = Field(default_factory=list)
    """Read-only: every claim checked. Filled on parse and export; ignored on import."""
    source: Source | None = None
    """Read-only: where the document came from. Filled by the importer; ignored on import."""

    model_config = ConfigDict(extra="forbid", populate_by_name=True,
                              allow_inf_nan=False)

    @field_validator("date", mode="before")
    @classmethod
    def _date_text(cls, value: object) -> object:
        # YAML turns 2025-10-10 into a date and 2025 into an int; the format keeps text.
        if isinstance(value, dt.datetime):
            return value.date().isoformat()
        if isinstance(value, dt.date):
            return value.isoformat()
        if isinstance(value, int) and not isinstance(value, bool):
            return str(value)
        return value

    @field_validator("date")
    @classmethod
    def _date_shape(cls, value: str | None) -> str | None:
        if value is None:
            return None
        if not _DATE.match(value):
            raise ValueError("must be YYYY-MM-DD, YYYY-MM or YYYY")
        parts = [int(p) for p in value.split("-")]
        try:
            dt.date(parts[0], parts[1] if len(parts) > 1 else 1, parts[2] if len(parts) > 2 else 1)
        except ValueError as error:
            raise ValueError(f"is not a real date ({error})") from None
        return value

    @property
    def overall_percent(self) -> float | None:
        """The stated overall score in percent, or None when the document states none."""
        return self.overall.percent if self.overall else None

    def content(self) -> dict:
        """The document's own content: everything but the read-only audit and source."""
        return self.model_dump(mode="json", by_alias=True, exclude={"audit", "source"})


def _percent(score: float, top: float) -> float:
    value = 100.0 * score / top
    # Near the float limit, 100 * score overflows; dividing first keeps it finite (rounding differs).
    return value if math.isfinite(value) else 100.0 * (score / top)


def _check_within_max(value: float | None, info: ValidationInfo) -> float | None:
    top = info.data.get("max")
    if value is not None and top is not None and not 0 <= value <= top:
        raise ValueError(f"must be between 0 and max ({top:g})")
    return value


# The JSON Schema describes each field by the docstring written under it. They are read from the source
# only when a schema is asked for: pydantic's use_attribute_docstrings reads it on every start (~20 ms).
class _DocumentedSchema(GenerateJsonSchema):
    def model_schema(self, schema: core_schema.ModelSchema) -> JsonSchemaValue:
        json_schema = super().model_schema(schema)
        model = schema["cls"]
        documented = _attribute_docstrings(model)
        for name, field in model.model_fields.items():
            key = field.alias if self.by_alias and field.alias else name
            described = json_schema.get("properties", {}).get(key)
            if described is not None and not described.get("description") and name in documented:
                described["description"] = documented[name]
        return json_schema


def _attribute_docstrings(model: type[BaseModel]) -> dict[str, str]:
    """{field: the string literal right under its annotation}, for the model and the models it extends."""
    found: dict[str, str] = {}
    for klass in reversed([k for k in model.__mro__ if issubclass(k, BaseModel) and k is not BaseModel]):
        try:
            tree = ast.parse(textwrap.dedent(inspect.getsource(klass)))
        except (OSError, TypeError):
            continue
        body = tree.body[0].body
        for statement, following in zip(body, body[1:]):
            if (isinstance(statement, ast.AnnAssign) and isinstance(statement.target, ast.Name)
                    and isinstance(following, ast.Expr) and isinstance(following.value, ast.Constant)
                    and isinstance(following.value.value, str)):
                found[statement.target.id] = inspect.cleandoc(following.value.value)
    return found


def json_schema() -> dict:
    """The readiness/v1 JSON Schema (by alias), every field described."""
    return Assessment.model_json_schema(by_alias=True, schema_generator=_DocumentedSchema)
