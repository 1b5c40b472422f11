"""Issue 5 for meetings: comparing two versions, the agenda, the slides, and their pages in AppTest."""

from __future__ import annotations

import datetime as dt

import pytest
import streamlit as st
from streamlit.testing.v1 import AppTest

from readiness.meeting.agenda import meeting_agenda
from readiness.analysis.compare import compare_assessments
from readiness.meeting.compare_view import change_lists, headline
from readiness.store.db import open_store
from readiness.importers import parse_file
from readiness.meeting.slides import ORDER, build_slides
from readiness.store.queries import import_assessment

from .conftest import SAMPLES
from tests.apptest import fresh_caches, start_app

BEFORE = SAMPLES / "lantern-maps-2025-08.yaml"
AFTER = SAMPLES / "lantern-maps-2025-09.yaml"


@pytest.fixture(scope="module")
def pair():
    return parse_file(BEFORE).document, parse_file(AFTER).document


# --- comparing two versions ------------------------------------------------------------------

def test_category_deltas_are_percentage_points_by_name(pair):
    deltas = {c.name: c.delta for c in compare_assessments(*pair).categories}
    assert deltas == {"Testing": 35, "Security": 35, "Reliability": -5, "Observability": 40,
                      "Performance": 0, "Documentation": 5, "Deployment": 5}


def test_blockers_resolved_and_new(pair):
    comparison = compare_assessments(*pair)
    assert {c.name for c in comparison.blockers_resolved} == {"Testing", "Security", "Observability"}
    assert [c.name for c in comparison.blockers_new] == ["Reliability"]


def test_risks_appear_disappear_and_move(pair):
    comparison = compare_assessments(*pair)
    assert [r.title for r in comparison.risks_appeared] == ["Replication lag serves stale tiles"]
    assert [r.title for r in comparison.risks_disappeared] == ["Leaked signed URL abused"]
    moved = {r.title: (r.old_cell, r.new_cell) for r in comparison.risks_moved}
    assert moved == {"Cache stampede after deploy": (("likely", "high"), ("unlikely", "high")),
                     "Render queue silently backs up": (("almost certain", "high"), ("possible", "high"))}


def test_checklist_items_newly_done_and_phases_dropped(pair):
    comparison = compare_assessments(*pair)
    assert {i.text for i in comparison.checklist_done} == {
        "Cache eviction tests", "Contract tests for the tile API", "Expiring signed URLs", "Queue depth alert"}
    assert [p.name for p in comparison.phases_removed] == ["Close the blockers"]
    assert comparison.overall_delta == 18


def test_the_page_words_list_strengths_apart_from_new_findings(pair):
    lists = dict(change_lists(compare_assessments(*pair)))
    assert lists["New or more severe findings"] == ["Single region deployment (critical)",
                                                    "Queue alert fires too late (high)"]
    assert "Signed URLs now expire after a day" in lists["New strengths"]
    numbers = headline(compare_assessments(*pair))
    assert (numbers["score"], numbers["score_delta"], numbers["blockers"]) == ("64%", "+18 points", 1)


def test_the_agenda_names_the_new_risk_and_the_resolved_blocker(pair):
    text = meeting_agenda(*pair).text()
    assert "New risk: Replication lag serves stale tiles" in text
    assert "Testing is no longer a blocker (35% -> 70%)." in text
    assert "Reliability is a new blocker" in text
    assert "The overall score rose from 46% to 64% (+18 points)." in text
    # The audit's disagreement with the stated overall is on the agenda too.
    assert "stated 64/100" in text


def test_a_first_meeting_agenda_needs_no_previous_version(pair):
    agenda = meeting_agenda(None, pair[1])
    assert agenda.lines()
    assert "Reliability" in agenda.text()


# --- slides ----------------------------------------------------------------------------------

def test_slides_come_in_meeting_order_with_a_sentence_each(pair):
    slides = build_slides(pair[1], pair[0], start=dt.date(2026, 1, 5))
    # A topic may run over several slides on screen (a long agenda), never out of order.
    assert tuple(dict.fromkeys(s.key for s in slides)) == ORDER
    assert tuple(s.key for s in build_slides(pair[1], pair[0], start=dt.date(2026, 1, 5), fit=False)) == ORDER
    titles = {s.key: s.title for s in slides}
    assert titles["verdict"] == "1 blocker stands between Lantern Maps and production"
    assert titles["scores"] == "Reliability is the weakest area at 50%; 1 category blocks production"
    assert titles["plan"].startswith("3 phases over 17 working days: ready by Tue 27 Jan 2026")
    # 13,250-19,950 USD: halves round up (the document's own rounding), not down as binary floats do.
    assert titles["costs"] == "The first month costs 13.3K-20K USD"
    assert titles["actions"] == "2 immediate actions, 1.5 hours in total"
    assert all(s.figure is not None for s in slides if s.key != "agenda")
    assert any("Replication lag" in line for s in slides if s.key == "agenda" for line in s.lines)


def test_slides_say_so_when_a_document_has_nothing_to_chart():
    from readiness.model import Assessment

    slides = build_slides(Assessment(project="Bare"))
    assert [s.figure for s in slides] == [None] * len(ORDER)
    titles = {s.key: s.title for s in slides}
    assert titles["verdict"] == "No blocker or critical finding is recorded for Bare"
    assert titles["plan"] == "There is no phased plan yet"
    assert titles["actions"] == "No immediate actions are listed"


