"""Metadata in other shapes: labelled dates in many languages (dateparser), projects without versions or
descriptions, a labelled full date refining the title's month."""

from __future__ import annotations

import pytest

from readiness.importers.markdown import MarkdownImporter
from readiness.importers.markdown.numbers import parse_labelled_date
from readiness.importers.markdown.recognizers.metadata import _project_from_title


def _doc(text: str):
    return MarkdownImporter().parse(text, filename="meta.md").document


@pytest.mark.parametrize("text, expected", [
    ("8 janvier 2026", "2026-01-08"),
    ("3 марта 2026 г.", "2026-03-03"),
    ("15. März 2026", "2026-03-15"),
    ("8 de janeiro de 2026", "2026-01-08"),
    ("janvier 2026", "2026-01"),
    ("2026-01-30 09:32 UTC", "2026-01-30"),
    ("November 22, 2025", "2025-11-22"),
    # no year stated: no date (dateparser would fill in this year)
    ("8 janvier", None),
    ("demain", None),
    ("v1.2 build 45", None),
    ("", None),
])
def test_labelled_dates(text, expected):
    assert parse_labelled_date(text) == expected


@pytest.mark.parametrize("line, expected", [
    ("Generated: 2026-02-19 09:32 UTC", "2026-02-19"),
    ("**Created:** November 22, 2025", "2025-11-22"),
    ("**Date :** 8 janvier 2026", "2026-01-08"),
    ("Erstellt: 15. März 2026", "2026-03-15"),
    ("**审计日期**: 2026年1月20日", "2026-01-20"),
    ("Создано: 3 марта 2026 г.", "2026-03-03"),
])
def test_date_labels_in_several_languages(line, expected):
    assert _doc(f"# Shearwater Relay Readiness\n\n{line}\n\n- [ ] one step\n").date == expected


def test_a_labelled_full_date_refines_the_titles_month():
    text = "# Shearwater Relay Readiness - May 2026\n\n- [ ] one step\n\n## Sign-off\n\nDate: May 4, 2026\n"
    assert _doc(text).date == "2026-05-04"
    other = "# Shearwater Relay Readiness - May 2026\n\n- [ ] one step\n\n## Sign-off\n\nDate: June 4, 2026\n"
    assert _doc(other).date == "2026-05"  # a different month does not refine it


@pytest.mark.parametrize("title, expected", [
    ("Readiness Assessment – SKUA V3.0.1", "SKUA"),
    ("SKUA RELAY v2 — PRODUCTION READINESS SCORE", "SKUA RELAY"),
    ("Go-Live-Checkliste: Kundenportal mit DSGVO-Compliance", "Kundenportal mit DSGVO-Compliance"),
    ("Go-live checklist (Skua2)", "Skua2"),
])
def test_project_from_title_without_version(title, expected):
    assert _project_from_title(title) == expected


@pytest.mark.parametrize("line, expected", [
    ("**Project:** Skua Relay — agentic search platform", "Skua Relay"),
    ("**Проект:** Буревестник – платформа поиска", "Буревестник"),
    ("**Project:** Skua Relay v4.1", "Skua Relay"),
])
def test_project_line_without_description(line, expected):
    assert _doc(f"# Executive Summary\n\n{line}\n\n- [ ] one step\n").project == expected


@pytest.mark.parametrize("line, expected", [
    ("**Estimated Fix Time**: 2-3 hours", (2, 3, "hours")),
    ("**Geschätzte Behebungszeit**: 4 Stunden", (4, 4, "hours")),
    ("**Время на исправление**: 2 дня", (2, 2, "days")),
])
def test_fix_time_where_the_verdict_stands_is_time_to_ready(line, expected):
    ttr = _doc(f"# Skua Relay Readiness\n\n{line}\n\n- [ ] one step\n").time_to_ready
    assert (ttr.min, ttr.max, ttr.unit) == expected


def test_fix_time_inside_a_finding_section_is_not_time_to_ready():
    text = "# Skua Relay Readiness\n\n## Findings\n\n### Stale cache\n\n**Fix time**: 2 hours\n\n- [ ] one step\n"
    assert _doc(text).time_to_ready is None


def test_a_launch_some_weeks_away_is_time_to_ready():
    text = ("# Skua Relay Readiness\n\n## Outlook\n\n- Internal pilot (2-3 weeks away)\n"
            "- Production launch (6-8 weeks away)\n\n- [ ] one step\n")
    ttr = _doc(text).time_to_ready
    assert (ttr.min, ttr.max, ttr.unit) == (6, 8, "weeks")


