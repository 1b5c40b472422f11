"""readiness dashboard: `streamlit run app.py`. Owns the page setup, navigation, store and sidebar picker."""

import functools

import streamlit as st

from readiness.app import access, frame, navigation, picker, reads

# A deep link opened first on a fresh server still goes through this file's navigation.
navigation.leave_pages_directory_mode()

st.set_page_config(page_title="readiness", page_icon=":material/fact_check:", layout="wide")

# A read-only server (a wall display, a public link) lists no page that changes the store.
CHANGES = not access.read_only()

# One list, in menu order; add pages here.
PAGES = [
    st.Page("pages/overview.py", title="Overview", icon=":material/dashboard:", default=True),
    st.Page("pages/scores.py", title="Scores", icon=":material/bar_chart:"),
    st.Page("pages/risks.py", title="Risks", icon=":material/warning:"),
    st.Page("pages/plan.py", title="Plan", icon=":material/calendar_month:"),
    st.Page("pages/costs.py", title="Costs", icon=":material/payments:"),
    st.Page("pages/checklist.py", title="Checklist", icon=":material/checklist:"),
    *([st.Page("pages/import_files.py", title="Import", icon=":material/upload_file:")] if CHANGES else []),
    st.Page("pages/compare.py", title="Compare", icon=":material/compare_arrows:"),
    st.Page("pages/present.py", title="Present", icon=":material/slideshow:"),
    *([st.Page("pages/edit.py", title="Edit", icon=":material/edit_note:")] if CHANGES else []),
]

page = st.navigation(PAGES)

url = reads.database_url()
# The reads this run makes (the sidebar's and the page's) share one session, opened only if a cache misses.
with reads.one_session_per_run(url):
    # Opens the store and loads the samples into an empty one, once per server. A store that cannot be
    # opened is one sentence above every page (tried again on each rerun); the pages show the empty state.
    # A store that lists projects was opened and read: only an empty list asks why.
    projects = reads.projects(url)
    if not projects and (problem := reads.store_problem(url)):
        st.error(frame.md_text(problem[:1].upper() + problem[1:]), icon=":material/database:")

    picker.sidebar_picker(projects, functools.partial(reads.versions, url),
                          functools.partial(reads.version_count, url), reads.VERSIONS_PER_PAGE)

    page.run()
