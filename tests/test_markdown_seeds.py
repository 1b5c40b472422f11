"""The two seed assessments against their expectation files in ../shared (every fact must hold)."""

from __future__ import annotations

import math
import re
import unicodedata
from functools import lru_cache
from pathlib import Path

import ftfy
import pytest
import yaml

from readiness.importers import ParseResult, parse_file

SHARED = Path(__file__).resolve().parents[2] / "shared"
EXPECTATIONS = sorted((SHARED / "expectations").glob("*.yaml")) if SHARED.is_dir() else []
SKIP_REASON = f"{SHARED} is absent: the seed expectations live there (see shared/README.md)"

seeds = pytest.mark.parametrize(
    "name", [path.stem for path in EXPECTATIONS] or [pytest.param("none", marks=pytest.mark.skip(SKIP_REASON))])


def norm(text: str | None) -> str:
    """A name for comparing: case-folded, emoji and bold marks gone, surrounding punctuation stripped."""
    text = "".join(c for c in (text or "") if unicodedata.category(c) not in ("So", "Cs", "Mn", "Cf")
                   and c not in "\ufe0f\u200d")
    text = text.replace("**", "").replace("__", "")
    return re.sub(r"\s+", " ", text).strip(" \t:;,.!?-–—*_()[]#").casefold()


@lru_cache(maxsize=None)
def load(name: str) -> tuple[dict, ParseResult]:
    """The expectations for a seed and the seed parsed (once per test session)."""
    expected = yaml.safe_load((SHARED / "expectations" / f"{name}.yaml").read_text(encoding="utf-8"))
    return expected, parse_file(SHARED / "seeds" / f"{name}.txt")


def expect(expected: dict, key: str):
    if key not in expected:
        pytest.skip(f"the expectations state nothing about {key}")
    return expected[key]


def close(a: float, b: float, tolerance: float = 1e-6) -> bool:
    return math.isclose(a, b, abs_tol=tolerance + 1e-9)


@seeds
def test_project_title_and_date(name):
    expected, result = load(name)
    doc = result.document
    assert norm(doc.project) == norm(expect(expected, "project"))
    assert norm(expected["title_contains"]) in norm(doc.title)
    assert doc.date == str(expected["date"])


@seeds
def test_status_and_time_to_ready(name):
    expected, result = load(name)
    doc = result.document
    assert norm(expected["status_contains"]) in norm(doc.status)
    ready = expected["time_to_ready"]
    assert doc.time_to_ready is not None
    assert (doc.time_to_ready.min, doc.time_to_ready.max, doc.time_to_ready.unit) == (
        ready["min"], ready["max"], ready["unit"])


@seeds
def test_overall_score(name):
    expected, result = load(name)
    overall = expect(expected, "overall")
    assert result.document.overall is not None
    assert close(result.document.overall.score, overall["score"])
    assert close(result.document.overall.max, overall["max"])


@seeds
def test_categories_in_order(name):
    expected, result = load(name)
    rows = expect(expected, "categories")
    got = [(norm(c.name), c.score, c.max, c.weight, c.blocker) for c in result.document.categories]
    assert got == [(norm(n), float(s), float(m), None if w is None else float(w), b) for n, s, m, w, b in rows]


@seeds
def test_findings_with_severity_and_effort(name):
    expected, result = load(name)
    for title, severity, low, high, unit in expect(expected, "findings"):
        candidates = [f for f in result.document.findings if norm(title) in norm(f.title)]
        candidates = [f for f in candidates if f.severity != "info"] or candidates
        assert candidates, f"no finding titled like {title!r}"
        finding = candidates[0]
        assert finding.severity == severity, title
        if low is None:
            assert finding.effort is None, title
        else:
            assert finding.effort is not None, title
            assert (finding.effort.min, finding.effort.max, finding.effort.unit) == (low, high, unit), title


@seeds
def test_strengths(name):
    expected, result = load(name)
    strengths = [f for f in result.document.findings if f.severity == "info"]
    assert len(strengths) >= expect(expected, "strengths_at_least")


@seeds
def test_risks(name):
    expected, result = load(name)
    rows = expect(expected, "risks")
    risks = result.document.risks
    assert len(risks) == len(rows)
    for risk, (title, probability, impact, mitigation) in zip(risks, rows):
        assert norm(risk.title) == norm(title)
        assert close(risk.probability, probability)
        assert risk.impact == impact
        assert norm(mitigation) in norm(risk.mitigation)


