"""Checklist: completion per group, stated against counted, and the open items."""

import streamlit as st

from readiness.app import frame, reads
from readiness.analysis import checklist
from readiness.meeting import views
from readiness.charts import checklist as charts

doc, doc_id = frame.assessment_page("Checklist")

if not doc.checklist:
    st.info("This assessment has no checklist.")
    st.stop()

done, total = checklist.overall_completion(doc)
groups = checklist.completion(doc)
row = frame.metric_row()
row.metric("Ticked", f"{done} of {total} ({100 * done / total:.0f}%)", width="content")
row.metric("Open items", total - done, width="content")
row.metric("Groups", len(groups), width="content")

st.plotly_chart(reads.chart(("completion_bars", doc_id), lambda: charts.completion_bars(
    groups, title="Completion per group")), key="checklist_chart", theme="streamlit")
st.subheader("Stated against counted")
st.dataframe(reads.table(("checklist", doc_id), lambda: views.checklist_rows(groups)), hide_index=True,
             key="checklist_table")
st.subheader("Open items")
st.dataframe(reads.table(("open_items", doc_id), lambda: views.open_item_rows(checklist.open_items(doc))),
             hide_index=True, key="open_items")
