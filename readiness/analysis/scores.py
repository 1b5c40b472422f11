"""The overall score a document's categories give, to set beside the one it states."""

from __future__ import annotations

from readiness.model import Assessment, Category


def computed_overall(doc: Assessment) -> tuple[float, str] | None:
    """(percent, how) from the categories: weighted when every category has a weight, else the mean."""
    scored = scored_categories(doc.categories)
    if not scored:
        return None
    weights = [c.weight for c in scored]
    if all(w is not None for w in weights) and sum(weights) > 0:
        return sum(c.percent * c.weight for c in scored) / sum(weights), "weights x scores"
    return sum(c.percent for c in scored) / len(scored), "mean of the categories"


def scored_categories(categories: list[Category]) -> list[Category]:
    """The categories that state a score (a category named with a blank score or a grade alone has none)."""
    return [c for c in categories if c.score is not None]


def blockers(doc: Assessment) -> list[str]:
    """Names of the categories marked as blocking production."""
    return [c.name for c in doc.categories if c.blocker]
