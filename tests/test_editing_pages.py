"""Correcting and updating in the app, through Streamlit's AppTest: Import, Edit, what-if, read-only, editors.

Data editors are driven as Streamlit documents for AppTest: their edit state (edited_rows, added_rows,
deleted_rows) is assigned on the session state before a run. The Chromium test does it by hand.
"""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest
from sqlmodel import Session
from streamlit.testing.v1 import AppTest

from readiness.app.samples import load_samples
from readiness.store.db import open_store
from readiness.store.decisions import decisions_for
from readiness.store.queries import get_assessment, list_assessments
from tests.apptest import open_page, start_app

ROOT = Path(__file__).resolve().parents[1]
APP = str(ROOT / "app.py")

# A fictional assessment as a team might write it; the importer reads Security as 8/10.
MARKDOWN = b"""# Production Readiness Assessment: Quillfeather Billing

**Date:** 2026-02-10
**Overall Score:** 52/100
**Status:** NOT PRODUCTION READY

## Scorecard

| Category | Score | Status |
|---|---|---|
| Testing | 3/10 | Weak |
| Security | 8/10 | Good |
| Observability | 5/10 | Partial |
"""


@pytest.fixture(autouse=True)
def _navigation_mode(navigation_mode):
    yield


@pytest.fixture
def store(tmp_path, monkeypatch) -> str:
    url = f"sqlite:///{tmp_path / 'edit.db'}"
    engine = open_store(url)
    _stored, errors = load_samples(engine=engine)
    assert not errors, errors
    engine.dispose()
    monkeypatch.setenv("READINESS_DATABASE_URL", url)
    monkeypatch.setenv("READINESS_LOAD_SAMPLES", "false")
    return url


def _summaries(url: str):
    engine = open_store(url)
    with Session(engine) as session:
        rows = list_assessments(session=session)
    engine.dispose()
    return rows


def _stored(url: str, assessment_id: int):
    engine = open_store(url)
    with Session(engine) as session:
        doc = get_assessment(session=session, assessment_id=assessment_id)
        decided = decisions_for(session=session, assessment_id=assessment_id)
    engine.dispose()
    return doc, decided


_app = start_app
_open = open_page


def _edit(at: AppTest, key: str, edited: dict | None = None, *, deleted: list[int] | None = None,
          added: list[dict] | None = None) -> AppTest:
    at.session_state[key] = {"edited_rows": edited or {}, "added_rows": added or [], "deleted_rows": deleted or []}
    at.run(timeout=30)
    assert not at.exception, [e.value for e in at.exception]
    return at


def _metric(at: AppTest, label: str) -> str:
    return next(m.value for m in at.metric if m.label == label)


def _figure(at: AppTest, key: str) -> dict:
    return json.loads(next(c for c in at.get("plotly_chart") if c.proto.id.endswith(key) or key in c.proto.id).proto.spec)


def _lantern(at: AppTest) -> int:
    at.selectbox(key="project_pick").set_value("Lantern Maps").run(timeout=30)
    return at.session_state["assessment_id"]


def _texts(at: AppTest) -> str:
    return " ".join(e.value.replace("\\", "") for kind in ("markdown", "error", "success", "caption", "warning")
                    for e in at.get(kind))


def test_correcting_a_misread_category_on_import_changes_what_is_stored(store):
    at = _open(_app(), "import_files")
    at.file_uploader(key="upload").set_value(("quill.md", MARKDOWN, "text/markdown")).run(timeout=30)
    at.toggle(key="import_fix_0").set_value(True).run(timeout=30)
    assert not at.exception
    categories = next(d for d in at.data_editor if d.key == "import_0_categories").value
    # Each row shows the line it was read from and that line's text.
    assert list(categories["line"]) == [11, 12, 13]
    assert "Security | 8/10" in categories["source_text"][1]
    assert list(categories["check"]) == ["", "", ""]  # a scorecard table's rows are read with confidence
    _edit(at, "import_0_categories", {1: {"score": 4.0}})
    assert 'Category 2 "Security": score: 8 → 4' in _texts(at)
    at.text_input(key="import_author").set_value("Rosa").run(timeout=30)
    at.button(key="store").click().run(timeout=30)
    assert not at.exception
    quill = next(r for r in _summaries(store) if r.project == "Quillfeather Billing")
    doc, decided = _stored(store, quill.id)
    assert [c.score for c in doc.categories] == [3, 4, 5]
    assert [(d.kind, d.author, d.changes) for d in decided] == [
        ("correction", "Rosa", ['Category 2 "Security": score: 8 → 4'])]


