"""The store: save, list, fetch and delete assessments. Small verb_noun functions, keyword-only.

Every import is atomic per document: `import_assessment` runs one transaction, `import_batch` one
transaction per batch with a SAVEPOINT per document, so a failure half-way leaves no partial
assessment and fails only its own document. Identical content is stored once per project; a
different assessment of a known project becomes its next version.

Reads are narrow: lists select the summary columns of the assessment row (computed at import), one
project's versions or each project's latest, in the order the composite index keeps.
"""

from __future__ import annotations

import datetime as dt
import functools
import hashlib
import json
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

from pydantic import BaseModel
from sqlalchemy import (Select, String, and_, bindparam, cast, exists, func, insert, literal_column, or_, true,
                        union_all, update)
from sqlalchemy.orm import aliased
from sqlalchemy.engine import Connection, Engine
from sqlalchemy.exc import IntegrityError, OperationalError, SQLAlchemyError
from sqlmodel import Session, col, delete, select

from readiness.analysis.audit import audit_claims
from readiness.analysis.costs import cost_totals
from readiness.analysis.summary import AssessmentSummary, ScorePoint
from readiness.analysis.trend import TrendPoint
from readiness.model import (Action, Assessment, Category, ChecklistItem, CostItem, Duration, Finding,
                             Phase, Risk, Source, StatedTotals)
from readiness.store import engine as store_engine
from readiness.store.db import store_error
from readiness.store.listing import stored_timestamp
from readiness.store.tables import (ORDER_DATE, ActionRow, AssessmentRow, CategoryRow, ChecklistRow, CostRow,
                                    FindingRow, PhaseRow, ProjectRow, RiskRow)

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
# Source fields a version read from git carries, kept in columns named source_<field>.
GIT_SOURCE_FIELDS = ("path", "commit", "commit_date", "author_date", "commit_message", "dated_by")
# Oldest to newest within a project; the index ix_assessment_project_order holds this order.
ORDER_KEY = (ORDER_DATE, AssessmentRow.version)


@dataclass(frozen=True)
class SaveResult:
    """What an import did."""

    assessment_id: int
    project: str
    version: int
    created: bool  # False when identical content was already stored


@dataclass(frozen=True)
class Prepared:
    """A document turned into plain rows, ready to insert: made where it was parsed (a worker
    process in a bulk import), so that storing is SQL only. Pickles small."""

    project: str
    digest: str
    assessment: dict  # the assessment row's columns, less project_id, version and imported_at
    parts: dict[str, list[dict]] = field(default_factory=dict)  # table name -> rows, less assessment_id


def content_hash(doc: Assessment) -> str:
    """SHA-256 of the document's own content (not its audit or source)."""
    canonical = json.dumps(doc.content(), sort_keys=True, ensure_ascii=False, separators=(",", ":"))
    return hashlib.sha256(canonical.encode()).hexdigest()


def _now() -> dt.datetime:
    return dt.datetime.now(dt.timezone.utc)


def _assessment_values(doc: Assessment) -> dict:
    totals = cost_totals(doc)
    cost = (*totals.first_month, totals.currency) if totals else None
    source = doc.source or Source()
    return dict(
        title=doc.title, date=doc.date, status=doc.status,
        overall_score=doc.overall.score if doc.overall else None,
        overall_max=doc.overall.max if doc.overall else None,
        overall_percent=doc.overall_percent,
        time_to_ready=doc.time_to_ready.model_dump() if doc.time_to_ready else None,
        stated_totals=doc.stated_totals.model_dump(mode="json"),
        source_file=source.file, source_sha256=source.sha256, importer=source.importer,
        warnings=[w.model_dump() for w in source.warnings],
        read_facts=[f.model_dump() for f in source.facts],
        **{f"source_{name}": getattr(source, name) for name in GIT_SOURCE_FIELDS},
        blockers=sum(1 for c in doc.categories if c.blocker),
        critical_findings=sum(1 for f in doc.findings if f.severity == "critical"),
        high_findings=sum(1 for f in doc.findings if f.severity == "high"),
        risks=len(doc.risks),
        plan_days=max((p.end_day for p in doc.phases), default=0),
        first_month_cost_min=cost[0] if cost else None,
        first_month_cost_max=cost[1] if cost else None,
        currency=cost[2] if cost else None,
    )


