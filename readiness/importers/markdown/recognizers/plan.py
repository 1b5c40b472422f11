"""The remediation plan: "Week N" / "Phase N" headings with day-range tasks, on a working-day timeline.

A phase starts at the first working day of its week (week N starts at day 5*(N-1)) or when the
previous phase ends, whichever is later; so two phases that share a week run one after the other.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from readiness.importers import Fact
from readiness.importers.markdown.context import PHASE_HEADING, PLAN_TITLE, Context
from readiness.importers.markdown.numbers import parse_day_range, parse_duration, parse_level
from readiness.importers.markdown.text import clean_name, plain, shorten
from readiness.importers.markdown.tree import ListBlock, ListItem, Paragraph, Section
from readiness.model import Phase, Task

DAYS_PER_WEEK = 5
_WEEK = re.compile(r"\b(?:weeks?|wochen?|недел[яи]|semanas?)\s*(\d+)(?:\s*[-–]\s*(\d+)(?!\s*(?:days?|d\b|hours?|h\b|weeks?)))?",
                   re.I)
_PRIORITY = re.compile(r"^\s*(?:priority|priorität|приоритет|prioridade)\s*[:：]\s*(.+)$", re.I)
_DELIVERABLES = re.compile(r"^\s*(?:deliverables?|outcomes?|ergebnisse?|результат\w*|entreg\w*)\s*[:：]?\s*$", re.I)


_PROGRESS = re.compile(r"(?<!\s)(?:\s*+[-–—:]?\s*+\b(?:complete|completed|done|partial|deferred|not started|in progress|"
                       r"planning complete|pending|blocked|achieved|abgeschlossen|erledigt|выполнено|готово)\s*)+$",
                       re.I)


@dataclass
class _Draft:
    """A phase being read, before it is placed on the timeline."""

    name: str
    line: int
    week: int | None = None
    weeks: int | None = None
    day_range: tuple[int, int] | None = None
    days: float | None = None
    priority: str | None = None
    tasks: list[tuple[int, int, str, list[str], int]] = field(default_factory=list)
    deliverables: list[str] = field(default_factory=list)


_PROGRESS_TAIL = 300
_BARE_DURATION = re.compile(r"[~≈]?(?<!\s)\s*+(?<!\d)\d++(?:\.\d+)?\+?(?:\s*+[-–]\s*+\d+(?:\.\d+)?)?\s*+[^\W\d_]+")
_TAIL_DURATION = re.compile(r"\s[-–—]\s*([~≈]?\d+(?:\.\d+)?(?:\s*[-–]\s*\d+(?:\.\d+)?)?\s*[^\W\d_]+)\s*$")


def _explicit_duration(text: str) -> tuple[float | None, str]:
    """A phase's stated length: "(Week 2 - 3 days)", "(3 days)" or a trailing " - 2 Days".

    Returns the working days (or None) and the text without the parts that stated time. A duration
    inside other words ("(5 devices, 2 weeks each)") is not the phase's length.
    """
    days = None

    def bracket(match: re.Match[str]) -> str:
        nonlocal days
        inner = _WEEK.sub("", match.group(1)).strip(" -–—,:")
        inner = re.sub(r"(?i)^(?:estimated\s+)?(?:effort|duration|estimate|time|aufwand|dauer)\s*:\s*", "", inner)
        if not inner and _WEEK.search(match.group(1)):
            return ""
        if _BARE_DURATION.fullmatch(inner) and (duration := parse_duration(inner)):
            days = days or duration.working_days()[1]
            return ""
        return match.group(0)

    text = re.sub(r"\(([^()]*)\)", bracket, text)
    tail = _TAIL_DURATION.search(text)
    if tail and (duration := parse_duration(tail.group(1))):
        days = days or duration.working_days()[1]
        text = text[:tail.start()]
    return days, text


def _read_heading(title: str, line: int) -> _Draft:
    text = plain(title)
    draft = _Draft(name="", line=line)
    week = _WEEK.search(text)
    if week:
        draft.week = int(week.group(1))
        if week.group(2) and int(week.group(2)) >= draft.week:
            draft.weeks = int(week.group(2)) - draft.week + 1
    match = PHASE_HEADING.match(text)
    rest = text[match.end():] if match else text
    # "(Day 5-7)" places the phase on the plan's own day count.
    days = re.search(r"\((?:days?|tag|tage)\s+(\d+)(?:\s*[-–]\s*(\d+))?\+?\)", rest, re.I)
    if days:
        draft.day_range = (int(days.group(1)), int(days.group(2) or days.group(1)))
        rest = rest[:days.start()] + rest[days.end():]
    # "Week 6-8: ..." : the range's end belongs to the label, not the name.
    rest = re.sub(r"^\s*[-–]\s*\d+\b", "", rest)
    draft.days, rest = _explicit_duration(rest)
    # A leading "(Immediate) -" qualifies the label; progress marks ("(100%)", "COMPLETE") are no name.
    name = re.sub(r"^\s*+[:.]?\s*+\([^)]*\)\s*+[-–—:]\s*", "", rest)
    name = re.sub(r"\(\s*\d+(?:\.\d+)?\s*%\s*\)", "", name)
    # Progress marks end the heading: only its tail is searched (a mark anchored at the end, searched
    # from every start of a long line, would cost time growing with the square of its length).
    name = name.strip()
    name = name[:-_PROGRESS_TAIL] + _PROGRESS.sub("", name[-_PROGRESS_TAIL:])
    draft.name = clean_name(name.strip(" :-–—.")) or clean_name(text)
    return draft


def _task_from_text(text: str, line: int, items: list[str]) -> tuple[int, int, str, list[str], int] | None:
    found = parse_day_range(plain(text))
    if not found:
        return None
    first, last, rest = found
    return first, last, clean_name(rest) or f"Day {first}", items, line


def _sub_items(item: ListItem) -> list[str]:
    return [shorten(plain(sub.text), 200) for sub in item.sublists() if plain(sub.text)]


def _read_body(section: Section, draft: _Draft) -> None:
    pending = None  # "task" or "deliverables": a label paragraph whose list follows
    for node in section.walk():
        if node is not section and (found := _task_from_text(node.title, node.line, [])):
            draft.tasks.append(found)
            pending = "task"
        for block in node.blocks:
            if isinstance(block, Paragraph):
                pending = None
                for line, text in block.lines():
                    simple = plain(text)
                    if match := _PRIORITY.match(simple):
                        draft.priority = parse_level(match.group(1)) or draft.priority
                    elif _DELIVERABLES.match(simple):
                        pending = "deliverables"
                    elif task := _task_from_text(simple, line, []):
                        draft.tasks.append(task)
                        pending = "task"
            elif isinstance(block, ListBlock):
                texts = [shorten(plain(item.text), 200) for item in block.items if plain(item.text)]
                if pending == "deliverables":
                    draft.deliverables.extend(texts)
                elif pending == "task" and draft.tasks:
                    draft.tasks[-1][3].extend(texts)
                else:
                    for item in block.items:
                        if task := _task_from_text(item.text, item.line, _sub_items(item)):
                            draft.tasks.append(task)
                pending = None


def _place(drafts: list[_Draft], ctx: Context) -> None:
    previous_end = 0.0
    # Day ranges in phase headings count from 0 when any of them says "Day 0", else from 1.
    first_day = 0 if any(d.day_range and d.day_range[0] == 0 for d in drafts) else 1
    for draft in drafts:
        last_task_day = max((task[1] for task in draft.tasks), default=None)
        if draft.days:
            days = draft.days
        elif last_task_day:
            days = float(last_task_day)
        elif draft.day_range and draft.day_range[1] >= draft.day_range[0]:
            days = float(draft.day_range[1] - draft.day_range[0] + 1)
        elif draft.weeks:
            days = float(draft.weeks * DAYS_PER_WEEK)
        else:
            days = float(DAYS_PER_WEEK)  # a bare week (or phase) counts as one working week
        anchor = DAYS_PER_WEEK * (draft.week - 1) if draft.week else 0.0
        if draft.day_range:
            anchor = max(anchor, float(draft.day_range[0] - first_day))
        start = max(anchor, previous_end)
        tasks = [Task(name=shorten(name, 200), start_day=start + first - 1, duration_days=last - first + 1,
                      items=items, line=line) for first, last, name, items, line in draft.tasks]
        phase = Phase(name=shorten(draft.name, 200), start_day=start, duration_days=days, priority=draft.priority,
                      tasks=tasks, deliverables=draft.deliverables, line=draft.line)
        ctx.phases.append(phase)
        priority = f" priority {draft.priority}" if draft.priority else ""
        ctx.fact(draft.line, "phase", f"phase {phase.name} days {start:g}-{phase.end_day:g}{priority} "
                 f"({len(tasks)} tasks)")
        for task in tasks:
            ctx.fact(task.line, "task", f"task {task.name} day {task.start_day:g} for {task.duration_days:g}")
        previous_end = phase.end_day


def recognize_plan(section: Section, ctx: Context) -> None:
    """Phase or week headings under one parent become the plan (the first such group only)."""
    children = [c for c in section.children if PHASE_HEADING.match(c.name)]
    if len(children) < 2:  # one "Phase 5" heading is a section, not a plan
        _recognize_listed_phases(section, ctx)
        return
    if ctx.plan_parent is not None:
        if ctx.plan_parent is not section and not any(a is ctx.plan_parent for a in section.ancestors()):
            ctx.facts.append(_skipped(section, "another phase list; the plan is read from the first one"))
        return
    drafts = []
    for child in children:
        draft = _read_heading(child.title, child.line)
        _read_body(child, draft)
        drafts.append(draft)
    timed = any(d.week or d.days or d.tasks or d.day_range for d in drafts) or PLAN_TITLE.search(section.name or "")
    if not timed:
        return
    ctx.plan_parent = section
    ctx.use(section)
    for child in children:
        for node in child.walk():
            ctx.use(node)
    _place(drafts, ctx)


def _recognize_listed_phases(section: Section, ctx: Context) -> None:
    """A plan written as a list ("1. **Week 1**: hardening", with "Day 1-2: ..." sub-items)."""
    if ctx.plan_parent is not None or not section.level or not PLAN_TITLE.search(section.name):
        return
    items = [item for block in section.blocks if isinstance(block, ListBlock) for item in block.items
             if PHASE_HEADING.match(plain(item.text))]
    if len(items) < 2:
        return
    drafts = []
    for item in items:
        draft = _read_heading(item.text, item.line)
        for sub in item.sublists():
            if task := _task_from_text(sub.text, sub.line, _sub_items(sub)):
                draft.tasks.append(task)
        drafts.append(draft)
    ctx.plan_parent = section
    ctx.use(section)
    _place(drafts, ctx)


def _skipped(section: Section, why: str) -> Fact:
    return Fact(line=section.line, kind="skipped", text=f"{section.name or '(document)'}: {why}", used=False)