@seeds
def test_checklist_groups(name):
    expected, result = load(name)
    groups: dict[str, list[bool]] = {}
    for item in result.document.checklist:
        groups.setdefault(norm(item.category), []).append(item.done)
    want = {norm(category): (items, done) for category, items, done in expect(expected, "checklist")}
    assert {key: (len(values), sum(values)) for key, values in groups.items()} == want


@seeds
def test_phases_on_the_timeline(name):
    expected, result = load(name)
    phases = result.document.phases
    rows = expect(expected, "phases")
    assert [(norm(p.name), p.start_day, p.duration_days, p.priority) for p in phases] == [
        (norm(n), float(start), float(days), priority) for n, start, days, priority in rows]
    assert max(p.end_day for p in phases) == expected["plan_working_days"]
    if "tasks_per_phase" in expected:
        assert [len(p.tasks) for p in phases] == expected["tasks_per_phase"]


@seeds
def test_tasks_lie_within_their_phase(name):
    _, result = load(name)
    for phase in result.document.phases:
        for task in phase.tasks:
            assert phase.start_day <= task.start_day < phase.end_day
            assert task.start_day + task.duration_days <= phase.end_day


@seeds
def test_costs(name):
    expected, result = load(name)
    rows = expect(expected, "costs")
    assert [(norm(c.name), c.min, c.max, c.currency, c.recurrence) for c in result.document.costs] == [
        (norm(n), float(low), float(high), currency, recurrence) for n, low, high, currency, recurrence in rows]


@seeds
def test_actions_with_hours(name):
    expected, result = load(name)
    rows = expect(expected, "actions")
    actions = result.document.actions
    assert len(actions) == len(rows)
    for action, (title, hours) in zip(actions, rows):
        assert norm(title) in norm(action.title)
        assert action.effort is not None and close(action.effort.hours()[0], hours)


@seeds
def test_stated_totals(name):
    expected, result = load(name)
    totals = result.document.stated_totals
    for key, want in expect(expected, "stated_totals").items():
        got = getattr(totals, key)
        assert got is not None, key
        tolerance = want.get("tolerance", 0)
        assert close(got.min, want["min"], tolerance) and close(got.max, want["max"], tolerance), key
        if "unit" in want:
            assert got.unit == want["unit"]


def _checks(result: ParseResult, flag: str):
    check, _, subject = flag.partition(":")
    return [c for c in result.document.audit if c.check == check and (not subject or norm(c.subject) == norm(subject))]


@seeds
def test_audit_flags_what_it_must(name):
    expected, result = load(name)
    for flag in expected.get("audit_must_flag") or []:
        checks = _checks(result, flag)
        assert checks and not any(c.ok for c in checks), flag


@seeds
def test_audit_passes_what_holds(name):
    expected, result = load(name)
    for flag in expected.get("audit_must_not_flag") or []:
        checks = _checks(result, flag)
        assert checks and all(c.ok for c in checks), flag


def _strings(value):
    if isinstance(value, str):
        yield value
    elif isinstance(value, dict):
        for item in value.values():
            yield from _strings(item)
    elif isinstance(value, (list, tuple)):
        for item in value:
            yield from _strings(item)


@seeds
def test_no_mojibake_left(name):
    _, result = load(name)
    for text in _strings(result.document.model_dump(mode="json")):
        assert ftfy.fix_encoding(text) == text, text
        assert not ftfy.badness.is_bad(text), text
        # The Mac Roman forms of an emoji's lead bytes never belong in English text.
        assert not re.search("[\u201a\u00d4\u00c4\u00fc\u221a][\u00f6\u00c4\u00fa\u00ea\u00e2\u00f8\u00ef]", text), text
    for fact in result.facts:
        assert ftfy.fix_encoding(fact.text) == fact.text


@seeds
def test_every_fact_has_a_line(name):
    _, result = load(name)
    doc = result.document
    items = [*doc.categories, *doc.findings, *doc.risks, *doc.checklist, *doc.phases, *doc.costs, *doc.actions]
    assert all(item.line and item.line > 0 for item in items)
