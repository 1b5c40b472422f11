"""The command line: what each command prints and its exit codes."""

from __future__ import annotations

import json

import pytest
import yaml
from typer.testing import CliRunner

from readiness.cli import app

from .conftest import SAMPLES

runner = CliRunner()
FIRST = str(SAMPLES / "lantern-maps-2025-08.yaml")


@pytest.fixture(autouse=True)
def _store(isolated_env):
    return isolated_env


def test_parse_prints_the_document_with_audit_and_source():
    result = runner.invoke(app, ["parse", FIRST])
    assert result.exit_code == 0
    data = yaml.safe_load(result.stdout)
    assert data["schema"] == "readiness/v1"
    assert data["source"]["file"] == "lantern-maps-2025-08.yaml"
    assert {a["check"] for a in data["audit"]} >= {"overall", "checklist", "cost_total"}


def test_parse_json_is_json():
    result = runner.invoke(app, ["parse", FIRST, "--json"])
    assert result.exit_code == 0
    assert json.loads(result.stdout)["project"] == "Lantern Maps"


def test_parse_of_bad_input_exits_non_zero_with_one_line_naming_the_file(tmp_path):
    bad = tmp_path / "broken.yaml"
    bad.write_text("schema: readiness/v1\nproject: P\ncategories: [{name: A, score: 11, max: 10}]\n")
    result = runner.invoke(app, ["parse", str(bad)])
    assert result.exit_code == 1
    assert result.stdout == ""
    [line] = result.stderr.strip().splitlines()
    assert str(bad) in line and "categories[0].score" in line


def test_parse_of_a_missing_file_says_so(tmp_path):
    result = runner.invoke(app, ["parse", str(tmp_path / "nope.md")])
    assert result.exit_code == 1
    assert "nope.md" in result.stderr and "cannot read" in result.stderr


def test_import_reports_new_then_unchanged():
    first = runner.invoke(app, ["import", str(SAMPLES)])
    assert first.exit_code == 0, first.output
    assert first.stdout.count(": new:") >= 2
    second = runner.invoke(app, ["import", str(SAMPLES)])
    assert second.exit_code == 0
    assert ": new:" not in second.stdout
    assert second.stdout.count("unchanged") >= 2


def test_import_exits_non_zero_when_any_file_fails(tmp_path):
    bad = tmp_path / "bad.yaml"
    bad.write_text("schema: readiness/v1\n")
    result = runner.invoke(app, ["import", FIRST, str(bad)])
    assert result.exit_code == 1
    assert "bad.yaml: failed:" in result.stdout
    assert ": new:" in result.stdout  # the good file was still stored


def test_list_json_has_the_promised_fields():
    runner.invoke(app, ["import", FIRST])
    result = runner.invoke(app, ["list", "--json"])
    assert result.exit_code == 0
    [row] = json.loads(result.stdout)
    assert {"id", "project", "title", "date", "overall_percent"} <= row.keys()
    assert row["overall_percent"] == 46


def test_export_round_trips_and_a_missing_id_fails():
    runner.invoke(app, ["import", FIRST])
    exported = runner.invoke(app, ["export", "1"])
    assert exported.exit_code == 0
    assert yaml.safe_load(exported.stdout)["project"] == "Lantern Maps"
    missing = runner.invoke(app, ["export", "99"])
    assert missing.exit_code == 1
    assert "no assessment with id 99" in missing.stderr


@pytest.mark.parametrize(("minimum", "code"), [(40, 0), (46, 0), (50, 1)])
def test_check_gates_on_the_overall_score(minimum: int, code: int):
    result = runner.invoke(app, ["check", FIRST, "--min-score", str(minimum)])
    assert result.exit_code == code


def test_schema_prints_the_json_schema():
    result = runner.invoke(app, ["schema"])
    assert result.exit_code == 0
    schema = json.loads(result.stdout)
    assert "categories" in schema["properties"]


def test_help_and_parse_load_no_database_code():
    """Start-up stays short: the store (sqlmodel, sqlalchemy) and rich load only in commands that use them."""
    import subprocess
    import sys

    script = ("import sys; from typer.testing import CliRunner; from readiness.cli import app; "
              "runner = CliRunner(); loaded = lambda: sorted(m for m in ('sqlmodel', 'sqlalchemy', 'rich', "
              "'readiness.store', 'readiness.model') if m in sys.modules); print(loaded()); "
              "assert runner.invoke(app, ['--help']).exit_code == 0; print(loaded()); "
              f"assert runner.invoke(app, ['parse', {FIRST!r}]).exit_code == 0; print(loaded())")
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, timeout=60)
    assert done.returncode == 0, done.stderr
    at_import, after_help, after_parse = done.stdout.strip().splitlines()
    assert at_import == after_help == "[]"
    assert after_parse == "['readiness.model']"