def prepare(doc: Assessment) -> Prepared:
    """The document as rows: its hash, the assessment row's values and every part's rows in order."""
    parts = {}
    for name, row_type, _model in PARTS:
        columns = row_type.__table__.columns.keys()
        parts[row_type.__tablename__] = [
            {"position": position, **{k: v for k, v in item.model_dump(mode="json").items() if k in columns}}
            for position, item in enumerate(getattr(doc, name))]
    return Prepared(project=doc.project, digest=content_hash(doc), assessment=_assessment_values(doc), parts=parts)


# Statements built once: an import runs them thousands of times, and building and caching a
# statement costs more than running it. Rows go through the connection (Core), not the ORM.
_FIND_PROJECT = select(ProjectRow.id).where(ProjectRow.name == bindparam("name"))
_FIND_CONTENT = select(AssessmentRow.id, AssessmentRow.version).where(
    AssessmentRow.project_id == bindparam("project_id"), AssessmentRow.content_sha256 == bindparam("digest"))
_LAST_VERSION = select(func.max(AssessmentRow.version)).where(AssessmentRow.project_id == bindparam("project_id"))
_INSERT_PROJECT = insert(ProjectRow.__table__)
_INSERT_ASSESSMENT = insert(AssessmentRow.__table__)
_INSERT_PART = {row_type.__tablename__: insert(row_type.__table__) for _name, row_type, _model in PARTS}


def get_or_create_project(*, session: Session, name: str) -> int:
    """The id of the project of that name, created when new."""
    connection = session.connection()
    found = connection.execute(_FIND_PROJECT, {"name": name}).scalar()
    if found is None:
        found = connection.execute(_INSERT_PROJECT, {"name": name, "created_at": _now()}).inserted_primary_key[0]
    return found


def add_parts(*, session: Session, assessment_id: int, parts: dict[str, list[dict]]) -> None:
    """Write every part of the document as rows of its table, one multi-row insert per table."""
    connection = session.connection()
    for _name, row_type, _model in PARTS:
        rows = parts.get(row_type.__tablename__)
        if rows:
            connection.execute(_INSERT_PART[row_type.__tablename__],
                               [{"assessment_id": assessment_id, **row} for row in rows])


def save_prepared(*, session: Session, prepared: Prepared) -> SaveResult:
    """Store prepared rows in the session's transaction; identical content is not stored twice."""
    project_id = get_or_create_project(session=session, name=prepared.project)
    connection = session.connection()
    existing = connection.execute(_FIND_CONTENT, {"project_id": project_id, "digest": prepared.digest}).first()
    if existing is not None:
        return SaveResult(existing.id, prepared.project, existing.version, created=False)
    last = connection.execute(_LAST_VERSION, {"project_id": project_id}).scalar()
    version = (last or 0) + 1
    assessment_id = connection.execute(_INSERT_ASSESSMENT, {
        "project_id": project_id, "version": version, "content_sha256": prepared.digest, "imported_at": _now(),
        **prepared.assessment}).inserted_primary_key[0]
    add_parts(session=session, assessment_id=assessment_id, parts=prepared.parts)
    refresh_latest(connection=connection, project_id=project_id)
    return SaveResult(assessment_id, prepared.project, version, created=True)


def save_assessment(*, session: Session, doc: Assessment) -> SaveResult:
    """Store a document in the session's transaction; identical content is not stored twice."""
    return save_prepared(session=session, prepared=prepare(doc))


