"""The store: save, list, fetch and delete assessments. Small verb_noun functions, keyword-only.

Every import runs in one transaction (`import_assessment`): a failure half-way leaves the store as
it was. Identical content is stored once per project; a different assessment of a known project
becomes its next version.
"""

from __future__ import annotations

import hashlib
import json
import time
from dataclasses import dataclass

from pydantic import BaseModel
from sqlalchemy import func
from sqlalchemy.engine import Engine
from sqlalchemy.exc import IntegrityError, OperationalError, SQLAlchemyError
from sqlmodel import Session, col, delete, select

from readiness.analysis.audit import audit_claims
from readiness.analysis.costs import cost_totals
from readiness.analysis.summary import AssessmentSummary, latest_of
from readiness.model import (Action, Assessment, Category, ChecklistItem, CostItem, Duration, Finding,
                             Phase, Risk, Source, StatedTotals)
from readiness.store import db
from readiness.store.db import store_error
from readiness.store.tables import (ActionRow, AssessmentRow, CategoryRow, ChecklistRow, CostRow, FindingRow,
                              PhaseRow, ProjectRow, RiskRow)

# Which list of the model goes to which table, in the order they are written.
PARTS: list[tuple[str, type, type[BaseModel]]] = [
    ("categories", CategoryRow, Category),
    ("findings", FindingRow, Finding),
    ("risks", RiskRow, Risk),
    ("checklist", ChecklistRow, ChecklistItem),
    ("phases", PhaseRow, Phase),
    ("costs", CostRow, CostItem),
    ("actions", ActionRow, Action),
]
_ROW_ONLY = {"id", "assessment_id", "position"}


@dataclass(frozen=True)
class SaveResult:
    """What an import did."""

    assessment_id: int
    project: str
    version: int
    created: bool  # False when identical content was already stored


def content_hash(doc: Assessment) -> str:
    """SHA-256 of the document's own content (not its audit or source)."""
    canonical = json.dumps(doc.content(), sort_keys=True, ensure_ascii=False, separators=(",", ":"))
    return hashlib.sha256(canonical.encode()).hexdigest()


def _assessment_row(doc: Assessment, *, project_id: int, version: int, digest: str) -> AssessmentRow:
    totals = cost_totals(doc)
    cost = (*totals.first_month, totals.currency) if totals else None
    source = doc.source or Source()
    return AssessmentRow(
        project_id=project_id, version=version, content_sha256=digest,
        title=doc.title, date=doc.date, status=doc.status,
        overall_score=doc.overall.score if doc.overall else None,
        overall_max=doc.overall.max if doc.overall else None,
        overall_percent=doc.overall_percent,
        time_to_ready=doc.time_to_ready.model_dump() if doc.time_to_ready else None,
        stated_totals=doc.stated_totals.model_dump(mode="json"),
        source_file=source.file, source_sha256=source.sha256, importer=source.importer,
        warnings=[w.model_dump() for w in source.warnings],
        blockers=sum(1 for c in doc.categories if c.blocker),
        critical_findings=sum(1 for f in doc.findings if f.severity == "critical"),
        high_findings=sum(1 for f in doc.findings if f.severity == "high"),
        risks=len(doc.risks),
        plan_days=max((p.end_day for p in doc.phases), default=0),
        first_month_cost_min=cost[0] if cost else None,
        first_month_cost_max=cost[1] if cost else None,
        currency=cost[2] if cost else None,
    )


def get_or_create_project(*, session: Session, name: str) -> ProjectRow:
    """The project row of that name, created when new."""
    project = session.exec(select(ProjectRow).where(ProjectRow.name == name)).first()
    if project is None:
        project = ProjectRow(name=name)
        session.add(project)
        session.flush()
    return project


def add_parts(*, session: Session, assessment_id: int, doc: Assessment) -> None:
    """Write every part of the document as rows of its table."""
    for field, row_type, _model in PARTS:
        for position, item in enumerate(getattr(doc, field)):
            session.add(row_type(assessment_id=assessment_id, position=position,
                                 **item.model_dump(mode="json")))
        # Flush per kind so that a failure names the part that could not be written.
        session.flush()


def save_assessment(*, session: Session, doc: Assessment) -> SaveResult:
    """Store a document in the session's transaction; identical content is not stored twice."""
    digest = content_hash(doc)
    project = get_or_create_project(session=session, name=doc.project)
    existing = session.exec(select(AssessmentRow).where(
        AssessmentRow.project_id == project.id, AssessmentRow.content_sha256 == digest)).first()
    if existing is not None:
        return SaveResult(existing.id, project.name, existing.version, created=False)
    last = session.exec(select(func.max(AssessmentRow.version))
                        .where(AssessmentRow.project_id == project.id)).one()
    row = _assessment_row(doc, project_id=project.id, version=(last or 0) + 1, digest=digest)
    session.add(row)
    session.flush()
    add_parts(session=session, assessment_id=row.id, doc=doc)
    return SaveResult(row.id, project.name, row.version, created=True)


