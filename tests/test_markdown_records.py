"""Records and interpreters: one reading of the markdown form, one interpreter per kind of fact."""

from __future__ import annotations

import textwrap

import pytest

from readiness.importers import parse_bytes
from readiness.importers.markdown.records import read_records, split_label
from readiness.importers.markdown.tree import build_tree, tokenize
from readiness.importers.markdown.vocabulary import field_of, level_word, scope_of


def records_of(text: str):
    return read_records(build_tree(tokenize(textwrap.dedent(text))))


def parse(text: str):
    return parse_bytes(textwrap.dedent(text).encode(), filename="doc.md").document


# Field words in several languages name the same field.
@pytest.mark.parametrize("label, field", [
    ("**Probability**", "probability"), ("Likelihood", "probability"), ("Probabilité", "probability"),
    ("Eintrittswahrscheinlichkeit", "probability"), ("Вероятность", "probability"), ("概率", "probability"),
    ("Impact", "impact"), ("Auswirkung", "impact"), ("Влияние", "impact"), ("影响", "impact"),
    ("Mitigation", "mitigation"), ("Maßnahme", "mitigation"), ("Меры", "mitigation"), ("缓解措施", "mitigation"),
    ("Estimated effort", "effort"), ("Aufwand", "effort"), ("Severity", "severity"), ("Schweregrad", "severity"),
])
def test_field_words_in_many_languages(label, field):
    assert field_of(label) == field


def test_a_sentence_names_no_field():
    assert field_of("The main risk is that the migration fails on the largest tenant") is None


@pytest.mark.parametrize("heading, cue", [
    ("What could still go wrong", "risks"), ("Risiken und Maßnahmen", "risks"), ("风险评估", "risks"),
    ("Infrastructure costs (monthly)", "monthly"), ("Расходы (ежемесячно)", "monthly"),
    ("Key strengths", "strengths"), ("Pontos fortes", "strengths"), ("Decision matrix", "alternatives"),
])
def test_headings_say_what_stands_under_them(heading, cue):
    assert cue in scope_of(heading)


@pytest.mark.parametrize("heading, cue, said", [
    ("Risks", "risks", True), ("Risk_register", "risks", True),  # "_" is no letter: "risk" starts a word
    ("Asterisks in names", "risks", False),  # a word's middle is no word
    ("Cost overview", "costs", True), ("Costings", "costs", True),  # a stem may start a longer word
    ("风险评估", "risks", True), ("项目风险", "risks", True),  # CJK words stand anywhere
])
def test_a_heading_word_must_start_a_word(heading, cue, said):
    assert (cue in scope_of(heading)) is said


def test_scope_of_gives_what_a_search_per_cue_gives():
    """scope_of looks words up by their first letters; the rule is the one _word_pattern writes as a
    pattern. Every scope word, alone and inside other text, must give the same cues both ways."""
    from readiness.importers.markdown import vocabulary

    patterns = [(cue, vocabulary._any_word(words, stems=True)) for cue, words in vocabulary.SCOPE_WORDS.items()]

    def searched(heading: str) -> frozenset[str]:
        text = " ".join(heading.casefold().split())
        return frozenset(cue for cue, pattern in patterns if pattern.search(text))

    words = [word for words in vocabulary.SCOPE_WORDS.values() for word in words]
    texts = [f"{before}{word.upper() if upper else word}{after}" for word in words
             for before, after, upper in (("", "", False), ("x", "", False), ("_", "s", True), ("1", "-b", False),
                                          ("(", ")", True), ("é", "é", False), ("高", " plan", False))]
    texts += [f"{a} {b}" for a, b in zip(words, reversed(words))] + [f"{a}/{b}" for a, b in zip(words, words[1:])]
    differ = [text for text in texts if scope_of(text) != searched(text)]
    assert not differ, differ[:5]


@pytest.mark.parametrize("text, level", [("Med", "medium"), ("Medic", None), ("P1", "high"), ("P12", None)])
def test_a_short_level_word_must_stand_alone(text, level):
    assert level_word(text) == level


@pytest.mark.parametrize("text, level", [("High", "high"), ("Hoch", "high"), ("Высокий риск", "high"),
                                         ("Moyen", "medium"), ("低", "low"), ("Highlights", None),
                                         ("Basic setup", None)])
