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


MAX_PROJECT_OPTIONS = 100  # more names than this are found by typing, not scrolled through


def project_options(projects: Sequence[str], query: str, picked: str | None) -> tuple[list[str], int]:
    """At most MAX_PROJECT_OPTIONS names containing `query` (any case), the picked one always among
    them; and how many names match in all."""
    needle = " ".join(query.split()).casefold()
    matching = list(projects) if not needle else [name for name in projects if needle in name.casefold()]
    options = matching[:MAX_PROJECT_OPTIONS]
    if picked is not None and picked not in options and picked in projects:
        options = [picked, *options[:MAX_PROJECT_OPTIONS - 1]]
    return options, len(matching)


def sidebar_picker(projects: Sequence[str], versions_of: Callable[[str, int], Sequence[AssessmentSummary]],
                   count_of: Callable[[str], int], page_size: int) -> None:
    """The sidebar's project and version pickers; sets `assessment_id` (None when nothing is stored).

    `versions_of(project, page)` gives a page of one project's summaries oldest to newest (page 1
    the newest `page_size`), `count_of(project)` how many it has: only what the picker lists is read.
    """
    state = st.session_state
    with st.sidebar:
        if not projects:
            state["assessment_id"] = None
            st.caption("No assessments stored yet.")
            return
        # Set by the import page: show what was just stored (widgets cannot be changed once drawn).
        if stored := state.pop("show_stored", None):
            state["project_pick"], state["version_pick"] = stored
            state["version_page"] = 1
        options = list(projects)
        if len(projects) > MAX_PROJECT_OPTIONS:
            # A selectbox of thousands of names costs every rerun and nobody scrolls it: type to find.
            query = st.text_input("Find a project", key="project_filter",
                                  placeholder=f"part of a name ({len(projects):,} projects)")
            options, matching = project_options(projects, query, state.get("project_pick"))
            if matching > MAX_PROJECT_OPTIONS:
                st.caption(f"{MAX_PROJECT_OPTIONS} of {matching:,} matching projects listed; type more of the name.")
            elif query.strip() and not matching:
                st.caption("No project name contains that text.")
        if state.get("project_pick") not in options:
            state["project_pick"] = options[0]
        project = st.selectbox("Project", options, key="project_pick")
        if state.get("version_page_for") != project:  # another project starts at its newest versions
            state["version_page"], state["version_page_for"] = 1, project
        pages = -(-count_of(project) // page_size)
        if pages > 1:
            st.number_input(f"Versions page (of {pages:,}, newest first)", min_value=1, max_value=pages, step=1,
                            key="version_page")
        else:
            state["version_page"] = 1
        versions = {row.id: row.label for row in versions_of(project, int(state["version_page"]))}
        if not versions:  # a project left without assessments by a store from an earlier release
            state["assessment_id"] = None
            st.caption("This project has no assessments stored.")
            return
        # A new project or page (or a deleted version) starts at the newest version listed.
        if state.get("version_pick") not in versions:
            state["version_pick"] = list(versions)[-1]
        st.selectbox("Version", list(versions), key="version_pick", format_func=versions.get)
        state["assessment_id"] = state["version_pick"]
