"""One visual language for every chart: severity colours with the level written, projector-sized type."""

from __future__ import annotations

import html

import plotly.graph_objects as go

# Paul Tol's colour-blind-safe "vibrant"/"light" colours; the level is always written as well.
SEVERITY_COLORS = {
    "critical": "#CC3311",
    "high": "#EE7733",
    "medium": "#EEDD88",
    "low": "#77AADD",
    "info": "#BBBBBB",
}
# Text drawn on a severity colour: chosen for contrast with that fill, not with the page.
TEXT_ON = {"critical": "#FFFFFF", "high": "#1A1A1A", "medium": "#1A1A1A", "low": "#1A1A1A", "info": "#1A1A1A"}
NONE_COLOR = "#999999"
DONE_COLOR = "#0077BB"
OPEN_COLOR = "#BBBBBB"
ACCENT = "#0077BB"
SERIES = ["#0077BB", "#EE7733", "#009988", "#CC3311", "#33BBEE", "#EE3377", "#BBBBBB", "#000000"]

BASE_FONT = 18
AXIS_FONT = 16
TITLE_FONT = 26
LINE_WIDTH = 4
TRANSPARENT = "rgba(0,0,0,0)"


def esc(text: object) -> str:
    """Document text made safe for plotly labels, which render a subset of HTML."""
    return html.escape(str(text), quote=False)


def level_word(level: str | None) -> str:
    """The level as printed on charts: 'CRITICAL', or 'NO PRIORITY'."""
    return level.upper() if level else "NO PRIORITY"


def color_of(level: str | None) -> str:
    """The fill colour of a severity, impact or priority level."""
    return SEVERITY_COLORS.get(level or "", NONE_COLOR)


def text_on(level: str | None) -> str:
    """A text colour readable on that level's fill."""
    return TEXT_ON.get(level or "", "#1A1A1A")


def score_level(percent: float) -> str:
    """How bad a score is, as a severity: below 40% critical, below 60% high, below 80% medium."""
    if percent < 40:
        return "critical"
    if percent < 60:
        return "high"
    if percent < 80:
        return "medium"
    return "low"


def styled(fig: go.Figure, *, title: str | None = None, height: int | None = None) -> go.Figure:
    """Apply the shared look: large type, transparent background (light and dark themes), an optional title."""
    fig.update_layout(
        font={"size": BASE_FONT},
        paper_bgcolor=TRANSPARENT,
        plot_bgcolor=TRANSPARENT,
        hoverlabel={"font": {"size": BASE_FONT}},
        legend={"font": {"size": BASE_FONT}},
        margin={"l": 10, "r": 10, "t": 70 if title else 30, "b": 10},
    )
    if title:
        fig.update_layout(title={"text": esc(title), "font": {"size": TITLE_FONT}})
    if height:
        fig.update_layout(height=height)
    fig.update_xaxes(tickfont={"size": AXIS_FONT}, title_font={"size": BASE_FONT}, automargin=True)
    fig.update_yaxes(tickfont={"size": AXIS_FONT}, title_font={"size": BASE_FONT}, automargin=True)
    # Streamlit's theme template turns autorange on, which beats a range the builder chose.
    for axis in (fig.layout.xaxis, fig.layout.yaxis):
        if axis.range is not None and axis.autorange is None:
            axis.autorange = False
    return fig


def empty_figure(message: str, *, title: str | None = None) -> go.Figure:
    """A figure that says there is nothing to draw, instead of an empty plot."""
    fig = go.Figure()
    fig.add_annotation(text=esc(message), showarrow=False, font={"size": BASE_FONT},
                       xref="paper", yref="paper", x=0.5, y=0.5)
    fig.update_xaxes(visible=False)
    fig.update_yaxes(visible=False)
    return styled(fig, title=title, height=240)
