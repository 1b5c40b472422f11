"""Table-driven tests of the small-string parsers the markdown recognizers use."""

from __future__ import annotations

import re

import pytest

from readiness.importers.markdown import MarkdownImporter
from readiness.importers.markdown.numbers import (
    leading_mark, parse_date, parse_day_range, parse_done, parse_duration, parse_level, parse_money, parse_percent,
    parse_probability, parse_score, parse_traffic_light, to_float,
)
from readiness.importers.markdown.recognizers.checklist import group_name
from readiness.importers.markdown.recognizers.findings import finding_title
from readiness.importers.markdown.recognizers.metadata import _latex_plain, _project_from_title
from readiness.importers.markdown.text import clean_name, lead_title, looks_like_markdown, plain, repair_text


@pytest.mark.parametrize("text, expected", [
    # fractions on any scale
    ("3/10", (3, 10)),
    ("40/100", (40, 100)),
    ("4.75/10", (4.75, 10)),
    ("13.5/50", (13.5, 50)),
    ("3/5", (3, 5)),
    ("**7 / 10** (good)", (7, 10)),
    # percentages and bare numbers (10-point scale up to 10, else 100)
    ("85%", (85, 100)),
    ("7.5", (7.5, 10)),
    ("62", (62, 100)),
    # letter grades: the number wins; alone, a documented percent
    ("B+ (85/100)", (85, 100)),
    ("A-", None),  # a letter grade alone is kept as text (parse_grade), never turned into a number
    ("C", None),
    # not scores
    ("", None),
    ("n/a", None),
    ("12/7", None),
    ("the rollout went fine", None),
])
def test_parse_score(text, expected):
    assert parse_score(text) == (None if expected is None else (float(expected[0]), float(expected[1])))


def test_parse_score_takes_the_given_scale_for_bare_numbers():
    assert parse_score("2.5", scale=5) == (2.5, 5.0)


@pytest.mark.parametrize("text, expected", [
    # ranges with hyphens, en dashes and "to"
    ("3-5 days", (3, 5, "days")),
    ("2–3 weeks", (2, 3, "weeks")),
    ("1 to 2 months", (1, 2, "months")),
    # single values, approximations, abbreviations
    ("~8.5 hours", (8.5, 8.5, "hours")),
    ("(2 hours)", (2, 2, "hours")),
    ("4h", (4, 4, "hours")),
    ("about 10 business days", (10, 10, "days")),
    # minutes become hours
    ("30 minutes", (0.5, 0.5, "hours")),
    ("90 min", (1.5, 1.5, "hours")),
    # other languages
    ("3 Tage", (3, 3, "days")),
    ("2 недели", (2, 2, "weeks")),
    # not durations
    ("", None),
    ("version 3.2", None),
    ("5-3 days", None),
])
def test_parse_duration(text, expected):
    duration = parse_duration(text)
    if expected is None:
        assert duration is None
    else:
        assert (duration.min, duration.max, duration.unit) == expected


@pytest.mark.parametrize("text, expected", [
    # a task's day range inside its phase
    ("Day 1-2: Unit tests", (1, 2, "Unit tests")),
    ("Day 5", (5, 5, "")),
    ("Days 3–4 - load testing", (3, 4, "load testing")),
    ("Daily standup", None),
    ("Day 4-2: backwards", None),
])
def test_parse_day_range(text, expected):
    assert parse_day_range(text) == expected


@pytest.mark.parametrize("text, expected", [
    # a multiplier written once applies to both ends
    ("$15-30K", (15000, 30000, "USD", "once")),
    ("$15.9-31.2K", (15900, 31200, "USD", "once")),
    # recurring costs
    ("$824-1,080/month", (824, 1080, "USD", "monthly")),
    ("$26-100/month", (26, 100, "USD", "monthly")),
    ("$1.2M/year", (1_200_000, 1_200_000, "USD", "yearly")),
    ("€40 per month", (40, 40, "EUR", "monthly")),
    # other currencies
    ("€2.5k", (2500, 2500, "EUR", "once")),
    ("£300", (300, 300, "GBP", "once")),
    ("RM 450", (450, 450, "MYR", "once")),
    ("€15K–€250K", (15000, 250000, "EUR", "once")),
    # not money
    ("15 days", None),
    ("", None),
])
def test_parse_money(text, expected):
    money = parse_money(text)
    if expected is None:
        assert money is None
    else:
        assert (money.min, money.max, money.currency, money.recurrence) == expected