def test_editing_a_stored_risk_makes_a_new_version_and_moves_it_on_the_matrix(store):
    at = _app()
    first = _lantern(at)
    _open(at, "risks")
    before = _figure(at, "risk_matrix")
    _open(at, "edit")
    risks = next(d for d in at.data_editor if d.key == f"edit_{first}_risks").value
    row = list(risks["title"]).index("Region outage")
    _edit(at, f"edit_{first}_risks", {row: {"probability": 0.9}})
    at.text_input(key=f"edit_{first}_note").set_value("planning 25 Nov: region outage is likely").run(timeout=30)
    at.text_input(key=f"edit_{first}_author").set_value("Ann").run(timeout=30)
    at.button(key=f"edit_{first}_save").click().run(timeout=30)
    assert not at.exception
    assert "Saved as Lantern Maps v3" in _texts(at)
    lantern = [r for r in _summaries(store) if r.project == "Lantern Maps"]
    assert [r.version for r in lantern] == [1, 2, 3]
    assert at.session_state["assessment_id"] == lantern[-1].id  # the sidebar shows the new version
    old, _ = _stored(store, first)
    new, decided = _stored(store, lantern[-1].id)
    assert next(r.probability for r in old.risks if r.title == "Region outage") == 0.1  # never overwritten
    assert next(r.probability for r in new.risks if r.title == "Region outage") == 0.9
    assert decided[0].note == "planning 25 Nov: region outage is likely" and decided[0].author == "Ann"
    _open(at, "risks")
    after = _figure(at, "risk_matrix")
    assert after["data"] != before["data"]
    # Overview lists the decision since the previous version.
    _open(at, "overview")
    assert "region outage is likely" in _texts(at) and "Ann" in _texts(at)
    # Compare, following the sidebar, shows the new version against the one it was made from.
    _open(at, "compare")
    assert (at.selectbox(key="compare_old").value, at.selectbox(key="compare_new").value) == (first, lantern[-1].id)
    assert "Region outage" in _texts(at)


def test_a_what_if_moves_the_score_and_the_end_date_and_reset_drops_it(store):
    at = _app()
    doc_id = _lantern(at)
    _open(at, "scores")
    computed = _metric(at, "Computed from categories")
    at.toggle(key="scores_whatif").set_value(True).run(timeout=30)
    _edit(at, f"whatif_scores_{doc_id}_categories", {0: {"score": 95.0}})
    assert _metric(at, "Computed from categories") != computed
    assert "score:" in _texts(at)  # what changed from the stored version is listed
    at.button(key=f"whatif_scores_{doc_id}_reset").click().run(timeout=30)
    assert _metric(at, "Computed from categories") == computed

    _open(at, "plan")
    at.date_input(key="plan_start").set_value(dt.date(2026, 1, 5)).run(timeout=30)
    end = _metric(at, "Last working day")
    at.toggle(key="plan_whatif").set_value(True).run(timeout=30)
    phases = next(d for d in at.data_editor if d.key == f"whatif_plan_{doc_id}_phases").value
    last = len(phases) - 1
    _edit(at, f"whatif_plan_{doc_id}_phases", {last: {"duration_days": float(phases["duration_days"][last] + 5)}})
    assert _metric(at, "Last working day") != end
    at.button(key=f"whatif_plan_{doc_id}_reset").click().run(timeout=30)
    assert _metric(at, "Last working day") == end
    assert len(_summaries(store)) == 3  # nothing was stored


def test_an_invalid_edit_is_refused_with_its_field_and_the_store_is_unchanged(store):
    at = _app()
    doc_id = _lantern(at)
    _open(at, "edit")
    _edit(at, f"edit_{doc_id}_categories", {0: {"score": 150.0}})
    refused = " ".join(e.value.replace("\\", "") for e in at.error)
    assert "categories[0].score" in refused and "between 0 and max" in refused
    assert at.button(key=f"edit_{doc_id}_save").disabled
    # A phase ending before it starts is refused the same way.
    _edit(at, f"edit_{doc_id}_phases", {0: {"duration_days": -2.0}})
    assert "phases[0].duration_days" in " ".join(e.value.replace("\\", "") for e in at.error)
    assert len(_summaries(store)) == 3


