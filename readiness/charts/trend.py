"""A project's scores on a real time axis: the overall score, and each category as a small multiple.

Each point is a stored version at its date (see analysis/trend.py); hovering names the version, where
its date comes from, and the commit and its message when it was read from git.
"""

from __future__ import annotations

import datetime as dt

import plotly.graph_objects as go

from readiness.analysis.trend import TrendPoint, category_series
from readiness.charts.theme import (ACCENT, AXIS_FONT, BASE_FONT, LINE_WIDTH, axis, color_of, empty_figure, esc,
                                    figure, layout, score_level, template_text)

MAX_PANELS = 12
PANEL_COLUMNS = 3
PANEL_HEIGHT = 250


def _hover(point: TrendPoint) -> str:
    where = f"commit {point.commit[:10]}: {esc(point.note or 'no message')}" if point.commit else "not read from git"
    return f"v{point.version} · {esc(point.date_words)}<br>{where}"


def _marker_colors(values: list[float]) -> list[str]:
    return [color_of(score_level(v)) for v in values]


def overall_over_time(points: list[TrendPoint], *, title: str | None = None) -> go.Figure:
    """The stated overall score of each dated version, on a time axis; the latest value written."""
    scored = [p for p in points if p.overall_percent is not None and p.when is not None]
    if not scored:
        return empty_figure("No version states an overall score with a date.", title=title)
    values = [p.overall_percent for p in scored]
    line = {
        "type": "scatter", "mode": "lines+markers+text", "name": "Overall score",
        "x": [p.when for p in scored], "y": values,
        "line": {"color": ACCENT, "width": LINE_WIDTH},
        # Each marker in its level's colour, outlined so that a light level reads on a light page.
        "marker": {"size": 16, "color": _marker_colors(values), "line": {"color": "#1A1A1A", "width": 1.5}},
        "text": [""] * (len(scored) - 1) + [f"{values[-1]:.0f}%"], "textposition": "top center",
        "textfont": {"size": BASE_FONT + 2},
        "hovertext": [_hover(p) for p in scored],
        "hovertemplate": "%{hovertext}<br>Overall: %{y:.0f}%<extra></extra>",
        "cliponaxis": False,
    }
    look = layout(title=title, height=440, showlegend=False,
                  xaxis=_time_axis(_padded_range([p.when for p in scored]), title_text="Version date"),
                  yaxis=axis(title_text="Overall score", range=[0, 105], ticksuffix="%"))
    return figure([line], look)


def _padded_range(times: list[str]) -> list[str] | None:
    """The first to the last time with 4% of the span either side, so that edge markers are drawn whole."""
    moments = sorted(dt.datetime.fromisoformat(t if len(t) > 7 else f"{t}-01" if len(t) == 7 else f"{t}-01-01")
                     for t in times)
    if len(moments) < 2 or moments[0] == moments[-1]:
        return None
    pad = (moments[-1] - moments[0]) * 0.04
    return [(moments[0] - pad).strftime("%Y-%m-%d %H:%M"), (moments[-1] + pad).strftime("%Y-%m-%d %H:%M")]


def _time_axis(span: list[str] | None, **settings) -> dict:
    return axis(type="date", **({"range": span} if span else {}), **settings)


def _domains(parts: int, gap: float) -> list[tuple[float, float]]:
    """`parts` equal spans of the 0-1 paper axis with `gap` between them."""
    size = (1 - gap * (parts - 1)) / parts
    return [(round(i * (size + gap), 4), round(i * (size + gap) + size, 4)) for i in range(parts)]


def categories_over_time(points: list[TrendPoint], *, title: str | None = None,
                         limit: int = MAX_PANELS) -> go.Figure:
    """One small panel per category (the newest version's first), its score over time, all on one time axis."""
    dated = [p for p in points if p.when is not None]
    series, _left_out = category_series(dated, limit=limit)
    if not series:
        return empty_figure("No dated version has category scores.", title=title)
    columns = min(PANEL_COLUMNS, len(series))
    rows = -(-len(series) // columns)
    xs, ys = _domains(columns, 0.09), _domains(rows, 0.45 / rows if rows > 1 else 0)
    span = _padded_range([p.when for p in dated])
    traces, annotations, axes = [], [], {}
    for index, (name, scored) in enumerate(series.items()):
        row, column = divmod(index, columns)
        suffix = "" if index == 0 else str(index + 1)
        values = [p.categories[name] for p in scored]
        traces.append({
            "type": "scatter", "mode": "lines+markers", "name": esc(name), "xaxis": f"x{suffix}",
            "yaxis": f"y{suffix}", "x": [p.when for p in scored], "y": values,
            "line": {"color": ACCENT, "width": 3},
            "marker": {"size": 11, "color": _marker_colors(values), "line": {"color": "#1A1A1A", "width": 1}},
            "hovertext": [_hover(p) for p in scored],
            "hovertemplate": f"{template_text(name)}: %{{y:.0f}}%<br>%{{hovertext}}<extra></extra>",
            "cliponaxis": False,
        })
        top = 1 - ys[row][0]  # rows from the top
        bottom = 1 - ys[row][1]
        axes[f"xaxis{suffix}"] = _time_axis(span, domain=list(xs[column]), anchor=f"y{suffix}", nticks=4,
                                            tickfont={"size": AXIS_FONT},
                                            **({} if index == 0 else {"matches": "x"}))
        axes[f"yaxis{suffix}"] = axis(domain=[bottom, top], anchor=f"x{suffix}", range=[0, 105], tickmode="array",
                                      tickvals=[0, 50, 100], ticktext=["0%", "50%", "100%"],
                                      tickfont={"size": AXIS_FONT})
        annotations.append({"text": f"<b>{esc(name)}</b> · {values[-1]:.0f}%", "showarrow": False,
                            "xref": "paper", "yref": "paper", "x": xs[column][0], "y": top, "xanchor": "left",
                            "yanchor": "bottom", "font": {"size": BASE_FONT}})
    look = layout(title=title, height=PANEL_HEIGHT * rows + (90 if title else 40), showlegend=False,
                  annotations=annotations, **axes)
    look["margin"]["t"] = (70 if title else 30) + 20
    return figure(traces, look)