def test_a_short_text_that_is_only_a_level(text, level):
    assert level_word(text) == level


def test_labels_split_in_their_usual_spellings():
    assert split_label("**Probability**: Medium (40%)") == ("Probability", "Medium (40%)")
    assert split_label("**Impact:** High") == ("Impact", "High")
    assert split_label("Вероятность: 25%") == ("Вероятность", "25%")
    assert split_label("10:30 stand-up") is None


def test_one_risk_reads_the_same_in_three_forms():
    table = """
        ## Risks
        | Risk | Probability | Impact | Mitigation |
        |---|---|---|---|
        | Ledger export times out | 40% | High | Paginate the export |
        """
    heading = """
        ## Risks
        ### R1: Ledger export times out
        **Probability**: 40%
        **Impact**: High
        **Mitigation**: Paginate the export
        """
    items = """
        ## Risks
        - Ledger export times out
          - Probability: 40%
          - Impact: High
          - Mitigation: Paginate the export
        """
    read = [[(r.title, r.probability, r.impact, r.mitigation) for r in parse(text).risks]
            for text in (table, heading, items)]
    assert read[0] == read[1] == read[2] == [("Ledger export times out", 0.4, "high", "Paginate the export")]


def test_heading_records_carry_their_field_lines_and_a_label_takes_the_list_below():
    records = records_of("""
        ### Risk 3: Queue backs up
        **Likelihood**: Low
        **Mitigation:**
        - Autoscale the workers
        - Alert on queue depth
        """)
    heading = next(r for r in records if r.form == "heading")
    assert heading.get("probability") == "Low"
    assert heading.get("mitigation") == "Autoscale the workers; Alert on queue depth"


def test_a_record_becomes_one_fact_a_risk_listed_under_a_level_is_not_also_a_finding():
    doc = parse("""
        ## Risks
        **High:**
        - Carrier API throttles the sale

        **Low:**
        - Depot printer jams
        """)
    assert [(r.title, r.impact) for r in doc.risks] == [("Carrier API throttles the sale", "high"),
                                                        ("Depot printer jams", "low")]
    assert doc.findings == []


def test_an_unstated_impact_stays_not_stated():
    doc = parse("""
        ## Risikobewertung
        | Risiko | Wahrscheinlichkeit | Maßnahme |
        |---|---|---|
        | Zahlungsanbieter fällt aus | 20% | Zweiter Anbieter |
        """)
    assert [(r.title, r.probability, r.impact) for r in doc.risks] == [("Zahlungsanbieter fällt aus", 0.2, None)]


def test_a_rating_of_a_whole_area_is_not_a_risk():
    doc = parse("""
        ## Risk summary
        - Technical risk: LOW
        - Operational risk: MEDIUM
        """)
    assert doc.risks == []


def test_several_bold_labels_split_a_section_into_groups_a_lone_one_only_leads_in():
    grouped = parse("""
        ## Pre-launch checks
        **Security tests**
        - [ ] Secrets rotated
        - [x] TLS enforced

        **Load tests**
        - [ ] Peak day replayed
        """)
    assert sorted({i.category for i in grouped.checklist}) == ["Load tests", "Security tests"]
    lone = parse("""
        ## VPS setup
        **Still to add:**
        - [ ] Log rotation
        - [ ] Nightly backup
        """)
    assert {i.category for i in lone.checklist} == {"VPS setup"}


@pytest.mark.parametrize("heading", ["## Key strengths", "## 优势", "## Stärken", "### Deployed and working ✅"])
def test_strengths_under_a_strengths_heading_in_several_languages(heading):
    doc = parse(f"""
        {heading}
        - Fast builds
        - Clear runbooks
        """)
    assert [f.title for f in doc.findings if f.severity == "info"] == ["Fast builds", "Clear runbooks"]


@pytest.mark.parametrize("heading, header, rows", [
    ("## Strengths", "| # | Strength | Detail |", ["| 1 | **Fast builds** | under two minutes |",
                                                   "| 2 | **Clear runbooks** | one per service |"]),
    ("## Stärken", "| Bereich | Anmerkung |", ["| Fast builds | unter zwei Minuten |",
                                                "| Clear runbooks | je Dienst eines |"]),
    ("## 优势", "| 编号 | 优势 |", ["| 1 | Fast builds |", "| 2 | Clear runbooks |"]),
])
def test_table_rows_under_a_strengths_heading_are_strengths(heading, header, rows):
    separator = "|" + "---|" * (header.count("|") - 1)
    doc = parse("\n".join([heading, "", header, separator, *rows, ""]))
    assert [f.title for f in doc.findings if f.severity == "info"] == ["Fast builds", "Clear runbooks"]


