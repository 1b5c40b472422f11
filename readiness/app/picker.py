"""Choosing what to show: the sidebar's project and version, and the pairs Compare follows from it."""

from __future__ import annotations

import streamlit as st

from readiness.analysis.summary import AssessmentSummary
from readiness.meeting import compare_view


def follow_sidebar(prefix: str, values: dict[str, object], options: dict[str, list]) -> None:
    """Set the `prefix`_* pickers to `values` when the sidebar's choice changes (or a value is gone).

    Between sidebar changes the pickers are the user's.
    """
    seen_key = f"{prefix}_for"
    chosen = st.session_state.get("assessment_id")
    stale = any(st.session_state.get(f"{prefix}_{name}") not in options[name] for name in values if name in options)
    if stale or st.session_state.get(seen_key) != chosen:
        for name, value in values.items():
            st.session_state[f"{prefix}_{name}"] = value
        st.session_state[seen_key] = chosen


def compare_picker(rows: tuple[AssessmentSummary, ...], selected: AssessmentSummary | None,
                   labels: dict[int, str]) -> tuple[AssessmentSummary, AssessmentSummary] | None:
    """Project first, then two of its versions, oldest to newest (by default the picked one and the one
    before); another project only when asked for, and said so. None (with a message) when there is nothing
    to compare."""
    by_id = {r.id: r for r in rows}
    projects = list(dict.fromkeys(r.project for r in rows))
    current = selected or rows[-1]
    pair = compare_view.default_pair(rows, current)
    defaults: dict[str, object] = {"project": current.project, "across": False}
    if pair is not None:
        defaults.update(old=pair[0], new=pair[1])
    follow_sidebar("compare", defaults, {"project": projects})

    project_col, other_col = st.columns(2)
    project = project_col.selectbox("Project", projects, key="compare_project")
    versions = compare_view.versions_of(rows, project)
    others = [p for p in projects if p != project]
    across = other_col.toggle("Compare with another project", key="compare_across", disabled=not others,
                              help="Put this project beside another one: differences between them, not progress.")
    if across and others:
        other = other_col.selectbox("Other project", others, key="compare_other")
        before_options = compare_view.versions_of(rows, other)
        after_options = versions
    elif len(versions) < 2:
        st.info(compare_view.nothing_to_compare(project))
        return None
    else:
        before_options = versions[:-1]
        after_options = None  # the versions after the one chosen as before

    before_col, after_col = st.columns(2)
    before_ids = [v.id for v in before_options]
    if st.session_state.get("compare_old") not in before_ids:
        st.session_state["compare_old"] = before_ids[-1]
    old_id = before_col.selectbox("Before (older)" if after_options is None else "Before (the other project)",
                                  before_ids, key="compare_old", format_func=labels.get)
    after_list = after_options if after_options is not None else compare_view.newer_than(versions, old_id)
    after_ids = [v.id for v in after_list]
    if st.session_state.get("compare_new") not in after_ids:
        st.session_state["compare_new"] = after_ids[-1] if current.id not in after_ids else current.id
    new_id = after_col.selectbox("After (newer)" if after_options is None else f"After ({project})",
                                 after_ids, key="compare_new", format_func=labels.get)
    old, new = by_id[old_id], by_id[new_id]
    if old.project != new.project:
        st.warning(compare_view.across_projects_note(old, new), icon=":material/compare_arrows:")
    return old, new


def sidebar_picker(rows: tuple[AssessmentSummary, ...]) -> None:
    """The sidebar's project and version pickers; sets `assessment_id` (None when nothing is stored)."""
    with st.sidebar:
        projects = list(dict.fromkeys(row.project for row in rows))
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
            versions = {row.id: row.label for row in rows if row.project == project}
            # A new project (or a deleted version) starts at its latest version.
            if st.session_state.get("version_pick") not in versions:
                st.session_state["version_pick"] = list(versions)[-1]
            st.selectbox("Version", list(versions), key="version_pick", format_func=versions.get)
            st.session_state["assessment_id"] = st.session_state["version_pick"]