# --- pages -----------------------------------------------------------------------------------

def app_url(at: AppTest) -> str:
    import os

    return os.environ["READINESS_DATABASE_URL"]


@pytest.fixture
def app(tmp_path, monkeypatch, navigation_mode) -> AppTest:
    url = f"sqlite:///{tmp_path / 'meeting.db'}"
    engine = open_store(url)
    for path in (BEFORE, AFTER):
        import_assessment(engine=engine, doc=parse_file(path).document)
    engine.dispose()
    yield start_app(monkeypatch, url)
    fresh_caches()


def _metric(at: AppTest, label: str):
    return next(m for m in at.metric if m.label == label)


def test_compare_page_shows_the_deltas_of_two_versions(app):
    app.switch_page("pages/compare.py").run()
    assert not app.exception
    # Defaults: the picked (latest) version against the one before it.
    assert (app.session_state["compare_old"], app.session_state["compare_new"]) == (1, 2)
    score = _metric(app, "Overall score")
    assert (score.value, score.delta) == ("64%", "+18 points")
    assert _metric(app, "Checklist items newly done").value == "4"
    assert len(app.get("plotly_chart")) == 3
    agenda = app.code[0].value
    assert "New risk: Replication lag serves stale tiles" in agenda
    assert "Testing is no longer a blocker" in agenda


def test_compare_page_offers_only_newer_versions_after_the_older_one(app):
    app.switch_page("pages/compare.py").run()
    assert not app.exception
    assert app.selectbox(key="compare_project").value == "Lantern Maps"
    # Oldest to newest: 'before' never offers the newest version, 'after' only the ones after 'before'.
    assert app.selectbox(key="compare_old").options == [app.selectbox(key="compare_old").format_func(1)]
    assert [o for o in app.selectbox(key="compare_new").options] == [app.selectbox(key="compare_new").format_func(2)]
    assert not app.warning  # one project: nothing to warn about


def test_compare_with_one_version_says_there_is_nothing_to_compare(app, tmp_path):
    from readiness.model import Assessment

    engine = open_store(app_url(app))
    import_assessment(engine=engine, doc=Assessment(project="Solo", title="Only once", date="2025-10-10"))
    engine.dispose()
    st.cache_data.clear()
    st.cache_resource.clear()
    app.run()
    app.selectbox(key="project_pick").set_value("Solo").run()
    app.switch_page("pages/compare.py").run()
    assert not app.exception
    assert "Solo has one version, so there is nothing to compare yet" in app.info[0].value
    assert not app.get("metric") and not app.get("plotly_chart")  # no before/after across projects unasked
    # Comparing with another project is an explicit choice, and says so.
    app.toggle(key="compare_across").set_value(True).run()
    assert not app.exception
    assert "Comparing two different projects: Solo (2025-10-10) against Lantern Maps" in app.warning[0].value
    assert app.selectbox(key="compare_other").value == "Lantern Maps"


def test_present_moves_through_the_slides_in_order(app):
    app.switch_page("pages/present.py").run()
    assert not app.exception
    seen = [app.caption[0].value.rsplit("·", 1)[1].strip()]
    assert app.button(key="present_prev").disabled  # nothing before the first slide
    while not app.button(key="present_next").disabled:  # nothing after the last one
        app.button(key="present_next").click().run()
        assert not app.exception
        seen.append(app.caption[0].value.rsplit("·", 1)[1].strip())
    assert tuple(dict.fromkeys(name.split(" ")[0] for name in seen)) == ORDER
    assert app.session_state["present_index"] == len(seen) - 1
    app.button(key="present_prev").click().run()
    assert app.session_state["present_index"] == len(seen) - 2
    assert app.caption[0].value.rsplit("·", 1)[1].strip() == seen[-2]


def test_present_shows_one_chart_and_its_sentence(app):
    app.switch_page("pages/present.py").run()
    assert len(app.get("plotly_chart")) == 1
    assert "stands between Lantern Maps and production" in app.title[0].value.replace("\\", "")


def test_comparison_charts_are_valid_plotly_figures(pair):
    import plotly.graph_objects as go

    from readiness.charts import compare as charts

    comparison = compare_assessments(*pair)
    for build in (charts.category_delta_figure, charts.risk_moves_figure, charts.cost_ranges_figure):
        figure = build(comparison, title="<b>x</b>")
        go.Figure(figure.to_dict())  # plotly validates every property here
        assert "&lt;b&gt;x&lt;/b&gt;" in figure.layout.title.text


def test_present_offers_the_hand_out_and_downloads(app):
    app.switch_page("pages/present.py").run()
    assert app.get("download_button") == []  # until asked for
    app.toggle(key="present_downloads").set_value(True).run()
    labels = [button.proto.label for button in app.get("download_button")]
    assert labels[:3] == ["Hand-out (HTML, works offline)", "Tables (CSV, zipped)", "readiness/v1 YAML"]


def test_without_a_browser_the_pdf_button_says_why(app, monkeypatch):
    from readiness.meeting import export
    monkeypatch.setattr(export, "image_export_status", lambda: (False, "no Chromium here"))
    st.cache_data.clear()
    app.switch_page("pages/compare.py").run()
    app.toggle(key="compare_downloads").set_value(True).run()
    assert not app.exception
    assert "No PDF or images here: no Chromium here." in [i.value for i in app.info]
    assert len(app.get("download_button")) == 3  # the HTML hand-out is still there
