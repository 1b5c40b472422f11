"""Charts of a Comparison: category deltas, risks moving on the matrix, cost ranges side by side."""

from __future__ import annotations

import math

import plotly.graph_objects as go

from readiness.charts.theme import (ACCENT, AXIS_FONT, BASE_FONT, SERIES, axis, color_of, empty_figure, esc,
                                    figure, layout, template_text)
from readiness.analysis.compare import Comparison, CostPair
from readiness.analysis.costs import short_range
from readiness.model import IMPACTS
from readiness.analysis.risks import LIKELIHOODS, cell_level

GAIN_COLOR = "#0077BB"  # blue: reads on light and dark backgrounds, and apart from red for the colour-blind
LOSS_COLOR = "#CC3311"
OLD_COLOR = "#BBBBBB"
NEW_COLOR = ACCENT


def _version_name(doc, fallback: str) -> str:
    return esc(doc.date or fallback)


def _delta_axis_title(comparison: Comparison) -> str:
    """'percentage points since <the earlier date>', or 'against <project>' across two projects."""
    old, new = comparison.old, comparison.new
    if old.project != new.project:
        return f"percentage points against {esc(old.project)}" + (f" ({esc(old.date)})" if old.date else "")
    return "percentage points since " + _version_name(old, "the earlier version")


def category_delta_figure(comparison: Comparison, *, title: str | None = None) -> go.Figure:
    """Diverging bars: percentage points each category gained (blue) or lost (red), value written on the bar."""
    rows = [c for c in comparison.categories if c.delta is not None]
    if not rows:
        return empty_figure("The two assessments share no scored category.", title=title)
    rows.sort(key=lambda c: c.delta)  # plotly draws the first row at the bottom: largest gain on top
    deltas = [c.delta for c in rows]
    # Written out, like the scores chart: an emoji may not exist in the projector's fonts.
    names = [esc(c.name) + (" (BLOCKER)" if c.new_blocker else "") for c in rows]
    bars = {
        "type": "bar", "x": deltas, "y": names, "orientation": "h",
        "marker": {"color": [GAIN_COLOR if d > 0 else LOSS_COLOR if d < 0 else OLD_COLOR for d in deltas]},
        "text": [f"{d:+.0f}" if d else "±0" for d in deltas], "textposition": "outside",
        "textfont": {"size": BASE_FONT}, "cliponaxis": False,
        "customdata": [[c.old_percent, c.new_percent] for c in rows],
        "hovertemplate": "%{y}: %{customdata[0]:.0f}% → %{customdata[1]:.0f}% (%{x:+.0f} points)<extra></extra>",
    }
    reach = max(10.0, max(abs(d) for d in deltas)) * 1.25
    look = layout(title=title, height=max(320, 60 * len(rows) + 120), showlegend=False,
                  xaxis=axis(range=[-reach, reach], zeroline=True, zerolinewidth=2, zerolinecolor="#888888",
                             title_text=_delta_axis_title(comparison)),
                  yaxis=axis(type="category"))
    return figure([bars], look)