def _retrying(engine: Engine, work, attempts: int, *, raise_races: bool = False):
    """Run `work(session)` in one write transaction, again when a concurrent import raced us.

    A store that cannot take it (read-only, full, locked beyond the busy timeout, server down)
    raises StoreError: one sentence naming the store and what to do. Nothing is half-stored.
    With `raise_races`, a race still lost at the last attempt (a clash, a lock) is raised as it is,
    for the caller to go again another way.
    """
    for attempt in range(attempts):
        started = time.monotonic()
        try:
            with Session(engine) as session:
                # SQLite: take the write lock first, so concurrent imports queue rather than fail.
                session.connection(execution_options={"sqlite_immediate": True})
                result = work(session)
                session.commit()
                return result
        except IntegrityError as error:
            # Another import created the same project or content first; the retry will see it.
            if attempt == attempts - 1:
                if raise_races:
                    raise
                raise store_error(error, engine.url) from error
        except OperationalError as error:
            # SQLite has already waited the busy timeout for a held lock: that is a fault, not a race.
            waited = time.monotonic() - started
            fault = "locked" not in str(error).lower() or waited >= store_engine.BUSY_TIMEOUT_MS / 2000
            if not fault and raise_races and attempt == attempts - 1:
                raise
            if fault or attempt == attempts - 1:
                raise store_error(error, engine.url) from error
        except (SQLAlchemyError, OSError) as error:
            raise store_error(error, engine.url) from error
        time.sleep(0.05 * (attempt + 1))
    raise AssertionError("unreachable")


def import_assessment(*, engine: Engine, doc: Assessment | Prepared, attempts: int = 8) -> SaveResult:
    """Save a document in one transaction of its own, retrying when a concurrent import raced us."""
    prepared = doc if isinstance(doc, Prepared) else prepare(doc)
    return _retrying(engine, lambda session: save_prepared(session=session, prepared=prepared), attempts)


def import_batch(*, engine: Engine, items: Sequence[Prepared], attempts: int = 8,
                 progress: Callable[[int, int], None] | None = None) -> list[SaveResult | Exception]:
    """Store many documents in one transaction, each inside a SAVEPOINT of its own.

    A document that fails (any exception) is rolled back to its savepoint alone and its exception
    returned in its place; the others are committed together. Results come in the order given.
    Where the batch as a whole cannot commit (a concurrent import raced us), each document is
    imported on its own instead. `progress(done, total)` is called after each document.
    """

    def store_all(session: Session) -> list[SaveResult | Exception]:
        outcomes: list[SaveResult | Exception] = []
        for done, prepared in enumerate(items, 1):
            try:
                with session.begin_nested():
                    outcomes.append(save_prepared(session=session, prepared=prepared))
            except (IntegrityError, OperationalError):
                raise  # a race or a lock: the whole batch goes again, one document at a time
            except Exception as error:  # noqa: BLE001 - one bad document must not stop the batch
                outcomes.append(error)
            if progress:
                progress(done, len(items))
        return outcomes

    if not items:
        return []
    try:
        return _retrying(engine, store_all, 1, raise_races=True)
    except (IntegrityError, OperationalError):
        outcomes: list[SaveResult | Exception] = []
        for done, prepared in enumerate(items, 1):
            try:
                outcomes.append(import_assessment(engine=engine, doc=prepared, attempts=attempts))
            except Exception as error:  # noqa: BLE001
                outcomes.append(error)
            if progress:
                progress(done, len(items))
        return outcomes


