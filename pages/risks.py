"""Risks: likelihood x impact matrix; click a cell (or pick it below) to list its risks and mitigations."""

import streamlit as st

from readiness.app import editing, frame, reads
from readiness.analysis import risks
from readiness.meeting import views
from readiness.charts import risks as charts

doc, doc_id = frame.assessment_page("Risks")
doc, doc_id = editing.what_if(doc, doc_id, "risks")  # live what-if; the stored version is untouched

if not risks.has_matrix(doc):
    if doc.risks:
        st.info("This document gives no probabilities for its risks, so they cannot be placed on a "
                "likelihood x impact matrix. Its findings by severity and category take the matrix's place.")
    else:
        st.info("This document lists no risks. Its findings by severity and category take the matrix's place.")
    if doc.findings:
        st.plotly_chart(reads.chart(("findings_by_severity", doc_id), lambda: charts.findings_by_severity(
            risks.finding_counts(doc), title="Findings by severity")), key="findings_chart", theme="streamlit")
    else:
        st.info("It reports no findings either.")
    if doc.risks:
        st.subheader("Risks as stated")
        st.dataframe(reads.table(("risks", doc_id), lambda: views.risk_rows(doc.risks)), hide_index=True,
                     key="risk_table")
    st.stop()

cells = risks.risk_cells(doc.risks)
matrix = reads.chart(("risk_matrix", doc_id), lambda: charts.risk_matrix(cells, title="Likelihood x impact"))
event = st.plotly_chart(matrix, key="risk_matrix", on_select="rerun", selection_mode="points", theme="streamlit")
filled = {c.key: c for c in cells if c.risks}
clicked = frame.clicked_key(event, filled)
# A new click moves the picker; after that the picker is free to change on its own.
if clicked and clicked != st.session_state.get("risk_cell_clicked"):
    st.session_state["risk_cell"] = clicked
st.session_state["risk_cell_clicked"] = clicked
if st.session_state.get("risk_cell") not in filled:
    st.session_state["risk_cell"] = risks.worst_cell(cells).key
choice = st.selectbox("Cell (click the matrix or pick here)", list(filled), key="risk_cell",
                      format_func=lambda k: filled[k].label)
st.subheader(filled[choice].label)
st.dataframe(reads.table(("cell", doc_id, choice), lambda: views.risk_rows(filled[choice].risks)), hide_index=True,
             key="cell_table")

missing = risks.unrated(doc.risks)
if missing:
    st.subheader(f"{len(missing)} risk(s) without a stated probability (not on the matrix)")
    st.dataframe(reads.table(("unrated", doc_id), lambda: views.risk_rows(missing)), hide_index=True,
                 key="unrated_table")
