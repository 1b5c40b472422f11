"""Immediate action items: "**Add global error handler** (2 hours)" and their stated total."""

from __future__ import annotations

import re

from readiness.importers.markdown.context import Context
from readiness.importers.markdown.numbers import parse_duration
from readiness.importers.markdown.text import lead_title, plain, shorten, span
from readiness.importers.markdown.tree import ListBlock, Paragraph, Section
from readiness.model import Action

ACTION_TITLE = re.compile(r"\b(?:immediate|action items?|quick wins?|next (?:24|48|72) hours|urgent actions?|"
                          r"sofortma\w*|немедленн\w*|первоочередн\w*|ações imediatas|ações urgentes)\b|立即|紧急",
                          re.I)
_TOTAL = re.compile(r"^\s*(?:estimated\s+)?total\b[^:]*[:：]?\s*(.*)$", re.I)


def _title(text: str) -> tuple[str, str]:
    title, rest = lead_title(text)
    if not rest and "(" in title:  # "Add rate limiting (2 hours)" without bold
        head, _, tail = title.partition("(")
        return head.strip(), tail
    return title, rest


def recognize_actions(section: Section, ctx: Context) -> None:
    """Items of an "Immediate Action Items" section are actions; a "Total: ~8.5 hours" line is their total."""
    if not section.level or not ACTION_TITLE.search(section.name) or id(section) in ctx.finding_sections:
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
    if found:
        ctx.action_sections.add(id(section))


def _set_total(ctx: Context, line: int, text: str, section: Section) -> None:
    duration = parse_duration(_TOTAL.match(text).group(1))
    if duration and ctx.actions_total is None:
        ctx.actions_total = duration
        ctx.fact(line, "actions_total", f"stated actions total {span(duration.min, duration.max)} {duration.unit}",
                 section)
