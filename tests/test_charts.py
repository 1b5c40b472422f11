"""Chart builders: the expected traces and counts, projector-sized type, and document text escaped."""

import datetime as dt
import json
from pathlib import Path

import pytest

from readiness.analysis import checklist
from readiness.analysis import costs
from readiness.analysis import plan
from readiness.analysis import risks
from readiness.charts import checklist as checklist_charts
from readiness.charts import costs as cost_charts
from readiness.charts import overview as overview_charts
from readiness.charts import plan as plan_charts
from readiness.charts import risks as risk_charts
from readiness.charts import scores as score_charts
from readiness.charts.theme import AXIS_FONT, BASE_FONT, SEVERITY_COLORS, TITLE_FONT, empty_figure
from readiness.importers import parse_file
from readiness.model import Assessment, Category, CostItem, Phase, Risk, Task
from readiness.analysis.summary import AssessmentSummary

SAMPLE = Path(__file__).resolve().parents[1] / "data" / "samples" / "lantern-maps-2025-09.yaml"
MONDAY = dt.date(2025, 11, 24)
EVIL = "<script>alert(1)</script>"


@pytest.fixture(scope="module")
def doc() -> Assessment:
    return parse_file(SAMPLE).document


def _json(fig) -> str:
    return fig.to_json()


def test_category_bars_worst_first_with_blockers_written(doc):
    fig = score_charts.category_bars(doc.categories, title="Scores")
    bar = fig.data[0]
    assert list(bar.x) == sorted(c.percent for c in doc.categories)
    assert bar.y[0] == "Reliability (BLOCKER)"
    assert "BLOCKER" in bar.text[0] and "weight 20%" in bar.text[0]
    assert fig.layout.yaxis.autorange == "reversed"
    assert fig.layout.font.size >= 18 and fig.layout.title.font.size >= 24
    assert fig.layout.xaxis.tickfont.size >= 16


def test_radar_closes_its_ring(doc):
    trace = score_charts.category_radar(doc.categories).data[0]
    assert len(trace.r) == len(doc.categories) + 1 and trace.r[0] == trace.r[-1]


def test_overall_comparison_has_both_bars():
    fig = score_charts.overall_comparison(64, 62.5, how="weights x scores")
    assert list(fig.data[0].y) == ["Stated", "Weights x scores"]
    assert list(fig.data[0].text) == ["64.0%", "62.5%"]


def test_risk_matrix_cells_levels_and_counts(doc):
    cells = risks.risk_cells(doc.risks)
    fig = risk_charts.risk_matrix(cells)
    heat, markers = fig.data
    assert len(heat.z) == 5 and len(heat.z[0]) == 4  # likelihood rows x impact columns
    # Likelihood rises upward: the rarest band is the first (bottom) category.
    assert fig.layout.yaxis.categoryarray[0].startswith("Rare")
    assert list(fig.layout.xaxis.categoryarray) == ["Low", "Medium", "High", "Critical"]
    assert sum(int(t) for t in markers.text) == len(doc.risks)
    assert set(markers.customdata) == {c.key for c in cells if c.risks}
    written = {a.text for a in fig.layout.annotations}
    assert {"<b>CRITICAL</b>", "<b>HIGH</b>", "<b>MEDIUM</b>", "<b>LOW</b>"} <= written


def test_findings_chart_one_trace_per_severity(doc):
    fig = risk_charts.findings_by_severity(risks.finding_counts(doc))
    assert [t.name for t in fig.data] == ["CRITICAL", "HIGH", "INFO"]
    assert fig.data[0].marker.color == SEVERITY_COLORS["critical"]
    assert all(text.startswith(t.name) for t in fig.data for text in t.text if text)


def test_gantt_bars_dates_priorities_today_and_milestones(doc):
    bars = plan.schedule(doc, MONDAY)
    fig = plan_charts.gantt(bars, today=dt.date(2025, 11, 20), milestones=plan.milestones(doc, MONDAY))
    bar_traces = [t for t in fig.data if t.type == "bar"]
    assert {t.name for t in bar_traces} == {"HIGH", "CRITICAL", "MEDIUM"}
    assert sum(len(t.y) for t in bar_traces) == len(bars) == 9
    critical = next(t for t in bar_traces if t.name == "CRITICAL")
    # "Second region" starts on working day 2 (Wednesday) and lasts 12 working days.
    assert critical.base[0] == "2025-11-26T00:00:00"
    assert critical.text[0].startswith("CRITICAL")
    diamonds = next(t for t in fig.data if t.type == "scatter")
    assert diamonds.marker.symbol == "diamond" and len(diamonds.x) == 2
    today_line = next(s for s in fig.layout.shapes if s.type == "line")
    assert today_line.x0 == "2025-11-20T00:00:00" and today_line.line.width >= 3
    # 17 working days from Monday 24 Nov span three weekends, each shaded.
    weekends = [s.x0 for s in fig.layout.shapes if s.type == "rect"]
    assert weekends == ["2025-11-29T00:00:00", "2025-12-06T00:00:00", "2025-12-13T00:00:00"]


def test_gantt_moves_with_the_start_date(doc):
    first = plan_charts.gantt(plan.schedule(doc, MONDAY))
    later = plan_charts.gantt(plan.schedule(doc, MONDAY + dt.timedelta(weeks=2)))
    a = dt.datetime.fromisoformat(first.data[0].base[0])
    b = dt.datetime.fromisoformat(later.data[0].base[0])
    assert b - a == dt.timedelta(weeks=2)


