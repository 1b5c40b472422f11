"""The overall score a document's categories give, to set beside the one it states."""

from __future__ import annotations

from readiness.model import Assessment


def computed_overall(doc: Assessment) -> tuple[float, str] | None:
    """(percent, how) from the categories: weighted when every category has a weight, else the mean."""
    if not doc.categories:
        return None
    weights = [c.weight for c in doc.categories]
    if all(w is not None for w in weights) and sum(weights) > 0:
        return sum(c.percent * c.weight for c in doc.categories) / sum(weights), "weights x scores"
    return sum(c.percent for c in doc.categories) / len(doc.categories), "mean of the categories"


def blockers(doc: Assessment) -> list[str]:
    """Names of the categories marked as blocking production."""
    return [c.name for c in doc.categories if c.blocker]
