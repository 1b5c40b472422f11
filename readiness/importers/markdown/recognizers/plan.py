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
from readiness.importers.markdown.tree import ListBlock, ListItem, Paragraph, Section, Table
from readiness.importers.markdown.vocabulary import field_of, level_word, scope_of
from readiness.model import Phase, Task

DAYS_PER_WEEK = 5
_WEEK = re.compile(r"\b(?:weeks?|wochen?|недел[яи]|semanas?)\s*(\d+)(?:\s*[-–]\s*(\d+)(?!\s*(?:days?|d\b|hours?|h\b|weeks?)))?",
                   re.I)
_PRIORITY = re.compile(r"^\s*(?:priority|priorität|приоритет|prioridade)\s*[:：]\s*(.+)$", re.I)
_DELIVERABLES = re.compile(r"^\s*(?:deliverables?|outcomes?|ergebnisse?|результат\w*|entreg\w*)\s*[:：]?\s*$", re.I)


_PROGRESS = re.compile(r"(?<!\s)(?:\s*+[-–—:]?\s*+\b(?:complete|completed|done|partial|deferred|not started|in progress|"
                       r"planning complete|pending|blocked|achieved|abgeschlossen|erledigt|выполнено|готово)\s*)+$",
                       re.I)


# Small patterns compiled once (they run on every document; regex_audit sees them here).
_EFFORT_PREFIX = re.compile(r"(?i)^(?:estimated\s+)?(?:effort|duration|estimate|time|aufwand|dauer)\s*:\s*")
_PARENTHESES = re.compile(r"\(([^()]*)\)")
_DAYS_BRACKET = re.compile(r"\((?:days?|tag|tage)\s+(\d+)(?:\s*[-–]\s*(\d+))?\+?\)", re.I)
_LEADING_DASH_NUMBER = re.compile(r"^\s*[-–]\s*\d+\b")
_BRACKET_LEAD = re.compile(r"^\s*+[:.]?\s*+\([^)]*\)\s*+[-–—:]\s*")
_PERCENT_BRACKET = re.compile(r"\(\s*\d+(?:\.\d+)?\s*%\s*\)")
_LETTER = re.compile(r"[^\W\d_]")
_WEEK_HEADER = re.compile(r"(?i)^(?:weeks?|wochen?|semaines?|semanas?|недел|тиждень|周|주)")


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
    loose: list[tuple[str, list[str], int]] = field(default_factory=list)
    """Tasks the document names without timing them (used only when no task is timed)."""


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
        inner = _EFFORT_PREFIX.sub("", inner)
        if not inner and _WEEK.search(match.group(1)):
            return ""
        if _BARE_DURATION.fullmatch(inner) and (duration := parse_duration(inner)):
            days = days or duration.working_days()[1]
            return ""
        return match.group(0)

    text = _PARENTHESES.sub(bracket, text)
    tail = _TAIL_DURATION.search(text)
    if tail and (duration := parse_duration(tail.group(1))):
        days = days or duration.working_days()[1]
        text = text[:tail.start()]
    return days, text


def _read_heading(title: str, line: int) -> _Draft:
    text = plain(title).replace("（", " (").replace("）", ")").replace("：", ": ")
    draft = _Draft(name="", line=line)
    week = _WEEK.search(text)
    if week:
        draft.week = int(week.group(1))
        if week.group(2) and int(week.group(2)) >= draft.week:
            draft.weeks = int(week.group(2)) - draft.week + 1
    match = PHASE_HEADING.match(text)
    rest = text[match.end():] if match else text
    # "(Day 5-7)" places the phase on the plan's own day count.
    days = _DAYS_BRACKET.search(rest)
    if days:
        draft.day_range = (int(days.group(1)), int(days.group(2) or days.group(1)))
        rest = rest[:days.start()] + rest[days.end():]
    # "Week 6-8: ..." : the range's end belongs to the label, not the name.
    rest = _LEADING_DASH_NUMBER.sub("", rest)
    draft.days, rest = _explicit_duration(rest)
    # A leading "(Immediate) -" qualifies the label; progress marks ("(100%)", "COMPLETE") are no name.
    name = _BRACKET_LEAD.sub("", rest)
    name = _PERCENT_BRACKET.sub("", name)
    # Progress marks end the heading: only its tail is searched (a mark anchored at the end, searched
    # from every start of a long line, would cost time growing with the square of its length).
    name = name.strip()
    name = name[:-_PROGRESS_TAIL] + _PROGRESS.sub("", name[-_PROGRESS_TAIL:])
    draft.priority, name = _name_priority(name.strip(" :-–—."))
    draft.name = clean_name(name.strip(" :-–—.")) or clean_name(text)
    return draft