def test_cost_ranges_and_team_scaling(doc):
    fig = cost_charts.cost_ranges(doc.costs)
    assert {t.name for t in fig.data} == {"ONE-OFF", "MONTHLY"}
    once = next(t for t in fig.data if t.name == "ONE-OFF")
    assert once.base[0] == 12000 and once.x[0] == 6000
    curve = costs.team_curve(plan.stages(doc), range(1, 6))
    fig = cost_charts.team_scaling(curve, people=3, stated_days=17)
    assert list(fig.data[0].x) == [1, 2, 3, 4, 5]
    assert fig.data[-1].name == "Your team" and fig.data[-1].x[0] == 3


def test_checklist_bars_with_stated_markers(doc):
    groups = checklist.completion(doc)
    fig = checklist_charts.completion_bars(groups)
    done, open_, stated = fig.data
    assert done.name == "DONE" and open_.name == "OPEN" and stated.name == "STATED"
    assert len(stated.x) == 2 and done.text[0].startswith("DONE 3 of 4")


def _summary(project: str, version: int, percent: float | None) -> AssessmentSummary:
    return AssessmentSummary(
        id=version, project=project, version=version, title=None, date=None, status=None, overall_score=percent,
        overall_max=100, overall_percent=percent, time_to_ready=None, blockers=0, critical_findings=0,
        high_findings=0, risks=0, plan_days=0, first_month_cost_min=None, first_month_cost_max=None,
        currency=None, source_file=None, imported_at="2025-01-01T00:00:00")


def test_overview_latest_and_trends():
    rows = [_summary("A", 1, 40), _summary("A", 2, 55), _summary("B", 1, 80), _summary("C", 1, None)]
    latest = overview_charts.latest_scores([rows[1], rows[2], rows[3]])
    assert list(latest.data[0].y) == ["A", "B"]  # unscored projects are left out, worst first
    trends = overview_charts.score_trends(rows)
    assert len(trends.data) == 1 and list(trends.data[0].y) == [40, 55]


def test_document_text_is_escaped_everywhere():
    evil_plan = Assessment(project="P", phases=[Phase(name=EVIL, start_day=0, duration_days=2, deliverables=[EVIL],
                                                      tasks=[Task(name=EVIL, start_day=0, duration_days=1)])])
    doc = Assessment(project=EVIL, title=EVIL, categories=[Category(name=EVIL, score=1, max=10, blocker=True)],
                     risks=[Risk(title=EVIL, probability=0.5, impact="high", mitigation=EVIL)])
    figures = [
        score_charts.category_bars(doc.categories, title=EVIL),
        score_charts.category_radar(doc.categories),
        risk_charts.risk_matrix(risks.risk_cells(doc.risks)),
        risk_charts.findings_by_severity({(EVIL, "high"): 1}),
        overview_charts.latest_scores([_summary(EVIL, 1, 50)]),
        overview_charts.score_trends([_summary(EVIL, 1, 50), _summary(EVIL, 2, 60)]),
        plan_charts.gantt(plan.schedule(evil_plan, MONDAY), milestones=plan.milestones(evil_plan, MONDAY)),
        cost_charts.cost_ranges([CostItem(name=EVIL, min=1, max=2, note=EVIL)]),
        checklist_charts.completion_bars([checklist.GroupCompletion(EVIL, 1, 2, 50)]),
        empty_figure(EVIL),
    ]
    for fig in figures:
        text = _json(fig)
        assert "<script>" not in text and "\\u003cscript" not in text
        assert "&lt;script&gt;" in text


def test_type_sizes_are_projector_sized():
    fig = empty_figure("nothing", title="t")
    assert fig.layout.font.size == BASE_FONT >= 18 and AXIS_FONT >= 16 and TITLE_FONT >= 24
    assert json.loads(_json(fig))["layout"]["paper_bgcolor"] == "rgba(0,0,0,0)"


def test_every_builder_makes_a_valid_figure(doc):
    """Builders skip plotly's validation for speed; validate their output here instead."""
    import plotly.graph_objects as go

    bars = plan.schedule(doc, MONDAY)
    rows = [_summary("A", 1, 40), _summary("A", 2, 55)]
    figures = [
        score_charts.category_bars(doc.categories, title="t"), score_charts.category_radar(doc.categories),
        score_charts.overall_comparison(64, 60), risk_charts.risk_matrix(risks.risk_cells(doc.risks)),
        risk_charts.findings_by_severity(risks.finding_counts(doc)),
        plan_charts.gantt(bars, today=MONDAY, milestones=plan.milestones(doc, MONDAY), title="t"),
        cost_charts.cost_ranges(doc.costs), cost_charts.team_scaling(
            costs.team_curve(plan.stages(doc), range(1, 5)), people=2, stated_days=17),
        checklist_charts.completion_bars(checklist.completion(doc)),
        overview_charts.latest_scores(rows), overview_charts.score_trends(rows), empty_figure("x", title="t"),
    ]
    for fig in figures:
        go.Figure(fig.to_dict())  # raises ValueError on any invalid property


def test_categories_without_a_score_draw_no_bar_and_no_radar_point():
    from readiness.model import Category
    cats = [Category(name="Scored", score=7, max=10), Category(name="Graded only", max=100, grade="C")]
    bars = score_charts.category_bars(cats)
    assert [y for y in bars.data[0].y] == ["Scored"]
    radar = score_charts.category_radar(cats)
    assert "Graded only" not in list(radar.data[0].theta)
