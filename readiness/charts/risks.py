"""The risk matrix (likelihood up, impact right) and the findings chart that replaces it without probabilities."""

from __future__ import annotations

import plotly.graph_objects as go

from readiness.charts.theme import BASE_FONT, SEVERITY_COLORS, axis, color_of, esc, figure, layout, level_word, text_on
from readiness.model import IMPACTS, SEVERITIES
from readiness.analysis.risks import LIKELIHOOD_RANGES, LIKELIHOODS, Cell

_LEVELS = ("low", "medium", "high", "critical")
MAX_HOVER_TITLES = 6


def _likelihood_label(name: str) -> str:
    return f"{name.capitalize()}<br>({LIKELIHOOD_RANGES[LIKELIHOODS.index(name)]})"


def _impact_label(name: str) -> str:
    return name.capitalize()


def risk_matrix(cells: list[Cell], *, title: str | None = None, height: int | None = None) -> go.Figure:
    """Cells coloured and labelled by level, with a clickable count marker where risks are.

    The markers' customdata is the cell key ("likelihood|impact") so a selection names its cell.
    """
    ylabels = [_likelihood_label(lk) for lk in LIKELIHOODS]
    xlabels = [_impact_label(im) for im in IMPACTS]
    by_key = {(c.likelihood, c.impact): c for c in cells}
    # A stepped colour scale: each level index maps to exactly its severity colour.
    scale = []
    for i, level in enumerate(_LEVELS):
        scale += [[i / len(_LEVELS), SEVERITY_COLORS[level]], [(i + 1) / len(_LEVELS), SEVERITY_COLORS[level]]]
    heat = {"type": "heatmap", "x": xlabels, "y": ylabels,
            "z": [[_LEVELS.index(by_key[(lk, im)].level) for im in IMPACTS] for lk in LIKELIHOODS],
            "zmin": -0.5, "zmax": len(_LEVELS) - 0.5, "colorscale": scale, "showscale": False,
            "xgap": 4, "ygap": 4, "hoverinfo": "skip"}
    filled = [c for c in cells if c.risks]
    markers = {
        "type": "scatter", "mode": "markers+text", "name": "Risks", "showlegend": False,
        "x": [_impact_label(c.impact) for c in filled],
        "y": [_likelihood_label(c.likelihood) for c in filled],
        "text": [str(len(c.risks)) for c in filled],
        "textfont": {"size": 22, "color": "#1A1A1A"},
        "marker": {"size": 40, "color": "#FFFFFF", "line": {"color": "#1A1A1A", "width": 3}},
        "customdata": [c.key for c in filled],
        "hovertext": [_hover(c) for c in filled],
        "hovertemplate": "%{hovertext}<extra></extra>",
    }
    # The level word sits in the cell's top-left corner (category axes place annotations by index), so the
    # count marker in the middle never covers it.
    labels = [{"x": IMPACTS.index(c.impact) - 0.46, "y": LIKELIHOODS.index(c.likelihood) + 0.44,
               "xanchor": "left", "yanchor": "top", "text": f"<b>{level_word(c.level)}</b>", "showarrow": False,
               "font": {"size": 16, "color": text_on(c.level)}} for c in cells]
    look = layout(
        title=title, height=height or 620, annotations=labels, clickmode="event+select", dragmode=False,
        xaxis=axis(title_text="Impact →", type="category", categoryorder="array", categoryarray=xlabels,
                   showgrid=False, fixedrange=True),
        # Likelihood rises upward: the first (rarest) band at the bottom.
        yaxis=axis(title_text="Likelihood →", type="category", categoryorder="array", categoryarray=ylabels,
                   showgrid=False, fixedrange=True),
    )
    return figure([heat, markers], look)


def _hover(cell: Cell) -> str:
    titles = [esc(r.title) for r in cell.risks[:MAX_HOVER_TITLES]]
    more = len(cell.risks) - len(titles)
    lines = [f"{level_word(cell.level)}: {cell.likelihood} x {cell.impact} impact", *titles]
    if more > 0:
        lines.append(f"... and {more} more")
    return "<br>".join(lines)


def findings_by_severity(counts: dict[tuple[str, str], int], *, title: str | None = None,
                         height: int | None = None) -> go.Figure:
    """Stacked bars of findings per category, one colour and written label per severity."""
    categories = sorted({cat for cat, _ in counts},
                        key=lambda cat: [-counts.get((cat, s), 0) for s in SEVERITIES])
    traces = []
    for severity in SEVERITIES:
        values = [counts.get((cat, severity), 0) for cat in categories]
        if not any(values):
            continue
        traces.append({
            "type": "bar", "orientation": "h", "name": level_word(severity), "y": [esc(c) for c in categories],
            "x": values, "text": [f"{level_word(severity)} {v}" if v else "" for v in values],
            "textposition": "inside", "insidetextanchor": "middle",
            "textfont": {"color": text_on(severity), "size": BASE_FONT},
            "marker": {"color": color_of(severity)},
            "hovertemplate": f"%{{y}}: %{{x}} {severity}<extra></extra>",
        })
    look = layout(title=title, height=height or max(320, 60 * len(categories) + 160), barmode="stack",
                  # Text too long for its segment is left out rather than shrunk below legible size.
                  uniformtext={"minsize": BASE_FONT - 2, "mode": "hide"},
                  legend={"orientation": "h", "y": -0.15},
                  yaxis=axis(autorange="reversed", type="category"), xaxis=axis(title_text="Findings", dtick=1))
    return figure(traces, look)
