"""The portfolio: each project's latest score, and its score over versions."""

from __future__ import annotations

import plotly.graph_objects as go

from readiness.charts.theme import LINE_WIDTH, SERIES, color_of, esc, level_word, score_level, styled, text_on
from readiness.store import AssessmentSummary

MAX_TREND_PROJECTS = 12


def latest_scores(latest: list[AssessmentSummary], *, title: str | None = None) -> go.Figure:
    """Each project's latest overall score in percent, worst first, with blockers written."""
    rows = sorted((s for s in latest if s.overall_percent is not None), key=lambda s: s.overall_percent)
    levels = [score_level(s.overall_percent) for s in rows]
    fig = go.Figure(go.Bar(
        orientation="h", y=[esc(s.project) for s in rows], x=[s.overall_percent for s in rows],
        marker={"color": [color_of(lv) for lv in levels]}, textfont={"color": [text_on(lv) for lv in levels]},
        text=[f"{s.overall_percent:.0f}% · {level_word(lv)} GAP" if lv != "low" else f"{s.overall_percent:.0f}% · OK"
              for s, lv in zip(rows, levels)],
        textposition="inside", insidetextanchor="start",
        customdata=[[s.blockers, s.critical_findings, esc(s.status or "")] for s in rows],
        hovertemplate=("%{y}: %{x:.0f}%<br>%{customdata[2]}<br>%{customdata[0]} blocker(s), "
                       "%{customdata[1]} critical finding(s)<extra></extra>"),
    ))
    fig.update_yaxes(autorange="reversed", type="category")
    fig.update_xaxes(range=[0, 100], ticksuffix="%", title_text="Latest overall score")
    return styled(fig, title=title, height=max(300, 44 * len(rows) + 140))


def score_trends(summaries: list[AssessmentSummary], *, title: str | None = None,
                 limit: int = MAX_TREND_PROJECTS) -> go.Figure:
    """One line per project with several scored versions: overall percent by version."""
    by_project: dict[str, list[AssessmentSummary]] = {}
    for s in summaries:
        if s.overall_percent is not None:
            by_project.setdefault(s.project, []).append(s)
    histories = {p: rows for p, rows in by_project.items() if len(rows) > 1}
    fig = go.Figure()
    for i, (project, rows) in enumerate(list(histories.items())[:limit]):
        fig.add_trace(go.Scatter(
            x=[s.version for s in rows], y=[s.overall_percent for s in rows], mode="lines+markers+text",
            name=esc(project), line={"color": SERIES[i % len(SERIES)], "width": LINE_WIDTH},
            marker={"size": 12}, text=[f"{s.overall_percent:.0f}%" for s in rows], textposition="top center",
            customdata=[esc(s.date or s.imported_at[:10]) for s in rows],
            hovertemplate="%{fullData.name} v%{x} (%{customdata}): %{y:.0f}%<extra></extra>",
        ))
    fig.update_xaxes(title_text="Version", dtick=1)
    fig.update_yaxes(title_text="Overall score", range=[0, 105], ticksuffix="%")
    fig.update_layout(legend={"orientation": "h", "y": -0.25})
    return styled(fig, title=title, height=460)
