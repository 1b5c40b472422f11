"""The YAML importer's two loaders: the fast one (libyaml composes, a small constructor builds plain data)
and the exact one (PyYAML's composer and SafeConstructor) give the same document, nodes and errors.

The fast path takes ordinary documents only; everything else falls back to the exact loader, which
names the problem and its line. These tests compare the two on the same text.
"""

from __future__ import annotations

import gc
import math
import random

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from benchmarks.storefill import random_assessment
from readiness.errors import InputError
from readiness.importers import parse_bytes
from readiness.importers import yaml_importer
from readiness.importers.yaml_importer import MAX_DEPTH, _load, _load_exact, _load_plain, dump

from .conftest import SAMPLES


def _typed(value: object) -> object:
    """A value with every scalar's type spelled out: 1, 1.0 and True compare equal, these do not."""
    if isinstance(value, dict):
        return ("dict", [(_typed(k), _typed(v)) for k, v in value.items()])
    if isinstance(value, list):
        return ("list", [_typed(v) for v in value])
    if isinstance(value, float) and math.isnan(value):
        return ("float", "nan")
    return (type(value).__name__, value)


def _shape(node: yaml.Node | None) -> object:
    """A node tree as tags, values and positions (what line numbers in errors come from)."""
    if node is None:
        return None
    mark = (node.start_mark.line, node.start_mark.column)
    if isinstance(node, yaml.ScalarNode):
        return (node.tag, node.value, mark)
    if isinstance(node, yaml.SequenceNode):
        return (node.tag, mark, [_shape(child) for child in node.value])
    return (node.tag, mark, [(_shape(k), _shape(v)) for k, v in node.value])


def _same_both_ways(text: str) -> object:
    """Assert that the fast path reads the text and agrees with the exact loader; return the data."""
    fast = _load_plain(text)
    assert fast is not None, "the fast path refused an ordinary document"
    exact = _load_exact(text, "doc.yaml")
    assert _typed(fast[0]) == _typed(exact[0])
    assert _shape(fast[1]) == _shape(exact[1])
    return fast[0]


def _outcome(text: str, load=_load) -> tuple:
    """What a loader (_load by default) does with the text: the typed data and node shape, or the
    error's sentence and line."""
    try:
        data, node = load(text, "doc.yaml")
    except InputError as error:
        return ("error", str(error), error.line)
    return ("data", _typed(data), _shape(node))


def _outcome_exact(text: str) -> tuple:
    return _outcome(text, _load_exact)


def test_this_install_reads_yaml_through_libyaml():
    # PyYAML's wheels bundle libyaml, which stops nesting at 1,000 levels; without it every file
    # takes the exact loader (correct, about twice as slow).
    assert yaml.__with_libyaml__
    assert yaml_importer._libyaml_limits_nesting()
    assert yaml_importer.FAST_LOADING


SCALARS = """schema: readiness/v1
strings: [plain, 'single', "double \\t escaped", "", '', ~x, "2025-01-02", 2025-01-02, 12:30]
ints: [0, -7, +7, 1_000, 0x1F, 0o17, 017, 0b101, 190:20:30]
floats: [1.5, -0.0, 1e3, 1.0e+3, .5, 6.8523015e+5, 685_230.15, 190:20:30.15, .inf, -.Inf, .NaN]
bools: [true, True, TRUE, false, yes, No, on, OFF, y, n]
nulls: [null, Null, ~, ]
explicit: [!!str 12, !!int '12', !!float '1', !!null '', !!bool 'true', !!str true]
empty: 
keys: {1: int, 1.5: float, true: bool, null: none, ~: tilde, "": empty}
"""

DOCUMENTS = {
    "scalars": SCALARS,
    "block": "a:\n  b:\n    - c\n    - d: e\n      f: |\n        two\n        lines\n    - >-\n      folded\n      text\n",
    "flow": "{a: [1, {b: c}], d: [], e: {}}\n",
    "duplicate keys (the last wins)": "a: 1\nb: 2\na: 3\n",
    "unicode": "project: Pétrel ☃ 🚀\ntitle: \"\\u00e9\\U0001F680\"\n",
    "comments and markers": "# exported\n%YAML 1.1\n---\nschema: readiness/v1  # trailing\n...\n",
    "an ampersand in text, no anchor": "title: R&D review\nnotes: 'Q & A'\n",
    "a top-level list": "- 1\n- two\n",
    "a lone scalar": "just text\n",
    "the non-specific tag !": "a: ! 12\nb: ! true\nc: ! [1, {d: ! 2}]\n",
    "long plain scalars": "a: " + "1" * 80 + "\nb: 1." + "5" * 80 + "\nc: " + "true " * 20 + "\nd: " + "x" * 65 + "\n",
    # The root is level 0: the innermost list here is at level 63, the deepest allowed.
    "nested 63 levels (the deepest allowed)": "x: " + "[" * 63 + "]" * 63 + "\n",
}


