"""What changed between two assessments: pure functions from two documents to a Comparison.

Things are matched by normalised name (case and spacing ignored), so that a renamed category shows
up as one removed and one added rather than as a guess. Works for two versions of one project and
for two different projects alike; nothing here reads the store.
"""

from __future__ import annotations

import datetime as dt
import math
from dataclasses import dataclass, field

import numpy as np

from readiness.model import Assessment, Category, ChecklistItem, CostItem, Finding, Phase, Risk
from readiness.analysis.plan import add_working_days
from readiness.analysis.risks import likelihood_of
from readiness.analysis.scores import scored_categories

Cell = tuple[str, str]  # (likelihood band, impact), the dashboard's risk matrix cells


def risk_cell(risk: Risk) -> Cell | None:
    """The risk matrix cell of a risk; None when its probability or impact is not stated (not on the matrix)."""
    if risk.probability is None or risk.impact is None:
        return None
    return likelihood_of(risk.probability), risk.impact


def norm(name: str | None) -> str:
    """A name as matching sees it: case-folded, inner whitespace collapsed."""
    return " ".join((name or "").split()).casefold()


@dataclass(frozen=True)
class CategoryDelta:
    """One category's score in both documents, in percent of its own scale."""

    name: str
    old_percent: float | None  # None: the category is new
    new_percent: float | None  # None: the category was dropped
    old_blocker: bool = False
    new_blocker: bool = False

    @property
    def delta(self) -> float | None:
        """Percentage points gained (negative: lost); None unless in both documents."""
        if self.old_percent is None or self.new_percent is None:
            return None
        return self.new_percent - self.old_percent


@dataclass(frozen=True)
class RiskChange:
    """A risk that appeared, disappeared, moved cell or stayed put."""

    title: str
    old: Risk | None
    new: Risk | None

    @property
    def old_cell(self) -> Cell | None:
        return risk_cell(self.old) if self.old else None

    @property
    def new_cell(self) -> Cell | None:
        return risk_cell(self.new) if self.new else None

    @property
    def appeared(self) -> bool:
        return self.old is None

    @property
    def disappeared(self) -> bool:
        return self.new is None

    @property
    def moved(self) -> bool:
        return self.old is not None and self.new is not None and self.old_cell != self.new_cell


@dataclass(frozen=True)
class PhaseChange:
    """A phase in both plans, with its end on a common working-day timeline."""

    name: str
    old: Phase
    new: Phase
    old_end: float  # working days from the old document's start
    new_end: float  # same origin: the new plan shifted by the days between the two dates
    old_end_date: dt.date | None = None
    new_end_date: dt.date | None = None

    @property
    def slip_days(self) -> float:
        """Working days the phase now ends later (negative: earlier)."""
        return self.new_end - self.old_end


@dataclass(frozen=True)
class CostPair:
    """One cost line in both documents (either side None when it exists in one only)."""

    name: str
    old: CostItem | None
    new: CostItem | None


@dataclass(frozen=True)
class Comparison:
    """Everything that changed from `old` to `new`."""

    old: Assessment
    new: Assessment
    categories: list[CategoryDelta]
    risks: list[RiskChange]
    checklist_done: list[ChecklistItem]  # ticked now, open before
    checklist_undone: list[ChecklistItem]  # open now, ticked before
    phases_added: list[Phase]
    phases_removed: list[Phase]
    phases_kept: list[PhaseChange]
    costs: list[CostPair]
    findings_new: list[Finding]  # new titles, or a severity raised
    shift_days: float = 0.0  # working days from the old document's date to the new one's
    notes: list[str] = field(default_factory=list)

    @property
    def overall_delta(self) -> float | None:
        """Overall score move in percentage points; None unless both state one."""
        if self.old.overall_percent is None or self.new.overall_percent is None:
            return None
        return self.new.overall_percent - self.old.overall_percent

    @property
    def same_project(self) -> bool:
        return norm(self.old.project) == norm(self.new.project)

    @property
    def risks_appeared(self) -> list[RiskChange]:
        return [r for r in self.risks if r.old is None]

    @property
    def risks_disappeared(self) -> list[RiskChange]:
        return [r for r in self.risks if r.new is None]

    @property
    def risks_moved(self) -> list[RiskChange]:
        return [r for r in self.risks if r.moved]

    @property
    def phases_slipped(self) -> list[PhaseChange]:
        """Phases that now end later than the old plan said (half a day of slack for rounding)."""
        return [p for p in self.phases_kept if p.slip_days > 0.5]

    @property
    def blockers_resolved(self) -> list[CategoryDelta]:
        return [c for c in self.categories if c.old_blocker and not c.new_blocker and c.new_percent is not None]

    @property
    def blockers_new(self) -> list[CategoryDelta]:
        return [c for c in self.categories if c.new_blocker and not c.old_blocker]


def _by_name(items, key) -> dict[str, object]:
    # First occurrence wins: a duplicated name in one document is matched once.
    found: dict[str, object] = {}
    for item in items:
        found.setdefault(norm(key(item)), item)
    return found


