"""The immediate action items: each one's effort in hours and their total, one definition for every view."""

from __future__ import annotations

from dataclasses import dataclass

from readiness.model import Action, Assessment


@dataclass(frozen=True)
class ActionEffort:
    """One action and its effort in hours (low, high), or None where the document states none."""

    title: str
    hours: tuple[float, float] | None


@dataclass(frozen=True)
class ActionTotals:
    """Every action, the stated efforts added up, and how many state none."""

    actions: tuple[ActionEffort, ...]
    hours: tuple[float, float]
    unstated: int

    @property
    def count(self) -> int:
        return len(self.actions)

    @property
    def stated(self) -> int:
        return self.count - self.unstated


def action_efforts(actions: list[Action]) -> ActionTotals:
    """The actions in document order with their hours, and the total of the stated ones."""
    rows = tuple(ActionEffort(a.title, a.effort.hours() if a.effort is not None else None) for a in actions)
    stated = [r.hours for r in rows if r.hours is not None]
    return ActionTotals(rows, (sum(lo for lo, _ in stated), sum(hi for _, hi in stated)),
                        sum(1 for r in rows if r.hours is None))


def totals(doc: Assessment) -> ActionTotals:
    """action_efforts of a document's immediate actions."""
    return action_efforts(doc.actions)


def hours_text(low: float, high: float) -> str:
    """'2 hours', '1 hour', '0.75 hours', '2-3 hours'."""
    def number(value: float) -> str:
        return f"{value:.2f}".rstrip("0").rstrip(".")

    if abs(low - high) < 0.005:
        return f"{number(low)} hour{'' if number(low) == '1' else 's'}"
    return f"{number(low)}-{number(high)} hours"


def effort_text(effort: ActionEffort) -> str:
    """An action's effort in words, or 'effort not stated'."""
    return hours_text(*effort.hours) if effort.hours is not None else "effort not stated"


def summary_sentence(result: ActionTotals) -> str:
    """'6 immediate actions, 10.75 hours in total.' with the unstated ones said, never guessed."""
    if not result.count:
        return "The document lists no immediate actions."
    noun = "immediate action" if result.count == 1 else "immediate actions"
    if result.stated == 0:
        return f"{result.count} {noun}; the document states no effort for them."
    total = f"{hours_text(*result.hours)} in total"
    if result.unstated:
        return f"{result.count} {noun}, {total} for the {result.stated} with an effort; " \
               f"{result.unstated} state{'s' if result.unstated == 1 else ''} none."
    return f"{result.count} {noun}, {total}."
