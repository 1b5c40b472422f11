"""The store: round trips, idempotent and versioned imports, atomicity, concurrent writers."""

from __future__ import annotations

import subprocess
import sys
import textwrap
from pathlib import Path

import pytest
from sqlmodel import Session, select

from readiness.store import queries as store
from readiness.importers import parse_bytes, parse_file
from readiness.importers.yaml_importer import dump
from readiness.model import Assessment
from readiness.store.tables import AssessmentRow, ProjectRow

from .conftest import SAMPLES

FIRST = SAMPLES / "lantern-maps-2025-08.yaml"
SECOND = SAMPLES / "lantern-maps-2025-09.yaml"


def _doc(path: Path) -> Assessment:
    return parse_file(path).document


def _counts(engine) -> tuple[int, int]:
    with Session(engine) as session:
        return (len(session.exec(select(ProjectRow)).all()), len(session.exec(select(AssessmentRow)).all()))


def test_export_then_reimport_gives_an_equal_document(engine):
    original = _doc(FIRST)
    saved = store.import_assessment(engine=engine, doc=original)
    with Session(engine) as session:
        exported = store.get_assessment(session=session, assessment_id=saved.assessment_id)
    assert exported.content() == original.content()
    assert exported.audit == original.audit
    again = parse_bytes(dump(exported).encode(), filename="exported.yaml").document
    assert again.content() == original.content()


def test_importing_identical_content_twice_adds_nothing(engine):
    first = store.import_assessment(engine=engine, doc=_doc(FIRST))
    second = store.import_assessment(engine=engine, doc=_doc(FIRST))
    assert first.created and not second.created
    assert second.assessment_id == first.assessment_id
    assert _counts(engine) == (1, 1)


def test_a_newer_assessment_of_a_project_adds_a_version(engine):
    store.import_assessment(engine=engine, doc=_doc(FIRST))
    newer = store.import_assessment(engine=engine, doc=_doc(SECOND))
    assert (newer.created, newer.version) == (True, 2)
    with Session(engine) as session:
        versions = store.list_assessments(session=session, project="Lantern Maps")
        latest = store.latest_assessments(session=session)
    assert [v.date for v in versions] == ["2025-08-04", "2025-09-15"]
    assert [s.id for s in latest] == [newer.assessment_id]


def test_summary_numbers_are_computed_at_import(engine):
    saved = store.import_assessment(engine=engine, doc=_doc(FIRST))
    with Session(engine) as session:
        [summary] = store.list_assessments(session=session)
    assert summary.id == saved.assessment_id
    assert (summary.blockers, summary.critical_findings, summary.risks) == (3, 3, 5)
    assert summary.first_month_cost_min == 24000 + 1200 + 50
    assert summary.plan_days == 23


def test_a_failure_half_way_leaves_the_store_as_it_was(engine, monkeypatch: pytest.MonkeyPatch):
    store.import_assessment(engine=engine, doc=_doc(FIRST))
    before = _counts(engine)
    real_add_parts = store.add_parts

    def add_parts_then_fail(**kwargs):
        real_add_parts(**kwargs)  # every part row is written before the failure
        raise RuntimeError("injected failure")

    monkeypatch.setattr(store, "add_parts", add_parts_then_fail)
    renamed = _doc(SECOND).model_copy(update={"project": "Brand New Project"})
    with pytest.raises(RuntimeError, match="injected"):
        store.import_assessment(engine=engine, doc=renamed)
    assert _counts(engine) == before
    with Session(engine) as session:
        assert store.list_projects(session=session) == ["Lantern Maps"]
        doc = store.get_assessment(session=session, assessment_id=1)
    assert doc.content() == _doc(FIRST).content()


def test_a_missing_assessment_is_a_lookup_error(engine):
    with Session(engine) as session, pytest.raises(LookupError, match="no assessment with id 42"):
        store.get_assessment(session=session, assessment_id=42)


def test_deleting_an_assessment_removes_its_parts(engine):
    saved = store.import_assessment(engine=engine, doc=_doc(FIRST))
    other = store.import_assessment(engine=engine, doc=_doc(FIRST).model_copy(update={"project": "Other"}))
    with Session(engine) as session:
        store.delete_assessment(session=session, assessment_id=saved.assessment_id)
        session.commit()
        assert store.count_assessments(session=session) == 1
        # A project goes with its last assessment: listing projects needs no per-project probe.
        assert store.list_projects(session=session) == ["Other"]
        store.delete_assessment(session=session, assessment_id=other.assessment_id)
        session.commit()
        assert store.count_assessments(session=session) == 0
        assert store.list_projects(session=session) == []
    assert store.import_assessment(engine=engine, doc=_doc(FIRST)).created


WRITER = textwrap.dedent("""
    import sys
    from readiness.store.db import open_store
    from readiness.importers import parse_file
    from readiness.store.queries import import_assessment
    url, shared, tag = sys.argv[1], sys.argv[2], sys.argv[3]
    engine = open_store(url)
    base = parse_file(shared).document
    for n in range(12):
        # Alternate between content only this writer has and content both writers import.
        doc = base.model_copy(update={"title": f"{tag} draft {n}"}) if n % 2 else base
        import_assessment(engine=engine, doc=doc)
    print("done")
""")


