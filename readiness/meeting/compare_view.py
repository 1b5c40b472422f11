"""What the Compare page says about a Comparison, in words: default pair, headline numbers, change lists."""

from __future__ import annotations

from readiness.meeting.agenda import pct, points
from readiness.analysis.compare import Comparison
from readiness.analysis.summary import AssessmentSummary


def versions_of(rows: list[AssessmentSummary] | tuple[AssessmentSummary, ...], project: str) -> list[AssessmentSummary]:
    """A project's versions, oldest to newest (the store lists them so)."""
    return [r for r in rows if r.project == project]


def default_pair(rows: list[AssessmentSummary] | tuple[AssessmentSummary, ...],
                 selected: AssessmentSummary | None) -> tuple[int, int] | None:
    """The version before the picked one and the picked one (the first two when the first is picked);
    None when its project has a single version: there is nothing to compare yet."""
    current = selected or rows[-1]
    same = versions_of(rows, current.project)
    if len(same) < 2:
        return None
    at = same.index(current)
    return (same[at - 1].id, current.id) if at > 0 else (same[0].id, same[1].id)


def newer_than(versions: list[AssessmentSummary], old_id: int) -> list[AssessmentSummary]:
    """The versions after `old_id` in a project's oldest-to-newest list: 'after' is never older than 'before'."""
    ids = [v.id for v in versions]
    return versions[ids.index(old_id) + 1:] if old_id in ids else versions


def nothing_to_compare(project: str) -> str:
    """What Compare says when a project has one version."""
    return (f"{project} has one version, so there is nothing to compare yet. Import a later assessment "
            "of it, or choose to compare it with another project.")


def across_projects_note(old: AssessmentSummary, new: AssessmentSummary) -> str:
    """Said above a comparison of two different projects: the moves are differences, not progress."""
    return (f"Comparing two different projects: {new.project} ({new.date or new.imported_at[:10]}) against "
            f"{old.project} ({old.date or old.imported_at[:10]}). The moves below are differences between "
            "them, not progress over time.")


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