@pytest.mark.parametrize("text, expected", [
    # full dates in the usual spellings
    ("10 October 2025", "2025-10-10"),
    ("October 10, 2025", "2025-10-10"),
    ("2025-10-10", "2025-10-10"),
    ("Updated: 3rd March 2024", "2024-03-03"),
    ("07.11.2025", "2025-11-07"),
    # partial dates keep their precision
    ("2025-01-XX", "2025-01"),
    ("May 2026", "2026-05"),
    # CJK year/month/day
    ("2026年3月9日", "2026-03-09"),
    ("2024年11月", "2024-11"),
    # not dates
    ("2025-13-40", None),
    ("next sprint", None),
    ("", None),
])
def test_parse_date(text, expected):
    assert parse_date(text) == expected


@pytest.mark.parametrize("text, expected", [
    # percentages
    ("90%", 0.9),
    ("100%", 1.0),
    # words, longest match first
    ("Low", 0.2),
    ("Medium", 0.5),
    ("High", 0.8),
    ("Very High", 0.9),
    ("Unlikely", 0.2),
    ("hoch", 0.8),
    ("Середня", 0.5),
    ("Низька", 0.2),
    ("Faible", 0.2),
    # decimals already on 0..1
    ("0.3", 0.3),
    ("", None),
    ("unknown", None),
])
def test_parse_probability(text, expected):
    assert parse_probability(text) == expected


@pytest.mark.parametrize("text, expected", [
    # words win over emoji
    ("🔴 CRITICAL", "critical"),
    ("🟡 HIGH PRIORITY", "high"),
    ("⚠️ High Priority Issues", "high"),
    ("Critical Blockers", "critical"),
    ("Medium Priority Issues", "medium"),
    ("P0 - session leak", "critical"),
    ("P1: slow search", "high"),
    # emoji alone
    ("🔴", "critical"),
    ("🟢 fine", "low"),
    # other languages (German, Russian, Ukrainian, Chinese, Portuguese, Spanish, French)
    ("Kritisch", "critical"),
    ("Высокий", "high"),
    ("Високий", "high"),
    ("Середній", "medium"),
    ("Низький", "low"),
    ("严重", "critical"),
    ("中", "medium"),
    ("Médio", "medium"),
    ("Baja", "low"),
    ("Critique", "critical"),
    ("Élevé", "high"),
    # Korean and Persian, the same words a risk table's level column is read with
    ("위험도: 치명", "critical"),
    ("높음", "high"),
    ("보통", "medium"),
    ("سطح: بحرانی", "critical"),
    ("متوسط", "medium"),
    ("پایین", "low"),
    # nothing
    ("Strengths", None),
    ("Highlights", None),
])
def test_parse_level(text, expected):
    assert parse_level(text) == expected


def test_a_level_word_of_the_vocabulary_reads_the_same_in_a_heading_as_alone():
    # One table of level words: a heading's severity and a table cell's level never disagree.
    from readiness.importers.markdown.vocabulary import LEVEL_WORDS, level_word

    for level, words in LEVEL_WORDS.items():
        for word in words:
            assert level_word(word) == level, word
            assert parse_level(word) == level, word


@pytest.mark.parametrize("text, expected", [
    ("25%", 25.0),
    ("10", 10.0),
    ("heavy", None),
])
def test_parse_percent(text, expected):
    assert parse_percent(text) == expected


@pytest.mark.parametrize("text, expected", [
    ("1,080", 1080.0),
    ("4,75", 4.75),
    ("12.5", 12.5),
    ("x", None),
])
def test_to_float(text, expected):
    assert to_float(text) == expected


@pytest.mark.parametrize("text, expected", [
    # titles name the project after the genre words
    ("Production Readiness Assessment - Quill Relay", "Quill Relay"),
    ("Tern Scheduler Production Readiness Review - June 2025", "Tern Scheduler"),
    ("Production Readiness Check", None),
    ("Go-Live Checklist", None),
    # a list of platforms is the scope of the audit, not the system
    ("Full App Audit - Web, Mobile, Backend", None),
    ("Kelp Tracker - Web & Mobile Review", "Kelp Tracker"),
])
def test_project_from_title(text, expected):
    assert _project_from_title(text) == expected


@pytest.mark.parametrize("text, expected", [
    # checklist headings: the group and its claimed completion
    ("Observability ⚠️ (40% Complete)", ("Observability", 40.0)),
    ("**Billing** (100% complete)", ("Billing", 100.0)),
    ("Storage", ("Storage", None)),
    ("Queues (3 of 5)", ("Queues (3 of 5)", None)),
])
def test_group_name(text, expected):
    assert group_name(text) == expected


