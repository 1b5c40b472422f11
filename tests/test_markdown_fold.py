"""fold.ascii_twin: a case-insensitive pattern searched on lowered ASCII text without the flag, same answers."""

from __future__ import annotations

import importlib
import random
import re
import string
from pathlib import Path

import pytest

from readiness.importers.markdown.fold import ascii_twin

ROOT = Path(__file__).resolve().parents[1]
MODULES = [f"readiness.importers.markdown.{name}" for name in ("context", "records", "numbers", "text", "vocabulary")] + [
    f"readiness.importers.markdown.recognizers.{name}"
    for name in ("actions", "checklist", "costs", "findings", "marks", "metadata", "plan", "scorecard")] + [
    f"readiness.importers.markdown.interpreters.{name}" for name in ("risks", "strengths", "scores", "findings")]


@pytest.mark.parametrize("source, twinned", [
    ("cost|budget", True), (r"\b(?:total|sum)\b", True), ("[a-z]+ plan", True), ("bud[ée]get", True),
    ("Cost", False),  # an upper-case letter is no longer matched in lowered text
    ("ı", False), ("ſ", False),  # IGNORECASE matches these with "i" and "s"; lowering does not
    ("(?-i:x)y", False), ("(?i:x)y", False),  # inline flags
    ("[+-a]", False),  # a range holding "A"-"Z" but not "a"-"z"
    (r"(a)\1", False),  # a back reference: not looked into
])
def test_which_patterns_get_a_twin(source, twinned):
    assert (ascii_twin(re.compile(source, re.I)) is not None) is twinned


def test_a_pattern_without_ignorecase_is_used_as_it_is():
    assert ascii_twin(re.compile("cost")) is None


def _texts() -> list[str]:
    texts = {line.strip().lstrip("#|-* ").strip()[:100]
             for path in (ROOT / "tests" / "fixtures" / "markdown").glob("*.md")
             for line in path.read_text(encoding="utf-8").splitlines()}
    rnd = random.Random(7)
    letters = string.ascii_letters + string.digits + " _-:/()%.$|"
    texts |= {"".join(rnd.choice(letters) for _ in range(rnd.randint(1, 24))) for _ in range(3000)}
    # The words the patterns look for, in upper and title case, inside other text.
    words = {word for module in MODULES for value in vars(importlib.import_module(module)).values()
             if isinstance(value, re.Pattern) for word in re.findall(r"[a-z]{3,}", value.pattern)}
    texts |= {f"{word.upper()} x" for word in words} | {f"The {word.title()}s" for word in words}
    return sorted(text for text in texts if text.isascii())


def test_every_twin_of_the_importer_answers_as_its_pattern_on_ascii_text():
    texts = _texts()
    patterns = [(name, value) for module in MODULES for name, value in vars(importlib.import_module(module)).items()
                if isinstance(value, re.Pattern) and value.flags & re.I and ascii_twin(value) is not None]
    assert len(patterns) >= 50
    differ = []
    for name, pattern in patterns:
        twin = ascii_twin(pattern)
        for text in texts:
            for ours, theirs in ((pattern.search(text), twin.search(text.lower())),
                                 (pattern.match(text), twin.match(text.lower()))):
                if (ours and ours.span()) != (theirs and theirs.span()):
                    differ.append((name, text))
    assert not differ, differ[:5]


@pytest.mark.parametrize("text, searched, opened", [
    ("Total COST (EUR)", True, False), ("Cost per month", True, True), ("Kosten", False, False),
    ("Coût total: COST", True, False),  # not ASCII: the pattern itself answers
])
def test_has_and_opens_with_answer_as_search_and_match(text, searched, opened):
    from readiness.importers.markdown.fold import has, opens_with

    pattern = re.compile(r"\bcost\b", re.I)
    assert has(pattern, text) is searched is (pattern.search(text) is not None)
    assert opens_with(pattern, text) is opened is (pattern.match(text) is not None)
