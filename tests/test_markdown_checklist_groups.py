"""Checklist groups named as a reader names them: section numbers, qualifiers and bold labels."""

from __future__ import annotations

from collections import Counter

import pytest

from readiness.importers import parse_bytes
from readiness.importers.markdown import MarkdownImporter
from readiness.importers.markdown.recognizers.checklist import group_name


def _groups(text: str) -> Counter:
    doc = MarkdownImporter().parse(text, filename="groups.md").document
    return Counter((item.category, item.done) for item in doc.checklist)


@pytest.mark.parametrize("title, expected", [
    # section numbers are not part of the name, in any language
    ("1.1 Message Broker", ("Message Broker", None)),
    ("4.2. Datensicherung", ("Datensicherung", None)),
    ("12.3 Журналирование", ("Журналирование", None)),
    # a trailing score, priority, level or countdown qualifies the group without naming it
    ("Storage (12/12)", ("Storage", None)),
    ("Queues (Priority: HIGH)", ("Queues", None)),
    ("Warteschlangen (Priorität: hoch)", ("Warteschlangen", None)),
    ("Очереди (Приоритет: высокий)", ("Очереди", None)),
    ("Alerting (Critical!)", ("Alerting", None)),
    ("Cutover (T-12 hours)", ("Cutover", None)),
    ("Cutover (T+0)", ("Cutover", None)),
    ("2.1 Tracing (30% Complete)", ("Tracing", 30.0)),
    # any other bracket is part of the name
    ("Tier 2 - Paging (Week 1)", ("Tier 2 - Paging (Week 1)", None)),
    ("Откат (стенд)", ("Откат (стенд)", None)),
    # a group that is itself a priority keeps its bracket
    ("Must Have (Blocking):", ("Must Have (Blocking)", None)),
    ("Обязательные (критично)", ("Обязательные (критично)", None)),
    # a year or version number at the start is a name, not a section number
    ("2026 Budget Review", ("2026 Budget Review", None)),
])
def test_group_name_drops_numbers_and_qualifiers(title, expected):
    assert group_name(title) == expected


def test_bold_labels_above_boxes_name_their_groups():
    text = (
        "# Kestrel Gateway\n\n## Launch Checklist\n\n**Smoke Tests:**\n- [ ] login works\n- [x] search works\n\n"
        "**Rollback Drill**\n- [ ] restore last snapshot\n\n"
        "## Abnahme\n\nVor dem Start zu prüfen:\n\n**Datenschutz:**\n- [x] Löschkonzept\n- [x] Auskunft\n"
    )
    assert _groups(text) == Counter({
        ("Smoke Tests", False): 1, ("Smoke Tests", True): 1, ("Rollback Drill", False): 1,
        ("Datenschutz", True): 2,
    })


def test_a_label_that_only_says_to_do_leaves_the_heading_as_the_group():
    text = (
        "# Kestrel Gateway\n\n### 2. Queue Workers\n\n**Need to Add:**\n- [ ] dead-letter queue\n- [ ] retries\n\n"
        "### 3. Warteschlangen\n\n**Noch offen:**\n- [ ] Dead-Letter-Queue\n"
    )
    assert _groups(text) == Counter({("Queue Workers", False): 2, ("Warteschlangen", False): 1})


def test_numbered_subsections_group_their_boxes_without_numbers():
    text = "# Ops\n\n## 1. Betrieb\n\n### 1.1 Monitoring\n- [ ] Dashboards\n- [x] Alarme\n\n### 1.2 Backups\n- [ ] Restore\n"
    assert _groups(text) == Counter({("Monitoring", False): 1, ("Monitoring", True): 1, ("Backups", False): 1})


def test_a_checklist_written_without_boxes_lists_open_steps():
    text = (
        "# Go-live checklist (Skua)\n\nShort list before release.\n\n## 1. Сборка (до релиза)\n\n"
        "| Шаг | Команда |\n|---|---|\n| Линтер | `make lint` |\n| Тесты | `make test` |\n\n"
        "## 2. Rollout\n\n| Step | Action |\n|---|---|\n| Canary | deploy 5% |\n\n## 3. Team\n\n"
        "- Who is on call\n- Where the runbook is\n\n## 4. Notes\n\n| Area | Status |\n|---|---|\n| DB | ok |\n"
    )
    assert _groups(text) == Counter({
        ("Сборка (до релиза)", False): 2, ("Rollout", False): 1, ("Team", False): 2})


def test_plain_bullets_are_no_checklist_where_the_checklist_has_boxes():
    text = ("# Release checklist\n\n## Build\n\n- [x] lint\n- [ ] tests\n\n## Notes\n\n- the build is slow\n"
            "- caching helps\n")
    assert _groups(text) == Counter({("Build", True): 1, ("Build", False): 1})


def test_bullets_outside_a_checklist_are_not_steps():
    text = "# Skua Readiness Report\n\n## Überblick\n\n- schnell\n- stabil\n\n## Build\n\n- [ ] lint\n"
    assert _groups(text) == Counter({("Build", False): 1})


def test_a_checklist_written_without_boxes_is_open_steps_while_another_with_boxes_reads_as_ticked():
    text = (
        "# Kestrel Gateway\n\n## Launch checklist\n\n### Smoke tests\n\n- log in\n- search a route\n\n"
        "### Rollback\n\n- restore the last snapshot\n\n"
        "## Betriebs-Checkliste\n\n### Überwachung\n\n- [x] Alarme eingerichtet\n- [ ] Bereitschaft geplant\n"
    )
    items = [(i.category, i.text, i.done) for i in parse_bytes(text.encode(), filename="k.md").document.checklist]
    assert items == [("Smoke tests", "log in", False), ("Smoke tests", "search a route", False),
                     ("Rollback", "restore the last snapshot", False),
                     ("Überwachung", "Alarme eingerichtet", True), ("Überwachung", "Bereitschaft geplant", False)]
