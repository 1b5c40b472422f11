"""Saving an edited assessment as a new version with a decision record, and reading the records back.

A save is one transaction: the new version and its decision are stored together or not at all, and
the version it was made from is never changed. Identical content is not stored twice (as on import).
"""

from __future__ import annotations

import datetime as dt

from sqlalchemy.engine import Engine
from sqlmodel import Session, select

from readiness.analysis.edits import Change, Decision
from readiness.errors import InputError
from readiness.model import Assessment
from readiness.store.queries import SaveResult, _retrying, save_assessment
from readiness.store.tables import AssessmentRow, DecisionRow, ProjectRow

MAX_NOTE = 500


def _clean_note(note: str | None) -> str:
    text = " ".join((note or "").split())
    if not text:
        raise InputError(None, "a note is needed: say what was decided (\"planning 25 Nov: accepted the risk\")")
    if len(text) > MAX_NOTE:
        raise InputError(None, f"the note is {len(text)} characters; keep it under {MAX_NOTE}")
    return text


def record_decision(*, session: Session, assessment_id: int, note: str, author: str | None,
                    changes: list[Change], based_on_id: int | None = None, kind: str = "edit") -> DecisionRow:
    """Add a decision record in the session's transaction (the caller commits)."""
    row = DecisionRow(assessment_id=assessment_id, based_on_id=based_on_id, kind=kind, note=_clean_note(note),
                      author=" ".join((author or "").split()) or None,
                      changes=[change.as_dict() for change in changes])
    session.add(row)
    session.flush()
    return row


def save_version(*, engine: Engine, doc: Assessment, based_on_id: int | None, note: str, author: str | None,
                 changes: list[Change], kind: str = "edit") -> SaveResult:
    """Store `doc` as the next version of its project with its decision, in one transaction.

    Refused (InputError, nothing stored) when nothing changed or the note is blank. When the content
    equals a version already stored, nothing is added and the result says so (created=False).
    """
    note = _clean_note(note)
    if kind == "edit" and not changes:
        raise InputError(None, "nothing changed; there is nothing to save")

    def save(session: Session) -> SaveResult:
        result = save_assessment(session=session, doc=doc)
        if result.created:
            record_decision(session=session, assessment_id=result.assessment_id, note=note, author=author,
                            changes=changes, based_on_id=based_on_id, kind=kind)
        return result

    # The write transaction every import uses: the write lock first, again when a concurrent import of
    # the same project raced this one, a store fault as one sentence.
    return _retrying(engine, save, 8)


def _decision(row: DecisionRow) -> Decision:
    made = row.made_at if row.made_at.tzinfo else row.made_at.replace(tzinfo=dt.timezone.utc)
    return Decision(assessment_id=row.assessment_id, based_on_id=row.based_on_id, kind=row.kind, note=row.note,
                    author=row.author, made_at=made.astimezone(dt.timezone.utc).strftime("%Y-%m-%d %H:%M UTC"),
                    changes=[c.get("text", "") for c in row.changes if isinstance(c, dict)])


def decisions_for(*, session: Session, assessment_id: int) -> list[Decision]:
    """The decisions that made this version (an edit, or corrections on import), oldest first."""
    rows = session.exec(select(DecisionRow).where(DecisionRow.assessment_id == assessment_id)
                        .order_by(DecisionRow.made_at, DecisionRow.id)).all()
    return [_decision(row) for row in rows]


def project_decisions(*, session: Session, project: str) -> list[tuple[int, Decision]]:
    """(version, decision) for every decision on a project's versions, oldest first."""
    rows = session.exec(select(DecisionRow, AssessmentRow.version).join(
        AssessmentRow, AssessmentRow.id == DecisionRow.assessment_id).join(ProjectRow)
        .where(ProjectRow.name == project).order_by(AssessmentRow.version, DecisionRow.id)).all()
    return [(version, _decision(row)) for row, version in rows]
