"""The readiness/v1 YAML format: validation with paths and lines, safe loading, limits."""

from __future__ import annotations

import json
import os

import pytest

from readiness.errors import InputError
from readiness.importers import parse_bytes
from readiness.model import json_schema

from .conftest import SAMPLES

VALID = b"""schema: readiness/v1
project: Example Payments
date: 2025-10-10
overall: {score: 40, max: 100}
categories:
  - {name: Testing, score: 0, max: 100, weight: 25, blocker: true}
"""


def _error(data: bytes, filename: str = "doc.yaml") -> InputError:
    with pytest.raises(InputError) as caught:
        parse_bytes(data, filename=filename)
    return caught.value


def test_valid_document_parses_with_date_kept_as_text():
    doc = parse_bytes(VALID, filename="doc.yaml").document
    assert doc.project == "Example Payments"
    assert doc.date == "2025-10-10"
    assert doc.categories[0].blocker is True


def test_every_invalid_field_is_reported_with_its_path_and_line():
    data = b"""schema: readiness/v1
project: Broken
categories:
  - {name: A, score: 3, max: 10}
  - {name: B, score: 4, max: 10}
  - {name: C, score: 12, max: 10}
risks:
  - {title: R, probability: 1.5, impact: enormous}
"""
    error = _error(data)
    text = str(error)
    assert "categories[2].score: must be between 0 and max (10) (line 6)" in text
    assert "risks[0].probability" in text
    assert "risks[0].impact" in text
    assert len(error.problems) == 3
    assert text.startswith("doc.yaml:6: not a valid readiness/v1 document (3 problems)")


@pytest.mark.parametrize(("date", "kept"), [
    ("2025-10-10", "2025-10-10"),  # a full date
    ("'2025-01'", "2025-01"),      # a month keeps its precision
    ("2025", "2025"),              # a year alone (YAML reads an int)
    ("null", None),
])
def test_dates_keep_their_precision(date: str, kept: str | None):
    doc = parse_bytes(b"schema: readiness/v1\nproject: P\ndate: " + date.encode() + b"\n", filename="d.yaml").document
    assert doc.date == kept


@pytest.mark.parametrize(("body", "expected"), [
    (b"project: P\n", "expected 'schema: readiness/v1'"),
    (b"schema: readiness/v2\nproject: P\n", "found 'readiness/v2'"),
    (b"- just\n- a list\n", "expected a mapping"),
    (b"schema: readiness/v1\nproject: P\ndate: 2025-13-01\n", "date: is not a real date"),
    (b"schema: readiness/v1\nproject: [unclosed\n", "not valid YAML"),
    (b"schema: readiness/v1\n", "project: Field required"),
    (b"schema: readiness/v1\nproject: P\nsurprise: 1\n", "surprise: Extra inputs are not permitted"),
])
def test_bad_documents_get_one_clear_error(body: bytes, expected: str):
    error = _error(body)
    assert str(error).startswith("doc.yaml")
    assert expected in str(error)
    assert "\n" not in str(error)


def test_yaml_errors_name_the_line():
    error = _error(b"schema: readiness/v1\nproject: P\ncategories: [\n  {name: A\n")
    assert error.line is not None and error.line >= 3


def test_alias_bomb_is_refused():
    lines = ["schema: readiness/v1", "project: P", "a: &a [x, x, x, x, x, x, x, x, x]"]
    for level in range(1, 9):  # 9**9 values from 81 aliases
        lines.append(f"{chr(97 + level)}: &{chr(97 + level)} [" + ", ".join([f"*{chr(96 + level)}"] * 9) + "]")
    error = _error("\n".join(lines).encode())
    assert "alias bomb" in str(error)


def test_a_recursive_alias_is_refused():
    assert "recursive alias" in str(_error(b"schema: readiness/v1\nproject: P\nx: &a [*a]\n"))


