"""Compare: two versions of a project (or, when asked, two projects) side by side, what changed, and an agenda."""

import streamlit as st

from readiness.app import downloads, frame, picker, reads
from readiness.meeting import compare_view
from readiness.charts import compare as charts

url = reads.database_url()
st.title("Compare")
current = reads.selected_summary()
if not reads.projects(url) or current is None:
    frame.show_empty_state()
    st.stop()

chosen = picker.compare_picker(reads.projects(url), lambda project: reads.compare_versions(project, current),
                               current)
if chosen is None:
    st.stop()
old_id, new_id = chosen[0].id, chosen[1].id

comparison = reads.comparison(url, old_id, new_id)
facts = compare_view.headline(comparison)
row = frame.metric_row()
row.metric("Overall score", facts["score"], delta=facts["score_delta"], width="content")
row.metric("Blockers", facts["blockers"], delta=facts["blockers_delta"], delta_color="inverse", width="content")
row.metric("Risks", facts["risks"], delta=facts["risks_delta"], delta_color="inverse", width="content")
row.metric("Checklist items newly done", facts["newly_done"], width="content")

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