def test_a_table_of_figures_under_a_strengths_heading_is_measurements_not_strengths():
    doc = parse("""
        ## Key strengths
        | Metric | Before | After |
        |---|---|---|
        | p95 latency | 900 ms | 300 ms |
        | Error rate | 2% | 0.1% |
        """)
    assert [f for f in doc.findings if f.severity == "info"] == []
    worded = parse("""
        ## Stärken
        | Bereich | Anmerkung |
        |---|---|
        | Caching | Redis vor der Datenbank |
        """)
    assert [f.title for f in worded.findings if f.severity == "info"] == ["Caching"]


def test_a_table_under_a_done_mark_is_an_inventory_not_strengths():
    doc = parse("""
        ### ✅ Queues (3/3 deployed)
        | Queue | Purpose |
        |---|---|
        | billing-events | invoices |
        | audit-events | audit trail |
        """)
    assert [f for f in doc.findings if f.severity == "info"] == []


def test_the_document_title_says_nothing_about_the_sections_below():
    doc = parse("""
        # Launch checklist
        ## Ready components ✅
        - Billing export
        - Audit log
        """)
    assert len([f for f in doc.findings if f.severity == "info"]) == 2


@pytest.mark.parametrize("text, expected", [
    ("""
     ## Known gaps
     | # | Weakness | Severity | Effort |
     |---|---|---|---|
     | 1 | No rate limiting | High | 2-3 days |
     | 2 | Logs lack request ids | Low | 4h |
     """, [("No rate limiting", "high", (2, 3, "days")), ("Logs lack request ids", "low", (4, 4, "hours"))]),
    ("""
     ## Lücken
     | Bereich | Befund | Priorität |
     |---|---|---|
     | Sicherheit | Kein Rate-Limiting | Kritisch |
     """, [("Kein Rate-Limiting", "critical", None)]),
    ("""
     ## Lacunas
     | Eixo | Nota | Gap | Prioridade |
     |---|---|---|---|
     | Segurança | 3/10 | -6 | Alta |
     """, [("Segurança", "high", None)]),
])
def test_rows_of_a_severity_or_priority_rated_table_are_findings(text, expected):
    got = [(f.title, f.severity, f.effort and (f.effort.min, f.effort.max, f.effort.unit))
           for f in parse(text).findings]
    assert got == expected


def test_a_rated_table_with_a_probability_column_lists_risks_not_findings():
    doc = parse("""
        ## Register
        | Item | Probability | Severity |
        |---|---|---|
        | Cache stampede | 30% | High |
        """)
    assert [r.title for r in doc.risks] == ["Cache stampede"] and doc.findings == []


@pytest.mark.parametrize("heading, lines", [
    ("### Scores by area", ["Security:     ████████░░ 80%", "Payments:     ██████░░░░ 60%",
                            "Operations:   █████████░ 90%", "Overall:      ███████░░░ 77%"]),
    ("### Bewertung nach Bereich", ["Sicherheit:  8/10", "Zahlungen:   6/10", "Betrieb:     9/10",
                                    "Gesamt:      7.7/10"]),
])
def test_score_bars_in_a_code_block_are_a_scorecard(heading, lines):
    body = "\n".join(lines)
    doc = parse(f"# Review\n\n{heading}\n\n```\n{body}\n```\n")
    assert [(c.name, c.percent) for c in doc.categories] == [
        (lines[i].split(":")[0], p) for i, p in enumerate((80.0, 60.0, 90.0))]
    assert doc.overall is not None and round(doc.overall.percent) == 77


def test_code_that_is_not_a_scorecard_gives_nothing():
    doc = parse("# Review\n\n```\nhost: db.internal\nport: 5432\nretries: 3\n```\n")
    assert doc.categories == [] and doc.overall is None


