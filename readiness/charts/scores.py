"""Category scores: bars worst first, a radar, and the stated overall against the computed one."""

from __future__ import annotations

import plotly.graph_objects as go

from readiness.charts.theme import (ACCENT, LINE_WIDTH, SERIES, color_of, esc, level_word, score_level,
                                    styled, text_on)
from readiness.model import Category


def _bar_text(category: Category) -> str:
    parts = [f"{category.percent:.0f}%", f"{level_word(score_level(category.percent))} GAP"
             if category.percent < 80 else "OK"]
    if category.weight is not None:
        parts.append(f"weight {category.weight:g}%")
    if category.blocker:
        parts.append("BLOCKER")
    return " · ".join(parts)


def category_bars(categories: list[Category], *, title: str | None = None) -> go.Figure:
    """Horizontal bars of category scores in percent, worst at the top, weights and blockers written."""
    ordered = sorted(categories, key=lambda c: c.percent)
    levels = [score_level(c.percent) for c in ordered]
    names = [esc(c.name) + (" (BLOCKER)" if c.blocker else "") for c in ordered]
    fig = go.Figure(go.Bar(
        orientation="h",
        x=[c.percent for c in ordered],
        y=names,
        text=[esc(_bar_text(c)) for c in ordered],
        textposition="auto",
        insidetextanchor="start",
        textfont={"color": [text_on(lv) for lv in levels]},
        # Blockers are hatched as well as labelled, so they stand out in print and for colour-blind eyes.
        marker={"color": [color_of(lv) for lv in levels],
                "pattern": {"shape": ["/" if c.blocker else "" for c in ordered], "fillmode": "overlay",
                            "fgcolor": "#1A1A1A", "fgopacity": 0.35, "size": 14}},
        customdata=[[esc(c.status or "no status"), c.score, c.max] for c in ordered],
        hovertemplate="%{y}: %{customdata[1]:g}/%{customdata[2]:g} (%{x:.0f}%)<br>%{customdata[0]}<extra></extra>",
        cliponaxis=False,
    ))
    # Worst first means top first: plotly draws the first category at the bottom unless reversed.
    fig.update_yaxes(autorange="reversed", type="category")
    fig.update_xaxes(range=[0, 100], title_text="Score (% of the category's scale)", ticksuffix="%")
    return styled(fig, title=title, height=max(320, 70 * len(ordered) + 120))


def category_radar(categories: list[Category], *, title: str | None = None) -> go.Figure:
    """The category scores in percent on a radar, closed into a ring."""
    names = [esc(c.name) for c in categories]
    values = [c.percent for c in categories]
    fig = go.Figure(go.Scatterpolar(
        r=values + values[:1], theta=names + names[:1], fill="toself", name="Score",
        line={"color": ACCENT, "width": LINE_WIDTH},
        hovertemplate="%{theta}: %{r:.0f}%<extra></extra>",
    ))
    fig.update_layout(polar={"radialaxis": {"range": [0, 100], "ticksuffix": "%", "tickfont": {"size": 16}},
                             "angularaxis": {"tickfont": {"size": 18}},
                             "bgcolor": "rgba(0,0,0,0)"},
                      showlegend=False)
    return styled(fig, title=title, height=520)


def overall_comparison(stated: float | None, computed: float | None, *, how: str = "computed",
                       title: str | None = None) -> go.Figure:
    """The overall score the document states against what its categories give, both in percent."""
    labels, values = [], []
    if stated is not None:
        labels.append("Stated")
        values.append(stated)
    if computed is not None:
        labels.append(esc(how.capitalize()))
        values.append(computed)
    fig = go.Figure(go.Bar(
        orientation="h", x=values, y=labels, text=[f"{v:.1f}%" for v in values], textposition="auto",
        marker={"color": SERIES[: len(values)]}, textfont={"color": "#FFFFFF", "size": 20},
        hovertemplate="%{y}: %{x:.1f}%<extra></extra>",
    ))
    fig.update_yaxes(autorange="reversed")
    fig.update_xaxes(range=[0, 100], ticksuffix="%", title_text="Overall score")
    return styled(fig, title=title, height=260)