# The columns of a summary, in AssessmentSummary's order: a narrow select. time_to_ready and
# imported_at come as text (cast: PostgreSQL's driver would parse JSON and timestamps itself, to be
# dumped again for the key of _duration): each distinct value is decoded once.
_SUMMARY_COLUMNS = (
    AssessmentRow.id, ProjectRow.name, AssessmentRow.version, AssessmentRow.title, AssessmentRow.date,
    AssessmentRow.status, AssessmentRow.overall_score, AssessmentRow.overall_max, AssessmentRow.overall_percent,
    cast(AssessmentRow.time_to_ready, String), AssessmentRow.blockers, AssessmentRow.critical_findings,
    AssessmentRow.high_findings, AssessmentRow.risks, AssessmentRow.plan_days, AssessmentRow.first_month_cost_min,
    AssessmentRow.first_month_cost_max, AssessmentRow.currency, AssessmentRow.source_file,
    cast(AssessmentRow.imported_at, String),
)


@functools.lru_cache(maxsize=1024)
def _duration(stored: str | dict | None) -> Duration | None:
    # Few distinct durations recur across thousands of rows; a Duration is never changed in place.
    if stored is None:
        return None
    value = json.loads(stored) if isinstance(stored, str) else stored
    return Duration.model_validate(value) if value else None


def _summaries(session: Session, query: Select, parameters: dict | None = None, *,
               extra: list | None = None) -> list[AssessmentSummary]:
    # `extra`: the query adds one column after a summary's (a window count); its values are appended there.
    rows = []
    for row in session.connection().execute(query, parameters or {}).all():
        values = list(row)
        if extra is not None:
            extra.append(values.pop())
        stored = values[9]
        values[9] = _duration(stored if not isinstance(stored, dict) else json.dumps(stored, sort_keys=True))
        values[-1] = stored_timestamp(values[-1])
        rows.append(AssessmentSummary(*values))
    return rows


def _summary_select() -> Select:
    return select(*_SUMMARY_COLUMNS).join_from(AssessmentRow, ProjectRow,
                                               AssessmentRow.project_id == ProjectRow.id)


def list_assessments(*, session: Session, project: str | None = None, offset: int = 0,
                     limit: int | None = None) -> list[AssessmentSummary]:
    """Stored assessments, by project, then oldest to newest (by date, then import order); a page of
    them with `offset` and `limit`."""
    query = _summary_select()
    if project is not None:
        query = query.where(ProjectRow.name == project)
    query = query.order_by(ProjectRow.name, *ORDER_KEY).offset(offset).limit(limit)
    return _summaries(session, query)


# Read statements, built once with bound parameters: building and compiling one costs 1-10 ms,
# running it a fraction of a millisecond, and pages run them on every cold read.
_NO_LIMIT = 2**62  # a LIMIT every database takes
_PROJECT_ID = select(ProjectRow.id).where(ProjectRow.name == bindparam("project")).scalar_subquery()
_NEWEST_FIRST = tuple(key.desc() for key in ORDER_KEY)
_VERSIONS = (_summary_select().where(AssessmentRow.project_id == _PROJECT_ID).order_by(*_NEWEST_FIRST)
             .limit(bindparam("last")).offset(bindparam("skip")))
_COUNT_VERSIONS = select(func.count()).select_from(AssessmentRow).where(AssessmentRow.project_id == _PROJECT_ID)
# A page of versions with the project's count of versions on each row: what the sidebar needs in one
# round trip. The count is an uncorrelated subquery, run once and from the index alone (a window count
# would build every version's row before the page is cut: 2,000 rows for a page of 50).
_VERSION_PAGE = (select(*_SUMMARY_COLUMNS, _COUNT_VERSIONS.scalar_subquery().label("total"))
                 .join_from(AssessmentRow, ProjectRow, AssessmentRow.project_id == ProjectRow.id)
                 .where(AssessmentRow.project_id == _PROJECT_ID).order_by(*_NEWEST_FIRST)
                 .limit(bindparam("last")).offset(bindparam("skip")))
_PLACE = select(AssessmentRow.project_id, ORDER_DATE, AssessmentRow.version).where(AssessmentRow.id == bindparam("id"))
_BEFORE = (_summary_select().where(AssessmentRow.project_id == bindparam("project_id"), or_(
    ORDER_DATE < bindparam("date"), and_(ORDER_DATE == bindparam("date"), AssessmentRow.version < bindparam("version"))))
    .order_by(*_NEWEST_FIRST).limit(1))