def test_two_processes_importing_at_once_lose_nothing(store_url: str):
    from readiness.store.db import open_store

    open_store(store_url).dispose()  # create the tables once, as the app would
    writers = [subprocess.Popen([sys.executable, "-c", WRITER, store_url, str(FIRST), tag],
                                stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
               for tag in ("left", "right")]
    results = [w.communicate(timeout=120) for w in writers]
    for writer, (out, err) in zip(writers, results):
        assert writer.returncode == 0, err
        assert out.strip() == "done"
    engine = open_store(store_url)
    with Session(engine) as session:
        summaries = store.list_assessments(session=session)
    engine.dispose()
    titles = sorted(s.title for s in summaries)
    # 6 distinct drafts from each writer, plus the shared document stored exactly once.
    assert len(titles) == 13
    assert len([t for t in titles if t.startswith("left")]) == 6
    assert sorted(s.version for s in summaries) == list(range(1, 14))


def _small(project: str, title: str, date: str | None, score: float | None) -> Assessment:
    return Assessment(project=project, title=title, date=date,
                      overall=None if score is None else {"score": score, "max": 100})


def test_the_projects_stamp_changes_whenever_the_set_of_names_does(engine):
    def stamp():
        with Session(engine) as session:
            return store.projects_stamp(session=session)

    def remove(saved):
        with Session(engine) as session:
            store.delete_assessment(session=session, assessment_id=saved.assessment_id)
            session.commit()

    empty = stamp()
    osprey = store.import_assessment(engine=engine, doc=_small("Osprey", "one", "2025-01-01", 10))
    merlin = store.import_assessment(engine=engine, doc=_small("Merlin", "one", "2025-01-01", 10))
    seen = [empty, stamp()]
    again = store.import_assessment(engine=engine, doc=_small("Osprey", "two", "2025-02-01", 20))
    assert stamp() == seen[-1]  # a new version of a known project: the same names
    remove(merlin)  # the newest project goes, another takes its id
    seen.append(stamp())
    store.import_assessment(engine=engine, doc=_small("Kestrel", "one", "2025-01-01", 10))
    seen.append(stamp())
    remove(osprey)
    assert stamp() == seen[-1]  # Osprey keeps a version
    remove(again)
    seen.append(stamp())
    assert len(set(seen)) == len(seen)


def test_each_project_keeps_its_latest_through_deletions_and_older_stores(engine):
    from sqlalchemy import update

    from readiness.store.db import create_tables
    from readiness.store.tables import ProjectRow

    def worst_first():
        with Session(engine) as session:
            return [(s.project, s.title) for s in store.latest_per_project(session=session, worst_first=True)]

    for project, title, date, score in [("Osprey", "spring", "2025-04-01", 40), ("Osprey", "winter", "2025-01-10", 20),
                                        ("Merlin", "first", "2025-02-01", 90), ("Kestrel", "only", None, None)]:
        store.import_assessment(engine=engine, doc=_small(project, title, date, score))
    assert worst_first() == [("Osprey", "spring"), ("Merlin", "first"), ("Kestrel", "only")]
    with Session(engine) as session:
        spring = next(s for s in store.list_versions(session=session, project="Osprey") if s.title == "spring")
        store.delete_assessment(session=session, assessment_id=spring.id)
        session.commit()
    assert worst_first() == [("Osprey", "winter"), ("Merlin", "first"), ("Kestrel", "only")]
    with engine.begin() as connection:  # a store written before project rows kept their latest
        connection.execute(update(ProjectRow).values(latest_id=None, latest_percent=None))
    create_tables(engine)
    assert worst_first() == [("Osprey", "winter"), ("Merlin", "first"), ("Kestrel", "only")]


def test_versions_latest_and_histories_are_read_narrowly_in_order(engine):
    # Imported out of date order: lists follow the dates, then the import order for equal dates.
    for project, title, date, score in [
        ("Osprey", "spring", "2025-04-01", 40), ("Osprey", "winter", "2025-01-10", 20),
        ("Osprey", "summer", "2025-07-01", 55), ("Kestrel", "only", None, None),
        ("Merlin", "first", "2025-02-01", 90), ("Merlin", "second", "2025-03-01", 10),
    ]:
        store.import_assessment(engine=engine, doc=_small(project, title, date, score))
    with Session(engine) as session:
        osprey = store.list_versions(session=session, project="Osprey")
        assert [s.title for s in osprey] == ["winter", "spring", "summer"]
        assert [s.title for s in store.list_versions(session=session, project="Osprey", last=2)] == ["spring", "summer"]
        assert store.list_versions(session=session, project="Nobody") == []
        latest = store.latest_per_project(session=session)
        assert [(s.project, s.title) for s in latest] == [("Kestrel", "only"), ("Merlin", "second"),
                                                         ("Osprey", "summer")]
        worst = store.latest_per_project(session=session, worst_first=True)
        assert [s.project for s in worst] == ["Merlin", "Osprey", "Kestrel"]  # unscored last
        assert [s.project for s in store.latest_per_project(session=session, worst_first=True, offset=1,
                                                            limit=1)] == ["Osprey"]
        histories = store.score_histories(session=session, projects=["Osprey", "Merlin"], last=2)
        assert {name: [s.title for s in rows] for name, rows in histories.items()} == {
            "Osprey": ["spring", "summer"], "Merlin": ["first", "second"]}
        assert store.list_projects(session=session) == ["Kestrel", "Merlin", "Osprey"]
        summary = store.get_summary(session=session, assessment_id=osprey[0].id)
        assert summary == osprey[0]
        assert store.get_summary(session=session, assessment_id=999) is None


def test_a_projects_versions_come_from_the_order_index(sqlite_url):
    from sqlalchemy import text
    from readiness.store.db import open_store

    engine = open_store(sqlite_url)
    with Session(engine) as session:
        statement = store._summary_select().where(AssessmentRow.project_id == 1).order_by(*store.ORDER_KEY)
        sql = str(statement.compile(engine, compile_kwargs={"literal_binds": True}))
        plan = " ".join(str(row[-1]) for row in session.execute(text("EXPLAIN QUERY PLAN " + sql)))
    engine.dispose()
    assert "ix_assessment_project_order" in plan
    assert "TEMP B-TREE" not in plan  # no sort: the index gives the order


def test_an_older_store_gains_the_new_index_when_opened(sqlite_url):
    from sqlalchemy import text
    from readiness.store.db import open_store

    engine = open_store(sqlite_url)
    with engine.begin() as connection:
        connection.execute(text("DROP INDEX ix_assessment_project_order"))
    engine.dispose()
    engine = open_store(sqlite_url)
    with engine.connect() as connection:
        names = {row[0] for row in connection.execute(text("SELECT name FROM sqlite_master WHERE type='index'"))}
    engine.dispose()
    assert "ix_assessment_project_order" in names


def test_pages_of_versions_and_the_version_before(engine):
    for n, date in enumerate(["2025-01-05", "2025-01-01", "2025-01-03", None, "2025-01-03"]):
        store.import_assessment(engine=engine, doc=_small("Wren", f"w{n}", date, 50 + n))
    store.import_assessment(engine=engine, doc=_small("Other", "o", "2025-01-02", 10))
    with Session(engine) as session:
        order = [s.title for s in store.list_versions(session=session, project="Wren")]
        assert order == ["w3", "w1", "w2", "w4", "w0"]  # undated first, equal dates in import order
        assert [s.title for s in store.list_versions(session=session, project="Wren", last=2)] == ["w4", "w0"]
        assert [s.title for s in store.list_versions(session=session, project="Wren", last=2,
                                                     skip_newest=2)] == ["w1", "w2"]
        assert [s.title for s in store.list_versions(session=session, project="Wren", last=2,
                                                     skip_newest=4)] == ["w3"]
        assert store.count_versions(session=session, project="Wren") == 5
        assert store.count_versions(session=session, project="Nobody") == 0
        rows = store.list_versions(session=session, project="Wren")
        before = [store.previous_version(session=session, assessment_id=r.id) for r in rows]
        assert [b.title if b else None for b in before] == [None, "w3", "w1", "w2", "w4"]
        assert store.previous_version(session=session, assessment_id=999) is None


def test_score_histories_are_points_of_the_stores_own_summaries(engine):
    for n, date in enumerate(("2026-01-05", "2026-02-02", "2026-03-09"), 1):
        store.import_assessment(engine=engine, doc=Assessment(project="Tern Gate", title=f"review {n}", date=date,
                                                              overall={"score": 20 * n, "max": 100}))
    with Session(engine) as session:
        [points] = store.score_histories(session=session, projects=["Tern Gate"], last=2).values()
        summaries = store.list_versions(session=session, project="Tern Gate", last=2)
    assert [p.title for p in points] == ["review 2", "review 3"]
    assert [(p.id, p.project, p.version, p.title, p.date, p.overall_percent, p.imported_at) for p in points] == [
        (s.id, s.project, s.version, s.title, s.date, s.overall_percent, s.imported_at) for s in summaries]


def test_a_version_page_carries_the_projects_count(engine):
    for n in range(1, 6):
        store.import_assessment(engine=engine, doc=Assessment(project="Auk Relay", title=f"review {n}",
                                                              date=f"2026-0{n}-01"))
    with Session(engine) as session:
        count, page = store.version_page(session=session, project="Auk Relay", last=2, skip_newest=2)
        assert count == 5
        assert page == store.list_versions(session=session, project="Auk Relay", last=2, skip_newest=2)
        assert [s.title for s in page] == ["review 2", "review 3"]
        assert store.version_page(session=session, project="Auk Relay", last=2, skip_newest=10) == (5, [])
        assert store.version_page(session=session, project="Nobody", last=2) == (0, [])