@pytest.mark.parametrize("text, expected", [
    # numbering, issue tags and trailing severity go
    ("1. **Ledger drift** 🔴 CRITICAL", "Ledger drift"),
    ("Issue #4: Stale cache ⚠️ HIGH PRIORITY", "Stale cache"),
    ("2. ❌ **No backups** (Blocker #2)", "No backups"),
    ("Weak passwords - SEVERITY: MEDIUM", "Weak passwords"),
    # a level after a spaced dash, in any language; a level that starts the title or is the title stays
    ("Sicherungen fehlen - Hoch", "Sicherungen fehlen"),
    ("Журнал аудита неполный — Низкий", "Журнал аудита неполный"),
    ("Low - hanging fruit first", "Low - hanging fruit first"),
    ("Rate limits - per tenant", "Rate limits - per tenant"),
    ("Сеть — Критический", "Сеть"),
    # a tail that only starts with or holds a level word is part of the title
    ("Database - High availability", "Database - High availability"),
    ("Redis - Major version upgrade", "Redis - Major version upgrade"),
    ("备份 - 高可用", "备份 - 高可用"),
    ("Сеть - высокоскоростной", "Сеть - высокоскоростной"),
])
def test_finding_title(text, expected):
    assert finding_title(text) == expected


@pytest.mark.parametrize("text", [
    # Persian: a problems section whose findings carry their level after a dash
    "# گزارش آمادگی سامانه کویر\n\n## مشکلات\n\n### نبود پشتیبان‌گیری - بحرانی\n\nهر شب پشتیبانی نیست.\n\n"
    "### ثبت رویدادها ناقص - پایین\n\nبرخی خطاها ثبت نمی‌شوند.\n",
    # German, the same document
    "# Bereitschaftsbericht Kavir\n\n## Probleme\n\n### Keine Sicherungen - Kritisch\n\nJede Nacht fehlt eine.\n\n"
    "### Protokolle lückenhaft - Niedrig\n\nManche Fehler fehlen.\n",
])
def test_a_findings_level_after_a_dash_is_its_severity_not_part_of_its_title(text):
    doc = MarkdownImporter().parse(text, filename="kavir.md").document
    assert [f.severity for f in doc.findings] == ["critical", "low"]
    assert not any(" - " in f.title for f in doc.findings)


@pytest.mark.parametrize("text, expected", [
    ("**Rotate keys** (2 hours)", ("Rotate keys", "(2 hours)")),
    ("**Hosting**: $40/month", ("Hosting", "$40/month")),
    ("Backups - nightly snapshot", ("Backups", "nightly snapshot")),
    ("plain words", ("plain words", "")),
])
def test_lead_title(text, expected):
    assert lead_title(text) == expected


@pytest.mark.parametrize("text, expected", [
    ("**Security** 🔴", "Security"),
    ("[docs](http://x) and `code`", "docs and code"),
    ("a &lt; b", "a < b"),
    ("Sicherheit\u00a0\u2003 prüfen\t", "Sicherheit prüfen"),  # every Unicode space folds to one
    ("<b>Готово</b> ~~old~~ __new__", "Готово old new"),
    ("#1. Latency", "#1. Latency"),
])
def test_plain(text, expected):
    assert plain(text) == expected


@pytest.mark.parametrize("text", ["#\nЗаголовок текст", "1.\n项目说明", "- \n  first item"])
def test_a_mark_alone_on_its_line_still_makes_markdown(text):
    assert looks_like_markdown(text)


def test_clean_name_drops_numbering_and_unbalanced_brackets():
    assert clean_name("3. **Search (beta**") == "Search"
    assert clean_name("Caching (Redis)") == "Caching (Redis)"
    assert clean_name("#2: Audit-Log") == "Audit-Log"
    assert clean_name("№3 Резервные копии") == "Резервные копии"
    assert clean_name("№ 4. Журнал аудиту") == "Журнал аудиту"
    assert plain("Задача № 5 закрыта") == "Задача № 5 закрыта"  # the numero sign is kept as a word
    assert clean_name("2025 roadmap") == "2025 roadmap"


def test_repair_text_undoes_mac_roman_emoji():
    broken = "⚠️ Status 🔴".encode("utf-8").decode("mac_roman")
    assert repair_text(broken) == "⚠️ Status 🔴"


def test_repair_text_leaves_clean_text_alone():
    text = "Größe: 5 € — naïve café"
    assert repair_text(text) == text


