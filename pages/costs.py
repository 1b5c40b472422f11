"""Costs: stated ranges and totals, an effort-based estimate, and how team size changes the plan."""

import streamlit as st

from readiness.app import editing, frame, reads
from readiness.analysis import costs
from readiness.analysis import plan
from readiness.charts import costs as charts

doc, doc_id = frame.assessment_page("Costs")
doc, doc_id = editing.what_if(doc, doc_id, "costs")  # live what-if; the stored version is untouched

totals = costs.cost_totals(doc)
if totals is None:
    st.info("This document states no costs; the effort-based estimate below is all there is.")
else:
    row = frame.metric_row()
    row.metric("One-off", costs.short_range(*totals.one_off, totals.currency), width="content")
    row.metric("Recurring per month", costs.short_range(*totals.monthly, totals.currency), width="content")
    row.metric("First month", costs.short_range(*totals.first_month, totals.currency), width="content")
    row.metric("First year", costs.short_range(*totals.first_year, totals.currency), width="content")
    if totals.left_out:
        st.warning("Not added up (another currency): " + ", ".join(frame.md_text(x) for x in totals.left_out))
    st.plotly_chart(reads.chart(("cost_ranges", doc_id), lambda: charts.cost_ranges(
        doc.costs, title="Cost items, low to high")), key="cost_chart", theme="streamlit")

st.header("Effort-based estimate")
people_col, rate_col, currency_col = st.columns(3)
people = people_col.number_input("Team size (people)", min_value=1, max_value=30,
                                 value=costs.DEFAULT_TEAM_SIZE, step=1, key="team_size")
day_rate = rate_col.number_input("Day rate per person", min_value=0.0, value=costs.DEFAULT_DAY_RATE, step=50.0,
                                 key="day_rate")
currency = currency_col.text_input("Currency", value=totals.currency if totals else costs.DEFAULT_CURRENCY,
                                   max_chars=3, key="currency").strip().upper() or costs.DEFAULT_CURRENCY

work = plan.stages(doc)
estimate = costs.effort_estimate(work, people=int(people), day_rate=day_rate, currency=currency)
if estimate is None:
    st.info("The document has neither a phased plan nor efforts on its findings, so there is nothing to estimate.")
    st.stop()
effort = plan.person_days(work)
row = frame.metric_row()
row.metric("Plan length with this team", costs.days_range(*estimate.days), width="content")
row.metric("Estimated cost", costs.short_range(*estimate.cost, currency), width="content")
row.metric("Total effort", costs.days_range(*effort, unit="person-days"), width="content")
st.markdown(f"**How team size changes the plan.** {plan.team_rule_text()} "
            "The estimate is the plan's length x people x day rate.")
st.plotly_chart(reads.chart(("team_scaling", doc_id, int(people)), lambda: charts.team_scaling(
    costs.team_curve(work, range(1, 11)), people=int(people),
    stated_days=max((p.end_day for p in doc.phases), default=None), title="Plan length by team size")),
    key="team_chart", theme="streamlit")