def test_a_few_ordinary_aliases_are_fine():
    doc = parse_bytes(VALID + b"findings:\n  - &f {title: One, severity: high}\n  - *f\n", filename="a.yaml").document
    assert [f.title for f in doc.findings] == ["One", "One"]


def test_python_tags_are_not_executed():
    error = _error(b"schema: readiness/v1\nproject: !!python/object/apply:os.system ['true']\n")
    assert "not valid YAML" in str(error)


def test_files_over_the_size_limit_are_refused_unread(monkeypatch: pytest.MonkeyPatch):
    monkeypatch.setenv("READINESS_MAX_FILE_BYTES", "100")
    error = _error(VALID + b"#" * 200)
    assert "the limit is 100" in str(error)
    monkeypatch.setenv("READINESS_MAX_FILE_BYTES", "1000")  # read again whenever the variable changes
    assert parse_bytes(VALID + b"#" * 200, filename="a.yaml").document
    monkeypatch.setenv("READINESS_MAX_FILE_BYTES", "100")
    assert "the limit is 100" in str(_error(VALID + b"#" * 200))


def test_every_text_and_whole_number_field_is_checked_for_every_store():
    """Every field of the model that can hold text or a whole number (alone, optional, or in a list) is a
    `Text` or `Whole`: what SQLite would keep and PostgreSQL refuse (NUL, integers past 32 bits) is refused
    by the model itself."""
    import typing

    from readiness import model

    checks = {str: model._no_nul, int: model._within_integer}

    checked = []

    def unchecked(annotation, metadata=()) -> list:
        if typing.get_origin(annotation) is typing.Annotated:
            base, *extra = typing.get_args(annotation)
            return unchecked(base, extra)
        if annotation in checks:
            if any(getattr(m, "func", None) is checks[annotation] for m in metadata):
                checked.append(annotation)
                return []
            return [annotation]
        return [found for argument in typing.get_args(annotation) for found in unchecked(argument)]

    parts = [klass for klass in vars(model).values()
             if isinstance(klass, type) and issubclass(klass, model._Part) and klass is not model._Part]
    assert len(parts) > 15
    missing = {f"{klass.__name__}.{name}": unchecked(field.annotation, field.metadata)
               for klass in parts for name, field in klass.model_fields.items()}
    assert not {name: found for name, found in missing.items() if found}
    assert checked.count(str) > 30 and checked.count(int) > 10  # the walk reaches optional and listed fields


def test_text_and_whole_numbers_no_store_keeps_are_refused_where_they_stand():
    from pydantic import ValidationError

    from readiness.model import Assessment

    with pytest.raises(ValidationError) as caught:
        Assessment.model_validate({"project": "Heron Gate", "findings": [
            {"title": "Backups", "details": ["nightly", "weekly\x00"]}]})
    assert caught.value.errors()[0]["loc"] == ("findings", 0, "details", 1)
    assert "NUL" in caught.value.errors()[0]["msg"]
    with pytest.raises(ValidationError) as caught:
        Assessment.model_validate({"project": "Heron Gate", "categories": [{"name": "Ops", "line": 2**31}]})
    assert caught.value.errors()[0]["loc"] == ("categories", 0, "line")
    assert "must be between" in caught.value.errors()[0]["msg"]


