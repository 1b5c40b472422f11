"""The portfolio: each project's latest score, and its score over versions."""

from __future__ import annotations

import plotly.graph_objects as go

from readiness.charts.theme import (LINE_WIDTH, PERCENT_RANGE, SERIES, axis, color_of, esc, figure, layout,
                                    level_word, score_level, text_on)
from readiness.analysis.summary import AssessmentSummary, ScorePoint

MAX_TREND_PROJECTS = 8


def latest_scores(latest: list[AssessmentSummary], *, title: str | None = None) -> go.Figure:
    """Each project's latest overall score in percent, worst first, with blockers written."""
    rows = sorted((s for s in latest if s.overall_percent is not None), key=lambda s: s.overall_percent)
    levels = [score_level(s.overall_percent) for s in rows]
    bars = {
        "type": "bar", "orientation": "h", "y": [esc(s.project) for s in rows], "x": [s.overall_percent for s in rows],
        "marker": {"color": [color_of(lv) for lv in levels]}, "textfont": {"color": [text_on(lv) for lv in levels]},
        "text": [f"{s.overall_percent:.0f}% · " + (f"{level_word(lv)} GAP" if lv != "low" else "OK")
                 for s, lv in zip(rows, levels)],
        "textposition": "inside", "insidetextanchor": "start",
        # One hover string per bar: nested per-point lists cost a deep copy per element on every rerun.
        "hovertext": [f"{esc(s.status or 'no verdict')}<br>{s.blockers} blocker(s), "
                      f"{s.critical_findings} critical finding(s)" for s in rows],
        "hovertemplate": "%{y}: %{x:.0f}%<br>%{hovertext}<extra></extra>",
    }
    look = layout(title=title, height=max(300, 44 * len(rows) + 140),
                  yaxis=axis(autorange="reversed", type="category"),
                  xaxis=axis(range=PERCENT_RANGE, ticksuffix="%", title_text="Latest overall score"))
    return figure([bars], look)


def score_trends(summaries: list[AssessmentSummary | ScorePoint], *, focus: str | None = None, title: str | None = None,
                 limit: int = MAX_TREND_PROJECTS) -> go.Figure:
    """One line per project with several scored versions (at most `limit`, `focus` always among them).

    More lines than distinct colours cannot be told apart on a projector, hence the limit.
    """
    by_project: dict[str, list[AssessmentSummary | ScorePoint]] = {}
    for s in summaries:
        if s.overall_percent is not None:
            by_project.setdefault(s.project, []).append(s)
    histories = [(p, rows) for p, rows in by_project.items() if len(rows) > 1]
    chosen = [h for h in histories if h[0] == focus] + [h for h in histories if h[0] != focus]
    traces = [{
        "type": "scatter", "mode": "lines+markers+text", "name": esc(project), "showlegend": True,
        "x": [s.version for s in rows], "y": [s.overall_percent for s in rows],
        "line": {"color": SERIES[i % len(SERIES)], "width": LINE_WIDTH * (1.5 if project == focus else 1)},
        "marker": {"size": 12},
        # Only the latest point is labelled: a label per point buries the lines.
        "text": [""] * (len(rows) - 1) + [f"{rows[-1].overall_percent:.0f}%"], "textposition": "top center",
        "customdata": [esc(s.date or s.imported_at[:10]) for s in rows],
        "hovertemplate": "%{fullData.name} v%{x} (%{customdata}): %{y:.0f}%<extra></extra>",
    } for i, (project, rows) in enumerate(chosen[:limit])]
    # The legend names every line, a single one too (plotly hides a one-trace legend by default).
    look = layout(title=title, height=460, showlegend=True, legend={"orientation": "h", "y": -0.25},
                  xaxis=axis(title_text="Version", dtick=1),
                  yaxis=axis(title_text="Overall score", range=[0, 105], ticksuffix="%"))
    return figure(traces, look)
