"""Plans in other shapes: week-range tasks, untimed tasks under a phase, a phase's priority in its name."""

from __future__ import annotations

import pytest

from readiness.analysis.plan import person_days, stages
from readiness.importers.markdown import MarkdownImporter
from readiness.importers.markdown.numbers import parse_day_range


def _phases(text: str):
    return MarkdownImporter().parse(text, filename="plan.md").document.phases


@pytest.mark.parametrize("text, expected", [
    ("Day 2-3: load tests", (2, 3, "load tests")),
    ("Week 2: load tests", (6, 10, "load tests")),
    ("Неделя 3-4: нагрузочные тесты", (11, 20, "нагрузочные тесты")),
    ("Semaine 1 à 2 : audit", (1, 10, "audit")),
    ("Woche 2 - Lasttests", (6, 10, "Lasttests")),
    # a week word inside a sentence is no range
    ("Week 3 review of the queue", None),
    ("Weekly sync", None),
])
def test_day_and_week_ranges(text, expected):
    assert parse_day_range(text) == expected


def test_week_range_bullets_are_timed_tasks_of_their_phase():
    text = (
        "# Petrel Queue\n\n## Roadmap\n\n### Фаза 1: Безопасность (4 недели)\n\n"
        "- Неделя 1-2: mTLS между сервисами\n- Неделя 3-4: ротация ключей\n\n"
        "### Фаза 2: Надёжность (2 недели)\n\n- Неделя 1-2: реплики базы\n"
    )
    phases = _phases(text)
    assert [len(p.tasks) for p in phases] == [2, 1]
    second = phases[0].tasks[1]
    assert (second.name, second.start_day, second.duration_days, second.timed) == ("ротация ключей", 10, 10, True)
    assert phases[1].tasks[0].start_day == phases[1].start_day


def test_tasks_under_a_label_win_over_other_lists_and_tables():
    text = (
        "# Petrel Queue\n\n## Roadmap\n\n### Sprint 1: Quick wins (Week 1)\n\n**Goal:** less noise\n\n"
        "**Changes:**\n- Drop debug logging\n- Remove dead flags\n\n| Area | Before | After |\n|---|---|---|\n"
        "| Logs | C | B |\n\n### Sprint 2: Härtung (Week 2-3)\n\n**Aufgaben:**\n- Ratenbegrenzung\n- Eingaben prüfen\n"
        "- Fehlerseiten\n\n**Abnahmekriterien:**\n- alle Tests grün\n"
    )
    phases = _phases(text)
    assert [[t.name for t in p.tasks] for p in phases] == [
        ["Drop debug logging", "Remove dead flags"], ["Ratenbegrenzung", "Eingaben prüfen", "Fehlerseiten"]]
    assert all(not t.timed and t.start_day == p.start_day and t.duration_days == p.duration_days
               for p in phases for t in p.tasks)


def test_numbered_items_sub_headings_and_table_rows_are_untimed_tasks():
    text = (
        "# Petrel Queue\n\n## Action Plan\n\n### Phase 1: Foundations (Week 1-2)\n\n**Goal:** green CI\n\n"
        "1. **Test coverage** (40h)\n   - unit tests\n2. **CI pipeline** (16h)\n\n**Exit criteria:**\n- CI green\n\n"
        "### Phase 2: Pilot (Week 3-4)\n\n#### Priority 1: Secrets\n- [ ] vault\n\n#### Priority 2: Logging\n"
        "- [ ] structured logs\n\n### Phase 3: Этап запуска (Week 5)\n\n| # | Задача | Усилия |\n|---|---|---|\n"
        "| 1 | Резервные копии | 4 hours |\n| 2 | Мониторинг | 2 hours |\n"
    )
    phases = _phases(text)
    assert [[t.name for t in p.tasks] for p in phases] == [
        ["Test coverage", "CI pipeline"], ["Priority 1: Secrets", "Priority 2: Logging"],
        ["Резервные копии", "Мониторинг"]]
    assert phases[0].tasks[0].items == ["unit tests"]
    assert phases[1].tasks[0].items == ["vault"]


def test_untimed_tasks_add_no_working_days():
    text = ("# Petrel Queue\n\n## Roadmap\n\n### Phase 1: Base (Week 1-2)\n\n**Tasks:**\n- a\n- b\n- c\n\n"
            "### Phase 2: Pilot (Week 3)\n\n**Задачи:**\n- d\n")
    doc = MarkdownImporter().parse(text, filename="plan.md").document
    assert person_days(stages(doc)) == (15.0, 15.0)  # the phases' 10 + 5 days, not 3 x 10 + 10 + 5


