"""A project's scores over time: one point per stored version, placed at the version's date.

A version read from git without a date of its own is placed at its commit's time (to the minute, in
UTC), so that two versions committed on one day stay apart; a version whose document states its date
is placed at that date, with the precision it states ("2025-11" stays a month). A version with neither
is not placed on the time axis: it is counted as undated instead.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field


@dataclass(frozen=True)
class TrendPoint:
    """One version of a project on the time axis."""

    assessment_id: int
    version: int
    date: str | None
    """The version's date as stored (the document's, or its commit's when it states none)."""
    dated_by: str | None
    """"document", "commit", or None when the version was not read from git."""
    commit_date: str | None
    overall_percent: float | None
    """The overall score the document states, in percent; None when it states none."""
    categories: dict[str, float] = field(default_factory=dict)
    """Category name -> score in percent, in the document's order."""
    commit: str | None = None
    note: str | None = None
    """The commit's message (first line), when read from git."""

    @property
    def when(self) -> str | None:
        """Where the point sits on a time axis: a date, a partial date, or a UTC time; None when undated."""
        if self.dated_by == "commit" and self.commit_date:
            moment = dt.datetime.fromisoformat(self.commit_date).astimezone(dt.timezone.utc)
            return moment.strftime("%Y-%m-%d %H:%M")
        return self.date

    @property
    def date_words(self) -> str:
        """The date as hover text says it, naming where it comes from."""
        if self.date is None:
            return "no date stated"
        if self.dated_by == "commit":
            return f"{self.date} (commit date; the document states none)"
        return self.date


def placed(points: list[TrendPoint]) -> tuple[list[TrendPoint], int]:
    """(the points that have a place on the time axis, oldest first; how many have none)."""
    dated = sorted((p for p in points if p.when is not None), key=lambda p: (p.when, p.version))
    return dated, len(points) - len(dated)


def category_series(points: list[TrendPoint], *, limit: int) -> tuple[dict[str, list[TrendPoint]], int]:
    """Category name -> the points that score it, for at most `limit` categories: the newest version's
    categories first (in its order), then those only older versions had; and how many were left out."""
    names: list[str] = []
    for point in reversed(points):
        names.extend(name for name in point.categories if name not in names)
    series = {name: [p for p in points if name in p.categories] for name in names[:limit]}
    return series, max(0, len(names) - limit)


def _undated_words(undated: int) -> str:
    if not undated:
        return ""
    return (f" {undated} version{'s' if undated != 1 else ''} state{'s' if undated == 1 else ''} no date and "
            f"{'is' if undated == 1 else 'are'} not drawn.")


def overall_sentence(points: list[TrendPoint], undated: int = 0) -> str:
    """What the overall-score-over-time chart shows, in one sentence from the same points."""
    scored = [p for p in points if p.overall_percent is not None]
    if not scored:
        return "No dated version states an overall score." + _undated_words(undated)
    first, last = scored[0], scored[-1]
    unscored = len(points) - len(scored)
    text = (f"{len(scored)} version{'s' if len(scored) != 1 else ''} with an overall score, from "
            f"{first.date} (v{first.version}, {first.overall_percent:.0f}%) to {last.date} "
            f"(v{last.version}, {last.overall_percent:.0f}%).")
    if unscored:
        text += f" {unscored} dated version{'s' if unscored != 1 else ''} state{'s' if unscored == 1 else ''} none."
    return text + _undated_words(undated)


def categories_sentence(points: list[TrendPoint], *, limit: int, undated: int = 0) -> str:
    """What the small multiples show, in one sentence from the same points."""
    series, left_out = category_series(points, limit=limit)
    text = (f"{len(series)} categor{'ies' if len(series) != 1 else 'y'} over {len(points)} dated version"
            f"{'s' if len(points) != 1 else ''}, the newest version's first; each panel gives the latest score "
            "of its category.")
    if left_out:
        text += f" {left_out} more categor{'ies are' if left_out != 1 else 'y is'} not drawn."
    return text + _undated_words(undated)


def newest_only(drawn: int, limit: int) -> str:
    """A sentence saying that only the newest versions are drawn, when the read stopped at `limit`."""
    return f" Only the newest {limit} versions are drawn." if drawn >= limit else ""
