"""Editing without a store: field edits, table rows and patches are validated and their changes listed."""

from __future__ import annotations

import pytest

from readiness.analysis import edits
from readiness.model import Assessment, Category, ChecklistItem, Phase, Risk, Score, Task


def _doc() -> Assessment:
    return edits.validate(Assessment(
        project="Harbour Ledger", title="Readiness review", date="2026-03-02", overall=Score(score=5, max=10),
        categories=[Category(name="Testing", score=3, max=10, blocker=True, line=12),
                    Category(name="Security", score=6, max=10, line=13)],
        risks=[Risk(title="Replica drift", probability=0.5, impact="high", mitigation="Checksums", line=30),
               Risk(title="Token leak", probability=0.2, impact="critical", line=31),
               Risk(title="Slow restore", probability=0.4, impact="medium", line=32)],
        checklist=[ChecklistItem(category="Ops", text="Runbook written", line=40)],
        phases=[Phase(name="Foundations", start_day=0, duration_days=5, line=50,
                      tasks=[Task(name="Unit tests", start_day=0, duration_days=2, line=51)]),
                Phase(name="Hardening", start_day=5, duration_days=10, deliverables=["Pen test"], line=55)]).content())


def test_a_set_changes_one_field_and_lists_the_change():
    doc = _doc()
    after = edits.apply_sets(doc, [edits.parse_assignment("risks[2].probability=0.3")])
    assert after.risks[2].probability == 0.3 and doc.risks[2].probability == 0.4
    assert [c.text() for c in edits.changes(doc, after)] == ['Risk 3 "Slow restore": probability: 0.4 → 0.3']
    assert after.risks[2].line == 32  # fields not edited are kept


@pytest.mark.parametrize(("assignment", "field", "reason"), [
    ("categories[0].score=12", "categories[0].score", "between 0 and max"),
    ("phases[1].duration_days=-3", "phases[1].duration_days", "greater than 0"),
    ("risks[0].probability=1.5", "risks[0].probability", "less than or equal to 1"),
    ("risks[0].impact=huge", "risks[0].impact", "critical"),
    ("risks[7].probability=0.1", "risks[7].probability", "no such row"),
    ("risks[0].colour=red", "risks[0].colour", "Extra inputs"),
])
def test_an_edit_that_breaks_the_model_is_refused_with_its_field(assignment, field, reason):
    with pytest.raises(edits.EditRefused) as refused:
        edits.apply_sets(_doc(), [edits.parse_assignment(assignment)])
    assert [p.field for p in refused.value.problems] == [field]
    assert reason in refused.value.problems[0].reason


def test_values_are_read_as_yaml():
    assert edits.parse_assignment("risks[1].impact=null") == ("risks[1].impact", None)
    assert edits.parse_assignment("categories[0].blocker=false") == ("categories[0].blocker", False)
    assert edits.parse_assignment("title=Readiness: take two") == ("title", "Readiness: take two")
    with pytest.raises(edits.EditRefused):
        edits.parse_assignment("risks[1].impact")  # no '='
    with pytest.raises(edits.EditRefused):
        edits.parse_path("risks[1]..impact")


def test_a_patch_is_a_mapping_of_sets_or_a_json_patch():
    doc = _doc()
    mapped = edits.apply_patch(doc, {"risks[0].impact": "low", "overall.score": 6})
    listed = edits.apply_patch(doc, [{"op": "replace", "path": "/risks/0/impact", "value": "low"},
                                     {"op": "replace", "path": "/overall/score", "value": 6}])
    assert mapped.content() == listed.content()
    assert {c.field for c in edits.changes(doc, mapped)} == {"risks[0].impact", "overall"}
    with pytest.raises(edits.EditRefused):
        edits.apply_patch(doc, [{"op": "replace", "path": "/risks/9/impact", "value": "low"}])
    with pytest.raises(edits.EditRefused):
        edits.apply_patch(doc, "risks[0].impact: low")


def test_table_rows_round_trip_and_keep_what_is_not_shown():
    doc = _doc()
    tables = {name: edits.table_rows(doc, name) for name in edits.TABLES}
    assert edits.apply_tables(doc, tables).content() == doc.content()
    phases = [(row_id, dict(row)) for row_id, row in tables["phases"]]
    phases[1][1]["start_day"] = 8
    after = edits.apply_tables(doc, {"phases": phases})
    assert after.phases[1].deliverables == ["Pen test"] and after.phases[1].line == 55
    assert [c.text() for c in edits.changes(doc, after)] == ['Phase 2 "Hardening": start day: 5 → 8']


def test_dropping_a_phase_drops_its_tasks_and_a_new_row_is_added():
    doc = _doc()
    phases = edits.table_rows(doc, "phases")[1:] + [(None, {"name": "Launch", "start_day": 15, "duration_days": 2})]
    after = edits.apply_tables(doc, {"phases": phases, "tasks": edits.table_rows(doc, "tasks")})
    assert [p.name for p in after.phases] == ["Hardening", "Launch"]
    assert after.phases[1].line is None and not after.phases[0].tasks
    assert [c.text() for c in edits.changes(doc, after)] == [
        'Phase 1 "Foundations" removed', 'Phase 2 "Launch" added']


def test_blocker_yes_no_and_not_stated():
    doc = _doc()
    rows = [(row_id, {**row, "blocker": None}) for row_id, row in edits.table_rows(doc, "categories")]
    after = edits.apply_tables(doc, {"categories": rows})
    assert [c.blocker for c in after.categories] == [None, None]
    assert "Testing" not in [c.name for c in after.categories if c.blocker]


def test_document_row_sets_the_overall_and_time_to_ready_and_refuses_a_bad_date():
    doc = _doc()
    row = dict(edits.table_rows(doc, "document")[0][1], overall_score=7, ready_min=3, ready_max=4, ready_unit="weeks")
    after = edits.apply_tables(doc, {"document": [("0", row)]})
    assert after.overall_percent == 70 and after.time_to_ready.max == 4
    with pytest.raises(edits.EditRefused) as refused:
        edits.apply_tables(doc, {"document": [("0", dict(row, date="2026-13-01"))]})
    assert refused.value.problems[0].field == "date"


def test_a_table_edit_above_max_names_the_row():
    doc = _doc()
    rows = [(row_id, dict(row)) for row_id, row in edits.table_rows(doc, "categories")]
    rows[1][1]["score"] = 11
    with pytest.raises(edits.EditRefused) as refused:
        edits.apply_tables(doc, {"categories": rows})
    problem = refused.value.problems[0]
    assert problem.field == "categories[1].score" and 'Category 2 "Security"' in problem.label


def test_the_audit_follows_the_edit():
    doc = _doc()
    assert any(check.check == "overall" for check in doc.audit)
    after = edits.apply_sets(doc, [("overall", None)])
    assert after.overall is None and not any(check.check == "overall" for check in after.audit)
