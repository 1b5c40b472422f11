"""Every dashboard page through Streamlit's AppTest, on a temporary store with the samples (and seeds)."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest
from sqlmodel import Session
from streamlit.testing.v1 import AppTest

from readiness.store.db import open_store
from readiness.importers import parse_file
from readiness.model import Assessment, Duration, Finding, Risk
from readiness.app.samples import load_samples
from readiness.store.queries import import_assessment, list_assessments
from tests.apptest import fresh_caches, open_page, start_app

ROOT = Path(__file__).resolve().parents[1]
APP = str(ROOT / "app.py")
SEEDS = ROOT.parent / "shared" / "seeds"
PAGES = ["overview", "scores", "risks", "plan", "costs", "checklist", "import_files"]
CHARTS = {"overview": 3, "scores": 4, "risks": 1, "plan": 1, "costs": 2, "checklist": 1, "import_files": 0}
EVIL = "<script>alert(1)</script>"


@pytest.fixture(autouse=True)
def _navigation_mode(navigation_mode):
    yield


def _sparse_document() -> Assessment:
    """Risks without probabilities, findings with efforts, and nothing else: every fallback at once."""
    return Assessment(
        project="Sparse", title="Only findings",
        findings=[Finding(title="No backups", category="Reliability", severity="critical",
                          effort=Duration(min=2, max=3, unit="days")),
                  Finding(title="No alerts", category="Observability", severity="high",
                          effort=Duration(min=1, max=1, unit="days"))],
        risks=[Risk(title="Data loss", impact="critical", mitigation="Nightly backups")])


@pytest.fixture(scope="module")
def dashboard_store(tmp_path_factory) -> dict:
    """A store with the samples and, where the markdown importer reads them, the seeds."""
    url = f"sqlite:///{tmp_path_factory.mktemp('dashboard') / 'store.db'}"
    engine = open_store(url)
    _stored, errors = load_samples(engine=engine)
    assert not errors, errors
    seeds = []
    if SEEDS.is_dir():
        for path in sorted(SEEDS.glob("*.txt")):
            seeds.append(import_assessment(engine=engine, doc=parse_file(path).document).project)
    import_assessment(engine=engine, doc=_sparse_document())
    with Session(engine) as session:
        rows = list_assessments(session=session)
    engine.dispose()
    return {"url": url, "rows": rows, "seeds": seeds}


@pytest.fixture
def app(dashboard_store, monkeypatch) -> AppTest:
    monkeypatch.setenv("READINESS_DATABASE_URL", dashboard_store["url"])
    yield start_app()
    fresh_caches()


_open = open_page


def _pick(at: AppTest, project: str, version: int | None = None) -> AppTest:
    at.selectbox(key="project_pick").set_value(project).run(timeout=30)
    if version is not None:
        chosen = next(r.id for r in _rows(at) if r.project == project and r.version == version)
        at.selectbox(key="version_pick").set_value(chosen).run(timeout=30)
    return at


def _figure(at: AppTest, index: int = 0) -> dict:
    return json.loads(at.get("plotly_chart")[index].proto.spec)


def _metric(at: AppTest, label: str) -> str:
    return next(m.value for m in at.metric if m.label == label)


@pytest.mark.parametrize("page", PAGES)
def test_every_page_renders_its_charts(app, page):
    _pick(app, "Lantern Maps")
    _open(app, page)
    assert len(app.get("plotly_chart")) == CHARTS[page]
    assert app.title[0].value


def test_picker_defaults_to_the_latest_version_and_switching_changes_numbers(app):
    _pick(app, "Lantern Maps")
    lantern = [r for r in _rows(app) if r.project == "Lantern Maps"]
    assert app.session_state["assessment_id"] == lantern[-1].id
    _open(app, "scores")
    latest = _metric(app, "Stated overall")
    _pick(app, "Lantern Maps", version=1)
    assert app.session_state["assessment_id"] == lantern[0].id
    _open(app, "scores")
    assert _metric(app, "Stated overall") != latest


def test_overview_shows_deltas_against_the_previous_version(app):
    _pick(app, "Lantern Maps")
    _open(app, "overview")
    score = next(m for m in app.metric if m.label == "Overall score")
    assert score.value == "64%" and score.delta.startswith("+")
    assert len(_figure(app, 1)["data"]) >= 1  # a trend line: Lantern Maps has two versions


def test_plan_start_date_moves_the_gantt(app):
    _pick(app, "Lantern Maps")
    _open(app, "plan")
    app.date_input(key="plan_start").set_value(dt.date(2025, 11, 24)).run(timeout=30)
    first = _figure(app)["data"][0]["base"][0]
    app.date_input(key="plan_start").set_value(dt.date(2025, 12, 1)).run(timeout=30)
    later = _figure(app)["data"][0]["base"][0]
    assert dt.datetime.fromisoformat(later) - dt.datetime.fromisoformat(first) == dt.timedelta(weeks=1)
    assert not app.exception


def test_team_size_changes_duration_and_cost(app):
    _pick(app, "Lantern Maps")
    _open(app, "costs")
    app.number_input(key="team_size").set_value(1).run(timeout=30)
    days_one, cost_one = _metric(app, "Plan length with this team"), _metric(app, "Estimated cost")
    assert days_one == "17 working days"
    app.number_input(key="team_size").set_value(2).run(timeout=30)
    assert _metric(app, "Plan length with this team") == "11 working days"
    assert _metric(app, "Estimated cost") != cost_one
    app.number_input(key="day_rate").set_value(1000.0).run(timeout=30)
    assert _metric(app, "Estimated cost") == "22K USD"


def test_risk_cell_picker_lists_that_cells_risks(app):
    _pick(app, "Lantern Maps")
    _open(app, "risks")
    # The worst cell holding risks comes first; the picker reaches every other one.
    assert app.session_state["risk_cell"] == "possible|high"
    assert list(app.dataframe[0].value["Risk"]) == ["Render queue silently backs up"]
    app.selectbox(key="risk_cell").set_value("rare|critical").run(timeout=30)
    assert not app.exception
    assert list(app.dataframe[0].value["Risk"]) == ["Region outage"]
    assert list(app.dataframe[0].value["Mitigation"]) == ["Second region with failover"]


def _rows(at: AppTest):
    from readiness.app import reads
    url = reads.database_url()
    return [row for project in reads.projects(url) for row in reads.versions(url, project)]


def test_import_previews_renames_and_stores(app, dashboard_store):
    _open(app, "import_files")
    sample = (ROOT / "data" / "samples" / "lantern-maps-2025-08.yaml").read_bytes()
    evil = b"\n".join(b"title: '" + EVIL.encode() + b"'" if line.startswith(b"title:") else line
                       for line in sample.split(b"\n"))
    app.file_uploader(key="upload").set_value([
        ("lantern.yaml", sample, "application/yaml"),
        ("broken.yaml", b"schema: readiness/v1\nproject: [unclosed\n", "application/yaml"),
        ("evil.yaml", evil, "application/yaml"),
    ]).run(timeout=30)
    assert not app.exception
    assert any("broken.yaml" in e.value.replace("\\", "") for e in app.error)
    assert len(app.get("download_button")) == 2
    overview = app.dataframe[0].value
    assert list(overview["Read"]) == ["yes", "NO", "yes"]
    # What the document says appears as escaped text, never as markup.
    assert any("\\<script\\>" in c.value for c in app.caption)
    app.text_input(key="import_project_0").set_value("Renamed Maps")
    app.text_input(key="import_project_2").set_value("Evil Project")
    app.button(key="store").click().run(timeout=30)
    assert not app.exception
    assert any("stored as Renamed Maps v1" in s.value.replace("\\", "") for s in app.success)
    projects = {r.project for r in _rows(app)}
    assert {"Renamed Maps", "Evil Project"} <= projects
    # The sidebar now shows the last file stored.
    assert app.selectbox(key="project_pick").value == "Evil Project"
    _pick(app, "Evil Project")
    _open(app, "scores")
    assert "\\<script\\>" in app.caption[0].value


def test_markdown_uploads_are_read_or_reported(app):
    _open(app, "import_files")
    app.file_uploader(key="upload").set_value(
        ("notes.md", b"# Nothing here\n\nJust prose.\n", "text/markdown")).run(timeout=30)
    assert not app.exception


def test_seeds_render_on_every_page(app, dashboard_store):
    if not dashboard_store["seeds"]:
        pytest.skip(f"{SEEDS} is absent: the shared seeds are not checked out beside the project")
    for project in dashboard_store["seeds"]:
        _pick(app, project)
        for page in PAGES[:-1]:
            _open(app, page)
            assert app.get("plotly_chart") or app.info, (project, page)


def test_empty_store_says_what_to_do(tmp_path, monkeypatch):
    monkeypatch.setenv("READINESS_DATABASE_URL", f"sqlite:///{tmp_path / 'empty.db'}")
    monkeypatch.setenv("READINESS_LOAD_SAMPLES", "false")
    fresh_caches()
    at = AppTest.from_file(APP, default_timeout=30).run(timeout=30)
    for page in PAGES[:-1]:
        _open(at, page)
        assert any("Import" in i.value for i in at.info), page
    fresh_caches()


def test_sparse_document_falls_back_on_every_page(app):
    _pick(app, "Sparse")
    _open(app, "risks")
    assert any("no probabilities" in i.value for i in app.info)
    assert len(app.get("plotly_chart")) == 1  # findings by severity instead of the matrix
    assert list(app.dataframe[0].value["Level"]) == ["UNRATED"]
    _open(app, "plan")
    assert any("no phased plan" in i.value for i in app.info) and not app.get("plotly_chart")
    _open(app, "costs")
    assert any("states no costs" in i.value for i in app.info)
    # Without a plan the findings' efforts are the work: 3-4 days for one person.
    app.number_input(key="team_size").set_value(1).run(timeout=30)
    assert _metric(app, "Plan length with this team") == "3-4 working days"
    _open(app, "checklist")
    assert any("no checklist" in i.value for i in app.info)
    _open(app, "scores")
    assert any("no category scores" in i.value for i in app.info)
    _open(app, "overview")
    assert next(m.value for m in app.metric if m.label == "Overall score") == "not stated"


@pytest.fixture(scope="module")
def crowded_store(tmp_path_factory) -> str:
    """60 projects; one of them, 'Aa Crowded', with 120 versions: more than any picker lists at once."""
    from benchmarks.storefill import fill_store

    url = f"sqlite:///{tmp_path_factory.mktemp('crowded') / 'store.db'}"
    fill_store(url, assessments=119 + 59, projects=60, templates=10)  # project 0: 3 versions, others 2-3
    engine = open_store(url)
    for n in range(120):
        import_assessment(engine=engine, doc=Assessment(project="Aa Crowded", title=f"crowded {n:03d}",
                                                        date=f"2024-{1 + n // 28:02d}-{1 + n % 28:02d}",
                                                        overall={"score": n % 100, "max": 100}))
    engine.dispose()
    return url


def test_pickers_list_a_page_of_versions_and_of_projects(crowded_store, monkeypatch):
    at = start_app(monkeypatch, crowded_store)
    assert at.selectbox(key="project_pick").value == "Aa Crowded"
    versions = at.selectbox(key="version_pick")
    assert len(versions.options) == 50 and versions.options[-1].startswith("v120 ")
    assert at.number_input(key="version_page").value == 1
    at.number_input(key="version_page").set_value(3).run(timeout=30)
    versions = at.selectbox(key="version_pick")
    assert len(versions.options) == 20 and versions.options[0].startswith("v1 ")
    assert at.session_state["assessment_id"] is not None
    _open(at, "scores")
    assert at.caption[0].value.endswith("2024\\-01\\-20")  # v20: the newest on the oldest page
    _open(at, "compare")
    assert not at.exception
    # The sidebar page's 20 versions (v1 has none before it): "before" offers all but the newest, "after"
    # only those newer than "before" (by default the picked v20, after v19).
    assert len(at.selectbox(key="compare_old").options) == 19
    assert [o.split(" ")[0] for o in at.selectbox(key="compare_new").options] == ["v20"]
    assert at.session_state["compare_old"] != at.session_state["compare_new"]
    _open(at, "overview")
    # 61 projects: a page of 25 latest scores, lowest first, said in words beside the chart.
    assert at.number_input(key="overview_page").value == 1
    bars = _figure(at, 0)["data"][0]["x"]
    assert len(bars) == 25 and bars == sorted(bars)
    assert any(c.value.startswith("Projects 1-25 of 61") for c in at.caption)
    at.number_input(key="overview_page").set_value(3).run(timeout=30)
    assert len(_figure(at, 0)["data"][0]["x"]) == 11
    assert len(at.dataframe[0].value) == 11
    fresh_caches()


def test_many_projects_are_found_by_typing_part_of_a_name(crowded_store, monkeypatch):
    from readiness.app import picker

    monkeypatch.setattr(picker, "MAX_PROJECT_OPTIONS", 20)
    at = start_app(monkeypatch, crowded_store)
    assert len(at.selectbox(key="project_pick").options) == 20
    assert any(c.value.startswith("20 of 61 matching projects listed") for c in at.caption)
    at.text_input(key="project_filter").set_value("project 5").run(timeout=30)
    # The picked project stays listed first; then every name containing the text, in any case.
    options = at.selectbox(key="project_pick").options
    assert options == ["Aa Crowded", *(f"Project {n}" for n in range(50, 60))]
    at.selectbox(key="project_pick").set_value("Project 57").run(timeout=30)
    assert not at.exception
    assert at.selectbox(key="version_pick").options[-1].startswith("v")
    _open(at, "overview")
    assert at.subheader[0].value.startswith("Project 57")
    at.text_input(key="project_filter").set_value("no such name").run(timeout=30)
    assert at.selectbox(key="project_pick").options == ["Project 57"]
    assert any(c.value == "No project name contains that text." for c in at.caption)
    fresh_caches()
