"""`readiness list` reads with SQLAlchemy Core alone (store/listing.py): the same rows as the store's
own list, on SQLite and PostgreSQL, and a store that cannot answer yet is opened fully first."""

from __future__ import annotations

import json
import sqlite3
import subprocess
import sys

from sqlmodel import Session, SQLModel
from typer.testing import CliRunner

from readiness.cli import app
from readiness.importers import parse_file
from readiness.store import listing
from readiness.store.db import open_store
from readiness.store.queries import import_assessment, list_assessments

from .conftest import SAMPLES

runner = CliRunner()


def test_every_column_the_list_reads_is_a_column_of_the_store():
    for light in (listing.PROJECT, listing.ASSESSMENT):
        declared = SQLModel.metadata.tables[light.name]
        assert {c.name for c in light.columns} <= {c.name for c in declared.columns}, light.name


def test_the_list_gives_the_stores_own_rows_in_its_order(engine):
    for path in sorted(SAMPLES.glob("*")):
        import_assessment(engine=engine, doc=parse_file(path).document)
    rows = listing.list_rows(engine)
    with Session(engine) as session:
        summaries = list_assessments(session=session)
    assert len(rows) == len(summaries) == 3
    assert rows == [{field: getattr(s, field) for field in listing.LIST_FIELDS} for s in summaries]


def test_a_store_without_tables_answers_none_and_the_command_creates_them(tmp_path, monkeypatch):
    url = f"sqlite:///{tmp_path / 'new.db'}"
    monkeypatch.setenv("READINESS_DATABASE_URL", url)
    from readiness.store.engine import make_engine

    assert listing.list_rows(make_engine(url)) is None
    result = runner.invoke(app, ["list", "--json"])
    assert result.exit_code == 0 and json.loads(result.stdout) == []
    assert listing.list_rows(make_engine(url)) == []


def test_a_store_from_an_older_release_is_updated_then_listed(tmp_path, monkeypatch):
    path = tmp_path / "old.db"
    url = f"sqlite:///{path}"
    engine = open_store(url)
    import_assessment(engine=engine, doc=parse_file(SAMPLES / "lantern-maps-2025-08.yaml").document)
    engine.dispose()
    with sqlite3.connect(path) as connection:  # as if written before overall_percent existed
        connection.execute("ALTER TABLE assessment DROP COLUMN overall_percent")
    monkeypatch.setenv("READINESS_DATABASE_URL", url)
    result = runner.invoke(app, ["list", "--json"])
    assert result.exit_code == 0, result.output
    [row] = json.loads(result.stdout)
    assert row["project"] == "Lantern Maps" and row["overall_percent"] is None  # column added back, empty


def test_list_loads_neither_sqlmodel_nor_the_models(tmp_path):
    url = f"sqlite:///{tmp_path / 'store.db'}"
    engine = open_store(url)
    import_assessment(engine=engine, doc=parse_file(SAMPLES / "lantern-maps-2025-08.yaml").document)
    engine.dispose()
    script = ("import sys; from typer.testing import CliRunner; from readiness.cli import app; "
              "result = CliRunner().invoke(app, ['list', '--json']); assert result.exit_code == 0, result.output; "
              "print(sorted(m for m in ('sqlmodel', 'readiness.model', 'readiness.store.tables') if m in sys.modules))")
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, timeout=60,
                          env={"READINESS_DATABASE_URL": url, "READINESS_LOAD_SAMPLES": "false", "PATH": ""})
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == "[]"
