"""Checklists: "- [ ]" / "- [x]" items grouped by their nearest heading, with "(60% Complete)" claims.

Checkbox items under a phase or week heading are that phase's steps (the plan recognizer reads them as
task items), not checklist items; every other checkbox belongs to the checklist group of its heading.
"""

from __future__ import annotations

import re

from readiness.importers.markdown.context import PHASE_HEADING, Context
from readiness.importers.markdown.numbers import to_float
from readiness.importers.markdown.text import clean_name, plain, shorten
from readiness.importers.markdown.tree import ListBlock, Section
from readiness.model import ChecklistClaim, ChecklistItem

_CLAIM = re.compile(r"[(（]\s*(?:~|约)?\s*(\d+(?:\.\d+)?)\s*%\s*([^)）]{0,20})[)）]")
_CLAIM_WORDS = re.compile(r"^\s*(?:complete|completed|done|finished|fertig|abgeschlossen|готово|выполнено|"
                          r"concluído|完成度?|)\s*$", re.I)


def group_name(title: str) -> tuple[str, float | None]:
    """'Testing ❌ (0% Complete)' -> ('Testing', 0.0): the group's name and its stated completion."""
    text = plain(title)
    percent = None
    match = _CLAIM.search(text)
    if match and _CLAIM_WORDS.match(match.group(2)):
        percent = to_float(match.group(1))
        text = (text[:match.start()] + text[match.end():]).strip()
    return clean_name(text), percent


def _in_plan(section: Section) -> bool:
    return any(PHASE_HEADING.match(s.name) for s in (section, *section.ancestors()) if s.level)


def recognize_checklist(section: Section, ctx: Context) -> None:
    """Checkbox items under a heading form a checklist group named after the heading."""
    if _in_plan(section):
        return
    items = [item for block in section.blocks if isinstance(block, ListBlock)
             for item in block.all_items() if item.checked is not None]
    if not items:
        return
    category, percent = group_name(section.title) if section.level else (None, None)
    category = category or None
    for item in items:
        text = shorten(plain(item.text), 300)
        if not text:
            continue
        ctx.checklist.append(ChecklistItem(category=category, text=text, done=bool(item.checked), line=item.line))
    done = sum(1 for item in items if item.checked)
    ctx.fact(section.line, "checklist", f"checklist {category or '(no heading)'}: {done} of {len(items)} done",
             section)
    if percent is not None and category and 0 <= percent <= 100:
        ctx.checklist_claims.append(ChecklistClaim(category=category, percent=percent, line=section.line))
        ctx.fact(section.line, "checklist_claim", f"checklist claim {category} {percent:g}% complete")
