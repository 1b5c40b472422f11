"""Cost lines under a cost heading ("**Development**: $15-30K (1 developer, 3 weeks)") and stated totals."""

from __future__ import annotations

import re

from readiness.importers.markdown.context import Context
from readiness.importers.markdown.fold import has
from readiness.importers.markdown.numbers import Money, parse_duration, parse_money
from readiness.importers.markdown.text import clean_name, lead_title, plain, shorten, span
from readiness.importers.markdown.tree import Section, Table
from readiness.model import CostItem, MoneyRange

COST_TITLE = re.compile(r"cost|budget|investment|spend|expense|kosten|ausgaben|стоимост|затрат|"
                        r"бюджет|расход|custo|orçamento|presupuesto|费用|成本|预算|هزینه", re.I)
EFFORT_TITLE = re.compile(r"time|effort|timeline|schedule|estimate|investment|aufwand|zeit|трудо|срок|"
                          r"esforço|prazo|工时|时间", re.I)
_TOTAL = re.compile(r"^(?:estimated |grand |overall )?(?:total|sum|gesamt\w*|итого|всего|总计|合计)\b", re.I)
# Weekly figures are kept as monthly ones (52 weeks / 12 months), the coarsest the format has.
_WEEKS_PER_MONTH = 52 / 12


def _in_cost_section(section: Section) -> bool:
    return section.within(COST_TITLE)


def _note(text: str, money_end: int) -> str | None:
    rest = text[money_end:].strip(" :;,.-–—")
    if rest.startswith("(") and ")" in rest:
        rest = rest[1:rest.index(")")] + rest[rest.index(")") + 1:]
    rest = rest.strip(" :;,.-–—()")
    return shorten(rest, 200) or None


def recognize_cost_lines(section: Section, ctx: Context) -> None:
    """Under a cost heading, each line with money is a cost item; a "Total ..." line is the stated total."""
    if not section.level or not _in_cost_section(section) or id(section) in ctx.finding_sections:
        return
    for line, raw in section.paragraphs_and_items():
        label, rest = lead_title(raw)
        simple = plain(raw)
        money = parse_money(plain(rest)) if rest else None
        if money is None:
            money = parse_money(simple)
            if money is None:
                continue
            label = clean_name(simple[:money.start]) or clean_name(simple[money.end:]) or "Cost"
            rest = simple
        else:
            rest = plain(rest)
        if _TOTAL.match(label):
            if ctx.cost_total is None:
                ctx.cost_total = MoneyRange(min=money.min, max=money.max, currency=money.currency, line=line)
                ctx.fact(line, "cost_total", f"stated cost total {span(money.min, money.max, ',.0f')} {money.currency}",
                         section)
            continue
        _add_cost(ctx, section, label, money, _note(rest, money.end), line)


def _add_cost(ctx: Context, section: Section, label: str, money: Money, note: str | None, line: int) -> None:
    low, high, recurrence = money.min, money.max, money.recurrence
    if recurrence == "weekly":
        low, high, recurrence = low * _WEEKS_PER_MONTH, high * _WEEKS_PER_MONTH, "monthly"
    item = CostItem(name=shorten(label, 200), min=low, max=high, currency=money.currency, recurrence=recurrence,
                    note=note, line=line)
    ctx.costs.append(item)
    ctx.fact(line, "cost", f"cost {item.name} {span(item.min, item.max, ',.0f')} {item.currency} {item.recurrence}",
             section)


_MONEY_HEADER = re.compile(r"cost|kosten|budget|price|amount|custo|preço|стоимост|бюджет|сумма|费用|成本|预算|"
                           r"هزینه|investment|invest", re.I)


def recognize_cost_table(section: Section, ctx: Context) -> None:
    """A table with a cost or budget column: each row with money is a cost item, a TOTAL row the total."""
    if id(section) in ctx.finding_sections:
        return
    for block in section.blocks:
        if not isinstance(block, Table) or not block.header:
            continue
        header = [plain(cell) for cell in block.header]
        money_col = next((i for i, cell in enumerate(header) if has(_MONEY_HEADER, cell)), None)
        if money_col is None:
            continue
        name_col = 0 if money_col != 0 else 1
        for row, line in zip(block.rows, block.row_lines):
            if len(row) <= max(money_col, name_col):
                continue
            money = parse_money(plain(row[money_col]))
            label = clean_name(row[name_col])
            if money is None or not label:
                continue
            if _TOTAL.match(label):
                if ctx.cost_total is None:
                    ctx.cost_total = MoneyRange(min=money.min, max=money.max, currency=money.currency, line=line)
                    ctx.fact(line, "cost_total", f"stated cost total {span(money.min, money.max, ',.0f')} "
                             f"{money.currency}", section)
                continue
            others = [plain(cell) for i, cell in enumerate(row) if i not in (money_col, name_col) and plain(cell)]
            _add_cost(ctx, section, label, money, shorten("; ".join(others), 200) or None, line)


def recognize_effort_total(section: Section, ctx: Context) -> None:
    """Under a time or effort heading, "Total: 15 days (3 weeks)" is the stated effort total."""
    if ctx.effort_total is not None or not section.says(EFFORT_TITLE):
        return
    if id(section) in ctx.finding_sections or ctx.is_action_section(section):
        return
    for line, raw in section.paragraphs_and_items():
        label, rest = lead_title(raw)
        if not _TOTAL.match(label) or parse_money(plain(raw)):
            continue
        duration = parse_duration(plain(rest) or plain(raw))
        if duration:
            ctx.effort_total = duration
            ctx.fact(line, "effort_total", f"stated effort total {span(duration.min, duration.max)} {duration.unit}",
                     section)
            return
