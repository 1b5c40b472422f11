"""Risk tables: a risk column with likelihood and/or impact columns, and a mitigation."""

from __future__ import annotations

import re

from readiness.importers.markdown.context import Context
from readiness.importers.markdown.numbers import parse_level, parse_probability
from readiness.importers.markdown.text import clean_name, plain, shorten
from readiness.importers.markdown.tree import Section, Table
from readiness.model import Risk

_RISK_HEADER = re.compile(r"risk|threat|hazard|risiko|риск|угроз|risco|riesgo|风险|ریسک", re.I)
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