# "CRITICAL -- Fix today", "High priority: Caching", "Caching (Critical)": a level that names the
# phase's priority. Only a lone level word (with or without a priority word) counts: "High Availability" does not.
_LEAD_LEVEL = re.compile(r"^\s*+[(\[]?\s*+([^\W\d_]{1,40}(?:\s+[^\W\d_]{1,40})?)\s*[)\]]?(?:\s*(?:--|[:|])|\s+[-–—])\s*(?=\S)")
_TAIL_LEVEL = re.compile(r"(?<!\s)\s*[(\[]\s*([^\W\d_]+(?:\s+[^\W\d_]+)?)\s*[)\]]\s*$")


def _is_level(words: str) -> str | None:
    parts = words.split()
    if len(parts) == 2 and not any(field_of(part) == "priority" for part in parts):
        return None
    return level_word(words)


def _name_priority(name: str) -> tuple[str | None, str]:
    """The priority a phase's name states and the name without it."""
    for pattern in (_LEAD_LEVEL, _TAIL_LEVEL):
        match = pattern.search(name)
        if match and (level := _is_level(match.group(1))):
            rest = (name[:match.start()] + name[match.end():]).strip()
            if rest:
                return level, rest
    return None, name


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


def _bare_label(text: str) -> str | None:
    """'**Changes:**' -> 'Changes': a one-line paragraph that only labels what follows."""
    simple = plain(text).strip()
    if "\n" in text or not simple.endswith((":", "：")) or len(simple.split()) > 6:
        return None
    return simple.rstrip(" :：")


def _item_task(item: ListItem) -> tuple[str, list[str], int] | None:
    # "**Test coverage** (40h)": the effort is not the task's place on the timeline; the name is the rest.
    name = clean_name(_explicit_duration(plain(item.text))[1])
    return (shorten(name, 200), _sub_items(item), item.line) if name else None


def _row_task(row: list[str], line: int) -> tuple[str, list[str], int] | None:
    for cell in row:
        text = plain(cell)
        if _LETTER.search(text):
            name = clean_name(text)
            return (shorten(name, 200), [], line) if name else None
    return None


def _read_loose(section: Section, draft: _Draft) -> None:
    """Tasks a phase names without timing them, from the first of these that has any: the lists under a
    tasks label ("Changes:", "Aufgaben:", "Задачи:"), its sub-headings, its unlabelled lists, its table rows."""
    labelled: list = []
    unlabelled: list = []
    rows: list = []
    label = None
    lead = None  # the paragraph right before a list, if any
    for block in section.blocks:
        if isinstance(block, Paragraph):
            label = _bare_label(block.text)
            label = None if label is None else ("tasks" if field_of(label) == "tasks" else "other")
            lead = plain(block.text).strip()
            continue
        if isinstance(block, ListBlock):
            found = [task for item in block.items if (task := _item_task(item))]
            if label == "tasks":
                labelled.extend(found)
            # A list that only elaborates the line above ("**Risk Level:** LOW", "For example:") is not work:
            # numbered items count unless a line ending in a colon introduces them, bullets only on their own.
            elif label is None and (lead is None or block.ordered and not lead.endswith((":", "："))):
                unlabelled.extend(found)
        label = None
        lead = None
        if isinstance(block, Table):
            rows.extend(task for row, line in zip(block.rows, block.row_lines, strict=False)
                        if (task := _row_task(row, line)))
    headings = []
    for child in section.children:
        name = clean_name(child.title)
        if plain(child.title).rstrip().endswith((":", "：")):
            # "#### Aufgaben:" labels the list under it like a "**Aufgaben:**" line; other labels are not work.
            if field_of(name) == "tasks":
                labelled.extend(task for block in child.blocks if isinstance(block, ListBlock)
                                for item in block.items if (task := _item_task(item)))
            continue
        if name and not _DELIVERABLES.match(name):
            items = [shorten(plain(item.text), 200) for block in child.blocks if isinstance(block, ListBlock)
                     for item in block.items if plain(item.text)]
            headings.append((shorten(name, 200), items, child.line))
    draft.loose = labelled or headings or unlabelled or rows


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
        if not tasks:
            tasks = [Task(name=name, start_day=start, duration_days=days, items=items, timed=False, line=line)
                     for name, items, line in draft.loose]
        phase = Phase(name=shorten(draft.name, 200), start_day=start, duration_days=days, priority=draft.priority,
                      tasks=tasks, deliverables=draft.deliverables, line=draft.line)
        ctx.phases.append(phase)
        priority = f" priority {draft.priority}" if draft.priority else ""
        ctx.fact(draft.line, "phase", f"phase {phase.name} days {start:g}-{phase.end_day:g}{priority} "
                 f"({len(tasks)} tasks)")
        for task in tasks:
            timing = f"day {task.start_day:g} for {task.duration_days:g}" if task.timed else "timing not stated"
            ctx.fact(task.line, "task", f"task {task.name} {timing}")
        previous_end = phase.end_day


