"""Risks: records that state a likelihood or an impact, or that stand in a risks section.

A record is a risk when
- it is a table row whose header names a probability column, or an impact (or severity) column
  beside a column named for the risk;
- it is a heading with field lines naming a probability, or an impact under a risks heading
  ("### Risk 2: Migration fails" then "**Likelihood**: Low", "**Impact**: High");
- it is a list item under a risks heading that states a level ("**High:**" or "#### Hoch" above
  the list), carries probability/impact/mitigation sub-items, or gives its mitigation after an arrow.

Only what the document states is kept: an impact that is not stated stays null (the risk is then
listed beside the matrix), a probability that is not stated stays null.
"""

from __future__ import annotations

import re

from readiness.importers.markdown.context import Context
from readiness.importers.markdown.numbers import parse_level, parse_probability
from readiness.importers.markdown.records import Record, nearest_scope
from readiness.importers.markdown.text import clean_name, lead_title, plain, shorten
from readiness.importers.markdown.vocabulary import field_of, level_word, scope_of
from readiness.model import IMPACTS, Risk

# Sections whose tables and lists restate or weigh things rather than list risks.
_NOT_LISTS = frozenset(("alternatives", "comparison", "example", "history"))
# "Risk 2:", "RISK-002:", "R3 -", "#4." before a risk's title.
_RISK_PREFIX = re.compile(r"^\s*(?:(?:risk|risiko|risque|риск|riesgo|risco)\s*[-#№]?\s*\d*[a-z]?|r-?\d+|#?\d+)"
                          r"\s*[:.)\-–—]\s*", re.I)
_TRAILING_LEVEL = re.compile(r"(?<!\s)\s*[(\[]\s*([^)\]]{1,24})\s*[)\]]\s*$")
_ARROW = re.compile(r"(?<!\s)\s*(?:→|->|⇒)\s*")


# Small patterns compiled once (they run on every document; regex_audit sees them here).
_BRACKET = re.compile(r"[(（][^()（）]*[)）]")
_FIELD_LEAD = re.compile(r"(?i)^[^:：]{1,20}[:：]\s*")


def _impact(text: str | None) -> str | None:
    level = parse_level(plain(text or "") + " " + (text or "")) if text else None
    return level if level in IMPACTS else None


def _title(raw: str) -> str:
    text = plain(raw)
    text = _RISK_PREFIX.sub("", text, count=1)
    match = _TRAILING_LEVEL.search(text)
    if match and level_word(match.group(1)):
        text = text[:match.start()]
    return shorten(clean_name(text), 200)


def _skipped(record: Record) -> bool:
    scope = record.scope  # what the record's heading and those above it say
    return not _NOT_LISTS.isdisjoint(scope) and "risks" not in scope


def _add(ctx: Context, record: Record, risk: Risk, how: str) -> None:
    ctx.risks.append(risk)
    ctx.claim(record, "risks")
    chance = f"p={risk.probability:g}" if risk.probability is not None else "p=?"
    # Stated under its own labels or columns: sure; a level taken from the headings above: less so.
    confidence = 0.9 if record.form in ("row", "heading") or record.fields else 0.7
    ctx.fact(risk.line, "risk", f"risk {risk.title} {chance} impact={risk.impact or 'not stated'} ({how})",
             record.section, confidence=confidence)


# ---------------------------------------------------------------- tables

def _table_columns(header: tuple[str, ...]) -> dict[str, int] | None:
    found: dict[str, int] = {}
    for index, cell in enumerate(header):
        name = field_of(cell)
        name = "impact" if name == "severity" else "mitigation" if name == "fix" else name
        if name in ("probability", "impact", "mitigation", "risk") and name not in found:
            found[name] = index
    if "probability" not in found and "impact" not in found:
        return None
    if "risk" not in found:
        if "probability" not in found:
            return None  # "Item | Impact" alone is not a risk table
        taken = set(found.values())
        found["risk"] = next((i for i in range(len(header)) if i not in taken), 0)
    return found


