"""Overview: every project's latest verdict and score, the picked one against its previous version."""

import streamlit as st

from readiness.app import editing, frame, reads
from readiness.meeting import views
from readiness.analysis.summary import latest_of
from readiness.charts import overview as charts
from readiness.analysis import trend as over_time
from readiness.charts import trend as trend_charts

rows = reads.summaries(reads.database_url())
st.title("Overview")
if not rows:
    frame.show_empty_state()
    st.stop()

current = reads.selected_summary() or rows[-1]
previous = reads.previous_of(rows, current)
history = reads.versions_of(rows, current.project)
st.subheader(f"{frame.md_text(current.project)} · v{current.version}")
st.markdown(f"**Verdict:** {frame.md_text(current.status or 'not stated')}")

delta = views.deltas(current, previous)
trend = views.score_history(history)
score, blockers, critical, ready, cost = st.columns(5)
score.metric("Overall score", views.percent_text(current.overall_percent), delta=delta["score"],
             chart_data=trend or None)
blockers.metric("Blockers", current.blockers, delta=delta["blockers"], delta_color="inverse")
critical.metric("Critical findings", current.critical_findings, delta=delta["critical"], delta_color="inverse")
ready.metric("Time to ready", views.duration_text(current.time_to_ready))
cost.metric(f"First-month cost ({current.currency or 'no currency'})",
            views.summary_cost(current, currency=False))
if previous is not None:
    st.caption(f"Changes against v{previous.version} ({frame.md_text(previous.date or previous.imported_at[:10])}).")
if decided := editing.decisions(reads.database_url(), current.id):
    st.markdown(f"**Decisions since {'v' + str(previous.version) if previous else 'the import'}**\n\n"
                + editing.decision_lines(decided))

latest = latest_of(rows)
version = reads.store_version(rows)
st.header("All projects, latest version")
st.plotly_chart(reads.chart(("latest_scores", version), lambda: charts.latest_scores(latest)), key="overview_latest",
                theme="streamlit")
st.dataframe(reads.table(("overview", version), lambda: views.overview_rows(latest)), hide_index=True,
             key="overview_table")
if len(latest) < len(rows):  # some project has several versions
    st.header("Score over versions")
    st.plotly_chart(reads.chart(("score_trends", version, current.project), lambda: charts.score_trends(
        rows, focus=current.project)), key="overview_trends", theme="streamlit")
    if (histories := views.projects_with_history(rows)) > charts.MAX_TREND_PROJECTS:
        st.caption(f"{charts.MAX_TREND_PROJECTS} of {histories} projects with several versions are drawn, "
                   "the one picked in the sidebar first; pick another project to see its line.")

points, undated = over_time.placed(list(reads.trend(reads.database_url(), current.project)))
if len(points) > 1:
    st.header(f"{frame.md_text(current.project)}: score over time")
    st.plotly_chart(reads.chart(("overall_over_time", version, current.project), lambda: trend_charts.overall_over_time(
        points)), key="overview_over_time", theme="streamlit")
    st.caption(frame.md_text(over_time.overall_sentence(points, undated)))
