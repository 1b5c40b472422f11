"""The immediate action items as bars of hours, in document order, effort written on each."""

from __future__ import annotations

import plotly.graph_objects as go

from readiness.analysis.actions import ActionTotals, effort_text
from readiness.charts.theme import ACCENT, NONE_COLOR, axis, esc, figure, layout

# Long titles are shortened on the axis (the hover and the table keep them whole).
MAX_LABEL = 48


def short_label(text: str, limit: int = MAX_LABEL) -> str:
    """A title cut at a word boundary to fit an axis, with '…' where it was cut."""
    text = " ".join(text.split())
    if len(text) <= limit:
        return text
    cut = text[: limit - 1].rsplit(" ", 1)[0] or text[: limit - 1]
    return cut + "…"


def action_bars(result: ActionTotals, *, title: str | None = None, height: int | None = None,
                numbered_from: int = 1) -> go.Figure:
    """One bar per action: its hours (the high end of a range), 'effort not stated' where none is given."""
    labels = [f"{numbered_from + i}. {esc(short_label(a.title))}" for i, a in enumerate(result.actions)]
    hours = [a.hours[1] if a.hours is not None else 0 for a in result.actions]
    bars = {
        "type": "bar", "orientation": "h", "name": "Hours", "y": labels, "x": hours,
        "customdata": [a.hours[0] if a.hours is not None else None for a in result.actions],
        "marker": {"color": [ACCENT if a.hours is not None else NONE_COLOR for a in result.actions]},
        "text": [esc(effort_text(a)) for a in result.actions], "textposition": "outside", "cliponaxis": False,
        "hovertext": [esc(a.title) for a in result.actions],
        "hovertemplate": "%{hovertext}: %{text}<extra></extra>",
    }
    top = max(hours, default=0) or 1
    look = layout(title=title, height=height or max(300, 56 * len(labels) + 140), showlegend=False,
                  yaxis=axis(autorange="reversed", type="category"),
                  # Room right of the longest bar for its written effort.
                  xaxis=axis(title_text="Hours", range=[0, top * 1.45], rangemode="tozero"))
    return figure([bars], look)
