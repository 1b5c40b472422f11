"""Issue 11, fit for the projector: Present as a presentation mode, one estimate everywhere, actions on
every view, Compare choosing a project first, and the chart fixes (dates, rounding, legends)."""

from __future__ import annotations

import datetime as dt

import pytest
from streamlit.testing.v1 import AppTest

from readiness.analysis import costs
from readiness.analysis.actions import action_efforts, hours_text, summary_sentence
from readiness.app.samples import load_samples
from readiness.charts.compare import category_delta_figure
from readiness.charts.overview import score_trends
from readiness.importers import parse_file
from readiness.meeting.agenda import meeting_agenda
from readiness.meeting.report import assessment_report
from readiness.meeting.slides import build_slides, plural
from readiness.analysis.compare import compare_assessments
from readiness.model import Action, Assessment, Duration, Finding
from readiness.store.db import open_store
from readiness.store.queries import import_assessment

from .conftest import SAMPLES
from tests.apptest import fresh_caches, start_app

HARBOR = SAMPLES / "harbor-ledger-2025-09.md"


def _no_money() -> Assessment:
    return Assessment(project="Effort only", title="Findings with efforts", findings=[
        Finding(title="No backups", category="Reliability", severity="critical", effort=Duration(min=2, max=3, unit="days")),
        Finding(title="No alerts", category="Observability", severity="high", effort=Duration(min=1, max=1, unit="days")),
        Finding(title="No runbook", category="Operations", severity="high", effort=Duration(min=2, max=2, unit="days"))])


@pytest.fixture
def app(tmp_path, monkeypatch, navigation_mode) -> AppTest:
    url = f"sqlite:///{tmp_path / 'projector.db'}"
    engine = open_store(url)
    load_samples(engine=engine)
    import_assessment(engine=engine, doc=_no_money())
    engine.dispose()
    yield start_app(monkeypatch, url)
    fresh_caches()


def _caption(at: AppTest) -> str:
    return at.caption[0].value


# --- words and numbers -------------------------------------------------------------------------

def test_plurals_of_our_own_words():
    assert plural(3, "category") == "3 categories"
    assert plural(1, "category") == "1 category"
    assert plural(2, "critical finding") == "2 critical findings"
    assert plural(2, "person") == "2 people"


@pytest.mark.parametrize("value, words", [(15_850, "15.9K"), (12_500, "12.5K"), (25_250, "25.3K"),
                                          (31_200, "31.2K"), (999, "999"), (999_950, "1M"), (2_300_000, "2.3M")])
def test_short_money_rounds_halves_up(value, words):
    assert costs.short_money(value) == words


def test_findings_headline_counts_severities_not_categories():
    doc = Assessment(project="P", findings=[
        *[Finding(title=f"c{n}", category="Security", severity="critical") for n in range(5)],
        *[Finding(title=f"h{n}", category="Testing", severity="high") for n in range(3)],
        Finding(title="m", category="Testing", severity="medium")])
    risks = next(s for s in build_slides(doc) if s.key == "risks")
    assert risks.title == "8 findings of 9 are critical or high"


def test_a_milestone_is_drawn_on_the_phase_s_last_working_day():
    doc = parse_file(HARBOR).document
    plan = next(s for s in build_slides(doc, start=dt.date(2026, 3, 2), fit=False) if s.key == "plan")
    (marks,) = [t for t in plan.figure.data if t.name == "MILESTONE"]
    days = [dt.datetime.fromisoformat(x).date() for x in marks.x]
    assert days and all(d.weekday() < 5 for d in days)
    ready = plan.title.split("ready by ")[1].split(" if ")[0]
    assert f"{max(days):%a %d %b %Y}" == ready  # the last milestone is the day the title says


def test_the_trend_chart_names_a_single_line_in_a_legend():
    from readiness.analysis.summary import AssessmentSummary

    def summary(version: int, score: float) -> AssessmentSummary:
        return AssessmentSummary(id=version, project="Solo", version=version, title=None, date=f"2025-0{version}-01",
                                 status=None, overall_score=score, overall_max=100, overall_percent=score,
                                 blockers=0, critical_findings=0, high_findings=0, risks=0, plan_days=0,
                                 time_to_ready=None, first_month_cost_min=None,
                                 first_month_cost_max=None, currency=None, source_file=None,
                                 imported_at="2025-01-01T00:00:00")

    figure = score_trends([summary(1, 40), summary(2, 60)])
    assert figure.layout.showlegend is True and figure.data[0].showlegend is True
    assert figure.data[0].name == "Solo"


