"""The remediation plan: "Week N" / "Phase N" headings with day-range tasks, on a working-day timeline.

A phase starts at the first working day of its week (week N starts at day 5*(N-1)) or when the
previous phase ends, whichever is later; so two phases that share a week run one after the other.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from readiness.importers.markdown.context import PHASE_HEADING, PLAN_TITLE, Context
from readiness.importers.markdown.numbers import parse_day_range, parse_duration, parse_level
from readiness.importers.markdown.text import clean_name, lead_title, plain, shorten
from readiness.importers.markdown.tree import ListBlock, ListItem, Paragraph, Section
from readiness.model import Phase, Task

DAYS_PER_WEEK = 5
_WEEK = re.compile(r"\b(?:weeks?|wochen?|недел[яи]|semanas?)\s*(\d+)(?:\s*[-–]\s*(\d+)(?!\s*(?:days?|d\b|hours?|h\b|weeks?)))?",
                   re.I)
_PRIORITY = re.compile(r"^\s*(?:priority|priorität|приоритет|prioridade)\s*[:：]\s*(.+)$", re.I)
_DELIVERABLES = re.compile(r"^\s*(?:deliverables?|outcomes?|ergebnisse?|результат\w*|entreg\w*)\s*[:：]?\s*$", re.I)


_PROGRESS = re.compile(r"(?:\s*[-–—:]?\s*\b(?:complete|completed|done|partial|deferred|not started|in progress|"
                       r"planning complete|pending|blocked|achieved|abgeschlossen|erledigt|выполнено|готово)\s*)+$",
                       re.I)


@dataclass
class _Draft:
    """A phase being read, before it is placed on the timeline."""

    name: str
    line: int
    week: int | None = None
    weeks: int | None = None
    days: float | None = None
    priority: str | None = None
    tasks: list[tuple[int, int, str, list[str], int]] = field(default_factory=list)
    deliverables: list[str] = field(default_factory=list)


def _read_heading(title: str, line: int) -> _Draft:
    text = plain(title)
    match = PHASE_HEADING.match(text)
    rest = text[match.end():] if match else text
    draft = _Draft(name="", line=line)
    week = _WEEK.search(text)
    if week:
        draft.week = int(week.group(1))
        if week.group(2) and int(week.group(2)) >= draft.week:
            draft.weeks = int(week.group(2)) - draft.week + 1
        # The duration is what the heading says besides the week: "(Week 2 - 3 days)".
        after_week = text[:week.start()] + " " + text[week.end():]
    else:
        after_week = rest
    duration = parse_duration(after_week.replace("(", " ").replace(")", " "))
    if duration:
        draft.days = duration.working_days()[1]
    name = re.sub(r"\(([^)]*)\)", lambda m: "" if _WEEK.search(m.group(1)) or parse_duration(m.group(1))
                  else m.group(0), rest)
    name = re.sub(r"\s[-–—]\s*[~≈]?\d[\d.\s\-–]*\s*\w+\s*$", "", name)
    # Progress marks are not part of the name: "(100%)", "COMPLETE", "PARTIAL".
    name = re.sub(r"\(\s*\d+(?:\.\d+)?\s*%\s*\)", "", name)
    name = _PROGRESS.sub("", name.strip())
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
                        title, _ = lead_title(item.text)
                        if task := _task_from_text(item.text, item.line, _sub_items(item)):
                            draft.tasks.append(task)
                pending = None


def _place(drafts: list[_Draft], ctx: Context, parent: Section) -> None:
    previous_end = 0.0
    for draft in drafts:
        last_task_day = max((task[1] for task in draft.tasks), default=None)
        if draft.days:
            days = draft.days
        elif last_task_day:
            days = float(last_task_day)
        elif draft.weeks:
            days = float(draft.weeks * DAYS_PER_WEEK)
        else:
            days = float(DAYS_PER_WEEK)  # a bare week (or phase) counts as one working week
        anchor = DAYS_PER_WEEK * (draft.week - 1) if draft.week else 0.0
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
    if not children:
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
    timed = any(d.week or d.days or d.tasks for d in drafts) or PLAN_TITLE.search(section.name or "")
    if not timed:
        return
    ctx.plan_parent = section
    ctx.use(section)
    for child in children:
        for node in child.walk():
            ctx.use(node)
    _place(drafts, ctx, section)


def _skipped(section: Section, why: str):
    from readiness.importers import Fact

    return Fact(line=section.line, kind="skipped", text=f"{section.name or '(document)'}: {why}", used=False)
