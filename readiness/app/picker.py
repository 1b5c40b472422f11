"""Choosing what to show: the sidebar's project and version, and the pairs Compare follows from it."""

from __future__ import annotations

from collections.abc import Callable, Sequence

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


def compare_picker(projects: Sequence[str], versions_of: Callable[[str], Sequence[AssessmentSummary]],
                   current: AssessmentSummary) -> tuple[AssessmentSummary, AssessmentSummary] | None:
    """Project first, then two of its versions, oldest to newest (by default the picked one and the one
    before); another project only when asked for, and said so. None (with a message) when there is nothing
    to compare. `versions_of(project)` lists a project's versions oldest to newest (the newest ones only
    in a large store): only the projects on show are read."""
    projects = list(projects)
    listed = {current.project: list(versions_of(current.project))}
    if current.id not in {v.id for v in listed[current.project]}:
        listed[current.project] = sorted([current, *listed[current.project]], key=lambda v: v.version)
    pair = compare_view.default_pair(listed[current.project], current)
    defaults: dict[str, object] = {"project": current.project, "across": False}
    if pair is not None:
        defaults.update(old=pair[0], new=pair[1])
    follow_sidebar("compare", defaults, {"project": projects})

    project_col, other_col = st.columns(2)
    project = project_col.selectbox("Project", projects, key="compare_project")
    versions = listed.setdefault(project, list(versions_of(project)))
    others = [p for p in projects if p != project]
    across = other_col.toggle("Compare with another project", key="compare_across", disabled=not others,
                              help="Put this project beside another one: differences between them, not progress.")
    if across and others:
        other = other_col.selectbox("Other project", others, key="compare_other")
        before_options = listed.setdefault(other, list(versions_of(other)))
        after_options = versions
    elif len(versions) < 2:
        st.info(compare_view.nothing_to_compare(project))
        return None
    else:
        before_options = versions[:-1]
        after_options = None  # the versions after the one chosen as before

    by_id = {v.id: v for rows in listed.values() for v in rows}
    labels = {i: (f"{v.project} · {v.label}" if across else v.label) for i, v in by_id.items()}
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


MAX_PROJECT_OPTIONS = 100
# Session state key: (project, version page, the summaries listed), set by every run of the sidebar.
LISTED = "sidebar_listed"  # more names than this are found by typing, not scrolled through


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
        state[LISTED] = None
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
        listed = tuple(versions_of(project, int(state["version_page"])))
        # The page reads what the sidebar listed on this run from here rather than asking the cache again.
        state[LISTED] = (project, int(state["version_page"]), listed)
        versions = {row.id: row.label for row in listed}
        if not versions:  # a project left without assessments by a store from an earlier release
            state["assessment_id"] = None
            st.caption("This project has no assessments stored.")
            return
        # A new project or page (or a deleted version) starts at the newest version listed.
        if state.get("version_pick") not in versions:
            state["version_pick"] = list(versions)[-1]
        st.selectbox("Version", list(versions), key="version_pick", format_func=versions.get)
        state["assessment_id"] = state["version_pick"]
