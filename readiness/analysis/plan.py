"""The remediation plan on a calendar: working day N of a plan becomes a date, weekends skipped.

Also the team-size rule the cost page shows, so the chart and the estimate use one definition.
"""

from __future__ import annotations

import datetime as dt
import heapq
import math
from dataclasses import dataclass

from readiness.model import Assessment

# Each person beyond the first costs this share of extra time: meetings, reviews, hand-overs.
COORDINATION_OVERHEAD = 0.10

TEAM_RULE = (
    "Phases run one after another. Within a phase, its tasks are shared out among the people "
    "(longest task first, each to whoever is free first), so a phase never gets shorter than its "
    "longest task. Every person beyond the first adds {overhead:.0%} to each phase for coordination. "
    "A phase's time that its tasks do not fill counts as one more task (so one person takes the plan as "
    "written when its tasks run back to back); without a plan, the findings' efforts are the tasks of a "
    "single phase."
)


def add_working_days(start: dt.date, days: int) -> dt.date:
    """The date `days` working days after `start` (Monday to Friday); a weekend start moves to Monday."""
    date = start
    while date.weekday() >= 5:
        date += dt.timedelta(days=1)
    weeks, rest = divmod(days, 5)
    date += dt.timedelta(weeks=weeks)
    for _ in range(rest):
        date += dt.timedelta(days=1)
        while date.weekday() >= 5:
            date += dt.timedelta(days=1)
    return date


def day_start(start: dt.date, day: float) -> dt.datetime:
    """When working day `day` (0-based, fractions for hours) begins on the calendar."""
    whole = math.floor(day)
    date = add_working_days(start, whole)
    return dt.datetime.combine(date, dt.time()) + dt.timedelta(days=day - whole)


def day_end(start: dt.date, end_day: float) -> dt.datetime:
    """When a span ending at working day `end_day` (exclusive) ends: the end of its last working day."""
    if end_day <= 0:
        return day_start(start, 0)
    if float(end_day).is_integer():
        last = add_working_days(start, int(end_day) - 1)
        return dt.datetime.combine(last, dt.time()) + dt.timedelta(days=1)
    return day_start(start, end_day)


def next_monday(today: dt.date | None = None) -> dt.date:
    """The first Monday after today (a week ahead when today is a Monday)."""
    today = today or dt.date.today()
    return today + dt.timedelta(days=7 - today.weekday())


@dataclass(frozen=True)
class Bar:
    """One row of the Gantt chart: a phase or one of its tasks, on calendar dates."""

    kind: str  # "phase" or "task"
    name: str
    phase: str
    priority: str | None
    start_day: float
    end_day: float
    start: dt.datetime
    finish: dt.datetime


@dataclass(frozen=True)
class Milestone:
    """The end of a phase that has deliverables: its last working day, never the weekend after it."""

    phase: str
    day: dt.date
    deliverables: tuple[str, ...]

    @property
    def when(self) -> dt.datetime:
        """Where the chart draws it: the middle of the last working day, inside the phase's bar."""
        return dt.datetime.combine(self.day, dt.time(12))


def schedule(doc: Assessment, start: dt.date) -> list[Bar]:
    """Every phase followed by its tasks, mapped onto the calendar from `start`."""
    bars = []
    for phase in doc.phases:
        bars.append(Bar("phase", phase.name, phase.name, phase.priority, phase.start_day, phase.end_day,
                        day_start(start, phase.start_day), day_end(start, phase.end_day)))
        for task in phase.tasks:
            end = task.start_day + task.duration_days
            bars.append(Bar("task", task.name, phase.name, phase.priority, task.start_day, end,
                            day_start(start, task.start_day), day_end(start, end)))
    return bars


def last_date(bar: Bar) -> dt.date:
    """The calendar day a bar's work ends on (its finish is the exclusive midnight after it)."""
    if bar.finish <= bar.start:
        return bar.start.date()
    return (bar.finish - dt.timedelta(microseconds=1)).date()


def milestones(doc: Assessment, start: dt.date) -> list[Milestone]:
    """A milestone where each phase with deliverables ends."""
    marks = []
    for phase in doc.phases:
        if phase.deliverables:
            begins, ends = day_start(start, phase.start_day), day_end(start, phase.end_day)
            last = begins.date() if ends <= begins else (ends - dt.timedelta(microseconds=1)).date()
            marks.append(Milestone(phase.name, last, tuple(phase.deliverables)))
    return marks


def plan_end(doc: Assessment, start: dt.date) -> dt.datetime | None:
    """When the whole plan ends, or None without phases."""
    if not doc.phases:
        return None
    return day_end(start, max(p.end_day for p in doc.phases))


def last_working_day(doc: Assessment, start: dt.date) -> dt.date | None:
    """The calendar day the plan's last work happens on ('ready by'), or None without phases."""
    finish = plan_end(doc, start)
    if finish is None:
        return None
    first = day_start(start, 0)
    return first.date() if finish <= first else (finish - dt.timedelta(microseconds=1)).date()


# --- team size -------------------------------------------------------------------------------

@dataclass(frozen=True)
class Stage:
    """A group of tasks that may run in parallel; stages run one after another."""

    name: str
    tasks_low: tuple[float, ...]
    tasks_high: tuple[float, ...]


def stages(doc: Assessment) -> list[Stage]:
    """The work to schedule in working days: the plan's phases, or the findings' efforts without a plan."""
    if doc.phases:
        result = []
        for phase in doc.phases:
            # A task without stated timing spans its phase; the phase's days count its work once.
            days = [t.duration_days for t in phase.tasks if t.timed]
            # Phase time its tasks leave uncovered is work too (reviews, slack): one more task.
            if sum(days) < phase.duration_days:
                days.append(phase.duration_days - sum(days))
            result.append(Stage(phase.name, tuple(days), tuple(days)))
        return result
    efforts = [f.effort.working_days() for f in doc.findings if f.effort is not None]
    if not efforts:
        return []
    return [Stage("Findings", tuple(lo for lo, _ in efforts), tuple(hi for _, hi in efforts))]


def makespan(tasks: tuple[float, ...] | list[float], people: int) -> float:
    """How long `people` take for independent tasks, longest first to whoever is free first."""
    if not tasks:
        return 0.0
    free = [0.0] * max(1, min(people, len(tasks)))
    for task in sorted(tasks, reverse=True):
        heapq.heappush(free, heapq.heappop(free) + task)
    return max(free)


def plan_length(work: list[Stage], people: int,
                overhead: float = COORDINATION_OVERHEAD) -> tuple[float, float]:
    """Working days (low, high) for the work with `people`, by TEAM_RULE."""
    if people < 1:
        raise ValueError("a team has at least one person")
    factor = 1 + overhead * (people - 1)
    low = sum(makespan(s.tasks_low, people) for s in work) * factor
    high = sum(makespan(s.tasks_high, people) for s in work) * factor
    return low, high


def person_days(work: list[Stage]) -> tuple[float, float]:
    """Total effort (low, high) in person-days: the sum of every task."""
    return sum(sum(s.tasks_low) for s in work), sum(sum(s.tasks_high) for s in work)


def team_rule_text(overhead: float = COORDINATION_OVERHEAD) -> str:
    """The team-size rule in words."""
    return TEAM_RULE.format(overhead=overhead)
