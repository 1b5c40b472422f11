"""Fuzz: documents built from invented assessment fragments and random bytes never break the importer.

parse_bytes may refuse input with an InputError (empty, binary); anything else escaping is a bug, and so
is a recognizer failing quietly (reported as a "could not read" warning).
"""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from readiness.errors import InputError
from readiness.importers import parse_bytes

FRAGMENTS = [
    "# Readiness Review - Pelican Queue\n",
    "## 🔴 Critical Issues\n",
    "### 1. **Broker failover** 🔴 CRITICAL\n",
    "### Issue #2: Slow acks ⚠️ HIGH PRIORITY\n",
    "## ✅ Strengths\n",
    "## ⚠️ Medium Priority Issues\n",
    "**Estimated Effort**: 2-4 days\n",
    "**Date**: 2023-02-XX\n",
    "**Status**: ⚠️ **NOT READY**\n",
    "**Overall Score: 5.5/10** - **NOT READY**\n",
    "**Readiness Score**: **B+ (85/100)**\n",
    "Ready for production in 1–2 weeks.\n",
    "| Category | Weight | Score | Status | Blocker? |\n|---|---|---|---|---|\n",
    "| **Queueing** | 40% | 30/100 | ❌ | **YES** |\n",
    "| **Docs** | 60% | 9/10 | ✅ | NO |\n",
    "| TOTAL | | 13.5/50 | | |\n",
    "| Risk | Likelihood | Impact | Mitigation |\n|------|-----|-----|-----|\n",
    "| Lost messages | Very High | Critical | Replicate |\n",
    "| Split brain | 35% | High | Fencing |\n",
    "## 📋 Checklist\n",
    "### Delivery ⚠️ (50% Complete)\n",
    "- [ ] Dead-letter queue\n",
    "- [x] Acks on commit\n",
    "  - [X] nested tick\n",
    "## Plan\n",
    "### Week 2: Hardening\n",
    "### **Phase 3: Cutover** (Week 1 - 3 days)\n",
    "**Priority**: 🟡 High\n",
    "**Day 1-2: Drills**\n",
    "1. **Day 3**: Go live\n",
    "**Deliverables**:\n- ✅ Runbook\n",
    "## 💰 Cost Estimate\n",
    "- **Brokers**: $824-1,080/month (three nodes)\n",
    "- **Migration**: €2.5k\n",
    "- **Support**: RM 1,200/year\n",
    "- **Total First Month**: $15.9-31.2K\n",
    "## 🎯 Immediate Action Items\n",
    "1. **Enable fencing** (30 minutes)\n",
    "2. **Page on lag** (~1.5 hours)\n",
    "**Total: ~2 hours**\n",
    "**Total**: **15 days (3 weeks)**\n",
    "```python\nprint('not a finding')\n```\n",
    "> quoted **Status**: fine\n",
    "<div>html block</div>\n",
    "---\n",
    "\n",
    "- item without end",
    "| broken | table\n",
    "### \n",
    "#\n",
    "1) **\n",
    "‚ö†Ô∏è mojibake üî¥ line\n",
    "Ã©tat cassÃ©\n",
    "Day 0-0: nothing\n",
    "Week 99999999999999999999: overflow\n",
    "| Score | 999/10 |\n|--|--|\n| x | 10/0 |\n",
    "**Date**: 2025-02-30\n",
    "### Phase 7: (Week 0 - 0 days)\n",
]

fragment_documents = st.lists(st.sampled_from(FRAGMENTS), min_size=0, max_size=40).map("".join)
line_endings = st.sampled_from(["\n", "\r\n", "\r"])
encodings = st.sampled_from(["utf-8", "utf-8-sig", "cp1252", "mac_roman"])


def _parse(data: bytes, filename: str = "fuzz.md") -> None:
    try:
        result = parse_bytes(data, filename=filename)
    except InputError:
        return
    quiet_failures = [w.message for w in result.document.source.warnings if "could not read" in w.message]
    assert not quiet_failures


@settings(max_examples=1000, deadline=None, derandomize=True, suppress_health_check=[HealthCheck.too_slow])
@given(fragment_documents, line_endings, encodings)
def test_fragment_documents_never_raise(document, ending, encoding):
    data = document.replace("\n", ending).encode(encoding, errors="replace")
    _parse(data)


