"""Scores over time: points on a real time axis, the charts drawn from them, the query and the pages."""

from __future__ import annotations

import datetime as dt
import json

import plotly.graph_objects as go
import pytest
from sqlmodel import Session
from streamlit.testing.v1 import AppTest

from readiness.analysis.trend import (TrendPoint, categories_sentence, category_series, newest_only, overall_sentence,
                                      placed)
from readiness.charts import trend as charts
from readiness.importers.history import parse_history, read_history
from readiness.store.db import open_store
from readiness.store.queries import import_many, list_trend

from .apptest import fresh_caches, start_app
from .gitrepo import GitRepo, assessment

EVIL = "<script>alert(1)</script>"
UTC_PLUS_1 = dt.timezone(dt.timedelta(hours=1))


def _point(version: int, date: str | None, overall: float | None, categories: dict, *, by: str | None = None,
           commit_date: str | None = None, note: str | None = None) -> TrendPoint:
    return TrendPoint(assessment_id=version, version=version, date=date, dated_by=by, commit_date=commit_date,
                      overall_percent=overall, categories=categories,
                      commit=f"{version:040x}" if by else None, note=note)


POINTS = [
    _point(1, "2025-10-02", 40, {"Security": 30, "Legacy": 10}, by="commit",
           commit_date="2025-10-02T23:30:00+01:00", note="First pass"),
    _point(2, "2025-11", 55, {"Security": 45, "Testing": 60}, by="document", note="Rescore"),
    _point(3, None, 60, {"Security": 50}),  # no date at all: not on the time axis
    _point(4, "2025-12-01", None, {"Security": 70, "Testing": 72}, by="commit",
           commit_date="2025-12-01T18:00:00+01:00", note=EVIL),
]


def test_points_sit_at_their_dates_and_undated_ones_are_counted():
    dated, undated = placed(POINTS)
    assert undated == 1
    # A commit-dated point sits at its commit's minute in UTC; a document's date keeps its precision.
    assert [p.when for p in dated] == ["2025-10-02 22:30", "2025-11", "2025-12-01 17:00"]
    assert dated[0].date_words == "2025-10-02 (commit date; the document states none)"
    assert dated[1].date_words == "2025-11"


def test_category_series_puts_the_newest_versions_categories_first():
    dated, _ = placed(POINTS)
    series, left_out = category_series(dated, limit=2)
    assert list(series) == ["Security", "Testing"] and left_out == 1
    assert [p.version for p in series["Testing"]] == [2, 4]


def test_sentences_state_the_numbers_the_charts_draw():
    dated, undated = placed(POINTS)
    assert overall_sentence(dated, undated) == (
        "2 versions with an overall score, from 2025-10-02 (v1, 40%) to 2025-11 (v2, 55%). "
        "1 dated version states none. 1 version states no date and is not drawn.")
    assert categories_sentence(dated, limit=2, undated=undated).startswith("2 categories over 3 dated versions")
    assert "1 more category is not drawn" in categories_sentence(dated, limit=2)


def test_overall_chart_is_on_a_time_axis_with_commit_and_note_on_hover():
    dated, _ = placed(POINTS)
    fig = charts.overall_over_time(dated, title="Kestrel")
    go.Figure(fig.to_dict())  # valid plotly
    line = fig.data[0]
    assert fig.layout.xaxis.type == "date"
    assert list(line.x) == ["2025-10-02 22:30", "2025-11"] and list(line.y) == [40, 55]
    assert f"commit {dated[0].commit[:10]}: First pass" in line.hovertext[0] and "v1 · 2025-10-02 (commit date" in line.hovertext[0]
    assert line.text[-1] == "55%"
    # The range pads the first and last dates so that their markers are drawn whole.
    start, end = fig.layout.xaxis.range
    assert start < "2025-10-02 22:30" and end > "2025-11-01"


def test_small_multiples_one_panel_per_category_on_one_time_axis():
    dated, _ = placed(POINTS)
    fig = charts.categories_over_time(dated)
    go.Figure(fig.to_dict())
    assert [t.name for t in fig.data] == ["Security", "Testing", "Legacy"]
    assert [t.xaxis for t in fig.data] == ["x", "x2", "x3"]
    assert fig.layout.xaxis2.matches == "x" and fig.layout.xaxis.type == "date"
    assert [a.text for a in fig.layout.annotations] == ["<b>Security</b> · 70%", "<b>Testing</b> · 72%",
                                                        "<b>Legacy</b> · 10%"]
    assert list(fig.data[0].y) == [30, 45, 70]