def _mac_roman(text: str) -> str:
    """A UTF-8 text as a program reading it as Mac Roman shows it."""
    return text.encode("utf-8").decode("mac_roman")


def test_a_short_broken_line_is_repaired_with_the_others_as_its_context():
    # Alone, ftfy does not find "‚ùå Missing" broken enough to repair: the other lines tell it the code page.
    import ftfy

    short = _mac_roman("❌ Missing")
    assert ftfy.fix_encoding(short) == short
    broken = _mac_roman("# Kestrel Queue\n\n**Status**: ⚠️ NOT READY\n\n") + short + "\n"
    assert repair_text(broken) == "# Kestrel Queue\n\n**Status**: ⚠️ NOT READY\n\n❌ Missing\n"


@pytest.mark.parametrize("clean", ["Größe der Änderung: klein", "生产就绪评估", "Готовность: частичная"])
def test_clean_letters_on_other_lines_do_not_stop_a_repair(clean):
    # Letters Mac Roman lacks (or that are not UTF-8 once in it) stand on their own lines, untouched.
    broken = f"# {clean}\n\n" + _mac_roman("**Status**: ⚠️ NOT READY\n| Alerting | 2/10 | 🔴 |") + "\n"
    assert repair_text(broken) == f"# {clean}\n\n**Status**: ⚠️ NOT READY\n| Alerting | 2/10 | 🔴 |\n"


@pytest.mark.parametrize("text, expected", [
    # the currency written after the amount
    ("2,500 RM", (2500, 2500, "MYR", "once")),
    ("100 € pro Monat", (100, 100, "EUR", "monthly")),
])
def test_parse_money_with_trailing_currency(text, expected):
    money = parse_money(text)
    assert (money.min, money.max, money.currency, money.recurrence) == expected


@pytest.mark.parametrize("text, expected", [
    # a status light standing in for a score (documented: green 100, amber 50, red 0)
    ("🟢", (100.0, 100.0)),
    ("🟡 Partial", (50.0, 100.0)),
    ("❌", (0.0, 100.0)),
    ("n/a", None),
])
def test_parse_traffic_light(text, expected):
    assert parse_traffic_light(text) == expected


@pytest.mark.parametrize("text, weak, expected", [
    # ❌ and ⚠️ only count when asked for, and never over words
    ("❌ Problems", False, None),
    ("❌ Problems", True, "high"),
    ("⚠️ Concerns", True, "medium"),
    ("⚠️ High Priority Issues", True, "high"),
])
def test_parse_level_weak_marks(text, weak, expected):
    assert parse_level(text, weak=weak) == expected


@pytest.mark.parametrize("filename, text, expected", [
    # markdown endings are always read; other formats never; unknown endings are sniffed
    ("report.md", "anything", True),
    ("REPORT.MARKDOWN", "anything", True),
    ("notes.txt", "anything", True),
    ("data.yaml", "# a heading", False),
    ("export.json", "- item", False),
    ("READINESS", "# Review\n\n- item\n", True),
    ("notes", "Plain prose about the release went fine.", True),
    ("blob.bin", "\x01\x02\x03\x04" * 50, False),
])
def test_importer_accepts(filename, text, expected):
    assert MarkdownImporter().accepts(filename, text) is expected


@pytest.mark.parametrize("text, expected", [
    # done: the document says so
    ("**Pass**", True),
    ("🟢 **Pass (91%)**", True),
    ("✅", True),
    ("✓ JA", True),
    ("Done", True),
    ("Да", True),
    ("通过", True),
    # open: partial counts as not done; negations win over the word after them
    ("**Partial** — half the routes", False),
    ("🔴 Fail (not measured)", False),
    ("❌", False),
    ("✗ NEIN", False),
    ("Not ready", False),
    ("No", False),
    ("🟡 In progress", False),
    ("Teilweise", False),
    # nothing said about readiness
    ("⬜ Deferred (P2)", None),
    ("n/a", None),
    ("see notes", None),
    ("", None),
])
def test_parse_done(text, expected):
    assert parse_done(text) is expected


@pytest.mark.parametrize("text, expected", [
    # only a mark that opens the line counts
    ("✅ Backups restored", True),
    ("**✓** Load test", True),
    ("❌ Runbook missing", False),
    ("⏸️ Replay checks", False),
    ("⚠ Field test pending", False),
    ("Backups ✅", None),
    ("🎯 Target", None),
    ("plain", None),
])
def test_leading_mark(text, expected):
    assert leading_mark(text) is expected


