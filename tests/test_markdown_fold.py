"""fold: a case-insensitive pattern searched in lowered text without the flag gives the same answers."""

from __future__ import annotations

import importlib
import random
import re
import string
from pathlib import Path

import pytest

from readiness.importers.markdown.fold import _twin as twin  # the twin itself, made at once (twin() waits for use)
from readiness.importers.markdown.fold import foldable

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
    assert (twin(re.compile(source, re.I)) is not None) is twinned


def test_a_pattern_without_ignorecase_is_used_as_it_is():
    assert twin(re.compile("cost")) is None


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
    # Words in other scripts the patterns look for, upper-cased, and lines of the shared corpus where present.
    others = {word for module in MODULES for value in vars(importlib.import_module(module)).values()
              if isinstance(value, re.Pattern) for word in re.findall(r"[^\x00-\x7f|()?\\]{3,}", value.pattern)}
    texts |= {f"{word.upper()}: x" for word in others} | {f"Über {word.title()}" for word in others}
    for path in sorted((ROOT.parent / "shared" / "corpus").glob("*.md"))[:12]:
        texts |= {line.strip().lstrip("#|-* ").strip()[:100] for line in path.read_text(encoding="utf-8",
                                                                                      errors="replace").splitlines()}
    return sorted(text for text in texts if foldable(text))


def test_every_twin_of_the_importer_answers_as_its_pattern_on_foldable_text():
    texts = _texts()
    patterns = [(name, value) for module in MODULES for name, value in vars(importlib.import_module(module)).items()
                if isinstance(value, re.Pattern) and value.flags & re.I and twin(value) is not None]
    assert len(patterns) >= 50
    differ = []
    for name, pattern in patterns:
        other = twin(pattern)
        for text in texts:
            for ours, theirs in ((pattern.search(text), other.search(text.lower())),
                                 (pattern.match(text), other.match(text.lower()))):
                if (ours and ours.span()) != (theirs and theirs.span()):
                    differ.append((name, text))
    assert not differ, differ[:5]


@pytest.mark.parametrize("text, searched, opened", [
    ("Total COST (EUR)", True, False), ("Cost per month", True, True), ("Kosten", False, False),
    ("Coût total: COST", True, False), ("СТОИМОСТЬ cost", True, False),  # Latin and Cyrillic are lowered too
    ("ıstanbul COST", True, False),  # a dotless i: the pattern itself answers
])
def test_has_and_opens_with_answer_as_search_and_match(text, searched, opened):
    from readiness.importers.markdown.fold import has, opens_with

    pattern = re.compile(r"\bcost\b", re.I)
    assert has(pattern, text) is searched is (pattern.search(text) is not None)
    assert opens_with(pattern, text) is opened is (pattern.match(text) is not None)


def test_a_foldable_text_holds_only_characters_lowered_one_for_one_as_ignorecase_pairs_them():
    """Every character `foldable` lets through is lowered to one character, and is either caseless (no
    other character lowers to it, it lowers and uppers to itself) or one of the cased characters the
    patterns are checked against."""
    from readiness.importers.markdown.fold import _CHECKED

    checked = set(_CHECKED)
    let_through = [chr(code) for code in range(0x10000) if not 0xD800 <= code <= 0xDFFF and foldable(chr(code))]
    assert len(let_through) > 20000
    for char in let_through:
        assert len(char.lower()) == 1, char
        assert char in checked or char.lower() == char == char.upper(), char
    assert not foldable("İ") and not foldable("ı") and not foldable("ſ") and not foldable("Σ")


def test_the_quick_rule_for_a_character_is_what_ignorecase_does_on_every_character():
    """fold._char_folds decides by a rule (its own lowering, not one of the few paired across); IGNORECASE
    itself must agree on every character of the Basic Multilingual Plane."""
    from readiness.importers.markdown.fold import _CHECKED, _LOWERS_TO, _char_folds

    def folds(code: int) -> bool:  # IGNORECASE matches the character with exactly the checked ones lowering to it
        return set(re.findall(re.escape(chr(code)), _CHECKED, re.IGNORECASE)) == _LOWERS_TO.get(chr(code), set())

    differ = [hex(code) for code in range(0x10000) if not 0xD800 <= code <= 0xDFFF
              and chr(code).lower() == chr(code) and _char_folds(code) != folds(code)]
    assert not differ


def test_a_twin_is_made_once_a_pattern_is_searched_often():
    from readiness.importers.markdown import fold

    pattern = re.compile(r"budget|kosten", re.I)
    asked = [fold.twin(pattern) for _ in range(fold._SEARCHES_BEFORE_TWIN)]
    assert asked[:-1] == [None] * (fold._SEARCHES_BEFORE_TWIN - 1)
    assert asked[-1] is not None and asked[-1].search("q3 budget") and not asked[-1].search("Q3 BUDGET")


def test_blank_answers_as_sub_with_a_space_on_every_text():
    """fold.blank replaces the twin's matches in the text itself: the same string as `pattern.sub(" ", text)`,
    foldable or not, on the importer's patterns and on patterns that match empty strings."""
    from readiness.importers.markdown import fold
    from readiness.importers.markdown.recognizers.metadata import _GENRE

    texts = _texts()[:4000] + ["Über COST", "ıstanbul Readiness", "İSTANBUL report", ""]
    patterns = [_GENRE, re.compile(r"\bcost\b|x*", re.I), re.compile(r"(?:report|audit)s?", re.I)]
    for pattern in patterns:
        for _ in range(fold._SEARCHES_BEFORE_TWIN):
            fold.twin(pattern)  # the twin made, so that it is the one answering
        assert fold.twin(pattern) is not None
        differ = [text for text in texts if fold.blank(pattern, text) != pattern.sub(" ", text)]
        assert not differ, differ[:5]


def test_which_names_the_patterns_search_finds():
    """fold.which gives the positions of the patterns whose search finds something in the text, twins made or
    not, on the label patterns and on fixture, corpus and generated text."""
    from readiness.importers.markdown import fold
    from readiness.importers.markdown.recognizers.metadata import _LABEL_PATTERNS

    texts = _texts()[:3000] + ["Overall Score", "ГОТОВНОСТЬ", "ıstanbul status", "整体完成度", ""]
    expected = [tuple(i for i, pattern in enumerate(_LABEL_PATTERNS) if pattern.search(text)) for text in texts]
    assert [fold.which(_LABEL_PATTERNS, text) for text in texts] == expected
    assert any(expected) and not all(expected)
    assert all(fold.twin(pattern) is not None for pattern in _LABEL_PATTERNS[:3])  # the twins answered too
