"""Checklist completion per group, counted and as the document states it."""

from __future__ import annotations

from dataclasses import dataclass

from readiness.model import Assessment, ChecklistItem

UNGROUPED = "General"


@dataclass(frozen=True)
class GroupCompletion:
    """One checklist group: ticked items out of all, and what the document claims."""

    category: str
    done: int
    total: int
    stated_percent: float | None

    @property
    def percent(self) -> float:
        return 100.0 * self.done / self.total if self.total else 0.0


def completion(doc: Assessment) -> list[GroupCompletion]:
    """Completion per checklist group in document order, with the stated percentage where there is one."""
    groups: dict[str, list[bool]] = {}
    for item in doc.checklist:
        groups.setdefault(item.category or UNGROUPED, []).append(item.done)
    claims = {c.category.strip().casefold(): c.percent for c in doc.stated_totals.checklist}
    return [GroupCompletion(name, sum(ticks), len(ticks), claims.get(name.strip().casefold()))
            for name, ticks in groups.items()]


def open_items(doc: Assessment) -> list[ChecklistItem]:
    """The unticked items."""
    return [item for item in doc.checklist if not item.done]


def overall_completion(doc: Assessment) -> tuple[int, int]:
    """(ticked, total) over the whole checklist."""
    return sum(1 for i in doc.checklist if i.done), len(doc.checklist)
