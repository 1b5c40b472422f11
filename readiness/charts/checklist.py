"""Checklist completion per group: counted bars with the document's stated percentage beside them."""

from __future__ import annotations

import plotly.graph_objects as go

from readiness.charts.theme import BASE_FONT, DONE_COLOR, OPEN_COLOR, PERCENT_RANGE, axis, esc, figure, layout
from readiness.analysis.checklist import GroupCompletion


def completion_bars(groups: list[GroupCompletion], *, title: str | None = None) -> go.Figure:
    """Done and open items per group as percent, with a diamond where the document states another figure."""
    # The claim is written beside the group's name: text next to a marker gets clipped or overlaps bars.
    names = [esc(g.category) + (f" (stated {g.stated_percent:g}%)" if g.stated_percent is not None else "")
             for g in groups]
    traces = [
        {"type": "bar", "orientation": "h", "name": "DONE", "y": names, "x": [g.percent for g in groups],
         "marker": {"color": DONE_COLOR}, "textfont": {"color": "#FFFFFF", "size": BASE_FONT},
         "text": [f"DONE {g.done} of {g.total} · {g.percent:.0f}%" for g in groups],
         "textposition": "inside", "insidetextanchor": "start",
         "hovertemplate": "%{y}: %{x:.0f}% done<extra></extra>"},
        {"type": "bar", "orientation": "h", "name": "OPEN", "y": names, "x": [100 - g.percent for g in groups],
         "marker": {"color": OPEN_COLOR}, "textfont": {"color": "#1A1A1A", "size": BASE_FONT},
         "text": [f"OPEN {g.total - g.done}" if g.done < g.total else "" for g in groups],
         "textposition": "inside", "insidetextanchor": "end",
         "hovertemplate": "%{y}: %{x:.0f}% open<extra></extra>"},
    ]
    stated = [g for g in groups if g.stated_percent is not None]
    if stated:
        traces.append({
            "type": "scatter", "mode": "markers", "name": "STATED", "cliponaxis": False,
            "x": [g.stated_percent for g in stated],
            "y": [name for name, g in zip(names, groups) if g.stated_percent is not None],
            # A thin upright tick, not a diamond: it marks the value without covering the bar's text.
            "marker": {"symbol": "line-ns", "size": 34, "color": "#1A1A1A", "line": {"color": "#1A1A1A", "width": 4}},
            "hovertemplate": "%{y}: the document states %{x:g}%<extra></extra>",
        })
    look = layout(title=title, height=max(300, 80 * len(groups) + 180), barmode="stack",
                  uniformtext={"minsize": BASE_FONT - 2, "mode": "hide"},
                  legend={"orientation": "h", "y": -0.2, "traceorder": "normal"},
                  yaxis=axis(autorange="reversed", type="category"),
                  xaxis=axis(range=PERCENT_RANGE, ticksuffix="%", title_text="Items ticked"))
    return figure(traces, look)