@pytest.mark.parametrize("text, expected", [
    # LaTeX wrappers give up their words, commands and dollars go, "\%" is a percent
    (r"$$\text{Overall Score} = \mathbf{8.1 / 10}$$", "Overall Score = 8.1 / 10"),
    (r"$$\Huge \color{teal}{91.5\%}$$", "91.5%"),
    (r"$$\textbf{Total} = 3 + 4 = 7$$", "Total = 3 + 4 = 7"),
])
def test_latex_plain(text, expected):
    assert _latex_plain(text) == expected


@pytest.mark.parametrize("line, field, expected", [
    # localized date labels
    ("**Дата створення**: 2026-01-20", "date", "2026-01-20"),
    ("**Дата создания:** 2026-01-21", "date", "2026-01-21"),
    ("**报告日期**: 2026年1月22日", "date", "2026-01-22"),
    ("**Erstellungsdatum:** 23.01.2026", "date", "2026-01-23"),
    # localized status labels (at the top of the document)
    ("**状态**: 可以上线", "status", "可以上线"),
    ("**Статус готовності**: ГОТОВО", "status", "ГОТОВО"),
])
def test_localized_labels(line, field, expected):
    doc = MarkdownImporter().parse(f"# Kittiwake Relay\n\n{line}\n\n- [ ] one step\n", filename="k.md").document
    assert getattr(doc, field) == expected


def test_risk_levels_keep_the_mitigation_after_an_arrow():
    text = "# Auk Relay\n\n## Risiken\n\n**Hoch:**\n- Queue overflow → Lösung: back-pressure\n- Disk wear\n"
    risks = MarkdownImporter().parse(text, filename="auk.md").document.risks
    assert [(r.title, r.impact, r.probability, r.mitigation) for r in risks] == [
        ("Queue overflow", "high", None, "back-pressure"), ("Disk wear", "high", None, None)]


@pytest.mark.parametrize("text, expected", [
    # a Chinese completion estimate in an overview (概述) is the overall score
    ("# 海燕平台 上线准备\n\n## 项目概述\n\n- **完成度评估：** 约80%\n", (80.0, 100.0)),
    # elsewhere, a bare completion label says nothing about the whole document
    ("# 海燕平台 上线准备\n\n## 部署\n\n- **完成度：** 约80%\n- [ ] 配置\n", None),
])
def test_completion_estimate_as_overall(text, expected):
    overall = MarkdownImporter().parse(text, filename="h.md").document.overall
    assert ((overall.score, overall.max) if overall else None) == expected


@pytest.mark.parametrize("label", ["项目名称", "Projektname", "Название проекта", "Nome do projeto"])
def test_localized_project_labels(label):
    text = f"# Readiness Review\n\n- **{label}:** Gull Mesh\n- [ ] one step\n"
    assert MarkdownImporter().parse(text, filename="g.md").document.project == "Gull Mesh"


@pytest.mark.parametrize("line, expected", [
    # a stated improvement: the score it reached is the current one (a mark before the bold label is no label)
    ("✅ **Score Improved**: From 12/50 (alpha) to 31/50 (beta) - **+19**", (31.0, 50.0)),
    ("**Improved Score:** 4.0/10 → 6.5/10", (6.5, 10.0)),
    # a bare trajectory may be a projection: left alone
    ("**Overall Score:** 4.0/10 → 6.5/10", None),
    ("**Score Improved**: a lot", None),
])
def test_improved_score_is_the_overall(line, expected):
    text = f"# Shearwater CRM\n\n## Summary\n\n{line}\n\n- [ ] one step\n"
    overall = MarkdownImporter().parse(text, filename="s.md").document.overall
    assert ((overall.score, overall.max) if overall else None) == expected


@pytest.mark.parametrize("body, expected", [
    # the summary's first sentence says whether it is ready: a fallback status
    ("## Summary\n\nThe relay is not production-ready yet. Two gaps remain.\n", "The relay is not production-ready yet"),
    ("## Executive Result\n\n**Skimmer is 70% production-ready.** Mostly fine.\n", "Skimmer is 70% production-ready"),
    # upper case, and the word split by marks: "ready" is looked for in the plain, lowered text
    ("## Summary\n\nThe relay IS NOT PRODUCTION-READY yet.\n", "The relay IS NOT PRODUCTION-READY yet"),
    ("## Summary\n\nThe relay is not production-**ready** yet.\n", "The relay is not production-ready yet"),
    # a status line wins over the sentence
    ("## Summary\n\nThe relay is not production-ready yet.\n\n**Status:** BLOCKED\n", "BLOCKED"),
    # outside a summary, or not the first sentence: nothing
    ("## Notes\n\nThe relay is not production-ready yet.\n", None),
    ("## Summary\n\nWe looked at it. The relay is production-ready.\n", None),
])
def test_ready_sentence_as_fallback_status(body, expected):
    text = f"# Skimmer Relay\n\n{body}\n- [ ] one step\n"
    assert MarkdownImporter().parse(text, filename="s.md").document.status == expected


