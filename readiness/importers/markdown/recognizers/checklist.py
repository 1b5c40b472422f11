"""Checklists: "- [ ]" / "- [x]" items grouped by their nearest heading, with "(60% Complete)" claims.

Checkbox items under a phase or week heading are that phase's steps (the plan recognizer reads them as
task items), not checklist items; every other checkbox belongs to the checklist group of its heading.
"""

from __future__ import annotations

import re

from readiness.importers.markdown.context import PHASE_HEADING, Context
from readiness.importers.markdown.numbers import leading_mark, to_float
from readiness.importers.markdown.text import bold_parts, clean_name, plain, shorten
from readiness.importers.markdown.tree import ListBlock, Paragraph, Section, Table
from readiness.importers.markdown.vocabulary import field_of, level_word, scope_of
from readiness.model import ChecklistClaim, ChecklistItem

_CLAIM = re.compile(r"[(（]\s*(?:~|约)?\s*(\d+(?:\.\d+)?)\s*%\s*([^)）]{0,20})[)）]")
_CLAIM_WORDS = re.compile(r"^\s*(?:complete|completed|done|finished|fertig|abgeschlossen|готово|выполнено|"
                          r"concluído|完成度?|)\s*$", re.I)


# "1.1 Backend", "2.3. Datenbank": a section number is not part of a group's name.
_SECTION_NUMBER = re.compile(r"^\s*\d+(?:\.\d+)+\.?\s+(?=\D)")
# A trailing bracket that only qualifies the group: a score ("(40/40)", "(3 / 5)"), a launch countdown
# ("(T-24 hours)", "(T+0)"), a priority field ("(Priority: HIGH)", "(Priorität: hoch)") or a lone level
# word ("(Critical!)", "(Высокий)").
_TRAILING_BRACKET = re.compile(r"(?<!\s)\s*[(（]([^()（）]{1,40})[)）]\s*$")
_SCORE_ONLY = re.compile(r"^\s*\d+(?:[.,]\d+)?\s*/\s*\d+(?:[.,]\d+)?\s*$")
_COUNTDOWN = re.compile(r"^\s*T\s*[-+−–]\s*\d+(?:\s*\w+)?\s*$")


def _is_qualifier(inside: str) -> bool:
    """Whether a bracket's text only states a score, a countdown, a priority or a level."""
    if _SCORE_ONLY.match(inside) or _COUNTDOWN.match(inside):
        return True
    label, colon, _value = inside.partition(":")
    if colon and field_of(label) == "priority":
        return True
    return level_word(inside.strip(" !")) is not None and len(inside.split()) <= 2


def group_name(title: str) -> tuple[str, float | None]:
    """'1.2 Testing ❌ (0% Complete)' -> ('Testing', 0.0): the group's name and its stated completion.

    Section numbers go, and so does a trailing bracket that states a completion, a score, a priority
    or a countdown; any other bracket ("(Day 1)", "(smoke)") is part of the name.
    """
    text = plain(title)
    percent = None
    match = _CLAIM.search(text)
    if match and _CLAIM_WORDS.match(match.group(2)):
        percent = to_float(match.group(1))
        text = (text[:match.start()] + text[match.end():]).strip()
    text = _SECTION_NUMBER.sub("", text).rstrip(" :：")
    bracket = _TRAILING_BRACKET.search(text)
    # A shouted aside of several words ("CRITICAL (MUST DO BEFORE LAUNCH)") says when, not what: it goes.
    if bracket and bracket.start() > 0 and _shouted(bracket.group(1)):
        return clean_name(text[:bracket.start()]), percent
    # A group that is itself a priority ("Must Have (Blocking)", "Critical (P0)") keeps its bracket.
    if bracket and bracket.start() > 0 and _is_qualifier(bracket.group(1)):
        outside = text[:bracket.start()]
        if not (level_word(outside) or "priority_class" in scope_of(outside)):
            text = outside
    return clean_name(text), percent


def _shouted(text: str) -> bool:
    """Two or more words, all in capitals ("BEFORE SOFT LAUNCH", "VOR DEM START")."""
    words = [w for w in text.split() if any(c.isalpha() for c in w)]
    return len(words) >= 2 and all(w.isupper() for w in words)


def _bold_label(block: Paragraph) -> str | None:
    """The text of a paragraph that is only a bold label ("**Security Tests:**"), else None."""
    text = block.text.strip()
    if "\n" in text or not text.startswith(("**", "__")):
        return None
    parts = bold_parts(text)
    if len(parts) != 1:
        return None
    rest = text.replace(f"**{parts[0]}**", "", 1).replace(f"__{parts[0]}__", "", 1).strip(" :：")
    return parts[0] if not rest else None


