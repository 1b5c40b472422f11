"""Cached reads for the Streamlit app: settings, the engine, summaries, assessments, charts and tables.

Every cached function takes all its inputs as arguments (charts and tables take a key naming them),
so a cache entry never outlives a change of store; `clear_caches()` drops them after an import.
Reads are shared between sessions rather than copied: pages never change what they are given.
"""

from __future__ import annotations

import functools
import os
from collections.abc import Callable

import plotly.graph_objects as go
import pyarrow as pa
import streamlit as st
from sqlalchemy.engine import Engine
from sqlalchemy.exc import SQLAlchemyError
from sqlmodel import Session

from readiness.analysis.summary import AssessmentSummary
from readiness.app.intake import Understood
from readiness.app.intake import understand as understand_file
from readiness.app.samples import load_samples_if_empty
from readiness.importers.budget import BoundedParser
from readiness.model import Assessment
from readiness.settings import Settings, get_settings
from readiness.errors import StoreError
from readiness.store.db import open_store, store_error
from readiness.store.queries import get_assessment, list_assessments

SUMMARIES_TTL_SECONDS = 30


_SETTING_VARIABLES = tuple(f"READINESS_{name.upper()}" for name in Settings.model_fields)


def database_url() -> str:
    """The store's URL from the settings (READINESS_DATABASE_URL)."""
    return _settings(_environment()).database_url


def max_upload_megabytes() -> int:
    """The uploader's per-file limit in whole megabytes, from READINESS_MAX_FILE_BYTES (rounded up)."""
    return max(1, -(-_settings(_environment()).max_file_bytes // (1024 * 1024)))


def _environment() -> tuple[str | None, ...]:
    return tuple(os.environ.get(name) for name in _SETTING_VARIABLES)


@functools.lru_cache(maxsize=8)
def _settings(environment: tuple[str | None, ...]) -> Settings:
    # Reading settings costs ~2 ms; keyed by the READINESS_* variables, a changed environment
    # (as in tests) still gets fresh settings.
    return get_settings()


@st.cache_resource(show_spinner=False)
def engine_for(url: str) -> Engine:
    """One engine per database URL for the server's lifetime, samples loaded into an empty store."""
    engine = open_store(url)
    if _settings(_environment()).load_samples:
        load_samples_if_empty(engine=engine)
    return engine


def engine() -> Engine:
    """The engine of the configured store."""
    return engine_for(database_url())


# A resource cache hands out the same object on every hit; a data cache would unpickle a copy of
# 1,000 summaries on every rerun (~30 ms). The summaries are frozen and the tuple cannot grow.
# The ttl lets imports made elsewhere (the CLI, another server) show up without a restart.
@st.cache_resource(show_spinner=False, ttl=SUMMARIES_TTL_SECONDS)
def _summaries(url: str) -> tuple[AssessmentSummary, ...]:
    with Session(engine_for(url)) as session:
        return tuple(list_assessments(session=session))


def summaries(url: str) -> tuple[AssessmentSummary, ...]:
    """Every stored assessment's summary, by project then oldest to newest (read-only, shared).

    Empty when the store cannot be read: app.py then shows `store_problem()` above the page.
    """
    try:
        return _summaries(url)
    except (StoreError, SQLAlchemyError):
        return ()


def store_problem(url: str) -> str | None:
    """Why the store cannot be opened and read, in one sentence, or None when it can."""
    try:
        engine_for(url)
        _summaries(url)
    except StoreError as error:
        return str(error)
    except SQLAlchemyError as error:
        return str(store_error(error, url))
    return None


# Shared rather than copied on each hit (see summaries): pages read documents, never change them.
@st.cache_resource(show_spinner=False, max_entries=64)
def assessment(url: str, assessment_id: int) -> Assessment:
    """One stored assessment with its audit (read-only, shared)."""
    with Session(engine_for(url)) as session:
        return get_assessment(session=session, assessment_id=assessment_id)


@st.cache_resource(show_spinner=False)
def parser() -> BoundedParser:
    """The server's parse worker: every upload is read within READINESS_PARSE_SECONDS, sessions take turns."""
    return BoundedParser()


@st.cache_data(show_spinner=False, max_entries=256)
def understand(data: bytes, filename: str) -> Understood:
    """An uploaded file read once per content and name, within the parse time budget."""
    return understand_file(data, filename, parser())


MAX_FIGURES = 256


@st.cache_resource(show_spinner=False)
def _figures(url: str) -> dict[tuple, go.Figure]:
    return {}


def chart(key: tuple, build: Callable[[], object]) -> go.Figure:
    """A chart built once per key (which must name every input of `build`) until the store changes.

    Building a figure costs more than drawing it; st.plotly_chart copies the figure, never changes it.
    """
    figures = _figures(database_url())
    if key not in figures:
        if len(figures) >= MAX_FIGURES:
            figures.clear()
        figures[key] = build()
    return figures[key]


def table(key: tuple, build: Callable[[], list[dict]]) -> pa.Table:
    """Table rows turned into an Arrow table once per key (naming every input of `build`).

    st.dataframe converts lists and pandas frames to Arrow on every rerun; an Arrow table it sends as is.
    """
    return chart(("table", *key), lambda: pa.Table.from_pylist(build()))


def clear_caches() -> None:
    """Forget cached reads and charts after the store changed (the engine stays)."""
    _summaries.clear()
    assessment.clear()
    _figures.clear()


def store_version(rows: tuple[AssessmentSummary, ...] | list[AssessmentSummary]) -> tuple:
    """A fingerprint of the stored assessments, for keying charts drawn from all of them."""
    return (len(rows), max((r.id for r in rows), default=0), max((r.imported_at for r in rows), default=""))


def versions_of(rows: list[AssessmentSummary], project: str) -> list[AssessmentSummary]:
    """One project's summaries, oldest to newest."""
    return [r for r in rows if r.project == project]


def previous_of(rows: list[AssessmentSummary], summary: AssessmentSummary) -> AssessmentSummary | None:
    """The version of the same project stored just before this one."""
    same = [r for r in rows if r.project == summary.project]
    index = next(i for i, r in enumerate(same) if r.id == summary.id)
    return same[index - 1] if index > 0 else None


def selected_summary() -> AssessmentSummary | None:
    """The summary of the assessment picked in the sidebar, or None."""
    chosen = st.session_state.get("assessment_id")
    return next((s for s in summaries(database_url()) if s.id == chosen), None)


def previous_id(assessment_id: int) -> int | None:
    """The id of the version stored before this one of the same project, if any."""
    rows = summaries(database_url())
    current = next((r for r in rows if r.id == assessment_id), None)
    earlier = previous_of(list(rows), current) if current else None
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