def import_assessment(*, engine: Engine, doc: Assessment, attempts: int = 8) -> SaveResult:
    """Save a document in one transaction of its own, retrying when a concurrent import raced us.

    A store that cannot take it (read-only, full, locked beyond the busy timeout, server down)
    raises StoreError: one sentence naming the store and what to do. Nothing is half-stored.
    """
    for attempt in range(attempts):
        started = time.monotonic()
        try:
            with Session(engine) as session:
                # SQLite: take the write lock first, so concurrent imports queue rather than fail.
                session.connection(execution_options={"sqlite_immediate": True})
                result = save_assessment(session=session, doc=doc)
                session.commit()
                return result
        except IntegrityError as error:
            # Another import created the same project or content first; the retry will see it.
            if attempt == attempts - 1:
                raise store_error(error, engine.url) from error
        except OperationalError as error:
            # SQLite has already waited the busy timeout for a held lock: that is a fault, not a race.
            waited = time.monotonic() - started
            if ("locked" not in str(error).lower() or attempt == attempts - 1
                    or waited >= db.BUSY_TIMEOUT_MS / 2000):
                raise store_error(error, engine.url) from error
        except (SQLAlchemyError, OSError) as error:
            raise store_error(error, engine.url) from error
        time.sleep(0.05 * (attempt + 1))
    raise AssertionError("unreachable")


def _summary(row: AssessmentRow, project: str) -> AssessmentSummary:
    return AssessmentSummary(
        id=row.id, project=project, version=row.version, title=row.title, date=row.date,
        status=row.status, overall_score=row.overall_score, overall_max=row.overall_max,
        overall_percent=row.overall_percent,
        time_to_ready=Duration.model_validate(row.time_to_ready) if row.time_to_ready else None,
        blockers=row.blockers, critical_findings=row.critical_findings, high_findings=row.high_findings,
        risks=row.risks, plan_days=row.plan_days, first_month_cost_min=row.first_month_cost_min,
        first_month_cost_max=row.first_month_cost_max, currency=row.currency,
        source_file=row.source_file, imported_at=row.imported_at.isoformat(timespec="seconds"),
    )


def list_assessments(*, session: Session, project: str | None = None) -> list[AssessmentSummary]:
    """Stored assessments, by project, then oldest to newest (by date, then import order)."""
    query = select(AssessmentRow, ProjectRow.name).join(ProjectRow)
    if project is not None:
        query = query.where(ProjectRow.name == project)
    query = query.order_by(ProjectRow.name, func.coalesce(AssessmentRow.date, ""), AssessmentRow.version)
    return [_summary(row, name) for row, name in session.exec(query).all()]


def list_projects(*, session: Session) -> list[str]:
    """Names of the projects that have at least one assessment."""
    query = select(ProjectRow.name).join(AssessmentRow).distinct().order_by(ProjectRow.name)
    return list(session.exec(query).all())


def latest_assessments(*, session: Session) -> list[AssessmentSummary]:
    """Each project's newest assessment."""
    return latest_of(list_assessments(session=session))


def count_assessments(*, session: Session) -> int:
    """How many assessments the store holds."""
    return session.exec(select(func.count()).select_from(AssessmentRow)).one()


def get_assessment(*, session: Session, assessment_id: int) -> Assessment:
    """A stored assessment as a readiness/v1 document, with its audit and source."""
    found = session.exec(select(AssessmentRow, ProjectRow.name).join(ProjectRow)
                         .where(AssessmentRow.id == assessment_id)).first()
    if found is None:
        raise LookupError(f"no assessment with id {assessment_id}")
    row, project = found
    parts = {}
    for field, row_type, model in PARTS:
        rows = session.exec(select(row_type).where(row_type.assessment_id == assessment_id)
                            .order_by(row_type.position)).all()
        parts[field] = [model.model_validate(r.model_dump(exclude=_ROW_ONLY)) for r in rows]
    doc = Assessment(
        project=project, title=row.title, date=row.date, status=row.status,
        overall={"score": row.overall_score, "max": row.overall_max} if row.overall_max else None,
        time_to_ready=row.time_to_ready, stated_totals=StatedTotals.model_validate(row.stated_totals),
        source=Source(file=row.source_file, sha256=row.source_sha256, importer=row.importer,
                      warnings=row.warnings),
        **parts,
    )
    return doc.model_copy(update={"audit": audit_claims(doc)})


def delete_assessment(*, session: Session, assessment_id: int) -> None:
    """Remove one assessment and its parts (the caller commits)."""
    for _field, row_type, _model in PARTS:
        session.exec(delete(row_type).where(col(row_type.assessment_id) == assessment_id))
    session.exec(delete(AssessmentRow).where(col(AssessmentRow.id) == assessment_id))