def test_document_and_commit_text_is_escaped():
    dated, _ = placed(POINTS + [_point(5, "2026-01-05", 80, {EVIL: 50}, by="document", note=EVIL)])
    for fig in (charts.overall_over_time(dated), charts.categories_over_time(dated)):
        text = fig.to_json()
        assert "<script>" not in text and "\\u003cscript" not in text and "&lt;script&gt;" in text


def test_a_category_name_is_not_read_as_a_hover_template():
    dated, _ = placed([_point(1, "2026-01-05", 40, {"Uptime %{y} target": 20}),
                       _point(2, "2026-02-02", 50, {"Uptime %{y} target": 30})])
    [trace] = charts.categories_over_time(dated).data
    assert "%{y} target" not in trace.hovertemplate and "Uptime &#37;{y} target" in trace.hovertemplate


def test_nothing_to_draw_says_so():
    assert charts.overall_over_time([]).layout.annotations[0].text.startswith("No version states")
    assert charts.categories_over_time([_point(1, "2025-01-01", 50, {})]).layout.annotations[0].text.startswith(
        "No dated version")


@pytest.fixture
def history_store(tmp_path):
    """A store holding four versions of one assessment read from a git history."""
    git = GitRepo(tmp_path / "repo")
    for month, (overall, security, date) in enumerate([(40, 30, None), (48, 35, "2025-09-20"), (55, 50, None),
                                                       (71, 65, None)], start=8):
        git.commit({"READINESS.md": assessment("Kestrel Pay", overall, security, date=date)},
                   f"Rescore {month}", dt.datetime(2025, month + 1, 3, 10, tzinfo=UTC_PLUS_1))
    git.close()
    url = f"sqlite:///{tmp_path / 'store.db'}"
    engine = open_store(url)
    import_many(engine=engine, docs=[i.document for i in parse_history(read_history(tmp_path / "repo"))])
    yield url, engine
    engine.dispose()


def test_the_trend_query_returns_versions_with_categories_and_commits(history_store):
    _url, engine = history_store
    with Session(engine) as session:
        points = list_trend(session=session, project="Kestrel Pay")
    assert [p.overall_percent for p in points] == [40, 48, 55, 71]
    assert [p.date for p in points] == ["2025-09-03", "2025-09-20", "2025-11-03", "2025-12-03"]
    assert [p.dated_by for p in points] == ["commit", "document", "commit", "commit"]
    assert points[2].categories == {"Security": 50, "Testing": 55}
    assert points[3].note == "Rescore 11" and len(points[3].commit) == 40


def test_the_trend_query_reads_only_the_newest_versions_and_categories_when_asked(history_store):
    _url, engine = history_store
    with Session(engine) as session:
        newest = list_trend(session=session, project="Kestrel Pay", last=2)
        plain = list_trend(session=session, project="Kestrel Pay", categories=False)
    assert [p.overall_percent for p in newest] == [55, 71] and newest[0].categories == {"Security": 50, "Testing": 55}
    assert [p.overall_percent for p in plain] == [40, 48, 55, 71] and all(not p.categories for p in plain)
    assert newest_only(2, 2) == " Only the newest 2 versions are drawn." and newest_only(1, 2) == ""


@pytest.fixture
def trend_app(history_store, monkeypatch, navigation_mode):
    url, _engine = history_store
    yield start_app(monkeypatch, url)
    fresh_caches()


def _figures(at: AppTest) -> list[dict]:
    return [json.loads(chart.proto.spec) for chart in at.get("plotly_chart")]


def test_overview_and_scores_draw_the_trend_of_the_picked_project(trend_app):
    at = trend_app
    at.switch_page("pages/overview.py").run(timeout=30)
    assert not at.exception
    over_time = next(f for f in _figures(at) if f["layout"]["xaxis"].get("type") == "date")
    line = over_time["data"][0]
    assert line["y"] == [40, 48, 55, 71]
    assert "Rescore 11" in line["hovertext"][-1]
    assert any(c.value.startswith("4 versions with an overall score") for c in at.caption)
    at.switch_page("pages/scores.py").run(timeout=30)
    assert not at.exception
    panels = next(f for f in _figures(at) if "xaxis2" in f["layout"])
    assert [t["name"] for t in panels["data"]] == ["Security", "Testing"]
    assert panels["data"][0]["y"] == [30, 35, 50, 65]