# Horizons named instead of numbered ("Immediate", "Short-Term (Phase 1)", "Mittelfristig", "长期").
HORIZON_HEADING = re.compile(
    r"^(?:immediate(?:ly)?|short[- ]term|medium[- ]term|mid[- ]term|long[- ]term|sofort\w*|kurzfristig\w*|"
    r"mittelfristig\w*|langfristig\w*|imm[ée]diat\w*|(?:à )?court terme|(?:à )?moyen terme|(?:à )?long terme|"
    r"немедленн\w*|краткосрочн\w*|среднесрочн\w*|долгосрочн\w*|негайн\w*|короткострок\w*|середньострок\w*|"
    r"довгострок\w*|imediat\w*|curto prazo|m[ée]dio prazo|longo prazo|inmediat\w*|corto plazo|"
    r"mediano plazo|largo plazo|立即|短期|中期|长期|長期|즉시|단기|중기|장기)\b", re.I)


def recognize_plan(section: Section, ctx: Context) -> None:
    """Phase or week headings under one parent become the plan (the first such group only)."""
    # A plan of headings needs two of them: a section with fewer sub-headings may only list its phases.
    if len(section.children) < 2:
        _recognize_listed_phases(section, ctx)
        return
    children = [c for c in section.children if c.says(PHASE_HEADING, start=True)]
    if len(children) < 2:
        # Horizons read as phases only together: two or more under one parent.
        horizons = [c for c in section.children if c.says(HORIZON_HEADING, start=True)]
        children = horizons if len(horizons) >= 2 else children
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
        if not draft.tasks:
            _read_loose(child, draft)
        drafts.append(draft)
    timed = (any(d.week or d.days or d.tasks or d.day_range for d in drafts) or section.says(PLAN_TITLE)
             or "plan" in scope_of(section.name or "")
             or all(c.says(HORIZON_HEADING, start=True) for c in children))
    if not timed:
        return
    ctx.plan_parent = section
    ctx.use(section)
    for child in children:
        for node in child.walk():
            ctx.use(node)
    _place(drafts, ctx)


_TIME_COLUMN = re.compile(r"^(?:weeks?|wochen?|semaines?|semanas?|недел[яи]|тиждень|phase|phasen?|fase|этап|фаза|"
                          r"sprint|спринт|阶段|周|주|단계)$", re.I)
_WEEK_CELL = re.compile(r"^\s*(?:weeks?\s*|wochen?\s*|недел[яи]\s*)?(\d+)(?:\s*[-–]\s*(\d+))?\s*$", re.I)


def _recognize_table_phases(section: Section, ctx: Context) -> bool:
    """A plan written as a table: "| Week | Focus | Owner |" rows, each a phase named by the next column."""
    for block in section.blocks:
        if not isinstance(block, Table) or len(block.header) < 2 or not _TIME_COLUMN.match(plain(block.header[0])):
            continue
        week_column = _WEEK_HEADER.match(plain(block.header[0]))
        drafts = []
        for row, line in zip(block.rows, block.row_lines, strict=False):
            cell = _WEEK_CELL.match(plain(row[0])) if row else None
            name = clean_name(plain(row[1])) if len(row) > 1 else ""
            if not cell or not name:
                return False
            first, last = int(cell.group(1)), int(cell.group(2) or cell.group(1))
            draft = _Draft(name=name, line=line)
            if week_column and last >= first >= 1:
                draft.week, draft.weeks = first, last - first + 1
            drafts.append(draft)
        if len(drafts) < 2:
            continue
        ctx.plan_parent = section
        ctx.use(section)
        _place(drafts, ctx)
        return True
    return False


def _recognize_listed_phases(section: Section, ctx: Context) -> None:
    """A plan written as a list ("1. **Week 1**: hardening", with "Day 1-2: ..." sub-items) or a table."""
    if ctx.plan_parent is not None or not section.says(PLAN_TITLE):
        return
    if _recognize_table_phases(section, ctx):
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
