"""Cached reads for the Streamlit app: settings, the engine, summaries, assessments, charts and tables.

Every cached function takes all its inputs as arguments (charts and tables take a key naming them),
so a cache entry never outlives a change of store. An import only adds assessments, and a stored
assessment never changes: after one, `clear_caches()` drops the lists (which the 30 s ttl also
refreshes) and keeps the documents and charts, keyed by the ids they show.
Reads are shared between sessions rather than copied: pages never change what they are given.
Pages read what a person can read, never every stored assessment: the project names, one project's
versions, a page of each project's latest, a few projects' recent scores. Each is one narrow query,
so a page costs the same with 1,000 or 100,000 assessments stored.
"""

from __future__ import annotations

import contextlib
import threading
from collections.abc import Callable, Iterator
from typing import NamedTuple

import plotly.graph_objects as go
import pyarrow as pa
import streamlit as st
from sqlalchemy.engine import Engine
from sqlalchemy.exc import SQLAlchemyError
from sqlmodel import Session

from readiness.analysis.edits import Decision
from readiness.analysis.summary import AssessmentSummary, ScorePoint
from readiness.analysis.trend import TrendPoint
from readiness.app.intake import Understood
from readiness.app.intake import understand as understand_file
from readiness.app import picker
from readiness.app.samples import load_samples_if_empty
from readiness.importers.budget import BoundedParser, shared_parser
from readiness.model import Assessment
from readiness.settings import get_settings
from readiness.errors import StoreError
from readiness.store.db import open_store, store_error
from readiness.store.decisions import decisions_for
from readiness.store.queries import (get_assessment, latest_per_project, list_projects, list_trend, list_versions,
                                     previous_version, projects_stamp, score_histories, version_page)

SUMMARIES_TTL_SECONDS = 30
PROJECT_NAMES_TTL_SECONDS = 600
VERSIONS_PER_PAGE = 50  # versions the sidebar lists at a time, newest page first
TREND_VERSIONS = 100  # the newest versions a chart over time draws


def database_url() -> str:
    """The store's URL from the settings (READINESS_DATABASE_URL)."""
    return get_settings().database_url