def compare_categories(old: list[Category], new: list[Category]) -> list[CategoryDelta]:
    """Category deltas in the new document's order, then categories it dropped (scored categories only)."""
    before = _by_name(scored_categories(old), lambda c: c.name)
    after = _by_name(scored_categories(new), lambda c: c.name)
    deltas = []
    for key, cat in after.items():
        was = before.get(key)
        deltas.append(CategoryDelta(cat.name, was.percent if was else None, cat.percent,
                                    bool(was and was.blocker), bool(cat.blocker)))
    for key, was in before.items():
        if key not in after:
            deltas.append(CategoryDelta(was.name, was.percent, None, bool(was.blocker), False))
    return deltas


def compare_risks(old: list[Risk], new: list[Risk]) -> list[RiskChange]:
    """Every risk of either document, matched by title."""
    before = _by_name(old, lambda r: r.title)
    after = _by_name(new, lambda r: r.title)
    changes = [RiskChange(risk.title, before.get(key), risk) for key, risk in after.items()]
    changes += [RiskChange(risk.title, risk, None) for key, risk in before.items() if key not in after]
    return changes


def compare_checklist(old: list[ChecklistItem], new: list[ChecklistItem]
                      ) -> tuple[list[ChecklistItem], list[ChecklistItem]]:
    """Items ticked since (and unticked since), matched by group and text."""
    before = _by_name(old, lambda i: f"{norm(i.category)}\x00{i.text}")
    done, undone = [], []
    for item in new:
        was = before.get(norm(f"{norm(item.category)}\x00{item.text}"))
        if was is None or was.done == item.done:
            continue
        (done if item.done else undone).append(item)
    return done, undone


def _start_date(doc: Assessment) -> dt.date | None:
    # A partial date ("2025-09") stands for its first day; good enough to line two plans up.
    if not doc.date:
        return None
    parts = [int(p) for p in doc.date.split("-")] + [1, 1]
    return dt.date(parts[0], parts[1], parts[2])


def _last_day(start: dt.date, end_day: float) -> dt.date:
    # The plan's days are working days counted from the document's date; a span ending at day N
    # takes its last working day on day N-1.
    return add_working_days(start, max(math.ceil(end_day) - 1, 0))


def working_days_between(old: Assessment, new: Assessment) -> float:
    """Working days from the old document's date to the new one's (0 when either is undated)."""
    start, end = _start_date(old), _start_date(new)
    if start is None or end is None:
        return 0.0
    return float(np.busday_count(np.datetime64(start), np.datetime64(end)))


def compare_phases(old: Assessment, new: Assessment, shift: float
                   ) -> tuple[list[Phase], list[Phase], list[PhaseChange]]:
    """Phases added, removed, and kept (with ends on the old plan's timeline)."""
    before = _by_name(old.phases, lambda p: p.name)
    after = _by_name(new.phases, lambda p: p.name)
    old_start, new_start = _start_date(old), _start_date(new)
    added = [p for key, p in after.items() if key not in before]
    removed = [p for key, p in before.items() if key not in after]
    kept = []
    for key, phase in after.items():
        was = before.get(key)
        if was is None:
            continue
        kept.append(PhaseChange(
            phase.name, was, phase, was.end_day, phase.end_day + shift,
            _last_day(old_start, was.end_day) if old_start else None,
            _last_day(new_start, phase.end_day) if new_start else None))
    return added, removed, kept


def compare_costs(old: list[CostItem], new: list[CostItem]) -> list[CostPair]:
    """Cost lines side by side, in the new document's order, then the dropped ones."""
    before = _by_name(old, lambda c: c.name)
    after = _by_name(new, lambda c: c.name)
    pairs = [CostPair(cost.name, before.get(key), cost) for key, cost in after.items()]
    pairs += [CostPair(cost.name, cost, None) for key, cost in before.items() if key not in after]
    return pairs


_SEVERITY_RANK = {"info": 0, "low": 1, "medium": 2, "high": 3, "critical": 4}


def new_findings(old: list[Finding], new: list[Finding]) -> list[Finding]:
    """Findings of the new document that are new, or whose severity went up."""
    before = _by_name(old, lambda f: f.title)
    return [f for f in new
            if (was := before.get(norm(f.title))) is None
            or _SEVERITY_RANK[f.severity] > _SEVERITY_RANK[was.severity]]


def compare_assessments(old: Assessment, new: Assessment) -> Comparison:
    """Compare two assessments: `old` is the earlier one (or the reference), `new` the one discussed."""
    shift = working_days_between(old, new) if norm(old.project) == norm(new.project) else 0.0
    notes = []
    if shift < 0:
        notes.append("The newer document is dated before the older one; plan slips are measured as dated.")
    added, removed, kept = compare_phases(old, new, shift)
    done, undone = compare_checklist(old.checklist, new.checklist)
    return Comparison(
        old=old, new=new,
        categories=compare_categories(old.categories, new.categories),
        risks=compare_risks(old.risks, new.risks),
        checklist_done=done, checklist_undone=undone,
        phases_added=added, phases_removed=removed, phases_kept=kept,
        costs=compare_costs(old.costs, new.costs),
        findings_new=new_findings(old.findings, new.findings),
        shift_days=shift, notes=notes,
    )
