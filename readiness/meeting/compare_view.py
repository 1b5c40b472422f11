"""What the Compare page says about a Comparison, in words: default pair, headline numbers, change lists."""

from __future__ import annotations

from readiness.meeting.agenda import pct, points
from readiness.analysis.compare import Comparison
from readiness.analysis.summary import AssessmentSummary


def default_pair(rows: list[AssessmentSummary] | tuple[AssessmentSummary, ...],
                 selected: AssessmentSummary | None) -> tuple[int, int]:
    """The picked assessment and the version before it; without an earlier one, another project's latest.

    One pass over `rows` (ordered by project, oldest to newest): linear in the rows given.
    """
    current = selected or rows[-1]
    earlier = None
    for row in rows:
        if row.id == current.id:
            break
        if row.project == current.project:
            earlier = row
    if earlier is not None:
        return earlier.id, current.id
    other = next((r for r in reversed(rows) if r.project != current.project), None)
    return (other.id if other else current.id), current.id


def _delta(old: float | None, new: float | None) -> str | None:
    if old is None or new is None or old == new:
        return None
    return f"{new - old:+g}"


def headline(comparison: Comparison) -> dict[str, object]:
    """Numbers for the metric tiles: score, blockers, risks and checklist progress with their moves."""
    old, new = comparison.old, comparison.new
    old_blockers = sum(1 for c in old.categories if c.blocker)
    new_blockers = sum(1 for c in new.categories if c.blocker)
    score_delta = comparison.overall_delta
    return {
        "score": pct(new.overall_percent) if new.overall_percent is not None else "not stated",
        "score_delta": points(score_delta) if score_delta else None,
        "blockers": new_blockers,
        "blockers_delta": _delta(old_blockers, new_blockers),
        "risks": len(new.risks),
        "risks_delta": _delta(len(old.risks), len(new.risks)),
        "newly_done": len(comparison.checklist_done),
    }


def _cell_words(cell) -> str:
    likelihood, impact = cell
    return f"{likelihood} x {impact} impact"


def change_lists(comparison: Comparison) -> list[tuple[str, list[str]]]:
    """Headed lists of what appeared, went away, moved or slipped; empty lists left out."""
    lists = [
        ("Risks that appeared", [r.title + (f" ({_cell_words(r.new_cell)})" if r.new_cell else "")
                                 for r in comparison.risks_appeared]),
        ("Risks that disappeared", [r.title for r in comparison.risks_disappeared]),
        ("Risks that moved cell", [f"{r.title}: {_cell_words(r.old_cell)} -> {_cell_words(r.new_cell)}"
                                   for r in comparison.risks_moved if r.old_cell and r.new_cell]),
        ("Checklist items newly done", [item.text for item in comparison.checklist_done]),
        ("Checklist items reopened", [item.text for item in comparison.checklist_undone]),
        ("Phases added", [p.name for p in comparison.phases_added]),
        ("Phases removed", [p.name for p in comparison.phases_removed]),
        ("Phases that slipped", [f"{p.name}: ends {p.slip_days:g} working days later" for p in comparison.phases_slipped]),
        ("New or more severe findings", [f"{f.title} ({f.severity})" for f in comparison.findings_new
                                         if f.severity != "info"]),
        ("New strengths", [f.title for f in comparison.findings_new if f.severity == "info"]),
    ]
    return [(heading, lines) for heading, lines in lists if lines]