def _offsets(count: int) -> list[tuple[float, float]]:
    """Positions for `count` markers inside one cell, within +-0.35 of its centre."""
    if count == 1:
        return [(0.0, 0.0)]
    columns = math.ceil(math.sqrt(count))
    rows = math.ceil(count / columns)
    step_x = 0.6 / max(columns - 1, 1)
    step_y = 0.5 / max(rows - 1, 1)
    return [(-0.3 + (i % columns) * step_x if columns > 1 else 0.0,
             0.25 - (i // columns) * step_y if rows > 1 else 0.0) for i in range(count)]


def risk_moves_figure(comparison: Comparison, *, title: str | None = None) -> go.Figure:
    """The risk matrix with an arrow from each risk's old cell to its new one; new and dropped risks marked."""
    changes = [c for c in comparison.risks if c.old_cell or c.new_cell]
    if not changes:
        return empty_figure("Neither assessment rates a risk's likelihood.", title=title)
    # Every marker that will be drawn, grouped by cell, so markers sharing a cell do not overlap.
    spots: dict[tuple[str, str], list[tuple[int, str]]] = {}
    for index, change in enumerate(changes):
        if change.old_cell and (change.moved or change.disappeared):
            spots.setdefault(change.old_cell, []).append((index, "old"))
        if change.new_cell:
            spots.setdefault(change.new_cell, []).append((index, "new"))
    # A moving risk keeps one sideways offset (its lane) at both ends, so that arrows along one
    # impact column run parallel instead of through each other's markers.
    movers = [i for i, c in enumerate(changes) if c.moved]
    lanes = {i: 0.0 if len(movers) == 1 else -0.3 + 0.6 * k / (len(movers) - 1) for k, i in enumerate(movers)}
    where: dict[tuple[int, str], tuple[float, float]] = {}
    for (likelihood, impact), members in spots.items():
        for (index, side), (dx, dy) in zip(members, _offsets(len(members))):
            # Same orientation as the dashboard's matrix: impact rises rightward, likelihood upward.
            where[(index, side)] = (IMPACTS.index(impact) + lanes.get(index, dx), LIKELIHOODS.index(likelihood) + dy)

    levels = ("low", "medium", "high", "critical")
    # One heatmap for the 20 cells (cheaper to send on every rerun than 20 shapes), stepped so
    # that each level index gets exactly its severity colour.
    scale = [[bound, color_of(level)] for i, level in enumerate(levels)
             for bound in (i / len(levels), (i + 1) / len(levels))]
    traces = [{"type": "heatmap", "x": list(range(len(IMPACTS))), "y": list(range(len(LIKELIHOODS))),
               "z": [[levels.index(cell_level(lk, im)) for im in IMPACTS] for lk in LIKELIHOODS],
               "zmin": -0.5, "zmax": len(levels) - 0.5, "colorscale": scale, "showscale": False,
               "opacity": 0.28, "xgap": 2, "ygap": 2, "hoverinfo": "skip"}]
    # The level is written, not told by colour alone. Mid grey: #666 all but vanished on the dark
    # theme's tinted cells.
    notes = [{"x": x + 0.46, "y": y - 0.46, "xanchor": "right", "yanchor": "bottom",
              "text": cell_level(lk, im).upper(), "showarrow": False, "font": {"size": AXIS_FONT, "color": "#8C8C8C"}}
             for y, lk in enumerate(LIKELIHOODS) for x, im in enumerate(IMPACTS)]
    for index, change in enumerate(changes):
        number = str(index + 1)
        state = ("new" if change.appeared else "dropped" if change.disappeared
                 else "moved" if change.moved else "unchanged")
        label = f"{number} · {esc(change.title)} ({state})"
        old_at, new_at = where.get((index, "old")), where.get((index, "new"))
        hover = f"{template_text(change.title)}<br>{state}<extra></extra>"
        if old_at:
            traces.append({
                "type": "scatter", "x": [old_at[0]], "y": [old_at[1]], "mode": "markers+text", "text": [number],
                "legendgroup": number, "showlegend": change.disappeared, "name": label, "hovertemplate": hover,
                "marker": {"size": 30, "color": OLD_COLOR, "symbol": "x" if change.disappeared else "circle",
                           "line": {"width": 1, "color": "#666666"}},
                "textfont": {"size": AXIS_FONT, "color": "#1A1A1A"}})
        if new_at:
            traces.append({
                "type": "scatter", "x": [new_at[0]], "y": [new_at[1]], "mode": "markers+text", "text": [number],
                "legendgroup": number, "name": label, "hovertemplate": hover,
                "marker": {"size": 34, "color": SERIES[2] if change.appeared else NEW_COLOR,
                           "symbol": "star" if change.appeared else "circle",
                           "line": {"width": 2, "color": "#FFFFFF"}},
                "textfont": {"size": AXIS_FONT, "color": "#FFFFFF"}})
        if old_at and new_at:
            # Arrow from the old cell to the new one, stopping short of the markers it joins.
            notes.append({"x": new_at[0], "y": new_at[1], "ax": old_at[0], "ay": old_at[1], "xref": "x",
                          "yref": "y", "axref": "x", "ayref": "y", "text": "", "showarrow": True,
                          "arrowhead": 3, "arrowsize": 1.4, "arrowwidth": 3, "arrowcolor": "#888888",
                          "standoff": 18, "startstandoff": 16})
    look = layout(
        title=title, height=640, annotations=notes, hovermode="closest",
        legend={"orientation": "h", "yanchor": "top", "y": -0.18, "x": 0},
        xaxis=axis(tickvals=list(range(len(IMPACTS))), ticktext=[i.capitalize() for i in IMPACTS],
                   range=[-0.5, len(IMPACTS) - 0.5], title_text="Impact →", showgrid=False, zeroline=False),
        yaxis=axis(tickvals=list(range(len(LIKELIHOODS))), ticktext=[lk.capitalize() for lk in LIKELIHOODS],
                   range=[-0.5, len(LIKELIHOODS) - 0.5], title_text="Likelihood →", showgrid=False,
                   zeroline=False))
    return figure(traces, look)


def _cost_label(pair: CostPair) -> str:
    item = pair.new or pair.old
    recurrence = "" if item.recurrence == "once" else f" ({item.recurrence})"
    return esc(pair.name) + recurrence


def cost_ranges_figure(comparison: Comparison, *, title: str | None = None) -> go.Figure:
    """Each cost line as a min-max bar for the old version (grey) and the new one (blue), side by side."""
    pairs = comparison.costs
    if not pairs:
        return empty_figure("Neither assessment states a cost.", title=title)
    labels = [_cost_label(p) for p in pairs]
    top = max(max(p.new.max if p.new else 0, p.old.max if p.old else 0) for p in pairs) or 1
    traces = []
    for side, doc, colour in (("old", comparison.old, OLD_COLOR), ("new", comparison.new, NEW_COLOR)):
        rows = [(label, getattr(pair, side)) for label, pair in zip(labels, pairs) if getattr(pair, side)]
        name = f"{'before' if side == 'old' else 'now'}: {_version_name(doc, side)}"
        traces.append({
            "type": "bar", "orientation": "h", "name": name, "y": [label for label, _ in rows],
            "base": [item.min for _, item in rows],
            # A single figure (min == max) still needs a visible sliver.
            "x": [max(item.max - item.min, top * 0.01) for _, item in rows],
            "marker": {"color": colour}, "cliponaxis": False,
            "text": [short_range(item.min, item.max, item.currency) for _, item in rows],
            "textposition": "outside", "textfont": {"size": AXIS_FONT},
            "hovertemplate": "%{y}: %{text}<extra>" + name.replace("%", "&#37;") + "</extra>"})
    currencies = sorted({(p.new or p.old).currency for p in pairs})
    look = layout(
        title=title, height=max(300, 90 * len(pairs) + 140), barmode="group",
        legend={"orientation": "h", "yanchor": "bottom", "y": 1.0, "x": 0},
        yaxis=axis(type="category", categoryorder="array", categoryarray=labels, autorange="reversed"),
        # Room on the right for the range written after the longest bar.
        xaxis=axis(title_text=" / ".join(currencies), tickformat="~s", range=[0, top * 1.35]))
    return figure(traces, look)