def test_only_a_paragraph_saying_ready_in_lowered_text_can_hold_a_ready_sentence():
    """The headings above a paragraph are asked whether it may hold a verdict only where its plain text,
    lowered, says "ready": sound only while IGNORECASE matches each of those letters with no character
    that lowers to another one (as it does "k" with the Kelvin sign)."""
    from readiness.importers.markdown.recognizers.metadata import _READY_SENTENCE

    assert "ready" in _READY_SENTENCE.pattern
    for letter in "ready":
        twins = [chr(code) for code in range(0x10000) if not 0xD800 <= code <= 0xDFFF
                 and re.fullmatch(letter, chr(code), re.IGNORECASE)]
        assert {char.lower() for char in twins} == {letter}, letter


@pytest.mark.parametrize("row, expected", [
    # a question and its answer in a verdict table is the status
    ("| **Ready for production?** | **No** — staging first |", "Ready for production? No"),
    ("| Bereit für den Pilotbetrieb? | Ja, mit Auflagen |", "Bereit für den Pilotbetrieb? Ja, mit Auflagen"),
    ("| Go-live this quarter? | **Yes** |", "Go-live this quarter? Yes"),
    # a question that is not about readiness is just a row
    ("| Who owns the pager? | Ops |", None),
])
def test_question_rows_give_the_status(row, expected):
    text = f"# Albatross Grid\n\n## Verdict\n\n| Question | Answer |\n|---|---|\n{row}\n\n- [ ] one step\n"
    assert MarkdownImporter().parse(text, filename="a.md").document.status == expected


def test_ordinary_accented_letters_are_not_taken_for_mojibake():
    from readiness.importers.markdown.text import has_mojibake

    for clean in ("Größe der Änderung", "não está pronto", "À réviser: échéance", "Готово", "生产就绪"):
        assert not has_mojibake(clean), clean
    # The same words after a UTF-8 file was read as Windows-1252 or Mac Roman.
    for broken in ("GrÃ¶ÃŸe", "nÃ£o estÃ¡", "‚ö†Ô∏è Achtung", "âœ… pronto"):
        assert has_mojibake(broken), broken
        assert repair_text(broken) != broken


def test_a_heading_is_within_what_an_enclosing_heading_says():
    import re

    from readiness.importers.markdown.tree import build_tree, tokenize

    root = build_tree(tokenize("# Lark Mill\n\n## Zusammenfassung\n\n### Details\n\n## Plan\n\n### Woche 1\n"))
    sections = {section.name: section for section in root.walk() if section.level}
    summary = re.compile(r"zusammenfassung|summary", re.I)
    week = re.compile(r"woche|week", re.I)
    assert sections["Details"].within(summary) and not sections["Details"].says(summary)
    assert not sections["Woche 1"].within(summary)
    assert sections["Woche 1"].says(week, start=True) and not sections["Plan"].within(week)
    assert not root.says(summary)  # the document root has no heading


def test_recognizers_left_out_of_a_section_by_its_shape_would_have_read_nothing_there(monkeypatch):
    """A section without blocks is not offered to the recognizers that read only blocks, nor one without
    sub-headings to those that read only sub-headings, nor the document's root to those that read only under a
    heading: on every document at hand (our fixtures and samples,
    and the shared seeds and corpus where they are checked out) the reading is the same as offering each
    section every recognizer."""
    from pathlib import Path

    import readiness.importers.markdown as markdown
    from readiness.importers import parse_bytes
    from readiness.importers.markdown.recognizers import RECOGNIZERS

    root = Path(__file__).resolve().parents[1]
    shared = root.parent / "shared"
    paths = [*(root / "tests" / "fixtures" / "markdown").glob("*.md"), *(root / "data" / "samples").glob("*.md"),
             *(shared / "seeds").glob("*.txt"), *(shared / "corpus").glob("*.md")]

    def reading(path: Path) -> tuple:
        result = parse_bytes(path.read_bytes(), filename=path.name)
        return (result.document.model_dump(mode="json"), [vars(fact) for fact in result.facts],
                [vars(note) for note in result.records])

    gated = {path: reading(path) for path in paths}
    everything = {(headed, blocks, children): list(RECOGNIZERS)
                  for headed in (False, True) for blocks in (False, True) for children in (False, True)}
    monkeypatch.setattr(markdown, "offered", lambda recognizers: everything)
    assert len(paths) >= 20
    differ = [path.name for path in paths if reading(path) != gated[path]]
    assert not differ


