"""Data access for the Streamlit app: cached reads, charts and tables keyed by database URL, plus the
shared empty state and literal text.

Every cached function takes all its inputs as arguments (charts and tables take a key naming them),
so a cache entry never outlives a change of store; `clear_caches()` drops them after an import.
Reads are shared between sessions rather than copied: pages never change what they are given.
"""

from __future__ import annotations

import functools
import os
import re
from collections.abc import Callable

import plotly.graph_objects as go
import pyarrow as pa
import streamlit as st
from sqlalchemy.engine import Engine
from sqlmodel import Session

from readiness.db import open_store
from readiness.intake import Understood
from readiness.intake import understand as understand_file
from readiness.model import Assessment
from readiness.samples import load_samples_if_empty
from readiness.settings import Settings, get_settings
from readiness.store import AssessmentSummary, get_assessment, list_assessments

IMPORT_PAGE = "pages/import_files.py"
SUMMARIES_TTL_SECONDS = 30
# Every ASCII punctuation mark a markdown renderer could act on (CommonMark lets each be escaped),
# plus ':' (Streamlit's emoji and icon shortcodes) and '&' (entities).
_MARKDOWN_SPECIAL = re.compile(r"([!\"#$%&'()*+,\-./:;<=>?@\[\\\]^_`{|}~])")


def md_text(text: object) -> str:
    """Document text for a markdown-rendering element, shown literally (no markup, links or HTML)."""
    return _MARKDOWN_SPECIAL.sub(r"\\\1", " ".join(str(text).split()))


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
def summaries(url: str) -> tuple[AssessmentSummary, ...]:
    """Every stored assessment's summary, by project then oldest to newest (read-only, shared)."""
    with Session(engine_for(url)) as session:
        return tuple(list_assessments(session=session))


# Shared rather than copied on each hit (see summaries): pages read documents, never change them.
@st.cache_resource(show_spinner=False, max_entries=64)
def assessment(url: str, assessment_id: int) -> Assessment:
    """One stored assessment with its audit (read-only, shared)."""
    with Session(engine_for(url)) as session:
        return get_assessment(session=session, assessment_id=assessment_id)


def clicked_key(event: object, allowed: dict | set) -> str | None:
    """The cell key a plotly selection event points at (from the points' customdata), if any."""
    selection = getattr(event, "selection", None) or {}
    for point in selection.get("points", []) if hasattr(selection, "get") else []:
        key = point.get("customdata")
        if isinstance(key, list):
            key = key[0] if key else None
        if key in allowed:
            return key
    return None


@st.cache_data(show_spinner=False, max_entries=256)
def understand(data: bytes, filename: str) -> Understood:
    """An uploaded file read once per content and name."""
    return understand_file(data, filename)


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
    summaries.clear()
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


def current_assessment() -> Assessment | None:
    """The assessment picked in the sidebar; shows the empty state and returns None when there is none."""
    chosen = st.session_state.get("assessment_id")
    if chosen is None:
        show_empty_state()
        return None
    try:
        return assessment(database_url(), chosen)
    except LookupError:
        show_empty_state()
        return None


def assessment_page(title: str | None) -> tuple[Assessment, int]:
    """The picked assessment and its id, under the page's heading; the page stops at the empty state."""
    doc = current_assessment()
    if doc is None:
        st.stop()
    if title:
        heading(doc, title)
    return doc, st.session_state["assessment_id"]


def headed_lists(lists: list[tuple[str, list[str]]]) -> str:
    """Our own headings over document text shown literally, as one markdown block (one element)."""
    return "\n\n".join(f"#### {heading}\n" + "\n".join(f"- {md_text(line)}" for line in lines)
                       for heading, lines in lists)


def show_empty_state() -> None:
    """Tell the user what to do when there is nothing to show."""
    st.info("No assessments are stored yet. Open **Import** to add markdown or readiness/v1 YAML files.")
    st.page_link(IMPORT_PAGE, label="Go to Import", icon=":material/upload_file:")


def heading(doc: Assessment, page: str) -> None:
    """The page title with the assessment it shows, as plain text."""
    st.title(page)
    st.caption(" · ".join(md_text(part) for part in (doc.project, doc.title or "untitled", doc.date or "no date")))


def _leave_pages_directory_mode() -> None:
    """Make a deep link opened first on a fresh server go through app.py's navigation.

    Streamlit treats a folder named pages/ as old-style multipage navigation until app.py calls
    st.navigation; until then a first visit to /risks would run that page alone, without the
    sidebar picker or page config. Switching the flag and rerunning sends it through app.py.
    """
    from streamlit.runtime.pages_manager import PagesManager

    if PagesManager.uses_pages_directory:
        PagesManager.uses_pages_directory = False
        st.rerun()


# Runs once per server process, on the first import from a script run.
_leave_pages_directory_mode()


# --- Compare and Present ------------------------------------------------------------------------