def test_the_first_settings_read_say_what_the_settings_say(monkeypatch: pytest.MonkeyPatch):
    # readiness.environment answers without loading the settings while its variables are unset: the same
    # defaults, and once one is set, the value the settings read and validate.
    from pydantic import ValidationError

    from readiness import environment
    from readiness.settings import Settings

    names = ("READINESS_DATABASE_URL", "READINESS_MAX_FILE_BYTES", "READINESS_PARSE_SECONDS")
    for name in names:
        monkeypatch.delenv(name, raising=False)

    def read() -> tuple:
        return environment.database_url(), environment.max_file_bytes(), environment.parse_seconds()

    defaults = Settings()
    assert read() == (defaults.database_url, defaults.max_file_bytes, defaults.parse_seconds)
    for name, value in zip(names, ("sqlite:////tmp/elsewhere.db", "2048", "2.5")):
        monkeypatch.setenv(name, value)
    assert read() == ("sqlite:////tmp/elsewhere.db", 2048, 2.5)
    monkeypatch.setenv("READINESS_PARSE_SECONDS", "0")
    with pytest.raises(ValidationError):
        environment.parse_seconds()
    # The store's URL under a lower-case name, as the settings read it: every command opens the same store.
    monkeypatch.delenv("READINESS_DATABASE_URL")
    monkeypatch.delenv("READINESS_PARSE_SECONDS")
    monkeypatch.setenv("readiness_database_url", "sqlite:////tmp/lower.db")
    assert environment.database_url() == Settings().database_url == "sqlite:////tmp/lower.db"


def test_reading_a_file_or_opening_the_store_does_not_load_the_settings(tmp_path):
    import subprocess
    import sys

    code = ("import sys; from readiness.importers.budget import parse_bytes_within_budget; "
            "from readiness.store.engine import make_engine; "
            "parse_bytes_within_budget(b'# Ash Quay\\n\\n- [ ] backups', filename='a.md'); make_engine().dispose(); "
            "print(sorted(m for m in sys.modules if m.startswith(('pydantic_settings', 'readiness.settings'))))")
    env = {key: value for key, value in os.environ.items() if not key.startswith("READINESS_")}
    for url in (None, f"sqlite:///{tmp_path / 'team.db'}"):  # the default store, and one a variable names
        if url:
            env["READINESS_DATABASE_URL"] = url
        out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=env, check=True,
                             cwd=tmp_path).stdout
        assert out.strip() == "[]"


@pytest.mark.parametrize(("data", "expected"), [
    (b"", "empty"),
    (b"   \n\n", "empty"),
    (b" \t\r\n\x0b\x0c", "empty"),  # every ASCII space, as bytes.strip() takes them
    (b"\x89PNG\r\n\x1a\n\x00\x00\x00", "binary"),
    (b"a" * 8191 + b"\x00", "binary"),  # a NUL among the first 8,192 bytes
])
def test_empty_and_binary_files_are_refused(data: bytes, expected: str):
    assert expected in str(_error(data, "upload.yaml"))


def test_a_markdown_file_that_mentions_the_schema_later_is_still_markdown():
    text = b"# Notes\n\nOur export starts with schema: readiness/v1 as its first line.\n"
    assert parse_bytes(text, filename="notes").document.source.importer == "markdown"


def test_a_yaml_document_is_sniffed_whatever_its_name():
    doc = parse_bytes(b"# exported\nschema: readiness/v1\nproject: Sniffed\n", filename="notes").document
    assert doc.project == "Sniffed"
    assert doc.source.importer == "yaml"


def test_audit_and_source_in_input_are_ignored_and_recomputed():
    data = VALID + b"audit: [{check: overall, subject: x, stated: 1, computed: 2, ok: false, message: forged}]\n"
    doc = parse_bytes(data, filename="doc.yaml").document
    assert [a.message for a in doc.audit] != ["forged"]
    assert doc.source.file == "doc.yaml"
    assert len(doc.source.sha256) == 64


def test_samples_are_valid_and_rich():
    for path in sorted(SAMPLES.glob("*.yaml")):
        doc = parse_bytes(path.read_bytes(), filename=path.name).document
        for part in ("categories", "findings", "risks", "checklist", "phases", "costs", "actions"):
            assert getattr(doc, part), f"{path.name} has no {part}"


def test_json_schema_documents_every_field():
    schema = json_schema()
    assert "schema" in schema["properties"]
    for name, definition in schema["$defs"].items():
        for field, spec in definition.get("properties", {}).items():
            assert spec.get("description"), f"{name}.{field} has no description"
    json.dumps(schema)
