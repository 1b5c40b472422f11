"""Bulk import: a directory parsed in a process pool and stored in batches, each file whole or not at all."""

from __future__ import annotations

import subprocess
import sys
import textwrap
from pathlib import Path

import pytest
from sqlalchemy import func, select
from sqlmodel import Session
from typer.testing import CliRunner

from readiness.cli import app
from readiness.importers import parse_file
from readiness.importers.yaml_importer import dump
from readiness.store import queries as store
from readiness.store.db import open_store
from readiness.store.tables import AssessmentRow

from .conftest import SAMPLES

runner = CliRunner()
BASE = SAMPLES / "lantern-maps-2025-08.yaml"
MARKDOWN = SAMPLES / "harbor-ledger-2025-09.md"
BROKEN = "schema: readiness/v1\nproject: Broken\ncategories:\n  - {name: Uptime, score: 14, max: 10}\n"


def _folder(root: Path, good: int, *, broken_at: int | None = None) -> list[Path]:
    """`good` distinct valid YAML files (three projects), a markdown file, and a broken one where asked."""
    base = parse_file(BASE).document
    folder = root / "assessments"
    folder.mkdir()
    files = []
    for n in range(good):
        doc = base.model_copy(update={"project": f"Fieldfare {n % 3}", "title": f"Fieldfare draft {n:03d}"})
        path = folder / f"{n:03d}-fieldfare.yaml"
        path.write_text(dump(doc), encoding="utf-8")
        files.append(path)
        if n == broken_at:
            bad = folder / f"{n:03d}-zz-broken.yaml"
            bad.write_text(BROKEN, encoding="utf-8")
            files.append(bad)
    markdown = folder / "harbor.md"
    markdown.write_bytes(MARKDOWN.read_bytes())
    files.append(markdown)
    return files


def _stored_titles(url: str) -> list[str]:
    engine = open_store(url)
    with Session(engine) as session:
        titles = sorted(s.title for s in store.list_assessments(session=session))
    engine.dispose()
    return titles


def _part_counts(url: str) -> dict[str, int]:
    """Part rows per stored assessment title, and the part rows that belong to no assessment."""
    engine = open_store(url)
    counts: dict[str, int] = {}
    with Session(engine) as session:
        known = set(session.execute(select(AssessmentRow.id)).scalars())
        titles = dict(session.execute(select(AssessmentRow.id, AssessmentRow.title)).all())
        for _field, row_type, _model in store.PARTS:
            for assessment_id, count in session.execute(
                    select(row_type.assessment_id, func.count()).group_by(row_type.assessment_id)).all():
                key = titles[assessment_id] if assessment_id in known else "(no assessment)"
                counts[key] = counts.get(key, 0) + count
    engine.dispose()
    return counts


def _parts_in(path: Path) -> int:
    doc = parse_file(path).document
    return sum(len(getattr(doc, field)) for field, _row, _model in store.PARTS)


@pytest.mark.parametrize("jobs", ["1", "2"])
def test_a_directory_with_one_broken_file_stores_exactly_the_good_ones(tmp_path, monkeypatch, jobs):
    url = f"sqlite:///{tmp_path / 'store.db'}"
    monkeypatch.setenv("READINESS_DATABASE_URL", url)
    files = _folder(tmp_path, 11, broken_at=4)
    result = runner.invoke(app, ["import", str(tmp_path / "assessments"), "--jobs", jobs])
    assert result.exit_code == 1
    lines = result.stdout.strip().splitlines()
    assert lines[-1] == "13 files: 12 new, 0 unchanged, 1 failed"
    [failed] = [line for line in lines if ": failed:" in line]
    assert failed.startswith(str(files[5])) and "categories[0].score" in failed
    assert "1 of 13 files failed" in result.stderr
    good = [parse_file(path).document.title for path in files if "broken" not in path.name]
    assert _stored_titles(url) == sorted(good)
    # One line per file, in the order of the files.
    assert [line.split(": ", 1)[0] for line in lines[:-1]] == [str(path) for path in sorted(files)]
    again = runner.invoke(app, ["import", str(tmp_path / "assessments"), "--jobs", jobs])
    assert again.stdout.strip().splitlines()[-1] == "13 files: 0 new, 12 unchanged, 1 failed"


def test_a_file_that_fails_while_being_stored_fails_alone(tmp_path, monkeypatch):
    url = f"sqlite:///{tmp_path / 'store.db'}"
    monkeypatch.setenv("READINESS_DATABASE_URL", url)
    files = _folder(tmp_path, 9)
    real_add_parts = store.add_parts
    doomed = "Fieldfare draft 004"

    def add_parts_then_fail(*, session, assessment_id, parts):
        real_add_parts(session=session, assessment_id=assessment_id, parts=parts)  # rows written, then:
        title = session.execute(select(AssessmentRow.title).where(AssessmentRow.id == assessment_id)).scalar()
        if title == doomed:
            raise RuntimeError("disk on fire")

    monkeypatch.setattr(store, "add_parts", add_parts_then_fail)
    result = runner.invoke(app, ["import", *map(str, files), "--jobs", "2"])
    assert result.exit_code == 1
    assert result.stdout.strip().splitlines()[-1] == "10 files: 9 new, 0 unchanged, 1 failed"
    assert f"{files[4]}: failed: {files[4]}: not stored (RuntimeError: disk on fire)" in result.stdout
    counts = _part_counts(url)
    assert doomed not in counts and "(no assessment)" not in counts
    assert _stored_titles(url) == sorted(parse_file(p).document.title for p in files if p != files[4])
    assert counts == {parse_file(p).document.title: _parts_in(p) for p in files if p != files[4]}


CRASH = textwrap.dedent("""
    import os, sys
    from pathlib import Path
    from readiness import bulk
    from readiness.store import queries
    from readiness.store.db import open_store

    url, folder = sys.argv[1], Path(sys.argv[2])
    real_add_parts, written = queries.add_parts, []

    def add_parts_then_crash(**kwargs):
        real_add_parts(**kwargs)
        written.append(kwargs["assessment_id"])
        if len(written) == 15:  # half-way through the second batch, its rows written, not committed
            os._exit(3)

    queries.add_parts = add_parts_then_crash
    for outcome in bulk.import_files(open_store(url), sorted(folder.iterdir()), jobs=2, batch_size=10):
        print(outcome.path.name, flush=True)
""")


def test_a_crash_half_way_leaves_whole_assessments_and_no_partial_one(tmp_path):
    url = f"sqlite:///{tmp_path / 'store.db'}"
    files = sorted(_folder(tmp_path, 24))
    crashed = subprocess.run([sys.executable, "-c", CRASH, url, str(tmp_path / "assessments")],
                             capture_output=True, text=True, timeout=60)
    assert crashed.returncode == 3, crashed.stderr
    # The first batch was committed and reported; nothing of the second one is stored.
    reported = crashed.stdout.split()
    assert reported == [path.name for path in files[:10]]
    counts = _part_counts(url)
    assert "(no assessment)" not in counts
    assert counts == {parse_file(p).document.title: _parts_in(p) for p in files[:10]}
    # Importing again finishes the job: the stored ones are unchanged, the rest new.
    monkey_env = {"READINESS_DATABASE_URL": url}
    result = runner.invoke(app, ["import", str(tmp_path / "assessments")], env=monkey_env)
    assert result.exit_code == 0, result.output
    assert result.stdout.strip().splitlines()[-1] == "25 files: 15 new, 10 unchanged, 0 failed"