def test_explain_shows_records_who_took_them_how_sure_and_why_others_declined():
    from pathlib import Path

    from typer.testing import CliRunner

    from readiness.cli import app

    fixture = Path(__file__).parent / "fixtures" / "markdown" / "kestrel-records-en.md"
    out = CliRunner().invoke(app, ["parse", str(fixture), "--explain"]).output
    assert "heading 'RISK-01: Label printer fleet fails at peak (MEDIUM)' -> risks" in out
    assert "'Technical risk: LOW' -> not taken by an interpreter; declined by risks: a rating" in out
    assert "risk Label printer fleet fails at peak p=0.3 impact=high (heading with fields)  [sure 0.9]" in out


def test_each_read_fact_keeps_its_confidence_in_the_source():
    doc = parse("""
        ## Risks
        | Risk | Probability | Impact |
        |---|---|---|
        | Ledger export times out | 40% | High |

        **High:**
        - Carrier API throttles the sale

        **Low:**
        - Printer jams
        """)
    sure = {f.text.split(" p=")[0]: f.confidence for f in doc.source.facts if f.kind == "risk"}
    assert sure == {"risk Ledger export times out": 0.9, "risk Carrier API throttles the sale": 0.7,
                    "risk Printer jams": 0.7}


@pytest.mark.parametrize("text, title, level", [
    ("""
     ## Blockers
     ### 🔴 BLOCKER 2: Reports never reach the inbox
     **Severity:** HIGH
     **Impact:** Finance cannot close the month
     """, "Reports never reach the inbox", "high"),
    ("""
     ## Probleme
     ### Kritische Lücke im Export
     **Schweregrad:** Mittel
     """, "Kritische Lücke im Export", "medium"),
    ("""
     ## Known issues
     ### Priority 3: Missing retry on webhooks
     **Impact:** HIGH - partners miss events
     """, "Missing retry on webhooks", "high"),
])
def test_a_stated_severity_beats_the_words_of_the_title_and_the_group(text, title, level):
    assert [(f.title, f.severity) for f in parse(text).findings] == [(title, level)]


@pytest.mark.parametrize("line, level", [("**🔴 HIGH: Firewall over-blocking signed requests**", "high"),
                                         ("**Critical injection path in the importer** | LOW", "low"),
                                         ("**ÉLEVÉ : Blocage des requêtes signées**", "high")])
def test_a_tag_at_the_edge_of_a_bold_finding_beats_words_inside_it(line, level):
    doc = parse(f"""
        ## Findings
        {line}
        - Seen in staging
        """)
    assert [f.severity for f in doc.findings] == [level]


@pytest.mark.parametrize("text, titles", [
    ("""
     ## Areas for improvement
     ### 1. Documentation
     #### Runbook links are dead
     Fix the links.
     #### Glossary is missing
     Add one.
     ### 2. Testing
     #### No load test
     Plan one.
     """, ["Runbook links are dead", "Glossary is missing", "No load test"]),
    ("""
     ## Probleme
     ### 1. Sicherheit 🔴 KRITISCH
     #### Fehlt:
     - Rate-Limiting
     #### Maßnahmen:
     - Gateway einrichten
     """, ["Sicherheit"]),
])
def test_a_heading_holding_only_sub_headings_groups_findings_a_tagged_one_is_a_finding(text, titles):
    assert [f.title for f in parse(text).findings] == titles


@pytest.mark.parametrize("text", [
    """
    ## Scorecard
    | Area | Score |
    |---|---|
    | Security | 7/10 |
    | Billing | B+ |
    | Docs | 6/10 |
    """,
    """
    ## Bewertung
    | Bereich | Bewertung |
    |---|---|
    | Sicherheit | 7/10 |
    | Abrechnung | B+ |
    | Doku | 6/10 |
    """,
])
def test_a_letter_grade_is_kept_as_text_never_turned_into_a_score(text):
    doc = parse(text)
    graded = [c for c in doc.categories if c.grade]
    assert [(c.score, c.grade) for c in graded] == [(None, "B+")]
    assert [c.score for c in doc.categories if not c.grade] == [7, 6]


def test_a_table_of_grades_alone_is_no_scorecard():
    doc = parse("""
        ## Feature grades
        | Feature | Grade |
        |---|---|
        | Login | A |
        | Search | C |
        """)
    assert doc.categories == []


