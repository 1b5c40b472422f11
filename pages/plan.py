"""Plan: phases and tasks as a Gantt chart on real dates from a chosen start, weekends skipped."""

import datetime as dt

import streamlit as st

from readiness.app import editing, frame, reads
from readiness.analysis import actions, plan
from readiness.meeting import views
from readiness.charts import plan as charts

doc, doc_id = frame.assessment_page("Plan")
doc, doc_id = editing.what_if(doc, doc_id, "plan")  # live what-if; the stored version is untouched


def immediate_actions() -> None:
    """The hour-estimated items to do now, before (and beside) the phased plan."""
    st.header("Immediate actions")
    result = actions.totals(doc)
    if not result.count:
        st.caption("The document lists no immediate actions.")
        return
    row = frame.metric_row()
    row.metric("Immediate actions", result.count, width="content")
    row.metric("Total effort", actions.hours_text(*result.hours) if result.stated else "not stated",
               help=None if not result.unstated else f"{result.unstated} of them state no effort.", width="content")
    st.caption(frame.md_text(actions.summary_sentence(result)))
    st.dataframe(reads.table(("actions", doc_id), lambda: views.action_rows(result)), hide_index=True,
                 key="action_table")


if not doc.phases:
    st.info("This assessment has no phased plan. Time to ready, as stated: "
            f"{views.duration_text(doc.time_to_ready)}.")
    immediate_actions()
    st.stop()

start = st.date_input("Start date", value=plan.next_monday(), key="plan_start",
                      help="Working day 1 of the plan; weekends are skipped.", width=260)
bars = plan.schedule(doc, start)
marks = plan.milestones(doc, start)

row = frame.metric_row()
row.metric("Working days", f"{max(p.end_day for p in doc.phases):g}", width="content")
row.metric("Last working day", plan.last_working_day(doc, start).strftime("%a %d %b %Y"), width="content")
row.metric("Time to ready (stated)", views.duration_text(doc.time_to_ready), width="content")

today = dt.date.today()
st.plotly_chart(reads.chart(("gantt", doc_id, start, today), lambda: charts.gantt(
    bars, today=today, milestones=marks, title="Remediation plan")), key="plan_gantt", theme="streamlit")
st.dataframe(reads.table(("plan", doc_id, start), lambda: views.plan_rows(bars)), hide_index=True, key="plan_table")
if marks:
    st.subheader("Milestones")
    st.dataframe(reads.table(("milestones", doc_id, start), lambda: views.milestone_rows(marks)), hide_index=True,
                 key="milestone_table")

immediate_actions()