@pytest.mark.parametrize("name", DOCUMENTS)
def test_the_fast_path_reads_ordinary_yaml_exactly_as_the_exact_loader(name):
    _same_both_ways(DOCUMENTS[name])


def test_the_fast_path_keeps_types_text_dates_and_the_last_duplicate_key():
    data = _same_both_ways(SCALARS)
    assert data["strings"][6:] == ["2025-01-02", "2025-01-02", 750]  # dates stay text; 12:30 is base 60
    assert data["ints"] == [0, -7, 7, 1000, 31, "0o17", 15, 5, 685230]  # YAML 1.1: 0o17 is text
    assert math.isinf(data["floats"][-3]) and math.isnan(data["floats"][-1])
    assert data["bools"] == [True, True, True, False, True, False, True, False, "y", "n"]
    assert data["explicit"] == ["12", 12, 1.0, None, True, "true"]
    # true is the key 1 again (the first key stays, the last value wins); null and ~ are one key.
    assert data["keys"] == {1: "bool", 1.5: "float", None: "tilde", "": "empty"}
    assert _same_both_ways(DOCUMENTS["duplicate keys (the last wins)"]) == {"a": 3, "b": 2}


def test_an_empty_document_is_none_both_ways():
    assert _load_plain("# nothing but a comment\n") == (None, None)
    assert _load_exact("# nothing but a comment\n", "doc.yaml") == (None, None)


def test_generated_and_sample_documents_read_the_same_both_ways():
    rng = random.Random(5)
    texts = [dump(random_assessment(rng, f"Project {n}", n + 1)) for n in range(20)]
    texts += [path.read_text(encoding="utf-8") for path in sorted(SAMPLES.glob("*.yaml"))]
    texts += [dump(parse_bytes(path.read_bytes(), filename=path.name).document)
              for path in sorted(SAMPLES.glob("*.md"))]
    for text in texts:
        _same_both_ways(text)


# What the fast path leaves to the exact loader: each must come out exactly as the exact loader says.
FALLBACKS = {
    "an alias": "a: &x {b: 1}\nc: *x\n",
    "a merge key": "base: {a: 1}\nmore: {<<: {a: 2}, b: 3}\n",
    "a merge key with an alias": "base: &b {a: 1}\nmore:\n  <<: *b\n  c: 2\n",
    "a recursive alias": "schema: readiness/v1\nproject: P\nx: &a [*a]\n",
    "an undefined alias": "a: *nowhere\n",
    "a set": "s: !!set {a, b}\n",
    "an ordered map": "o: !!omap [{a: 1}, {b: 2}]\n",
    "binary": "b: !!binary aGVsbG8=\n",
    "an explicit timestamp": "d: !!timestamp 2025-01-02\n",
    "a python tag": "project: !!python/object/apply:os.system ['true']\n",
    "a local tag": "x: !thing 1\n",
    "a list as a key": "? [a, b]\n: c\n",
    "a mapping as a key": "{a: 1}: b\n",
    "nested 64 levels": "x: " + "[" * 64 + "]" * 64 + "\n",
    "nested 500 levels, flow": "title: " + "[" * 500 + "]" * 500 + "\n",
    "nested 500 levels, block": "findings:\n" + "".join("  " * depth + "- \n" for depth in range(1, 500)),
    "nested 5,000 levels (past libyaml's own limit)": "x: " + "{a: " * 5000 + "1" + "}" * 5000 + "\n",
    "a control character": "project: Tern\ntitle: bad\x07title\n",
    "an unclosed list": "schema: readiness/v1\nproject: [unclosed\n",
    "two documents": "a: 1\n---\nb: 2\n",
    "a tab for indentation": "a:\n\t- b\n",
}


@pytest.mark.parametrize("name", FALLBACKS)
def test_what_the_fast_path_leaves_comes_out_as_the_exact_loader_says(name):
    text = FALLBACKS[name]
    assert _load_plain(text) is None
    assert _outcome(text) == _outcome_exact(text)


def test_nesting_errors_and_alias_limits_are_unchanged():
    deep = _outcome(FALLBACKS["nested 64 levels"])
    assert deep[0] == "error" and f"nested more than {MAX_DEPTH} levels" in deep[1] and deep[2] == 1
    assert "recursive alias" in _outcome(FALLBACKS["a recursive alias"])[1]
    control = _outcome(FALLBACKS["a control character"])
    assert control[0] == "error" and "U+0007" in control[1] and control[2] == 2
    assert _outcome(FALLBACKS["a merge key"])[1] == ("dict", [(("str", "base"), ("dict", [(("str", "a"), ("int", 1))])),
                                                      (("str", "more"), ("dict", [(("str", "a"), ("int", 2)),
                                                                                  (("str", "b"), ("int", 3))]))])


