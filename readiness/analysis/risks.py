"""Risk matrix binning: likelihood (probability) x impact cells, each with a level."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field

from readiness.model import IMPACTS, SEVERITIES, Assessment, Risk

# Likelihood bands, lowest first; a probability falls into the first band whose upper bound exceeds it.
LIKELIHOODS: tuple[str, ...] = ("rare", "unlikely", "possible", "likely", "almost certain")
_UPPER = (0.2, 0.4, 0.6, 0.8, float("inf"))
LIKELIHOOD_RANGES = ("under 20%", "20-39%", "40-59%", "60-79%", "80% or more")


def likelihood_of(probability: float) -> str:
    """The likelihood band of a probability between 0 and 1."""
    return next(name for name, upper in zip(LIKELIHOODS, _UPPER) if probability < upper)


_LEVEL_RANK = {"low": 0, "medium": 1, "high": 2, "critical": 3}


def cell_level(likelihood: str, impact: str) -> str:
    """critical, high, medium or low for a cell: likelihood rank times impact rank (1..20)."""
    score = (LIKELIHOODS.index(likelihood) + 1) * (IMPACTS.index(impact) + 1)
    if score >= 15:
        return "critical"
    if score >= 8:
        return "high"
    if score >= 4:
        return "medium"
    return "low"


@dataclass
class Cell:
    """One cell of the matrix and the risks in it."""

    likelihood: str
    impact: str
    level: str
    risks: list[Risk] = field(default_factory=list)

    @property
    def key(self) -> str:
        return f"{self.likelihood}|{self.impact}"

    @property
    def label(self) -> str:
        return f"{self.likelihood.capitalize()} x {self.impact} impact ({self.level}): {len(self.risks)} risk(s)"


def risk_cells(risks: list[Risk]) -> list[Cell]:
    """Every cell of the matrix (likelihood-major, lowest first) with the risks rated on both axes."""
    cells = {(lk, im): Cell(lk, im, cell_level(lk, im)) for lk in LIKELIHOODS for im in IMPACTS}
    for risk in risks:
        if risk.probability is not None and risk.impact is not None:
            cells[(likelihood_of(risk.probability), risk.impact)].risks.append(risk)
    return list(cells.values())


def worst_cell(cells: list[Cell]) -> Cell | None:
    """The cell to show first: the highest level holding risks, then the most risks."""
    ranked = [c for c in cells if c.risks]
    return max(ranked, key=lambda c: (_LEVEL_RANK[c.level], len(c.risks)), default=None)


def unrated(risks: list[Risk]) -> list[Risk]:
    """Risks without a stated probability or impact: they cannot be placed on the matrix."""
    return [r for r in risks if r.probability is None or r.impact is None]


def has_matrix(doc: Assessment) -> bool:
    """Whether any risk has a probability and an impact, so the matrix has something to show."""
    return any(r.probability is not None and r.impact is not None for r in doc.risks)


def finding_counts(doc: Assessment) -> dict[tuple[str, str], int]:
    """Findings counted by (category, severity); findings without a category go under 'Other'."""
    return dict(Counter((f.category or "Other", f.severity) for f in doc.findings))


def severity_order() -> tuple[str, ...]:
    """Severities from worst to least."""
    return SEVERITIES