_ONE = _summary_select().where(AssessmentRow.id == bindparam("id"))


def _latest_id() -> object:
    """The id of a project's newest assessment (a subquery correlated to the project, which the
    order index answers with one probe)."""
    newer = aliased(AssessmentRow)
    return (select(newer.id).where(newer.project_id == ProjectRow.id)
            .order_by(func.coalesce(newer.date, literal_column("''")).desc(), newer.version.desc())
            .limit(1).correlate(ProjectRow).scalar_subquery())


def _kept_latest() -> dict:
    newest = aliased(AssessmentRow)
    latest = _latest_id()
    return {"latest_id": latest,
            "latest_percent": select(newest.overall_percent).where(newest.id == latest).scalar_subquery()}


# Each project row keeps its newest assessment and its overall percent: set again after every
# import and deletion in the same transaction, and for older stores on open (db.create_tables).
_REFRESH_LATEST = update(ProjectRow).where(ProjectRow.id == bindparam("pid")).values(**_kept_latest())
_MISSING_LATEST = (ProjectRow.latest_id.is_(None),  # and has an assessment: a leftover row from an earlier release has none
                   exists().where(AssessmentRow.project_id == ProjectRow.id).correlate(ProjectRow))
_REFRESH_MISSING_LATEST = update(ProjectRow).where(*_MISSING_LATEST).values(**_kept_latest())
_LATEST_MISSING = select(ProjectRow.id).where(*_MISSING_LATEST).limit(1)


def refresh_latest(*, connection: Connection, project_id: int | None = None) -> None:
    """Set the newest assessment (and its percent) kept on one project's row, or on every row that
    lacks it (a store from before they were kept) when no project is given."""
    if project_id is not None:
        connection.execute(_REFRESH_LATEST, {"pid": project_id})
    elif connection.execute(_LATEST_MISSING).first() is not None:
        connection.execute(_REFRESH_MISSING_LATEST)


_LATEST = select(*_SUMMARY_COLUMNS).join_from(ProjectRow, AssessmentRow, AssessmentRow.id == ProjectRow.latest_id)
_LATEST_BY_NAME = _LATEST.order_by(ProjectRow.name).limit(bindparam("limit")).offset(bindparam("offset"))
_LATEST_WORST_FIRST = (_LATEST.order_by(ProjectRow.latest_percent.is_(None), ProjectRow.latest_percent,
                                        ProjectRow.name).limit(bindparam("limit")).offset(bindparam("offset")))
# A project row exists only with an assessment (created with its first, deleted with its last): no
# per-project probe is needed to list them.
_PROJECTS = select(ProjectRow.name).order_by(ProjectRow.name)


def list_versions(*, session: Session, project: str, last: int | None = None,
                  skip_newest: int = 0) -> list[AssessmentSummary]:
    """One project's assessments oldest to newest; with `last`, only that many of the newest, after
    leaving out the `skip_newest` newest (a page of versions, newest pages first)."""
    found = _summaries(session, _VERSIONS, {"project": project, "last": _NO_LIMIT if last is None else last,
                                            "skip": skip_newest})
    return found[::-1]


def version_page(*, session: Session, project: str, last: int, skip_newest: int = 0) -> tuple[int, list[AssessmentSummary]]:
    """How many versions a project has, and a page of them as list_versions gives it, in one read (a
    second only for a page past the end, which has no row to carry the count)."""
    totals: list[int] = []
    found = _summaries(session, _VERSION_PAGE, {"project": project, "last": last, "skip": skip_newest}, extra=totals)
    count = totals[0] if totals else count_versions(session=session, project=project)
    return count, found[::-1]


def count_versions(*, session: Session, project: str) -> int:
    """How many assessments one project has."""
    return session.connection().execute(_COUNT_VERSIONS, {"project": project}).scalar_one()