def test_validation_errors_name_the_same_lines_through_the_fast_path():
    text = ("schema: readiness/v1\nproject: Broken\ncategories:\n  - {name: A, score: 3, max: 10}\n"
            "  - name: C\n    score: 12\n    max: 10\nrisks:\n  - {title: R, probability: 1.5, impact: enormous}\n")
    assert _load_plain(text) is not None
    with pytest.raises(InputError) as caught:
        parse_bytes(text.encode(), filename="doc.yaml")
    assert caught.value.line == 6
    assert "categories[1].score: must be between 0 and max (10) (line 6)" in caught.value.problems
    assert any(problem.endswith("(line 9)") for problem in caught.value.problems)


def test_without_the_fast_path_a_document_reads_the_same(monkeypatch):
    text = dump(random_assessment(random.Random(3), "Project X", 1))
    fast = parse_bytes(text.encode(), filename="x.yaml").document
    monkeypatch.setattr(yaml_importer, "FAST_LOADING", False)
    assert parse_bytes(text.encode(), filename="x.yaml").document == fast


# Any data a YAML writer makes, in either style, reads the same both ways.
_KEYS = st.one_of(st.text(max_size=8), st.integers(), st.booleans(), st.none())
_LEAVES = st.one_of(st.text(max_size=12), st.integers(min_value=-10**20, max_value=10**20),
                    st.floats(allow_nan=True, allow_infinity=True), st.booleans(), st.none())
_DATA = st.recursive(_LEAVES, lambda inner: st.one_of(st.lists(inner, max_size=4),
                                                     st.dictionaries(_KEYS, inner, max_size=4)), max_leaves=30)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(data=_DATA, flow=st.sampled_from([None, True, False]))
def test_any_dumped_data_reads_the_same_both_ways(data, flow):
    _same_both_ways(yaml.safe_dump(data, default_flow_style=flow, allow_unicode=True))


# And any text made of YAML's punctuation and words: the same data, or the same error and line.
_PIECES = ["a", "b: ", "- ", "[", "]", "{", "}", ", ", ": ", "\n", "  ", "&x ", "*x", "<<: ", "? ", "!!str ",
           "!!set ", "'q'", '"d\\n"', "1", "0x1F", "1.5", ".inf", "yes", "~", "#c", "---\n", "|\n  t\n", "\t", "é"]


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(pieces=st.lists(st.sampled_from(_PIECES), max_size=40))
def test_any_text_gives_the_same_data_or_error_both_ways(pieces):
    text = "".join(pieces)
    assert _outcome(text) == _outcome_exact(text)


def test_every_one_of_many_problems_names_its_own_line():
    # 5,000 unknown keys: each problem's line was found by scanning the mapping again (quadratic:
    # 87,000 keys in 1 MB took minutes); each mapping's keys are now looked up once.
    text = "schema: readiness/v1\nproject: P\n" + "".join(f"k{n}: v\n" for n in range(5000)) + "k7: again\n"
    with pytest.raises(InputError) as caught:
        parse_bytes(text.encode(), filename="keys.yaml")
    problems = caught.value.problems
    assert len(problems) == 5000 and caught.value.line == 3
    assert problems[0] == "k0: Extra inputs are not permitted (line 3)"
    assert problems[4999] == "k4999: Extra inputs are not permitted (line 5002)"
    assert problems[7] == "k7: Extra inputs are not permitted (line 10)"  # a repeated key: its first line


GOOD = "schema: readiness/v1\nproject: P\n"


@pytest.mark.parametrize(("text", "validated"), [(GOOD, True), ("schema: readiness/v1\nsurprise: 1\n", True),
                                                 ("schema: readiness/v1\nproject: [\n", False)])
def test_the_cycle_collector_is_paused_only_while_a_document_is_read(monkeypatch, text, validated):
    seen = []
    validate = yaml_importer.validate
    monkeypatch.setattr(yaml_importer, "validate", lambda *a, **k: (seen.append(gc.isenabled()), validate(*a, **k))[1])
    assert gc.isenabled()
    try:
        parse_bytes(text.encode(), filename="doc.yaml")
    except InputError:
        pass
    assert gc.isenabled()  # on again, whether the document was good or not
    assert seen == ([False] if validated else [])  # off while it was validated
    gc.disable()
    try:
        parse_bytes(GOOD.encode(), filename="doc.yaml")
        assert not gc.isenabled()  # a caller's choice is left as it was
    finally:
        gc.enable()