def _in_plan(section: Section) -> bool:
    return section.within(PHASE_HEADING, start=True)


def _has_boxes(section: Section, ctx: Context) -> bool:
    """Whether any item under the heading has a box: answered once per heading (every section under a
    checklist heading asks it of the same one), and never walked where the document has no box at all."""
    if not ctx.has_checkboxes():
        return False
    known = ctx.boxed_headings.get(id(section))
    if known is None:
        known = any(item.checked is not None for node in section.walk() for block in node.blocks
                    if isinstance(block, ListBlock) for item in block.all_items())
        ctx.boxed_headings[id(section)] = known
    return known


def _boxless_checklist(section: Section, ctx: Context) -> bool:
    """Whether the section stands in a checklist written without boxes: under a heading (or title) that
    names a checklist, none of whose items has a box."""
    for node in (section, *section.ancestors()):
        if node.level and "checklist" in scope_of(node.name):
            return not _has_boxes(node, ctx)
    return False


def _step_rows(table: Table) -> list[tuple[str, int]]:
    """The rows of a table of steps ("| Step | Action |", "| Шаг | Команда |") with no status column."""
    if not table.header or field_of(plain(table.header[0])) != "tasks":
        return []
    if any(field_of(plain(cell)) == "status" for cell in table.header):
        return []  # a status column says what is done: the status-table reader's
    return [(plain(row[0]), line) for row, line in zip(table.rows, table.row_lines, strict=False)
            if row and plain(row[0])]


def _recognize_boxless(section: Section, ctx: Context) -> None:
    """Steps of a checklist written as table rows or plain bullets: open items of the heading's group."""
    category = group_name(section.title)[0] or None
    steps: list[tuple[str, int]] = []
    for block in section.blocks:
        if isinstance(block, Table):
            steps.extend(_step_rows(block))
        elif isinstance(block, ListBlock):
            # Items opening with a done or open mark ("✅ Backups") are the marked-lines reader's.
            steps.extend((plain(item.text), item.line) for item in block.items
                         if plain(item.text) and leading_mark(item.text) is None)
    for text, line in steps:
        ctx.checklist.append(ChecklistItem(category=category, text=shorten(text, 300), done=False, line=line))
    if steps:
        ctx.use(section)
        ctx.fact(section.line, "checklist", f"checklist {category}: {len(steps)} steps, none marked done "
                 "(a checklist written without boxes)", section)


def recognize_checklist(section: Section, ctx: Context) -> None:
    """Checkbox items under a heading form a checklist group named after the heading."""
    if _in_plan(section):
        return
    if section.level and not ctx.is_used(section) and _boxless_checklist(section, ctx):
        _recognize_boxless(section, ctx)
        return
    # Checkbox items stand in lists, and a completion claim has a "%" in its heading: a section with neither
    # names no group, and its heading need not be read as one.
    boxed = ctx.has_checkboxes() and any(isinstance(block, ListBlock) for block in section.blocks)
    if not boxed and not (section.level and "%" in plain(section.title)):
        return
    heading, percent = group_name(section.title) if section.level else (None, None)
    heading = heading or None
    # The nearest label above an item names its group: the heading, or a bold label paragraph under it.
    groups: dict[str | None, list] = {}
    label = heading
    for block in section.blocks:
        if isinstance(block, Paragraph):
            bold = _bold_label(block)
            if bold is not None:
                # "Need to Add:" says what state the items are in, not what they are about.
                pending = "pending" in scope_of(bold) and len(bold.split()) <= 4
                label = heading if pending else group_name(bold)[0] or heading
        elif isinstance(block, ListBlock):
            groups.setdefault(label, []).extend(
                item for item in block.all_items() if item.checked is not None)
    for category, items in groups.items():
        if not items:
            continue
        for item in items:
            text = shorten(plain(item.text), 300)
            if not text:
                continue
            ctx.checklist.append(ChecklistItem(category=category, text=text, done=bool(item.checked),
                                               line=item.line))
        done = sum(1 for item in items if item.checked)
        ctx.fact(section.line, "checklist",
                 f"checklist {category or '(no heading)'}: {done} of {len(items)} done", section)
    category = heading
    if percent is not None and category and 0 <= percent <= 100:
        ctx.checklist_claims.append(ChecklistClaim(category=category, percent=percent, line=section.line))
        ctx.fact(section.line, "checklist_claim", f"checklist claim {category} {percent:g}% complete")