@pytest.mark.parametrize("heading, name, priority", [
    ("Phase 1: CRITICAL -- Fix today (1 day)", "Fix today", "critical"),
    ("Phase 2: Caching (High)", "Caching", "high"),
    ("Phase 3: Hoch – Zwischenspeicher (2 days)", "Zwischenspeicher", "high"),
    ("Phase 4: Низкий приоритет: Документация (1 day)", "Документация", "low"),
    # a level word that is part of a name is not a priority
    ("Phase 5: High Availability (2 days)", "High Availability", None),
])
def test_a_phase_name_states_its_priority(heading, name, priority):
    text = f"# Petrel Queue\n\n## Plan\n\n### Phase 0: Setup (1 day)\n\n### {heading}\n"
    phase = _phases(text)[1]
    assert (phase.name, phase.priority) == (name, priority)


def test_lists_that_elaborate_a_label_are_not_tasks():
    text = (
        "# Petrel Queue\n\n## Roadmap\n\n### Phase 1: Pilot (Week 1)\n\n**Risk Level:** LOW\n- proven approach\n"
        "- easy to watch\n\n### Phase 2: Ausbau (Week 2)\n\nZum Beispiel:\n\n1. erstens\n2. zweitens\n"
    )
    assert [len(p.tasks) for p in _phases(text)] == [0, 0]


@pytest.mark.parametrize("text, expected", [
    ("2-4周", (2, 4, "weeks")),
    ("2-3 天", (2, 3, "days")),
    ("3개월", (3, 3, "months")),
    ("8-12 недель", (8, 12, "weeks")),
])
def test_durations_in_cjk_units(text, expected):
    from readiness.importers.markdown.numbers import parse_duration

    duration = parse_duration(text)
    assert (duration.min, duration.max, duration.unit) == expected


def test_cjk_phase_headings_with_full_width_brackets_state_their_length():
    text = ("# 海燕\n\n## 上线路径\n\n### 阶段1：试点（2-3周）\n\n**重点任务：**\n1. 部署\n2. 监控\n\n"
            "### 阶段2：扩展（1周）\n\n**任务：**\n- 压测\n")
    phases = _phases(text)
    assert [(p.name, p.start_day, p.duration_days, len(p.tasks)) for p in phases] == [
        ("试点", 0, 15, 2), ("扩展", 15, 5, 1)]


def test_horizon_headings_together_are_phases():
    text = ("# Petrel Queue\n\n## Recommendations\n\n### Immediate\n1. rotate keys\n2. pin versions\n\n"
            "### Short-Term (Phase 1)\n1. add tests\n\n### Langfristig\n1. Mandantenfähigkeit\n")
    phases = _phases(text)
    assert [(p.name, len(p.tasks)) for p in phases] == [
        ("Immediate", 2), ("Short-Term (Phase 1)", 1), ("Langfristig", 1)]


def test_one_horizon_heading_alone_is_no_plan():
    assert _phases("# Petrel Queue\n\n## Next\n\n### Immediate\n1. rotate keys\n\n### Notes\n1. none\n") == []


def test_label_sub_headings_are_not_tasks():
    text = ("# Petrel Queue\n\n## Rollout by phase\n\n### Phase 1: Soft launch\n\n#### Цілі:\n- 100 users\n\n"
            "#### Aufgaben:\n- Beta-Zugang\n- Feedback\n\n### Phase 2: Public launch\n\n#### Goals:\n- 1000 users\n")
    assert [[t.name for t in p.tasks] for p in _phases(text)] == [["Beta-Zugang", "Feedback"], []]


def test_a_week_table_under_a_plan_heading_is_the_plan():
    text = ("# Petrel Queue\n\n## Recommended path to launch\n\n| Week | Focus | Owner |\n|---|---|---|\n"
            "| 1 | Staging deploy | Ana |\n| 2-3 | Load tests; alerts | Bo |\n")
    assert [(p.name, p.start_day, p.duration_days) for p in _phases(text)] == [
        ("Staging deploy", 0, 5), ("Load tests; alerts", 5, 10)]


def test_a_week_table_in_russian():
    text = ("# Буревестник\n\n## План\n\n| Неделя | Фокус |\n|---|---|\n| 1 | Стенд |\n| 2 | Нагрузка |\n")
    assert [(p.name, p.start_day) for p in _phases(text)] == [("Стенд", 0), ("Нагрузка", 5)]


def test_a_table_whose_first_column_is_no_week_is_no_plan():
    text = "# Petrel Queue\n\n## Plan\n\n| Item | Focus |\n|---|---|\n| 1 | a |\n| 2 | b |\n"
    assert _phases(text) == []