@pytest.mark.parametrize("heading, label, items", [
    ("## Launch checklist\n\n### ✅ Done", "**Location & GPS**", ["✅ Fix within 10 m", "✅ Background updates"]),
    ("## Checkliste\n\n### ✅ Erledigt", "**Standort & GPS**", ["✅ Genauigkeit 10 m", "✅ Hintergrund-Updates"]),
])
def test_marked_lines_under_a_checklist_heading_are_items_even_where_the_document_has_boxes(heading, label, items):
    body = "\n".join(f"- {i}" for i in items)
    doc = parse(f"""# Review

{heading}

{label}
{body}

**Second group**
- ✅ One more

## Open work
- [ ] Remaining box
""")
    group = label.strip("*")
    assert [(i.category, i.done) for i in doc.checklist if i.category == group] == [(group, True)] * len(items)


@pytest.mark.parametrize("title, name", [("CRITICAL (MUST DO BEFORE LAUNCH)", "CRITICAL"),
                                         ("KRITISCH (VOR DEM START ERLEDIGEN)", "KRITISCH"),
                                         ("Must Have (Blocking)", "Must Have (Blocking)"),
                                         ("Tier 1 - Foundation (Day 1)", "Tier 1 - Foundation (Day 1)")])
def test_a_shouted_aside_leaves_a_checklist_group_name(title, name):
    from readiness.importers.markdown.recognizers.checklist import group_name

    assert group_name(title)[0] == name


def test_a_label_is_looked_up_by_its_first_character_with_the_same_answer_as_every_field_asked_in_order():
    """field_of asks only the fields with a word opening with the label's first character; the answer must be
    the one asking every field in order gives, on labels made of every field word (alone, followed by more
    words, cut short, in capitals) and on labels in CJK."""
    import random

    from readiness.importers.markdown import vocabulary

    def every_field(label: str) -> str | None:
        text = " ".join(label.casefold().replace("*", " ").replace("_", " ").split()).strip(" :：-–—")
        if not text or len(text) > 40 or len(text.split()) > 5:
            return None
        spaceless = vocabulary._SPACELESS.search(text) is not None
        for name, words, anywhere in vocabulary._FIELD_TESTS:
            if text.startswith(words) or spaceless and any(word in text for word in anywhere):
                return name
        return None

    words = [word for _name, field_words, _anywhere in vocabulary._FIELD_TESTS for word in field_words]
    rnd = random.Random(3)
    labels = [f"{word}" for word in words] + [f"**{word.upper()}** level" for word in words] + \
        [word[:-1] for word in words] + [f"{rnd.choice(words)} {rnd.choice(words)}" for _ in range(2000)] + \
        ["风险等级", "项目 风险", "負責者", "Owner", "", "x"]
    assert len(labels) > 2500
    assert [field_of(label) for label in labels] == [every_field(label) for label in labels]


def test_a_text_is_tokenized_as_by_every_rule_when_rules_that_cannot_match_are_left_out():
    """tokenize leaves out the block rules that cannot match in the text (a table without "|", a fence without
    three backticks or tildes, ...): the tokens must be those of the parser with every rule, on documents made
    of each construct and its near misses, inside quotes and lists too."""
    import random

    from readiness.importers.markdown import tree

    lines = ["# Heading", "Some text", "===", "---", "  ---", "> ---", "- item", "* item", "1. item", "  - nested",
             "    code", "\tcode", "-\tcode", ">     code", "```", "~~~", "``", "> quote", ">tight quote",
             ">> deeper", "| a | b |", "|---|---|", "a | b", "--|--", "[ref]: /url", "[tight]:/url", "[ref] : /url",
             "[multi", "line]: /u", "<div>", "</div>", "<!-- note -->", "***", "___", "text with ] : and <b>", "",
             "", "- [ ] task", "  ===", "- ```"]
    rnd = random.Random(23)
    texts = ["\n".join(rnd.choice(lines) for _ in range(rnd.randint(1, 10))) for _ in range(6000)]
    idle_in = dict.fromkeys((name for name, _ in tree._RULES_NEED), 0)
    for text in texts:
        for name, may_match in tree._RULES_NEED:
            idle_in[name] += not may_match(text)
        assert [t.as_dict() for t in tree.tokenize(text)] == [t.as_dict() for t in tree._PARSER.parse(text)], text
    # Every rule was left out of some texts and kept for others.
    assert all(0 < count < len(texts) for count in idle_in.values()), idle_in
