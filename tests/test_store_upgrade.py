"""A store written by an older release opens in this one with every row kept: the columns added since
appear, and NOT NULL is dropped where a value has since become optional ("not stated" is stored as NULL)."""

from __future__ import annotations

import sqlite3

import pytest
from sqlalchemy import text
from sqlmodel import Session

from readiness.model import Assessment, Category, Risk
from readiness.store.db import make_engine, open_store
from readiness.store.queries import get_assessment, import_assessment, list_assessments

KNOWN = Assessment(project="Osprey Ledger", title="Osprey review", date="2026-03-02",
                   categories=[Category(name="Testing", score=4, max=10)],
                   risks=[Risk(title="Ledger drift", probability=0.4, impact="high")])
UNSTATED = Assessment(project="Osprey Ledger", title="Osprey review 2", date="2026-04-06",
                      categories=[Category(name="Testing", grade="C")],
                      risks=[Risk(title="Ledger drift", probability=0.3)])


def _as_an_older_release_wrote_it(engine) -> None:
    """Give risk.impact and category.score the NOT NULL they had before they became optional."""
    if engine.dialect.name == "sqlite":
        path = engine.url.database
        engine.dispose()
        with sqlite3.connect(path) as connection:
            connection.execute("PRAGMA foreign_keys=OFF")
            for table, column in (("risk", "impact"), ("category", "score")):
                sql = connection.execute("SELECT sql FROM sqlite_master WHERE name = ?", (table,)).fetchone()[0]
                connection.execute(f"ALTER TABLE {table} RENAME TO old_{table}")
                strict = sql.replace(f"{column} VARCHAR,", f"{column} VARCHAR NOT NULL,").replace(
                    f"{column} FLOAT,", f"{column} FLOAT NOT NULL,")
                assert strict != sql
                connection.execute(strict)
                connection.execute(f"INSERT INTO {table} SELECT * FROM old_{table}")
                connection.execute(f"DROP TABLE old_{table}")
        return
    with engine.begin() as connection:
        connection.execute(text("ALTER TABLE risk ALTER COLUMN impact SET NOT NULL"))
        connection.execute(text("ALTER TABLE category ALTER COLUMN score SET NOT NULL"))
    engine.dispose()


def test_an_older_store_takes_unstated_values_and_keeps_its_rows(store_url):
    engine = open_store(store_url)
    first = import_assessment(engine=engine, doc=KNOWN)
    _as_an_older_release_wrote_it(engine)

    before = make_engine(store_url)
    with pytest.raises(Exception):  # the old store refuses a risk with no stated impact
        import_assessment(engine=before, doc=UNSTATED, attempts=1)
    before.dispose()

    engine = open_store(store_url)  # this release brings the tables up to date
    second = import_assessment(engine=engine, doc=UNSTATED)
    with Session(engine) as session:
        kept = get_assessment(session=session, assessment_id=first.assessment_id)
        added = get_assessment(session=session, assessment_id=second.assessment_id)
        assert len(list_assessments(session=session)) == 2
    assert kept.content() == KNOWN.content()
    assert added.risks[0].impact is None and added.categories[0].score is None
    assert added.categories[0].grade == "C"
    # Deleting an assessment still removes its parts: the rebuilt tables kept their foreign keys.
    with engine.begin() as connection:
        connection.execute(text("DELETE FROM assessment WHERE id = :id"), {"id": first.assessment_id})
        left = connection.execute(text("SELECT count(*) FROM risk")).scalar_one()
    assert left == 1
    engine.dispose()