def test_the_recognizers_that_read_only_under_a_heading_read_nothing_in_the_documents_root():
    """The root (the lines above the first heading) holding every kind of block, labels and words the headed
    recognizers look for: each of them leaves the context as it found it."""
    import copy

    from readiness.importers.markdown.context import Context
    from readiness.importers.markdown.recognizers import READS_HEADED_ONLY
    from readiness.importers.markdown.tree import build_tree, tokenize

    text = ("**Summary**: Relay has gaps.\n\nRelay is not production-ready. Cost: $200/month.\n\n"
            "- [ ] Add alerting (2 hours)\n- **Critical:** no backups - fix: nightly dumps\n\n"
            "| Action | Effort |\n|---|---|\n| Add alerting | 2 hours |\n\nTotal effort: 3 days\n\n# Title\n")
    root = build_tree(tokenize(text))
    assert root.blocks and not root.level
    for recognizer in READS_HEADED_ONLY:
        ctx = Context(filename="r.md", stem="r", root=root)
        before = copy.deepcopy({name: value for name, value in vars(ctx).items() if name != "root"})
        recognizer(root, ctx)
        assert {name: value for name, value in vars(ctx).items() if name != "root"} == before, recognizer.__name__


def test_inline_marks_are_found_where_the_pattern_with_its_look_behinds_first_finds_them():
    """text._MARKS opens every alternative with its mark, so that the regex engine skips to the marks; it must
    find exactly what the plain writing of the rule finds (a mark not inside a word's letters)."""
    import random
    import re

    from readiness.importers.markdown.text import _MARKS

    rule = re.compile(r"\*\*|__|~~|`|(?<!\w)\*(?=\S)|(?<=\S)\*(?!\w)|(?<!\w)_(?=\S)|(?<=\S)_(?!\w)")
    rnd = random.Random(5)
    texts = ["".join(rnd.choice("*_~` ab1.\n-é") for _ in range(rnd.randint(0, 14))) for _ in range(20000)]
    assert [[m.span() for m in _MARKS.finditer(t)] for t in texts] == [[m.span() for m in rule.finditer(t)]
                                                                       for t in texts]


def test_a_text_plain_leaves_alone_is_found_without_the_full_rule(monkeypatch):
    """plain() returns a text unchanged at once where it holds nothing the full rule would change (no link, tag,
    mark, entity, non-ASCII character, or space other than one " " between words): the same answer as the
    full rule on every text."""
    import random
    import re

    from readiness.importers.markdown import text as module

    rnd = random.Random(11)
    texts = ["".join(rnd.choice("ab .:-*_~`[]()<>&;#\t\n\x1c\u00a0é✅1") for _ in range(rnd.randint(0, 12)))
             for _ in range(20000)]
    texts += ["Kettle Club notes", " lead", "tail ", "two  spaces", "a\u2003b", "a &lt; b", "&amp;"]
    quick = [module.plain.__wrapped__(text) for text in texts]
    monkeypatch.setattr(module, "_NOT_PLAIN", re.compile(""))  # matches everywhere: the full rule always runs
    assert quick == [module.plain.__wrapped__(text) for text in texts]
    assert sum(text == result for text, result in zip(texts, quick)) > 1000  # the quick way was taken


def test_no_character_left_out_of_the_symbol_search_is_a_symbol():
    """strip_symbols looks only at the characters _MAYBE_SYMBOL finds: every other character of the Basic
    Multilingual Plane must be no symbol by _is_symbol's own rule."""
    from readiness.importers.markdown.text import _MAYBE_SYMBOL, _is_symbol

    skipped = [chr(code) for code in range(0x80, 0x10000) if not 0xD800 <= code <= 0xDFFF
               and _MAYBE_SYMBOL.match(chr(code)) is None]
    assert len(skipped) > 30000
    assert not [hex(ord(char)) for char in skipped if _is_symbol.__wrapped__(char)]