def max_upload_megabytes() -> int:
    """The uploader's per-file limit in whole megabytes, from READINESS_MAX_FILE_BYTES (rounded up)."""
    return max(1, -(-get_settings().max_file_bytes // (1024 * 1024)))


@st.cache_resource(show_spinner=False)
def engine_for(url: str) -> Engine:
    """One engine per database URL for the server's lifetime, samples loaded into an empty store."""
    engine = open_store(url)
    if get_settings().load_samples:
        load_samples_if_empty(engine=engine)
    return engine


# The session the reads of this script run share (see one_session_per_run), per server thread.
_RUN = threading.local()


@contextlib.contextmanager
def one_session_per_run(url: str) -> Iterator[None]:
    """The reads a script run makes share one session, opened by the first read the caches miss and
    ended when the run ends: a cold page pays for one connection check-out (on PostgreSQL a pre-ping
    and a transaction's round trips) instead of one per read, and its reads see one snapshot. A warm
    run opens none."""
    _RUN.url, _RUN.session, _RUN.memo = url, None, {}
    try:
        yield
    finally:
        end_run_reads()
        _RUN.url = _RUN.memo = None


def _once_per_run(key: tuple, read: Callable[[], object]):
    """What `read` gives, asked once per script run: the sidebar and the page ask for the same lists,
    and each ask of a Streamlit cache costs a hash of its arguments. Outside a run, `read` itself."""
    memo = getattr(_RUN, "memo", None)
    if memo is None:
        return read()
    if key not in memo:
        memo[key] = read()
    return memo[key]


def end_run_reads() -> None:
    """End the run's read session, if one is open: before a write (so that no read transaction is held
    while the store is written) and after one (so that later reads of the run see what was written)."""
    session, _RUN.session = getattr(_RUN, "session", None), None
    _RUN.memo = {} if getattr(_RUN, "url", None) else None  # what the run read may since have changed
    if session is not None:
        try:
            session.commit()
        finally:
            session.close()


@contextlib.contextmanager
def reading(url: str) -> Iterator[Session]:
    """A session for reads that ends with a commit: on PostgreSQL a rollback makes the driver drop
    every statement it prepared on that connection, and each cold read would be planned again (2 ms
    for the Overview's histories). Nothing is written. Inside one_session_per_run, the run's session."""
    if getattr(_RUN, "url", None) == url:
        if _RUN.session is None:
            _RUN.session = Session(engine_for(url))
        try:
            yield _RUN.session
        except BaseException:
            # A failed read leaves the session unusable: the run's next read starts a fresh one.
            failed, _RUN.session = _RUN.session, None
            failed.close()
            raise
        return
    with Session(engine_for(url)) as session:
        yield session
        session.commit()


def engine() -> Engine:
    """The engine of the configured store, for writing: the run's read session is ended first."""
    end_run_reads()
    return engine_for(database_url())


# A resource cache hands out the same object on every hit; a data cache would unpickle a copy of the
# summaries on every rerun. Summaries are frozen and tuples cannot grow.
# The ttl lets imports made elsewhere (the CLI, another server) show up without a restart.
@st.cache_resource(show_spinner=False, ttl=SUMMARIES_TTL_SECONDS)
def _projects(url: str) -> tuple[str, ...]:
    # Thousands of names are read again only when the set changed: most imports add versions to
    # known projects. The stamp is read after every import and every 30 s, like the other lists.
    with reading(url) as session:
        stamp = projects_stamp(session=session)
    return _project_names(url, stamp)


# Keyed by the stamp, so never stale: kept across imports (cleared with the documents), and dropped
# after PROJECT_NAMES_TTL_SECONDS in case a store file was replaced under a running server.
@st.cache_resource(show_spinner=False, ttl=PROJECT_NAMES_TTL_SECONDS, max_entries=8)
def _project_names(url: str, stamp: tuple) -> tuple[str, ...]:
    with reading(url) as session:
        return tuple(list_projects(session=session))


def projects(url: str) -> tuple[str, ...]:
    """The names of the projects with at least one stored assessment, in name order (read-only, shared).

    Empty when the store cannot be read: app.py then shows `store_problem()` above the page.
    """
    try:
        return _once_per_run(("projects", url), lambda: _projects(url))
    except (StoreError, SQLAlchemyError):
        return ()


def store_problem(url: str) -> str | None:
    """Why the store cannot be opened and read, in one sentence, or None when it can."""
    try:
        engine_for(url)
        _projects(url)
    except StoreError as error:
        return str(error)
    except SQLAlchemyError as error:
        return str(store_error(error, url))
    return None


@st.cache_resource(show_spinner=False, ttl=SUMMARIES_TTL_SECONDS, max_entries=64)
def _version_page(url: str, project: str, page: int) -> tuple[int, tuple[AssessmentSummary, ...]]:
    # The count and the page in one read: each read costs a connection round trip or more.
    with reading(url) as session:
        count, rows = version_page(session=session, project=project, last=VERSIONS_PER_PAGE,
                                   skip_newest=(page - 1) * VERSIONS_PER_PAGE)
        return count, tuple(rows)


def versions(url: str, project: str, page: int = 1) -> tuple[AssessmentSummary, ...]:
    """A page of one project's summaries (page 1: the newest VERSIONS_PER_PAGE), oldest to newest."""
    return _version_page_once(url, project, page)[1]


def version_count(url: str, project: str) -> int:
    """How many versions one project has."""
    return _version_page_once(url, project, 1)[0]


def _version_page_once(url: str, project: str, page: int) -> tuple[int, tuple[AssessmentSummary, ...]]:
    return _once_per_run(("versions", url, project, page), lambda: _version_page(url, project, page))


@st.cache_resource(show_spinner=False, ttl=SUMMARIES_TTL_SECONDS, max_entries=64)
def recent(url: str, project: str, last: int) -> tuple[AssessmentSummary, ...]:
    """One project's newest `last` summaries, oldest to newest."""
    with reading(url) as session:
        return tuple(list_versions(session=session, project=project, last=last))


@st.cache_resource(show_spinner=False, ttl=SUMMARIES_TTL_SECONDS, max_entries=64)
def previous(url: str, assessment_id: int) -> AssessmentSummary | None:
    """The summary of the version stored just before this one of the same project, if any."""
    with reading(url) as session:
        return previous_version(session=session, assessment_id=assessment_id)


class OverviewReads(NamedTuple):
    latest: tuple[AssessmentSummary, ...]  # a page of each project's latest, lowest score first
    histories: dict[str, tuple[ScorePoint, ...]]  # the newest versions of the first projects drawn
    trend: tuple[TrendPoint, ...]  # the picked project's newest TREND_VERSIONS, without category scores


@st.cache_resource(show_spinner=False, ttl=SUMMARIES_TTL_SECONDS, max_entries=64)
def overview_reads(url: str, project: str, page: int, size: int, lines: int, last: int) -> OverviewReads:
    """What the Overview reads besides the sidebar, in one session (each costs a round trip on
    PostgreSQL): page `page` of each project's latest; the newest `last` versions of the first
    `lines` projects of [project, those on the page], `project` left out (the sidebar lists it);
    and `project`'s trend (read-only, shared)."""
    with reading(url) as session:
        latest = tuple(latest_per_project(session=session, offset=(page - 1) * size, limit=size, worst_first=True))
        first = list(dict.fromkeys([project, *(s.project for s in latest)]))[:lines]
        others = [name for name in first if name != project]
        found = score_histories(session=session, projects=others, last=last) if others else {}
        points = list_trend(session=session, project=project, categories=False, last=TREND_VERSIONS)
    return OverviewReads(latest, {name: tuple(rows) for name, rows in found.items()}, tuple(points))


@st.cache_resource(show_spinner=False, ttl=SUMMARIES_TTL_SECONDS, max_entries=64)
def histories(url: str, names: tuple[str, ...], last: int) -> dict[str, tuple[ScorePoint, ...]]:
    """The newest `last` versions of each named project, oldest to newest (read-only, shared)."""
    with reading(url) as session:
        found = score_histories(session=session, projects=names, last=last)
    return {name: tuple(rows) for name, rows in found.items()}


# A version's decisions are written in the transaction that stores it and never change after: shared
# like the documents, read again only after a deletion (an id could then name another version).
@st.cache_resource(show_spinner=False, max_entries=256)
def decisions(url: str, assessment_id: int) -> tuple[Decision, ...]:
    """The decisions that made a stored version (read-only, shared)."""
    with reading(url) as session:
        return tuple(decisions_for(session=session, assessment_id=assessment_id))


# Shared rather than copied on each hit (see projects): pages read documents, never change them.
@st.cache_resource(show_spinner=False, max_entries=64)
def assessment(url: str, assessment_id: int) -> Assessment:
    """One stored assessment with its audit (read-only, shared)."""
    with reading(url) as session:
        return get_assessment(session=session, assessment_id=assessment_id)


def parser() -> BoundedParser:
    """The server's parse worker: every upload is read within READINESS_PARSE_SECONDS, sessions take turns
    (the one worker the process shares, the repository import's too)."""
    return shared_parser()


@st.cache_data(show_spinner=False, max_entries=256)
def understand(data: bytes, filename: str) -> Understood:
    """An uploaded file read once per content and name, within the parse time budget."""
    return understand_file(data, filename, parser())


# Shared like the summaries; a project's trend is one query for its versions and one for their categories.
@st.cache_resource(show_spinner=False, ttl=SUMMARIES_TTL_SECONDS, max_entries=32)
def trend(url: str, project: str) -> tuple[TrendPoint, ...]:
    """A project's newest TREND_VERSIONS versions as points on its time axis, in version order, with
    their category scores (read-only, shared). As many as a chart can show: a project's cost stays
    the same however long its history."""
    with reading(url) as session:
        return tuple(list_trend(session=session, project=project, last=TREND_VERSIONS))


MAX_FIGURES = 256
# Built figures and tables per store, shared by every session like a resource cache, but a plain dict:
# a page draws several charts, and asking Streamlit's cache for the dict on each costs more than a lookup.
_FIGURES: dict[str, dict[tuple, object]] = {}
_FIGURES_LOCK = threading.Lock()


class _SentFigure(go.Figure):
    """A finished figure whose dict is made once: st.plotly_chart asks for `to_dict()` on every rerun,
    which deep-copies every trace and walks it for arrays to encode (most of what drawing a cached
    chart costs), only to turn it into the same JSON. Nothing changes a cached figure, nor the dict."""

    _sent: dict | None = None

    def to_dict(self) -> dict:
        if self._sent is None:
            self._sent = super().to_dict()
        return self._sent


def chart(key: tuple, build: Callable[[], object]) -> go.Figure:
    """A chart built once per key (which must name every input of `build`) until the store changes.

    Building a figure costs more than drawing it; st.plotly_chart copies the figure, never changes it,
    and its dict is made once (see _SentFigure). Tables (Arrow) are kept as built.
    """
    figures = _FIGURES.setdefault(database_url(), {})
    found = figures.get(key)
    if found is None:
        found = build()
        if type(found) is go.Figure:
            found.__class__ = _SentFigure  # the same figure (copying one would validate it again)
        with _FIGURES_LOCK:
            if len(figures) >= MAX_FIGURES:
                figures.clear()
            figures[key] = found
    return found


def table(key: tuple, build: Callable[[], list[dict]]) -> pa.Table:
    """Table rows turned into an Arrow table once per key (naming every input of `build`).

    st.dataframe converts lists and pandas frames to Arrow on every rerun; an Arrow table it sends as is.
    """
    return chart(("table", *key), lambda: pa.Table.from_pylist(build()))


def clear_caches(*, everything: bool = False) -> None:
    """Forget the cached lists after an import (the engine stays); with `everything`, the documents,
    charts and comparisons too, as a deletion needs (an id could then name another assessment)."""
    end_run_reads()
    for read in (_projects, _version_page, recent, previous, overview_reads, histories, trend):
        read.clear()
    if everything:
        for read in (_project_names, assessment, decisions, comparison, agenda_text, slides):
            read.clear()
        with _FIGURES_LOCK:
            _FIGURES.clear()


def selected_summary() -> AssessmentSummary | None:
    """The summary of the assessment picked in the sidebar, or None."""
    state = st.session_state
    chosen, project = state.get("assessment_id"), state.get("project_pick")
    if chosen is None or project is None:
        return None
    return next((s for s in _sidebar_page(project) or () if s.id == chosen), None)


def _sidebar_page(project: str) -> tuple[AssessmentSummary, ...] | None:
    """The versions the sidebar lists, when it shows that project: as it listed them on this run (app.py
    draws the sidebar before the page), else from the cache (a page run on its own, as in tests)."""
    state = st.session_state
    if state.get("project_pick") != project:
        return None
    page = state.get("version_page", 1)
    listed = state.get(picker.LISTED)
    if listed is not None and listed[:2] == (project, page):
        return listed[2]
    return versions(database_url(), project, page)


def previous_summary(summary: AssessmentSummary) -> AssessmentSummary | None:
    """The version stored just before this one of the same project: from the sidebar's list when it
    holds it, else one query."""
    listed = _sidebar_page(summary.project) or ()
    at = next((i for i, row in enumerate(listed) if row.id == summary.id), None)
    if at:
        return listed[at - 1]
    return previous(database_url(), summary.id)


def newest(project: str, last: int) -> tuple[AssessmentSummary, ...]:
    """One project's newest `last` summaries, oldest to newest: from the sidebar's first page when it
    shows that project, else one query."""
    if st.session_state.get("version_page", 1) == 1 and (listed := _sidebar_page(project)) is not None:
        if last <= VERSIONS_PER_PAGE:
            return listed[-last:]
    return recent(database_url(), project, last)


def compare_versions(project: str, current: AssessmentSummary, last: int = VERSIONS_PER_PAGE) -> list[AssessmentSummary]:
    """The versions Compare offers for a project, oldest to newest: for the picked project the page of
    versions the sidebar shows (with the one before the picked version), for another its newest `last`."""
    url = database_url()
    if project != current.project:
        return list(recent(url, project, last))
    rows = list(versions(url, project, st.session_state.get("version_page", 1)))
    if (earlier := previous_summary(current)) is not None and earlier.id not in {r.id for r in rows}:
        rows.insert(0, earlier)
    return rows


def previous_id(assessment_id: int) -> int | None:
    """The id of the version stored before this one of the same project, if any."""
    current = selected_summary()
    if current is not None and current.id == assessment_id:
        earlier = previous_summary(current)
    else:
        earlier = previous(database_url(), assessment_id)
    return earlier.id if earlier else None


@st.cache_resource(show_spinner=False, max_entries=32)
def comparison(url: str, old_id: int, new_id: int):
    """What changed from one stored assessment to another (read-only, shared)."""
    from readiness.analysis.compare import compare_assessments

    return compare_assessments(assessment(url, old_id), assessment(url, new_id))


@st.cache_data(show_spinner=False, max_entries=32)
def agenda_text(url: str, old_id: int | None, new_id: int) -> str:
    """The meeting agenda of `new_id` against `old_id` (or a first meeting), as plain text."""
    from readiness.meeting.agenda import meeting_agenda

    previous = assessment(url, old_id) if old_id is not None else None
    return meeting_agenda(previous, assessment(url, new_id)).text()


@st.cache_resource(show_spinner=False, max_entries=32)
def slides(url: str, assessment_id: int, previous: int | None):
    """The present-mode slides of an assessment, the agenda against `previous` (read-only, shared)."""
    from readiness.meeting.slides import build_slides

    return build_slides(assessment(url, assessment_id),
                        assessment(url, previous) if previous is not None else None)