def test_read_only_offers_no_import_or_edit_and_refuses_a_direct_attempt(store, monkeypatch):
    monkeypatch.setenv("READINESS_READ_ONLY", "true")
    at = _app()
    doc_id = _lantern(at)
    for page in ("overview", "scores", "risks", "plan", "costs", "checklist", "compare", "present"):
        _open(at, page)
        assert not at.data_editor, page
        assert not at.get("file_uploader"), page
        assert not [t for t in at.toggle if t.key and t.key.endswith("whatif")], page
    # They are not pages of this server at all...
    for page in ("import_files", "edit"):
        with pytest.raises(ValueError, match="Could not find a navigation page"):
            at.switch_page(f"pages/{page}.py")
    # ...and run directly, each refuses before drawing an uploader or an editor.
    for page in ("import_files", "edit"):
        direct = AppTest.from_file(str(ROOT / "pages" / f"{page}.py"), default_timeout=30)
        direct.session_state["assessment_id"] = doc_id
        direct.run(timeout=30)
        assert not direct.exception, [e.value for e in direct.exception]
        assert not direct.data_editor and not direct.get("file_uploader"), page
        assert any("read-only" in w.value for w in direct.warning), page
    # The save path itself refuses too, whoever calls it.
    from readiness.analysis import edits
    from readiness.app import editing

    before, _ = _stored(store, doc_id)
    after = edits.apply_sets(before, [("title", "Changed on a wall display")])
    saved, message = editing.save_version_now(before, after, doc_id, "should not be stored", "Eve")
    assert not saved and "read-only" in message
    assert len(_summaries(store)) == 3


def test_with_login_only_listed_editors_may_edit_and_their_name_is_the_author(store, monkeypatch):
    monkeypatch.setenv("READINESS_EDITORS", "ann@example.org")
    at = _app()
    at.secrets["auth"] = {"redirect_uri": "http://localhost:8514/oauth2callback", "cookie_secret": "x" * 32}
    at.user = {"is_logged_in": True, "email": "bob@example.org", "name": "Bob"}
    doc_id = _lantern(at)
    _open(at, "edit")
    assert not at.data_editor and "not among the editors" in _texts(at)
    at.user = {"is_logged_in": True, "email": "ann@example.org", "name": "Ann Example"}
    _open(at, "edit")
    assert at.data_editor
    _edit(at, f"edit_{doc_id}_risks", {0: {"impact": "low"}})
    assert "Saved as Ann Example" in _texts(at)
    at.text_input(key=f"edit_{doc_id}_note").set_value("risk review").run(timeout=30)
    at.button(key=f"edit_{doc_id}_save").click().run(timeout=30)
    lantern = [r for r in _summaries(store) if r.project == "Lantern Maps"]
    assert [r.version for r in lantern] == [1, 2, 3]
    _doc, decided = _stored(store, lantern[-1].id)
    assert decided[0].author == "Ann Example"


def test_rows_added_and_deleted_in_the_editor_are_what_is_saved(store):
    at = _app()
    doc_id = _lantern(at)
    before, _ = _stored(store, doc_id)
    _open(at, "edit")
    _edit(at, f"edit_{doc_id}_risks", added=[{"title": "Vendor tile CDN sunset", "probability": 0.3,
                                               "impact": "medium", "mitigation": "Second CDN contract"}])
    _edit(at, f"edit_{doc_id}_phases", deleted=[0])
    texts = _texts(at)
    assert 'Risk 6 "Vendor tile CDN sunset" added' in texts
    assert f'Phase 1 "{before.phases[0].name}" removed' in texts
    at.text_input(key=f"edit_{doc_id}_note").set_value("planning: CDN risk added, first phase done").run(timeout=30)
    at.button(key=f"edit_{doc_id}_save").click().run(timeout=30)
    assert not at.exception
    newest = [r for r in _summaries(store) if r.project == "Lantern Maps"][-1]
    after, decided = _stored(store, newest.id)
    assert after.risks[-1].title == "Vendor tile CDN sunset" and after.risks[-1].line is None
    assert [p.name for p in after.phases] == [p.name for p in before.phases[1:]]
    assert [p.tasks for p in after.phases] == [p.tasks for p in before.phases[1:]]  # tasks follow their phase
    assert decided[0].author is None  # no name typed: stored as not stated


def test_low_confidence_rows_are_marked_only_where_the_importer_says_so():
    from readiness.app import editing
    from readiness.importers import parse_bytes

    doc = parse_bytes(MARKDOWN, filename="quill.md").document
    assert set(editing._frame(doc, "categories", None)["check"]) == {""}  # sure of every scorecard row
    assert "check" not in editing._frame(doc.model_copy(update={"source": None}), "categories", None)
    line = doc.categories[1].line
    facts = [f if f.line != line else f.model_copy(update={"confidence": 0.5}) for f in doc.source.facts]
    unsure = doc.model_copy(update={"source": doc.source.model_copy(update={"facts": facts})})
    assert any(f.line == line for f in facts)
    frame = editing._frame(unsure, "categories", MARKDOWN.decode().split("\n"))
    assert list(frame["check"]) == ["", "check first", ""]
    assert list(frame.columns[:2]) == ["check", "name"]  # the mark comes first, where the eye starts