def test_symbols_are_stripped_as_one_pass_over_every_character_strips_them():
    """strip_symbols gives what replacing every symbol character at once gives, with few symbols and with many,
    on text in several scripts."""
    import random

    from readiness.importers.markdown.text import _is_symbol, strip_symbols

    def every_character(text: str) -> str:
        return "".join(" " if not char.isascii() and _is_symbol.__wrapped__(char) else char for char in text)

    alphabet = "ab 1:-ÄéжЖ҂№中한あ—“”•…✅❌⚠\ufe0f🔴🟡⭐©°\u200d\U0001f1e9\U0001f1ea"
    rnd = random.Random(13)
    texts = ["".join(rnd.choice(alphabet) for _ in range(rnd.randint(0, 30))) for _ in range(5000)]
    texts.append("".join(chr(code) for code in range(0x2600, 0x2700)))  # a line of more than eight symbols
    assert [strip_symbols(text) for text in texts] == [every_character(text) for text in texts]


def test_a_project_line_is_cut_at_the_same_separator_as_before_the_look_back():
    """metadata._NAME_SEPARATOR tries a run of spaces from its first one only (linear on long runs); the cut must be
    the one the pattern without the look back makes."""
    import random
    import re

    from readiness.importers.markdown.recognizers.metadata import _NAME_SEPARATOR

    rule = re.compile(r"\s+[-–—|]\s+")
    rnd = random.Random(17)
    texts = ["".join(rnd.choice("ab -–|\t\n") for _ in range(rnd.randint(0, 16))) for _ in range(20000)]
    assert [_NAME_SEPARATOR.split(t, maxsplit=1) for t in texts] == [rule.split(t, maxsplit=1) for t in texts]


def test_a_pair_is_taken_for_mojibake_as_trying_every_length_takes_it():
    """_undoes_as_utf8 decodes only as many bytes as the first one says its character takes: the same answer as
    decoding two, three and four characters in turn, on every lead and continuation character of both code
    pages, followed by what may or may not continue them."""
    import random

    from readiness.importers.markdown.text import _MOJIBAKE_CODECS, _undoes_as_utf8

    def every_length(candidate: str) -> bool:
        for codec in _MOJIBAKE_CODECS:
            for length in (2, 3, 4):
                try:
                    if len(candidate[:length].encode(codec).decode("utf-8")) == 1:
                        return True
                except (UnicodeEncodeError, UnicodeDecodeError):
                    continue
        return False

    high = sorted({bytes([b]).decode(codec, errors="ignore")
                   for codec in _MOJIBAKE_CODECS for b in range(0x80, 0x100)} - {""})
    rnd = random.Random(19)
    tails = high + ["a", " ", "中", "🔴"]
    candidates = [lead + cont + "".join(rnd.choice(tails) for _ in range(rnd.randint(0, 2)))
                  for lead in high for cont in high]
    taken = [_undoes_as_utf8(candidate) for candidate in candidates]
    assert taken == [every_length(candidate) for candidate in candidates]
    assert 1000 < sum(taken) < len(candidates)  # both answers are asked for


def test_mojibake_is_found_at_the_first_character_that_undoes_as_utf8():
    """_mojibake_at skips to the leads followed by the continuations they need (one pattern): it must give the
    first position at or after `pos` whose characters undo as UTF-8, as looking at every position in turn
    gives (also where a sequence that is not mojibake hides the lead of one that is)."""
    import random

    from readiness.importers.markdown.text import _mojibake_at, _undoes_as_utf8

    def every_position(text: str, pos: int) -> int:
        return next((at for at in range(pos, len(text)) if _undoes_as_utf8(text[at:at + 4])), -1)

    # Leads and continuations of both code pages ("‚" continues in Windows-1252 and leads in Mac Roman), leads
    # of two, three and four bytes, letters, and mojibake of real characters.
    pieces = list("Ã©‚ö†Ô∏èâœ…ÄäéжΩ√ a\n中ð\u0178\u0153") + ["✅".encode().decode("cp1252"),
                                                        "⚠".encode().decode("mac_roman"),
                                                        "🔴".encode().decode("cp1252")]
    rnd = random.Random(29)
    texts = ["".join(rnd.choice(pieces) for _ in range(rnd.randint(0, 12))) for _ in range(20000)]
    positions = [rnd.randint(0, len(text)) for text in texts]
    found = [_mojibake_at(text, pos) for text, pos in zip(texts, positions)]
    assert found == [every_position(text, pos) for text, pos in zip(texts, positions)]
    assert 1000 < sum(at >= 0 for at in found) < len(texts) - 1000
