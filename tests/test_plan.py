"""The plan on the calendar (weekends skipped) and the team-size rule."""

import datetime as dt

import pytest

from readiness.model import Assessment, Duration, Finding, Phase, Task
from readiness.analysis.plan import (add_working_days, day_end, day_start, last_date, makespan, milestones, next_monday,
                            person_days, plan_end, plan_length, schedule, stages, team_rule_text)

MONDAY = dt.date(2025, 11, 24)


def _doc(**parts) -> Assessment:
    return Assessment(project="P", **parts)


def _plan() -> Assessment:
    return _doc(phases=[
        Phase(name="One", start_day=0, duration_days=3, priority="high",
              tasks=[Task(name="a", start_day=0, duration_days=2), Task(name="b", start_day=2, duration_days=1)]),
        Phase(name="Two", start_day=3, duration_days=4, priority="critical", deliverables=["Done"],
              tasks=[Task(name="c", start_day=3, duration_days=4), Task(name="d", start_day=3, duration_days=2),
                     Task(name="e", start_day=5, duration_days=2)]),
    ])


def test_working_days_skip_weekends():
    assert add_working_days(MONDAY, 0) == MONDAY
    assert add_working_days(MONDAY, 4) == dt.date(2025, 11, 28)  # Friday
    assert add_working_days(MONDAY, 5) == dt.date(2025, 12, 1)  # the next Monday, not Saturday
    assert add_working_days(dt.date(2025, 11, 27), 2) == dt.date(2025, 12, 1)  # Thursday + 2 -> Monday
    assert add_working_days(MONDAY, 10) == dt.date(2025, 12, 8)


def test_weekend_start_moves_to_monday():
    assert add_working_days(dt.date(2025, 11, 22), 0) == MONDAY  # Saturday


def test_every_mapped_day_is_a_weekday():
    for n in range(40):
        assert add_working_days(dt.date(2025, 11, 26), n).weekday() < 5


def test_day_end_is_the_midnight_after_the_last_working_day():
    # Five working days from Monday end with Friday; Saturday and Sunday do not count.
    assert day_end(MONDAY, 5) == dt.datetime(2025, 11, 29)
    assert day_end(MONDAY, 6) == dt.datetime(2025, 12, 2)  # Monday of the next week is day 6
    assert day_start(MONDAY, 0.5) == dt.datetime(2025, 11, 24, 12)


def test_schedule_maps_phases_and_tasks():
    bars = schedule(_plan(), MONDAY)
    assert [b.name for b in bars] == ["One", "a", "b", "Two", "c", "d", "e"]
    two = bars[3]
    assert two.start.date() == dt.date(2025, 11, 27)  # Thursday, working day 3
    assert last_date(two) == dt.date(2025, 12, 2)  # Thu, Fri, Mon, Tue
    assert all(b.start.weekday() < 5 and last_date(b).weekday() < 5 for b in bars)


def test_changing_the_start_moves_every_date():
    first = schedule(_plan(), MONDAY)
    later = schedule(_plan(), MONDAY + dt.timedelta(weeks=1))
    assert all(b.start + dt.timedelta(weeks=1) == c.start and b.finish + dt.timedelta(weeks=1) == c.finish
               for b, c in zip(first, later))
    assert plan_end(_plan(), MONDAY) == dt.datetime(2025, 12, 3)


def test_milestones_where_phases_have_deliverables():
    marks = milestones(_plan(), MONDAY)
    # On phase Two's last working day (Tue 2 Dec), not the day after it.
    assert [(m.phase, m.day, m.deliverables) for m in marks] == [("Two", dt.date(2025, 12, 2), ("Done",))]
    assert marks[0].when.date() == last_date(schedule(_plan(), MONDAY)[3])


def test_a_milestone_never_falls_on_a_weekend():
    from readiness.model import Assessment, Phase

    doc = Assessment(project="P", phases=[Phase(name="Week", start_day=0, duration_days=5, deliverables=["Done"])])
    (mark,) = milestones(doc, MONDAY)
    assert mark.day == MONDAY + dt.timedelta(days=4) and mark.day.weekday() == 4  # Friday, not Saturday


def test_next_monday():
    assert next_monday(dt.date(2025, 11, 22)) == MONDAY  # Saturday
    assert next_monday(MONDAY) == MONDAY + dt.timedelta(weeks=1)


def test_makespan_longest_first():
    assert makespan([4, 2, 2], 1) == 8
    assert makespan([4, 2, 2], 2) == 4
    assert makespan([4, 2, 2], 10) == 4  # never shorter than the longest task
    assert makespan([], 3) == 0


def test_team_rule_phases_sequential_tasks_parallel_with_overhead():
    work = stages(_plan())
    # One person: every task in turn (3 + 8 days).
    assert plan_length(work, 1) == (11, 11)
    # Two people: phase one max(2, 1) = 2; phase two [4] and [2, 2] = 4; plus 10% for the second person.
    assert plan_length(work, 2) == pytest.approx((6.6, 6.6))
    assert plan_length(work, 3, overhead=0.0) == (6, 6)
    # Beyond the point where tasks stop splitting, more people only add overhead.
    assert plan_length(work, 8)[0] > plan_length(work, 3)[0]
    assert person_days(work) == (11, 11)
    assert "one after another" in team_rule_text()


def test_findings_efforts_stand_in_for_a_missing_plan():
    doc = _doc(findings=[Finding(title="x", effort=Duration(min=1, max=2, unit="weeks")),
                         Finding(title="y", effort=Duration(min=2, max=3, unit="days")),
                         Finding(title="z")])
    work = stages(doc)
    assert len(work) == 1 and work[0].tasks_low == (5, 2) and work[0].tasks_high == (10, 3)
    assert plan_length(work, 1) == (7, 13)
    assert stages(_doc()) == []
    with pytest.raises(ValueError):
        plan_length(work, 0)


def test_phase_time_not_covered_by_tasks_is_one_more_task():
    doc = _doc(phases=[Phase(name="Slack", start_day=0, duration_days=5,
                             tasks=[Task(name="a", start_day=0, duration_days=2)]),
                       Phase(name="Bare", start_day=5, duration_days=3)])
    work = stages(doc)
    assert work[0].tasks_low == (2, 3) and work[1].tasks_low == (3,)
    assert plan_length(work, 1) == (8, 8)  # one person: the plan as written
