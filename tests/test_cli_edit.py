"""`readiness edit`, `apply` and `decisions`: a new version with a note; refusals store nothing."""

from __future__ import annotations

import json

import pytest
from typer.testing import CliRunner

from readiness.cli import app

from .conftest import SAMPLES

runner = CliRunner()
FIRST = str(SAMPLES / "lantern-maps-2025-08.yaml")


@pytest.fixture(autouse=True)
def _store(isolated_env):
    assert runner.invoke(app, ["import", FIRST]).exit_code == 0
    return isolated_env


def _listed() -> list[dict]:
    return json.loads(runner.invoke(app, ["list", "--json"]).stdout)


def _exported(assessment_id: int) -> dict:
    return json.loads(runner.invoke(app, ["export", str(assessment_id), "--json"]).stdout)


def test_edit_sets_fields_and_saves_a_new_version_with_the_note():
    result = runner.invoke(app, ["edit", "1", "--set", "risks[1].probability=0.1", "--set", "risks[1].impact=high",
                                 "--note", "planning 25 Nov: signed URLs expire in 5 minutes", "--author", "Ann"])
    assert result.exit_code == 0, result.output
    assert "saved Lantern Maps v2 (id 2): 2 change(s)" in result.stdout
    assert 'Risk 2 "Leaked signed URL abused": probability: 0.4 → 0.1' in result.stdout
    assert [r["version"] for r in _listed()] == [1, 2]
    assert _exported(1)["risks"][1]["probability"] == 0.4  # the old version stays as it was
    assert (_exported(2)["risks"][1]["probability"], _exported(2)["risks"][1]["impact"]) == (0.1, "high")
    history = runner.invoke(app, ["decisions", "2"])
    assert "v2 decision: planning 25 Nov: signed URLs expire in 5 minutes (Ann," in history.stdout


def test_apply_takes_a_mapping_or_a_json_patch(tmp_path):
    mapping = tmp_path / "mapping.yaml"
    mapping.write_text("phases[0].duration_days: 8\ntitle: Follow-up after planning\n")
    assert runner.invoke(app, ["apply", "1", str(mapping), "--note", "longer first phase"]).exit_code == 0
    operations = tmp_path / "ops.yaml"
    operations.write_text("- {op: remove, path: /risks/4}\n")
    result = runner.invoke(app, ["apply", "2", str(operations), "--note", "style risk dropped"])
    assert result.exit_code == 0, result.output
    assert 'Risk 5 "Style sheet regression" removed' in result.stdout
    assert len(_exported(3)["risks"]) == 4 and _exported(3)["title"] == "Follow-up after planning"


@pytest.mark.parametrize(("args", "message"), [
    (["--set", "categories[0].score=500"], "categories[0].score: must be between 0 and max"),
    (["--set", "phases[0].duration_days=-1"], "phases[0].duration_days: Input should be greater than 0"),
    (["--set", "risks[9].impact=low"], "risks[9].impact: there is no such row"),
    (["--set", "risks[0]impact=low"], "expected '.' or '['"),
    (["--set", "title=x", "--note", " "], "a note is needed"),
])
def test_a_refused_edit_names_the_field_and_stores_nothing(args, message):
    note = [] if "--note" in args else ["--note", "try"]
    result = runner.invoke(app, ["edit", "1", *args, *note])
    assert result.exit_code != 0
    assert message in result.stderr
    assert [r["version"] for r in _listed()] == [1]


def test_a_patch_that_is_not_yaml_names_the_file_and_line(tmp_path):
    bad = tmp_path / "bad.yaml"
    bad.write_text("title: ok\nrisks: [\n")
    result = runner.invoke(app, ["apply", "1", str(bad), "--note", "x"])
    assert result.exit_code == 1 and f"{bad}:" in result.stderr and "not YAML" in result.stderr


def test_read_only_refuses(monkeypatch):
    monkeypatch.setenv("READINESS_READ_ONLY", "true")
    result = runner.invoke(app, ["edit", "1", "--set", "title=x", "--note", "y"])
    assert result.exit_code == 1 and "read-only" in result.stderr
    assert [r["version"] for r in _listed()] == [1]


def test_the_hand_out_lists_the_decisions_since_the_previous_version(tmp_path):
    runner.invoke(app, ["edit", "1", "--set", "risks[1].probability=0.1", "--note", "planning: <b>URLs</b> expire",
                        "--author", "Ann"])
    out = tmp_path / "handout.html"
    assert runner.invoke(app, ["report", "2", "--html", str(out)]).exit_code == 0
    html = out.read_text()
    assert "Decisions since Lantern Maps (2025-08-04)" in html
    assert "planning: &lt;b&gt;URLs&lt;/b&gt; expire (Ann," in html  # document text stays text
    assert 'Risk 2 &quot;Leaked signed URL abused&quot;: probability: 0.4 → 0.1' in html
    assert runner.invoke(app, ["report", "1", "--html", str(out)]).exit_code == 0
    assert "Decisions" not in out.read_text()
