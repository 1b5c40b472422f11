"""Strengths: what a document says works, kept as findings of severity "info".

A heading says it lists strengths by its words ("Key strengths", "What works", "Stärken", "优势") or
by a done mark on a heading outside any issues, plan or checklist section ("### Deployed ✅"). Under
such a heading, its sub-headings are the strengths when it has any, else its list items are. Strengths
are read in summaries too: a summary restates issues, but its strengths are often the only list.
"""

from __future__ import annotations

import re

from readiness.importers.markdown.context import Context
from readiness.importers.markdown.records import Record, section_scope
from readiness.importers.markdown.text import WORD, clean_name, lead_title, plain, shorten
from readiness.importers.markdown.tree import Section
from readiness.importers.markdown.vocabulary import scope_of
from readiness.model import Finding

_DONE_MARK = re.compile("[✅✔☑]")
# Kinds of section whose contents are something other than strengths, even with a done mark.
_OTHER_KINDS = ("findings", "risks", "plan", "checklist", "costs", "actions", "scores")


# Small patterns compiled once (they run on every document; regex_audit sees them here).
_A_WORD_CHARACTER = re.compile(r"\w")


def _says_strengths(section: Section) -> bool:
    said = scope_of(section.name)
    if "strengths" in said:
        return not any(kind in said for kind in ("findings", "risks"))
    if not _DONE_MARK.search(section.title) or not _A_WORD_CHARACTER.search(plain(section.title)):
        return False
    return not any(kind in section_scope(section) for kind in _OTHER_KINDS)


def _lead_says_strengths(lead: str) -> bool:
    """A lead line above a list ("**Strengths:**", "**Positive findings (payments):**") that names strengths."""
    said = scope_of(lead)
    return "strengths" in said and not any(kind in said for kind in ("risks",))


def _add(ctx: Context, record: Record, title: str) -> None:
    key = title.casefold()
    if key in ctx.strength_titles:
        ctx.claim(record, "strengths")
        return
    ctx.strength_titles.add(key)
    ctx.findings.append(Finding(title=shorten(title, 200), severity="info", line=record.line))
    ctx.claim(record, "strengths")
    named = record.section.name if record.form in ("item", "row") else record.section.parent.name
    marked = "strengths" not in scope_of(named) and not (record.lead and "strengths" in scope_of(record.lead))
    ctx.fact(record.line, "strength", f"strength {title}", record.section, confidence=0.5 if marked else 0.7)


def interpret_strengths(records: list[Record], ctx: Context) -> None:
    """Sub-headings, list items or table rows under a strengths heading become info findings."""
    read = frozenset(ctx.used)  # the sections recognizers read, before strengths mark theirs
    for record in records:
        if ctx.is_claimed(record) or record.checked is not None:
            continue
        if record.form == "heading":
            parent = record.section.parent
            if parent is not None and parent.level and _says_strengths(parent):
                title = plain(record.section.name)
                if len(title) >= 3:
                    _add(ctx, record, title)
        elif record.form == "item":
            section = record.section
            led = record.lead is not None and _lead_says_strengths(record.lead)
            if led or _says_strengths(section) and not any(not c.pseudo for c in section.children):
                title = lead_title(record.text)[0]
                if len(title) >= 3:
                    _add(ctx, record, title)
        elif record.form == "row" and (title := _row_strength(record, read)):
            _add(ctx, record, title)


def _row_strength(record: Record, read: frozenset[int]) -> str | None:
    """A row of a table under a heading that says strengths in words ("## Strengths", "## Stärken", not a
    done mark: a table of deployed parts is an inventory) is one strength: named by the cell of the column
    whose header says strength ("| # | Strength | Detail |"), else by the row's first cell with words."""
    section = record.section
    said = scope_of(section.name)
    if id(section) in read or "strengths" not in said or any(kind in said for kind in ("findings", "risks")):
        return None  # a table a recognizer read (scores, costs), or no strengths heading
    named = [i for i, header in enumerate(record.header) if "strengths" in scope_of(header)]
    cells = [clean_name(record.cells[i]) for i in named if i < len(record.cells)] or \
        [clean_name(cell) for cell in record.cells]
    title = next((cell for cell in cells if len(cell) >= 3 and WORD.search(cell)), None)
    # Without a strength column, a row says in words why it is one; a row of figures ("p95 latency |
    # 900 ms | 300 ms") is a measurement.
    if title is None or not named and not any(len(WORD.findall(cell)) >= 2 for cell in cells if cell != title):
        return None
    return title
