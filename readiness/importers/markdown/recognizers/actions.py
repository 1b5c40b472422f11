"""Immediate action items: "**Add global error handler** (2 hours)" and their stated total."""

from __future__ import annotations

import re

from readiness.importers.markdown.context import Context
from readiness.importers.markdown.fold import opens_with
from readiness.importers.markdown.numbers import parse_duration
from readiness.importers.markdown.text import clean_name, lead_title, plain, shorten, span
from readiness.importers.markdown.tree import ListBlock, Paragraph, Section, Table
from readiness.model import Action

ACTION_TITLE = re.compile(r"\b(?:immediate|action items?|quick wins?|next (?:24|48|72) hours|urgent actions?|"
                          r"sofortma\w*|немедленн\w*|первоочередн\w*|ações imediatas|ações urgentes|"
                          r"required actions?|actions? required|erforderliche ma\w*|notwendige ma\w*|"
                          r"actions requises|необходим\w* действи\w*|ações necessárias|acciones requeridas)\b|"
                          r"立即|紧急|必要的?行动|필수 조치", re.I)
# "**B. Rotate the keys** (5 minutes)": a paragraph that is only a bold title and its time.
_TIMED_TITLE = re.compile(r"^\s*(?:\*\*|__)(?P<title>[^*_]{3,160})(?:\*\*|__)\s*[(（](?P<time>[^)）]{1,30})[)）]\s*$")
_LETTER = re.compile(r"^[A-Z][.)]\s+")
_TOTAL = re.compile(r"^\s*(?:estimated\s+)?total\b[^:]*[:：]?\s*(.*)$", re.I)


def _title(text: str) -> tuple[str, str]:
    title, rest = lead_title(text)
    if not rest and "(" in title:  # "Add rate limiting (2 hours)" without bold
        head, _, tail = title.partition("(")
        return head.strip(), tail
    return title, rest


def recognize_actions(section: Section, ctx: Context) -> None:
    """Items of an "Immediate Action Items" section are actions; a "Total: ~8.5 hours" line is their total."""
    if not section.says(ACTION_TITLE) or id(section) in ctx.finding_sections:
        return
    if ctx.in_checklist(section):
        return
    found = False
    for block in section.blocks:
        if isinstance(block, ListBlock):
            for item in block.items:
                title, rest = _title(item.text)
                if len(title) < 3:
                    continue
                if _TOTAL.match(plain(item.text)):
                    _set_total(ctx, item.line, plain(item.text), section)
                    continue
                effort = parse_duration(plain(rest)) or parse_duration(plain(item.text))
                action = Action(title=shorten(title, 200), effort=effort, line=item.line)
                ctx.actions.append(action)
                hours = f" ({span(*effort.hours())} h)" if effort else ""
                ctx.fact(item.line, "action", f"action {action.title}{hours}", section)
                found = True
        elif isinstance(block, Paragraph):
            for line, text in block.lines():
                if _TOTAL.match(plain(text)):
                    _set_total(ctx, line, plain(text), section)
                elif (timed := _TIMED_TITLE.match(text)) and (effort := parse_duration(timed.group("time"))):
                    title = clean_name(_LETTER.sub("", plain(timed.group("title"))))
                    action = Action(title=shorten(title, 200), effort=effort, line=line)
                    ctx.actions.append(action)
                    ctx.fact(line, "action", f"action {action.title} ({span(*effort.hours())} h)", section)
                    found = True
    if found:
        ctx.action_sections.add(id(section))


def _set_total(ctx: Context, line: int, text: str, section: Section) -> None:
    duration = parse_duration(_TOTAL.match(text).group(1))
    if duration and ctx.actions_total is None:
        ctx.actions_total = duration
        ctx.fact(line, "actions_total", f"stated actions total {span(duration.min, duration.max)} {duration.unit}",
                 section)


# Sections that list the work still to do, and the columns of a table of it.
_REMAINING_TITLE = re.compile(r"\b(?:remaining|outstanding|open items|to-?do|next steps|work items|action plan|"
                              r"verbleibend\w*|offene punkte|оставш\w*|осталось|pendentes|restantes)\b|待办|剩余",
                              re.I)
_EFFORT_HEADER = re.compile(r"^(?:effort|estimate|estimated effort|time|duration|aufwand|dauer|трудозатраты|"
                            r"оценка|срок|esforço|estimativa|工作量|工时|预计)$", re.I)
_TASK_HEADER = re.compile(r"^(?:item|task|action|work|work item|step|aufgabe|maßnahme|задача|действие|tarefa|"
                          r"ação|任务|事项)s?$", re.I)


def recognize_action_table(section: Section, ctx: Context) -> None:
    """A table of remaining work ("| Item | Owner | Effort |") under a "Remaining ..." heading: its rows whose
    effort reads as a duration are actions. A "critical path" total below such a table is not read as their
    sum (parallel work makes it shorter than the sum)."""
    if not section.says(_REMAINING_TITLE) or id(section) in ctx.finding_sections:
        return
    for block in section.blocks:
        if not isinstance(block, Table):
            continue
        header = [clean_name(cell) for cell in block.header]
        task = next((i for i, cell in enumerate(header) if opens_with(_TASK_HEADER, cell)), None)
        effort = next((i for i, cell in enumerate(header) if opens_with(_EFFORT_HEADER, cell)), None)
        if task is None or effort is None:
            continue
        rows = [(line, clean_name(row[task]), parse_duration(plain(row[effort])))
                for row, line in zip(block.rows, block.row_lines) if len(row) > max(task, effort)]
        timed = [(line, title, duration) for line, title, duration in rows if title and duration]
        if len(timed) < 2 or len(timed) < 0.6 * len(rows):
            continue
        for line, title, duration in timed:
            action = Action(title=shorten(title, 200), effort=duration, line=line)
            ctx.actions.append(action)
            ctx.fact(line, "action", f"action {action.title} ({span(*duration.hours())} h, from a table)", section)
        ctx.action_sections.add(id(section))