def follow_sidebar(prefix: str, pair: tuple[int, int], options: dict) -> None:
    """Set the `prefix`_old/_new pickers to `pair` when the sidebar's choice changes (or theirs is gone).

    Between sidebar changes the two pickers are the user's: any two assessments can be compared.
    """
    old_key, new_key, seen_key = f"{prefix}_old", f"{prefix}_new", f"{prefix}_for"
    chosen = st.session_state.get("assessment_id")
    stale = any(st.session_state.get(key) not in options for key in (old_key, new_key))
    if stale or st.session_state.get(seen_key) != chosen:
        st.session_state[old_key], st.session_state[new_key] = pair
        st.session_state[seen_key] = chosen


@st.cache_resource(show_spinner=False, max_entries=32)
def comparison(url: str, old_id: int, new_id: int):
    """What changed from one stored assessment to another (read-only, shared)."""
    from readiness.compare import compare_assessments

    return compare_assessments(assessment(url, old_id), assessment(url, new_id))


@st.cache_data(show_spinner=False, max_entries=32)
def agenda_text(url: str, old_id: int | None, new_id: int) -> str:
    """The meeting agenda of `new_id` against `old_id` (or a first meeting), as plain text."""
    from readiness.agenda import meeting_agenda

    previous = assessment(url, old_id) if old_id is not None else None
    return meeting_agenda(previous, assessment(url, new_id)).text()


def previous_id(assessment_id: int) -> int | None:
    """The id of the version stored before this one of the same project, if any."""
    rows = summaries(database_url())
    current = next((r for r in rows if r.id == assessment_id), None)
    earlier = previous_of(list(rows), current) if current else None
    return earlier.id if earlier else None


@st.cache_resource(show_spinner=False, max_entries=32)
def slides(url: str, assessment_id: int, previous: int | None):
    """The present-mode slides of an assessment, the agenda against `previous` (read-only, shared)."""
    from readiness.slides import build_slides

    return build_slides(assessment(url, assessment_id),
                        assessment(url, previous) if previous is not None else None)


def slide_index(count: int) -> int:
    """The slide on show, kept within the deck."""
    index = min(max(st.session_state.get("present_index", 0), 0), count - 1)
    st.session_state["present_index"] = index
    return index


def move_slide(step: int, count: int) -> None:
    """Go `step` slides forward (or back), staying within the deck."""
    st.session_state["present_index"] = min(max(st.session_state.get("present_index", 0) + step, 0), count - 1)


# Our own fixed CSS (never document text): larger type for the projector.
_PRESENT_CSS = """<style>
[data-testid="stMain"] h1 { font-size: 2.6rem; line-height: 1.2; }
[data-testid="stMain"] li, [data-testid="stMain"] p { font-size: 1.45rem; }
</style>"""


def presentation_style() -> None:
    """Projector-sized type for the present page."""
    st.html(_PRESENT_CSS)


# --- Hand-out and exports -----------------------------------------------------------------------

@st.cache_data(show_spinner=False, ttl=300)
def _image_export_status() -> tuple[bool, str]:
    from readiness.export import image_export_status

    return image_export_status()


def handout_buttons(url: str, assessment_id: int, *, previous_id: int | None = None, compare: bool = False,
                    key: str) -> None:
    """Download buttons: the HTML hand-out, every table as CSV, the YAML, and the charts as PDF.

    Files are made when clicked (deferred), not on every rerun; without a browser for kaleido the
    PDF button gives way to a sentence that says why, and the HTML hand-out has every chart.
    """
    from readiness import export, report
    from readiness.importers.yaml_importer import dump

    doc = assessment(url, assessment_id)
    previous = assessment(url, previous_id) if previous_id is not None else None
    stem = export.file_stem(doc)
    if compare and previous is not None:
        html_data, html_name = (lambda: report.comparison_report(previous, doc)), f"{stem}-compared.html"
    else:
        html_data, html_name = (lambda: report.assessment_report(doc, previous=previous)), f"{stem}.html"
    html_col, csv_col, yaml_col, pdf_col = st.columns(4)
    html_col.download_button("Hand-out (HTML, works offline)", data=html_data, file_name=html_name,
                             mime="text/html", key=f"{key}_html", on_click="ignore", icon=":material/download:")
    csv_col.download_button("Tables (CSV, zipped)", data=lambda: export.tables_zip(doc), file_name=f"{stem}.zip",
                            mime="application/zip", key=f"{key}_csv", on_click="ignore")
    yaml_col.download_button("readiness/v1 YAML", data=lambda: dump(doc), file_name=f"{stem}.yaml",
                             mime="application/yaml", key=f"{key}_yaml", on_click="ignore")
    available, reason = _image_export_status()
    if available:
        charts = [(s.title, s.figure) for s in slides(url, assessment_id, previous_id) if s.figure is not None]
        pdf_col.download_button("Charts as PDF (one per chart, zipped)",
                                data=lambda: export.slides_pdf_zip(charts), file_name=f"{stem}-charts.zip",
                                mime="application/zip", key=f"{key}_pdf", on_click="ignore")
    else:
        pdf_col.info(f"No PDF or images here: {reason}.")
