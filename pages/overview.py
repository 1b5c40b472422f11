"""Overview: every project's latest verdict and score, the picked one against its previous version."""

import math

import streamlit as st

from readiness.analysis import trend as over_time
from readiness.app import editing, frame, reads
from readiness.charts import trend as trend_charts
from readiness.meeting import views
from readiness.charts import overview as charts

PROJECTS_PER_PAGE = 25  # bars a projector still shows legibly
TREND_VERSIONS = 24  # the newest versions drawn per project on the trend chart

url = reads.database_url()
projects = reads.projects(url)
st.title("Overview")
current = reads.selected_summary()
if not projects or current is None:
    frame.show_empty_state()
    st.stop()

history = reads.newest(current.project, TREND_VERSIONS)
previous = reads.previous_summary(current)
st.subheader(f"{frame.md_text(current.project)} · v{current.version}")
st.markdown(f"**Verdict:** {frame.md_text(current.status or 'not stated')}")

delta = views.deltas(current, previous)
trend = views.score_history(history)
row = frame.metric_row()
row.metric("Overall score", views.percent_text(current.overall_percent), delta=delta["score"],
           chart_data=trend or None, width=240 if trend else "content")  # room for the line of past scores
row.metric("Blockers", current.blockers, delta=delta["blockers"], delta_color="inverse", width="content")
row.metric("Critical findings", current.critical_findings, delta=delta["critical"], delta_color="inverse",
           width="content")
row.metric("Time to ready", views.duration_text(current.time_to_ready), width="content")
row.metric(f"First-month cost ({current.currency or 'no currency'})", views.summary_cost(current, currency=False),
           width="content")
if previous is not None:
    st.caption(f"Changes against v{previous.version} ({frame.md_text(previous.date or previous.imported_at[:10])}).")
if decided := reads.decisions(url, current.id):
    st.markdown(f"**Decisions since {'v' + str(previous.version) if previous else 'the import'}**\n\n"
                + editing.decision_lines(decided))

st.header("All projects, latest version")
pages = max(1, math.ceil(len(projects) / PROJECTS_PER_PAGE))
page = 1
if pages > 1:
    page = int(st.number_input(f"Page (of {pages:,})", min_value=1, max_value=pages, value=1, step=1,
                               key="overview_page", width=200))
latest, first_histories, stored = reads.overview_reads(url, current.project, page, PROJECTS_PER_PAGE,
                                                     charts.MAX_TREND_PROJECTS, TREND_VERSIONS)
if pages > 1:
    first = (page - 1) * PROJECTS_PER_PAGE + 1
    st.caption(f"Projects {first:,}-{first + len(latest) - 1:,} of {len(projects):,}, lowest latest score first.")
shown = tuple(s.id for s in latest)
st.plotly_chart(reads.chart(("latest_scores", shown), lambda: charts.latest_scores(list(latest))),
                key="overview_latest", theme="streamlit")
st.dataframe(reads.table(("overview", shown), lambda: views.overview_rows(list(latest))), hide_index=True,
             key="overview_table")

# Lines for the picked project and the first ones on this page with several scored versions; a few
# at a time, each its newest versions only (one index range each).
candidates = list(dict.fromkeys([current.project, *(s.project for s in latest)]))
rows, drawn_projects = [], []
recent = {current.project: history, **first_histories}  # the first batch's, read with the page
while candidates and len(drawn_projects) < charts.MAX_TREND_PROJECTS:
    batch = tuple(candidates[:charts.MAX_TREND_PROJECTS - len(drawn_projects)])
    del candidates[:len(batch)]
    if missing := tuple(name for name in batch if name not in recent):
        recent.update(reads.histories(url, missing, TREND_VERSIONS))
    for name in batch:
        if views.projects_with_history(recent[name]):
            rows.extend(recent[name])
            drawn_projects.append(name)
if drawn_projects:
    st.header("Score over versions")
    drawn = tuple(s.id for s in rows)
    st.plotly_chart(reads.chart(("score_trends", drawn, current.project), lambda: charts.score_trends(
        rows, focus=current.project)), key="overview_trends", theme="streamlit")
    notes = [f"{len(drawn_projects)} project(s) with several scored versions are drawn: the one picked in the "
             "sidebar first, then those at the top of this page; pick another project to see its line."]
    if any(sum(1 for s in rows if s.project == name) == TREND_VERSIONS for name in drawn_projects):
        notes.append(f"Each line shows a project's newest {TREND_VERSIONS} versions at most.")
    st.caption(" ".join(notes))

points, undated = over_time.placed(list(stored))
if len(points) > 1:
    st.header(f"{frame.md_text(current.project)}: score over time")
    st.plotly_chart(reads.chart(("overall_over_time", tuple(p.assessment_id for p in points)),
                                lambda: trend_charts.overall_over_time(points)),
                    key="overview_over_time", theme="streamlit")
    st.caption(frame.md_text(over_time.overall_sentence(points, undated)
                             + over_time.newest_only(len(stored), reads.TREND_VERSIONS)))
