"""Costs as low-to-high ranges, and how the plan's length moves with team size."""

from __future__ import annotations

import plotly.graph_objects as go

from readiness.charts.theme import ACCENT, BASE_FONT, LINE_WIDTH, SERIES, axis, esc, figure, layout
from readiness.model import CostItem

_RECURRENCE_COLORS = {"once": SERIES[0], "monthly": SERIES[1], "yearly": SERIES[2]}
_RECURRENCE_WORDS = {"once": "ONE-OFF", "monthly": "MONTHLY", "yearly": "YEARLY"}


def cost_ranges(items: list[CostItem], *, title: str | None = None, height: int | None = None) -> go.Figure:
    """Each cost item as a bar from its low to its high estimate, coloured and labelled by recurrence."""
    traces = []
    for recurrence, word in _RECURRENCE_WORDS.items():
        rows = [c for c in items if c.recurrence == recurrence]
        if not rows:
            continue
        traces.append({
            "type": "bar", "orientation": "h", "name": word, "y": [esc(c.name) for c in rows],
            "base": [c.min for c in rows],
            # A single figure (min == max) still needs a visible sliver.
            "x": [max(c.max - c.min, max(c.max, 1) * 0.02) for c in rows],
            "marker": {"color": _RECURRENCE_COLORS[recurrence]},
            "text": [f"{word} {_range(c)}" for c in rows], "textposition": "outside",
            "hovertext": [f"{_range(c)}<br>{esc(c.note or '')}" for c in rows],
            "hovertemplate": "%{y}: %{hovertext}<extra>%{fullData.name}</extra>",
            "cliponaxis": False,
        })
    # Labels sit outside the bars: leave room right of the largest one so its label is not cut off.
    top = max((c.max for c in items), default=1) or 1
    look = layout(title=title, height=height or max(300, 70 * len(items) + 180), barmode="overlay",
                  legend={"orientation": "h", "y": -0.2}, yaxis=axis(autorange="reversed", type="category"),
                  xaxis=axis(title_text="Amount (low to high)", tickformat=",.0f",
                             range=[0, top * (2.1 if height else 1.5)]))
    return figure(traces, look)


def _range(cost: CostItem) -> str:
    if cost.min == cost.max:
        return f"{cost.min:,.0f} {cost.currency}"
    return f"{cost.min:,.0f}-{cost.max:,.0f} {cost.currency}"


def team_scaling(curve: list[tuple[int, float, float]], *, people: int | None = None,
                 stated_days: float | None = None, title: str | None = None,
                 height: int | None = None) -> go.Figure:
    """Plan length in working days against team size (low and high), the chosen size marked."""
    sizes = [n for n, _, _ in curve]
    ranged = any(lo != hi for _, lo, hi in curve)
    traces = [{"type": "scatter", "x": sizes, "y": [hi for _, _, hi in curve], "mode": "lines+markers",
               "name": "High estimate" if ranged else "Plan length",
               "line": {"color": SERIES[1], "width": LINE_WIDTH}, "marker": {"size": 10},
               "hovertemplate": "%{x} people: %{y:.1f} working days<extra></extra>"}]
    if ranged:
        traces.append({"type": "scatter", "x": sizes, "y": [lo for _, lo, _ in curve], "mode": "lines+markers",
                       "name": "Low estimate", "line": {"color": SERIES[4], "width": LINE_WIDTH},
                       "marker": {"size": 10}, "hovertemplate": "%{x} people: %{y:.1f} working days<extra></extra>"})
    chosen = next(((lo, hi) for n, lo, hi in curve if n == people), None)
    if chosen:
        traces.append({"type": "scatter", "x": [people], "y": [chosen[1]], "mode": "markers+text",
                       "name": "Your team", "text": [f"{people} people: {chosen[1]:.1f} d"],
                       "textposition": "top right", "textfont": {"size": BASE_FONT},
                       "marker": {"symbol": "diamond", "size": 26, "color": ACCENT,
                                  "line": {"color": "#FFFFFF", "width": 2}}})
    shapes, notes = [], []
    if stated_days:
        shapes.append({"type": "line", "xref": "paper", "x0": 0, "x1": 1, "y0": stated_days, "y1": stated_days,
                       "line": {"color": SERIES[2], "width": LINE_WIDTH, "dash": "dot"}})
        notes.append({"xref": "paper", "x": 1, "xanchor": "right", "y": stated_days, "yanchor": "bottom",
                      "text": f"The document's plan: {stated_days:g} d", "showarrow": False,
                      "font": {"size": BASE_FONT}})
    look = layout(title=title, height=height or 440, shapes=shapes, annotations=notes, legend={"orientation": "h", "y": -0.25},
                  xaxis=axis(title_text="People", dtick=1),
                  yaxis=axis(title_text="Working days", rangemode="tozero"))
    return figure(traces, look)
