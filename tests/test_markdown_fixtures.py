"""Fixture files: tests/fixtures/markdown/<name>.md beside <name>.expected.yaml, each key checked."""

from __future__ import annotations

import math
import re
import unicodedata
from pathlib import Path

import ftfy
import pytest
import yaml

from readiness.importers import parse_file

FIXTURES = Path(__file__).resolve().parent / "fixtures" / "markdown"
ROOT = Path(__file__).resolve().parents[1]
CASES = sorted(FIXTURES.glob("*.expected.yaml"))


def norm(text: str | None) -> str:
    """Case-folded, emoji and bold marks removed, surrounding punctuation stripped."""
    text = "".join(c for c in (text or "") if unicodedata.category(c) not in ("So", "Cs", "Mn", "Cf"))
    text = text.replace("**", "").replace("__", "")
    return re.sub(r"\s+", " ", text).strip(" \t:;,.!?-–—*_()[]#").casefold()


def _source(case: Path, expected: dict) -> Path:
    if "source" in expected:
        return ROOT / expected["source"]
    return case.with_name(case.name.replace(".expected.yaml", ".md"))


def _expected(path: Path) -> dict:
    return yaml.safe_load(path.read_text(encoding="utf-8"))


def cases(stating: str | None = None):
    """Run a test on every fixture, or only on those whose expectations state `stating`."""
    chosen = [c for c in CASES if stating is None or stating in _expected(c)]
    return pytest.mark.parametrize("case", chosen, indirect=True,
                                   ids=[c.name.replace(".expected.yaml", "") for c in chosen])


@pytest.fixture
def case(request):
    expected = _expected(request.param)
    return expected, parse_file(_source(request.param, expected))


def _close(a, b) -> bool:
    return a is not None and math.isclose(float(a), float(b), abs_tol=1e-6)


@cases()
def test_metadata(case):
    expected, result = case
    doc = result.document
    if "project" in expected:
        assert norm(doc.project) == norm(expected["project"])
    if "title_contains" in expected:
        assert norm(expected["title_contains"]) in norm(doc.title)
    if "date" in expected:
        assert doc.date == str(expected["date"])
    if "status_contains" in expected:
        assert norm(expected["status_contains"]) in norm(doc.status)
    if "overall" in expected:
        assert doc.overall and (doc.overall.score, doc.overall.max) == tuple(map(float, expected["overall"]))
    if "time_to_ready" in expected:
        low, high, unit = expected["time_to_ready"]
        assert doc.time_to_ready and (doc.time_to_ready.min, doc.time_to_ready.max, doc.time_to_ready.unit) == (
            low, high, unit)


@cases(stating="categories")
def test_categories(case):
    expected, result = case
    got = [(norm(c.name), c.score, c.max, c.weight, c.blocker) for c in result.document.categories]
    assert got == [(norm(n), float(s), float(m), w if w is None else float(w), b)
                   for n, s, m, w, b in expected["categories"]]


@cases()
def test_findings_and_strengths(case):
    expected, result = case
    findings = result.document.findings
    if expected.get("findings") == []:
        assert findings == []
    for title, severity, effort in expected.get("findings") or []:
        matches = [f for f in findings if norm(title) in norm(f.title)]
        assert matches, title
        assert matches[0].severity == severity, title
        if effort is None:
            assert matches[0].effort is None, title
        else:
            got = matches[0].effort
            assert got and (got.min, got.max, got.unit) == tuple(effort), title
    if "strengths" in expected:
        assert sum(1 for f in findings if f.severity == "info") == expected["strengths"]


@cases(stating="risks")
def test_risks(case):
    expected, result = case
    got = [(norm(r.title), r.probability, r.impact) for r in result.document.risks]
    assert got == [(norm(t), p, i) for t, p, i in expected["risks"]]


@cases(stating="checklist")
def test_checklist(case):
    expected, result = case
    groups: dict[str, list[bool]] = {}
    for item in result.document.checklist:
        groups.setdefault(norm(item.category), []).append(item.done)
    assert [(k, len(v), sum(v)) for k, v in groups.items()] == [
        (norm(c), n, d) for c, n, d in expected["checklist"]]


@cases(stating="phases")
def test_phases(case):
    expected, result = case
    got = [(norm(p.name), p.start_day, p.duration_days, p.priority, len(p.tasks)) for p in result.document.phases]
    assert got == [(norm(n), float(s), float(d), pr, t) for n, s, d, pr, t in expected["phases"]]


@cases()
def test_costs_and_actions(case):
    expected, result = case
    doc = result.document
    if "costs" in expected:
        assert [(norm(c.name), c.min, c.max, c.currency, c.recurrence) for c in doc.costs] == [
            (norm(n), float(lo), float(hi), cur, rec) for n, lo, hi, cur, rec in expected["costs"]]
    if "actions" in expected:
        assert len(doc.actions) == len(expected["actions"])
        for action, (title, hours) in zip(doc.actions, expected["actions"]):
            assert norm(title) in norm(action.title)
            assert action.effort and _close(action.effort.hours()[0], hours)


@cases()
def test_stated_totals(case):
    expected, result = case
    totals = result.document.stated_totals
    for key, want in (expected.get("stated_totals") or {}).items():
        got = getattr(totals, key)
        assert got is not None, key
        assert (_close(got.min, want[0]) and _close(got.max, want[1])), key
        if len(want) > 2:
            assert got.unit == want[2]


def _checks(result, flag: str):
    check, _, subject = flag.partition(":")
    return [c for c in result.document.audit if c.check == check and (not subject or norm(c.subject) == norm(subject))]


@cases()
def test_audit(case):
    expected, result = case
    for flag in expected.get("audit_flags") or []:
        checks = _checks(result, flag)
        assert checks and not any(c.ok for c in checks), flag
    for flag in expected.get("audit_ok") or []:
        checks = _checks(result, flag)
        assert checks and all(c.ok for c in checks), flag


@cases()
def test_warnings_and_mojibake(case):
    expected, result = case
    warnings = [w.message for w in result.document.source.warnings]
    for text in expected.get("warnings_contain") or []:
        assert any(text in message for message in warnings), warnings
    if "warnings_contain" not in expected:
        assert not any("could not read" in message for message in warnings), warnings
    if expected.get("no_mojibake"):
        for value in result.document.model_dump(mode="json").values():
            text = str(value)
            assert ftfy.fix_encoding(text) == text