def previous_version(*, session: Session, assessment_id: int) -> AssessmentSummary | None:
    """The version of the same project just before this one (by date, then version), or None."""
    found = session.connection().execute(_PLACE, {"id": assessment_id}).first()
    if found is None:
        return None
    project_id, date, version = found
    earlier = _summaries(session, _BEFORE, {"project_id": project_id, "date": date, "version": version})
    return earlier[0] if earlier else None


def latest_per_project(*, session: Session, offset: int = 0, limit: int | None = None,
                       worst_first: bool = False) -> list[AssessmentSummary]:
    """Each project's newest assessment, by project name (or lowest overall score first, unscored
    last); a page of them with `offset` and `limit`."""
    return _summaries(session, _LATEST_WORST_FIRST if worst_first else _LATEST_BY_NAME,
                      {"limit": _NO_LIMIT if limit is None else limit, "offset": offset})


def latest_assessments(*, session: Session) -> list[AssessmentSummary]:
    """Each project's newest assessment, by project name."""
    return latest_per_project(session=session)


# What a point on a score line needs, in ScorePoint's order; all among the row's first columns, so that
# a read never walks past the large JSON ones (date is the fifth: the orderings below rely on it).
_POINT_COLUMNS = (AssessmentRow.id, ProjectRow.name, AssessmentRow.version, AssessmentRow.title, AssessmentRow.date,
                  AssessmentRow.overall_percent, cast(AssessmentRow.imported_at, String))


@functools.lru_cache(maxsize=16)
def _histories(count: int) -> Select:
    # One statement for `count` projects: each branch one index range (a project's newest `last`),
    # then oldest to newest within each project. Built once per number of projects.
    def newest(n: int):
        project_id = select(ProjectRow.id).where(ProjectRow.name == bindparam(f"name_{n}")).scalar_subquery()
        return (select(*_POINT_COLUMNS).join_from(AssessmentRow, ProjectRow, AssessmentRow.project_id == ProjectRow.id)
                .where(AssessmentRow.project_id == project_id).order_by(*_NEWEST_FIRST)
                .limit(bindparam("last")).subquery(f"newest_{n}"))

    branches = [newest(n) for n in range(count)]
    found = union_all(*(select(*branch.c) for branch in branches)).subquery("found")
    columns = list(found.c)
    return select(*columns).order_by(columns[1], func.coalesce(columns[4], literal_column("''")), columns[2])


def _lateral_histories() -> Select:
    # PostgreSQL: the same as one statement it plans in a third of the time (one LATERAL branch).
    newest = (select(*_POINT_COLUMNS).where(AssessmentRow.project_id == ProjectRow.id).order_by(*_NEWEST_FIRST)
              .limit(bindparam("last")).correlate(ProjectRow).lateral("newest"))
    columns = list(newest.c)
    return (select(*columns).select_from(ProjectRow).join(newest, true())
            .where(ProjectRow.name.in_(bindparam("names", expanding=True)))
            .order_by(columns[1], func.coalesce(columns[4], literal_column("''")), columns[2]))


_LATERAL_HISTORIES = _lateral_histories()


def score_histories(*, session: Session, projects: Sequence[str], last: int) -> dict[str, list[ScorePoint]]:
    """The newest `last` versions of each named project as score points, oldest to newest: one query,
    one index range per project, however many versions each has."""
    names = list(dict.fromkeys(projects))
    found: dict[str, list[ScorePoint]] = {name: [] for name in names}
    if not names:
        return found
    if session.get_bind().dialect.name == "postgresql":
        query, parameters = _LATERAL_HISTORIES, {"last": last, "names": names}
    else:
        query, parameters = _histories(len(names)), {"last": last, **{f"name_{n}": name for n, name in enumerate(names)}}
    for *values, imported_at in session.connection().execute(query, parameters).all():
        found[values[1]].append(ScorePoint(*values, stored_timestamp(imported_at)))
    return found


