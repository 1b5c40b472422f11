"""Costs as low-to-high ranges, and how the plan's length moves with team size."""

from __future__ import annotations

import plotly.graph_objects as go

from readiness.charts.theme import ACCENT, BASE_FONT, LINE_WIDTH, SERIES, esc, styled
from readiness.model import CostItem

_RECURRENCE_COLORS = {"once": SERIES[0], "monthly": SERIES[1], "yearly": SERIES[2]}
_RECURRENCE_WORDS = {"once": "ONE-OFF", "monthly": "MONTHLY", "yearly": "YEARLY"}


def cost_ranges(items: list[CostItem], *, title: str | None = None) -> go.Figure:
    """Each cost item as a bar from its low to its high estimate, coloured and labelled by recurrence."""
    fig = go.Figure()
    for recurrence, word in _RECURRENCE_WORDS.items():
        rows = [c for c in items if c.recurrence == recurrence]
        if not rows:
            continue
        # A single figure (min == max) still needs a visible sliver.
        widths = [max(c.max - c.min, max(c.max, 1) * 0.02) for c in rows]
        fig.add_trace(go.Bar(
            orientation="h", name=word, y=[esc(c.name) for c in rows], base=[c.min for c in rows], x=widths,
            marker={"color": _RECURRENCE_COLORS[recurrence]},
            text=[f"{word} {_range(c)}" for c in rows], textposition="outside",
            customdata=[[_range(c), esc(c.note or "")] for c in rows],
            hovertemplate="%{y}: %{customdata[0]}<br>%{customdata[1]}<extra>%{fullData.name}</extra>",
            cliponaxis=False,
        ))
    fig.update_yaxes(autorange="reversed", type="category")
    fig.update_xaxes(title_text="Amount (low to high)", tickformat=",.0f", rangemode="tozero")
    fig.update_layout(barmode="overlay", legend={"orientation": "h", "y": -0.2})
    return styled(fig, title=title, height=max(300, 70 * len(items) + 180))


def _range(cost: CostItem) -> str:
    if cost.min == cost.max:
        return f"{cost.min:,.0f} {cost.currency}"
    return f"{cost.min:,.0f}-{cost.max:,.0f} {cost.currency}"


def team_scaling(curve: list[tuple[int, float, float]], *, people: int | None = None,
                 stated_days: float | None = None, title: str | None = None) -> go.Figure:
    """Plan length in working days against team size (low and high), the chosen size marked."""
    sizes = [n for n, _, _ in curve]
    ranged = any(lo != hi for _, lo, hi in curve)
    fig = go.Figure()
    fig.add_trace(go.Scatter(x=sizes, y=[hi for _, _, hi in curve], name="High estimate" if ranged else "Plan length",
                             mode="lines+markers",
                             line={"color": SERIES[1], "width": LINE_WIDTH}, marker={"size": 10},
                             hovertemplate="%{x} people: %{y:.1f} working days<extra>high</extra>"))
    if ranged:
        fig.add_trace(go.Scatter(x=sizes, y=[lo for _, lo, _ in curve], name="Low estimate",
                                 mode="lines+markers", line={"color": SERIES[4], "width": LINE_WIDTH},
                                 marker={"size": 10},
                                 hovertemplate="%{x} people: %{y:.1f} working days<extra>low</extra>"))
    if people is not None:
        chosen = next(((lo, hi) for n, lo, hi in curve if n == people), None)
        if chosen:
            fig.add_trace(go.Scatter(x=[people], y=[chosen[1]], mode="markers+text", name="Your team",
                                     marker={"symbol": "diamond", "size": 26, "color": ACCENT,
                                             "line": {"color": "#FFFFFF", "width": 2}},
                                     text=[f"{people} people: {chosen[1]:.1f} d"], textposition="top right",
                                     textfont={"size": BASE_FONT}))
    if stated_days:
        fig.add_hline(y=stated_days, line={"color": SERIES[2], "width": LINE_WIDTH, "dash": "dot"},
                      annotation_text=f"The document's plan: {stated_days:g} d",
                      annotation_font={"size": BASE_FONT})
    fig.update_xaxes(title_text="People", dtick=1)
    fig.update_yaxes(title_text="Working days", rangemode="tozero")
    fig.update_layout(legend={"orientation": "h", "y": -0.25})
    return styled(fig, title=title, height=440)
