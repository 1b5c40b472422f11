"""Checklists written without checkboxes: status tables (Pass/Partial/Fail, ✓/✗, JA/NEIN) and ✅/❌ marks.

Tables and marked lines only count in documents with no "- [ ]" item at all: where a document keeps a
checkbox list, that list is its checklist and its ✅ bullets are usually prose. Runs of marked sub-headings
("### ✅ Payments - ready") count anywhere, unless one of them heads checkboxes or findings. Done means the
document says done (Pass, ✅, JA); Partial, Fail, ❌, ⚠️ and ⏸️ are open; Deferred and n/a rows are left out
(see numbers.parse_done). Facts say which construct an item came from.
"""

from __future__ import annotations

import re

from readiness.importers.markdown.context import PHASE_HEADING, Context
from readiness.importers.markdown.fold import has, opens_with
from readiness.importers.markdown.numbers import leading_mark, parse_done
from readiness.importers.markdown.recognizers.checklist import group_name
from readiness.importers.markdown.text import clean_name, plain, shorten
from readiness.importers.markdown.tree import ListBlock, Paragraph, Section, Table
from readiness.model import ChecklistItem

_STATUS_HEADER = re.compile(r"^(?:status|state|result|outcome|verdict|met|pass(?:ed)?|done|ready|erfüllt|ergebnis|"
                            r"zustand|статус|состояние|результат|estado|situação|resultado|状态|结果)\b", re.I)
_NAME_HEADER = re.compile(r"criteri|item|feature|gate|requirement|check|title|name|task|component|area|"
                          r"categor|control|kriteri|anforderung|prüfpunkt|критери|требован|компонент|пункт|"
                          r"requisito|crit[ée]rio|项|要求", re.I)
_ID_HEADER = re.compile(r"^(?:#|no\.?|nr\.?|№|id|ref)$", re.I)
_TOTAL = re.compile(r"^(?:total|overall|gesamt|sum|итого?|всего|总计|合计)\b", re.I)


# Small patterns compiled once (they run on every document; regex_audit sees them here).
_FIGURES_ONLY = re.compile(r"[\d.,%/\s~-]+")


def _columns(table: Table) -> tuple[int, int] | None:
    """(name column, status column) of a table that lists criteria with a status each, else None."""
    header = [plain(cell) for cell in table.header]
    status_col = next((i for i, cell in enumerate(header) if opens_with(_STATUS_HEADER, cell)), None)
    if status_col is None:
        return None
    others = [i for i in range(len(header)) if i != status_col and not opens_with(_ID_HEADER, header[i])]
    name_col = next((i for i in others if has(_NAME_HEADER, header[i])), others[0] if others else None)
    return (name_col, status_col) if name_col is not None else None


def _in_plan(section: Section) -> bool:
    return section.within(PHASE_HEADING, start=True)


def _add(ctx: Context, section: Section, found: list[tuple[int, str, bool]], what: str) -> None:
    category = (group_name(section.title)[0] if section.level else "") or None
    for line, text, done in found:
        ctx.checklist.append(ChecklistItem(category=category, text=shorten(text, 300), done=done, line=line))
    done = sum(1 for _, _, d in found if d)
    ctx.fact(section.line, "checklist", f"checklist {category or '(no heading)'}: {done} of {len(found)} done "
             f"({what})", section)


def _table_items(table: Table) -> list[tuple[int, str, bool]]:
    columns = _columns(table)
    if columns is None:
        return []
    name_col, status_col = columns
    found, rows = [], 0
    for row, line in zip(table.rows, table.row_lines):
        if len(row) <= max(name_col, status_col):
            continue
        name = clean_name(row[name_col])
        # A name that is only a number or a status word is a count table ("| Pass | 2 |"), not a criterion.
        if not name or _TOTAL.match(name) or _FIGURES_ONLY.fullmatch(name) or parse_done(name) is not None:
            continue
        rows += 1
        done = parse_done(row[status_col])
        if done is not None:
            found.append((line, name, done))
    return found if len(found) >= 2 and len(found) >= 0.6 * rows else []


def recognize_status_tables(section: Section, ctx: Context) -> None:
    """A table with a criterion column and a Status column of Pass/Fail, ✓/✗ or JA/NEIN is a checklist."""
    if ctx.has_checkboxes() or _in_plan(section):
        return
    for block in section.blocks:
        if isinstance(block, Table):
            found = _table_items(block)
            if found:
                _add(ctx, section, found, "status table")


def _has_checkboxes(section: Section) -> bool:
    return any(item.checked is not None for node in section.walk() for block in node.blocks
               if isinstance(block, ListBlock) for item in block.all_items())


def _marked(lines: list[tuple[int, str]], least: int = 2) -> list[tuple[int, str, bool]]:
    """The lines that open with ✅/❌-style marks, when at least `least` do and they are at least half."""
    found = []
    for line, raw in lines:
        done = leading_mark(raw)
        if done is not None and (text := clean_name(raw)):
            found.append((line, text, done))
    return found if len(found) >= least and len(found) >= 0.5 * len(lines) else []


def recognize_marked_items(section: Section, ctx: Context) -> None:
    """Bullets, lines or sub-headings opening with ✅ / ✓ (done) or ❌ / ✗ / ⚠️ / ⏸️ (open) are checklist items.

    A guess made conservative: only without checkboxes in the document, never in findings, actions or plan
    sections, and only where marked lines are at least half of their list, paragraph or run of headings.
    """
    if _in_plan(section) or id(section) in ctx.finding_sections or ctx.is_action_section(section):
        return
    found: list[tuple[int, str, bool]] = []
    # Marked lines are a checklist where the document has no boxes, or where a heading says "checklist".
    for block in section.blocks if not ctx.has_checkboxes() or ctx.in_checklist(section) else ():
        if isinstance(block, ListBlock):
            found += _marked([(item.line, item.text) for item in block.items])
        elif isinstance(block, Paragraph):
            found += _marked(list(block.lines()))
    if found:
        _add(ctx, section, found, "marked lines")
    _read_marked_headings(section, ctx)


def _holds_items(section: Section, ctx: Context) -> bool:
    """Whether a section's own tables or marked lines are read as checklist items (so its heading is not one)."""
    if ctx.has_checkboxes() or _in_plan(section):
        return False
    for block in section.blocks:
        if isinstance(block, Table) and _table_items(block):
            return True
        if isinstance(block, ListBlock) and _marked([(item.line, item.text) for item in block.items]):
            return True
        if isinstance(block, Paragraph) and _marked(list(block.lines())):
            return True
    return False


def _read_marked_headings(section: Section, ctx: Context) -> None:
    """A run of three or more sub-headings opening with marks: one item each (two are usually a good/bad split,
    "✅ Safe for" / "⚠️ Not safe for"). None counts where one of them heads checkboxes or findings ("✅ Completed"
    over a "- [x]" list is a group heading), and a heading whose own table or marked lines are items is not
    counted again as one item."""
    marked = _marked([(child.line, child.title) for child in section.children], least=3)
    if not marked or any(_has_checkboxes(child) or any(id(c) in ctx.finding_sections for c in child.walk())
                         for child in section.children):
        return
    holders = {child.line for child in section.children if _holds_items(child, ctx)}
    headings = [item for item in marked if item[0] not in holders]
    if headings:
        _add(ctx, section, headings, "marked headings")
