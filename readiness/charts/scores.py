"""Category scores: bars worst first, a radar, and the stated overall against the computed one."""

from __future__ import annotations

import plotly.graph_objects as go

from readiness.charts.theme import (ACCENT, AXIS_FONT, BASE_FONT, LINE_WIDTH, PERCENT_RANGE, SERIES, axis,
                                    color_of, esc, figure, layout, level_word, score_level, text_on)
from readiness.analysis.scores import scored_categories
from readiness.model import Category


def _bar_text(category: Category) -> str:
    level = score_level(category.percent)
    parts = [f"{category.percent:.0f}%", f"{level_word(level)} GAP" if level != "low" else "OK"]
    if category.weight is not None:
        parts.append(f"weight {category.weight:g}%")
    if category.blocker:
        parts.append("BLOCKER")
    return " · ".join(parts)


def category_bars(categories: list[Category], *, title: str | None = None, height: int | None = None) -> go.Figure:
    """Horizontal bars of category scores in percent, worst at the top, weights and blockers written."""
    ordered = sorted(scored_categories(categories), key=lambda c: c.percent)
    levels = [score_level(c.percent) for c in ordered]
    bars = {
        "type": "bar", "orientation": "h",
        # A zero-width bar draws no label at all; a sliver keeps "0% · CRITICAL GAP" on the chart.
        "x": [max(c.percent, 0.8) for c in ordered],
        "customdata": [c.percent for c in ordered],
        "y": [esc(c.name) + (" (BLOCKER)" if c.blocker else "") for c in ordered],
        "text": [esc(_bar_text(c)) for c in ordered],
        "textposition": "auto", "insidetextanchor": "start",
        # Dark-on-colour inside the bar; outside (a short bar) the theme's own text colour, which
        # reads on light and dark backgrounds alike.
        "insidetextfont": {"color": [text_on(lv) for lv in levels]},
        # Blockers are hatched as well as labelled, so they stand out in print and for colour-blind eyes.
        "marker": {"color": [color_of(lv) for lv in levels],
                   "pattern": {"shape": ["/" if c.blocker else "" for c in ordered], "fillmode": "overlay",
                               "fgcolor": "#1A1A1A", "fgopacity": 0.35, "size": 14}},
        "hovertext": [f"{c.score:g}/{c.max:g}<br>{esc(c.status or 'no status')}" for c in ordered],
        "hovertemplate": "%{y}: %{customdata:.0f}% (%{hovertext})<extra></extra>",
        "cliponaxis": False,
    }
    look = layout(
        title=title, height=height or max(320, 70 * len(ordered) + 120),
        # Worst first means top first: plotly draws the first category at the bottom unless reversed.
        yaxis=axis(autorange="reversed", type="category"),
        xaxis=axis(range=PERCENT_RANGE, title_text="Score (% of the category's scale)", ticksuffix="%"),
    )
    return figure([bars], look)


def category_radar(categories: list[Category], *, title: str | None = None) -> go.Figure:
    """The category scores in percent on a radar, closed into a ring."""
    categories = scored_categories(categories)
    names = [esc(c.name) for c in categories]
    values = [c.percent for c in categories]
    ring = {"type": "scatterpolar", "r": values + values[:1], "theta": names + names[:1], "fill": "toself",
            "name": "Score", "line": {"color": ACCENT, "width": LINE_WIDTH},
            "hovertemplate": "%{theta}: %{r:.0f}%<extra></extra>"}
    # Category names sit outside the ring: margins wide and tall enough that none is cut off.
    look = layout(title=title, height=560, showlegend=False,
                  margin={"l": 160, "r": 160, "t": 90 if title else 60, "b": 60},
                  polar={"domain": {"x": [0, 1], "y": [0, 1]},"radialaxis": {"range": [0, 100], "ticksuffix": "%", "tickfont": {"size": AXIS_FONT}},
                         "angularaxis": {"tickfont": {"size": BASE_FONT}}, "bgcolor": "rgba(0,0,0,0)"})
    return figure([ring], look)


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
    bars = {"type": "bar", "orientation": "h", "x": values, "y": labels, "text": [f"{v:.1f}%" for v in values],
            "textposition": "auto", "marker": {"color": SERIES[: len(values)]},
            "textfont": {"color": "#FFFFFF", "size": 20}, "hovertemplate": "%{y}: %{x:.1f}%<extra></extra>"}
    look = layout(title=title, height=260, yaxis=axis(autorange="reversed"),
                  xaxis=axis(range=PERCENT_RANGE, ticksuffix="%", title_text="Overall score"))
    return figure([bars], look)