@pytest.mark.parametrize("heading, line, expected", [
    ("Conclusion", "**Ready for launch once the load test passes**", "Ready for launch once the load test passes"),
    ("7. Fazit", "✅ **Bereit für den Pilotbetrieb**", "Bereit für den Pilotbetrieb"),
    ("Заключение", "**Система готова к запуску**", "Система готова к запуску"),
    ("۸. نتیجه‌گیری", "✅ **سامانه برای انتشار آماده است**", "سامانه برای انتشار آماده است"),
    # a line that leads into a list is no verdict
    ("Conclusion", "**Good work, but fix these first:**", None),
    # a conclusion that opens with prose states no verdict in its first line, bold words or links in it or not
    ("Conclusion", "We looked at the queue and the billing paths over two weeks and found them sound.", None),
    ("Conclusion", "We recommend **Kubernetes** for the migration.", None),
    ("Fazit", "Siehe den [Maßnahmenplan](plan.md) für die nächsten Schritte.", None),
    ("Conclusion", "Most work is done; `retry` logic remains.", None),
])
def test_a_conclusion_states_the_verdict_in_its_short_bold_first_line(heading, line, expected):
    text = f"# Shearwater Relay Review\n\n- [ ] one step\n\n## {heading}\n\n{line}\n\n- [ ] rotate keys\n"
    assert _doc(text).status == expected


@pytest.mark.parametrize("history, expected", [
    ("## Changelog\n\n- 2025-03-02: first draft\n- 2025-04-11: risks added\n", "2025-04-11"),
    ("## Änderungshistorie\n\n| Version | Datum | Änderung |\n|---|---|---|\n| 1.0 | 02.03.2025 | Entwurf |\n"
     "| 1.1 | 11.04.2025 | Risiken ergänzt |\n", "2025-04-11"),
    ("## 更新记录\n\n- **2025-03-02：** 初版\n- **2025-04-11：** 补充风险\n", "2025-04-11"),
    ("## История изменений\n\n### 2 марта 2025\n\n- черновик\n", "2025-03-02"),
])
def test_a_revision_history_dates_the_document_when_no_line_does(history, expected):
    text = f"# Shearwater Relay Review\n\n- [ ] one step\n\n{history}"
    assert _doc(text).date == expected


@pytest.mark.parametrize("section", [
    "## Data Exchange Logic\n\n- Partner API v1 sunset on 2027-01-31\n",  # "change log" inside other words
    "## Required Revisions\n\n- Fix backups by 2026-03-01\n",  # revisions asked for, not made
    "## Datenaustausch-Logik\n\n| Schnittstelle | Abschaltung |\n|---|---|\n| v1 | 31.01.2027 |\n",
])
def test_only_a_heading_that_is_a_revision_history_dates_the_document(section):
    assert _doc(f"# Shearwater Relay Review\n\n- [ ] one step\n\n{section}").date is None


def test_a_revision_entry_is_dated_by_its_lead_not_by_a_deadline_in_it():
    history = "## Changelog\n\n- 2025-04-11: cut-over planned for 2026-09-01\n- 2025-03-02: first draft\n"
    assert _doc(f"# Shearwater Relay Review\n\n- [ ] one step\n\n{history}").date == "2025-04-11"


def test_a_heading_colon_written_as_an_entity_still_makes_a_label():
    assert _doc("# Shearwater Relay Review\n\n## Date&#58; 10 October 2025\n\n- [ ] one step\n").date == "2025-10-10"


def test_a_stated_date_wins_over_the_revision_history_wherever_each_stands():
    history = "## Changelog\n\n- 2025-04-11: risks added\n\n"
    assert _doc(f"# Shearwater Relay Review\n\n{history}## Sign-off\n\nDate: 2025-01-05\n\n- [ ] one step\n"
                ).date == "2025-01-05"
    assert _doc("# Shearwater Relay Review\n\nDate: 2025-01-05\n\n- [ ] one step\n\n" + history).date == "2025-01-05"
    # Dates in other sections (a plan, a finding) never date the document.
    assert _doc("# Shearwater Relay Review\n\n## Plan\n\n- [ ] migrate by 2025-06-01\n").date is None