@settings(max_examples=600, deadline=None, derandomize=True)
@given(st.lists(st.one_of(st.sampled_from(FRAGMENTS), st.text(max_size=40)), max_size=25).map("".join))
def test_fragments_mixed_with_random_text_never_raise(document):
    _parse(document.encode("utf-8", errors="surrogatepass"))


@settings(max_examples=600, deadline=None, derandomize=True)
@given(st.binary(max_size=2000))
def test_random_bytes_never_raise(data):
    _parse(data)


@settings(max_examples=200, deadline=None, derandomize=True)
@given(fragment_documents, st.sampled_from(["notes", "report.MD", "a.txt", "data.bin", "x.markdown"]))
def test_any_file_name_is_read_or_refused(document, filename):
    _parse(document.encode("utf-8"), filename)


# Issue 12's families: deep nesting, control characters, infinities, pathological brackets, and
# honest documents of unusual size, mixed with the fragments above. Sizes stay small (the 1 MB cases
# live in tests/test_hostile.py and benchmarks/hostile.py); what is fuzzed is the combinations.
PATHOLOGICAL_UNITS = ["[", "![", "(", ")", "<a", "__", "**", "](", " ", "\t", "1.", " -", "done ", "Ã", "|", "`"]
YAML_VALUES = [".inf", "-.inf", ".nan", ".NaN", "1.0e+308", "1.0e+400", "-0.0", "0", "4294967296", "\"a\\0b\"",
               "\"\\x07\"", "[" * 80 + "]" * 80, "{a: " * 70 + "1" + "}" * 70, "&x [1, 2]", "*undefined", "~"]
YAML_FIELDS = ["overall: {score: %s, max: 10}", "overall: {score: 1, max: %s}", "time_to_ready: {min: 1, max: %s, unit: days}",
               "phases:\n  - {name: P, start_day: %s, duration_days: 2}", "costs:\n  - {name: C, min: 0, max: %s}",
               "risks:\n  - {title: %s, impact: high}", "title: %s", "date: %s",
               "checklist:\n  - {text: t, done: %s}", "categories:\n  - {name: A, score: 1, max: 10, weight: %s}"]


@settings(max_examples=300, deadline=None, derandomize=True)
@given(st.lists(st.sampled_from(FRAGMENTS), max_size=12).map("".join), st.sampled_from(PATHOLOGICAL_UNITS),
       st.integers(min_value=1, max_value=3000), st.sampled_from(["{}", "| {} | 3/10 |", "## {}", "- [ ] {}", "**{}**: x"]))
def test_pathological_runs_inside_assessments_never_raise(document, unit, repeat, place):
    _parse((document + place.format(unit * repeat) + "\n" + document).encode("utf-8"))


@settings(max_examples=300, deadline=None, derandomize=True)
@given(st.sampled_from(YAML_FIELDS), st.sampled_from(YAML_VALUES), st.sampled_from(["d.yaml", "d.md", "d.txt"]))
def test_hostile_yaml_values_are_read_or_refused(field, value, filename):
    _parse(f"schema: readiness/v1\nproject: Fuzz\n{field % value}\n".encode("utf-8"), filename)


@settings(max_examples=150, deadline=None, derandomize=True)
@given(st.lists(st.sampled_from(FRAGMENTS), max_size=10).map("".join),
       st.characters(min_codepoint=0, max_codepoint=0x9F, blacklist_characters="\n\r"),
       st.sampled_from(["d.md", "d.yaml"]))
def test_control_characters_anywhere_are_read_or_refused(document, character, filename):
    middle = len(document) // 2
    _parse((document[:middle] + character + document[middle:]).encode("utf-8"), filename)
    _parse(f"schema: readiness/v1\nproject: Ctl\ntitle: a{character}b\n".encode("utf-8"), filename)


@settings(max_examples=20, deadline=None, derandomize=True)
@given(st.integers(min_value=60, max_value=400), st.sampled_from(["[", "{a: ", "- "]))
def test_deep_nesting_is_refused_not_a_crash(depth, opener):
    if opener == "- ":
        body = "findings:\n" + "".join("  " * level + "- \n" for level in range(1, depth))
    else:
        closer = "]" if opener == "[" else "}"
        body = "title: " + opener * depth + "1" + closer * depth
    _parse(f"schema: readiness/v1\nproject: Deep\n{body}\n".encode("utf-8"), "deep.yaml")
