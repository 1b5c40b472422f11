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
# A little past 100 so that the "100%" tick at the plot's edge is drawn rather than dropped.
PERCENT_RANGE = [0, 102]


def esc(text: object) -> str:
    """Document text made safe for plotly labels, which render a subset of HTML."""
    return html.escape(str(text), quote=False)


def template_text(text: object) -> str:
    """Document text made safe inside a plotly template (hovertemplate, texttemplate) as well.

    Templates read "%{name}" as a variable; the per cent sign is written as the entity plotly turns
    back into "%" when it draws the label, so "%{x}" in a risk title shows as typed.
    """
    return esc(text).replace("%", "&#37;")


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


def axis(**settings) -> dict:
    """An axis with the shared type sizes; a fixed range stays fixed under Streamlit's theme."""
    base = {"tickfont": {"size": AXIS_FONT}, "title": {"font": {"size": BASE_FONT}}, "automargin": True}
    title = settings.pop("title_text", None)
    if title is not None:
        base["title"]["text"] = title
    # Streamlit's theme template turns autorange on, which beats a range the builder chose.
    if "range" in settings and "autorange" not in settings:
        settings["autorange"] = False
    return {**base, **settings}


def layout(*, title: str | None = None, height: int | None = None, **settings) -> dict:
    """The shared look: large type, transparent background (light and dark themes), an optional title."""
    base = {
        # No plotly template: copying the default one costs milliseconds per chart, and Streamlit's
        # theme (or the caller) supplies colours for everything the builders leave unset.
        "template": {},
        "font": {"size": BASE_FONT},
        "paper_bgcolor": TRANSPARENT,
        "plot_bgcolor": TRANSPARENT,
        "hoverlabel": {"font": {"size": BASE_FONT}},
        "margin": {"l": 10, "r": 10, "t": 70 if title else 30, "b": 10},
        "xaxis": axis(),
        "yaxis": axis(),
    }
    if title:
        base["title"] = {"text": esc(title), "font": {"size": TITLE_FONT}}
    if height:
        base["height"] = height
    legend = settings.pop("legend", {})
    base["legend"] = {"font": {"size": BASE_FONT}, **legend}
    return {**base, **settings}


def figure(traces: list[dict], layout_: dict) -> go.Figure:
    """A Figure from plain trace and layout dicts.

    Plotly's per-property validation costs tens of milliseconds a chart, on every rerun; the builders
    write plain dicts and tests/test_charts.py validates every builder's output once instead.
    """
    return go.Figure(data=traces, layout=layout_, _validate=False)


def styled(fig: go.Figure, *, title: str | None = None, height: int | None = None) -> go.Figure:
    """Apply the shared look to a figure built elsewhere (slower than building with `layout`)."""
    look = layout(title=title, height=height)
    look.pop("xaxis")
    look.pop("yaxis")
    fig.update_layout(**look)
    fig.update_xaxes(tickfont={"size": AXIS_FONT}, title_font={"size": BASE_FONT}, automargin=True)
    fig.update_yaxes(tickfont={"size": AXIS_FONT}, title_font={"size": BASE_FONT}, automargin=True)
    for ax in (fig.layout.xaxis, fig.layout.yaxis):
        if ax.range is not None and ax.autorange is None:
            ax.autorange = False
    return fig


def empty_figure(message: str, *, title: str | None = None) -> go.Figure:
    """A figure that says there is nothing to draw, instead of an empty plot."""
    look = layout(title=title, height=240, xaxis=axis(visible=False), yaxis=axis(visible=False),
                  annotations=[{"text": esc(message), "showarrow": False, "font": {"size": BASE_FONT},
                                "xref": "paper", "yref": "paper", "x": 0.5, "y": 0.5}])
    return figure([], look)