def _read_row(record: Record, columns: dict[str, int], ctx: Context) -> None:
    def cell(key: str) -> str:
        index = columns.get(key)
        return record.cells[index] if index is not None and index < len(record.cells) else ""

    title = _title(cell("risk"))
    if not title:
        return
    probability = parse_probability(plain(cell("probability"))) if "probability" in columns else None
    risk = Risk(title=title, probability=probability, impact=_impact(cell("impact")),
                mitigation=shorten(plain(cell("mitigation")), 300) or None, line=record.line)
    _add(ctx, record, risk, "table row")


# ---------------------------------------------------------------- headings and items

def _from_fields(record: Record, title: str, default_impact: str | None, how: str, ctx: Context) -> None:
    likelihood = record.get("probability")
    impact = _impact(record.get("impact")) or _impact(record.get("severity")) or default_impact
    mitigation = record.get("mitigation") or record.get("fix")
    risk = Risk(title=title, probability=parse_probability(plain(likelihood)) if likelihood else None,
                impact=impact, mitigation=shorten(plain(mitigation), 300) if mitigation else None, line=record.line)
    _add(ctx, record, risk, how)


def _heading_level(record: Record) -> str | None:
    """The level the item's lead line or a heading up to its risks heading states ("High:", "Mittel")."""
    if record.lead and (level := level_word(_BRACKET.sub("", record.lead))):
        return level
    for section in record.headings():
        level = level_word(_BRACKET.sub("", section.name))
        if level:
            return level
        if "risks" in scope_of(section.name):
            return None
    return None


def _read_heading(record: Record, ctx: Context) -> None:
    has_probability = record.has("probability")
    if not has_probability and not (record.has("impact", "mitigation")
                                    and nearest_scope(record.section, ("risks", "findings", "plan")) == "risks"):
        if record.fields:
            ctx.decline(record, "risks", "no probability field, and no impact or mitigation under a risks heading")
        return
    title = _title(record.title)
    if len(title) < 3:
        return
    tag = _TRAILING_LEVEL.search(plain(record.title))
    default = level_word(tag.group(1)) if tag and not record.has("impact", "severity") else None
    _from_fields(record, title, default, "heading with fields", ctx)


def _read_item(record: Record, ctx: Context) -> None:
    if record.checked is not None or nearest_scope(record.section, ("risks", "findings", "plan", "strengths",
                                                                      "checklist", "costs")) != "risks":
        return
    parts = _ARROW.split(plain(record.text), maxsplit=1)
    lead, rest = lead_title(record.text)
    # "Technical risk: LOW" rates a whole area; it is not a risk of its own.
    if rest and level_word(plain(rest)):
        ctx.decline(record, "risks", "a rating of a whole area (label: level), not a risk")
        return
    title = _title(lead if "**" in record.text else parts[0])
    if len(title) < 3:
        return
    level = _heading_level(record)
    if level is None and not record.fields and len(parts) < 2:
        ctx.decline(record, "risks", "under a risks heading but states no level, fields or mitigation")
        return
    mitigation = parts[1] if len(parts) == 2 else None
    if mitigation:
        mitigation = _FIELD_LEAD.sub("", mitigation) if field_of(mitigation.split(":")[0]) \
            else mitigation
        record.fields.setdefault("mitigation", mitigation)
    _from_fields(record, title, level, "list item", ctx)


def interpret_risks(records: list[Record], ctx: Context) -> None:
    """Risks from table rows, headings with field lines and list items in risks sections."""
    tables: dict[int, dict[str, int] | None] = {}
    for record in records:
        if ctx.is_claimed(record) or _skipped(record):
            continue
        if record.form == "row":
            key = id(record.table)
            if key not in tables:
                tables[key] = _table_columns(record.header)
            if tables[key] is not None:
                _read_row(record, tables[key], ctx)
            else:
                ctx.decline(record, "risks", "its table names no probability column, nor an impact beside a risk")
        elif record.form == "heading":
            _read_heading(record, ctx)
        elif record.form == "item":
            _read_item(record, ctx)
