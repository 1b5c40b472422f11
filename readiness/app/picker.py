"""Choosing what to show: the sidebar's project and version, and the pairs Compare follows from it."""

from __future__ import annotations

from collections.abc import Callable, Sequence

import streamlit as st

from readiness.analysis.summary import AssessmentSummary


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


def sidebar_picker(projects: Sequence[str], versions_of: Callable[[str], Sequence[AssessmentSummary]]) -> None:
    """The sidebar's project and version pickers; sets `assessment_id` (None when nothing is stored).

    `versions_of(project)` gives one project's summaries oldest to newest: only the picked project's
    versions are read.
    """
    with st.sidebar:
        if not projects:
            st.session_state["assessment_id"] = None
            st.caption("No assessments stored yet.")
        else:
            # Set by the import page: show what was just stored (widgets cannot be changed once drawn).
            if stored := st.session_state.pop("show_stored", None):
                st.session_state["project_pick"], st.session_state["version_pick"] = stored
            if st.session_state.get("project_pick") not in projects:
                st.session_state["project_pick"] = projects[0]
            project = st.selectbox("Project", projects, key="project_pick")
            versions = {row.id: row.label for row in versions_of(project)}
            # A new project (or a deleted version) starts at its latest version.
            if st.session_state.get("version_pick") not in versions:
                st.session_state["version_pick"] = list(versions)[-1]
            st.selectbox("Version", list(versions), key="version_pick", format_func=versions.get)
            st.session_state["assessment_id"] = st.session_state["version_pick"]
