"""Risk tables: a risk column with likelihood and/or impact columns, and a mitigation."""

from __future__ import annotations

import re

from readiness.importers.markdown.context import Context
from readiness.importers.markdown.numbers import parse_level, parse_probability
from readiness.importers.markdown.text import clean_name, lead_title, plain, shorten
from readiness.importers.markdown.tree import ListBlock, Paragraph, Section, Table
from readiness.model import Risk

_RISK_HEADER = re.compile(r"risk|threat|hazard|risik|риск|угроз|risco|riesgo|风险|ریسک", re.I)
_PROBABILITY_HEADER = re.compile(r"probab|likelihood|chance|wahrscheinlich|eintritt|вероятн|probabilidade|"
                                 r"可能性|概率|احتمال", re.I)
_IMPACT_HEADER = re.compile(r"impact|severity|consequence|auswirkung|schwere|влияни|последств|серьезн|impacto|"
                            r"gravidade|影响|严重|تاثیر", re.I)
_MITIGATION_HEADER = re.compile(r"mitigat|response|action|countermeasure|maßnahme|gegenma|митигац|мер[аы]|"
                                r"mitiga[çc]|缓解|应对|措施|کاهش", re.I)


def _columns(header: list[str]) -> dict[str, int] | None:
    cells = [plain(cell) for cell in header]
    found: dict[str, int] = {}
    for index, cell in enumerate(cells):
        for key, pattern in (("probability", _PROBABILITY_HEADER), ("impact", _IMPACT_HEADER),
                             ("mitigation", _MITIGATION_HEADER), ("risk", _RISK_HEADER)):
            if key not in found and pattern.search(cell):
                found[key] = index
                break
    if "probability" not in found and "impact" not in found:
        return None
    if "risk" not in found:
        # No "Risk" header: the first column that is none of the others names the risk.
        taken = set(found.values())
        found["risk"] = next((i for i in range(len(cells)) if i not in taken), 0)
        if "probability" not in found:
            return None  # "Item | Impact" alone is not a risk table
    return found


def _read_risk_table(table: Table, section: Section, ctx: Context) -> int:
    columns = _columns(table.header)
    if columns is None:
        return 0
    count = 0
    for row, line in zip(table.rows, table.row_lines):
        def cell(key: str) -> str:
            index = columns.get(key)
            return row[index] if index is not None and index < len(row) else ""

        title = clean_name(cell("risk"))
        if not title:
            continue
        probability = parse_probability(plain(cell("probability"))) if "probability" in columns else None
        impact_text = plain(cell("impact")) + " " + cell("impact")
        impact = parse_level(impact_text) or "medium"
        if impact not in ("critical", "high", "medium", "low"):
            impact = "medium"
        mitigation = shorten(plain(cell("mitigation")), 300) or None
        risk = Risk(title=shorten(title, 200), probability=probability, impact=impact, mitigation=mitigation,
                    line=line)
        ctx.risks.append(risk)
        chance = f"p={probability:g}" if probability is not None else "p=?"
        ctx.fact(line, "risk", f"risk {risk.title} {chance} impact={impact}", section)
        count += 1
    return count


def recognize_risk_table(section: Section, ctx: Context) -> None:
    """Rows of a table with risk and likelihood (or impact) columns become risks."""
    for block in section.blocks:
        if isinstance(block, Table) and block.header:
            _read_risk_table(block, section, ctx)


_RISK_GROUP = re.compile(r"^(?:very high|critical|high|medium|moderate|low)[- ](?:risks?|risk items?|risk areas?)\b|"
                         r"^(?:risks?|risikos?|риски?)\s*[(:]\s*(?:very high|critical|high|medium|low)", re.I)
_ITEM_LABEL = re.compile(r"^\s*(impact|severity|probability|likelihood|mitigation|auswirkung|wahrscheinlichkeit|"
                         r"maßnahme)\s*[:：]\s*(.+)$", re.I)


def recognize_risk_lists(section: Section, ctx: Context) -> None:
    """Items under "High Risk Items" / "Medium Risks" headings are risks of that impact."""
    if not section.level or not _RISK_GROUP.match(section.name):
        return
    impact = parse_level(section.name) or "medium"
    for block in section.blocks:
        if not isinstance(block, ListBlock):
            continue
        for item in block.items:
            if item.checked is not None:
                continue
            title = clean_name(lead_title(item.text)[0])
            if len(title) < 3:
                continue
            risk = Risk(title=shorten(title, 200), impact=impact, line=item.line)
            for sub in item.sublists():
                match = _ITEM_LABEL.match(plain(sub.text))
                if not match:
                    continue
                key, value = match.group(1).casefold(), match.group(2)
                if key in ("impact", "severity", "auswirkung"):
                    level = parse_level(value)
                    risk.impact = level if level in ("critical", "high", "medium", "low") else risk.impact
                elif key in ("probability", "likelihood", "wahrscheinlichkeit"):
                    risk.probability = parse_probability(value)
                else:
                    risk.mitigation = shorten(value, 300)
            ctx.risks.append(risk)
            chance = f"p={risk.probability:g}" if risk.probability is not None else "p=?"
            ctx.fact(item.line, "risk", f"risk {risk.title} {chance} impact={risk.impact}", section)


# A short paragraph that only names a level ("**High:**", "**Mittel:**", "**Низкий риск:**") heads the list below.
_LEVEL_LEAD = re.compile(r"^[^\W\d_][^\d:：]{0,28}[:：]?$")
_ARROW = re.compile(r"(?<!\s)\s*+(?:→|->|⇒)\s*")
_MITIGATION_LABEL = re.compile(r"^(?:mitigation|solution|fix|lösung|maßnahme|решение|мера|solução|mitigação|缓解|措施)\s*[:：]\s*",
                               re.I)


def _level_lead(block: Paragraph) -> str | None:
    text = re.sub(r"(?<!\s)\s*+[(（][^()（）]*[)）]", "", plain(block.text)).strip()  # "High Risk (could delay launch):"
    if "\n" in block.text.strip() or not _LEVEL_LEAD.match(text):
        return None
    return parse_level(text.rstrip(":："))


def recognize_risk_levels(section: Section, ctx: Context) -> None:
    """Under a risks heading, lists each led by a level paragraph ("**High:**" then bullets) are risks of it.

    Only the level the document states is kept (as impact); no likelihood is made up. "X → mitigation"
    items keep the part after the arrow as the mitigation.
    """
    if not section.level or not _RISK_HEADER.search(section.name) or _RISK_GROUP.match(section.name) \
            or ctx.is_used(section):
        return
    level = None
    found = 0
    for block in section.blocks:
        if isinstance(block, Paragraph):
            level = _level_lead(block)
            continue
        if not isinstance(block, ListBlock) or level is None:
            level = None
            continue
        for item in block.items:
            if item.checked is not None:
                continue
            parts = _ARROW.split(plain(item.text), maxsplit=1)
            title = clean_name(lead_title(parts[0])[0]) if "**" in item.text else clean_name(parts[0])
            if len(title) < 3:
                continue
            mitigation = shorten(_MITIGATION_LABEL.sub("", parts[1]), 300) if len(parts) == 2 else None
            ctx.risks.append(Risk(title=shorten(title, 200), impact=level, mitigation=mitigation, line=item.line))
            ctx.fact(item.line, "risk", f"risk {title} p=? impact={level} (listed under a level)", section)
            found += 1
        level = None
