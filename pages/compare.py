"""Compare: two versions of the project picked in the sidebar, what changed, and an agenda to read out."""

import streamlit as st

from readiness.app import downloads, frame, picker, reads
from readiness.meeting import compare_view
from readiness.charts import compare as charts

url = reads.database_url()
st.title("Compare")
current = reads.selected_summary()
if current is None:
    frame.show_empty_state()
    st.stop()

# Only versions of the picked project are listed (the page of them the sidebar shows, and the one
# before the picked version): a store of 100,000 assessments is not a picker.
rows = reads.versions(url, current.project, st.session_state.get("version_page", 1))
if (earlier := reads.previous_summary(current)) is not None and earlier.id not in {r.id for r in rows}:
    rows = (earlier, *rows)
if len(rows) < 2:
    st.info(f"{frame.md_text(current.project)} has one version stored. Pick a project with two or more "
            "versions in the sidebar, or import a newer assessment of this one.")
    st.stop()
labels = {r.id: r.label for r in rows}
picker.follow_sidebar("compare", compare_view.default_pair(rows, current), labels)
left, right = st.columns(2)
old_id = left.selectbox("Before", list(labels), key="compare_old", format_func=labels.get)
new_id = right.selectbox("After", list(labels), key="compare_new", format_func=labels.get)
if old_id == new_id:
    st.info("Pick two different assessments to see what changed.")
    st.stop()

comparison = reads.comparison(url, old_id, new_id)
facts = compare_view.headline(comparison)
score_col, blocker_col, risk_col, done_col = st.columns(4)
score_col.metric("Overall score", facts["score"], delta=facts["score_delta"])
blocker_col.metric("Blockers", facts["blockers"], delta=facts["blockers_delta"], delta_color="inverse")
risk_col.metric("Risks", facts["risks"], delta=facts["risks_delta"], delta_color="inverse")
done_col.metric("Checklist items newly done", facts["newly_done"])

key = ("compare", old_id, new_id)
if comparison.categories:
    st.plotly_chart(reads.chart((*key, "categories"), lambda: charts.category_delta_figure(
        comparison, title="Category scores: what moved")), key="compare_categories", theme="streamlit")
if any(r.old_cell or r.new_cell for r in comparison.risks):
    st.plotly_chart(reads.chart((*key, "risks"), lambda: charts.risk_moves_figure(
        comparison, title="Risks: from the old cell to the new")), key="compare_risks", theme="streamlit")
if comparison.costs:
    st.plotly_chart(reads.chart((*key, "costs"), lambda: charts.cost_ranges_figure(
        comparison, title="Cost ranges, before and after")), key="compare_costs", theme="streamlit")

st.markdown(frame.headed_lists(compare_view.change_lists(comparison)))

st.header("Agenda")
st.caption("Plain text to read out or paste into the meeting notes.")
st.code(reads.agenda_text(url, old_id, new_id), language=None, wrap_lines=True)
# Downloads only when asked for: the buttons cost time on every rerun of a page used live.
if st.toggle("Hand-out and downloads", key="compare_downloads"):
    downloads.handout_buttons(url, new_id, previous_id=old_id, compare=True, key="compare")
