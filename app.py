"""readiness dashboard: `streamlit run app.py`. Owns the page setup, navigation, store and sidebar picker."""

import streamlit as st

from readiness import ui

st.set_page_config(page_title="readiness", page_icon=":material/fact_check:", layout="wide")

# One list, in menu order; add pages here.
PAGES = [
    st.Page("pages/overview.py", title="Overview", icon=":material/dashboard:", default=True),
    st.Page("pages/scores.py", title="Scores", icon=":material/bar_chart:"),
    st.Page("pages/risks.py", title="Risks", icon=":material/warning:"),
    st.Page("pages/plan.py", title="Plan", icon=":material/calendar_month:"),
    st.Page("pages/costs.py", title="Costs", icon=":material/payments:"),
    st.Page("pages/checklist.py", title="Checklist", icon=":material/checklist:"),
    st.Page("pages/import_files.py", title="Import", icon=":material/upload_file:"),
    st.Page("pages/compare.py", title="Compare", icon=":material/compare_arrows:"),
    st.Page("pages/present.py", title="Present", icon=":material/slideshow:"),
]

page = st.navigation(PAGES)

ui.engine()  # opens the store and loads the samples into an empty one, once per server
rows = ui.summaries(ui.database_url())

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

page.run()
