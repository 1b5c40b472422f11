"""Findings from table rows: a table that rates each row's severity or priority lists gaps.

A row is a finding when its table has a column naming a severity or a priority and none naming a
probability (that table lists risks). The title comes from the column naming an issue, gap, risk or
area, else from the first column that is not a row number; an effort column gives the effort.
Issue sections written as headings and lists are read by the findings recognizer.
"""

from __future__ import annotations

import re

from readiness.importers.markdown.context import Context
from readiness.importers.markdown.numbers import parse_duration, parse_level
from readiness.importers.markdown.records import Record
from readiness.importers.markdown.text import clean_name, plain, shorten
from readiness.importers.markdown.vocabulary import field_of
from readiness.model import SEVERITIES, Finding

# Sections whose tables weigh options, restate history or give examples rather than list gaps.
_NOT_LISTS = ("alternatives", "comparison", "example", "history", "plan", "costs", "checklist")
_WORDS = re.compile(r"[^\W\d_]{2}")


def _columns(record: Record) -> dict[str, int] | None:
    fields = [field_of(cell) for cell in record.header]
    if "probability" in fields:
        return None
    level = next((i for i, f in enumerate(fields) if f in ("severity", "priority")), None)
    if level is None:
        return None
    # The column naming an issue, gap or risk, when it holds words ("Gap: -6.0" holds a number).
    title = next((i for i, f in enumerate(fields) if f in ("issue", "risk") and i < len(record.cells)
                  and _WORDS.search(plain(record.cells[i]))), None)
    if title is None:
        title = next((i for i, cell in enumerate(record.cells)
                      if i != level and fields[i] is None and _WORDS.search(plain(cell))), None)
    if title is None:
        return None
    columns = {"title": title, "level": level}
    effort = next((i for i, f in enumerate(fields) if f in ("effort", "duration")), None)
    if effort is not None:
        columns["effort"] = effort
    return columns


def interpret_finding_rows(records: list[Record], ctx: Context) -> None:
    """Rows of severity- or priority-rated tables become findings."""
    tables: dict[int, dict[str, int] | None] = {}
    for record in records:
        if record.form != "row" or ctx.is_claimed(record) or any(cue in record.scope for cue in _NOT_LISTS):
            continue
        key = id(record.table)
        if key not in tables:
            tables[key] = _columns(record)
        columns = tables[key]
        if columns is None:
            ctx.decline(record, "findings", "its table has no severity or priority column (or has a probability)")
            continue

        def cell(name: str) -> str:
            index = columns.get(name)
            return record.cells[index] if index is not None and index < len(record.cells) else ""

        title = shorten(clean_name(cell("title")), 200)
        level = parse_level(cell("level"))
        if len(title) < 2 or level not in SEVERITIES or level == "info":
            continue
        effort = parse_duration(plain(cell("effort"))) if "effort" in columns else None
        ctx.findings.append(Finding(title=title, severity=level, effort=effort, line=record.line))
        ctx.claim(record, "findings")
        ctx.fact(record.line, "finding", f"finding {title} ({level}) (table row)", record.section, confidence=0.9)
