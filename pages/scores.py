"""Scores: categories worst first with weights and blockers, a radar, stated against computed, the audit."""

import streamlit as st

from readiness.app import editing, frame, reads
from readiness.analysis import scores
from readiness.charts import scores as charts
from readiness.analysis import trend as over_time
from readiness.charts import trend as trend_charts

doc, doc_id = frame.assessment_page("Scores")
doc, doc_id = editing.what_if(doc, doc_id, "scores")  # live what-if; the stored version is untouched

computed = scores.computed_overall(doc)
stated_col, computed_col, blocker_col = st.columns(3)
stated_col.metric("Stated overall", "not stated" if doc.overall is None
                  else f"{doc.overall.score:g}/{doc.overall.max:g} ({doc.overall.percent:.0f}%)")
computed_col.metric("Computed from categories", "no categories" if computed is None else f"{computed[0]:.1f}%",
                    help=None if computed is None else f"Computed as the {computed[1]}.")
blocker_col.metric("Blockers", len(scores.blockers(doc)))

if not doc.categories:
    st.info("This assessment has no category scores.")
else:
    st.plotly_chart(reads.chart(("category_bars", doc_id), lambda: charts.category_bars(
        doc.categories, title="Category scores, worst first")), key="score_bars", theme="streamlit")
    radar, versus = st.columns(2)
    with radar:
        st.plotly_chart(reads.chart(("category_radar", doc_id), lambda: charts.category_radar(
            doc.categories, title="Balance across categories")), key="score_radar", theme="streamlit")
    with versus:
        st.plotly_chart(reads.chart(("overall_comparison", doc_id), lambda: charts.overall_comparison(
            doc.overall_percent, computed and computed[0], how=computed and computed[1] or "computed",
            title="Stated against computed overall")), key="score_overall", theme="streamlit")
    if scores.blockers(doc):
        st.error("BLOCKER: " + ", ".join(frame.md_text(name) for name in scores.blockers(doc)))

st.header("Does the document add up?")
if not doc.audit:
    st.info("The document states no totals or claims that can be checked.")
for check in doc.audit:
    if check.ok:
        st.success(f"{frame.md_text(check.subject)}: {frame.md_text(check.message)}", icon=":material/check:")
    else:
        st.warning(f"{frame.md_text(check.subject)}: {frame.md_text(check.message)}", icon=":material/error:")

stored = reads.trend(reads.database_url(), doc.project)
points, undated = over_time.placed(list(stored))
if len(points) > 1 and any(p.categories for p in points):
    st.header("Category scores over time")
    st.plotly_chart(reads.chart(("categories_over_time", tuple(p.assessment_id for p in points)),
                                lambda: trend_charts.categories_over_time(points)),
                    key="score_over_time", theme="streamlit")
    st.caption(frame.md_text(over_time.categories_sentence(points, limit=trend_charts.MAX_PANELS, undated=undated)
                             + over_time.newest_only(len(stored), reads.TREND_VERSIONS)))