def test_two_projects_are_compared_as_such_on_the_axis():
    harbor = parse_file(HARBOR).document
    lantern = parse_file(SAMPLES / "lantern-maps-2025-08.yaml").document
    across = category_delta_figure(compare_assessments(harbor, lantern))
    assert across.layout.xaxis.title.text == f"percentage points against Harbor Ledger ({harbor.date})"
    later = parse_file(SAMPLES / "lantern-maps-2025-09.yaml").document
    same = category_delta_figure(compare_assessments(lantern, later))
    assert same.layout.xaxis.title.text == f"percentage points since {lantern.date}"


# --- the immediate actions, on every view ------------------------------------------------------

def test_actions_total_says_what_is_not_stated():
    result = action_efforts([Action(title="A", effort=Duration(min=2, max=3, unit="hours")),
                             Action(title="B", effort=Duration(min=30, max=30, unit="hours")),
                             Action(title="C")])
    assert result.hours == (32, 33) and result.unstated == 1
    assert summary_sentence(result) == "3 immediate actions, 32-33 hours in total for the 2 with an effort; 1 states none."
    assert hours_text(1, 1) == "1 hour" and hours_text(0.75, 0.75) == "0.75 hours"


def test_actions_are_in_the_agenda_the_slides_and_the_hand_out():
    doc = parse_file(HARBOR).document
    total = "4 immediate actions, 6.75 hours in total"
    agenda = meeting_agenda(None, doc)
    (section,) = [s for s in agenda.sections if s.heading == "Immediate actions"]
    assert section.items[0] == "Switch off retries on timeouts (1 hour)."
    assert section.items[-1] == f"Total: {total}."
    slide = next(s for s in build_slides(doc) if s.key == "actions")
    assert slide.title == total and len(slide.figure.data[0].y) == 4
    report = assessment_report(doc)
    assert total in report and "Page on failed postings (0.75 hours)." in report


def test_plan_page_lists_the_actions_with_their_effort_and_total(app):
    app.selectbox(key="project_pick").set_value("Harbor Ledger").run()
    app.switch_page("pages/plan.py").run()
    assert not app.exception
    metrics = {m.label: m.value for m in app.metric}
    assert metrics["Immediate actions"] == "4" and metrics["Total effort"] == "6.75 hours"
    (table,) = [d.value for d in app.dataframe if "Action" in d.value.columns]
    assert list(table["Action"])[0] == "Switch off retries on timeouts" and list(table["Hours"]) == [1, 3, 0.75, 2]


# --- Present -----------------------------------------------------------------------------------

def test_present_is_a_presentation_mode(app):
    app.switch_page("pages/present.py").run()
    assert not app.exception
    style = "".join(h.proto.body for h in app.get("html"))
    for hidden in ("stSidebar", "stHeader", "stToolbar", "stAppDeployButton"):
        assert f'[data-testid="{hidden}"]' in style
    assert app.button(key="present_next").proto.shortcut.lower() == "right"
    assert app.button(key="present_prev").proto.shortcut.lower() == "left"


def test_present_starts_each_new_assessment_at_slide_one(app):
    app.switch_page("pages/present.py").run()
    for _ in range(4):
        app.button(key="present_next").click().run()
    assert "slide 5 of" in _caption(app)
    app.selectbox(key="project_pick").set_value("Lantern Maps").run()
    assert not app.exception
    assert "Lantern Maps" in _caption(app) and "slide 1 of" in _caption(app)
    app.button(key="present_next").click().run()
    assert "slide 2 of" in _caption(app)
    app.selectbox(key="version_pick").set_value(app.selectbox(key="version_pick").value - 1).run()
    assert "slide 1 of" in _caption(app)


def test_present_and_the_costs_page_give_one_estimate(app):
    app.selectbox(key="project_pick").set_value("Effort only").run()
    app.switch_page("pages/costs.py").run()
    assert not app.exception
    metrics = {m.label: m.value for m in app.metric}
    app.switch_page("pages/present.py").run()
    while "costs" not in _caption(app):
        app.button(key="present_next").click().run()
    said = " ".join(item.value for item in app.markdown).replace("\\", "")
    people = costs.DEFAULT_TEAM_SIZE
    assert f"With {people} people the plan takes {metrics['Plan length with this team']}" in said
    estimate = costs.estimate_for(_no_money(), people=people, day_rate=costs.DEFAULT_DAY_RATE)
    assert metrics["Estimated cost"] == costs.short_range(*estimate.cost, "USD")
    assert costs.money_range(*estimate.cost, "USD") in said
