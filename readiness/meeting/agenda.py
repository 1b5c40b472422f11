"""A meeting agenda in plain sentences: what to talk about, from the latest version against the previous.

The text is meant to be read aloud or pasted into a chat, so every item is a full sentence and no
markup is produced; document text is carried as plain text and escaped by whoever renders it.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from readiness.analysis import actions as action_analysis
from readiness.analysis.compare import Comparison, compare_assessments
from readiness.model import Assessment, Risk
from readiness.meeting.views import duration_text

_URGENT = ("critical", "high")


@dataclass(frozen=True)
class AgendaSection:
    """A heading and its sentences."""

    heading: str
    items: list[str] = field(default_factory=list)


@dataclass(frozen=True)
class Agenda:
    """A meeting agenda: a title line and sections, empty sections left out."""

    title: str
    sections: list[AgendaSection]

    def lines(self) -> list[str]:
        """Every sentence, in order, without headings."""
        return [item for section in self.sections for item in section.items]

    def text(self) -> str:
        """The agenda as plain text: title, then each heading followed by "- " items."""
        blocks = [self.title]
        for section in self.sections:
            blocks.append("\n".join([section.heading, *(f"- {item}" for item in section.items)]))
        return "\n\n".join(blocks) + "\n"


def pct(value: float) -> str:
    """A percentage as people say it: 35%, 66.5%."""
    return f"{value:.0f}%" if abs(value - round(value)) < 0.05 else f"{value:.1f}%"


def points(value: float) -> str:
    """A signed move in percentage points: +18 points, -5 points, 1 point."""
    text = f"{abs(value):.0f}" if abs(value - round(value)) < 0.05 else f"{abs(value):.1f}"
    unit = "point" if text == "1" else "points"
    return f"{'+' if value > 0 else '-' if value < 0 else ''}{text} {unit}"


def _label(doc: Assessment) -> str:
    return f"{doc.project} ({doc.date})" if doc.date else doc.project


def _likely(risk: Risk) -> str:
    return f"{pct(risk.probability * 100)} likely" if risk.probability is not None else "likelihood unknown"


def _risk_words(risk: Risk) -> str:
    return f"{risk.impact or 'impact not stated'}{' impact' if risk.impact else ''}, {_likely(risk)}"


def _score_items(comparison: Comparison) -> list[str]:
    items = []
    old, new = comparison.old, comparison.new
    if comparison.overall_delta is not None:
        move = comparison.overall_delta
        verb = "rose" if move > 0 else "fell" if move < 0 else "stayed"
        tail = f" ({points(move)})" if move else ""
        if move:
            items.append(f"The overall score {verb} from {pct(old.overall_percent)} to "
                         f"{pct(new.overall_percent)}{tail}.")
        else:
            items.append(f"The overall score stayed at {pct(new.overall_percent)}.")
    moved = [c for c in comparison.categories if c.delta]
    for cat in sorted(moved, key=lambda c: -abs(c.delta)):
        verb = "rose" if cat.delta > 0 else "fell"
        items.append(f"{cat.name} {verb} {points(abs(cat.delta)).lstrip('+')} "
                     f"({pct(cat.old_percent)} -> {pct(cat.new_percent)}).")
    for cat in comparison.categories:
        if cat.old_percent is None:
            items.append(f"{cat.name} is scored for the first time ({pct(cat.new_percent)}).")
        elif cat.new_percent is None:
            items.append(f"{cat.name} is no longer scored (it was {pct(cat.old_percent)}).")
    return items


def _blocker_items(comparison: Comparison) -> list[str]:
    items = [f"{c.name} is no longer a blocker ({pct(c.old_percent)} -> {pct(c.new_percent)})."
             for c in comparison.blockers_resolved]
    for cat in comparison.blockers_new:
        was = f"{pct(cat.old_percent)} -> " if cat.old_percent is not None else ""
        items.append(f"{cat.name} is a new blocker ({was}{pct(cat.new_percent)}).")
    still = [c.name for c in comparison.categories if c.old_blocker and c.new_blocker]
    if still:
        items.append(f"Still blocking: {', '.join(still)}.")
    return items


def _new_item_sentences(comparison: Comparison) -> list[str]:
    items = []
    before = {f.title.casefold(): f for f in comparison.old.findings}
    for finding in comparison.findings_new:
        if finding.severity not in _URGENT:
            continue
        where = f" ({finding.category})" if finding.category else ""
        was = before.get(finding.title.casefold())
        if was is not None:
            items.append(f"{finding.title}{where} is now {finding.severity} (it was {was.severity}).")
        else:
            items.append(f"New {finding.severity} finding: {finding.title}{where}.")
    for change in comparison.risks_appeared:
        if change.new.impact in _URGENT:
            items.append(f"New {change.new.impact}-impact risk: {change.title} ({_likely(change.new)}).")
    return items


def _risk_items(comparison: Comparison) -> list[str]:
    items = []
    for change in comparison.risks_appeared:
        if change.new.impact not in _URGENT:  # urgent ones are listed with the new items
            items.append(f"New risk: {change.title} ({_risk_words(change.new)}).")
    for change in comparison.risks_moved:
        old_likely = change.old_cell[0] if change.old_cell else "unrated"
        new_likely = change.new_cell[0] if change.new_cell else "unrated"
        parts = []
        if old_likely != new_likely:
            parts.append(f"likelihood {old_likely} -> {new_likely}")
        if change.old.impact != change.new.impact:
            parts.append(f"impact {change.old.impact} -> {change.new.impact}")
        items.append(f"{change.title} moved on the risk matrix ({', '.join(parts)}).")
    for change in comparison.risks_disappeared:
        items.append(f"{change.title} is no longer listed as a risk.")
    return items


def _plan_items(comparison: Comparison) -> list[str]:
    items = []
    old, new = comparison.old, comparison.new
    if old.time_to_ready and new.time_to_ready and old.time_to_ready != new.time_to_ready:
        items.append(f"Time to ready is now {duration_text(new.time_to_ready)} "
                     f"(it was {duration_text(old.time_to_ready)}).")
    for phase in comparison.phases_slipped:
        days = f"{phase.slip_days:g} working day{'s' if phase.slip_days != 1 else ''}"
        if phase.old_end_date and phase.new_end_date:
            items.append(f"{phase.name} now ends on {phase.new_end_date.isoformat()}, {days} later than "
                         f"planned ({phase.old_end_date.isoformat()}).")
        else:
            items.append(f"{phase.name} now ends {days} later than planned.")
    items += [f"{p.name} was dropped from the plan." for p in comparison.phases_removed]
    items += [f"{p.name} was added to the plan ({p.duration_days:g} working days)." for p in comparison.phases_added]
    return items


def _checklist_items(comparison: Comparison) -> list[str]:
    items = []
    if comparison.checklist_done:
        names = "; ".join(i.text for i in comparison.checklist_done)
        count = len(comparison.checklist_done)
        items.append(f"{count} checklist item{'s were' if count != 1 else ' was'} ticked off: {names}.")
    if comparison.checklist_undone:
        names = "; ".join(i.text for i in comparison.checklist_undone)
        items.append(f"Reopened on the checklist: {names}.")
    return items


def action_items(doc: Assessment) -> list[str]:
    """The immediate actions with their effort, then their total (the Present slide's title)."""
    result = action_analysis.totals(doc)
    if not result.count:
        return []
    items = [f"{a.title} ({action_analysis.effort_text(a)})." for a in result.actions]
    return [*items, "Total: " + action_analysis.summary_sentence(result)]


def audit_items(doc: Assessment) -> list[str]:
    """Each claim the audit found inconsistent, as a sentence."""
    return [f"{check.subject}: {check.message}." for check in doc.audit if not check.ok]


def _first_meeting(doc: Assessment) -> list[AgendaSection]:
    blockers = [c for c in doc.categories if c.blocker]
    urgent = [f for f in doc.findings if f.severity in _URGENT]
    risks = sorted((r for r in doc.risks if r.impact in _URGENT),
                   key=lambda r: -(r.probability or 0))
    sections = [
        AgendaSection("Score", [f"The overall score is {pct(doc.overall_percent)}."]
                      if doc.overall_percent is not None else []),
        AgendaSection("Blockers", [f"{c.name} blocks production"
                                   + (f" ({pct(c.percent)})." if c.percent is not None else ".") for c in blockers]),
        AgendaSection("Critical and high items",
                      [f"{f.severity.capitalize()} finding: {f.title}." for f in urgent]
                      + [f"{r.impact.capitalize()}-impact risk: {r.title} ({_likely(r)})." for r in risks]),
        AgendaSection("Immediate actions", action_items(doc)),
        AgendaSection("Claims to check", audit_items(doc)),
    ]
    return sections


def meeting_agenda(old: Assessment | None, new: Assessment) -> Agenda:
    """The agenda for discussing `new`: what changed since `old` (or, without one, what stands out)."""
    if old is None:
        sections = _first_meeting(new)
        title = f"Agenda: {_label(new)}"
    else:
        comparison = compare_assessments(old, new)
        sections = [
            AgendaSection("Blockers", _blocker_items(comparison)),
            AgendaSection("New critical and high items", _new_item_sentences(comparison)),
            AgendaSection("Score", _score_items(comparison)),
            AgendaSection("Plan", _plan_items(comparison)),
            AgendaSection("Risks", _risk_items(comparison)),
            AgendaSection("Checklist", _checklist_items(comparison)),
            AgendaSection("Immediate actions", action_items(new)),
            AgendaSection("Claims to check", audit_items(new)),
        ]
        title = f"Agenda: {_label(new)} against {_label(old)}"
    return Agenda(title, [s for s in sections if s.items])