def get_summary(*, session: Session, assessment_id: int) -> AssessmentSummary | None:
    """One stored assessment's summary, or None."""
    found = _summaries(session, _ONE, {"id": assessment_id})
    return found[0] if found else None


def list_projects(*, session: Session) -> list[str]:
    """Names of the projects that have at least one assessment, in name order."""
    return list(session.connection().execute(_PROJECTS).scalars().all())


_NEWEST_PROJECT = select(ProjectRow.name).order_by(ProjectRow.id.desc()).limit(1).scalar_subquery()
_PROJECTS_STAMP = select(func.count(), func.max(ProjectRow.id), _NEWEST_PROJECT).select_from(ProjectRow)


def projects_stamp(*, session: Session) -> tuple[int, int | None, str | None]:
    """What changes whenever the set of project names changes, in one small read: how many projects,
    the highest id and the name under it.

    A new project always takes an id above every id in use (a PostgreSQL sequence never goes back;
    SQLite gives the largest rowid plus one), so a project created since moves the highest id, or
    takes the one freed by deleting the newest project: then the name under it differs, or else the
    count does (names are unique). A deletion alone lowers the count.
    """
    count, highest, name = session.connection().execute(_PROJECTS_STAMP).one()
    return count, highest, name


def count_assessments(*, session: Session) -> int:
    """How many assessments the store holds."""
    return session.execute(select(func.count()).select_from(AssessmentRow)).scalar_one()


_DOCUMENT = (select(AssessmentRow.__table__, ProjectRow.name.label("project_name"))
             .join_from(AssessmentRow, ProjectRow, AssessmentRow.project_id == ProjectRow.id)
             .where(AssessmentRow.id == bindparam("id")))
_PART_ROWS = {row_type.__tablename__: select(*(c for c in row_type.__table__.columns if c.name not in _ROW_ONLY))
              .where(row_type.__table__.c.assessment_id == bindparam("id")).order_by(row_type.__table__.c.position)
              for _field, row_type, _model in PARTS}


def get_assessment(*, session: Session, assessment_id: int) -> Assessment:
    """A stored assessment as a readiness/v1 document, with its audit and source."""
    connection = session.connection()
    found = connection.execute(_DOCUMENT, {"id": assessment_id}).mappings().first()
    if found is None:
        raise LookupError(f"no assessment with id {assessment_id}")
    parts = {}
    for name, row_type, model in PARTS:
        rows = connection.execute(_PART_ROWS[row_type.__tablename__], {"id": assessment_id}).mappings().all()
        parts[name] = [model.model_validate(dict(r)) for r in rows]
    doc = Assessment(
        project=found["project_name"], title=found["title"], date=found["date"], status=found["status"],
        overall={"score": found["overall_score"], "max": found["overall_max"]} if found["overall_max"] else None,
        time_to_ready=found["time_to_ready"], stated_totals=StatedTotals.model_validate(found["stated_totals"]),
        source=Source(file=found["source_file"], sha256=found["source_sha256"], importer=found["importer"],
                      warnings=found["warnings"], facts=found["read_facts"] or [],
                      **{name: found[f"source_{name}"] for name in GIT_SOURCE_FIELDS}),
        **parts,
    )
    return doc.model_copy(update={"audit": audit_claims(doc)})


def delete_assessment(*, session: Session, assessment_id: int) -> None:
    """Remove one assessment and its parts, and its project with its last assessment (the caller commits)."""
    project_id = session.connection().execute(select(AssessmentRow.project_id).where(
        AssessmentRow.id == assessment_id)).scalar()
    for _field, row_type, _model in PARTS:
        session.exec(delete(row_type).where(col(row_type.assessment_id) == assessment_id))
    session.exec(delete(AssessmentRow).where(col(AssessmentRow.id) == assessment_id))
    if project_id is not None:
        session.exec(delete(ProjectRow).where(col(ProjectRow.id) == project_id, ~exists().where(
            AssessmentRow.project_id == project_id)))
        refresh_latest(connection=session.connection(), project_id=project_id)


