"""Saving an edit: a new version with its decision, the old version untouched, refusals store nothing."""

from __future__ import annotations

import pytest
from sqlmodel import Session, select

from readiness.analysis import edits
from readiness.errors import InputError
from readiness.importers import parse_file
from readiness.store import queries as store
from readiness.store.decisions import decisions_for, project_decisions, save_version
from readiness.store.tables import AssessmentRow, DecisionRow

from .conftest import SAMPLES


def _stored(engine):
    doc = parse_file(SAMPLES / "lantern-maps-2025-08.yaml").document
    saved = store.import_assessment(engine=engine, doc=doc)
    with Session(engine) as session:
        return saved, store.get_assessment(session=session, assessment_id=saved.assessment_id)


def _rows(engine) -> tuple[int, int]:
    with Session(engine) as session:
        return len(session.exec(select(AssessmentRow)).all()), len(session.exec(select(DecisionRow)).all())


def test_an_edit_makes_a_new_version_with_its_decision_and_keeps_the_old(engine):
    saved, before = _stored(engine)
    after = edits.apply_sets(before, [("risks[1].probability", 0.1)])
    result = save_version(engine=engine, doc=after, based_on_id=saved.assessment_id,
                          note="planning 25 Nov: token leak mitigated", author="Ann",
                          changes=edits.changes(before, after))
    assert result.created and result.version == saved.version + 1
    with Session(engine) as session:
        old = store.get_assessment(session=session, assessment_id=saved.assessment_id)
        new = store.get_assessment(session=session, assessment_id=result.assessment_id)
        decided = decisions_for(session=session, assessment_id=result.assessment_id)
        history = project_decisions(session=session, project=before.project)
    assert old.content() == before.content()
    assert new.risks[1].probability == 0.1
    assert [(d.note, d.author, d.based_on_id, d.kind) for d in decided] == [
        ("planning 25 Nov: token leak mitigated", "Ann", saved.assessment_id, "edit")]
    assert decided[0].changes == ['Risk 2 "Leaked signed URL abused": probability: 0.4 → 0.1']
    assert [version for version, _ in history] == [2]


@pytest.mark.parametrize("note", ["", "   "])
def test_a_blank_note_or_no_change_is_refused_and_nothing_is_stored(engine, note):
    saved, before = _stored(engine)
    after = edits.apply_sets(before, [("risks[1].probability", 0.1)])
    counts = _rows(engine)
    with pytest.raises(InputError, match="note"):
        save_version(engine=engine, doc=after, based_on_id=saved.assessment_id, note=note, author=None,
                     changes=edits.changes(before, after))
    with pytest.raises(InputError, match="nothing changed"):
        save_version(engine=engine, doc=before, based_on_id=saved.assessment_id, note="x", author=None, changes=[])
    assert _rows(engine) == counts


def test_deleting_a_version_deletes_its_decisions(engine):
    saved, before = _stored(engine)
    after = edits.apply_sets(before, [("title", "Edited")])
    result = save_version(engine=engine, doc=after, based_on_id=saved.assessment_id, note="retitled",
                          author=None, changes=edits.changes(before, after))
    with Session(engine) as session:
        store.delete_assessment(session=session, assessment_id=result.assessment_id)
        session.commit()
    assert _rows(engine) == (1, 0)
