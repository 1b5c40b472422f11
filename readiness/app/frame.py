"""What every page shares: its heading, the empty state, document text shown literally, clicked cells."""

from __future__ import annotations

import re

import streamlit as st

from readiness.app.navigation import leave_pages_directory_mode
from readiness.app.reads import assessment, database_url
from readiness.model import Assessment

IMPORT_PAGE = "pages/import_files.py"


# Every ASCII punctuation mark a markdown renderer could act on (CommonMark lets each be escaped),
# plus ':' (Streamlit's emoji and icon shortcodes) and '&' (entities).
_MARKDOWN_SPECIAL = re.compile(r"([!\"#$%&'()*+,\-./:;<=>?@\[\\\]^_`{|}~])")


def md_text(text: object) -> str:
    """Document text for a markdown-rendering element, shown literally (no markup, links or HTML)."""
    return _MARKDOWN_SPECIAL.sub(r"\\\1", " ".join(str(text).split()))


def metric_row():
    """A row for metrics that wraps onto another line where the screen is too narrow for them all, so
    that a figure is never cut short ("25.3K-3…") on a smaller screen. Give each metric width="content"."""
    return st.container(horizontal=True, wrap=True, gap="medium")


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
    from readiness.app.access import read_only

    if read_only():  # no Import page on a read-only server
        st.info("No assessments are stored yet, and this server is read-only: nothing can be imported here.")
        return
    st.info("No assessments are stored yet. Open **Import** to add markdown or readiness/v1 YAML files.")
    st.page_link(IMPORT_PAGE, label="Go to Import", icon=":material/upload_file:")


def heading(doc: Assessment, page: str) -> None:
    """The page title with the assessment it shows, as plain text."""
    st.title(page)
    st.caption(" · ".join(md_text(part) for part in (doc.project, doc.title or "untitled", doc.date or "no date")))


# Runs once per server process, on the first import from a script run (a page opened first).
leave_pages_directory_mode()