def import_many(*, engine: Engine, docs: list[Assessment],
                progress: Callable[[int, int], None] | None = None) -> list[SaveResult | str]:
    """Store many documents (a history's versions) as `import_batch` does: one transaction, each document
    in a savepoint of its own. A document that cannot be prepared or written is reported as its error in
    words, and the others are stored; a store that refuses the whole batch raises StoreError."""
    prepared: list[Prepared | str] = []
    for doc in docs:
        try:
            prepared.append(prepare(doc))
        except ValueError as error:
            prepared.append(_not_stored(error))
    outcomes = iter(import_batch(engine=engine, items=[item for item in prepared if isinstance(item, Prepared)],
                                 progress=progress))
    results: list[SaveResult | str] = []
    for item in prepared:
        outcome = item if isinstance(item, str) else next(outcomes)
        results.append(_not_stored(outcome) if isinstance(outcome, Exception) else outcome)
    return results


def _not_stored(error: Exception) -> str:
    return f"not stored ({type(error).__name__}: {str(error).splitlines()[0] if str(error) else 'no detail'})"


def stored_commits(*, session: Session) -> set[tuple[str, str]]:
    """(commit, path) of every stored version read from a git history."""
    query = select(AssessmentRow.source_commit, AssessmentRow.source_path).where(
        col(AssessmentRow.source_commit).is_not(None))
    return {(commit, path) for commit, path in session.exec(query).all()}


# A project's trend: the few columns a point needs (not the whole row with its JSON), its newest
# versions first (the order index), and the category scores of those versions in one join.
_TREND = (select(AssessmentRow.id, AssessmentRow.version, AssessmentRow.date, AssessmentRow.source_dated_by,
                 AssessmentRow.source_commit_date, AssessmentRow.overall_percent, AssessmentRow.source_commit,
                 AssessmentRow.source_commit_message)
          .where(AssessmentRow.project_id == _PROJECT_ID).order_by(*_NEWEST_FIRST).limit(bindparam("last")))
_TREND_IDS = (select(AssessmentRow.id).where(AssessmentRow.project_id == _PROJECT_ID).order_by(*_NEWEST_FIRST)
              .limit(bindparam("last")).subquery("newest"))
_TREND_CATEGORIES = (select(CategoryRow.assessment_id, CategoryRow.name, CategoryRow.score, CategoryRow.max)
                     .join_from(CategoryRow, _TREND_IDS, CategoryRow.assessment_id == _TREND_IDS.c.id)
                     .where(CategoryRow.score.is_not(None))
                     .order_by(CategoryRow.assessment_id, CategoryRow.position))


def list_trend(*, session: Session, project: str, categories: bool = True,
               last: int | None = None) -> list[TrendPoint]:
    """A project's stored versions as trend points (overall, category percents, git source), in version
    order; with `last`, only its newest `last` versions (by date, then version); without `categories`,
    the points carry no category scores (one query instead of two)."""
    connection = session.connection()
    limit = {"project": project, "last": _NO_LIMIT if last is None else last}
    rows = sorted(connection.execute(_TREND, limit).all(), key=lambda row: row.version)
    scores: dict[int, dict[str, float]] = {row.id: {} for row in rows}
    if rows and categories:
        # A category named with a grade or a blank score has no point.
        for assessment_id, name, score, top in connection.execute(_TREND_CATEGORIES, limit).all():
            scores[assessment_id].setdefault(name, 100.0 * score / top)
    return [TrendPoint(assessment_id=row.id, version=row.version, date=row.date, dated_by=row.source_dated_by,
                       commit_date=row.source_commit_date, overall_percent=row.overall_percent,
                       categories=scores[row.id], commit=row.source_commit, note=row.source_commit_message)
            for row in rows]
